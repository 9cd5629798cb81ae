"""HTML report: one self-contained page (inline CSS, no scripts, no external resources).

Layout: a summary (counts, run facts, findings per pass), "Needs a person" (manual
items, then errors and failed files), "Warnings to review", then one section per file
with its diff and every finding beside the line it refers to.

Stable structure, for people styling it and for browser tests:
- ``section.file#file-N``: one per file, N its index in path order; ``.status`` says
  ``changed``, ``unchanged`` or ``failed``; ``pre.error`` holds a failed file's error.
- ``table.diff``: the diff. Line rows are ``tr.add``, ``tr.del``, ``tr.ctx`` with cells
  ``td.num`` (old line), ``td.num`` (new line), ``td.sign``, ``td.code``; unchanged lines
  left out show as ``tr.gap``. Each line row carries ``data-old`` / ``data-new``.
- ``tr.finding.<kind>`` (kind = rewrite, warning, manual, error), id ``file-N-finding-K``,
  with ``data-line``, ``data-kind``, ``data-row``; it follows the row of the line it
  refers to: the old-side line of that number, else the new-side one. Findings that
  match no line (notebook cells, lines past the end) go in ``table.other-findings``.
- ``li.todo-item.<kind>`` in ``#needs-a-person`` and ``#review`` link to the file
  (``#file-N``) and to the finding row.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from html import escape

from ..findings import Finding, Kind
from ..result import FileResult, RunResult
from ._common import TOOL_NAME, file_findings, sorted_files, summary, tool_version

CONTEXT = 3  # unchanged lines shown around a change
FINDING_CONTEXT = 2  # and around a finding on an unchanged line

CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;padding:0 1em}
body{color:#1f2328}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table.counts td,table.counts th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:right}
table.counts th{text-align:left}
code,pre,table.diff,table.other-findings{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
section.file{border:1px solid #d0d7de;border-radius:6px;margin:1em 0;padding:0 .8em .8em}
.status{font-size:.8em;padding:.1em .5em;border-radius:1em;margin-left:.5em;background:#eee}
.status.changed{background:#dafbe1}.status.failed{background:#ffebe9}
table.diff,table.other-findings{border-collapse:collapse;width:100%}
table.diff td{padding:0 .5em;vertical-align:top}
td.num{color:#6e7781;text-align:right;width:3.5em;user-select:none}
td.sign{width:1em;user-select:none}td.code{white-space:pre-wrap;word-break:break-all}
tr.add{background:#e6ffec}tr.del{background:#ffebe9}tr.gap td{color:#6e7781;background:#f6f8fa}
tr.finding td{font-family:system-ui,sans-serif;padding:.2em .5em}
tr.finding td.msg{border-left:4px solid #999}
table.totals th,table.totals td{text-align:center}
tr.finding.rewrite td.msg{background:#f6f8fa;border-color:#8c959f}
tr.finding.warning td.msg{background:#fff8c5;border-color:#d4a72c}
tr.finding.manual td.msg{background:#ffebe9;border-color:#cf222e}
tr.finding.error td.msg{background:#ffebe9;border-color:#82071e}
.kind{font-weight:600;text-transform:uppercase;font-size:.8em;margin-right:.5em}
.todo{margin-top:.2em}pre.error{background:#ffebe9;padding:.6em;white-space:pre-wrap}
li.todo-item{margin:.3em 0}
"""


