"""After the passes: import the Keras 2 names they used, drop the Keras 1 names no longer used.

Works on statements only (never a full walk): import statements live at statement level. A
new name takes the place of the old one it replaces where they come from the same module
(`from keras.layers import Convolution2D` -> `from keras.layers import Conv2D`); otherwise it
joins an existing `from <module> import`, or a new import statement goes where the removed one
stood, or after the last Keras import.
"""

from __future__ import annotations

import ast
import re

import libcst as cst

from .codegen import generate
from .context import Context
from .cstutil import join
from .findings import Kind
from .names import bound_name, dotted


def _is_keras_module(module: str, package: str) -> bool:
    return module.split(".")[0] in ("keras", package)


def _module_level_uses(tree: ast.AST, names: set[str]) -> set[str]:
    """Which of `names` are read somewhere the module-level binding is visible (not where a
    function parameter or local variable of the same name hides it)."""
    found: set[str] = set()
    if not names:
        return found

    def walk(node: ast.AST, hidden: frozenset[str]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            local = {a.arg for a in params if a is not None}
            if not isinstance(node, ast.Lambda):
                local |= {
                    t.id
                    for n in ast.walk(node)
                    if isinstance(n, (ast.Assign, ast.For, ast.With))
                    for t in ast.walk(n)
                    if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)
                }
            hidden = hidden | (local & names)
        elif isinstance(node, ast.Name) and node.id in names and node.id not in hidden:
            if isinstance(node.ctx, ast.Load):
                found.add(node.id)
        for child in ast.iter_child_nodes(node):
            walk(child, hidden)

    walk(tree, frozenset())
    return found


def _spell(module: str, package: str) -> str:
    root, dot, rest = module.partition(".")
    return f"{package}{dot}{rest}" if root == "keras" else module


def _alias(name: str, local: str) -> cst.ImportAlias:
    asname = None if local == name else cst.AsName(name=cst.Name(local))
    return cst.ImportAlias(name=cst.Name(name), asname=asname)


class _Text:
    """The module's code, generated statement by statement: a statement the passes left as it
    was (the same object) reuses its original text from `known`, and each other statement is
    generated once, so after import edits only the statements that changed are generated
    again. `fresh` collects the generated pieces, the only ones that still need a syntax check
    once the rest is known to parse."""

    def __init__(self, module: cst.Module, known: dict[cst.CSTNode, str]) -> None:
        self.module = module
        self.texts = dict(known)  # statement -> its code
        self.fresh: list[str] | None = []
        self.code = self.render(module.body, module.footer)

    def piece(self, stmt: cst.CSTNode) -> str:
        text = self.texts.get(stmt)
        if text is None:
            text = self.texts[stmt] = generate(self.module, stmt)
            if self.fresh is not None:
                self.fresh.append(text)
        return text

    def render(self, body, footer) -> str:
        m = self.module
        if not m.has_trailing_newline:
            self.fresh = None  # the last statement's newline goes: check the whole text
            return m.with_changes(body=body, footer=footer).code
        parts = [generate(m, h) for h in m.header]
        parts += [self.piece(s) for s in body]
        parts += [
            self.piece(f) if isinstance(f, cst.BaseStatement) else generate(m, f) for f in footer
        ]
        return "".join(parts) or m.default_newline


def fix(
    module: cst.Module, ctx: Context, known: dict[cst.CSTNode, str]
) -> tuple[str, list[str] | None]:
    """The module's code with its imports fixed, and the pieces of it that still need a syntax
    check (None: all of it)."""
    text = _Text(module, known)
    code = text.code
    unused: set[str] = set()
    if ctx.replaced or ctx.finishers:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            return code, None  # keep imports; the engine reports the parse failure
        text.fresh = [] if text.fresh is not None else None
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        for pass_id, finish in ctx.finishers:
            ctx.current_pass = pass_id
            module = finish(module, used)
        unused = ctx.replaced - used
        ctx.current_pass = "modules"
        for name in sorted(_module_level_uses(tree, set(ctx.obsolete) & used)):
            ctx.report(
                "X-120",
                Kind.MANUAL,
                f"{name} does not exist in Keras {ctx.target.name}, and some of its uses were not converted",
                f"Replace the remaining uses of {name} by hand (see the other findings for this file).",
                node=ctx.obsolete[name],
            )
    # a pass may take a conversion back after asking for its names: import what is used
    needed = {k: v for k, v in ctx.needed.items() if re.search(rf"\b{v}\b", code)}
    if not unused and not needed and not ctx.aliases:
        if module is not text.module:
            code = text.render(module.body, module.footer)
        return code, text.fresh
    package = ctx.target.package
    pending: dict[str, dict[str, cst.ImportAlias]] = {}
    for (mod, name), local in sorted(needed.items()):
        pending.setdefault(_spell(mod, package), {})[name] = _alias(name, local)
    for mod, name, local in sorted(ctx.aliases):
        pending.setdefault(_spell(mod, package), {})[f"{name} as {local}"] = _alias(name, local)
    successors = {
        old: [(_spell(mod, package), name) for mod, name in new]
        for old, new in ctx.successors.items()
    }
    edit = _Edit(unused, package, pending, successors)
    body = edit.block(list(module.body), top=True)
    tail = edit.add(body)
    return text.render(body, [*tail, *module.footer]), text.fresh


