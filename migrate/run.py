"""Many files: discovery, the per-file step (read, migrate, write) and the process pool."""

from __future__ import annotations

import fnmatch
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import make_options, resolve_passes
from .context import DEFAULT_TARGET, Options
from .engine import migrate_text
from .findings import Finding, Kind
from .passes import Pass
from .result import FileResult, RunResult
from .sources import SourceError, encode, read, write_atomic

SUFFIXES = (".py",)
_SKIP_DIRS = {"__pycache__", "site-packages", "node_modules"}


@dataclass(frozen=True)
class Job:
    path: Path  # the file to read
    out: Path | None  # where to write the result (None: nowhere)
    display: str  # the name reports use


class RunError(Exception):
    """A run that cannot start (missing path, output inside the input ...)."""


def _excluded(path: Path, patterns: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(path.name, p) for p in patterns)


def discover(paths: list[Path], exclude: Iterable[str] = ()) -> Iterator[tuple[Path, Path]]:
    """(file, its path relative to the given path) for every Python file below the given
    paths, in a stable order. Hidden folders, virtual environments and caches are skipped; symlinks that
    leave the given tree are not followed."""
    exclude = list(exclude)
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise RunError(f"{given}: no such file or directory")
        if given.is_file():
            yield given, Path(given.name)
            continue
        root = given.resolve()
        for dirpath, dirnames, filenames in os.walk(given):
            here = Path(dirpath)
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".")
                and d not in _SKIP_DIRS
                and not (here / d / "pyvenv.cfg").exists()
                and not _excluded(here / d, exclude)
                and _inside(here / d, root)
            )
            for name in sorted(filenames):
                file = here / name
                if file.suffix in SUFFIXES and not _excluded(file, exclude) and _inside(file, root):
                    yield file, file.relative_to(given)


def _inside(path: Path, root: Path) -> bool:
    if not path.is_symlink():
        return True
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError):
        return False


def process(job: Job, passes: list[type[Pass]], options: Options, write: bool) -> FileResult:
    """Read, migrate and (when asked) write one file. Never raises for a bad file."""
    try:
        source = read(job.path)
    except SourceError as exc:
        finding = Finding(0, 0, "engine", "", Kind.ERROR, str(exc), "", job.display)
        return FileResult(job.display, "", "", [finding], error=f"{job.display}: {exc}")
    result = migrate_text(source.text, path=job.display, passes=passes, options=options)
    target = job.out if job.out is not None else (job.path if write else None)
    if target is None or result.error is not None:
        return result
    if not result.changed and job.out is None:
        return result  # unchanged files are not touched
    try:
        if result.changed:
            write_atomic(target, encode(result.after, source.encoding), source.mode)
        else:
            shutil.copy2(job.path, target)
        result.written = result.changed
    except (OSError, UnicodeEncodeError) as exc:
        result.error = f"{job.display}: cannot write {target}: {exc}"
        result.findings.append(
            Finding(0, 0, "engine", "", Kind.ERROR, f"cannot write: {exc}", "", job.display)
        )
    return result


def _work(args) -> FileResult:
    return process(*args)


def jobs_for(paths: list[Path], output: Path | None, exclude: Iterable[str]) -> list[Job]:
    if output is not None:
        out = output.resolve()
        for p in paths:
            src = p.resolve()
            if out == src or (src.is_dir() and out.is_relative_to(src)):
                raise RunError(f"--output {output} is inside the input {p}; choose another folder")
    found = []
    for given in paths:
        for file, rel in discover([given], exclude):
            out = None
            if output is not None:
                out = output / (given.resolve().name / rel if len(paths) > 1 and given.is_dir() else rel)
            found.append(Job(file, out, file.as_posix()))
    return found


def run(
    paths: list[Path],
    *,
    write: bool = False,
    output: Path | None = None,
    target: str = DEFAULT_TARGET,
    image_dim_ordering: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    passes: Iterable[type[Pass]] = (),
    exclude: Iterable[str] = (),
    jobs: int | None = None,
    progress: Callable[[FileResult], None] | None = None,
) -> RunResult:
    """Migrate every Python file under `paths`.

    write: rewrite files in place; output: write the migrated tree there instead (other files
    are not copied by this function; the CLI does that). Results come back in discovery order
    whatever the scheduling; `progress` is called as each file finishes.
    """
    options = make_options(target, image_dim_ordering)
    chosen = resolve_passes(select, ignore, passes)
    work = [(job, chosen, options, write) for job in jobs_for(paths, output, exclude)]
    jobs = jobs or os.cpu_count() or 1
    results: list[FileResult] = []
    if jobs == 1 or len(work) < 4:
        for args in work:
            results.append(_work(args))
            if progress:
                progress(results[-1])
        return RunResult(results, options)
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=context) as pool:
        for result in pool.map(_work, work, chunksize=max(1, len(work) // (jobs * 8))):
            results.append(result)
            if progress:
                progress(result)
    return RunResult(results, options)
