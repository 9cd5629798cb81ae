"""What a migration says about a file: one Finding per rewrite, warning, manual item or error."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(str, enum.Enum):
    REWRITE = "rewrite"  # rewritten, behaviour kept
    WARNING = "warning"  # rewritten, but review it: behaviour may differ
    MANUAL = "manual"  # not rewritten: a person has to do it
    ERROR = "error"  # the file could not be migrated at all

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    column: int
    pass_id: str
    row: str  # catalogue row ID, e.g. "M-05"
    kind: Kind
    message: str
    todo: str = ""  # for manual items and warnings: what the user should do
    path: str = ""
    cell: int | None = None  # notebook code-cell index, when the source is a notebook

    def location(self) -> str:
        where = self.path or "<source>"
        if self.cell is not None:
            where += f"[cell {self.cell}]"
        return f"{where}:{self.line}:{self.column}"

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "cell": self.cell,
            "line": self.line,
            "column": self.column,
            "pass": self.pass_id,
            "row": self.row,
            "kind": self.kind.value,
            "message": self.message,
            "todo": self.todo,
        }
