"""A source text: the plain text that every quote in a document's graph is checked against.

A source text is a UTF-8 ``.txt`` file whose pages are separated by form feeds (U+000C; page 1
is the text before the first form feed). Beside it, an optional sidecar ``<SOURCE>.meta.json``
(``program.txt.meta.json``) records where the text came from: the original file's name, its
SHA-256, its media type, the page count and the glocal version that extracted it. The bundled
``data/sources/*.txt`` are plain sources: one page, no sidecar.

>>> src = SourceText("program.txt", "Första sidan.\\fAndra sidan.")
>>> src.pages, src.page_at(0), src.page_at(src.text.index("Andra"))
(2, 1, 2)
>>> src.page_text(2)
'Andra sidan.'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glocal.errors import EncodingError, InputError
from glocal.rdf.formats import byte_position

__all__ = ["MAX_SOURCE_BYTES", "PAGE_BREAK", "SIDECAR_SUFFIX", "SourceText", "sha256_of"]

PAGE_BREAK = "\f"
SIDECAR_SUFFIX = ".meta.json"
# A source text is a document's words: 50 MB is some 20,000 pages, far beyond any programme.
MAX_SOURCE_BYTES = 50_000_000
_HEX64 = re.compile(r"[0-9a-f]{64}")
_SIDECAR_KEYS = {
    "source_file": str,
    "sha256": str,
    "media_type": str,
    "pages": int,
    "glocal_extract": str,
}


def sha256_of(path: str | Path) -> str:
    """The hex SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document's text with its page boundaries and, where known, its provenance.

    ``name`` is how messages name the text (the ``.txt`` file's name when read; the original
    document's name when extracted); ``sha256``, ``source_file`` and ``media_type`` describe the
    original file the text was extracted from, ``glocal_extract`` the glocal version that did it.
    """

    name: str
    text: str
    sha256: str | None = None
    source_file: str | None = None
    media_type: str | None = None
    glocal_extract: str | None = None
    _breaks: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        breaks = tuple(i for i, ch in enumerate(self.text) if ch == PAGE_BREAK)
        object.__setattr__(self, "_breaks", breaks)

    @property
    def pages(self) -> int:
        """The number of pages: one more than the number of form feeds."""
        return len(self._breaks) + 1

    def page_at(self, offset: int) -> int:
        """The 1-based page holding the character at ``offset`` in :attr:`text`.

        A form feed belongs to the page it ends; ``offset == len(text)`` is on the last page.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside {self.name} (0..{len(self.text)})")
        return bisect_right(self._breaks, offset - 1) + 1

    def page_span(self, page: int) -> tuple[int, int]:
        """The ``(start, end)`` offsets of a 1-based page in :attr:`text`, form feed excluded."""
        if not 1 <= page <= self.pages:
            raise ValueError(f"{self.name} has pages 1..{self.pages}, not {page}")
        start = 0 if page == 1 else self._breaks[page - 2] + 1
        end = self._breaks[page - 1] if page <= len(self._breaks) else len(self.text)
        return start, end

    def page_text(self, page: int) -> str:
        """The text of one 1-based page."""
        start, end = self.page_span(page)
        return self.text[start:end]

    def iter_pages(self) -> Iterator[str]:
        """Each page's text, in order."""
        for page in range(1, self.pages + 1):
            yield self.page_text(page)

    def metadata(self) -> dict[str, Any] | None:
        """The sidecar's content, or None for a plain source that has no provenance."""
        if self.sha256 is None and self.source_file is None and self.media_type is None:
            return None
        return {
            "source_file": self.source_file,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "pages": self.pages,
            "glocal_extract": self.glocal_extract,
        }

    def to_dict(self) -> dict[str, Any]:
        """The provenance and page count, for JSON (the text itself is left out)."""
        return {
            "name": self.name,
            "source_file": self.source_file,
            "sha256": self.sha256,
            "media_type": self.media_type,
            "pages": self.pages,
            "glocal_extract": self.glocal_extract,
            "characters": len(self.text),
        }

    def matches_original(self, path: str | Path) -> bool:
        """Whether ``path`` is byte for byte the file this text was extracted from."""
        if self.sha256 is None:
            raise ValueError(f"{self.name} records no SHA-256 of its original file")
        return sha256_of(path) == self.sha256

    @staticmethod
    def sidecar_path(path: str | Path) -> Path:
        """Where the sidecar of the source text at ``path`` lives."""
        target = Path(path)
        return target.with_name(target.name + SIDECAR_SUFFIX)

    @classmethod
    def read(cls, path: str | Path) -> SourceText:
        """Read a source text and its sidecar, if there is one.

        Raises :class:`~glocal.errors.InputError` for a missing, oversized or non-UTF-8 file, a
        sidecar that is not the expected JSON, or a sidecar whose page count disagrees with the
        text's form feeds.
        """
        target = Path(path)
        name = str(path)
        text = _read_text(target, name)
        meta = _read_sidecar(cls.sidecar_path(target))
        source = cls(
            text=text,
            name=target.name,
            sha256=meta.get("sha256"),
            source_file=meta.get("source_file"),
            media_type=meta.get("media_type"),
            glocal_extract=meta.get("glocal_extract"),
        )
        pages = meta.get("pages")
        if pages is not None and pages != source.pages:
            raise InputError(
                str(cls.sidecar_path(target)),
                f"records {pages} pages but {name} has {source.pages} (form feeds + 1); "
                "extract the document again with glocal extract",
            )
        return source

    def write(self, path: str | Path) -> None:
        """Write the text (UTF-8) and its sidecar atomically: never half a file.

        Both files are written to temporary files first and only then renamed into place, the
        sidecar before the text. A plain source (no provenance) removes a stale sidecar.
        """
        target = Path(path)
        sidecar = self.sidecar_path(target)
        meta = self.metadata()
        staged: list[tuple[str, Path]] = []
        try:
            if meta is not None:
                body = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
                staged.append((_stage(sidecar, body.encode("utf-8")), sidecar))
            staged.append((_stage(target, self.text.encode("utf-8")), target))
            for tmp, final in staged:
                os.replace(tmp, final)
        except BaseException:
            for tmp, _final in staged:
                Path(tmp).unlink(missing_ok=True)
            raise
        if meta is None:
            sidecar.unlink(missing_ok=True)


def _stage(target: Path, data: bytes) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _read_text(target: Path, name: str) -> str:
    try:
        size = target.stat().st_size
        if target.is_dir():
            raise InputError(name, "is a folder, not a source text (.txt)")
        if size > MAX_SOURCE_BYTES:
            raise InputError(
                name, f"is {size:,} bytes, more than a source text may be ({MAX_SOURCE_BYTES:,})"
            )
        data = target.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        raise EncodingError(
            name,
            f"line {line}, column {column}: not UTF-8; save the text as UTF-8 "
            "or make it with glocal extract",
        ) from exc
    return text.removeprefix("\ufeff")


def _read_sidecar(sidecar: Path) -> dict[str, Any]:
    name = str(sidecar)
    try:
        if sidecar.stat().st_size > 1_000_000:
            raise InputError(name, "is too large for a source text's sidecar")
        raw = sidecar.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot be read as UTF-8 ({exc})") from exc
    try:
        meta = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(meta, dict):
        raise InputError(name, "must be a JSON object")
    for key, value in meta.items():
        kind = _SIDECAR_KEYS.get(key)
        if kind is None:
            raise InputError(name, f"unknown key {key!r}; known: {', '.join(_SIDECAR_KEYS)}")
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            raise InputError(name, f"{key!r} must be a {kind.__name__}, not {value!r}")
    digest = meta.get("sha256")
    if digest is not None and not _HEX64.fullmatch(digest):
        raise InputError(name, f"'sha256' must be 64 hex digits, not {digest!r}")
    return meta
