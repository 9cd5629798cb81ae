"""Finding positions agree with LibCST's PositionProvider."""

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from migrate.positions import start_positions
from tests.util import KERAS1_FILES

FILES = KERAS1_FILES


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_positions_match_libcst(path):
    module = cst.parse_module(path.read_text(encoding="utf-8"))
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    nodes = [
        n for n in expected
        if isinstance(n, (cst.Call, cst.Attribute, cst.SimpleStatementLine, cst.ClassDef,
                          cst.FunctionDef, cst.ImportFrom, cst.Assign, cst.Comparison,
                          cst.Subscript, cst.IndentedBlock, cst.Name))
    ]
    found = start_positions(module, nodes)
    wrong = [
        (cst.Module([]).code_for_node(n)[:40], found.get(n), expected[n].start)
        for n in nodes
        if found.get(n) != (expected[n].start.line, expected[n].start.column)
    ]
    assert wrong == []