def _rows(before: str, after: str) -> list[tuple[str, int | None, int | None, str]]:
    """(class, old line, new line, text) for every line; same matching as FileResult.diff."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            rows += [("ctx", i + 1, j1 + i - i1 + 1, a[i]) for i in range(i1, i2)]
            continue
        rows += [("del", i + 1, None, a[i]) for i in range(i1, i2)]
        rows += [("add", None, j + 1, b[j]) for j in range(j1, j2)]
    return [(c, o, n, t.splitlines()[0] if t.splitlines() else "") for c, o, n, t in rows]


def _place(findings: list[Finding], rows: list) -> tuple[dict[int, list[int]], list[int]]:
    """Row index -> indices of the findings shown after it, and the findings left over."""
    old = {}
    new = {}
    for i, (_, o, n, _) in enumerate(rows):
        old.setdefault(o, i)
        new.setdefault(n, i)
    placed: dict[int, list[int]] = {}
    rest = []
    for k, f in enumerate(findings):
        i = None if f.cell is not None else old.get(f.line, new.get(f.line))
        if i is None:
            rest.append(k)
        else:
            placed.setdefault(i, []).append(k)
    return placed, rest


def _finding_row(fid: str, f: Finding, lead: str) -> str:
    todo = f'<div class="todo">To do: {escape(f.todo)}</div>' if f.todo else ""
    return (
        f'<tr class="finding {f.kind.value}" id="{fid}" data-line="{f.line}" '
        f'data-kind="{f.kind.value}" data-row="{escape(f.row)}">'
        f'<td class="num" colspan="3">{lead}</td><td class="msg">'
        f'<span class="kind">{f.kind.value}</span> <code class="row">{escape(f.row)}</code> '
        f'<code class="pass">{escape(f.pass_id)}</code> {escape(f.message)}{todo}</td></tr>'
    )


def _line_row(cls: str, old: int | None, new: int | None, text: str) -> str:
    sign = {"add": "+", "del": "-", "ctx": " "}[cls]
    o, n = ("" if old is None else old), ("" if new is None else new)
    return (
        f'<tr class="{cls}" data-old="{o}" data-new="{n}"><td class="num">{o}</td>'
        f'<td class="num">{n}</td><td class="sign">{sign}</td>'
        f'<td class="code">{escape(text)}</td></tr>'
    )


def _show(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _gap(count: int) -> str:
    return f'<tr class="gap"><td colspan="4">⋯ {count} unchanged lines</td></tr>'


def _diff_table(n: int, fr: FileResult, findings: list[Finding]) -> list[str]:
    after = fr.after if fr.changed else fr.before
    rows = _rows(fr.before, after)
    placed, rest = _place(findings, rows)
    show = set()
    for i, row in enumerate(rows):
        if row[0] != "ctx":
            show.update(range(i - CONTEXT, i + CONTEXT + 1))
    for i in placed:
        show.update(range(i - FINDING_CONTEXT, i + FINDING_CONTEXT + 1))
    show = sorted(i for i in show if 0 <= i < len(rows))
    out = []
    if show:
        out.append('<table class="diff">')
        prev = -1
        for i in show:
            if i != prev + 1:
                out.append(_gap(i - prev - 1))
            out.append(_line_row(*rows[i]))
            for k in placed.get(i, []):
                out.append(_finding_row(f"file-{n}-finding-{k}", findings[k], "↳"))
            prev = i
        if prev < len(rows) - 1:
            out.append(_gap(len(rows) - 1 - prev))
        out.append("</table>")
    if rest:
        out.append('<table class="other-findings">')
        for k in rest:
            f = findings[k]
            where = (f"cell {f.cell}, " if f.cell is not None else "") + f"{f.line}:{f.column}"
            out.append(_finding_row(f"file-{n}-finding-{k}", f, escape(where)))
        out.append("</table>")
    return out


def _todo_item(n: int, k: int, fr: FileResult, f: Finding) -> str:
    where = f.location()[len(f.path) :]  # [cell N]:line:col
    todo = f" — <em>{escape(f.todo)}</em>" if f.todo else ""
    return (
        f'<li class="todo-item {f.kind.value}"><a href="#file-{n}">{escape(fr.path)}</a>'
        f'<a href="#file-{n}-finding-{k}">{escape(where)}</a> '
        f"<code>{escape(f.row)}</code> {escape(f.message)}{todo}</li>"
    )


def render(run: RunResult, meta: dict) -> str:
    files = sorted_files(run)
    per_file = [file_findings(fr) for fr in files]
    s = summary(run)
    k = s["by_kind"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{TOOL_NAME} report</title><style>{CSS}</style></head><body>",
        f"<h1>{TOOL_NAME} report</h1>",
        '<section id="summary">',
    ]
    totals = (
        ("Files", s["files"]),
        ("Changed", s["changed"]),
        ("Unchanged", s["unchanged"]),
        ("Failed", s["failed"]),
        ("Rewrites", k["rewrite"]),
        ("Warnings", k["warning"]),
        ("Manual items", k["manual"]),
        ("Errors", k["error"]),
    )
    out.append('<table class="counts totals"><tr>')
    out += [f"<th>{label}</th>" for label, _ in totals]
    out.append("</tr><tr>")
    out += [f"<td>{value}</td>" for _, value in totals]
    out.append("</tr></table>")
    facts = [
        (key, meta[key])
        for key in ("target", "command", "image_ordering", "options")
        if meta.get(key)
    ]
    out.append(f"<p>{TOOL_NAME} {escape(tool_version())}</p>")
    if facts:
        out.append(
            "<dl>"
            + "".join(
                f"<dt>{escape(key)}</dt><dd><code>{escape(_show(v))}</code></dd>"
                for key, v in facts
            )
            + "</dl>"
        )
    if s["by_pass"]:
        out.append('<table class="counts by-pass"><tr><th>Pass</th><th>Findings</th></tr>')
        out += [
            f"<tr><th><code>{escape(p)}</code></th><td>{c}</td></tr>"
            for p, c in s["by_pass"].items()
        ]
        out.append("</table>")
    out.append("</section>")

    def listed(kinds):
        return [
            (n, i, fr, f)
            for n, (fr, fs) in enumerate(zip(files, per_file, strict=True))
            for i, f in enumerate(fs)
            if f.kind in kinds
        ]

    manual, errors = listed({Kind.MANUAL}), listed({Kind.ERROR})
    error_files = {n for n, *_ in errors}
    failed = [
        (n, fr) for n, fr in enumerate(files) if fr.error is not None and n not in error_files
    ]
    out.append(
        '<section id="needs-a-person">'
        f"<h2>Needs a person ({len(manual) + len(errors) + len(failed)})</h2><ol>"
    )
    out += [_todo_item(*item) for item in manual + errors]
    out += [
        f'<li class="todo-item error"><a href="#file-{n}">{escape(fr.path)}</a> '
        f"could not be migrated: {escape(fr.error)}</li>"
        for n, fr in failed
    ]
    out.append("</ol></section>")
    warnings = listed({Kind.WARNING})
    if warnings:
        out.append(f'<section id="review"><h2>Warnings to review ({len(warnings)})</h2><ol>')
        out += [_todo_item(*item) for item in warnings]
        out.append("</ol></section>")

    quiet = []
    for n, (fr, fs) in enumerate(zip(files, per_file, strict=True)):
        status = "failed" if fr.error is not None else "changed" if fr.changed else "unchanged"
        if status == "unchanged" and not fs:
            quiet.append(fr.path)
            continue
        counts = Counter(f.kind for f in fs)
        tally = ", ".join(f"{counts[x]} {x.value}" for x in Kind if counts[x])
        out.append(
            f'<section class="file {status}" id="file-{n}"><h2><code>{escape(fr.path)}'
            f'</code><span class="status {status}">{status}</span></h2>'
        )
        if tally:
            out.append(f"<p>{tally}</p>")
        if fr.error is not None:
            out.append(f'<pre class="error">{escape(fr.error)}</pre>')
        out += _diff_table(n, fr, fs)
        out.append("</section>")
    if quiet:
        out.append(f"<details><summary>{len(quiet)} unchanged files without findings</summary><ul>")
        out += [f"<li><code>{escape(p)}</code></li>" for p in quiet]
        out.append("</ul></details>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
