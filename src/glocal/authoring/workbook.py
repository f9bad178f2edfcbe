"""Read an untrusted workbook (.xlsx or .ods) into plain tables, refusing what is unsafe.

No formula is evaluated (a formula is kept as its text so the import can name its cell); a
macro workbook (.xlsm, or an .xlsx holding ``vbaProject.bin``) is refused; the zip is checked
for absurd sizes and compression ratios before any part is parsed; XML is parsed with
defusedxml (openpyxl uses it when it is installed; the .ods reader calls it directly).

>>> read_workbook("mall.txt")
Traceback (most recent call last):
glocal.errors.InputError: mall.txt: är ingen .xlsx- eller .ods-arbetsbok
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

from glocal.authoring.table import MAX_CELLS, Cell, Table, cell_ref
from glocal.errors import InputError
from glocal.words import Lang, word

__all__ = ["Cell", "Table", "cell_ref", "read_workbook"]

MAX_FILE = 50 * 2**20  # bytes on disk
MAX_UNPACKED = 500 * 2**20  # bytes of all parts unpacked
MAX_RATIO = 200  # a part larger than 1 MB may unpack to at most this many times its size
MAX_PARTS = 10_000


def _check_zip(path: Path, lang: Lang) -> zipfile.ZipFile:
    size = path.stat().st_size
    if size > MAX_FILE:
        raise InputError(str(path), word("workbook.file.too_big", lang, value=size // 2**20,
                                         limit=MAX_FILE // 2**20))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(str(path), word("workbook.file.unreadable", lang, detail=err)) from None
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise InputError(str(path), word("workbook.file.too_many", lang, value=len(infos),
                                         limit=MAX_PARTS))
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise InputError(str(path), word("workbook.file.bomb", lang, value=total // 2**20,
                                         limit=MAX_UNPACKED // 2**20))
    for info in infos:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(str(path), word("workbook.file.ratio", lang, value=info.filename,
                                             ratio=info.file_size // max(info.compress_size, 1)))
        if info.filename.lower().endswith("vbaproject.bin"):
            raise InputError(str(path), word("workbook.file.macros", lang))
    return archive


def read_workbook(path: str | Path, lang: Lang = "sv") -> list[Table]:
    """The sheets of the workbook at ``path`` (.xlsx or .ods), in order."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise InputError(str(p), word("workbook.file.macros", lang))
    if suffix not in (".xlsx", ".ods"):
        raise InputError(str(p), word("workbook.file.kind", lang))
    if not p.is_file():
        raise InputError(str(p), word("workbook.file.unreadable", lang, detail="no such file"))
    with _check_zip(p, lang) as archive:
        if suffix == ".ods":
            from glocal.authoring.ods import read_ods

            return read_ods(archive, str(p), lang)
        if "macroEnabled" in archive.read("[Content_Types].xml").decode("utf-8", "replace"):
            raise InputError(str(p), word("workbook.file.macros", lang))
    return _read_xlsx(p, lang)


def _read_xlsx(path: Path, lang: Lang) -> list[Table]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=False, keep_vba=False,
                                      keep_links=False, rich_text=False)
    except (InvalidFileException, KeyError, ValueError, TypeError, OSError,
            zipfile.BadZipFile) as err:
        raise InputError(str(path), word("workbook.file.unreadable", lang, detail=err)) from None
    except Exception as err:  # defusedxml's refusals and openpyxl's parse errors
        raise InputError(str(path), word("workbook.file.unreadable", lang,
                                         detail=type(err).__name__)) from None
    tables = []
    count = 0
    for ws in book.worksheets:
        table = Table(ws.title, {}, hidden=ws.sheet_state != "visible")
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                count += 1
                if count > MAX_CELLS:
                    raise InputError(str(path), word("workbook.file.too_many", lang, value=count,
                                                     limit=MAX_CELLS))
                table.cells[(c.row, c.column)] = _xlsx_cell(c)
        table.hidden_rows = {i for i, d in ws.row_dimensions.items() if d.hidden}
        for letter, d in ws.column_dimensions.items():
            if d.hidden:
                from openpyxl.utils import column_index_from_string

                first = column_index_from_string(letter)
                last = max(first, d.max or first)
                table.hidden_columns.update(range(first, last + 1))
        table.merged = [str(r) for r in ws.merged_cells.ranges]
        tables.append(table)
    return tables


def _xlsx_cell(c: Any) -> Cell:
    ref = f"{c.column_letter}{c.row}"
    if c.data_type == "f" or (isinstance(c.value, str) and c.data_type == "f"):
        return Cell(ref, None, str(c.value))
    value = c.value
    if type(value).__name__ == "ArrayFormula":
        return Cell(ref, None, str(getattr(value, "text", "=")))
    if isinstance(value, dt.time | dt.timedelta):
        value = str(value)
    return Cell(ref, value)
