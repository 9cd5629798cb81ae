"""Before/after helpers for pass tests, and the Keras 1 files many tests run over."""

from __future__ import annotations

import textwrap
from pathlib import Path

from migrate import migrate_source

ROOT = Path(__file__).resolve().parent.parent
# every Keras 1 sample and corpus file
KERAS1_FILES = sorted((ROOT / "samples" / "keras1").glob("*.py")) + sorted(
    (ROOT / "tests" / "corpus").glob("*.py")
)


def run(before: str, **options):
    options.setdefault("image_dim_ordering", "tf")
    return migrate_source(textwrap.dedent(before), **options)


def check(before: str, after: str, **options):
    """Assert that `before` migrates to exactly `after` and that a second run changes nothing.
    Returns the findings as (row, kind) pairs."""
    result = run(before, **options)
    assert result.error is None, result.error
    assert result.after == textwrap.dedent(after)
    again = migrate_source(result.after, **{"image_dim_ordering": "tf", **options})
    assert again.after == result.after, "second run changed the output"
    return [(f.row, f.kind.value) for f in result.findings]


def check_noop(before: str, **options):
    """Assert that `before` comes out byte-identical; returns its findings as (row, kind)."""
    result = run(before, **options)
    assert result.error is None, result.error
    assert result.after == textwrap.dedent(before)
    return [(f.row, f.kind.value) for f in result.findings]
