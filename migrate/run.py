"""Many files: discovery, the per-file step (read, migrate, write) and the process pool."""

from __future__ import annotations

import fnmatch
import gc
import multiprocessing
import os
import re
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import make_options, notebooks, resolve_passes
from .context import DEFAULT_TARGET, Options
from .engine import may_need_migration, migrate_text
from .findings import Finding, Kind
from .passes import Pass
from .result import FileResult, RunResult
from .sources import ContentError, Source, SourceError, encode, read, write_atomic

SUFFIXES = (".py", notebooks.SUFFIX)
_SKIP_DIRS = {"__pycache__", "site-packages", "node_modules"}


@dataclass(frozen=True)
class Job:
    path: Path  # the file to read
    out: Path | None  # where to write the result (None: nowhere)
    display: str  # the name reports use


class RunError(Exception):
    """A run that cannot start (missing path, output inside the input ...)."""


class OutputError(RunError):
    """The --output folder cannot be created or written to."""


# .gitignore --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern
    negate: bool
    dir_only: bool
    anchored: bool  # matched against the path below the .gitignore's folder, else the name


def _glob_regex(pattern: str) -> str:
    """A gitignore glob as a regular expression: `*` and `?` stop at `/`, `**` crosses it."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == len(pattern):
            out.append("/.*")
            i += 3
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end]
            out.append(
                "[" + ("^" + body[1:] if body[:1] in "!^" else body).replace("\\", "\\\\") + "]"
            )
            i = end + 1
        elif pattern[i] == "\\" and i + 1 < len(pattern):
            out.append(re.escape(pattern[i + 1]))
            i += 2
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "".join(out)


def parse_gitignore(text: str) -> list[_Rule]:
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if raw.endswith("\\ "):  # an escaped trailing space is kept
            line += " "
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line[1:] if negate else line.removeprefix("\\")
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        if not line:
            continue
        rules.append(
            _Rule(re.compile(_glob_regex(line.lstrip("/")) + "$"), negate, dir_only, anchored)
        )
    return rules


class GitIgnore:
    """The .gitignore files of a tree, read as the walk reaches each folder, and those of the
    folders above it up to the repository root (the folder holding `.git`)."""

    def __init__(self, top: Path) -> None:
        self.rules: dict[Path, list[_Rule]] = {}
        top = top.absolute()
        if (top / ".git").exists():
            return
        for depth, folder in enumerate(top.parents):
            if (folder / ".git").exists():
                for above in top.parents[: depth + 1]:
                    self.load(above)
                return

    def load(self, folder: Path) -> None:
        try:
            text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        self.rules[folder.absolute()] = parse_gitignore(text)

    def ignored(self, path: Path, is_dir: bool) -> bool:
        path = path.absolute()
        verdict = False
        for folder in reversed(path.parents):  # shallow to deep: deeper files win
            for rule in self.rules.get(folder, ()):
                if rule.dir_only and not is_dir:
                    continue
                text = path.relative_to(folder).as_posix() if rule.anchored else path.name
                if rule.regex.match(text):
                    verdict = not rule.negate
        return verdict


# discovery ---------------------------------------------------------------------------------


def excluded(path: Path, patterns: Iterable[str]) -> bool:
    """`--exclude` globs match the path as given, its absolute path, or its name."""
    texts = (path.as_posix(), path.absolute().as_posix(), path.name)
    return any(fnmatch.fnmatch(t, p) for p in patterns for t in texts)


def walk(given: Path, exclude: Iterable[str] = ()) -> list[tuple[Path, Path, bool]]:
    """(file, path relative to `given`, excluded) for every file of the tree, sorted by path.

    Hidden folders, virtual environments, caches and .gitignore'd paths are left out; symlinks
    that leave the tree are not followed. Excluded paths come with `excluded` set (a migrated
    copy of a tree still copies them)."""
    return sorted(_walk(given, list(exclude)), key=lambda found: found[1].parts)


def _walk(given: Path, exclude: list[str]) -> Iterator[tuple[Path, Path, bool]]:
    if given.is_file():
        yield given, Path(given.name), excluded(given, exclude)
        return
    root = given.resolve()
    ignore = GitIgnore(given)
    skipped: set[Path] = set()  # excluded folders: everything below them is excluded
    for dirpath, dirnames, filenames in os.walk(given):
        here = Path(dirpath)
        ignore.load(here)
        out = here in skipped
        keep = []
        for d in sorted(dirnames):
            sub = here / d
            if d.startswith(".") or d in _SKIP_DIRS or (sub / "pyvenv.cfg").exists():
                continue
            if not _inside(sub, root) or ignore.ignored(sub, True):
                continue
            if out or excluded(sub, exclude):
                skipped.add(sub)
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            file = here / name
            if not _inside(file, root) or ignore.ignored(file, False):
                continue
            yield file, file.relative_to(given), out or excluded(file, exclude)


def discover(paths: list[Path], exclude: Iterable[str] = ()) -> Iterator[tuple[Path, Path]]:
    """(file, its path relative to the given path) for every file to migrate: the given files,
    and the .py and .ipynb files below the given folders that are not excluded."""
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise RunError(f"{given}: no such file or directory")
        for file, rel, skip in walk(given, exclude):
            if not skip and (given.is_file() or file.suffix in SUFFIXES):
                yield file, rel


def _inside(path: Path, root: Path) -> bool:
    if not path.is_symlink():
        return True
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False


# one file ----------------------------------------------------------------------------------


def _error_finding(job: Job, message: str) -> Finding:
    return Finding(0, 0, "engine", "", Kind.ERROR, message, "", job.display)


def _error_result(job: Job, message: str) -> FileResult:
    return FileResult(
        job.display, "", "", [_error_finding(job, message)], error=f"{job.display}: {message}"
    )


def process(
    job: Job, passes: list[type[Pass]], options: Options, write: bool, source: Source | None = None
) -> FileResult:
    """Read (unless `source` is given), migrate and (when asked) write one file. Never raises
    for a bad file.

    In place, only changed files are written. Into an output tree, unchanged files and files
    that failed to migrate are copied as they are, so the tree is complete."""
    try:
        if source is None and job.path.suffix == notebooks.SUFFIX:
            try:
                data = job.path.read_bytes()
                mode = stat.S_IMODE(job.path.stat().st_mode)
            except OSError as exc:
                raise SourceError(f"cannot read: {exc.strerror or exc}") from exc
            result, new = notebooks.migrate(data, path=job.display, passes=passes, options=options)
        else:
            if source is None:
                source = read(job.path)
            mode, encoding = source.mode, source.encoding
            result = migrate_text(source.text, path=job.display, passes=passes, options=options)
            new = None  # encoded only when written
    except ContentError as exc:
        result = _error_result(job, str(exc))
        if job.out is None:
            return result
    except SourceError as exc:
        return _error_result(job, str(exc))
    target = job.out if job.out is not None else (job.path.resolve() if write else None)
    if target is None or (job.out is None and not result.changed):
        return result  # a dry run, or nothing to write in place
    try:
        if result.changed:
            write_atomic(target, new if new is not None else encode(result.after, encoding), mode)
            result.written = True
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(job.path, target)
    except (OSError, UnicodeEncodeError) as exc:
        message = f"cannot write {target}: {getattr(exc, 'strerror', None) or exc}"
        result.error = f"{result.error}; {message}" if result.error else f"{job.display}: {message}"
        result.findings.append(_error_finding(job, message))
    return result


def _work(job: Job, passes, options, write, keep_text, source: Source | None = None) -> FileResult:
    result = process(job, passes, options, write, source)
    return result if keep_text else result.lean()


def _settled(job: Job, passes, options, write, keep_text) -> FileResult | None:
    """The result of a Python file that never imports Keras, or None for any other file.

    The parent settles these itself: a pool task costs it as much as reading a file and
    looking for a Keras import, and most files of a repository have none."""
    if job.path.suffix == notebooks.SUFFIX:
        return None
    try:
        source = read(job.path)
    except SourceError:
        return None  # the worker reports it like any other unreadable file
    if may_need_migration(source.text):
        return None
    return _work(job, passes, options, write, keep_text, source)


# A file's syntax trees are hundreds of thousands of short-lived objects that reference
# counting frees (a few hundred are in cycles); the default threshold, a young collection
# every 700 allocations, costs about a tenth of the run, so the migration collects less often.
_GC_THRESHOLD = 100_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(_GC_THRESHOLD, *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _init_worker() -> None:
    # Ctrl-C goes to the whole process group; the parent alone decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(_GC_THRESHOLD, *gc.get_threshold()[1:])


# planning ----------------------------------------------------------------------------------


def _dest(output: Path, given: Path, rel: Path, many: bool) -> Path:
    # One folder given: its contents go straight into the output; several: one subfolder each.
    return output / given.resolve().name / rel if many and given.is_dir() else output / rel


def plan(
    paths: list[Path], output: Path | None, exclude: Iterable[str]
) -> tuple[list[Job], list[tuple[Path, Path]]]:
    """The files to migrate, and (with an output tree) the other files to copy there."""
    exclude = list(exclude)
    if output is None:
        jobs, seen = [], set()
        for file, _ in discover(paths, exclude):
            real = file.resolve()
            if real not in seen:  # a symlink to a file already listed is one file
                seen.add(real)
                jobs.append(Job(file, None, file.as_posix()))
        return jobs, []

    out = output.resolve()
    for p in paths:
        src = p.resolve()
        if p.is_dir() and (out == src or out.is_relative_to(src)):
            raise RunError(f"--output {output} is inside the input {p}; choose a folder outside it")
        if p.is_dir() and src.is_relative_to(out):
            raise RunError(f"--output {output} contains the input {p}; choose a folder outside it")
    many = len(paths) > 1
    jobs, copies, dests = [], [], {}
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise RunError(f"{given}: no such file or directory")
        for file, rel, skip in walk(given, exclude):
            dest = _dest(output, given, rel, many)
            if dest.resolve() == file.resolve():
                raise RunError(f"--output {output} would overwrite the input {file}")
            if dest in dests:
                raise RunError(f"{dests[dest]} and {file} would both be written to {dest}")
            dests[dest] = file
            if not skip and (given.is_file() or file.suffix in SUFFIXES):
                jobs.append(Job(file, dest, file.as_posix()))
            else:
                copies.append((file, dest))
    return jobs, copies


def prepare_output(output: Path) -> None:
    """Create the output folder and prove it is writable before any work starts."""
    if output.exists() and not output.is_dir():
        raise OutputError(f"cannot write to --output {output}: it exists and is not a folder")
    try:
        output.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output):
            pass
    except OSError as exc:
        raise OutputError(f"cannot write to --output {output}: {exc.strerror or exc}") from exc


def copy_files(copies: list[tuple[Path, Path]]) -> list[FileResult]:
    """Copy the files the migration does not own (modes and times kept); one error result
    for each copy that failed."""
    failed = []
    for src, dest in copies:
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
        except OSError as exc:
            failed.append(
                _error_result(
                    Job(src, dest, src.as_posix()), f"cannot copy to {dest}: {exc.strerror or exc}"
                )
            )
    return failed


# the run -----------------------------------------------------------------------------------


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
    progress: Callable[[FileResult | None, int], None] | None = None,
    keep_text: bool = True,
) -> RunResult:
    """Migrate every Python file and notebook under `paths`.

    write: rewrite files in place; output: write a migrated copy of the tree there instead
    (the other files of the tree are copied; the input is not touched). Results come back in
    discovery order whatever the scheduling; `progress(result, total)` is called as each file
    finishes (and `progress(None, total)` once before the first). On KeyboardInterrupt the
    workers finish the file they are on and stop. keep_text=False: results carry findings
    and counts but not the texts (see FileResult.lean).
    """
    options = make_options(target, image_dim_ordering)
    chosen = resolve_passes(select, ignore, passes)
    return execute(
        paths,
        chosen,
        options,
        write=write,
        output=output,
        exclude=exclude,
        jobs=jobs,
        progress=progress,
        keep_text=keep_text,
    )


def execute(
    paths: list[Path],
    passes: list[type[Pass]],
    options: Options,
    *,
    write: bool = False,
    output: Path | None = None,
    exclude: Iterable[str] = (),
    jobs: int | None = None,
    progress: Callable[[FileResult | None, int], None] | None = None,
    keep_text: bool = True,
) -> RunResult:
    """`run` with the passes and options already resolved."""
    planned, copies = plan(paths, output, exclude)
    if output is not None:
        prepare_output(output)
    settings = (passes, options, write, keep_text)
    jobs = jobs or os.cpu_count() or 1
    total = len(planned)
    results: list[FileResult | None] = [None] * total
    if progress:
        progress(None, total)
    if jobs == 1 or total < 4:
        with _fewer_collections():
            for i, job in enumerate(planned):
                results[i] = _work(job, *settings)
                if progress:
                    progress(results[i], total)
    else:
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        pool = ProcessPoolExecutor(min(jobs, total), context, initializer=_init_worker)
        try:
            futures = {}
            for i, job in enumerate(planned):  # the workers start on the first Keras file
                result = _settled(job, *settings)
                if result is None:
                    futures[pool.submit(_work, job, *settings)] = i
                    continue
                results[i] = result
                if progress:
                    progress(result, total)
            for future in as_completed(futures):
                result = results[futures[future]] = future.result()
                if progress:
                    progress(result, total)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return RunResult([r for r in results if r is not None] + copy_files(copies), options)
