"""Line and column of the few nodes that findings point at.

LibCST's PositionProvider computes the position of every node (code generation plus an extra
walk), which costs more than parsing the file. Findings need a handful of positions, so one
code generation pass keeps count of lines and columns and records only the nodes asked for.
The numbers are the ones PositionProvider gives (tests/test_positions.py checks that).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import AbstractContextManager

import libcst as cst

from .codegen import NOTHING, Quiet

_NEWLINE = re.compile(r"\r\n?|\n")


class _Tracker(Quiet):
    def __init__(self, module: cst.Module, wanted: set[cst.CSTNode]) -> None:
        super().__init__(module)
        self.wanted = wanted
        self.found: dict[cst.CSTNode, tuple[int, int]] = {}
        self._counted = 0
        self._line, self._column = 1, 0

    def _here(self) -> tuple[int, int]:
        """The position after the tokens generated so far (counting only the new ones)."""
        tokens = self.tokens
        line, column = self._line, self._column
        for i in range(self._counted, len(tokens)):
            token = tokens[i]
            if "\n" in token or "\r" in token:
                parts = _NEWLINE.split(token)
                line += len(parts) - 1
                column = len(parts[-1])
            else:
                column += len(token)
        self._counted = len(tokens)
        self._line, self._column = line, column
        return line, column

    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> AbstractContextManager:
        # called for most nodes: the unwanted ones share one do-nothing context manager
        if node not in self.wanted:
            return NOTHING
        return _Record(self, node, start_node)


class _Record:
    def __init__(self, tracker: _Tracker, node: cst.CSTNode, start_node) -> None:
        self.tracker, self.node, self.start_node = tracker, node, start_node

    def __enter__(self) -> None:
        self.start = self.tracker._here()

    def __exit__(self, *exc) -> None:
        found = self.tracker.found
        start = self.start
        if self.start_node is not None and self.start_node in found:
            start = found[self.start_node]
        found.setdefault(self.node, start)


def start_positions(
    module: cst.Module, nodes: Iterable[cst.CSTNode], pieces: dict | None = None
) -> dict[cst.CSTNode, tuple[int, int]]:
    """(line, column) of each node, both as PositionProvider counts them (column 0-based).
    Given `pieces`, also fills it with the code of each top-level statement."""
    wanted = set(nodes)
    for node in list(wanted):  # a block starts where its first statement does
        body = getattr(node, "body", None)
        if isinstance(body, (list, tuple)) and body:
            wanted.add(body[0])
        elif isinstance(body, cst.BaseSuite):
            wanted.add(body)
            if isinstance(body, cst.IndentedBlock) and body.body:
                wanted.add(body.body[0])
    tracker = _Tracker(module, wanted)
    if pieces is None:
        module._codegen(tracker)
        return tracker.found
    for line in module.header:  # Module._codegen_impl, up to the footer (nothing to find there)
        line._codegen(tracker)
    tokens = tracker.tokens
    for stmt in module.body:
        start = len(tokens)
        stmt._codegen(tracker)
        pieces[stmt] = "".join(tokens[start:])
    return tracker.found
