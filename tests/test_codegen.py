"""LibCST's parse and code generation, minus the work whose result is known in advance, give
what LibCST gives."""

import sysconfig
from pathlib import Path

import libcst as cst
import pytest
from libcst._nodes.expression import _BaseParenthesizedNode

from migrate import codegen
from migrate.context import Context
from migrate.engine import _Runner
from migrate.positions import start_positions
from tests.util import KERAS1_FILES

FILES = KERAS1_FILES
PARENTHESIZE = _BaseParenthesizedNode.__dict__["_parenthesize"]

ODD = """\
x = ((a)) + (b * (c - d))
y = (yield)
f((g), *(h), **(k))
z = [(i) for (i) in (range(3)) if (i)]
w = (lambda: (1))()
"""


class _All(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


def _every_node(module: cst.Module) -> list[cst.CSTNode]:
    collect = _All()
    module.visit(collect)
    return collect.nodes


@pytest.mark.parametrize("path", [*FILES, None], ids=[p.stem for p in FILES] + ["parens"])
def test_same_code_and_positions(path):
    source = ODD if path is None else path.read_text(encoding="utf-8")
    module = codegen.parse(source)
    assert module.deep_equals(cst.parse_module(source))
    nodes = _every_node(module)
    expected = start_positions(module, nodes)
    with codegen.plain_parentheses():
        assert codegen.generate(module, module) == source
        assert module.code == source
        assert start_positions(module, nodes) == expected
    assert _BaseParenthesizedNode.__dict__["_parenthesize"] is PARENTHESIZE


def test_swaps_are_undone_after_an_error():
    with pytest.raises(ValueError), codegen.plain_parentheses():
        raise ValueError
    assert _BaseParenthesizedNode.__dict__["_parenthesize"] is PARENTHESIZE
    with pytest.raises(cst.ParserSyntaxError):
        codegen.parse("def (:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")  # checks are on again


def _standard_library() -> list[Path]:
    lib = Path(sysconfig.get_paths()["stdlib"])
    skip = {"test", "tests", "idle_test", "site-packages", "lib2to3", "pydoc_data"}
    files = [p for p in sorted(lib.rglob("*.py")) if not skip & set(p.relative_to(lib).parts)]
    return files[::25]  # every kind of syntax, in about a second


@pytest.mark.parametrize("path", _standard_library(), ids=lambda p: p.stem)
def test_standard_library_round_trips(path):
    source = path.read_text(encoding="utf-8")
    try:
        module = codegen.parse(source)
    except (cst.ParserSyntaxError, RecursionError):
        pytest.skip("LibCST cannot read it")
    walked = _Runner(Context(path=str(path), source=source), []).walk(module)
    assert walked is module  # no pass: the very same tree
    pieces: dict = {}
    with codegen.plain_parentheses():
        start_positions(module, [], pieces)
        assert codegen.generate(module, module) == source
    if module.has_trailing_newline:
        header = "".join(codegen.generate(module, line) for line in module.header)
        footer = "".join(codegen.generate(module, line) for line in module.footer)
        assert header + "".join(pieces[s] for s in module.body) + footer == source
