"""The engine's own walk agrees with LibCST's traversal, and keeps what no pass changed."""

import threading

import libcst as cst
import pytest

from migrate import codegen, migrate_source
from migrate.context import Context
from migrate.engine import _FIELDS, _INERT, _INERT_KINDS, _NODES, _Runner
from migrate.passes import Pass
from migrate.positions import start_positions
from tests.util import KERAS1_FILES

CHECKED = cst.CSTNode.__post_init__
FILES = KERAS1_FILES


def test_inert_nodes_are_the_subclasses_of_the_inert_kinds():
    # the engine reads the classes' own bases instead of asking issubclass (slow at start-up)
    assert _INERT == {c for c in _NODES if issubclass(c, _INERT_KINDS)}
    assert cst.Name in _INERT and cst.Add in _INERT and cst.Call not in _INERT


def runner(source: str, *passes: type[Pass]) -> _Runner:
    ctx = Context(path="t.py", source=source)
    return _Runner(ctx, [p(ctx) for p in passes])


class _Seen(_Runner):
    def __init__(self, source: str) -> None:
        super().__init__(Context(path="t.py", source=source), [])
        self.seen: list[cst.CSTNode] = []

    def on_visit(self, node):
        self.seen.append(node)
        return super().on_visit(node)


class _LibcstSeen(cst.CSTVisitor):
    """LibCST's order, without the nodes the engine's walk never enters."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[cst.CSTNode] = []
        self.parent: dict[int, cst.CSTNode | None] = {}
        self.stack: list[cst.CSTNode] = []
        self.closed = 0  # > 0 inside a node the engine's walk does not enter

    def on_visit(self, node):
        if self.closed:
            self.closed += 1
            return True
        if type(node) in _INERT:
            self.closed = 1
            return True
        self.parent[id(node)] = self.stack[-1] if self.stack else None
        self.stack.append(node)
        self.seen.append(node)
        return True

    def on_leave(self, node):
        if self.closed:
            self.closed -= 1
        else:
            self.stack.pop()


# an argument, element, ... whose every part is a name, literal or punctuation: nothing in it
# for a hook, so the walk does not enter it
WRAPPERS = (
    cst.Arg,
    cst.Element,
    cst.Index,
    cst.AssignTarget,
    cst.Param,
    cst.ComparisonTarget,
    cst.DictElement,
    cst.Expr,
    cst.Return,
)


def _all_inert(node: cst.CSTNode) -> bool:
    return all(type(child) in _INERT for child in node.children)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_walk_visits_in_libcst_order(path):
    source = path.read_text(encoding="utf-8")
    module = cst.parse_module(source)
    ours = _Seen(source)
    assert ours.walk(module) is module  # no pass: the very same tree comes back
    theirs = _LibcstSeen()
    module.visit(theirs)
    entered = {id(n) for n in ours.seen}
    assert [n for n in theirs.seen if id(n) in entered] == ours.seen
    skipped = {id(n) for n in theirs.seen if id(n) not in entered}
    for node in theirs.seen:
        if id(node) in skipped:
            parent = theirs.parent[id(node)]
            assert (isinstance(node, WRAPPERS) and _all_inert(node)) or id(parent) in skipped


def test_walk_learns_fields_libcst_visits_only_sometimes():
    # the first f-string part has no format spec, the second has one with a call in it
    source = 'a = f"{x}"\nb = f"{y:{width(3)}}"\n'
    module = cst.parse_module(source)
    for kind in (cst.FormattedStringExpression, cst.FormattedString):
        _FIELDS.pop(kind, None)  # learn them from this file, in this order
    ours = _Seen(source)
    ours.walk(module)
    theirs = _LibcstSeen()
    module.visit(theirs)
    assert ours.seen == theirs.seen
    assert any(isinstance(n, cst.Call) for n in ours.seen)


class DropPrints(Pass):
    """Removes print calls: whole lines, or one statement of a `;` line."""

    id = "drop-prints"

    def leave_SimpleStatementLine(self, original, updated):
        body = [s for s in updated.body if not _is_print(s)]
        if not body:
            return cst.RemovalSentinel.REMOVE
        if len(body) == len(updated.body):
            return updated
        body[-1] = body[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
        return updated.with_changes(body=body)


def _is_print(small: cst.BaseSmallStatement) -> bool:
    return (
        isinstance(small, cst.Expr)
        and isinstance(small.value, cst.Call)
        and getattr(small.value.func, "value", "") == "print"
    )


class DropZ(Pass):
    """Removes assignments to z: a line left with no statement goes too."""

    id = "drop-z"

    def leave_Assign(self, original, updated):
        if getattr(updated.targets[0].target, "value", "") == "z":
            return cst.RemovalSentinel.REMOVE
        return updated


class LibcstRemovals(cst.CSTTransformer):
    def leave_SimpleStatementLine(self, original, updated):
        return DropPrints(None).leave_SimpleStatementLine(original, updated)

    def leave_Assign(self, original, updated):
        return DropZ(None).leave_Assign(original, updated)


REMOVALS = """\
import keras
print(1)
x = 1; print(2)
z = 0
def f():
    print(3)
    z = 3
    return x
