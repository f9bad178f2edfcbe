"""Verbatim passages: normalise source text and check that quotes stand in it.

Every statement in glocal's data carries an ``oa:exact`` quote of its source. The sources are
PDF extractions, so a quote is compared with the text after folding whitespace and joining the
words that a PDF line break hyphenated ("internat-\\nionella" is "internationella").

>>> normalise("ett internat-\\nionaliserat  näringsliv")
'ett internationaliserat näringsliv'
>>> normalise("EU-\\nfrågor")
'EU-frågor'
>>> normalise("boende-\\noch besöksplats")
'boende- och besöksplats'
"""

from __future__ import annotations

import re

__all__ = ["contains", "normalise"]

# A hyphen at a line break between two lower-case letters joins one word the PDF split;
# after a capital or digit ("EU-\nfrågor") the hyphen is the word's own and stays.
_LINE_BREAK_HYPHEN = re.compile(
    r"(?<=[a-zåäöéü])-[ \t]*\r?\n\s*(?!(?:och|eller|samt|respektive)\b)(?=[a-zåäöéü])"
)
# "boende-\noch besöksplats": the hyphen ends a word shortened before a conjunction.
_CONJUNCTION_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*(?=(?:och|eller|samt|respektive)\b)")
_KEPT_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*")
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"[*]+")


def normalise(text: str) -> str:
    """Fold whitespace, join PDF line-break hyphenation and drop emphasis markers (``*``)."""
    text = _LINE_BREAK_HYPHEN.sub("", text)
    text = _CONJUNCTION_HYPHEN.sub("- ", text)
    text = _KEPT_HYPHEN.sub("-", text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


def contains(source: str, quote: str) -> bool:
    """Whether ``quote`` stands verbatim in ``source``, both normalised.

    >>> contains("Prövning ska ske minst en gång\\nper mandatperiod.", "en gång per mandatperiod")
    True
    """
    return normalise(quote) in normalise(source)
