"""The `keras-migrate` command line.

Exit codes (all commands): 0 nothing left to do; 1 files would change (`check`, `diff`);
2 bad usage (unknown option, missing path, bad configuration, a plugin that cannot be
loaded); 3 manual work left and nothing to rewrite; 4 some files could not be read, parsed or
written (or the --output folder cannot be written); 130 interrupted (Ctrl-C).

Defaults come from `[tool.keras-migrate]` in the nearest pyproject.toml above the first path
(migrate/config.py); options given on the command line override them.
"""

from __future__ import annotations

import gc
import os
import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from .context import DEFAULT_TARGET, TARGETS

EXIT_OK, EXIT_CHANGES, EXIT_USAGE, EXIT_MANUAL, EXIT_FAILED = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Rewrite Keras 1 code to Keras 2, and report every change and what needs a person.",
)

PathsArg = Annotated[
    list[Path], typer.Argument(help="Files or folders (.py, .ipynb); '-' reads standard input.")
]
TargetOpt = Annotated[
    str | None,
    typer.Option(
        "--target", help=f"Keras 2 to emit: {', '.join(TARGETS)} (default {DEFAULT_TARGET})."
    ),
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
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", help="Glob of paths to skip (repeatable).")
]
JobsOpt = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
]
ReportOpt = Annotated[
    Path | None, typer.Option("--report", help="Also write a report: .json .md .html .sarif")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary line.")]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", "-v", help="Also list every rewrite, not only what to review.")
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="Plain text output.")]
LoadOpt = Annotated[
    list[str] | None, typer.Option("--load", help="Also run the pass MODULE:ATTR (repeatable).")
]


class _Stop(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or () for v in item.split(",") if v.strip()]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    from .terminal import console

    console(no_color=True, stderr=True).print(f"keras-migrate: error: {message}")
    return typer.Exit(code)


def _extra_passes(load: list[str] | None) -> list:
    from .passes import load_pass

    specs = _split(load)
    if specs and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # `--load mypasses:MyPass` finds ./mypasses.py
    return [load_pass(spec) for spec in specs]


def _command_line(ctx: typer.Context) -> str:
    """The command as given: its name, then the parameters set on the command line."""
    words = ["keras-migrate", ctx.info_name or ""]
    for param in ctx.command.params:
        source = ctx.get_parameter_source(param.name)
        if source is None or source.name != "COMMANDLINE":
            continue
        value = ctx.params[param.name]
        values = value if isinstance(value, list | tuple) else [value]
        if param.param_type_name == "argument":
            words += [str(v) for v in values]
        elif getattr(param, "is_flag", False):
            words.append(param.opts[0])
        else:
            for v in values:
                words += [param.opts[0], str(v)]
    return shlex.join(words)


