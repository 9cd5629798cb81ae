"""Defaults from `[tool.keras-migrate]` in pyproject.toml.

The nearest pyproject.toml with that table, from the first path upwards, is used (as ruff does).
Keys: target, image-dim-ordering, select, ignore, exclude, jobs. Relative `exclude` globs that
name a path (contain a `/`) are taken relative to the pyproject.toml's folder.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

TABLE = "keras-migrate"
_LISTS = ("select", "ignore", "exclude")


class ConfigError(Exception):
    """A pyproject.toml that cannot be read or holds a bad `[tool.keras-migrate]` value."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the pyproject.toml the values came from
    values: dict = field(default_factory=dict)  # keys with '-' turned into '_'


def find(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.keras-migrate] table."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and TABLE in _tool(candidate):
            return candidate
    return None


def _tool(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def load(start: Path) -> Config:
    path = find(start)
    if path is None:
        return Config()
    table = _tool(path)[TABLE]
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{TABLE}] must be a table")
    values = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        values[name] = _check(path, key, name, value)
    if "exclude" in values:
        values["exclude"] = [_anchor(p, path.parent) for p in values["exclude"]]
    return Config(path, values)


def _check(path: Path, key: str, name: str, value):
    where = f"{path}: [tool.{TABLE}] {key}"
    if name in ("target", "image_dim_ordering"):
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a string")
        return value
    if name in _LISTS:
        if isinstance(value, str):
            value = [value]
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{where} must be a list of strings")
        return value
    if name == "jobs":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(f"{where} must be a whole number of at least 1")
        return value
    known = "target, image-dim-ordering, select, ignore, exclude, jobs"
    raise ConfigError(f"{path}: unknown key {key!r} in [tool.{TABLE}]; known keys: {known}")


def _anchor(pattern: str, root: Path) -> str:
    # A bare name glob ("*_pb2.py") matches at any depth; one with a folder is project-relative.
    if "/" not in pattern or Path(pattern).is_absolute():
        return pattern
    return (root / pattern.removeprefix("./")).as_posix()
