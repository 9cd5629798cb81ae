"""The fuzzing properties, shared by tests/test_fuzz.py and the explore script."""

from __future__ import annotations

import ast
from collections import Counter

from migrate import migrate_source
from tests.fuzz.programs import KEEP


def migrate(code: str):
    return migrate_source(code, image_dim_ordering="th")


def check_keras1(code: str) -> None:
    """Never raises, no error, the output parses, lines marked KEEP (not Keras) stay as they
    are, and a second run changes nothing."""
    ast.parse(code)  # the generator's own promise
    result = migrate(code)
    assert result.error is None, f"error: {result.error}"
    try:
        ast.parse(result.after)
    except SyntaxError as exc:
        raise AssertionError(f"output does not parse\n{exc}") from None
    kept = Counter(line for line in code.splitlines() if line.endswith(KEEP))
    missing = kept - Counter(result.after.splitlines())
    assert not missing, "code that is not Keras was changed:\n" + "\n".join(missing)
    again = migrate(result.after)
    assert again.error is None, f"error on the second run: {again.error}"
    if again.after != result.after:
        passes = sorted({f.pass_id for f in again.findings if f.kind.value != "manual"})
        raise AssertionError(f"a second run changed the output (passes {', '.join(passes)})")


def check_plain(code: str) -> None:
    """Code without Keras: byte-identical, nothing rewritten."""
    ast.parse(code)
    result = migrate(code)
    assert result.error is None, f"error: {result.error}"
    if result.after != code:
        passes = sorted({f.pass_id for f in result.findings})
        raise AssertionError(f"code without Keras was changed (passes {', '.join(passes)})")
    found = sorted({(f.pass_id, f.row, f.kind.value) for f in result.findings})
    assert not found, f"findings on code without Keras: {found}"
