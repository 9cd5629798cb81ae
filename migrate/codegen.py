"""Parsing and code generation with LibCST, minus work whose result is known in advance.

- LibCST checks every node it builds (CSTNode.__post_init__ runs _validate), a fifth of the
  cost of a parse; what its parser builds from source that parses passes those checks by
  construction, so `parse` skips them. Nodes the passes build are always checked.
- Code generation enters a generator-based context manager for every node to record its
  position (CodegenState.record_syntactic_position) and another for every expression's
  parentheses (_parenthesize); with nothing to record, half of its time. `Quiet` records
  nothing, and `plain_parentheses` swaps the second for a small class doing the same.

The swaps change a LibCST class for as long as the call lasts, and only when no other thread
is running (one that could build nodes or generate code meanwhile): then everything is as
LibCST has it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import libcst as cst
from libcst._nodes.expression import _BaseParenthesizedNode
from libcst._nodes.internal import CodegenState  # the hook LibCST's own providers use


@contextmanager
def _swapped(cls: type, name: str, value: object) -> Iterator[None]:
    if threading.active_count() > 1:
        yield
        return
    saved = cls.__dict__[name]
    setattr(cls, name, value)
    try:
        yield
    finally:
        setattr(cls, name, saved)


def _unchecked(self: cst.CSTNode) -> None:
    return None


def parse(source: str) -> cst.Module:
    with _swapped(cst.CSTNode, "__post_init__", _unchecked):
        return cst.parse_module(source)


class _Nothing:
    """A context manager that does nothing, cheaply (nullcontext is slower)."""

    __slots__ = ()

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc) -> None:
        return None


NOTHING = _Nothing()


class Quiet(CodegenState):
    """Code generation that records no positions."""

    def __init__(self, module: cst.Module) -> None:
        super().__init__(
            default_indent=module.default_indent, default_newline=module.default_newline
        )

    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        return NOTHING


def generate(module: cst.Module, node: cst.CSTNode) -> str:
    """module.code_for_node(node), without the position bookkeeping."""
    state = Quiet(module)
    node._codegen(state)
    return "".join(state.tokens)


class _Parentheses:
    """What _BaseParenthesizedNode._parenthesize does, as a class instead of a generator."""

    __slots__ = ("node", "state", "record")

    def __init__(self, node: _BaseParenthesizedNode, state: CodegenState) -> None:
        self.node, self.state = node, state

    def __enter__(self) -> None:
        for lpar in self.node.lpar:
            lpar._codegen(self.state)
        self.record = self.state.record_syntactic_position(self.node)
        self.record.__enter__()

    def __exit__(self, kind, value, traceback) -> None:
        self.record.__exit__(kind, value, traceback)
        if kind is None:
            for rpar in self.node.rpar:
                rpar._codegen(self.state)


def _parenthesize(self: _BaseParenthesizedNode, state: CodegenState) -> _Parentheses:
    return _Parentheses(self, state)


def plain_parentheses():
    """For the duration, expressions generate their parentheses through _Parentheses."""
    return _swapped(_BaseParenthesizedNode, "_parenthesize", _parenthesize)