class _Edit:
    def __init__(self, unused: set[str], package: str, pending: dict, successors: dict) -> None:
        self.unused = unused
        self.package = package
        self.pending = pending  # module -> {name: alias} still to import
        self.successors = successors  # old local name -> [(module, new name)] replacing it
        self.anchor: int | None = None  # where the first removed top-level import stood
        self.removed: cst.SimpleStatementLine | None = None

    def block(self, body: list, top: bool) -> list:
        """The statements without unused Keras import names (recursing into nested blocks);
        comments of removed statements move to the next statement."""
        out: list = []
        carried: list = []
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                small = [s for s in (self._strip(s, top) for s in stmt.body) if s is not None]
                if not small:
                    if top and self.anchor is None:
                        self.anchor, self.removed = len(out), stmt
                    else:
                        carried.extend(_comment_lines(stmt))
                    continue
                if len(small) < len(stmt.body) or any(
                    a is not b for a, b in zip(small, stmt.body, strict=False)
                ):
                    small[-1] = small[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                    stmt = stmt.with_changes(body=small)
            else:
                stmt = self._nested(stmt)
            if carried:
                stmt = stmt.with_changes(leading_lines=[*carried, *stmt.leading_lines])
                carried = []
            out.append(stmt)
        self.carried = carried
        return out

    def _nested(self, stmt):
        changes = {}
        for attr in ("body", "orelse", "finalbody", "handlers"):
            part = getattr(stmt, attr, None)
            if isinstance(part, cst.IndentedBlock):
                new = self.block(list(part.body), top=False)
                if (
                    self.carried
                    or len(new) != len(part.body)
                    or any(a is not b for a, b in zip(new, part.body, strict=False))
                ):
                    changes[attr] = part.with_changes(
                        body=new or [cst.SimpleStatementLine([cst.Pass()])],
                        footer=[*self.carried, *part.footer],
                    )
            elif isinstance(part, (cst.If, cst.Else, cst.Finally)):
                new = self._nested(part)
                if new is not part:
                    changes[attr] = new
            elif attr == "handlers" and part:
                new = [self._nested(h) for h in part]
                if any(a is not b for a, b in zip(new, part, strict=True)):
                    changes[attr] = new
        return stmt.with_changes(**changes) if changes else stmt

    def _strip(self, small, top: bool):
        """An import without the unused Keras names (a needed name from the same module takes
        the place of the first one removed); None when nothing is left."""
        if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
            return small
        module = dotted(small.module) or ""
        if small.relative or not _is_keras_module(module, self.package):
            return small
        if not any(bound_name(a) in self.unused for a in small.names):
            return small
        waiting = self.pending.get(module, {}) if top else {}
        keep = []
        for alias in small.names:
            local = bound_name(alias)
            if local not in self.unused:
                keep.append(alias)
                continue
            for succ_module, succ in self.successors.get(local, ()):
                if succ_module == module and succ in waiting:
                    keep.append(waiting.pop(succ))  # the new names where the old one stood
        if not keep:
            return None
        return small.with_changes(names=join(keep, list(small.names)))

    def add(self, body: list) -> list:
        """Import what is still pending; returns comment lines left with no statement."""
        used_anchor = False
        for module, by_name in self.pending.items():
            aliases = list(by_name.values())
            if not aliases:
                continue
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
                if self.anchor is not None and not used_anchor:
                    new = new.with_changes(
                        leading_lines=self.removed.leading_lines,
                        trailing_whitespace=self.removed.trailing_whitespace,
                    )
                    body.insert(self.anchor, new)
                    used_anchor = True
                else:
                    body.insert(_after_keras_imports(body, self.package), new)
        tail = list(self.carried)
        if self.anchor is not None and not used_anchor:
            lines = _comment_lines(self.removed)
            if self.anchor < len(body):
                body[self.anchor] = body[self.anchor].with_changes(
                    leading_lines=[*lines, *body[self.anchor].leading_lines]
                )
            else:
                tail = [*lines, *tail]
        return tail


def _comment_lines(stmt: cst.SimpleStatementLine) -> list[cst.EmptyLine]:
    """The comments of a statement about to be removed, as lines that can stand alone."""
    lines = list(stmt.leading_lines)
    comment = stmt.trailing_whitespace.comment
    if comment is not None:
        lines.append(cst.EmptyLine(comment=comment))
    return lines


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
