"""docs/coverage.md names every catalogue row with the pass that implements it, or why none does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from codemods import PASSES

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "docs" / "coverage.md"
SHARED = ROOT.parent / "shared" / "keras1to2"


def table_rows() -> dict[str, str]:
    rows = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| ([A-Z]{1,2}-\d+) \|.*\| (.+) \|$", line)
        if m:
            rows[m.group(1)] = m.group(2)
    return rows


def test_every_row_has_an_answer():
    rows = table_rows()
    assert len(rows) > 550
    assert [r for r, what in rows.items() if "NOT COVERED" in what] == []


def test_every_pass_row_is_a_catalogue_row():
    rows = table_rows()
    unknown = sorted({r for p in PASSES for r in p.rows} - set(rows))
    assert unknown == []


@pytest.mark.skipif(not SHARED.exists(), reason=f"the catalogue is not at {SHARED}")
def test_table_is_complete_and_up_to_date():
    text = "".join(
        (SHARED / doc).read_text(encoding="utf-8") for doc in ("catalogue.md", "modern.md")
    )
    catalogue = set(re.findall(r"^\| ([A-Z]{1,2}-\d+) \|", text, re.MULTILINE))
    catalogue |= set(re.findall(r"\*\*(S-\d+) ", text))
    assert sorted(catalogue - set(table_rows())) == []
    done = subprocess.run([sys.executable, "tools/coverage.py", "--check"], cwd=ROOT)
    assert done.returncode == 0, "docs/coverage.md is stale: run python tools/coverage.py"
