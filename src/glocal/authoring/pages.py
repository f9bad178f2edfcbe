"""Pages of extracted text: clean each page, then drop the running headers and footers.

Cleaning keeps every character a quote could be matched against and removes only what no reader
sees or what a PDF writes in place of plain letters: soft hyphens, zero-width characters,
control characters; ligatures (ﬁ, ﬂ ...) become their letters; decomposed letters are composed
(NFC: "a" + combining diaeresis is "ä"). A hyphen at a line break stays as it is:
:func:`glocal.quotes.normalise` joins those when quotes are matched.

>>> clean_page("ﬁnansiering av\\u00adprojekt\\r\\nsom ska  \\n")
'finansiering avprojekt\\nsom ska\\n'

A running header or footer is a line at the same place among the first or last few of a page
that recurs there, once page numbers are folded, on more than half of the pages (and on at
least three):

>>> body = ["Mål ett.", "Mål två.\\nMål tre.", "Ansvar.", "Uppföljning."]
>>> pages = [f"Strategi 2024\\n{text}\\nSida {n} av 4\\n" for n, text in enumerate(body, 1)]
>>> strip_running_lines(pages).pages
('Mål ett.\\n', 'Mål två.\\nMål tre.\\n', 'Ansvar.\\n', 'Uppföljning.\\n')
>>> strip_running_lines(pages).removed
('Strategi 2024', 'Sida 1 av 4')
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["RunningLines", "clean_page", "join_pages", "strip_running_lines"]

# Letters a PDF writes as one presentation form: NFKC turns each into its plain letters and
# touches nothing else (NFKC on the whole text would also rewrite ², ½, … and full-width forms).
_LIGATURES = re.compile("[\ufb00-\ufb06]")
# Invisible: soft hyphen, zero-width space/joiners, word joiner, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Control characters other than tab and newline (a form feed inside a page is not a page break).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_LINE_END = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# How far into a page a header, or from its end a footer, may stand (non-empty lines).
_EDGE_LINES = 3


def clean_page(text: str) -> str:
    """One page's text, cleaned (see the module's doc); it ends with one newline unless empty."""
    text = _LINE_END.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text).strip("\n")
    return f"{text}\n" if text else ""


def join_pages(pages: Sequence[str]) -> str:
    """The pages as one text, a form feed between each two."""
    return "\f".join(pages)


@dataclass(frozen=True, slots=True)
class RunningLines:
    """Pages with their running headers and footers taken out, and the lines that were."""

    pages: tuple[str, ...]
    removed: tuple[str, ...]  # each distinct running line as it first stood (before folding)


def _key(line: str) -> str:
    """A line as compared across pages: page numbers folded, spaces folded, case folded."""
    return _SPACE.sub(" ", _DIGITS.sub("#", line)).strip().casefold()


def _edges(lines: Sequence[str]) -> dict[int, list[tuple[str, int]]]:
    """The first and last few non-empty lines of a page: index -> [(which edge, place in it)]
    (on a short page a line can be near both edges)."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    edges: dict[int, list[tuple[str, int]]] = {}
    for place, i in enumerate(filled[:_EDGE_LINES]):
        edges.setdefault(i, []).append(("top", place))
    for place, i in enumerate(reversed(filled[-_EDGE_LINES:])):
        edges.setdefault(i, []).append(("bottom", place))
    return edges


def strip_running_lines(pages: Sequence[str]) -> RunningLines:
    """Remove lines that recur at the same place at the top or bottom of most pages."""
    split = [page.split("\n") for page in pages]
    counts: Counter[tuple[str, int, str]] = Counter()
    for lines in split:
        counts.update(
            {(*edge, _key(lines[i])) for i, edges in _edges(lines).items() for edge in edges}
        )
    need = max(3, len(pages) // 2 + 1)
    running = {key for key, n in counts.items() if key[2] and n >= need}
    if not running:
        return RunningLines(tuple(pages), ())
    removed: dict[str, str] = {}
    out: list[str] = []
    for lines in split:
        drop = {
            i
            for i, edges in _edges(lines).items()
            if any((*edge, _key(lines[i])) in running for edge in edges)
        }
        for i in sorted(drop):
            removed.setdefault(_key(lines[i]), lines[i].strip())
        kept = "\n".join(line for i, line in enumerate(lines) if i not in drop)
        out.append(clean_page(kept))
    return RunningLines(tuple(out), tuple(removed.values()))
