"""SPARQL text: refuse what a read-only library must not run, and bind values safely.

glocal runs the same query text on its embedded store and on any remote SPARQL 1.1 store, so
values are bound by a ``VALUES`` block placed at the start of the query's ``WHERE`` group, each
term written in its escaped N-Triples form; no caller string is ever pasted into a query.

>>> from rdflib import URIRef, Literal
>>> print(bind("SELECT ?l WHERE { ?n <http://example.org/l> ?l }",
...            {"n": URIRef("https://w3id.org/glocal/id/x")}))
SELECT ?l WHERE { VALUES (?n) { (<https://w3id.org/glocal/id/x>) } ?n <http://example.org/l> ?l }
>>> check("SELECT * { SERVICE <http://example.org/q> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
glocal.errors.ForbiddenQueryError: SERVICE is refused: ...
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from rdflib.term import BNode, Literal, Node, URIRef

from .errors import ForbiddenQueryError, QueryError

__all__ = ["bind", "check", "form"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_\u00C0-\uFFFF][\w\-.\u00B7-\uFFFF]*(?::[\w\-.%\\\u00B7-\uFFFF]*)?
              |:[\w\-.%\\\u00B7-\uFFFF]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    start: int


@lru_cache(maxsize=512)
def _tokens(query: str) -> tuple[_Token, ...]:
    out = []
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            out.append(_Token(kind, match.group(), match.start()))
    return tuple(out)


def _words(query: str) -> list[_Token]:
    return [t for t in _tokens(query) if t.kind == "word" and ":" not in t.text]


@lru_cache(maxsize=512)
def form(query: str) -> str:
    """The query form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    >>> form("PREFIX ex: <http://example.org/> ask { ex:a ?p ?o }")
    'ASK'
    """
    check(query)
    for token in _words(query):
        upper = token.text.upper()
        if upper in _FORMS:
            return upper
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


@lru_cache(maxsize=512)
def check(query: str) -> None:
    """Raise :class:`ForbiddenQueryError` for an update or a ``SERVICE`` call."""
    for token in _words(query):
        upper = token.text.upper()
        if upper == "SERVICE":
            raise ForbiddenQueryError(
                "SERVICE is refused: glocal never sends a query to another endpoint"
            )
        if upper in _UPDATE_WORDS:
            raise ForbiddenQueryError(
                f"{upper} is an update: glocal's queries are read-only"
            )


def _term(node: Node) -> str:
    if isinstance(node, URIRef | Literal):
        return node.n3()
    if isinstance(node, BNode):
        raise QueryError("a blank node cannot be bound: it has no name outside its graph")
    raise QueryError(f"cannot bind {node!r}: bind an IRI or a literal")


def bind(query: str, bindings: Mapping[str, Node] | None) -> str:
    """``query`` with ``bindings`` (variable name without ``?`` → term) as a ``VALUES`` block."""
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
    tokens = _tokens(query)
    brace = _where_brace(tokens)
    if brace is None:
        raise QueryError("cannot bind values: the query has no WHERE group")
    variables = " ".join(f"?{n}" for n in names)
    values = " ".join(_term(bindings[n]) for n in names)
    block = f" VALUES ({variables}) {{ ({values}) }}"
    at = brace.start + 1
    return query[:at] + block + query[at:]


def _where_brace(tokens: tuple[_Token, ...]) -> _Token | None:
    for i, token in enumerate(tokens):
        if token.kind == "word" and token.text.upper() == "WHERE":
            following = tokens[i + 1 : i + 2]
            return following[0] if following and following[0].text == "{" else None
    seen_form = None
    for token in tokens:
        if token.kind == "word" and token.text.upper() in _FORMS:
            seen_form = token.text.upper()
        elif token.text == "{" and seen_form in ("SELECT", "ASK", "DESCRIBE"):
            return token
    return None
