"""Migrate one source text: filter, parse once, one walk running every pass, fix imports, verify."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Sequence

import libcst as cst

from . import imports
from .codegen import parse, plain_parentheses
from .context import Context, Options
from .findings import Finding, Kind
from .names import Scope, function_scope, scan
from .passes import HOOKS, Pass
from .positions import start_positions
from .py2 import Py2Error
from .result import FileResult

# `from keras...` or `import ..., keras...` where a statement can start: a line's start, after
# `;`, or after the `:` of a one-line compound statement (`try: import keras`)
_IMPORTS_KERAS = re.compile(
    r"(?:^|[;:])[ \t]*(?:from[ \t]+keras\b|import[ \t]+"
    r"(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*(?:\\\r?\n[ \t]*)?)*keras\b)",
    re.MULTILINE,
)


MAX_NESTING = 200  # CPython's own limit on nested brackets
_BRACKETS = re.compile(r"[()\[\]{}]")


def _bracket_depth(text: str) -> tuple[int, int]:
    """The deepest bracket nesting in the text, and the line where it first passes the limit
    (brackets in strings and comments count too, so this can only overstate)."""
    depth = deepest = 0
    line = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "([{":
            depth += 1
            deepest = max(deepest, depth)
            if depth == MAX_NESTING + 1 and not line:
                line = text.count("\n", 0, m.start()) + 1
        elif depth:
            depth -= 1
    return deepest, line


def may_need_migration(text: str) -> bool:
    """Cheap text test: a file that never imports Keras has nothing for any pass to do (and
    is never parsed). Only names bound by Keras imports are ever rewritten."""
    return "keras" in text and _IMPORTS_KERAS.search(text) is not None


# Nodes that hold nothing a hook or the scope bookkeeping looks at (names, literals,
# punctuation, operators, whitespace): the walk leaves them and their children as they are
# instead of rebuilding them; they are three quarters of all nodes.
_INERT_KINDS = (
    cst.Name,
    cst.Integer,
    cst.Float,
    cst.Imaginary,
    cst.SimpleString,
    cst.Ellipsis,
    cst.FormattedStringText,
    cst.BaseParenthesizableWhitespace,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Newline,
    cst.Comment,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.Semicolon,
    cst.AssignEqual,
    cst.LeftParen,
    cst.RightParen,
    cst.LeftSquareBracket,
    cst.RightSquareBracket,
    cst.LeftCurlyBrace,
    cst.RightCurlyBrace,
    cst.ImportStar,
    cst.Asynchronous,
    cst.ParamStar,
    cst.ParamSlash,
    cst.BaseBinaryOp,
    cst.BaseBooleanOp,
    cst.BaseCompOp,
    cst.BaseUnaryOp,
    cst.BaseAugOp,
    cst.Pass,
    cst.Break,
    cst.Continue,
)


def _subclasses(base: type) -> set[type]:
    found = set(base.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


_NODES = frozenset(_subclasses(cst.CSTNode))
# by the classes' own bases: issubclass through LibCST's abstract bases costs 45 ms at start-up
_INERT = frozenset(c for c in _NODES if not set(_INERT_KINDS).isdisjoint(c.__mro__))
# Nodes around one or two expressions and otherwise only inert parts: inert when those are
_WRAPPERS = {
    cst.Arg: ("value",),
    cst.Element: ("value",),
    cst.Index: ("value",),
    cst.AssignTarget: ("target",),
    cst.Param: ("annotation", "default"),
    cst.ComparisonTarget: ("comparator",),
    cst.DictElement: ("key", "value"),
    cst.Expr: ("value",),
    cst.Return: ("value",),
}
_EMPTY = (type(None), cst.MaybeSentinel)


_REQUIRED, _OPTIONAL, _SENTINEL, _BODY = range(4)  # how a field takes a removed child
_FIELDS: dict[type, tuple[tuple[str, int], ...]] = {}  # node type -> its fields in visit order


class _FieldOrder(cst.CSTVisitor):
    """Records the order in which LibCST visits a node's fields (it announces each one)."""

    def __init__(self, node: cst.CSTNode) -> None:
        super().__init__()
        self.node = node
        self.names: list[str] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        return False

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        if node is self.node:
            self.names.append(attribute)


def _fields(node: cst.CSTNode) -> tuple[tuple[str, int], ...]:
    """Learnt once per node type (the walk looks in _FIELDS first)."""
    order = _FieldOrder(node)
    node._visit_and_replace_children(order)
    defaults = {f.name: f.default for f in dataclasses.fields(node)}
    if "format_spec" in defaults and "format_spec" not in order.names:
        order.names.append("format_spec")  # LibCST visits it (last) only when there is one
    found = _FIELDS[type(node)] = tuple(
        (name, _field_mode(node, name, defaults.get(name))) for name in order.names
    )
    return found


