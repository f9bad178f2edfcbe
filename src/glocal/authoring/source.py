"""A source text: UTF-8 text whose pages are separated by form feeds, with an optional sidecar.

``glocal extract`` writes one (``SOURCE.txt`` and ``SOURCE.txt.meta.json``); the bundled
``data/sources/*.txt`` are plain sources of one page and no sidecar.

>>> s = SourceText("a.txt", "first page\\fsecond page")
>>> s.page_at(0), s.page_at(s.text.index("second"))
(1, 2)
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from pathlib import Path

from glocal.errors import EncodingError, InputError

__all__ = ["SourceText"]

_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """The text of a source, its file name and, from the sidecar, the original's name and hash."""

    name: str
    text: str
    sha256: str | None = None
    source_file: str | None = None
    _breaks: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        breaks = tuple(i for i, ch in enumerate(self.text) if ch == "\f")
        object.__setattr__(self, "_breaks", breaks)

    @property
    def pages(self) -> list[str]:
        """The text of each page, page 1 first."""
        return self.text.split("\f")

    def page_at(self, offset: int) -> int:
        """The 1-based page that the character at ``offset`` stands on."""
        return bisect.bisect_right(self._breaks, offset - 1) + 1 if self._breaks else 1

    @classmethod
    def read(cls, path: str | Path) -> SourceText:
        """Read a source text and its sidecar ``<path>.meta.json`` if there is one."""
        p = Path(path)
        try:
            if p.stat().st_size > _MAX_BYTES:
                raise InputError(str(p), f"is larger than {_MAX_BYTES // 2**20} MB")
            data = p.read_bytes()
        except OSError as err:
            raise InputError(str(p), err.strerror or str(err)) from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise EncodingError(str(p), f"is not UTF-8 text (byte {err.start})") from None
        sha256 = source_file = None
        meta = p.with_name(p.name + ".meta.json")
        if meta.is_file():
            try:
                info = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise InputError(str(meta), f"is not a readable JSON sidecar: {err}") from None
            if isinstance(info, dict):
                sha256 = info.get("sha256") if isinstance(info.get("sha256"), str) else None
                name = info.get("source_file")
                source_file = name if isinstance(name, str) else None
        return cls(p.name, text.removeprefix("\ufeff"), sha256, source_file)
