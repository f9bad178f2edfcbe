"""SPARQL text: refuse what a read-only library must not run, and bind values safely.

glocal runs the same query text on its embedded store and on any remote SPARQL 1.1 store, so
values are bound by substituting each bound variable with its term, written in its escaped
N-Triples form (SPARQL-dev SEP-0007); no caller string is ever pasted into a query.

>>> from rdflib import URIRef, Literal
>>> print(bind("SELECT ?l WHERE { ?n <http://example.org/l> ?l }",
...            {"n": URIRef("https://w3id.org/glocal/id/x")}))
SELECT ?l WHERE { <https://w3id.org/glocal/id/x> <http://example.org/l> ?l }
>>> print(bind("SELECT ?n (COUNT(?x) AS ?k) WHERE { ?x ?p ?n FILTER(BOUND(?n)) } GROUP BY ?n",
...            {"n": Literal("a")}))
SELECT ("a" AS ?n) (COUNT(?x) AS ?k) WHERE { ?x ?p "a" FILTER(true) } GROUP BY ("a")
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

from glocal.errors import ForbiddenQueryError, QueryError

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
    """``query`` with each variable in ``bindings`` (name without ``?`` → term) replaced by
    its term, as SPARQL-dev SEP-0007 substitution defines it.

    The store then sees constants, so a path or a ``UNION`` branch starts from the bound node
    instead of being evaluated over the whole graph and joined afterwards. In the projection a
    bound variable stays a column (``(<iri> AS ?n)``); ``BOUND(?n)`` becomes ``true``; a query
    that assigns a bound variable (``AS ?n``, ``VALUES ?n``) is refused.
    """
    if not bindings:
        return query
    terms: dict[str, str] = {}
    for name, node in bindings.items():
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"{name!r} is not a SPARQL variable name")
        terms[name] = _term(node)
    out: list[str] = []
    at = 0
    for site in _sites(query):
        term = terms.get(site.name)
        if term is None or site.role == "kept":
            continue
        if site.role == "assigned":
            raise QueryError(f"cannot bind ?{site.name}: the query assigns it a value itself")
        text = {"term": term, "bound": "true", "column": f"({term} AS ?{site.name})",
                "ordered": f"({term})"}[site.role]
        out.append(query[at:site.start])
        out.append(text)
        at = site.end
    out.append(query[at:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Site:
    """Where a variable occurs, and what binding it must become there."""

    name: str
    start: int
    end: int
    role: str  # term | bound (BOUND(?v)) | column | kept (a subquery projects it) | ordered
    #            | assigned (AS ?v, VALUES ?v: cannot be bound)


@lru_cache(maxsize=512)
def _sites(query: str) -> tuple[_Site, ...]:
    """Every occurrence of a variable in ``query``, read once per query text."""
    tokens = _tokens(query)
    inner = _projected_inside(tokens)
    sites: list[_Site] = []
    depth = 0
    select = -1  # the token index of the SELECT whose clause is being read
    projection: int | None = None  # the bracket depth of the SELECT clause being read
    ordering = False  # inside GROUP BY or ORDER BY
    values = False  # between VALUES and its data block
    skip_to = -1
    for i, token in enumerate(tokens):
        word = token.text.upper() if token.kind == "word" else ""
        if word == "SELECT":
            projection, select = depth, i
        elif projection is not None and (token.text == "{" or word in ("WHERE", "FROM")):
            projection = None
        if word == "BY":
            ordering = True
        elif token.text in ("{", "}") or word in ("LIMIT", "OFFSET", "HAVING", "VALUES"):
            ordering = False
        if word == "VALUES":
            values = True
        elif token.text == "{":
            values = False
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        if i <= skip_to or token.kind != "var":
            continue
        name = token.text[1:]
        before = tokens[i - 1].text.upper() if i else ""
        start, end = token.start, token.start + len(token.text)
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if before == "AS" or values:
            role = "assigned"
        elif before == "(" and i >= 2 and tokens[i - 2].text.upper() == "BOUND" \
                and following == ")":
            start, end, role = tokens[i - 2].start, tokens[i + 1].start + 1, "bound"
            skip_to = i + 1
        elif projection is not None and depth == projection:
            # a column; a subquery below that projects it already brings it into scope
            role = "kept" if name in inner.get(select, ()) else "column"
        else:
            role = "ordered" if ordering else "term"
        sites.append(_Site(name, start, end, role))
    return tuple(sites)


def _projected_inside(tokens: tuple[_Token, ...]) -> dict[int, set[str]]:
    """For each ``SELECT`` (by token index), the variables its subqueries project."""
    selects: list[tuple[int, int, set[str]]] = []  # (index, end of its WHERE group, columns)
    for i, token in enumerate(tokens):
        if token.kind != "word" or token.text.upper() != "SELECT":
            continue
        columns: set[str] = set()
        depth = 0
        j = i + 1
        while j < len(tokens) and tokens[j].text != "{" and not (
                tokens[j].kind == "word" and tokens[j].text.upper() in ("WHERE", "FROM")):
            if tokens[j].text == "(":
                depth += 1
            elif tokens[j].text == ")":
                depth -= 1
            elif tokens[j].kind == "var" and depth == 0:
                columns.add(tokens[j].text[1:])
            j += 1
        while j < len(tokens) and tokens[j].text != "{":
            j += 1
        braces = 0
        end = j
        for end in range(j, len(tokens)):
            braces += {"{": 1, "}": -1}.get(tokens[end].text, 0)
            if braces == 0:
                break
        selects.append((i, end, columns))
    inside: dict[int, set[str]] = {}
    for i, end, _ in selects:
        inside[i] = {c for k, _, cols in selects if i < k < end for c in cols}
    return inside

