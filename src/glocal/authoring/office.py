"""Word (DOCX) and OpenDocument (ODT) files as pages of text; the zip and XML safety checks.

An office file is a zip of XML parts and is untrusted input. Before anything parses it, every
member is read with a bound (a zip bomb, or a member larger than its header says, is refused by
name), and every XML part is parsed with defusedxml, which refuses DTDs and entity declarations
(an office document never needs them). DOCX is then read with python-docx; ODT's
``content.xml`` is walked directly (its structure is simple and odfpy's parser is not hardened).

Page boundaries are those the file records: in DOCX explicit page breaks (``w:br
w:type="page"``), ``pageBreakBefore``, section breaks and the breaks Word last rendered
(``w:lastRenderedPageBreak``, which LibreOffice does not write); in ODT paragraph styles that
break the page and, only in a file with no such explicit break, the breaks LibreOffice last
rendered (``text:soft-page-break``): LibreOffice writes those from a layout that need not be the
one it prints (a headless save of a 9-page document marks 18). A rendered break right after an
explicit one is the same break.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from typing import Any

from glocal.errors import DocumentError

__all__ = [
    "MAX_UNZIPPED_BYTES",
    "MAX_ZIP_MEMBERS",
    "ODT_MEDIA_TYPE",
    "docx_pages",
    "odt_pages",
    "read_zip",
]

ODT_MEDIA_TYPE = "application/vnd.oasis.opendocument.text"
MAX_ZIP_MEMBERS = 10_000
MAX_UNZIPPED_BYTES = 300_000_000
# More than this expansion of more than _BOMB_FLOOR bytes is a bomb, not a document.
_BOMB_RATIO = 100
_BOMB_FLOOR = 20_000_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _bomb(name: str, detail: str) -> DocumentError:
    return DocumentError(name, "zip-bomb", f"is refused as a zip bomb: {detail}")


def read_zip(data: bytes, name: str) -> dict[str, bytes]:
    """Every member of the zip in ``data``, read with bounds; XML parts checked with defusedxml."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _damaged(name, exc) from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _bomb(name, f"{len(infos):,} members (at most {MAX_ZIP_MEMBERS:,})")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNZIPPED_BYTES or (
        declared > _BOMB_FLOOR and declared > _BOMB_RATIO * max(len(data), 1)
    ):
        raise _bomb(name, f"{len(data):,} bytes unpack to {declared:,}")
    members: dict[str, bytes] = {}
    for info in infos:
        if info.is_dir():
            continue
        try:
            with archive.open(info) as handle:
                body = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
            raise _damaged(name, f"{info.filename}: {exc}") from exc
        except RuntimeError as exc:  # an encrypted member
            raise DocumentError(
                name, "encrypted", f"is password-protected ({exc}); save a copy without one"
            ) from exc
        if len(body) > info.file_size:
            raise _bomb(name, f"{info.filename} unpacks to more than its header says")
        members[info.filename] = body
    for member, body in members.items():
        if member.endswith((".xml", ".rels")):
            _check_xml(body, name, member)
    return members