def _main(
    command: str,
    ctx: typer.Context,
    paths: list[Path],
    *,
    output: Path | None = None,
    target: str | None,
    image_dim_ordering: str | None,
    select: list[str] | None,
    ignore: list[str] | None,
    exclude: list[str] | None,
    jobs: int | None,
    report: Path | None,
    quiet: bool,
    verbose: bool,
    no_color: bool,
    load: list[str] | None,
) -> None:
    from . import config, make_options, resolve_passes
    from .passes import PassError
    from .run import OutputError, RunError
    from .terminal import console, show

    stdin = [str(p) for p in paths] == ["-"]
    try:
        if quiet and verbose:
            raise _Stop("choose one of --quiet and --verbose", EXIT_USAGE)
        if "-" in map(str, paths) and not stdin:
            raise _Stop("'-' (standard input) cannot be mixed with other paths", EXIT_USAGE)
        if stdin and output is not None:
            raise _Stop("--output needs files or folders, not standard input", EXIT_USAGE)
        cfg = config.load(Path.cwd() if stdin else paths[0])
        given = {
            "target": target,
            "image_dim_ordering": image_dim_ordering,
            "select": _split(select) if select else None,
            "ignore": _split(ignore) if ignore else None,
            "exclude": _split(exclude) if exclude else None,
            "jobs": jobs,
        }
        settings = {k: cfg.values.get(k) if v is None else v for k, v in given.items()}
        settings["target"] = settings["target"] or DEFAULT_TARGET
        options = make_options(settings["target"], settings["image_dim_ordering"])
        chosen = resolve_passes(settings["select"], settings["ignore"], _extra_passes(load))
        settings["exclude"] = settings["exclude"] or []
        if stdin:
            run_result, encoding = _stdin(chosen, options)
        else:
            run_result = _files(
                paths,
                chosen,
                options,
                command=command,
                output=output,
                quiet=quiet,
                no_color=no_color,
                exclude=settings["exclude"],
                jobs=settings["jobs"],
                # the texts are needed only to show diffs or write a report
                keep_text=report is not None or verbose or (command == "diff" and not quiet),
            )
    except KeyboardInterrupt:
        console(no_color=True, stderr=True).print(
            "keras-migrate: interrupted; the files written so far are complete (writes are atomic)"
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except _Stop as exc:
        raise _fail(str(exc), exc.code) from None
    except OutputError as exc:
        raise _fail(str(exc), EXIT_FAILED) from None
    except (RunError, PassError, config.ConfigError, ValueError) as exc:
        raise _fail(str(exc)) from None

    out = console(no_color=no_color, stderr=command == "migrate" and stdin)
    if stdin and command == "migrate":
        from .sources import encode

        result = run_result.files[0]
        sys.stdout.flush()
        sys.stdout.buffer.write(encode(result.before if result.error else result.after, encoding))
        sys.stdout.flush()
    show(
        run_result,
        out,
        diffs=command == "diff",
        quiet=quiet,
        verbose=verbose,
        wrote=command == "migrate",
    )
    if report is not None:
        settings |= {"output": str(output) if output else None, "load": _split(load)}
        settings["config"] = str(cfg.path) if cfg.path else None
        meta = {
            "command": _command_line(ctx),
            "target": options.target.name,
            "image_ordering": options.image_dim_ordering,
            "image_ordering_source": options.ordering_source,
            "options": settings | {"image_dim_ordering_source": options.ordering_source},
            "base": os.getcwd(),
            "passes": {p.id: p.summary for p in chosen},
        }
        _report(run_result, report, meta)
    raise typer.Exit(_exit_code(run_result, pending=command != "migrate"))


def _stdin(chosen, options):
    """Standard input as one Python file: its result and its encoding (to write it back)."""
    import io
    import tokenize

    from .engine import migrate_text
    from .result import RunResult

    data = sys.stdin.buffer.read()
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding).removeprefix("\ufeff")
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        raise _Stop(f"cannot read standard input: {exc}", EXIT_FAILED) from None
    result = migrate_text(text, path="<stdin>", passes=chosen, options=options)
    return RunResult([result], options), encoding


