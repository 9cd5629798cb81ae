"""The pass protocol, the registry of built-in passes, and loading passes from elsewhere.

A pass is a class. The engine makes one instance per file, hands it the file's Context, and calls
its hooks from one shared walk of the tree, in pass order: for every node type a hook exists
for, each interested pass gets the node as the previous pass left it. Hooks return the node
unchanged, a replacement, or (statement hooks) a libcst removal/flatten sentinel.

Hooks: leave_Call, leave_Attribute, leave_Subscript, leave_Comparison, leave_Assign,
leave_SimpleStatementLine, leave_IndentedBlock, leave_FunctionDef, leave_ClassDef,
leave_Module. Each is called as `hook(original_node, updated_node)`; `updated_node` is
`original_node` itself when nothing below it changed. `ctx.has_pass(id)` tells whether another
pass runs in this migration. A pass that must see the finished code (which names it still
reads) appends `(pass id, fn)` to `ctx.finishers`: once the code is generated, the import fixer
calls `fn(module, names)` and takes the module it returns; nodes such a function may report on
go in `ctx.may_report`, so their positions are found with the others.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .context import Context

ENTRY_POINT_GROUP = "keras_migrate.passes"
HOOKS = (
    "leave_Call",
    "leave_Attribute",
    "leave_Subscript",
    "leave_Comparison",
    "leave_Assign",
    "leave_SimpleStatementLine",
    "leave_IndentedBlock",
    "leave_FunctionDef",
    "leave_ClassDef",
    "leave_Module",
)


class Pass:
    """Base class of every pass. Subclasses set the class attributes and define hooks."""

    id: ClassVar[str] = ""
    summary: ClassVar[str] = ""  # one line, for `keras-migrate passes`
    rows: ClassVar[tuple[str, ...]] = ()  # catalogue row IDs this pass implements
    explanation: ClassVar[str] = ""  # what, why, a before/after example (for `explain`)
    safety: ClassVar[str] = "safe"  # "safe": behaviour kept; "review": some rewrites warn

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx


class PassError(Exception):
    """A pass could not be loaded (bad spec, import failure, not a Pass subclass)."""


def builtin_passes() -> list[type[Pass]]:
    from codemods import PASSES

    return list(PASSES)


def plugin_passes() -> list[type[Pass]]:
    """Passes that installed packages register under the `keras_migrate.passes` entry points."""
    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must say so, not take the run down silently
            raise PassError(f"plugin {ep.name!r} ({ep.value}) failed to import: {exc}") from exc
        found.append(_check(obj, ep.value))
    return found


def load_pass(spec: str) -> type[Pass]:
    """Load `module:attr` (a Pass subclass in the user's own module)."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise PassError(f"{spec!r}: expected MODULE:ATTRIBUTE, e.g. mypasses:MyPass")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:
        raise PassError(f"{spec!r}: cannot import {module_name!r}: {exc}") from exc
    try:
        obj = getattr(module, attr)
    except AttributeError:
        raise PassError(f"{spec!r}: module {module_name!r} has no attribute {attr!r}") from None
    return _check(obj, spec)


def _check(obj, where: str) -> type[Pass]:
    if not (isinstance(obj, type) and issubclass(obj, Pass) and obj.id):
        raise PassError(f"{where}: not a keras-migrate Pass subclass with an id")
    return obj


def select_passes(passes: list[type[Pass]], select=None, ignore=None) -> list[type[Pass]]:
    """Filter by pass id or catalogue row ID (`merge`, `M-05`, or a row prefix such as `M-`)."""

    def matches(p: type[Pass], codes) -> bool:
        return any(c == p.id or any(r == c or r.startswith(c) for r in p.rows) for c in codes)

    chosen = [p for p in passes if not select or matches(p, select)]
    return [p for p in chosen if not ignore or not matches(p, ignore)]
