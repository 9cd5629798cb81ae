"""`python -m migrate`: the keras-migrate command line."""

from .cli import main

main()
