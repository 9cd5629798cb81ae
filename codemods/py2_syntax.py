"""Python 2 source -> Python 3 syntax, before the Keras passes (a text-level front end).

About one Keras 1 file in six only parses as Python 2. Such a file gets its Python-2-only
syntax converted first (print statements, `except E, e`, `raise E, "msg"`, backquotes, `<>`,
octal and long literals, `ur''`, mixed tabs and spaces, `xrange`, `cPickle`, `iteritems()` ...),
then the Keras passes run on the result. Everything else stays byte-for-byte. Integer `/` is
reported for review, not changed. See migrate/py2.py for the fixers and why.

    print "loss:", loss          ->  print("loss:", loss)
    except IOError, e:           ->  except IOError as e:
    for i in xrange(10):         ->  for i in range(10):
"""

from __future__ import annotations

from migrate.findings import Kind
from migrate.passes import Pass
from migrate.py2 import PASS_ID, REVIEW_ONLY, convert_py2


class Py2SyntaxPass(Pass):
    id = PASS_ID
    summary = (
        "Python 2 syntax -> Python 3 (print, except, raise, xrange, ...), before the Keras passes"
    )
    rows = ()
    safety = "review"
    explanation = __doc__
    front_end = True  # runs on the text of files that do not parse as Python 3

    @staticmethod
    def convert(text: str):
        """(new text, [(line, column, kind, message)]); raises migrate.py2.Py2Error."""
        new, changes = convert_py2(text)
        notes = [
            (
                c.line,
                c.column + 1,
                Kind.WARNING if c.fixer in REVIEW_ONLY else Kind.REWRITE,
                f"{c.fixer}: {c.message}",
            )
            for c in changes
        ]
        return new, notes
