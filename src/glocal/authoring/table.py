"""A sheet as plain cells, whatever file it was read from (.xlsx or .ods).

>>> cell_ref(3, 2)
'B3'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["MAX_CELLS", "Cell", "CellValue", "Table", "cell_ref"]

MAX_CELLS = 2_000_000

CellValue = str | int | float | bool | dt.datetime | dt.date | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as stored: its value, the formula text if it holds one, its reference."""

    ref: str
    value: CellValue
    formula: str | None = None

    @property
    def empty(self) -> bool:
        return self.formula is None and (self.value is None or
                                         (isinstance(self.value, str) and not self.value.strip()))


@dataclass(slots=True)
class Table:
    """One sheet: cells by (row, column), both 1-based, and what is hidden or merged."""

    name: str
    cells: dict[tuple[int, int], Cell]
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    merged: list[str] = field(default_factory=list)
    hidden: bool = False

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_column(self) -> int:
        return max((c for _, c in self.cells), default=0)

    def get(self, row: int, column: int) -> Cell:
        return self.cells.get((row, column)) or Cell(cell_ref(row, column), None)


def cell_ref(row: int, column: int) -> str:
    """The A1 reference of (row, column), both 1-based."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