def _check_xml(body: bytes, name: str, member: str) -> Any:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        return SafeET.fromstring(body, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise DocumentError(
            name,
            "unsafe",
            f"{member} declares a DTD or entities ({type(exc).__name__}), which an office "
            "document never needs; refused as possibly hostile",
        ) from exc
    except SafeET.ParseError as exc:
        raise _damaged(name, f"{member}: {exc}") from exc


def _damaged(name: str, exc: BaseException | str) -> DocumentError:
    return DocumentError(
        name,
        "damaged",
        f"is not a readable office file ({exc}); the file is broken or truncated: "
        "open it in Word or LibreOffice and save it again",
    )


class _Pages:
    """Collects text into pages; a rendered break on a page with no text yet is ignored."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.rendered = True  # whether rendered breaks count

    def add(self, text: str) -> None:
        self.pages[-1].append(text)

    def hard_break(self) -> None:
        self.pages.append([])

    def soft_break(self) -> None:
        if self.rendered and "".join(self.pages[-1]).strip():
            self.pages.append([])

    def result(self) -> list[str]:
        return ["".join(parts) for parts in self.pages]


# ---------------------------------------------------------------------------------------- DOCX


def docx_pages(data: bytes, name: str) -> list[str]:
    """The text of a DOCX file's body, page by page (headers, footers and notes left out)."""
    members = read_zip(data, name)
    if "word/document.xml" not in members:
        raise _damaged(name, "it has no word/document.xml")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise _damaged(name, exc) from exc
    pages = _Pages()
    _docx_walk(document.element.body, pages)
    return pages.result()


_DOCX_SKIP = {
    f"{_W}del", f"{_W}delText", f"{_W}instrText", f"{_W}rPr", f"{_W}tblPr", f"{_W}sectPr",
    f"{_W}footnoteReference", f"{_W}endnoteReference", f"{_W}commentReference",
    f"{_MC}Fallback",
}


def _docx_walk(element: Any, pages: _Pages) -> None:
    for child in element:
        tag = child.tag
        if tag in _DOCX_SKIP:
            continue
        if tag == f"{_W}p":
            _docx_paragraph(child, pages)
        elif tag == f"{_W}t":
            pages.add(child.text or "")
        elif tag == f"{_W}tab":
            pages.add("\t")
        elif tag in (f"{_W}cr", f"{_W}br"):
            if child.get(f"{_W}type") == "page":
                pages.hard_break()
            else:
                pages.add("\n")
        elif tag == f"{_W}noBreakHyphen":
            pages.add("-")
        elif tag == f"{_W}lastRenderedPageBreak":
            pages.soft_break()
        elif tag == f"{_W}tc":
            _docx_walk(child, pages)
            pages.add("\n")
        else:
            _docx_walk(child, pages)


def _docx_paragraph(paragraph: Any, pages: _Pages) -> None:
    properties = paragraph.find(f"{_W}pPr")
    section_break = False
    if properties is not None:
        before = properties.find(f"{_W}pageBreakBefore")
        if before is not None and before.get(f"{_W}val") not in ("0", "false", "off"):
            pages.hard_break()
        section = properties.find(f"{_W}sectPr")
        if section is not None:
            kind = section.find(f"{_W}type")
            section_break = kind is None or kind.get(f"{_W}val") != "continuous"
    _docx_walk((c for c in paragraph if c.tag != f"{_W}pPr"), pages)
    pages.add("\n")
    if section_break:
        pages.hard_break()


# ----------------------------------------------------------------------------------------- ODT


def odt_pages(data: bytes, name: str) -> list[str]:
    """The text of an ODT file's body, page by page (headers, footers and notes left out)."""
    members = read_zip(data, name)
    if members.get("mimetype", b"").strip() != ODT_MEDIA_TYPE.encode():
        raise _damaged(name, f"its mimetype is not {ODT_MEDIA_TYPE}")
    if "content.xml" not in members:
        raise _damaged(name, "it has no content.xml")
    content = _check_xml(members["content.xml"], name, "content.xml")
    styles = [content]
    if "styles.xml" in members:
        styles.append(_check_xml(members["styles.xml"], name, "styles.xml"))
    breaks = _odt_breaks(styles)
    body = content.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise _damaged(name, "content.xml has no office:text body")
    pages = _Pages()
    pages.rendered = not any(
        any(breaks(p.get(f"{_TEXT}style-name")))
        for p in body.iter()
        if p.tag in (f"{_TEXT}p", f"{_TEXT}h")
    )
    _odt_walk(body, pages, breaks)
    return pages.result()


def _odt_breaks(trees: Iterable[Any]) -> Callable[[str | None], tuple[bool, bool]]:
    """For a paragraph style name: whether it breaks the page (before, after)."""
    found: dict[str, tuple[str | None, bool, bool]] = {}
    for tree in trees:
        for style in tree.iter(f"{_STYLE}style"):
            props = style.find(f"{_STYLE}paragraph-properties")
            before = bool(style.get(f"{_STYLE}master-page-name"))
            after = False
            if props is not None:
                before = before or props.get(f"{_FO}break-before") == "page"
                after = props.get(f"{_FO}break-after") == "page"
            name = style.get(f"{_STYLE}name")
            if name is not None and style.get(f"{_STYLE}family") in ("paragraph", None):
                found.setdefault(name, (style.get(f"{_STYLE}parent-style-name"), before, after))

    def lookup(name: str | None) -> tuple[bool, bool]:
        for _ in range(16):  # a parent chain is short; a cycle is cut
            if name is None or name not in found:
                return False, False
            parent, before, after = found[name]
            if before or after:
                return before, after
            name = parent
        return False, False

    return lookup


_ODT_SKIP = {
    f"{_TEXT}note", f"{_TEXT}tracked-changes", f"{_OFFICE}annotation",
    f"{_TEXT}sequence-decls", f"{_TEXT}variable-decls", f"{_TEXT}user-field-decls",
    f"{_OFFICE}forms", f"{_TABLE}table-columns", f"{_TEXT}table-of-content-source",
}


_Breaks = Callable[[str | None], tuple[bool, bool]]


def _odt_walk(element: Any, pages: _Pages, breaks: _Breaks) -> None:
    for child in element:
        tag = child.tag
        if tag in _ODT_SKIP:
            pass
        elif tag in (f"{_TEXT}p", f"{_TEXT}h"):
            before, after = breaks(child.get(f"{_TEXT}style-name"))
            if before:
                pages.hard_break()
            _odt_inline(child, pages, breaks)
            pages.add("\n")
            if after:
                pages.hard_break()
        elif tag == f"{_TEXT}soft-page-break":
            pages.soft_break()
        else:
            _odt_walk(child, pages, breaks)
        if tag not in (f"{_TEXT}p", f"{_TEXT}h") and child.tail and child.tail.strip():
            pages.add(child.tail)


def _odt_inline(element: Any, pages: _Pages, breaks: _Breaks) -> None:
    if element.text:
        pages.add(element.text)
    for child in element:
        tag = child.tag
        if tag in _ODT_SKIP:
            pass
        elif tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            pages.add(" " * (min(int(count), 1000) if count.isdigit() else 1))
        elif tag == f"{_TEXT}tab":
            pages.add("\t")
        elif tag == f"{_TEXT}line-break":
            pages.add("\n")
        elif tag == f"{_TEXT}soft-page-break":
            pages.soft_break()
        else:
            _odt_inline(child, pages, breaks)
        if child.tail:
            pages.add(child.tail)
