"""Write the workbook: the empty template, or one filled by the export (openpyxl lives here and
in workbook.py only).

>>> import tempfile, pathlib, openpyxl
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mall.xlsx"
>>> template(path)
>>> book = openpyxl.load_workbook(path)
>>> book.sheetnames[:4], book["Mål"]["A2"].value, book["Listor"].sheet_state
(['Instruktioner', 'Dokument', 'Mål', 'Områden'], 'goal-1', 'hidden')
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from glocal.authoring.spec import ACTOR_KINDS, SHEETS, TEMPLATE_VERSION, Column, Sheet
from glocal.authoring.vocab import Vocabulary, headers, vocabulary
from glocal.rdf.formats import write_atomic
from glocal.words import Lang, word

__all__ = ["REQUIRED_MARK", "build", "template"]

REQUIRED_MARK = " *"
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_ID_FILL = PatternFill("solid", fgColor="EDEDED")
_TEXT_KINDS = ("id", "sdg", "slug", "plain", "ref", "version", "source", "work")
_WIDE_KINDS = ("sv", "en", "quote", "quotes")

Rows = Mapping[str, Sequence[Mapping[str, str]]]


def template(path: str | Path, *, lang: Lang = "sv") -> None:
    """Write the empty workbook template to ``path`` (.xlsx), headers in ``lang``."""
    save(build(lang=lang), path)


def save(book: Workbook, path: str | Path) -> None:
    """Save ``book`` atomically: never half a file."""
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, [buffer.getvalue()])


def build(*, lang: Lang = "sv", document: Mapping[str, str] | None = None,
          rows: Rows | None = None) -> Workbook:
    """The workbook, empty or filled with ``document`` fields and ``rows`` per sheet key."""
    v = vocabulary()
    book = Workbook()
    intro = book.active
    assert intro is not None
    intro.title = word("workbook.sheet.instructions", lang)
    intro["A1"] = word("workbook.instructions", lang)
    intro["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    intro.column_dimensions["A"].width = 110
    intro.row_dimensions[1].height = 260
    lists, ranges = _lists(book, v, lang)
    for sheet in SHEETS:
        ws = book.create_sheet(word(f"workbook.sheet.{sheet.key}", lang))
        if sheet.role == "document":
            _document_sheet(ws, sheet, v, lang, document or {}, ranges)
        else:
            _table_sheet(ws, sheet, v, lang, (rows or {}).get(sheet.key, ()), ranges)
    book.move_sheet(lists.title, offset=len(book.sheetnames))
    return book


def _comment(v: Vocabulary, sheet: Sheet, col: Column, lang: Lang) -> Comment:
    parts = []
    if col.predicate:
        definition = v.definitions.get((col.predicate, lang))
        if definition:
            parts.append(definition)
    notes = {"id": "comment.ids", "quote": "comment.quote", "quotes": "comment.quotes",
             "sdg": "comment.code", "date": "comment.date"}
    if col.kind in notes:
        parts.append(word("workbook." + notes[col.kind], lang))
    if col.multi and col.kind == "ref":
        parts.append(word("workbook.comment.refs", lang))
    if v.is_required(sheet, col):
        parts.append(word("workbook.required", lang))
    text = "\n".join(parts) or col.key
    return Comment(text[:2000], "glocal", width=320, height=160)


def _lists(book: Workbook, v: Vocabulary, lang: Lang) -> tuple[Worksheet, dict[str, str]]:
    """The hidden sheet the drop-downs read, and the range of each list on it."""
    ws: Worksheet = book.create_sheet(word("workbook.sheet.lists", lang))
    ws.sheet_state = "hidden"
    columns: list[tuple[str, list[str]]] = []
    for scheme in sorted(v.concepts):
        columns.append((scheme, v.concept_labels(scheme, lang)))
    columns.append(("actor_kind", [word(f"workbook.kind.{k}", lang) for k in ACTOR_KINDS]))
    columns.append(("plan_kind", [word("workbook.kind.plan", lang),
                                  word("workbook.kind.fund", lang)]))
    columns.append(("bool", [word("workbook.value.yes", lang), word("workbook.value.no", lang)]))
    codes = sorted(v.sdg_codes, key=_code_key)
    columns.append(("sdg", codes))
    columns.append(("sdg_title", [f"{c} {v.sdg_titles[c]}" for c in codes]))
    names = sorted({n for n in v.known if ":" not in n})
    columns.append(("actors", names))
    ws.cell(1, len(columns) + 1, f"glocal-template {TEMPLATE_VERSION}")
    ranges: dict[str, str] = {}
    for index, (key, values) in enumerate(columns, start=1):
        ws.cell(1, index, key)
        for row, value in enumerate(values, start=2):
            ws.cell(row, index, value).number_format = "@"
        letter = get_column_letter(index)
        ranges[key] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_properties.tabColor = "999999"
    return ws, ranges


def _code_key(code: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (999, p) for p in re.split(r"\.", code))


def _validation(ws: Worksheet, col: Column, ranges: Mapping[str, str], cells: str) -> None:
    key = (col.scheme or "") if col.kind == "concept" else col.kind
    if col.multi or key not in ranges:
        return
    dv = DataValidation(type="list", formula1=ranges[key], allow_blank=True)
    dv.showErrorMessage = col.kind != "sdg"
    ws.add_data_validation(dv)
    dv.add(cells)


def _table_sheet(ws: Worksheet, sheet: Sheet, v: Vocabulary, lang: Lang,
                 rows: Sequence[Mapping[str, str]], lists: Mapping[str, str]) -> None:
    names = headers(sheet, lang)
    prefilled = _ids(sheet, rows)
    last = max(len(prefilled), len(rows), 1) + 1
    for index, (col, name) in enumerate(zip(sheet.columns, names, strict=True), start=1):
        required = v.is_required(sheet, col)
        cell = ws.cell(1, index, name + (REQUIRED_MARK if required else ""))
        cell.font = Font(bold=True)
        cell.fill = _REQUIRED_FILL if required else _HEADER_FILL
        cell.comment = _comment(v, sheet, col, lang)
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = 60 if col.kind in _WIDE_KINDS else 18
        for r in range(2, last + 1):
            target = ws.cell(r, index)
            if col.kind in _TEXT_KINDS:
                target.number_format = "@"
            if col.kind == "id" and sheet.id_prefix:
                target.protection = Protection(locked=True)
                target.fill = _ID_FILL
            else:
                target.protection = Protection(locked=False)
            if col.kind in _WIDE_KINDS:
                target.alignment = Alignment(wrap_text=True, vertical="top")
        _validation(ws, col, lists, f"{letter}2:{letter}{last}")
    for r, row in enumerate(rows, start=2):
        for index, col in enumerate(sheet.columns, start=1):
            value = row.get(col.key)
            if value:
                ws.cell(r, index, value)
    if sheet.id_prefix:
        for r, ident in enumerate(prefilled[len(rows):], start=len(rows) + 2):
            ws.cell(r, 1, ident)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.insertRows = False
        ws.protection.sort = False
        ws.protection.autoFilter = False
    ws.freeze_panes = "B2"


def _ids(sheet: Sheet, rows: Sequence[Mapping[str, str]]) -> list[str]:
    if not sheet.id_prefix:
        return []
    used = {row.get("id", "") for row in rows}
    numbers = [int(m.group(1)) for u in used if (m := re.fullmatch(rf"{sheet.id_prefix}-(\d+)", u))]
    start = max(numbers, default=0) + 1
    extra = sheet.rows if not rows else 20
    return [row.get("id", "") for row in rows] + [
        f"{sheet.id_prefix}-{n}" for n in range(start, start + extra)]


def _document_sheet(ws: Worksheet, sheet: Sheet, v: Vocabulary, lang: Lang,
                    document: Mapping[str, str], lists: Mapping[str, str]) -> None:
    ws.cell(1, 1, word("workbook.col.field", lang)).font = Font(bold=True)
    ws.cell(1, 2, word("workbook.col.value", lang)).font = Font(bold=True)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 80
    for r, (col, name) in enumerate(zip(sheet.columns, headers(sheet, lang), strict=True),
                                    start=2):
        required = v.is_required(sheet, col)
        label = ws.cell(r, 1, name + (REQUIRED_MARK if required else ""))
        label.font = Font(bold=True)
        label.fill = _REQUIRED_FILL if required else _HEADER_FILL
        label.comment = _comment(v, sheet, col, lang)
        value = ws.cell(r, 2, TEMPLATE_VERSION if col.kind == "version" else document.get(col.key))
        value.protection = Protection(locked=col.kind == "version")
        if col.kind in _TEXT_KINDS:
            value.number_format = "@"
        value.alignment = Alignment(wrap_text=True, vertical="top")
        _validation(ws, col, lists, f"B{r}")
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
