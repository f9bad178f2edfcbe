"""Every conversion of an RDF term, in one place: pyoxigraph ↔ rdflib, and rdflib from and to
the SPARQL result formats (TSV cells, JSON bindings) and SPARQL syntax.

rdflib is the language the library speaks to its callers; pyoxigraph holds and queries the
triples; other stores answer in SPARQL JSON. A term crosses between them only here.

>>> from rdflib import Literal, URIRef
>>> from_tsv('"Globalt mål 17"@sv')
rdflib.term.Literal('Globalt mål 17', lang='sv')
>>> from_tsv("<http://metadata.un.org/sdg/17>")
rdflib.term.URIRef('http://metadata.un.org/sdg/17')
>>> to_json(Literal("5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")))
{'type': 'literal', 'value': '5', 'datatype': 'http://www.w3.org/2001/XMLSchema#integer'}
>>> from_json(to_json(URIRef("urn:x:a"))) == URIRef("urn:x:a")
True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, Node, URIRef

from glocal.errors import QueryError

__all__ = ["add_ox", "from_json", "from_ox", "from_tsv", "to_json", "to_ox", "to_sparql"]

_XSD_STRING = str(XSD.string)
_XSD_BOOLEAN = str(XSD.boolean)
_BOOLEANS = frozenset(("true", "false", "1", "0"))


def _typed(value: str, datatype: str) -> Literal:
    """A typed literal exactly as written: rdflib would otherwise rewrite its lexical form
    (``"007"^^xsd:integer`` to ``"7"``, an ill-typed ``"none"^^xsd:boolean`` to ``"false"``).

    >>> str(_typed("007", "http://www.w3.org/2001/XMLSchema#integer"))
    '007'
    """
    if datatype == _XSD_BOOLEAN and value not in _BOOLEANS:
        with warnings.catch_warnings():  # rdflib warns of each ill-typed boolean it reads
            warnings.simplefilter("ignore", UserWarning)
            return Literal(value, datatype=_datatype(datatype), normalize=False)
    return Literal(value, datatype=_datatype(datatype), normalize=False)


@lru_cache(maxsize=256)
def _datatype(iri: str) -> URIRef:
    """A datatype IRI as rdflib's term, made once (a query's typed values share a few)."""
    return URIRef(iri)


def from_ox(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return _typed(term.value, datatype)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise QueryError(f"unsupported term in a result: {term!r}")


def add_ox(graph: Graph, triples: Iterable[ox.Quad | ox.Triple]) -> Graph:
    """``graph`` with pyoxigraph's ``triples`` (or quads, their graphs merged) added, each term
    as :func:`from_ox` gives it."""
    graph.addN((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object), graph)
               for t in triples)
    return graph


def to_ox(node: Node, blanks: dict[str, ox.BlankNode] | None = None) -> Any:
    """An rdflib term as a pyoxigraph term; ``blanks`` maps blank node ids to fresh ones, so
    the same rdflib blank node becomes the same pyoxigraph blank node (or keeps its id)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        if blanks is None:
            return ox.BlankNode(str(node))
        return blanks.setdefault(str(node), ox.BlankNode())
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise QueryError(f"unsupported term {node!r}")


def _iri(value: str) -> URIRef:
    """An IRI the store wrote: it checked it on the way in, so rdflib's check is skipped (a
    URIRef is its string; ``URIRef.__new__`` only adds the check and its warning)."""
    return str.__new__(URIRef, value)


@lru_cache(maxsize=1 << 16)
def from_tsv(cell: str) -> Node:
    """One term of a SPARQL TSV result (Turtle syntax) as an rdflib term."""
    if "\\" not in cell:
        if cell[0] == "<" and cell[1] != "<":
            return _iri(cell[1:-1])
        if cell[0] == '"':
            end = cell.rindex('"')
            value, rest = cell[1:end], cell[end + 1:]
            if not rest:
                return Literal(value)
            if rest[0] == "@":
                return Literal(value, lang=rest[1:])
            if rest.startswith("^^<") and rest[-1] == ">":
                datatype = rest[3:-1]
                return Literal(value) if datatype == _XSD_STRING else _typed(value, datatype)
        if cell.startswith("_:"):
            return BNode(cell[2:])
    # escapes, bare numbers and booleans: let the store's Turtle parser read it
    try:
        triples = list(ox.parse(f"<urn:x:s> <urn:x:p> {cell} .".encode(),
                                format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise QueryError(f"cannot read the result term {cell[:200]!r}: {exc.msg}") from exc
    except MemoryError:  # a term over the parser's 16 MiB buffer: the bulk loader reads it
        store = ox.Store()
        store.bulk_load(input=f"<urn:x:s> <urn:x:p> {cell} .".encode(),
                        format=ox.RdfFormat.TURTLE)
        triples = list(store)
    return from_ox(triples[0].object)


def from_json(binding: dict[str, str]) -> Node:
    """One binding of SPARQL 1.1 JSON results as an rdflib term."""
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in binding:
            return Literal(value, lang=binding["xml:lang"])
        datatype = binding.get("datatype")
        if datatype and datatype != _XSD_STRING:
            return _typed(value, datatype)
        return Literal(value)
    raise QueryError(f"unsupported term in a SPARQL result: {binding!r}")


def to_json(node: Node) -> dict[str, str]:
    """An rdflib term as one binding of SPARQL 1.1 JSON results."""
    if isinstance(node, Literal):
        out = {"type": "literal", "value": str(node)}
        if node.language:
            out["xml:lang"] = node.language
        elif node.datatype:
            out["datatype"] = str(node.datatype)
        return out
    return {"type": "bnode" if isinstance(node, BNode) else "uri", "value": str(node)}


def to_sparql(node: Node) -> str:
    """An IRI or a literal in SPARQL syntax, to substitute for a bound variable."""
    if isinstance(node, URIRef | Literal):
        return node.n3()
    if isinstance(node, BNode):
        raise QueryError("a blank node cannot be bound: it has no name outside its graph")
    raise QueryError(f"cannot bind {node!r}: bind an IRI or a literal")