if x:
    y = 1; z = 5
"""


def test_removals_match_libcst():
    module = cst.parse_module(REMOVALS)
    ours = runner(REMOVALS, DropPrints, DropZ).walk(module).code
    assert ours == module.visit(LibcstRemovals()).code
    assert ours == "import keras\nx = 1\ndef f():\n    return x\nif x:\n    y = 1; \n"


def test_a_line_emptied_below_it_goes_as_in_libcst():
    module = cst.parse_module(REMOVALS)
    ours = runner(REMOVALS, DropZ).walk(module).code  # no statement hook drops the line

    class LibcstDropZ(cst.CSTTransformer):
        leave_Assign = LibcstRemovals.leave_Assign

    assert ours == module.visit(LibcstDropZ()).code
    assert "z" not in ours and ours.count("\n") == REMOVALS.count("\n") - 2


def test_a_removed_line_gives_its_comments_to_the_next_and_a_block_keeps_a_statement():
    source = "import keras\n# about x\nprint(1)\nx = 1\nclass C:\n    print(2)\n"
    module = cst.parse_module(source)
    new = runner(source, DropPrints).walk(module).code
    assert new == "import keras\n# about x\nx = 1\nclass C:\n    pass\n"


class RenameDense(Pass):
    id = "rename-dense"

    def leave_Call(self, original, updated):
        if getattr(updated.func, "value", "") == "Dense":
            return updated.with_changes(func=cst.Name("Linear"))
        return updated


def test_unchanged_subtrees_are_the_same_objects():
    source = "a = f(1)\ndef g():\n    b = Dense(2)\n    return h(b)\nc = [k(3)]\n"
    module = cst.parse_module(source)
    new = runner(source, RenameDense).walk(module)
    assert new.code == source.replace("Dense", "Linear")
    assert new.body[0] is module.body[0]
    assert new.body[2] is module.body[2]
    changed = new.body[1]
    assert changed is not module.body[1]
    # inside the changed function, the untouched return statement is the original object
    assert changed.body.body[1] is module.body[1].body.body[1]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_statement_pieces_are_the_module_code(path):
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    pieces: dict = {}
    with_pieces = start_positions(module, [module.body[-1]], pieces)
    assert with_pieces == start_positions(module, [module.body[-1]])
    header = "".join(module.code_for_node(line) for line in module.header)
    footer = "".join(module.code_for_node(line) for line in module.footer)
    text = header + "".join(pieces[s] for s in module.body) + footer
    assert text == module.code


@pytest.mark.parametrize(
    "before, after",
    [
        (  # no newline at the end: the last statement is reused, still without one
            "from keras.layers import merge\ny = merge([a, b], mode='sum')\nz = 1",
            "from keras.layers import add\ny = add([a, b])\nz = 1",
        ),
        (  # line endings of untouched statements stay as they were
            "from keras.layers import merge\r\nz = (1,\r\n  2)\ny = merge([a, b], mode='sum')\r\n",
            "from keras.layers import add\r\nz = (1,\r\n  2)\ny = add([a, b])\r\n",
        ),
        (  # odd layout, comments and a `;` line around a rewritten statement
            "from keras.layers import merge\nx  =  [1,2 ,\n 3]   # c\nif x :\n\tq=1 ; r=2\n"
            "y = merge([a, b], mode='sum')  # keep\n",
            "from keras.layers import add\nx  =  [1,2 ,\n 3]   # c\nif x :\n\tq=1 ; r=2\n"
            "y = add([a, b])  # keep\n",
        ),
    ],
)
def test_untouched_statements_keep_their_text(before, after):
    result = migrate_source(before)
    assert result.error is None
    assert result.after == after


def test_nodes_built_after_a_migration_are_checked_again():
    assert migrate_source("from keras.layers import merge\ny = merge([a, b])\n").changed
    assert cst.CSTNode.__post_init__ is CHECKED
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


def test_parser_nodes_are_checked_while_another_thread_runs():
    seen = []
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with codegen._swapped(cst.CSTNode, "__post_init__", codegen._unchecked):
            seen.append(cst.CSTNode.__post_init__)
    finally:
        release.set()
        other.join()
    with codegen._swapped(cst.CSTNode, "__post_init__", codegen._unchecked):
        seen.append(cst.CSTNode.__post_init__)
    assert seen == [CHECKED, codegen._unchecked]
    assert cst.CSTNode.__post_init__ is CHECKED
