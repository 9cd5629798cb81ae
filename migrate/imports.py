"""After the passes: import the Keras 2 names they used, drop the Keras 1 names no longer used.

Works on statements only (never a full walk): import statements live at statement level.
"""

from __future__ import annotations

import ast

import libcst as cst

from .context import Context
from .cstutil import join
from .names import dotted


def _is_keras_module(module: str, package: str) -> bool:
    root = module.split(".")[0]
    return root in ("keras", package)


def _used_names(code: str) -> set[str]:
    return {n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name)}


def fix(module: cst.Module, ctx: Context) -> str:
    code = module.code
    unused: set[str] = set()
    if ctx.replaced:
        try:
            unused = ctx.replaced - _used_names(code)
        except SyntaxError:
            unused = set()  # keep imports; the engine reports the parse failure
    if not unused and not ctx.needed:
        return code
    package = ctx.target.package
    body, anchor, removed, tail = _remove(list(module.body), unused, package)
    if not _add(body, ctx.needed, package, anchor, removed) and anchor is not None:
        tail = _give_lines(body, anchor, _comment_lines(removed), tail)
    return module.with_changes(body=body, footer=[*tail, *module.footer]).code


def _give_lines(body: list, at: int, lines: list, tail: list) -> list:
    """Put comment lines of a removed statement before body[at]; returns what is left over."""
    if at < len(body):
        body[at] = body[at].with_changes(leading_lines=[*lines, *body[at].leading_lines])
        return tail
    return [*lines, *tail]


def _remove(body: list, unused: set[str], package: str):
    """Drop unused Keras import names from this block and the blocks nested in it.

    Returns the new statements; the index where the first emptied import statement stood (the
    place for replacement imports) and that statement; and comment lines of removed
    statements that had no statement after them.
    """
    if not unused:
        return body, None, None, []
    out: list = []
    anchor, removed, pending = None, None, []
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            small = [s for s in (_strip(s, unused, package) for s in stmt.body) if s is not None]
            if not small:
                if anchor is None:
                    anchor, removed = len(out), stmt
                else:
                    pending.extend(_comment_lines(stmt))
                continue
            if any(a is not b for a, b in zip(small, stmt.body, strict=False)) or len(small) < len(
                stmt.body
            ):
                small[-1] = small[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                stmt = stmt.with_changes(body=small)
        else:
            stmt = _remove_nested(stmt, unused, package)
        if pending:
            stmt = stmt.with_changes(leading_lines=[*pending, *stmt.leading_lines])
            pending = []
        out.append(stmt)
    return out, anchor, removed, pending


def _comment_lines(stmt: cst.SimpleStatementLine) -> list[cst.EmptyLine]:
    """The comments of a statement about to be removed, as lines that can stand alone."""
    lines = list(stmt.leading_lines)
    comment = stmt.trailing_whitespace.comment
    if comment is not None:
        lines.append(cst.EmptyLine(comment=comment))
    return lines


def _remove_nested(stmt, unused, package):
    changes = {}
    for attr in ("body", "orelse", "finalbody", "handlers"):
        part = getattr(stmt, attr, None)
        if isinstance(part, cst.IndentedBlock):
            new, anchor, removed, tail = _remove(list(part.body), unused, package)
            if anchor is not None:
                tail = _give_lines(new, anchor, _comment_lines(removed), tail)
            changes[attr] = part.with_changes(
                body=new or [cst.SimpleStatementLine([cst.Pass()])], footer=[*tail, *part.footer]
            )
        elif isinstance(part, (cst.If, cst.Else, cst.Finally)):
            changes[attr] = _remove_nested(part, unused, package)
        elif attr == "handlers" and part:
            changes[attr] = [_remove_nested(h, unused, package) for h in part]
    return stmt.with_changes(**changes) if changes else stmt


def _strip(small, unused: set[str], package: str):
    """An import statement without the unused Keras names; None when nothing is left."""
    if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
        return small
    if small.relative or not _is_keras_module(dotted(small.module) or "", package):
        return small
    keep = [a for a in small.names if _local(a) not in unused]
    if len(keep) == len(small.names):
        return small
    if not keep:
        return None
    return small.with_changes(names=join(keep, list(small.names)))


def _local(alias: cst.ImportAlias) -> str:
    return (alias.asname.name if alias.asname else alias.name).value  # type: ignore[union-attr]


def _spell(module: str, package: str) -> str:
    root, dot, rest = module.partition(".")
    return f"{package}{dot}{rest}" if root == "keras" else module


def _alias(name: str, local: str) -> cst.ImportAlias:
    asname = None if local == name else cst.AsName(name=cst.Name(local))
    return cst.ImportAlias(name=cst.Name(name), asname=asname)


def _add(body: list, needed: dict[tuple[str, str], str], package: str, anchor, removed) -> bool:
    """Import the needed names (in place), into an existing `from M import` where there is one,
    else in place of the removed import statement at `anchor` (keeping its comments), else
    after the Keras imports. Returns whether the anchor was used."""
    used = False
    by_module: dict[str, list[cst.ImportAlias]] = {}
    for (module, name), local in sorted(needed.items()):
        by_module.setdefault(_spell(module, package), []).append(_alias(name, local))
    for module, aliases in by_module.items():
        for i, stmt in enumerate(body):
            existing = _from_import(stmt, module)
            if existing is not None:
                names = join([*existing.names, *aliases], list(existing.names))
                body[i] = stmt.with_changes(
                    body=[
                        existing.with_changes(names=names) if s is existing else s
                        for s in stmt.body
                    ]
                )
                break
        else:
            new = cst.SimpleStatementLine(
                [cst.ImportFrom(module=cst.parse_expression(module), names=join(aliases))]
            )
            if anchor is not None and not used:
                new = new.with_changes(
                    leading_lines=removed.leading_lines,
                    trailing_whitespace=removed.trailing_whitespace,
                )
                body.insert(anchor, new)
                used = True
            else:
                body.insert(_after_keras_imports(body, package), new)
    return used


def _from_import(stmt, module: str):
    if not isinstance(stmt, cst.SimpleStatementLine):
        return None
    for small in stmt.body:
        if (
            isinstance(small, cst.ImportFrom)
            and not small.relative
            and not isinstance(small.names, cst.ImportStar)
            and dotted(small.module) == module
        ):
            return small
    return None


def _after_keras_imports(body: list, package: str) -> int:
    """Index after the last top-level Keras import, else after the last top-level import,
    else after the docstring."""
    last_keras = last_import = None
    for i, stmt in enumerate(body):
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Import):
                last_import = i
                if any(_is_keras_module(dotted(a.name) or "", package) for a in small.names):
                    last_keras = i
            elif isinstance(small, cst.ImportFrom):
                last_import = i
                if not small.relative and _is_keras_module(dotted(small.module) or "", package):
                    last_keras = i
    if last_keras is not None:
        return last_keras + 1
    if last_import is not None:
        return last_import + 1
    first = body[0] if body else None
    is_doc = (
        isinstance(first, cst.SimpleStatementLine)
        and isinstance(first.body[0], cst.Expr)
        and isinstance(first.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )
    return 1 if is_doc else 0
