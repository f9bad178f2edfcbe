"""Read an ``.xlsx`` workbook's values in one streaming pass over its XML, with defusedxml.

openpyxl builds a styled cell object for every cell it meets, the empty but formatted cells of a
template included (a filled glocal workbook has about 100,000 of them), which made reading a
1,000-row workbook take seconds. This reader takes from each sheet only what the import needs:
the values (shared and inline strings, numbers as openpyxl casts them, booleans, dates by their
number format), the text of every formula (never evaluated), hidden rows, columns and sheets,
and merged ranges. The parser is expat with defusedxml's refusals (its exceptions, its default
rules: an entity declaration or an external reference stops the read), called directly because
its SAX layer doubles the time of a pass.

The number formats that make a number a date are openpyxl's rule (``is_date_format``), and the
serial day becomes a date by openpyxl's ``from_excel``, so a value reads as it did through
openpyxl.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Callable

from openpyxl.utils.cell import coordinate_to_tuple

from glocal.authoring.table import MAX_CELLS, Cell, CellValue, Table, cell_ref
from glocal.errors import InputError
from glocal.words import Lang, word

__all__ = ["read_xlsx"]

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
# Built-in number formats that show a date or a time (ECMA-376 part 1, 18.8.30).
_BUILTIN_DATES = frozenset({*range(14, 23), 45, 46, 47})
_BUILTIN_DELTAS = frozenset({46})


_Start = Callable[[str, dict[str, str]], None]
_End = Callable[[str, str], None]


def _parse(data: bytes, start: _Start, text_of: frozenset[str] = frozenset(),
           end: _End | None = None) -> None:
    """One pass of expat over ``data`` with defusedxml's refusals (an entity declaration, an
    external reference): ``start(local name, attributes)`` at each start tag, ``end(local
    name, text)`` at each end tag, the text gathered only inside the elements of ``text_of``."""
    from xml.parsers import expat

    from defusedxml import EntitiesForbidden, ExternalReferenceForbidden

    def entity(name: str, _param: bool, value: str | None, base: str | None, sysid: str | None,
               pubid: str | None, notation: str | None) -> None:
        raise EntitiesForbidden(name, value, base, sysid, pubid, notation)

    def unparsed(name: str, base: str | None, sysid: str | None, pubid: str | None,
                 notation: str | None) -> None:
        raise EntitiesForbidden(name, None, base, sysid, pubid, notation)

    def external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
        raise ExternalReferenceForbidden(context, base, sysid, pubid)

    parts: list[str] = []
    depth = [0]

    def on_start(name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local in text_of:
            depth[0] += 1
        start(local, attrs)

    def on_end(name: str) -> None:
        local = name.rpartition(":")[2]
        if local in text_of:
            depth[0] -= 1
            if end is not None:
                end(local, "".join(parts))
            parts.clear()
        elif end is not None:
            end(local, "")

    def on_text(text: str) -> None:
        if depth[0]:
            parts.append(text)

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = unparsed
    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = on_start
    parser.EndElementHandler = on_end
    parser.CharacterDataHandler = on_text
    parser.buffer_text = True
    parser.Parse(data, True)


# A cell with its reference and no content: ``<c r="B5" s="6" t="n"></c>`` or ``<c r="B5"/>``.
# The template formats every cell of its rows (about 100,000 in a workbook), and the reader
# skips such a cell anyway (its reference gives its place, so the cells after it need nothing
# of it); cutting them from the bytes first spares expat's Python callbacks for each.
_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?:\s+[A-Za-z]+="[^"<>&]*")*\s*(?:/>|></c>)')


_ANY_CELL = re.compile(rb"<c[\s>/]")


def _without_empty_cells(data: bytes) -> bytes:
    """``data`` without its empty cells; as it is if it has a CDATA section (the one place
    where such markup would be text) or a cell that does not begin with its reference (a cell
    without one takes the column after the cell before it, empty or not)."""
    if b"<![CDATA[" in data or len(_ANY_CELL.findall(data)) != data.count(b'<c r="'):
        return data
    return _EMPTY_CELL.sub(b"", data)


def _shared_strings(data: bytes | None) -> list[str]:
    strings: list[str] = []
    texts: list[str] = []
    phonetic = [0]

    def on(local: str, attrs: dict[str, str]) -> None:
        if local == "rPh":
            phonetic[0] += 1

    def on_end(local: str, text: str) -> None:
        if local == "t" and not phonetic[0]:
            texts.append(text)
        elif local == "rPh":
            phonetic[0] -= 1
        elif local == "si":
            strings.append("".join(texts))
            texts.clear()

    if data is not None:
        _parse(data, on, frozenset({"t"}), on_end)
    return strings


def _date_styles(data: bytes | None) -> tuple[set[int], set[int]]:
    """The cell style indices whose number format shows a date, and those showing a duration."""
    from openpyxl.styles.numbers import is_date_format, is_timedelta_format

    custom: dict[int, str] = {}
    formats: list[int] = []
    where = [""]

    def on(local: str, attrs: dict[str, str]) -> None:
        if local == "numFmt":
            custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif local in ("cellXfs", "cellStyleXfs"):
            where[0] = local
        elif local == "xf" and where[0] == "cellXfs":
            formats.append(int(attrs.get("numFmtId", "0")))

    if data is not None:
        _parse(data, on)
    dates, deltas = set(), set()
    for style, fmt in enumerate(formats):
        code = custom.get(fmt)
        if (fmt in _BUILTIN_DATES and code is None) or (code and is_date_format(code)):
            dates.add(style)
        if (fmt in _BUILTIN_DELTAS and code is None) or (code and is_timedelta_format(code)):
            deltas.add(style)
    return dates, deltas


def _number(text: str) -> int | float:
    return float(text) if "." in text or "e" in text or "E" in text else int(text)


class _Sheet:
    """The state of one sheet's pass: the cell being read and the table being filled."""

    def __init__(self, table: Table, strings: list[str], dates: tuple[set[int], set[int]],
                 epoch: dt.datetime, count: list[int], where: tuple[str, Lang]) -> None:
        self.table, self.strings, self.dates, self.epoch, self.count = (
            table, strings, dates, epoch, count)
        self.name, self.lang = where
        self.row = 0
        self.column = 0
        self.cell: dict[str, str] = {}
        self.value: str | None = None
        self.formula: str | None = None
        self.inline: list[str] = []

    def start(self, local: str, attrs: dict[str, str]) -> None:
        if local == "row":
            self.row = int(attrs["r"]) if "r" in attrs else self.row + 1
            self.column = 0
            if attrs.get("hidden") in ("1", "true"):
                self.table.hidden_rows.add(self.row)
        elif local == "c":
            self.cell, self.value, self.formula, self.inline = attrs, None, None, []
        elif local == "col" and attrs.get("hidden") in ("1", "true"):
            first = int(attrs.get("min", "1"))
            self.table.hidden_columns.update(range(first, max(first, int(
                attrs.get("max", first))) + 1))
        elif local == "mergeCell" and "ref" in attrs:
            self.table.merged.append(attrs["ref"])

    def end(self, local: str, text: str) -> None:
        if local == "v":
            self.value = text
        elif local == "f":
            self.formula = "=" + text
        elif local == "t":
            self.inline.append(text)
        elif local == "c":
            self._cell()

    def _cell(self) -> None:
        ref = self.cell.get("r")
        if ref:
            row, self.column = coordinate_to_tuple(ref)
            if self.formula is None and self.value is None and not self.inline:
                return  # an empty cell that only carries a style
        else:
            self.column += 1
            row, ref = self.row, cell_ref(self.row, self.column)
        if self.formula is not None:
            found = Cell(ref, None, self.formula)
        else:
            value = self._value()
            if value is None:
                return
            found = Cell(ref, value)
        self.count[0] += 1
        if self.count[0] > MAX_CELLS:
            raise InputError(self.name, word("workbook.file.too_many", self.lang,
                                             value=self.count[0], limit=MAX_CELLS))
        self.table.cells[(row, self.column)] = found

    def _value(self) -> CellValue:
        kind = self.cell.get("t", "n")
        if kind == "inlineStr":
            return "".join(self.inline)
        text = self.value
        if text is None or text == "":
            return None
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind in ("str", "e"):
            return text
        if kind == "d":
            return dt.datetime.fromisoformat(text)
        number = _number(text)
        style = int(self.cell.get("s", "0") or 0)
        if style in self.dates[0]:
            from openpyxl.utils.datetime import from_excel

            value = from_excel(number, self.epoch, timedelta=style in self.dates[1])
            return str(value) if isinstance(value, dt.time | dt.timedelta) else value
        return number


