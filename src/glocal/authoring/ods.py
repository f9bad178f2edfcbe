"""Read an OpenDocument spreadsheet's ``content.xml`` with defusedxml: values, formulas (as
text, never evaluated), hidden rows and columns, merged cells.

Repeated empty rows and columns (LibreOffice writes ``number-rows-repeated="1048000"``) are
skipped, never expanded.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import Any

from defusedxml import ElementTree

from glocal.authoring.table import MAX_CELLS, Cell, CellValue, Table, cell_ref
from glocal.errors import InputError
from glocal.words import Lang, word

__all__ = ["read_ods"]

_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_MAX_REPEAT = 1_000


def read_ods(archive: zipfile.ZipFile, name: str, lang: Lang) -> list[Table]:
    """The sheets of an opened .ods archive."""
    try:
        root = ElementTree.fromstring(archive.read("content.xml"))
    except KeyError:
        raise InputError(name, word("workbook.file.unreadable", lang,
                                    detail="no content.xml")) from None
    except Exception as err:  # defusedxml's refusals and XML syntax errors
        raise InputError(name, word("workbook.file.unreadable", lang,
                                    detail=type(err).__name__)) from None
    tables = []
    count = [0]
    for sheet in root.iter(f"{_T}table"):
        tables.append(_table(sheet, name, lang, count))
    return tables


def _table(sheet: Any, name: str, lang: Lang, count: list[int]) -> Table:
    table = Table(sheet.get(f"{_T}name", ""), {})
    column = 0
    for col in sheet.iter(f"{_T}table-column"):
        repeat = int(col.get(f"{_T}number-columns-repeated", "1"))
        if col.get(f"{_T}visibility", "visible") != "visible" and repeat <= _MAX_REPEAT:
            table.hidden_columns.update(range(column + 1, column + repeat + 1))
        column += repeat
    row = 0
    for r in sheet.iter(f"{_T}table-row"):
        repeat = int(r.get(f"{_T}number-rows-repeated", "1"))
        cells = _row_cells(r)
        hidden = r.get(f"{_T}visibility", "visible") != "visible"
        if not cells:
            if hidden and repeat <= _MAX_REPEAT:
                table.hidden_rows.update(range(row + 1, row + repeat + 1))
            row += repeat
            continue
        for _ in range(min(repeat, _MAX_REPEAT)):
            row += 1
            if hidden:
                table.hidden_rows.add(row)
            for col_index, cell, span in cells:
                count[0] += 1
                if count[0] > MAX_CELLS:
                    raise InputError(name, word("workbook.file.too_many", lang, value=count[0],
                                                limit=MAX_CELLS))
                ref = cell_ref(row, col_index)
                table.cells[(row, col_index)] = Cell(ref, *cell)
                if span:
                    end = cell_ref(row + span[0] - 1, col_index + span[1] - 1)
                    table.merged.append(f"{ref}:{end}")
    return table


def _row_cells(r: Any) -> list[tuple[int, tuple[CellValue, str | None], tuple[int, int] | None]]:
    out = []
    column = 0
    for c in r:
        if c.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        repeat = int(c.get(f"{_T}number-columns-repeated", "1"))
        value = _value(c)
        if value[0] is None and value[1] is None:
            column += repeat
            continue
        rows = int(c.get(f"{_T}number-rows-spanned", "1"))
        cols = int(c.get(f"{_T}number-columns-spanned", "1"))
        span = (rows, cols) if rows > 1 or cols > 1 else None
        for _ in range(min(repeat, _MAX_REPEAT)):
            column += 1
            out.append((column, value, span))
    return out


def _text(node: Any) -> str:
    parts: list[str] = []

    def walk(el: Any) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if child.tag == f"{_X}s":
                parts.append(" " * int(child.get(f"{_X}c", "1")))
            elif child.tag == f"{_X}tab":
                parts.append("\t")
            elif child.tag == f"{_X}line-break":
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    paragraphs = []
    for p in node.findall(f"{_X}p"):
        parts = []
        walk(p)
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _value(c: Any) -> tuple[CellValue, str | None]:
    formula = c.get(f"{_T}formula")
    if formula is not None:
        return None, formula
    kind = c.get(f"{_O}value-type")
    if kind in ("float", "percentage", "currency"):
        number = float(c.get(f"{_O}value", "0"))
        return (int(number) if number.is_integer() else number), None
    if kind == "date":
        raw = c.get(f"{_O}date-value", "")
        try:
            return (dt.datetime.fromisoformat(raw) if "T" in raw
                    else dt.date.fromisoformat(raw)), None
        except ValueError:
            return raw, None
    if kind == "boolean":
        return c.get(f"{_O}boolean-value") == "true", None
    text = _text(c)
    return (text if text else None), None
