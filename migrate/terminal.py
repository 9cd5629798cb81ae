"""The terminal report (rich): per file its diff and the findings to review, then the items
that need a person with file:line, then a summary.

Lines are never cropped or wrapped (a diff must stay copyable), and the console is built with
markup off: messages hold `[a, b]` and `[merge M-05]`, which rich would read as style tags.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from rich.console import Console
from rich.text import Text

from .findings import Finding, Kind
from .result import FileResult, RunResult

_STYLE = {
    Kind.REWRITE: "green",
    Kind.WARNING: "yellow",
    Kind.MANUAL: "bold magenta",
    Kind.ERROR: "bold red",
}
_DIFF_STYLE = (("+++", "bold"), ("---", "bold"), ("@@", "cyan"), ("+", "green"), ("-", "red"))


def console(*, no_color: bool = False, stderr: bool = False) -> Console:
    """A console for the report; no_color gives plain text (no colour, no bold)."""
    return Console(
        stderr=stderr,
        color_system=None if no_color else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
    )


def show(
    run: RunResult,
    console: Console,
    *,
    diffs: bool,
    quiet: bool = False,
    verbose: bool = False,
    wrote: bool = False,
) -> None:
    """diffs: print each changed file's diff; verbose: list every rewrite too (by default only
    what needs a look: warnings per file, manual items and errors at the end)."""
    if quiet:
        console.print(_counts_line(run, wrote))
        return
    files = [_file(result, diffs=diffs, verbose=verbose, wrote=wrote) for result in run.files]
    # Diffs are set apart by a blank line; without them each file is a header and a few lines.
    blocks = [b for b in files if b] if diffs else [[line for b in files for line in b]]
    blocks += [_needs_a_person(run), _summary(run, wrote)]
    for n, block in enumerate(b for b in blocks if b):
        if n:
            console.print()
        for line in block:
            console.print(line)


def _file(result: FileResult, *, diffs: bool, verbose: bool, wrote: bool) -> list[Text]:
    listed = [
        f for f in result.findings if f.kind is Kind.WARNING or (verbose and f.kind is Kind.REWRITE)
    ]
    out = []
    if diffs and result.changed:
        for line in result.diff().splitlines():
            style = next((s for prefix, s in _DIFF_STYLE if line.startswith(prefix)), "")
            out.append(Text(line, style=style))
    elif result.changed or listed:  # without a diff, a header says what happens to the file
        kinds = Counter(f.kind for f in result.findings)
        kinds[Kind.REWRITE] += sum(result.rewrites.values())
        tally = ", ".join(_n(kinds[k], k.value) for k in (Kind.REWRITE, Kind.WARNING) if kinds[k])
        status = ("migrated" if wrote else "would change") if result.changed else "unchanged"
        header = Text(result.path, style="bold")
        header.append(f"  {status}{': ' + tally if tally else ''}", style="dim")
        out.append(header)
    for f in sorted(listed):
        where = _location(result, f).removeprefix(result.path).lstrip(":")
        out.append(_finding(where or "(file)", f, indent="  "))
    return out


def _finding(where: str, f: Finding, indent: str, told: set | None = None) -> Text:
    """One finding; with `told`, a "what to do" already printed is referred to, not repeated."""
    line = Text(f"{indent}{where} ")
    line.append(f.kind.value, style=_STYLE[f.kind])
    line.append(f" [{f.pass_id}{' ' + f.row if f.row else ''}] {f.message}")
    if f.todo and f.kind is not Kind.REWRITE:
        todo = f.todo
        if told is not None:
            todo = f"as for {f.row or f.pass_id} above" if f.todo in told else f.todo
            told.add(f.todo)
        todo = todo.replace("\n", f"\n{indent}      ")  # a several-line todo stays indented
        line.append(f"\n{indent}    what to do: {todo}", style="dim")
    return line


def _needs_a_person(run: RunResult) -> list[Text]:
    """Manual items and errors, with path:line:col, after everything else."""
    items, told = [], set()
    for result in run.files:
        findings = sorted(f for f in result.findings if f.kind in (Kind.MANUAL, Kind.ERROR))
        items += [_finding(_location(result, f), f, "  ", told) for f in findings]
        if result.error is not None and not any(f.kind is Kind.ERROR for f in findings):
            items.append(Text(f"  {result.path}: could not be migrated: {result.error}"))
    if not items:
        return []
    return [Text(f"Needs a person ({len(items)})", style="bold magenta"), *items]


def _location(result: FileResult, f: Finding) -> str:
    """path[cell N]:line:col, the path taken from the file when the finding has none."""
    where = (f if f.path else dataclasses.replace(f, path=result.path)).location()
    return where.removesuffix(":0:0")  # about the whole file, not a line


def _counts_line(run: RunResult, wrote: bool) -> str:
    c = run.counts()
    verb = "migrated" if wrote else "would change"
    return (
        f"{_n(c['files'], 'file')} scanned: {c['changed']} {verb}, {c['unchanged']} unchanged, "
        f"{c['failed']} failed; {_n(c['rewrite'], 'rewrite')}, {_n(c['warning'], 'warning')}, "
        f"{_n(c['manual'], 'manual item')}."
    )


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(run: RunResult, wrote: bool) -> list[Text]:
    out = [Text(_counts_line(run, wrote), style="bold")]
    by_pass = Counter(f.pass_id for f in run.findings if f.kind is Kind.WARNING)
    for result in run.files:
        by_pass.update(result.rewrite_counts())
    if by_pass:
        out.append(
            Text("rewrites by pass: " + ", ".join(f"{k} {v}" for k, v in sorted(by_pass.items())))
        )
    if run.options is not None:
        o = run.options
        out.append(
            Text(
                f"target {o.target.name}; Keras 1 image ordering '{o.image_dim_ordering}' "
                f"(from {o.ordering_source})"
            )
        )
    return out