def _field_mode(node: cst.CSTNode, name: str, default: object) -> int:
    if name == "body" and isinstance(node, (cst.Module, cst.IndentedBlock)):
        return _BODY  # LibCST's visit_body_sequence: a line emptied by removals goes too
    if default is None:
        return _OPTIONAL
    return _SENTINEL if default is cst.MaybeSentinel.DEFAULT else _REQUIRED


class _Runner:
    """The one walk: keeps scopes and context, and hands each node to the interested passes.

    It visits children in LibCST's order with LibCST's removal rules, but rebuilds a node only
    when one of its children changed (LibCST's own traversal rebuilds every node it enters,
    which cost more than parsing). A subtree no pass changed comes back as the same object."""

    def __init__(self, ctx: Context, passes: list[Pass]) -> None:
        self.ctx = ctx
        self.hooks = {h: [(p, getattr(p, h)) for p in passes if hasattr(p, h)] for h in HOOKS}
        self.calls: list[str | None] = []  # qualified callee of each enclosing call
        self.raw_frames: list[bool] = []
        self.removed: dict[int, list[cst.EmptyLine]] = {}  # id(removed statement) -> comments

    def walk(self, node: cst.CSTNode):
        if not self.on_visit(node):
            return self.on_leave(node, node)
        changes = {}
        for name, mode in _FIELDS.get(type(node)) or _fields(node):
            value = getattr(node, name)
            kind = type(value)
            if kind in _INERT:  # no hook for these: skipped without a call
                continue
            if kind in _NODES:
                new = self.walk(value)
                if new is not value:
                    if isinstance(new, cst.RemovalSentinel) and mode != _REQUIRED:
                        new = None if mode == _OPTIONAL else cst.MaybeSentinel.DEFAULT
                    elif not isinstance(new, cst.CSTNode):  # removed or split: not here
                        raise TypeError(f"{type(value).__name__} came back as {type(new).__name__}")
                    changes[name] = new
            elif kind is tuple or kind is list:
                items = self._sequence(value, mode == _BODY)
                if items is not None:
                    changes[name] = items
        return self.on_leave(node, node.with_changes(**changes) if changes else node)

    def _sequence(self, children, body: bool) -> tuple | None:
        """The visited children, or None when all came back unchanged."""
        out = None
        for i, child in enumerate(children):
            new = child if type(child) in _INERT else self.walk(child)
            if out is None:
                if new is child:
                    continue
                out = list(children[:i])
            if isinstance(new, cst.RemovalSentinel):
                continue
            if not isinstance(new, (cst.CSTNode, cst.FlattenSentinel)):
                raise TypeError(f"{type(child).__name__} came back as {type(new).__name__}")
            for item in new if isinstance(new, cst.FlattenSentinel) else (new,):
                if not (body and item._is_removable() and not child._is_removable()):
                    out.append(item)
        return None if out is None else tuple(out)

    # visit_<Node> and leave_<Node> methods below are found by node type
    def on_visit(self, node: cst.CSTNode) -> bool:
        # inert nodes never get here: the walk skips them
        kind = type(node)
        visit = _VISIT.get(kind)
        if visit is not None:
            visit(self, node)
        fields = _WRAPPERS.get(kind)
        return fields is None or not all(
            type(part) in _INERT or isinstance(part, _EMPTY)
            for part in (getattr(node, f) for f in fields)
        )

    def on_leave(self, original_node, updated_node):
        leave = _LEAVE.get(type(original_node))
        return updated_node if leave is None else leave(self, original_node, updated_node)

    # scopes and raw-tensor context -----------------------------------------------------------
    def visit_Module(self, node: cst.Module) -> None:
        scope = Scope()
        self.ctx.names.push(scope)
        scan(node.body, scope, self.ctx.names.resolve)  # the scope is still being filled

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.ctx.class_depth += 1

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        name = node.name.value
        raw = (name == "call" and self.ctx.class_depth > 0) or name in self.ctx.raw_functions
        self._enter(function_scope(node, self.ctx.names.resolve), raw)

    def visit_Lambda(self, node: cst.Lambda) -> None:
        raw = bool(self.calls) and self.calls[-1] == "keras.layers.Lambda"
        self._enter(function_scope(node, self.ctx.names.resolve), raw)

    def leave_Lambda(self, original: cst.Lambda, updated: cst.Lambda) -> cst.BaseExpression:
        self._exit()
        return updated

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append(self.ctx.qualify(node.func))
        self.ctx.call_nodes.append(node)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.ctx.target_depth += 1

    def leave_AssignTarget(self, original, updated):
        self.ctx.target_depth -= 1
        return updated

    def _enter(self, scope: Scope, raw: bool) -> None:
        self.ctx.names.push(scope)
        self.raw_frames.append(raw)
        self.ctx.raw_depth += raw

    def _exit(self) -> None:
        self.ctx.names.pop()
        self.ctx.raw_depth -= self.raw_frames.pop()

    # dispatch -------------------------------------------------------------------------------
    def _run(self, hook: str, original, updated):
        ctx = self.ctx
        previous = ctx.current
        ctx.current = original
        for p, fn in self.hooks[hook]:
            ctx.current_pass = p.id
            result = fn(original, updated)
            if result is not updated:
                ctx.changed = True
            if not isinstance(result, type(original)):
                break  # replaced by another node type or removed: later passes see it elsewhere
            updated = result
        else:
            result = updated
        ctx.current = previous
        return result

    def leave_Call(self, original, updated):
        self.ctx.call_nodes.pop()
        result = self._run("leave_Call", original, updated)
        self.calls.pop()
        return result

    def leave_Attribute(self, original, updated):
        return self._run("leave_Attribute", original, updated)

    def leave_Subscript(self, original, updated):
        return self._run("leave_Subscript", original, updated)

    def leave_Comparison(self, original, updated):
        return self._run("leave_Comparison", original, updated)

    def leave_Assign(self, original, updated):
        return self._run("leave_Assign", original, updated)

    def leave_SimpleStatementLine(self, original, updated):
        result = self._run("leave_SimpleStatementLine", original, updated)
        if isinstance(result, cst.RemovalSentinel):
            self.removed[id(original)] = _comments(original)
        return result

    def leave_IndentedBlock(self, original, updated):
        body, tail = self._carry(original.body, updated.body)
        if body is not updated.body:
            updated = updated.with_changes(body=body, footer=[*tail, *updated.footer])
        updated = self._run("leave_IndentedBlock", original, updated)
        if not updated.body:  # every statement of the block was removed: keep it valid
            return updated.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated

    def _carry(self, original: Sequence, updated: Sequence):
        """Give the comments of removed statements to the statement that follows them (the
        user's comments are never dropped); what has no follower goes to the block's footer."""
        if not self.removed or not any(id(s) in self.removed for s in original):
            return updated, []
        kept = [s for s in original if id(s) not in self.removed]
        if len(kept) != len(updated):
            return updated, []  # statements were also split or added here: leave as is
        out, lines, it = [], [], iter(updated)
        for stmt in original:
            if id(stmt) in self.removed:
                lines += self.removed[id(stmt)]
                continue
            new = next(it)
            if lines:
                new = new.with_changes(leading_lines=[*lines, *new.leading_lines])
                lines = []
            out.append(new)
        return out, lines

    def leave_FunctionDef(self, original, updated):
        result = self._run("leave_FunctionDef", original, updated)
        self._exit()
        return result

    def leave_ClassDef(self, original, updated):
        self.ctx.class_depth -= 1
        return self._run("leave_ClassDef", original, updated)

    def leave_Module(self, original, updated):
        body, tail = self._carry(original.body, updated.body)
        if body is not updated.body:
            updated = updated.with_changes(body=body, footer=[*tail, *updated.footer])
        return self._run("leave_Module", original, updated)


