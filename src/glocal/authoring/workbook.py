"""Read an untrusted workbook (.xlsx or .ods) into plain tables, refusing what is unsafe.

No formula is evaluated (a formula is kept as its text so the import can name its cell); a
macro workbook (.xlsm, or an .xlsx holding ``vbaProject.bin``) is refused; the zip is checked
for absurd sizes and compression ratios before any part is parsed; XML is parsed with
defusedxml (both the .xlsx reader, ``xlsx.py``, and the .ods reader, ``ods.py``, call it).

>>> read_workbook("mall.txt")
Traceback (most recent call last):
glocal.errors.InputError: mall.txt: är ingen .xlsx- eller .ods-arbetsbok
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from glocal.authoring.table import Cell, Table, cell_ref
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
        from glocal.authoring.xlsx import read_xlsx

        return read_xlsx(archive, str(p), lang)