def _files(paths, chosen, options, *, command, output, quiet, no_color, exclude, jobs, keep_text):
    """Run over files and folders, with a progress bar on stderr when it is a terminal."""
    import contextlib

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .run import execute
    from .terminal import console

    err = console(no_color=no_color, stderr=True)
    show_bar = err.is_terminal and not quiet
    columns = (TextColumn("keras-migrate"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # No refresh thread: the worker processes are forked, and forking a threaded process is unsafe.
    bar = Progress(
        *columns, TextColumn("{task.description}"), console=err, transient=True, auto_refresh=False
    )
    task = bar.add_task("", total=None)

    def advance(result, total):
        name = result.path if result else ""
        bar.update(task, total=total, advance=bool(result), description=name, refresh=True)

    with bar if show_bar else contextlib.nullcontext():
        return execute(
            paths,
            chosen,
            options,
            write=command == "migrate" and output is None,
            output=output,
            exclude=exclude,
            jobs=jobs,
            progress=advance if show_bar else None,
            keep_text=keep_text,
        )


def _exit_code(run, *, pending: bool) -> int:
    if run.failed:
        return EXIT_FAILED
    if pending and run.changed:
        return EXIT_CHANGES
    if any(f.kind.value == "manual" for f in run.findings):
        return EXIT_MANUAL
    return EXIT_OK


def _report(run, path: Path, meta: dict) -> None:
    from .reports import write_report

    try:
        write_report(run, path, meta=meta)
    except (OSError, ValueError) as exc:
        raise _fail(f"cannot write report {path}: {exc}") from None


@app.command()
def diff(
    ctx: typer.Context,
    paths: PathsArg,
    target: TargetOpt = None,
    image_dim_ordering: OrderingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_color: NoColorOpt = False,
    load: LoadOpt = None,
) -> None:
    """Dry run: show the unified diff and the findings; write nothing."""
    _main("diff", **locals())


@app.command()
def check(
    ctx: typer.Context,
    paths: PathsArg,
    target: TargetOpt = None,
    image_dim_ordering: OrderingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_color: NoColorOpt = False,
    load: LoadOpt = None,
) -> None:
    """For CI: say what would change and what needs a person; write nothing.

    Exit 0 nothing to do, 1 files would change, 3 manual work left, 4 files failed.
    """
    _main("check", **locals())


@app.command()
def migrate(
    ctx: typer.Context,
    paths: PathsArg,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write a migrated copy of the tree here instead."),
    ] = None,
    target: TargetOpt = None,
    image_dim_ordering: OrderingOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    exclude: ExcludeOpt = None,
    jobs: JobsOpt = None,
    report: ReportOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    no_color: NoColorOpt = False,
    load: LoadOpt = None,
) -> None:
    """Rewrite files in place (or into --output DIR), then list what needs a person."""
    _main("migrate", **locals())


@app.command()
def passes(load: LoadOpt = None) -> None:
    """List the passes: id, summary, catalogue rows, safety."""
    from rich.table import Table

    from .terminal import console

    table = Table("id", "summary", "rows", "safety")
    for p in _all_passes(load):
        table.add_row(p.id, p.summary, _rows(p.rows), p.safety)
    console().print(table)


def _all_passes(load: list[str] | None = None) -> list:
    from . import resolve_passes
    from .passes import PassError

    try:
        return resolve_passes(extra=_extra_passes(load))
    except PassError as exc:
        raise _fail(str(exc)) from None


def _rows(rows: tuple[str, ...]) -> str:
    return ", ".join(rows) if len(rows) <= 6 else f"{', '.join(rows[:6])} … ({len(rows)} rows)"


@app.command()
def explain(
    pass_id: Annotated[str, typer.Argument(help="A pass id or a catalogue row ID.")],
) -> None:
    """What a pass does, why, an example, and whether its rewrites are safe."""
    from .terminal import console

    found = [p for p in _all_passes() if pass_id == p.id or pass_id in p.rows]
    if not found:
        raise _fail(f"no pass or catalogue row {pass_id!r}; see `keras-migrate passes`")
    out = console()
    for p in found:
        out.print(f"{p.id}: {p.summary}\n")
        out.print((p.explanation or "").strip() + "\n")
        out.print(f"Catalogue rows: {', '.join(p.rows)}")
        safe = "safe (behaviour kept)" if p.safety == "safe" else "review: some rewrites warn"
        out.print(f"Safety: {safe}\n")


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"keras-migrate {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Rewrite Keras 1 code to Keras 2, and report every change and what needs a person."""


def main() -> None:
    try:
        app(prog_name="keras-migrate")
    finally:
        # all is written: the interpreter's exit need not walk every object still alive for
        # cycles (a third of a one-file `check` went there)
        gc.freeze()