def _by_type(prefix: str) -> dict[type, object]:
    return {
        getattr(cst, name.removeprefix(prefix)): fn
        for name, fn in vars(_Runner).items()
        if name.startswith(prefix)
    }


_VISIT = _by_type("visit_")
_LEAVE = _by_type("leave_")


def _comments(stmt: cst.SimpleStatementLine) -> list[cst.EmptyLine]:
    """The comment lines of a statement (its own trailing comment becomes a line)."""
    lines = [line for line in stmt.leading_lines if line.comment is not None]
    if stmt.trailing_whitespace.comment is not None:
        lines.append(cst.EmptyLine(comment=stmt.trailing_whitespace.comment))
    return lines


def _line_of(module: cst.Module, node: cst.CSTNode | None) -> int:
    if node is None:
        return 0
    try:
        return start_positions(module, [node])[node][0]
    except Exception:  # the position is a courtesy; the error itself is what matters
        return 0


def _error(path: str, text: str, message: str, line: int = 0, col: int = 0) -> FileResult:
    finding = Finding(line, col, "engine", "", Kind.ERROR, message, "", path)
    return FileResult(path, text, text, [finding], error=f"{path}:{line}: {message}")


def migrate_text(
    text: str, *, path: str = "<source>", passes: list[type[Pass]], options: Options
) -> FileResult:
    """Migrate one source text (Python 3, or Python 2 through the py2-syntax front end).

    Never raises for bad input: errors come back in the result."""
    if not may_need_migration(text):
        return FileResult(path, text, text)
    depth, line = _bracket_depth(text)
    if depth > MAX_NESTING:  # LibCST's native parser crashes the process on deep nesting
        message = f"cannot parse: brackets nested {depth} deep (Python allows {MAX_NESTING})"
        return _error(path, text, message, line)
    front: list[Finding] = []
    source = text
    try:
        module = parse(text)
    except cst.ParserSyntaxError as exc:
        py2 = next((p for p in passes if getattr(p, "front_end", False)), None)
        if py2 is None:
            return _error(
                path, text, f"cannot parse: {exc.message}", exc.raw_line, exc.raw_column + 1
            )
        try:
            source, notes = py2.convert(text)
            module = parse(source)
        except Py2Error as err:
            return _error(
                path,
                text,
                f"neither Python 3 nor Python 2: {err.message}",
                err.line,
                err.column + 1,
            )
        except RecursionError:
            return _error(path, text, "cannot parse: expression nested too deeply")
        except cst.ParserSyntaxError as err:
            return _error(
                path, text, f"cannot parse: {err.message}", err.raw_line, err.raw_column + 1
            )
        front = [
            Finding(line, col, py2.id, "", kind, msg, "", path) for line, col, kind, msg in notes
        ]
    except RecursionError:
        return _error(path, text, "cannot parse: expression nested too deeply")

    ctx = Context(
        path=path, source=source, options=options, pass_ids=frozenset(p.id for p in passes)
    )
    hooked = [cls(ctx) for cls in passes if not getattr(cls, "front_end", False)]
    try:
        new = _Runner(ctx, hooked).walk(module)
        if not isinstance(new, cst.Module):
            raise TypeError(f"the module came back as {type(new).__name__}")
        ctx.current_pass = ""  # code generation is the engine's (finishers name themselves)
        after, unchecked, positions = _generate(module, new, ctx, source)
    except RecursionError:
        return _error(path, text, "cannot migrate: expression nested too deeply")
    except Exception as exc:  # a pass bug must cost one file, never the run or the user's code
        where = ctx.current_pass or "engine"
        line = _line_of(module, ctx.current)
        message = (
            f"internal error in pass {where}: {type(exc).__name__}: {exc}; file left as it was"
        )
        return _error(path, text, message, line)
    findings = sorted(front + ctx.findings(positions)) if ctx.reports else front
    if after == text:
        return FileResult(path, text, text, findings)
    exc = _syntax_error(after, unchecked)
    if exc is not None:
        try:
            ast.parse(text)
        except SyntaxError:
            pass  # the input uses syntax this Python cannot read; LibCST parsed both
        else:
            return _error(
                path, text, f"internal error, output does not parse: {exc}", exc.lineno or 0
            )
    return FileResult(path, text, after, findings)


