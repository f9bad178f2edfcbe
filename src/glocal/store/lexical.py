"""The literals the store rewrites, kept as they were given.

pyoxigraph's store keeps a typed literal in canonical form: ``"007"^^xsd:integer`` becomes
``"7"``, ``"5"^^xsd:int`` becomes ``"5"^^xsd:integer``, ``1.50`` becomes ``1.5``,
``"1"^^xsd:boolean`` becomes ``"true"`` (it has no option to keep them, oxigraph issue #526).
Its parsers keep the lexical form, so glocal parses a file that may hold such a literal,
remembers each quad whose literal the store rewrites beside the canonical quad, and gives the
quads back as they were given (:meth:`Lexical.restore`). Two literals of one subject and
predicate that the store merges (``"007"`` and ``"7"``) both come back. Language tags are the
one thing glocal cannot keep: pyoxigraph writes them in lower case already while parsing, so a
file with ``"x"@SV`` gets one :class:`~glocal.errors.LexicalFormWarning` naming file and line
(:func:`glocal.rdf.formats.lang_tag_warning`).

>>> import pyoxigraph as ox
>>> xsd = "http://www.w3.org/2001/XMLSchema#"
>>> [str(t) for t in canonical([ox.Literal("007", datatype=ox.NamedNode(xsd + "integer"))])]
['"7"^^<http://www.w3.org/2001/XMLSchema#integer>']
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from glocal.errors import LexicalFormWarning
from glocal.rdf.formats import write_atomic

__all__ = ["FILE_NAME", "Lexical", "canonical", "may_rewrite", "merged_warning"]

_NEWLINE = b"\n"

#: The file in an on-disk store's folder that keeps the rewritten literals as given (N-Quads).
FILE_NAME = "glocal-lexical.nq"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = frozenset((_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"))
_P = ox.NamedNode("urn:x:p")

_START = rb"[\s,;(\[]"
# A Turtle number the store writes otherwise: a decimal or double, a sign, a leading zero.
# Each pattern starts with a literal character, which the regex engine finds fast.


def _after_digits(char: bytes, least: int) -> re.Pattern[bytes]:
    """``char`` after a token of ``least`` or more digits (up to 15, a sign allowed)."""
    behind = b"|".join(b"(?<=%s%s\\d{%d}%s)" % (_START, sign, n, re.escape(char))
                       for n in range(least, 16) for sign in (b"", b"[+-]"))
    first = rb"(?<=\d%s)" % re.escape(char) if least else b""  # most fail here, fast
    return re.compile(re.escape(char) + first + rb"(?=[+-]?\d)(?:" + behind + b")")


_BARE_NUMBERS = [
    _after_digits(b".", 0), _after_digits(b"e", 1), _after_digits(b"E", 1),
    re.compile(rb"\+(?<=" + _START + rb"\+)\d"), re.compile(rb"0(?<=" + _START + rb"0)\d"),
    re.compile(rb"-(?<=" + _START + rb"-)0"),
]
_COMMENT = re.compile(rb"#(?<=\s#)[^\n]*")
_DATATYPE_END = re.compile(rb"[\s,;)\]]|\.(?:\s|$)")
_TURTLE = ("turtle", "trig", "n3")


def may_rewrite(data: bytes, syntax: str) -> bool:
    """Whether a file may hold a literal the store rewrites (``syntax``: the format's name);
    such a file is parsed in Python and kept literal by literal. It reads the bytes, not the
    RDF, so it errs only towards yes.

    RDF/XML and JSON-LD: always. N-Triples, N-Quads, Turtle, TriG: each distinct
    ``"lexical"^^datatype`` of the file is put to the store once, and the Turtle numbers
    outside the strings are looked at; a file that writes every literal in the store's own form
    (the bundled data, the benchmark's) loads at the store's full speed.

    >>> may_rewrite(b'<a> <b> "Region 01"@sv , 17 .', "turtle")
    False
    >>> may_rewrite(b"<a> <b> 1.50 .", "turtle"), may_rewrite(b'<a> <b> "+1"^^<x:y> .', "ntriples")
    (True, False)
    """
    if syntax not in ("ntriples", "nquads", *_TURTLE):
        return True
    if b"^^" in data and _typed_rewritten(data):
        return True
    return syntax in _TURTLE and _bare_rewritten(data)


def _typed_rewritten(data: bytes) -> bool:
    literals: dict[bytes, None] = {}
    at = data.find(b"^^")
    while at != -1:
        start = data.rfind(b'"', 0, at - 1)
        if data[at - 1:at] != b'"' or start == -1 or data[start - 1:start] == b"\\":
            return True  # a single-quoted, long or escaped-quote literal: parse the file
        end = _DATATYPE_END.search(data, at + 2)
        literals[data[start:end.start() if end else len(data)]] = None
        at = data.find(b"^^", at + 2)
    declared = [_prefix(data, name) for name in dict.fromkeys(
        literal[literal.rindex(b"^^") + 2:].partition(b":")[0] for literal in literals
        if literal[-1:] != b">")]
    if None in declared:
        return True  # a prefix declared twice over: which literal means which is the parser's
    prefixes = b"".join(cast(list[bytes], declared))
    lines = b"".join(b"<urn:x:s> <urn:x:p> %s .\n" % literal for literal in literals)
    try:
        given = [q.object for q in ox.parse(prefixes + lines, format=ox.RdfFormat.TURTLE)]
    except SyntaxError:
        return True
    typed = [literal for literal in given if isinstance(literal, ox.Literal)]
    return len(typed) != len(given) or canonical(typed) != typed


def _prefix(data: bytes, name: bytes) -> bytes | None:
    """The declaration of the prefix ``name`` as a Turtle line (empty if absent); None if the
    file declares it more than once to different IRIs, or in a form this reading misses.

    >>> _prefix(b"@prefix x: <urn:a#> . PREFIX x: <urn:b#>", b"x") is None
    True
    """
    declared = re.findall(rb"@?prefix\s+" + re.escape(name) + rb":\s*<([^>\s]*)>", data,
                          re.IGNORECASE)
    spelled = len(re.findall(rb"prefix\s+" + re.escape(name) + rb":", data, re.IGNORECASE))
    if len(set(declared)) > 1 or spelled > len(declared):
        return None
    return b"".join(b"@prefix %s: <%s> .\n" % (name, iri) for iri in set(declared))


def _bare_rewritten(data: bytes) -> bool:
    if b'"""' in data or b"'''" in data:
        return True
    parts = data.replace(b"\\\\", b"").replace(b'\\"', b"").split(b'"')
    if len(parts) % 2 == 0:  # an odd number of quotes (one in a comment?): parse the file
        return True
    outside = _COMMENT.sub(b"", b"\n" + b" ".join(parts[0::2]))
    return b"'" in outside or any(p.search(outside) is not None for p in _BARE_NUMBERS)


def _typed(term: object) -> ox.Literal | None:
    if isinstance(term, ox.Literal) and term.datatype.value not in _PLAIN:
        return term
    return None


def canonical(literals: Sequence[ox.Literal]) -> list[ox.Literal]:
    """Each literal as the store keeps it (one scratch store for them all)."""
    scratch = ox.Store()
    scratch.extend([ox.Quad(ox.NamedNode(f"urn:x:{i}"), _P, literal)
                    for i, literal in enumerate(literals)])
    out = list(literals)
    for quad in scratch:
        out[int(quad.subject.value[6:])] = quad.object
    return out


class Lexical:
    """The quads whose literal the store rewrote, as given, by the canonical quad it keeps.

    With ``path`` (an on-disk store's folder), they are kept in :data:`FILE_NAME` there too, so
    the store opened again (or read by the endpoint) gives them back as well.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self._file = None if path is None else Path(path) / FILE_NAME
        self._given: dict[ox.Quad, tuple[ox.Quad, ...]] = {}
        if self._file is not None and self._file.exists():
            self._given = self._groups(list(ox.parse(self._file.read_bytes(),
                                                     format=ox.RdfFormat.N_QUADS)),
                                       lambda _: False)

    @staticmethod
    def _groups(quads: Sequence[ox.Quad], present: Callable[[ox.Quad], bool]
                ) -> dict[ox.Quad, tuple[ox.Quad, ...]]:
        typed = [(q, literal) for q in quads if (literal := _typed(q.object)) is not None]
        if not typed:
            return {}
        distinct = list(dict.fromkeys(literal for _, literal in typed))
        # only the literals the store rewrites, and the forms they become (a quad given in
        # that form merges with them), need a key: most typed literals are neither
        canon = {literal: kept for literal, kept in zip(distinct, canonical(distinct),
                                                         strict=True) if kept != literal}
        if not canon:
            return {}
        canon.update({kept: kept for kept in list(canon.values())})
        groups: dict[ox.Quad, dict[ox.Quad, None]] = {}
        rewritten: set[ox.Quad] = set()
        for quad, literal in typed:
            kept = canon.get(literal)
            if kept is None:
                continue
            key = ox.Quad(quad.subject, quad.predicate, kept, quad.graph_name)
            groups.setdefault(key, {})[quad] = None
            if kept != literal:
                rewritten.add(key)
        for key in rewritten:
            if key not in groups[key] and present(key):  # the canonical one was given before
                groups[key] = {key: None, **groups[key]}
        return {key: tuple(groups[key]) for key in rewritten}

    def note(self, quads: Sequence[ox.Quad], present: Callable[[ox.Quad], bool]
             ) -> dict[ox.Quad, tuple[ox.Quad, ...]]:
        """Remember each of ``quads`` whose literal the store will rewrite (before they are
        added; ``present`` says whether the store holds a quad already); the canonical quads
        the store will keep, each with the quads of ``quads`` given for it."""
        found = self._groups(quads, present)
        for key, given in found.items():
            before = self._given.get(key, (key,) if present(key) else ())
            self._given[key] = tuple(dict.fromkeys(before + given))
        if found:
            self._save()
        return found

    def forget(self, graph: ox.NamedNode) -> None:
        """Drop what was kept for ``graph`` (its load failed or it was removed)."""
        kept = {k: v for k, v in self._given.items() if k.graph_name != graph}
        if len(kept) != len(self._given):
            self._given = kept
            self._save()

    def _save(self) -> None:
        if self._file is None:
            return
        quads = [q for given in self._given.values() for q in given]
        write_atomic(self._file, [ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""])

    def forms(self, graphs: Callable[[ox.Quad], int]
              ) -> set[tuple[ox.NamedNode, ox.Literal, tuple[ox.Literal, ...]]]:
        """Each rewritten literal once: its property, the form the store keeps and the forms
        of it given to one subject and property (more than one: they merged, in one graph or
        across the graphs, whose union a query reads; ``graphs`` counts the graphs holding a
        kept quad's triple)."""
        out = set()
        for key, given in self._given.items():
            forms = tuple(cast(ox.Literal, q.object) for q in given)
            if len(forms) == 1 and graphs(key) > 1:
                forms += (cast(ox.Literal, key.object),)
            out.add((key.predicate, cast(ox.Literal, key.object), forms))
        return out

    def __len__(self) -> int:
        """How many literals as given differ from what the store keeps."""
        return sum(sum(q != key for q in given) for key, given in self._given.items())

    def restore(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        """``quads`` as they were given: a canonical quad the store made gives back the quads
        it came from."""
        if not self._given:
            yield from quads
            return
        given = self._given
        for quad in quads:
            originals = given.get(quad)
            if originals is None:
                yield quad
            else:
                yield from originals

    def restore_triples(self, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        """Triples (of a CONSTRUCT) as they were given, by subject, predicate and object."""
        if not self._given:
            return list(triples)
        by_triple: dict[ox.Triple, dict[ox.Triple, None]] = {}
        for key, given in self._given.items():
            found = by_triple.setdefault(ox.Triple(key.subject, key.predicate, key.object), {})
            found.update((ox.Triple(q.subject, q.predicate, q.object), None) for q in given)
        out: dict[ox.Triple, None] = {}
        for triple in triples:
            out.update((t, None) for t in by_triple.get(triple, {triple: None}))
        return list(out)

    def terms(self, uses: Callable[[ox.Literal], int]) -> dict[ox.Literal, object]:
        """Canonical literal → the one form it was given in, for query results: only where
        that is certain (every quad of the store with the canonical literal, counted by
        ``uses``, was given in that one other form)."""
        forms: dict[object, set[object]] = {}
        keys: dict[object, int] = {}
        for key, given in self._given.items():
            forms.setdefault(key.object, set()).update(q.object for q in given)
            keys[key.object] = keys.get(key.object, 0) + 1
        return {kept: next(iter(given)) for kept, given in forms.items()
                if isinstance(kept, ox.Literal) and len(given) == 1 and kept not in given
                and uses(kept) == keys[kept]}


def merged_warning(source: str, data: bytes, found: dict[ox.Quad, tuple[ox.Quad, ...]]) -> None:
    """One warning if the file ``source`` (its bytes ``data``) gives one subject and property
    a value in two lexical forms (``"007"`` and ``"7"``): the store holds them as one triple,
    so a SELECT answers one row for both (kg.dump and CONSTRUCT still give each as written)."""
    merged = [given for given in found.values() if len(given) > 1]
    if not merged:
        return
    forms = [cast(ox.Literal, q.object) for q in merged[0]]
    at = data.find(b'"%s"' % forms[1].value.encode("utf-8"))
    line = f":{data.count(_NEWLINE, 0, at) + 1}" if at >= 0 else ""
    more = f" (and {len(merged) - 1} more in the file)" if len(merged) > 1 else ""
    shown = " and ".join(str(f) for f in forms)
    warnings.warn(LexicalFormWarning(
        f"{source}{line}: {shown} are one value of one property of one node, which the store "
        f"holds as one triple{more}: kg.dump and CONSTRUCT give each as written, a SELECT "
        "answers one row for them"), stacklevel=3)
