"""SPARQL text: refuse what a read-only library must not run, and bind values safely.

glocal runs the same query text on its embedded store and on any remote SPARQL 1.1 store, so
values are bound by substituting each bound variable with its term, written in its escaped
N-Triples form (SPARQL-dev SEP-0007); no caller string is ever pasted into a query.

The refusal of ``SERVICE`` and of updates does not depend on spelling: the text is tokenized
by the terminals of the SPARQL grammar (§19.8), once as sent (pyoxigraph reads ``\\u`` escapes
inside IRIs and strings only) and once more with the ``\\u``/``\\U`` escapes replaced first, as
§19.2 says and rdflib (pySHACL's engine) does; a keyword glued to a literal or hidden in a
prefixed name's prefix still counts. The processes that run queries are, besides, unable to
open a network connection (:mod:`glocal.sandbox`).

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
>>> check(r"SELECT * { ?s ?p true.\\u0053ERVICE <http://example.org/q> { ?s ?p ?o } }")
... # doctest: +ELLIPSIS
Traceback (most recent call last):
...
glocal.errors.ForbiddenQueryError: SERVICE is refused: ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rdflib.term import BNode, Literal, Node, URIRef

from glocal.errors import ForbiddenQueryError, QueryError

__all__ = ["Shape", "bind", "check", "closing", "form", "lateral", "names_dataset", "shape",
           "values"]

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS = _BASE + "_\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = f"(?:[{_CHARS}:]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_LONG_STRINGS = r'"""(?:[^"\\]|\\.|"(?!""))*"""' + "|" + r"'''(?:[^'\\]|\\.|'(?!''))*'''"
_STRINGS = r'"(?:[^"\\\n\r]|\\.)*"' + "|" + r"'(?:[^'\\\n\r]|\\.)*'"
# The terminals of the SPARQL 1.1 grammar (§19.8) that can hide a keyword: IRIs, strings,
# comments, variables, prefixed names, blank node labels, language tags, numbers; every other
# run of letters is a keyword (or a function name): letters, digits and "_".
# possessive (Python 3.11): a run of plain characters is read in one go, never backtracked into
_IRI = rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]++|{_UCHAR})*+>"
_TERMINALS = (
    r"(?P<comment>#[^\n\r]*)",
    f"(?P<iri>{_IRI})",
    f"(?P<string>{_LONG_STRINGS}|{_STRINGS})",
    f"(?P<var>[?$][{_CHARS}]+)",
    r"(?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
    f"(?P<bnode>_:[{_CHARS}](?:[{_CHARS}.]*[{_CHARS}])?)",
    f"(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)",
    r"(?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)",
    r"(?P<word>[A-Za-z][A-Za-z0-9_]*)",
    r"(?P<other>.)",
)
_TOKEN = re.compile("|".join((r"(?P<space>\s+)", *_TERMINALS)), re.DOTALL)
# For finding keywords only: a run of spaces, IRIs and brackets is one match, not one per IRI
# (a validation check narrowed to one document carries hundreds, in pairs). Where the scan
# above reads a space, an IRI or a bracket (always a one-character "other"), this one reads the
# same span; everywhere else it reads as the scan above, so it finds the same keywords.
_KEYWORD_SCAN = re.compile("|".join((rf"(?P<space>(?:\s+|{_IRI}|[()])+)", *_TERMINALS)),
                           re.DOTALL)
_SKIPPED = frozenset({"space", "comment"})
_LETTERS = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

_UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
# §19.2: \u and \U escapes are replaced before parsing. rdflib does it with this pattern
# (case-blind, four or eight digits, even after a backslash); the standard reads pairs.
_RDFLIB_ESCAPE = re.compile(r"\\u([0-9a-f]{4}(?:[0-9a-f]{4})?)", re.IGNORECASE)
_STANDARD_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    text: str
    start: int


def _tokens(query: str) -> tuple[_Token, ...]:
    return tuple(_Token(kind, match.group(), match.start())
                 for match in _TOKEN.finditer(query)
                 if (kind := match.lastgroup or "other") not in _SKIPPED)


def _char(code: str) -> str | None:
    value = int(code, 16)
    return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else None


def _unescape_rdflib(query: str) -> str:
    return _RDFLIB_ESCAPE.sub(lambda m: _char(m.group(1)) or m.group(), query)


def _unescape_standard(query: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        return m.group() if code is None else (_char(code) or m.group())

    return _STANDARD_ESCAPE.sub(one, query)


def _readings(query: str) -> list[str]:
    """The query as each engine reads it: as sent (pyoxigraph), and with the §19.2 escapes
    replaced the way rdflib and the standard replace them."""
    if "\\u" not in query and "\\U" not in query:
        return [query]
    return list(dict.fromkeys((query, _unescape_rdflib(query), _unescape_standard(query))))


def _keywords(query: str) -> Iterator[str]:
    """Every word of ``query`` that a SPARQL parser could take for a keyword, upper case.

    Besides the bare words, that is each dotted part of a prefixed name's prefix
    (``true.SERVICE:x`` may be read as ``true . SERVICE :x``, and ``SERVICEe:q`` as
    ``SERVICE e:q``): a keyword glued to the next token is still a keyword to a parser that
    tries the keyword first. So a prefix that starts with "service" is refused too.
    """
    for match in _KEYWORD_SCAN.finditer(query):
        kind = match.lastgroup
        if kind == "word":
            yield match.group().upper()
        elif kind == "pname":
            prefix = match.group().split(":", 1)[0]
            for part in prefix.split("."):
                yield from (w.upper() for w in _LETTERS.findall(part))


@dataclass(frozen=True, slots=True)
class Shape:
    """What glocal needs to know of a query before running it: its form (None if it has
    none), whether it names its own dataset (``FROM``, ``FROM NAMED``), why it is refused."""

    form: str | None
    names_dataset: bool
    refusal: str | None

    def to_dict(self) -> dict[str, object]:
        return {"form": self.form, "names_dataset": self.names_dataset,
                "refusal": self.refusal}


def _shape(reading: str) -> Shape:
    found: str | None = None
    dataset = False
    for word in _keywords(reading):
        # pyoxigraph reads a keyword without a word boundary: SERVICEe:q is SERVICE e:q
        if word.startswith("SERVICE"):
            return Shape(found, dataset,
                         "SERVICE is refused: glocal never sends a query to another endpoint")
        if word in _UPDATE_WORDS:
            return Shape(found, dataset, f"{word} is an update: glocal's queries are read-only")
        if word == "FROM":
            dataset = True
        elif found is None and word in _FORMS:
            found = word
    return Shape(found, dataset, None)


def shape(query: str) -> Shape:
    """The :class:`Shape` of ``query``, read the way each engine glocal uses reads it.

    >>> shape("SELECT * FROM <urn:g> WHERE { ?s ?p ?o }")
    Shape(form='SELECT', names_dataset=True, refusal=None)
    """
    shapes = [_shape(reading) for reading in _readings(query)]
    refusal = next((s.refusal for s in shapes if s.refusal), None)
    return Shape(shapes[0].form, any(s.names_dataset for s in shapes), refusal)


_CACHED_CHARS = 8 * 1024  # a longer query is read again each time: an entry costs its length


@lru_cache(maxsize=256)
def _cached(query: str) -> Shape:
    return shape(query)


_last_long: tuple[str, Shape] | None = None  # the check and the run read one long query twice


def _shape_of(query: str) -> Shape:
    global _last_long
    if len(query) <= _CACHED_CHARS:
        return _cached(query)
    last = _last_long
    if last is not None and last[0] == query:
        return last[1]
    found = shape(query)
    _last_long = (query, found)
    return found


def form(query: str) -> str:
    """The query form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.

    >>> form("PREFIX ex: <http://example.org/> ask { ex:a ?p ?o }")
    'ASK'
    """
    found = _shape_of(query)
    if found.refusal:
        raise ForbiddenQueryError(found.refusal)
    if found.form is None:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return found.form


def check(query: str) -> None:
    """Raise :class:`ForbiddenQueryError` for an update or a ``SERVICE`` call, however spelt."""
    found = _shape_of(query)
    if found.refusal:
        raise ForbiddenQueryError(found.refusal)


def names_dataset(query: str) -> bool:
    """Whether ``query`` names its own dataset with ``FROM`` or ``FROM NAMED``.

    >>> names_dataset("SELECT * FROM <urn:g> { ?s ?p ?o }"), names_dataset("ASK {}")
    (True, False)
    """
    # most queries never spell "from": they need no reading (labels, bound by the thousand)
    if "\\" not in query and "from" not in query.lower():
        return False
    return _shape_of(query).names_dataset


def _term(node: Node) -> str:
    if isinstance(node, URIRef | Literal):
        return node.n3()
    if isinstance(node, BNode):
        raise QueryError("a blank node cannot be bound: it has no name outside its graph")
    raise QueryError(f"cannot bind {node!r}: bind an IRI or a literal")


def _variable(name: str) -> str:
    """``name`` if it is a variable name glocal binds (letters, digits, ``_``)."""
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        raise QueryError(f"{name!r} is not a SPARQL variable name")
    return name


def values(query: str, name: str, terms: Iterable[Node], *, each: bool = False) -> str:
    """A SELECT ``query`` (with no ``VALUES`` clause of its own at its end) for each of
    ``terms`` as ``?name`` at once: the query with a trailing ``VALUES`` clause (SPARQL 1.1
    §10.2.2), which every store reads. ``each``: its ``WHERE`` group evaluated for each
    term in turn instead (``{ VALUES ?name { … } LATERAL { group } }``, SEP-0006, which
    oxigraph implements): the store then starts from each term, where it would otherwise
    evaluate the group over the whole graph and join the terms last (at 1M triples, 16 ms
    against 0.5 s for a thousand nodes' labels).

    >>> values("SELECT ?n ?l WHERE { ?n ?p ?l }", "n", [URIRef("urn:x:a")])
    'SELECT ?n ?l WHERE { ?n ?p ?l }\\nVALUES ?n { <urn:x:a> }'
    >>> values("SELECT ?n ?l WHERE { ?n ?p ?l }", "n", [URIRef("urn:x:a")], each=True)
    'SELECT ?n ?l WHERE { VALUES ?n { <urn:x:a> } LATERAL { ?n ?p ?l } }'
    """
    listed = f"VALUES ?{_variable(name)} {{ {' '.join(_term(t) for t in terms)} }}"
    return lateral(query, listed) if each else f"{query.rstrip()}\n{listed}"


def lateral(query: str, group: str) -> str:
    """``query`` with its first ``WHERE`` group evaluated for each solution of ``group`` (a
    group pattern glocal made, such as a ``VALUES`` block) in turn: ``{ group LATERAL { … } }``.

    >>> lateral("SELECT ?n WHERE { ?n ?p ?l }", "VALUES ?n { <urn:x:a> }")
    'SELECT ?n WHERE { VALUES ?n { <urn:x:a> } LATERAL { ?n ?p ?l } }'
    """
    brace = next((b for w, b in pairwise(_tokens(query))
                  if w.kind == "word" and w.text.upper() == "WHERE" and b.text == "{"), None)
    end = None if brace is None else closing(query, brace.start + 1)
    if brace is None or end is None:
        raise QueryError("the query has no WHERE group to evaluate laterally")
    start = brace.start + 1
    return f"{query[:start]} {group} LATERAL {{{query[start:end]}}} {query[end:]}"


def closing(query: str, start: int) -> int | None:
    """Where the group opened just before ``start`` closes (the position of its ``}``), as
    the tokens read it: a brace in a string, an IRI or a comment does not count; None if the
    group never closes.

    >>> closing('SELECT * { ?s ?p "}" { } }', 10)
    25
    """
    depth = 1
    for match in _TOKEN.finditer(query, start):
        if match.lastgroup == "other" and match.group() in "{}":
            depth += 1 if match.group() == "{" else -1
            if depth == 0:
                return match.start()
    return None


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
        terms[_variable(name)] = _term(node)
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

