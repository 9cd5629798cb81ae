"""The `keras-migrate` command line.

Exit codes (all commands): 0 nothing left to do; 1 files would change (`check`, `diff`);
2 bad usage (unknown option, missing path); 3 manual work left and nothing to rewrite;
4 some files could not be read, parsed or written.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from .context import DEFAULT_TARGET, TARGETS

EXIT_OK, EXIT_CHANGES, EXIT_USAGE, EXIT_MANUAL, EXIT_FAILED = 0, 1, 2, 3, 4

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Rewrite Keras 1 code to Keras 2, and report every change and what needs a person.",
)

PathsArg = Annotated[list[Path], typer.Argument(help="Files or folders; '-' reads standard input.")]
TargetOpt = Annotated[
    str, typer.Option("--target", help=f"Keras 2 to emit: {', '.join(TARGETS)}.")
]
OrderingOpt = Annotated[
    str | None,
    typer.Option(
        "--image-dim-ordering",
        help="The Keras 1 project's ordering, th or tf (default: ~/.keras/keras.json, else tf).",
    ),
]
SelectOpt = Annotated[
    list[str] | None, typer.Option("--select", help="Only these passes or catalogue rows.")
]
IgnoreOpt = Annotated[
    list[str] | None, typer.Option("--ignore", help="Skip these passes or catalogue rows.")
]
ExcludeOpt = Annotated[list[str] | None, typer.Option("--exclude", help="Glob of paths to skip.")]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")]
ReportOpt = Annotated[
    Path | None, typer.Option("--report", help="Also write a report: .json .md .html .sarif")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary line.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="Plain text output.")]
LoadOpt = Annotated[
    list[str] | None, typer.Option("--load", help="Also run the pass MODULE:ATTR (repeatable).")
]


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


def _console(no_color: bool, stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, no_color=no_color, highlight=False, soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    _console(True, stderr=True).print(f"keras-migrate: error: {message}")
    return typer.Exit(EXIT_USAGE)


def _execute(
    paths, *, write, output, target, ordering, select, ignore, exclude, jobs, load
):
    from . import migrate_source
    from .passes import PassError, load_pass
    from .run import RunError, run

    if target not in TARGETS:
        raise _fail(f"unknown --target {target!r}; choose one of {', '.join(TARGETS)}")
    if ordering not in (None, "th", "tf"):
        raise _fail("--image-dim-ordering must be th or tf")
    try:
        extra = [load_pass(spec) for spec in _split(load)]
        if [str(p) for p in paths] == ["-"]:
            from .result import RunResult

            result = migrate_source(
                sys.stdin.read(), path="<stdin>", target=target, image_dim_ordering=ordering,
                select=_split(select), ignore=_split(ignore), passes=extra,
            )
            return RunResult([result]), True
        return run(
            paths, write=write, output=output, target=target, image_dim_ordering=ordering,
            select=_split(select), ignore=_split(ignore), passes=extra,
            exclude=_split(exclude), jobs=jobs,
        ), False
    except (RunError, PassError, ValueError) as exc:
        raise _fail(str(exc)) from None


def _exit_code(run, *, pending: bool) -> int:
    if run.failed:
        return EXIT_FAILED
    if pending and run.changed:
        return EXIT_CHANGES
    if run.findings and any(f.kind.value == "manual" for f in run.findings):
        return EXIT_MANUAL
    return EXIT_OK


def _report(run, path: Path | None, command: str) -> None:
    if path is None:
        return
    from .reports import write_report

    options = run.options
    meta = {
        "command": command,
        "target": options.target.name if options else DEFAULT_TARGET,
        "image_dim_ordering": options.image_dim_ordering if options else None,
        "image_dim_ordering_source": options.ordering_source if options else None,
    }
    try:
        write_report(run, path, meta=meta)
    except (OSError, ValueError) as exc:
        raise _fail(f"cannot write report {path}: {exc}") from None


@app.command()
def diff(
    paths: PathsArg,
    target: TargetOpt = DEFAULT_TARGET,
    image_dim_ordering: OrderingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    load: LoadOpt = None,
) -> None:
    """Dry run: show the unified diff and the findings; write nothing."""
    from .terminal import show

    run, _ = _execute(
        paths, write=False, output=None, target=target, ordering=image_dim_ordering,
        select=select, ignore=ignore, exclude=exclude, jobs=jobs, load=load,
    )
    show(run, _console(no_color), diffs=not quiet, quiet=quiet)
    _report(run, report, "diff")
    raise typer.Exit(_exit_code(run, pending=True))


@app.command()
def check(
    paths: PathsArg,
    target: TargetOpt = DEFAULT_TARGET,
    image_dim_ordering: OrderingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    load: LoadOpt = None,
) -> None:
    """For CI: say what would change and what needs a person; write nothing.

    Exit 0 nothing to do, 1 files would change, 3 manual work left, 4 files failed.
    """
    from .terminal import show

    run, _ = _execute(
        paths, write=False, output=None, target=target, ordering=image_dim_ordering,
        select=select, ignore=ignore, exclude=exclude, jobs=jobs, load=load,
    )
    show(run, _console(no_color), diffs=False, quiet=quiet)
    _report(run, report, "check")
    raise typer.Exit(_exit_code(run, pending=True))


@app.command()
def migrate(
    paths: PathsArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write a migrated copy of the tree here instead."),
    ] = None,
    target: TargetOpt = DEFAULT_TARGET,
    image_dim_ordering: OrderingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    no_color: NoColorOpt = False,
    load: LoadOpt = None,
) -> None:
    """Rewrite files in place (or into --output DIR), then list what needs a person."""
    from .terminal import show

    run, stdin = _execute(
        paths, write=output is None, output=output, target=target, ordering=image_dim_ordering,
        select=select, ignore=ignore, exclude=exclude, jobs=jobs, load=load,
    )
    if stdin:
        result = run.files[0]
        sys.stdout.write(result.before if result.error else result.after)
        show(run, _console(no_color, stderr=True), diffs=False, quiet=quiet)
    else:
        if output is not None:
            _copy_others(paths, output, exclude)
        show(run, _console(no_color), diffs=False, quiet=quiet, wrote=True)
    _report(run, report, "migrate")
    raise typer.Exit(_exit_code(run, pending=False))


def _copy_others(paths: list[Path], output: Path, exclude) -> None:
    """Copy the files the migration does not own into the output tree (modes kept)."""
    from .run import SUFFIXES, _excluded

    for given in paths:
        if not given.is_dir():
            continue
        dest_root = output / given.resolve().name if len(paths) > 1 else output
        for src in sorted(given.rglob("*")):
            rel = src.relative_to(given)
            if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                continue
            if src.is_file() and src.suffix not in SUFFIXES and not _excluded(src, _split(exclude)):
                dest = dest_root / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dest)


@app.command()
def passes() -> None:
    """List the passes: id, summary, catalogue rows, safety."""
    from rich.table import Table

    from . import resolve_passes

    table = Table("id", "summary", "rows", "safety")
    for p in resolve_passes():
        table.add_row(p.id, p.summary, _rows(p.rows), p.safety)
    _console(False).print(table)


def _rows(rows: tuple[str, ...]) -> str:
    return ", ".join(rows) if len(rows) <= 6 else f"{', '.join(rows[:6])} … ({len(rows)} rows)"


@app.command()
def explain(pass_id: Annotated[str, typer.Argument(help="A pass id or a catalogue row ID.")]) -> None:
    """What a pass does, why, an example, and whether its rewrites are safe."""
    from . import resolve_passes

    found = [p for p in resolve_passes() if pass_id == p.id or pass_id in p.rows]
    if not found:
        raise _fail(f"no pass or catalogue row {pass_id!r}; see `keras-migrate passes`")
    console = _console(False)
    for p in found:
        console.print(f"{p.id}: {p.summary}\n")
        console.print((p.explanation or "").strip() + "\n")
        console.print(f"Catalogue rows: {', '.join(p.rows)}")
        safe = "safe (behaviour kept)" if p.safety == "safe" else "review: some rewrites warn"
        console.print(f"Safety: {safe}\n")


def main() -> None:
    app()
