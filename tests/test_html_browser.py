"""The HTML report of a real run over samples/keras1, opened in headless Chromium: the diff rows
and the finding rows are in the rendered page, and the page renders to a screenshot."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from migrate.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SAMPLES = Path(__file__).parent.parent / "samples" / "keras1"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`)"
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run(
        [CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=180, check=True
    )


class Rows(HTMLParser):
    """Classes of every <tr>, and the text of each <td class="code">."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.finding_ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            classes = (attrs.get("class") or "").split()
            self.rows.append(classes)
            if "finding" in classes:
                self.finding_ids.append(attrs["id"])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    runner = CliRunner()
    for name in ("r.html", "r.json"):
        result = runner.invoke(
            app,
            ["diff", str(SAMPLES), "--image-dim-ordering", "tf", "--report", str(tmp / name)],
            prog_name="keras-migrate",
        )
        assert result.exit_code == 1, result.output
    return tmp


def test_diff_rows_and_finding_rows_render(report):
    dom = chromium(report, "--dump-dom", (report / "r.html").as_uri()).stdout
    assert dom.startswith("<!DOCTYPE html>")
    assert "<tbody>" in dom  # inserted by the browser's parser: this is the rendered DOM
    parsed = Rows()
    parsed.feed(dom)
    data = json.loads((report / "r.json").read_text())
    added = sum(
        1
        for f in data["files"]
        for line in f["diff"].splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )
    removed = sum(
        1
        for f in data["files"]
        for line in f["diff"].splitlines()
        if line.startswith("-") and not line.startswith("---")
    )
    findings = [x for f in data["files"] for x in f["findings"]]
    assert added > 0 and removed > 0 and len(findings) > 0
    assert sum(1 for c in parsed.rows if "add" in c) == added
    assert sum(1 for c in parsed.rows if "del" in c) == removed
    kinds = [c[1] for c in parsed.rows if "finding" in c]
    assert len(kinds) == len(findings)
    assert sorted(kinds) == sorted(x["kind"] for x in findings)
    assert len(set(parsed.finding_ids)) == len(findings)
    assert '<section id="needs-a-person"><h2>Needs a person (' in dom


def test_report_renders_to_a_screenshot(report):
    shot = report / "report.png"
    chromium(
        report,
        "--hide-scrollbars",
        "--window-size=1280,2400",
        f"--screenshot={shot}",
        (report / "r.html").as_uri(),
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
