"""Runs that show no diff keep findings and counts, not texts: the same numbers either way."""

from pathlib import Path

from migrate import migrate_paths

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "keras1"


def test_lean_run_counts_like_a_full_run():
    full = migrate_paths([SAMPLES], jobs=1, image_dim_ordering="tf")
    lean = migrate_paths([SAMPLES], jobs=1, image_dim_ordering="tf", keep_text=False)
    assert lean.counts() == full.counts()
    assert [f.path for f in lean.changed] == [f.path for f in full.changed]
    assert [r.rewrite_counts() for r in lean.files] == [r.rewrite_counts() for r in full.files]
    assert all(r.before == r.after == "" for r in lean.files)
    assert [f for r in lean.files for f in r.findings] == [
        f for r in full.files for f in r.findings if f.kind.value != "rewrite"
    ]
