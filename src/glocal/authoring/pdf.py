"""PDF pages as text, with pypdf (the one module that imports it).

pypdf is pure Python under a BSD licence and reads the text layer that office programs write;
it has its own limits on decompressed stream sizes, which glocal keeps. What it cannot read
(no text layer, a password, a broken file) becomes a :class:`~glocal.errors.DocumentError`.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from glocal.errors import DocumentError

if TYPE_CHECKING:
    from glocal.progress import ProgressCallback

__all__ = ["MAX_PAGES", "MIN_TEXT_CHARACTERS", "pdf_pages"]

# A governing document runs to tens of pages; 5,000 is far beyond any and bounds the work.
MAX_PAGES = 5_000
# A page with fewer visible characters than this carries no text layer worth the name.
MIN_TEXT_CHARACTERS = 16

def _damaged(name: str, exc: BaseException | str) -> DocumentError:
    return DocumentError(
        name,
        "damaged",
        f"is not a readable PDF ({exc}); the file is broken or truncated: "
        "download or export it again",
    )


def pdf_pages(data: bytes, name: str, progress: ProgressCallback | None = None) -> list[str]:
    """The raw text of each page of the PDF in ``data`` (``name`` is used in messages)."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    if b"%%EOF" not in data[-2048:]:
        raise _damaged(name, "it does not end with %%EOF")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, name)
        count = len(reader.pages)
    except DocumentError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise _encrypted(name) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise _damaged(name, exc) from exc
    if count > MAX_PAGES:
        raise DocumentError(
            name, "too-large", f"has {count:,} pages, more than glocal reads ({MAX_PAGES:,})"
        )
    pages: list[str] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            pages.append(page.extract_text() or "")
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            raise _damaged(name, f"page {number}: {exc}") from exc
        if progress is not None:
            progress("extract", float(number), float(count))
    if not any(len("".join(text.split())) >= MIN_TEXT_CHARACTERS for text in pages):
        raise DocumentError(
            name,
            "scanned",
            f"has no text layer on any of its {count} pages (a scanned document?); glocal "
            "does not do OCR: run the PDF through an OCR program (e.g. ocrmypdf) or ask for "
            "the original Word or PDF export, then extract that",
        )
    return pages


def _encrypted(name: str) -> DocumentError:
    return DocumentError(
        name,
        "encrypted",
        "is encrypted with a password; open it with the password, save an unprotected copy "
        "(or print it to PDF) and extract that",
    )


def _decrypt(reader: object, name: str) -> None:
    """Open a PDF whose only protection is an owner password (its user password is empty)."""
    import pypdf

    assert isinstance(reader, pypdf.PdfReader)
    if reader.decrypt("") == pypdf.PasswordType.NOT_DECRYPTED:
        raise _encrypted(name)