def _sheets(archive: zipfile.ZipFile) -> tuple[list[tuple[str, str, str]], bool]:
    """(name, state, part path) of each sheet in order, and whether dates count from 1904."""
    rels: dict[str, str] = {}

    def on_rel(local: str, attrs: dict[str, str]) -> None:
        if local == "Relationship":
            target = attrs.get("Target", "")
            rels[attrs.get("Id", "")] = (target.lstrip("/") if target.startswith("/")
                                         else posixpath.normpath(posixpath.join("xl", target)))

    _parse(archive.read("xl/_rels/workbook.xml.rels"), on_rel)
    sheets: list[tuple[str, str, str]] = []
    epoch = [False]

    def on(local: str, attrs: dict[str, str]) -> None:
        if local == "workbookPr":
            epoch[0] = attrs.get("date1904") in ("1", "true")
        elif local == "sheet":
            rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), "")
            sheets.append((attrs.get("name", ""), attrs.get("state", "visible"),
                           rels.get(rid, "")))

    _parse(archive.read("xl/workbook.xml"), on)
    return sheets, epoch[0]


def _optional(archive: zipfile.ZipFile, part: str) -> bytes | None:
    try:
        return archive.read(part)
    except KeyError:
        return None


def read_xlsx(archive: zipfile.ZipFile, name: str, lang: Lang) -> list[Table]:
    """The sheets of an opened .xlsx archive (checked for size and macros already)."""
    from xml.parsers.expat import ExpatError

    from defusedxml import DefusedXmlException

    try:
        return _read(archive, (name, lang))
    except InputError:
        raise
    except DefusedXmlException as err:  # an entity or external reference: named, not shown
        raise InputError(name, word("workbook.file.unreadable", lang,
                                    detail=type(err).__name__)) from None
    except KeyError as err:
        raise InputError(name, word("workbook.file.unreadable", lang,
                                    detail=f"no part {err}")) from None
    except (ExpatError, ValueError, IndexError, OverflowError) as err:
        raise InputError(name, word("workbook.file.unreadable", lang, detail=err)) from None
    except (TypeError, AttributeError, RecursionError) as err:  # parts out of their shape
        raise InputError(name, word("workbook.file.unreadable", lang,
                                    detail=type(err).__name__)) from None


def _read(archive: zipfile.ZipFile, where: tuple[str, Lang]) -> list[Table]:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    sheets, mac = _sheets(archive)
    strings = _shared_strings(_optional(archive, "xl/sharedStrings.xml"))
    dates = _date_styles(_optional(archive, "xl/styles.xml"))
    epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
    count = [0]
    tables = []
    for title, state, part in sheets:
        table = Table(title, {}, hidden=state != "visible")
        sheet = _Sheet(table, strings, dates, epoch, count, where)
        _parse(_without_empty_cells(archive.read(part)), sheet.start, frozenset({"v", "f", "t"}),
               sheet.end)
        tables.append(table)
    return tables