def _generate(module: cst.Module, new: cst.Module, ctx: Context, source: str):
    """The output, the pieces of it that still need a syntax check (None: all), and the
    positions of the findings' nodes in the original."""
    after, unchecked = source, None
    positions: dict[cst.CSTNode, tuple[int, int]] = {}
    with plain_parentheses():
        if ctx.changed or ctx.replaced:
            # one code generation of the original gives the positions of the findings so far
            # and the text of the top-level statements, which unchanged statements reuse
            pieces: dict[cst.CSTNode, str] = {}
            nodes = [r.node for r in ctx.reports] + ctx.may_report + list(ctx.obsolete.values())
            positions = start_positions(module, nodes, pieces)
            after, unchecked = imports.fix(new, ctx, pieces)
        missing = [r.node for r in ctx.reports if r.node not in positions]
        if missing:
            positions.update(start_positions(module, missing))
    return after, unchecked, positions


def _syntax_error(after: str, unchecked: list[str] | None) -> SyntaxError | None:
    """Whether the output parses. Only the `unchecked` top-level statements need a look when
    the rest is known to parse (top-level statements parse independently of each other); on a
    failure the whole text is parsed for the error's line number."""
    try:
        for piece in [after] if unchecked is None else unchecked:
            ast.parse(piece)
    except SyntaxError:
        try:
            ast.parse(after)
        except SyntaxError as exc:
            return exc
    return None
