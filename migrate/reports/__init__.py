"""Report writers for `--report FILE`: the format comes from the file's suffix.

.json (schema.json beside this module), .md, .html, .sarif or .sarif.json.
Each format module has `render(run, meta) -> str`; `write_report` writes it.

`meta` describes the run. Keys read: target, command, options, image_ordering (all
formats), base (SARIF: directory artifact URIs are relative to; default the working
directory), passes (SARIF: optional {pass id: one-line summary} for rule descriptions).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ..result import RunResult
from . import html_report, json_report, markdown, sarif

# Longest suffix first so ".sarif.json" is not taken for plain JSON.
FORMATS = (
    (".sarif.json", sarif),
    (".sarif", sarif),
    (".json", json_report),
    (".md", markdown),
    (".markdown", markdown),
    (".html", html_report),
    (".htm", html_report),
)


def format_for(path: Path):
    name = Path(path).name.lower()
    for suffix, module in FORMATS:
        if name.endswith(suffix):
            return module
    raise ValueError(
        f"cannot tell the report format of {str(path)!r}: "
        "name it .json, .md, .html, .sarif or .sarif.json"
    )


def render_report(run: RunResult, path: Path, *, meta: dict) -> str:
    return format_for(path).render(run, meta)


def write_report(run: RunResult, path: Path, *, meta: dict) -> None:
    # Render first: a bad suffix or a rendering error leaves no half-written file.
    text = render_report(run, path, meta=meta)
    Path(path).write_text(text, encoding="utf-8", newline="\n")


def json_schema() -> dict:
    """The JSON report schema (draft 2020-12)."""
    return json.loads(resources.files(__package__).joinpath("schema.json").read_text("utf-8"))
