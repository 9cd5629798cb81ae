"""Small helpers for editing LibCST nodes while keeping the user's layout."""

from __future__ import annotations

import ast
import functools
from typing import TypeVar

import libcst as cst

from .codegen import generate

T = TypeVar("T", cst.Arg, cst.ImportAlias, cst.Element)
_SPACE = cst.SimpleWhitespace(" ")
_NONE = cst.SimpleWhitespace("")


def literal(node: cst.BaseExpression | None):
    """The Python value of a literal expression (numbers, strings, tuples, lists, dicts,
    True/False/None, negative numbers), or the sentinel NOT_LITERAL."""
    if node is None:
        return NOT_LITERAL
    # the common cases without generating and re-parsing code
    if isinstance(node, cst.Name):
        return _CONSTANTS.get(node.value, NOT_LITERAL)
    if isinstance(node, (cst.Integer, cst.Float)) or (
        isinstance(node, cst.SimpleString) and "f" not in node.prefix.lower()
    ):
        try:
            return node.evaluated_value
        except Exception:  # an odd literal: let ast decide below
            pass
    elif isinstance(node, (cst.Attribute, cst.Call, cst.Subscript, cst.BinaryOperation)):
        return NOT_LITERAL  # never literals (keeps literal_eval off code that looks like it)
    try:
        return ast.literal_eval(code(node).strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return NOT_LITERAL


_CONSTANTS = {"True": True, "False": False, "None": None}


class _NotLiteral:
    def __repr__(self) -> str:
        return "NOT_LITERAL"


NOT_LITERAL = _NotLiteral()


_NO_MODULE = cst.Module([])  # default indentation and newline


def code(node: cst.CSTNode) -> str:
    return generate(_NO_MODULE, node)


def expr(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


def join(items: list[T], template: list[T] | None = None) -> list[T]:
    """Fix the commas of a comma-separated list whose items came from `template` (or are new).

    Items keep their own commas, so the user's line breaks stay where they were. The last item
    gets the template's last comma (a trailing comma, or none); an item that is no longer last
    and has no comma, or has the old trailing one, gets the template's last separator.
    """
    if not items:
        return items
    template = template or items
    trailing = template[-1].comma
    sep = next(
        (t.comma for t in reversed(template[:-1]) if isinstance(t.comma, cst.Comma)),
        cst.Comma(whitespace_after=_SPACE),
    )
    out = []
    for it in items[:-1]:
        comma = it.comma
        if not isinstance(comma, cst.Comma) or comma is trailing:
            comma = sep
        out.append(it.with_changes(comma=comma))
    return [*out, items[-1].with_changes(comma=trailing)]


def keyword(name: str, value: cst.BaseExpression, like: cst.Arg | None = None) -> cst.Arg:
    """A `name=value` argument; keeps the comma and spacing of `like` when given."""
    arg = cst.Arg(
        value=value,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=_NONE, whitespace_after=_NONE),
    )
    if like is not None:
        arg = arg.with_changes(comma=like.comma, whitespace_after_arg=like.whitespace_after_arg)
    return arg


def rename_keyword(arg: cst.Arg, name: str) -> cst.Arg:
    if arg.keyword is None:
        return keyword(name, arg.value, arg)
    return arg.with_changes(keyword=cst.Name(name))


def positional(arg: cst.Arg) -> cst.Arg:
    return arg.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)


def has_splat(call: cst.Call) -> bool:
    return any(a.star for a in call.args)


def bind(call: cst.Call, params: tuple[str, ...]) -> dict[str, cst.Arg] | None:
    """Bind a call's arguments to parameter names (positional by `params` order).

    Returns name -> Arg in call order, or None when binding is impossible (splats, too many
    positionals, or a keyword given twice).
    """
    bound: dict[str, cst.Arg] = {}
    for i, arg in enumerate(call.args):
        if arg.star:
            return None
        if arg.keyword is None:
            if i >= len(params):
                return None
            name = params[i]
        else:
            name = arg.keyword.value
        if name in bound:
            return None
        bound[name] = arg
    return bound


def string_value(node: cst.BaseExpression | None) -> str | None:
    value = literal(node)
    return value if isinstance(value, str) else None


def after_leading_imports(body: list) -> int:
    """Index after the module's leading docstring and imports (before any other code, so a
    helper defined there exists before the first statement that may call it)."""
    at = 0
    for i, stmt in enumerate(body):
        if not isinstance(stmt, cst.SimpleStatementLine):
            break
        if all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body):
            at = i + 1
        elif not (i == 0 and isinstance(stmt.body[0], cst.Expr)):
            break
    return at


@functools.lru_cache(maxsize=32)
def _definitions(source: str) -> tuple[cst.BaseStatement, ...]:
    # parsed once per process: the same helpers go into many files, and nodes are immutable
    return tuple(cst.parse_module(source).body)


def insert_definitions(module: cst.Module, source: str) -> cst.Module:
    """`module` with the definitions in `source` after its leading imports, set apart by two
    blank lines on each side as PEP 8 asks."""
    blank = [cst.EmptyLine(), cst.EmptyLine()]
    new = list(_definitions(source))
    new[0] = new[0].with_changes(leading_lines=blank)
    body = list(module.body)
    at = after_leading_imports(body)
    if at < len(body):
        following = body[at]
        lines = list(following.leading_lines)
        # blank lines before the statement (or before its first comment line)
        blanks = next((i for i, line in enumerate(lines) if line.comment is not None), len(lines))
        if blanks < 2:
            body[at] = following.with_changes(leading_lines=blank[blanks:] + lines)
    return module.with_changes(body=[*body[:at], *new, *body[at:]])
