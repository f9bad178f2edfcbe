"""Find a quote in a source text: exact after ``quotes.normalise``, else the nearest passage.

>>> from glocal.authoring.source import SourceText
>>> text = "Inledning\\fVi ska öka det internat-\\nionella utbytet."
>>> index = SourceIndex(SourceText("s.txt", text))
>>> hit = index.find("öka det internationella utbytet")
>>> hit.page, hit.prefix, hit.suffix
(2, 'Inledning Vi ska ', '.')
>>> near = index.nearest("öka det internationela utbytet")
>>> near.page, near.score >= 90
(2, True)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from rapidfuzz import fuzz

from glocal.authoring.source import SourceText
from glocal.quotes import normalise

__all__ = ["Found", "Nearest", "SourceIndex"]

_CONTEXT = 32


@dataclass(frozen=True, slots=True)
class Found:
    """Where a quote stands: offsets in the normalised text, its page, its prefix and suffix."""

    start: int
    end: int
    page: int
    end_page: int
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Nearest:
    """The passage most like a quote that is not in the text, its page and similarity (0-100)."""

    passage: str
    page: int
    score: int


class SourceIndex:
    """A source's normalised text (pages joined by one space) and where each page starts."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        parts = [normalise(page) for page in source.iter_pages()]
        starts, offset = [], 0
        for part in parts:
            starts.append(offset)
            offset += len(part) + 1
        self.text = " ".join(parts)
        self._starts = starts

    def page_at(self, offset: int) -> int:
        """The 1-based page of the normalised text's character at ``offset``."""
        return bisect.bisect_right(self._starts, offset)

    def find(self, quote: str) -> Found | None:
        """The first place ``quote`` stands verbatim (after normalising both), or None."""
        needle = normalise(quote)
        if not needle:
            return None
        start = self.text.find(needle)
        if start < 0:
            return None
        end = start + len(needle)
        return Found(start, end, self.page_at(start), self.page_at(max(start, end - 1)),
                     self.text[max(0, start - _CONTEXT):start], self.text[end:end + _CONTEXT])

    def nearest(self, quote: str) -> Nearest | None:
        """The passage most like ``quote`` (rapidfuzz's best partial alignment), or None."""
        needle = normalise(quote)
        if not needle or not self.text:
            return None
        found = fuzz.partial_ratio_alignment(needle, self.text)
        if found is None or found.score <= 0:
            return None
        passage = self.text[found.dest_start:found.dest_end]
        return Nearest(passage, self.page_at(found.dest_start), int(found.score))
