"""keras-migrate: rewrite Keras 1 code to Keras 2 and report what needs a person.

Library API:

    from migrate import migrate_source, migrate_paths
    result = migrate_source(code)            # FileResult: .changed .after .diff() .findings .error
    run = migrate_paths(["src/"], write=True)  # RunResult: .files .changed .failed .counts()
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from .context import DEFAULT_TARGET, TARGETS, Options, Target
from .findings import Finding, Kind
from .passes import Pass, PassError, builtin_passes, load_pass, plugin_passes, select_passes
from .result import FileResult, RunResult

__version__ = "0.1.0"
__all__ = [
    "DEFAULT_TARGET",
    "FileResult",
    "Finding",
    "Kind",
    "Options",
    "Pass",
    "PassError",
    "RunResult",
    "TARGETS",
    "Target",
    "load_pass",
    "make_options",
    "migrate_paths",
    "migrate_source",
    "resolve_passes",
]


def resolve_ordering(option: str | None) -> tuple[str, str]:
    """The Keras 1 project's image ordering and where it came from.

    An explicit option wins; else `image_dim_ordering` of ~/.keras/keras.json (Keras 2 ignores
    that key, so a Theano-era project would silently turn channels-last); else Keras 1.2.2's
    default, 'tf'.
    """
    if option is not None:
        if option not in ("th", "tf"):
            raise ValueError(f"image_dim_ordering must be 'th' or 'tf', not {option!r}")
        return option, "option"
    config = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "keras.json"
    try:
        value = json.loads(config.read_text()).get("image_dim_ordering")
    except (OSError, ValueError, AttributeError):
        value = None
    if value in ("th", "tf"):
        return value, str(config)
    return "tf", "Keras 1.2.2 default"


def make_options(target: str = DEFAULT_TARGET, image_dim_ordering: str | None = None) -> Options:
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    ordering, source = resolve_ordering(image_dim_ordering)
    return Options(TARGETS[target], ordering, source)


def resolve_passes(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    extra: Iterable[type[Pass]] = (),
    plugins: bool = True,
) -> list[type[Pass]]:
    """Built-in passes, then plugin passes, then `extra`, filtered by select/ignore."""
    passes = builtin_passes() + (plugin_passes() if plugins else []) + list(extra)
    return select_passes(passes, list(select or ()), list(ignore or ()))


def migrate_source(
    code: str,
    *,
    path: str = "<source>",
    target: str = DEFAULT_TARGET,
    image_dim_ordering: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    passes: Iterable[type[Pass]] = (),
) -> FileResult:
    """Migrate one Python source text. `passes` adds your own Pass subclasses after the
    built-in ones. Never raises for bad input: a parse failure comes back as `.error`."""
    from .engine import migrate_text

    chosen = resolve_passes(select, ignore, passes)
    return migrate_text(
        code, path=path, passes=chosen, options=make_options(target, image_dim_ordering)
    )


def migrate_paths(paths: Iterable[str | os.PathLike], **kwargs) -> RunResult:
    """Migrate files and directory trees; see migrate.run.run for the keyword arguments."""
    from .run import run

    return run([Path(p) for p in paths], **kwargs)
