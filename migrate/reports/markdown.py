"""Markdown report, meant as a pull-request description.

Sections: a summary table; "Needs a person" (manual items, then failed files and
error findings, as a task list); "Warnings to review"; then one collapsed
<details> per changed file holding its diff in a ```diff fence. Diffs are capped
per file (MAX_DIFF_LINES), lists at MAX_ITEMS, and diffs only fill the room left
under MAX_CHARS, so the text fits in a pull-request body; what is cut is said in a note.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from ..findings import Finding, Kind
from ..result import FileResult, RunResult
from ._common import TOOL_NAME, all_findings, sorted_files, summary

MAX_CHARS = 60_000  # GitHub refuses a pull-request body over 65536 characters
MAX_DIFF_LINES = 300
MAX_ITEMS = 100  # per list, so long lists still leave room for some diffs


def _text(s: str) -> str:
    """Prose for Markdown: keep user text from turning into HTML or breaking a table."""
    return html.escape(s, quote=False).replace("|", "\\|").replace("\n", " ")


def _code(s: str) -> str:
    """An inline code span that survives backticks inside s."""
    run = max((len(m) for m in re.findall(r"`+", s)), default=0)
    tick = "`" * (run + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{tick}{pad}{s}{pad}{tick}"


def _fence(body: str) -> str:
    run = max((len(m) for m in re.findall(r"`{3,}", body)), default=0)
    return "`" * max(3, run + 1)


def _item(f: Finding, box: bool) -> str:
    parts = [_code(f.location()), f.row, _code(f.pass_id)]
    line = ("- [ ] " if box else "- ") + " · ".join(parts) + f" — {_text(f.message)}"
    if f.todo:
        line += f" **To do:** {_text(f.todo)}"
    return line


def _capped(items: list[str]) -> list[str]:
    """At most MAX_ITEMS list items, then a note, then a blank line."""
    if len(items) <= MAX_ITEMS:
        return [*items, ""]
    rest = len(items) - MAX_ITEMS
    return [*items[:MAX_ITEMS], f"- … and {rest} more: see the JSON or HTML report.", ""]


def _file_counts(findings: list[Finding]) -> str:
    c = Counter(f.kind for f in findings)
    return ", ".join(f"{c[k]} {k.value}" for k in Kind if c[k]) or "no findings"


def render(run: RunResult, meta: dict) -> str:
    s = summary(run)
    k = s["by_kind"]
    out = [f"## {TOOL_NAME} report", ""]
    facts = [
        f"{name}: {_code(str(meta[key]))}"
        for key, name in (
            ("target", "target"),
            ("command", "command"),
            ("image_ordering", "image ordering"),
        )
        if meta.get(key)
    ]
    if facts:
        out += [" · ".join(facts), ""]
    out += [
        "| Files | Changed | Unchanged | Failed | Rewrites | Warnings | Manual items |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s['files']} | {s['changed']} | {s['unchanged']} | {s['failed']} "
        f"| {k['rewrite']} | {k['warning']} | {k['manual']} |",
        "",
    ]

    findings = all_findings(run)
    manual = [f for f in findings if f.kind is Kind.MANUAL]
    errors = [f for f in findings if f.kind is Kind.ERROR]
    # A failed file without an error finding still has to show up.
    error_paths = {f.path for f in errors}
    failed = [fr for fr in sorted_files(run) if fr.error is not None and fr.path not in error_paths]
    todo = len(manual) + len(errors) + len(failed)
    if todo:
        out += [f"### Needs a person ({todo})", ""]
        items = [_item(f, box=True) for f in manual + errors]
        items += [
            f"- [ ] {_code(fr.path)} — could not be migrated: {_text(fr.error)}" for fr in failed
        ]
        out += _capped(items)

    warnings = [f for f in findings if f.kind is Kind.WARNING]
    if warnings:
        out += [f"### Warnings to review ({len(warnings)})", ""]
        out += _capped([_item(f, box=False) for f in warnings])

    changed = [fr for fr in sorted_files(run) if fr.changed]
    if changed:
        out += [f"### Changed files ({len(changed)})", ""]
    room = MAX_CHARS - len("\n".join(out)) - 300  # 300: the closing note
    for done, fr in enumerate(changed):
        block = _diff_block(fr)
        if len(block) > room:
            out += [
                f"_Diffs of {len(changed) - done} more changed files left out to keep this"
                f" description short; run {_code(f'{TOOL_NAME} diff')} to see them._",
            ]
            break
        out.append(block)
        room -= len(block) + 1
    return "\n".join(out).rstrip("\n") + "\n"


def _diff_block(fr: FileResult) -> str:
    """A collapsed <details> with the file's diff, cut at MAX_DIFF_LINES."""
    lines = fr.diff().splitlines()
    body = "\n".join(lines[:MAX_DIFF_LINES])
    fence = _fence(body)
    out = [
        f"<details><summary><code>{html.escape(fr.path)}</code> — "
        f"{_file_counts(fr.findings)}</summary>",
        "",
        f"{fence}diff",
        body,
        fence,
        "",
    ]
    if len(lines) > MAX_DIFF_LINES:
        out += [
            f"_Diff cut after {MAX_DIFF_LINES} of {len(lines)} lines;"
            f" run {_code(f'{TOOL_NAME} diff {fr.path}')} for all of it._",
            "",
        ]
    out += ["</details>", ""]
    return "\n".join(out)
