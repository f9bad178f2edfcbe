"""A marked copy of a workbook: each cell with a problem filled red and commented.

Only .xlsx workbooks are annotated (an .ods is read, not rewritten).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from glocal.authoring.importer import Problem
from glocal.authoring.template import save
from glocal.errors import InputError

__all__ = ["annotate"]


def annotate(workbook: str | Path, problems: Sequence[Problem], target: str | Path) -> int:
    """Write ``workbook`` to ``target`` with each problem's cell marked; returns the count."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    if Path(workbook).suffix.lower() != ".xlsx":
        raise InputError(str(workbook), "only .xlsx workbooks can be annotated")
    book = openpyxl.load_workbook(workbook)
    fill = PatternFill("solid", fgColor="FF9999")
    by_cell: dict[tuple[str, str], list[str]] = {}
    for p in problems:
        by_cell.setdefault((p.sheet, p.cell), []).append(p.message)
    for (sheet, ref), messages in by_cell.items():
        if sheet not in book.sheetnames:
            continue
        cell = book[sheet][ref]
        cell.fill = fill
        cell.comment = Comment("\n".join(messages)[:2000], "glocal", width=320, height=120)
    save(book, target)
    return len(by_cell)
