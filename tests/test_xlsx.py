"""glocal's streaming .xlsx reader (authoring/xlsx.py) against openpyxl's full reader as the
oracle, on a workbook with every kind of value, and on hostile XML."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from glocal.authoring.workbook import read_workbook
from glocal.errors import InputError


def _book(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Mål"
    ws.append(["Id", "Text", "Tal", "Decimal", "Sant", "Datum", "Tid"])
    ws.append(["mal-1", "Vi ska samarbeta", 17, 17.1, True, dt.date(2024, 5, 2),
               dt.datetime(2024, 5, 2, 13, 30)])
    ws.append(["mal-2", "=A2&\"!\"", "17.10", 0.5, False, None, None])
    ws["B4"] = "rad med\nradbrytning"
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["G"].hidden = True
    ws.merge_cells("A6:B6")
    ws["A6"] = "sammanslagen"
    ws["C6"].number_format = "yyyy-mm-dd"  # styled but empty: not a cell of the table
    hidden = book.create_sheet("Listor")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "1.1"
    book.save(path)
    return path


def test_values_are_openpyxls(tmp_path: Path) -> None:
    path = _book(tmp_path / "bok.xlsx")
    tables = {t.name: t for t in read_workbook(path)}
    oracle = openpyxl.load_workbook(path)
    for ws in oracle.worksheets:
        table = tables[ws.title]
        expected = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row
                    if c.value is not None}
        got = {key: (cell.formula if cell.formula is not None else cell.value)
               for key, cell in table.cells.items()}
        assert got == expected
        assert table.hidden == (ws.sheet_state != "visible")
        assert table.merged == [str(r) for r in ws.merged_cells.ranges]
    goals = tables["Mål"]
    assert goals.get(2, 6).value == dt.datetime(2024, 5, 2)
    assert goals.get(3, 2).formula == '=A2&"!"'
    assert goals.get(3, 2).value is None
    assert goals.get(3, 3).value == "17.10"
    assert goals.get(2, 4).value == 17.1
    assert goals.hidden_rows == {4}
    assert goals.hidden_columns == {7}
    assert goals.get(6, 3).empty
    assert (6, 3) not in goals.cells
    assert tables["Listor"].hidden


def _replace(path: Path, part: str, text: bytes) -> Path:
    out = path.with_name("ond.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, text if info.filename == part else src.read(info))
    return out


@pytest.mark.parametrize("xml", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
    b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c>'
    b"</row></sheetData></worksheet>",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&e;</t></is></c>'
    b"</row></sheetData></worksheet>",
    b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row></worksheet>",
])
def test_hostile_or_broken_sheet_xml_is_one_line(tmp_path: Path, xml: bytes) -> None:
    bad = _replace(_book(tmp_path / "bok.xlsx"), "xl/worksheets/sheet1.xml", xml)
    with pytest.raises(InputError) as caught:
        read_workbook(bad, "en")
    message = str(caught.value)
    assert message.startswith(f"{bad}: ")
    assert "\n" not in message
    assert "passwd" not in message
    assert "aaaa" not in message



_MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


@pytest.mark.parametrize("rows", [
    # every cell has its reference: the empty ones (either form) are cut before parsing
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>mal-1</t></is></c><c r="B1" s="0"/>'
    b'<c r="C1" s="0" t="n"></c><c r="D1" s="0"><v>3</v></c><c r="E1" s="0"  />'
    b'<c r="F1"><f>A1</f></c><c r="G1" t="inlineStr"><is><t>sist</t></is></c></row>',
    # a cell without a reference takes the column after the one before it, empty or not
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>mal-1</t></is></c><c r="B1" s="0"/>'
    b'<c r="C1" s="0" t="n"></c><c t="inlineStr"><is><t>D</t></is></c></row>',
    # markup in a CDATA section is text, kept as written
    b'<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[<c r="B2" s="0"/>]]></t></is></c>'
    b'<c r="B1" s="0"/><c r="E1"><v>5</v></c></row>',
])
def test_empty_cells_are_skipped_and_values_are_openpyxls(tmp_path: Path, rows: bytes) -> None:
    """The reader cuts a sheet's empty cells (a reference and a style) from its bytes
    before parsing where that changes nothing; the values are openpyxl's all the same."""
    xml = _MAIN + rows + b"</sheetData></worksheet>"
    path = _replace(_book(tmp_path / "bok.xlsx"), "xl/worksheets/sheet1.xml", xml)
    table = next(t for t in read_workbook(path) if t.name == "Mål")
    oracle = openpyxl.load_workbook(path)["Mål"]
    expected = {(c.row, c.column): c.value for row in oracle.iter_rows() for c in row
                if c.value is not None}
    got = {key: (cell.formula if cell.formula is not None else cell.value)
           for key, cell in table.cells.items()}
    assert got == expected
    assert len(got) >= 2
