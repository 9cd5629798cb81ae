"""Property-based fuzzing of the migration (strategies in tests/fuzz/programs.py, properties
in tests/test_fuzz.py).

Profiles, chosen with the KERAS_MIGRATE_FUZZ environment variable:

    default    200 examples per property, part of the normal test run (about 10 s)
    thorough   5,000 examples per property, new random ones each run (about 10 minutes):
               KERAS_MIGRATE_FUZZ=thorough .venv/bin/pytest tests/test_fuzz.py \
                   --hypothesis-show-statistics

Both stop at the first failure they find. To list every distinct failure, with a shrunk
example of each:

    .venv/bin/python -m tests.fuzz.explore --examples 5000

Failing examples are kept in .hypothesis/ and replayed first on the next run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(
    deadline=None,  # LibCST's first parse of a session is slow; time is not the property
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("default", max_examples=200, **_COMMON)
settings.register_profile("thorough", max_examples=5000, **_COMMON)

PROFILE = os.environ.get("KERAS_MIGRATE_FUZZ", "default")
FUZZ = settings.get_profile(PROFILE)
