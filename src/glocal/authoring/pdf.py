"""PDF pages as text, with pypdfium2 (the one module that imports it).

pypdfium2 binds PDFium, the PDF engine of Chromium (BSD-3-Clause and Apache-2.0; the wheel
carries the compiled library, nothing is downloaded at run time). It reads the text layer that
office programs write about twenty times faster than a pure-Python reader, and it is the engine
most exposed to hostile PDFs there is (fuzzed as part of the browser). It opens a PDF whose only
protection is an owner password (its user password is empty) without help. What it cannot read
(no text layer, a password, a broken file) becomes a :class:`~glocal.errors.DocumentError`.

PDFium writes a hyphen at the end of a line, where it joins the line to the next, as U+FFFE and
no line break; glocal writes it back as a hyphen and a line break, as the page shows it, and
:func:`glocal.quotes.normalise` joins the two halves of the word when quotes are matched:

>>> _page_text("styrdo\\ufffekument\\r\\nsom ska")
'styrdo-\\nkument\\r\\nsom ska'

PDFium is not thread-safe: glocal calls it from one thread at a time (``glocal extract`` is
one command in one process).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glocal.errors import DocumentError

if TYPE_CHECKING:
    from glocal.progress import ProgressCallback

__all__ = ["MAX_PAGES", "MIN_TEXT_CHARACTERS", "pdf_pages"]

# A governing document runs to tens of pages; 5,000 is far beyond any and bounds the work.
MAX_PAGES = 5_000
# A page with fewer visible characters than this carries no text layer worth the name.
MIN_TEXT_CHARACTERS = 16
# PDFium's load errors (fpdfview.h): FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY (an unknown handler).
_PASSWORD_ERRORS = frozenset({4, 5})
# How PDFium marks a hyphen that ends a line: U+FFFE today, U+0002 in older builds.
_LINE_HYPHENS = str.maketrans({"\ufffe": "-\n", "\x02": "-\n"})


def _damaged(name: str, exc: BaseException | str) -> DocumentError:
    return DocumentError(
        name,
        "damaged",
        f"is not a readable PDF ({exc}); the file is broken or truncated: "
        "download or export it again",
    )


def _page_text(text: str) -> str:
    return text.translate(_LINE_HYPHENS)


def pdf_pages(data: bytes, name: str, progress: ProgressCallback | None = None) -> list[str]:
    """The raw text of each page of the PDF in ``data`` (``name`` is used in messages)."""
    import pypdfium2

    if b"%%EOF" not in data[-2048:]:
        raise _damaged(name, "it does not end with %%EOF")
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if exc.err_code in _PASSWORD_ERRORS:
            raise _encrypted(name) from exc
        raise _damaged(name, exc) from exc
    try:
        pages = _read_pages(document, name, progress)
    finally:
        document.close()
    if not any(len("".join(text.split())) >= MIN_TEXT_CHARACTERS for text in pages):
        raise DocumentError(
            name,
            "scanned",
            f"has no text layer on any of its {len(pages)} pages (a scanned document?); glocal "
            "does not do OCR: run the PDF through an OCR program (e.g. ocrmypdf) or ask for "
            "the original Word or PDF export, then extract that",
        )
    return pages


def _read_pages(document: object, name: str, progress: ProgressCallback | None) -> list[str]:
    import pypdfium2

    assert isinstance(document, pypdfium2.PdfDocument)
    count = len(document)
    if count > MAX_PAGES:
        raise DocumentError(
            name, "too-large", f"has {count:,} pages, more than glocal reads ({MAX_PAGES:,})"
        )
    pages: list[str] = []
    for number in range(1, count + 1):
        try:
            page = document[number - 1]
            try:
                textpage = page.get_textpage()
                pages.append(_page_text(textpage.get_text_range()))
                textpage.close()
            finally:
                page.close()
        except pypdfium2.PdfiumError as exc:
            raise _damaged(name, f"page {number}: {exc}") from exc
        if progress is not None:
            progress("extract", float(number), float(count))
    return pages


def _encrypted(name: str) -> DocumentError:
    return DocumentError(
        name,
        "encrypted",
        "is encrypted with a password; open it with the password, save an unprotected copy "
        "(or print it to PDF) and extract that",
    )
