"""The terminal report: diffs, findings with file:line, and a summary (rich)."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.syntax import Syntax
from rich.text import Text

from .findings import Kind
from .result import RunResult

_STYLE = {
    Kind.REWRITE: "green",
    Kind.WARNING: "yellow",
    Kind.MANUAL: "bold magenta",
    Kind.ERROR: "bold red",
}


def show(
    run: RunResult, console: Console, *, diffs: bool, quiet: bool, wrote: bool = False
) -> None:
    if not quiet:
        for result in run.files:
            if diffs and result.changed:
                console.print(Syntax(result.diff(), "diff", theme="ansi_dark", word_wrap=True))
            shown = [f for f in result.findings if f.kind is not Kind.REWRITE or not diffs]
            for f in shown:
                line = Text(f"{f.location()}: ")
                line.append(f"{f.kind.value}", style=_STYLE[f.kind])
                line.append(f" [{f.pass_id}{' ' + f.row if f.row else ''}] {f.message}")
                console.print(line)
                if f.todo and f.kind in (Kind.MANUAL, Kind.WARNING):
                    console.print(Text(f"    what to do: {f.todo}", style="dim"))
    _summary(run, console, wrote)


def _summary(run: RunResult, console: Console, wrote: bool) -> None:
    c = run.counts()
    verb = "migrated" if wrote else "would change"
    console.print(
        f"{c['files']} files scanned: {c['changed']} {verb}, {c['unchanged']} unchanged, "
        f"{c['failed']} failed; {c['rewrite']} rewrites, {c['warning']} warnings, "
        f"{c['manual']} manual items."
    )
    by_pass = Counter(f.pass_id for f in run.findings if f.kind in (Kind.REWRITE, Kind.WARNING))
    if by_pass:
        console.print("by pass: " + ", ".join(f"{k} {v}" for k, v in sorted(by_pass.items())))
    if run.options is not None:
        o = run.options
        console.print(
            f"target {o.target.name}; Keras 1 image ordering '{o.image_dim_ordering}' "
            f"(from {o.ordering_source})"
        )
