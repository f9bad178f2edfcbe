"""From a municipality's document (PDF, DOCX, ODT or plain text) to a source text.

The type is told from the file's first bytes, not its name. Each page is cleaned
(:mod:`glocal.authoring.pages`), running headers and footers are removed, and the result
records the original file's name and SHA-256, so a quote can later be shown with its page and
the source proven unchanged.

>>> import glocal.authoring
>>> from glocal.resources import root
>>> text = glocal.authoring.extract(root() / "data" / "sources" / "003_0d99bc0ea2b53663.txt")
>>> text.media_type, text.pages, text.source_file
('text/plain', 1, '003_0d99bc0ea2b53663.txt')
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from glocal.authoring.pages import clean_page, join_pages, strip_running_lines
from glocal.authoring.source import PAGE_BREAK, SourceText
from glocal.errors import DocumentError, EncodingError, InputError
from glocal.rdf.formats import byte_position

if TYPE_CHECKING:
    from glocal.progress import ProgressCallback

__all__ = ["DOCX_MEDIA_TYPE", "MAX_DOCUMENT_BYTES", "MEDIA_TYPES", "extract"]

# The largest document glocal reads: 200 MB is a long report full of photographs.
MAX_DOCUMENT_BYTES = 200_000_000
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": DOCX_MEDIA_TYPE,
    "odt": "application/vnd.oasis.opendocument.text",
    "text": "text/plain",
}
# Files people are likely to try, and what to do with each.
_OTHER_TYPES = (
    (b"\xd0\xcf\x11\xe0", "an old Office 97-2003 file (.doc)"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_SAVE_AS = "save it as PDF, DOCX or ODT (or UTF-8 text) and extract that"

def extract(path: str | Path, *, progress: ProgressCallback | None = None) -> SourceText:
    """The text of the document at ``path``, page by page, with its provenance.

    ``progress`` is called with ``("extract", pages done, pages in all)`` while a PDF is read
    (:mod:`glocal.progress`). Raises
    :class:`~glocal.errors.DocumentError` (its ``reason`` says why) for a scanned or encrypted
    PDF, a broken file, a type glocal does not read, an oversized file or a zip bomb, and
    :class:`~glocal.errors.InputError` for a file that is missing or not a file.
    """
    from glocal import __version__

    source = Path(path)
    name = str(path)
    data = _read(source, name)
    kind = sniff(data, name)
    if kind == "pdf":
        from glocal.authoring.pdf import pdf_pages

        raw = pdf_pages(data, name, progress)
    elif kind == "docx":
        from glocal.authoring.office import docx_pages

        raw = docx_pages(data, name)
    elif kind == "odt":
        from glocal.authoring.office import odt_pages

        raw = odt_pages(data, name)
    else:
        raw = _decode_text(data, name).split(PAGE_BREAK)
    pages = strip_running_lines([clean_page(page) for page in raw]).pages
    if kind != "pdf" and not "".join(pages).strip():
        raise DocumentError(
            name,
            "scanned",
            "has no text (only pictures, or nothing at all); glocal does not do OCR: "
            "give the document with its text, or run its pictures through an OCR program",
        )
    return SourceText(
        text=join_pages(pages),
        name=source.name,
        sha256=hashlib.sha256(data).hexdigest(),
        source_file=source.name,
        media_type=MEDIA_TYPES[kind],
        glocal_extract=__version__,
    )


def _read(source: Path, name: str) -> bytes:
    try:
        if source.is_dir():
            raise InputError(name, "is a folder; give one document (PDF, DOCX, ODT or text)")
        size = source.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(
                name,
                "too-large",
                f"is {size:,} bytes, more than glocal reads ({MAX_DOCUMENT_BYTES:,}); "
                "split the document or save it without its images",
            )
        data = source.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    if not data:
        raise DocumentError(name, "damaged", "is empty; export the document again")
    return data


def sniff(data: bytes, name: str) -> str:
    """The kind of document in ``data``: ``"pdf"``, ``"docx"``, ``"odt"`` or ``"text"``."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, name)
    for magic, what in _OTHER_TYPES:
        if data.startswith(magic):
            raise DocumentError(name, "unknown-type", f"is {what}, which glocal does not read; "
                                f"{_SAVE_AS}")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(
            name, "unknown-type", f"is not a PDF, DOCX, ODT or text file; {_SAVE_AS}"
        )
    return "text"


def _sniff_zip(data: bytes, name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as handle:  # bounded: the member is untrusted
                    mimetype = handle.read(100)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise DocumentError(
            name, "damaged", f"is a broken or truncated zip file ({exc}); save it again"
        ) from exc
    mimetype = mimetype.strip()
    if mimetype == MEDIA_TYPES["odt"].encode():
        return "odt"
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument."):
        what = f"an OpenDocument file of another kind ({mimetype.decode('ascii', 'replace')})"
    elif "xl/workbook.xml" in names:
        what = "an Excel workbook"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint presentation"
    else:
        what = "a zip file that is no office document"
    raise DocumentError(name, "unknown-type", f"is {what}, which glocal does not extract; "
                        f"{_SAVE_AS}")


def _decode_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise EncodingError(name, f"is not valid UTF-16 ({exc.reason})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        raise EncodingError(
            name,
            f"line {line}, column {column}: not UTF-8 text; save it as UTF-8 "
            "(or as PDF, DOCX or ODT) and extract that",
            looks_like="windows-1252" if _is_cp1252(data) else None,
        ) from exc


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
