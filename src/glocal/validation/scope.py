"""Validating one document (or one municipality's documents) inside a national store.

A scoped validation reports exactly what validating the whole graph reports about the nodes in
scope (:class:`Scope`): the results whose focus node is one of them, found on the whole graph
(a goal's activity may be stated in another document; a class may be defined anywhere). The
nodes in scope are, for each document asked about, the document, the nodes that belong to it as
a report groups them (``glocal:statedIn`` it, SDG alignment records of those, what it mentions or
quotes) and the nodes those link to (by any property but ``rdf:type``) that are not another
governing document or another document's statement: its publisher, responsible bodies, arenas,
quotes (``src/glocal/queries/validation-scope.rq``; the rule is in docs/validation.md).

Only the focus nodes are narrowed, never the data: the SPARQL engine binds them (``VALUES``) in
each compiled check where the check binds its focus nodes (:func:`narrow`), and the results are
kept by focus node afterwards (:func:`keep`), which also makes a check the binding cannot reach
(a blank focus node) exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import BNode, Node

from glocal.errors import InputError
from glocal.rdf import sparql
from glocal.validation.paths import read_path

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph
    from glocal.validation.sparql.compile import Compiled

__all__ = ["Scope", "keep", "narrow", "one_hop", "scope"]

#: Where a compiled check binds its focus nodes: right inside its first ``WHERE {``.
_FOCUS = re.compile(r"\s*\{ SELECT DISTINCT \?this WHERE \{ ")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Scope:
    """The nodes a scoped validation reports on, and the documents they come from.

    ``anchors`` name the blank nodes in scope, which a query cannot name: each is reached from
    an IRI in scope by one property (``(iri, property)``); ``anchored`` says whether every blank
    node in scope is reached so.
    """

    documents: tuple[URIRef, ...]
    nodes: frozenset[Node]
    anchors: frozenset[tuple[URIRef, URIRef]] = frozenset()
    anchored: bool = True

    @property
    def pin(self) -> str:
        """A group binding ``?this`` to each IRI in scope and (a superset of) its blank nodes."""
        return self.pattern("this")

    def pattern(self, var: str) -> str:
        """:attr:`pin` for the variable ``?var``."""
        return _pattern(self, var)


@lru_cache(maxsize=8)  # each check of a scoped run pins the same scope, twice with MINUS
def _pattern(where: Scope, var: str) -> str:
    iris = sorted(n for n in where.nodes if isinstance(n, URIRef))
    values = f"{{ VALUES ?{var} {{ " + " ".join(n.n3() for n in iris) + " } }"
    if where.anchors:  # pairs: two VALUES blocks joined measured 40x slower in the store
        pairs = " ".join(f"({m.n3()} {p.n3()})" for m, p in sorted(where.anchors))
        values += (f" UNION {{ VALUES (?_scope_m ?_scope_p) {{ {pairs} }} "
                   f"?_scope_m ?_scope_p ?{var} FILTER(isBlank(?{var})) }}")
    return "{ " + values + " }"


def scope(kg: KnowledgeGraph, *, document: str | URIRef | None = None,
          municipality: str | URIRef | None = None) -> Scope | None:
    """The scope of ``document`` and/or ``municipality`` (IRI, CURIE or label), or None when
    neither is given (the whole graph).

    A name the graph does not hold raises :class:`~glocal.errors.NodeNotFoundError`; a node
    that is no governing document, or a municipality that publishes none (of them),
    :class:`~glocal.errors.InputError`.
    """
    if document is None and municipality is None:
        return None
    bindings: dict[str, Node] = {}
    if document is not None:
        doc = kg.resolve(document)
        if not kg.ask("PREFIX glocal: <https://w3id.org/glocal/ontology#> "
                      "ASK { ?doc a glocal:GoverningDocument }", bindings={"doc": doc}):
            raise InputError("--document", f"{document} is not a governing document")
        bindings["doc"] = doc
    if municipality is not None:
        bindings["municipality"] = kg.resolve(municipality)
    rows = kg.named_query("validation-scope", bindings=bindings)
    if not rows:
        what = f"{document} " if document is not None else "any governing document "
        raise InputError("--municipality", f"{municipality} does not publish {what.strip()}")
    nodes = {n for r in rows for n in (r.get("member"), r.get("linked")) if n is not None}
    docs = tuple(sorted({d for r in rows if isinstance(d := r.get("doc"), URIRef)}))
    anchors = {(m, p) for r in rows if isinstance(r.get("linked"), BNode)
               and isinstance(m := r.get("member"), URIRef)
               and isinstance(p := r.get("link"), URIRef)}
    anchored = not any(isinstance(r.get("member"), BNode) for r in rows)
    return Scope(docs, frozenset(nodes), frozenset(anchors), anchored)


def narrow(query: str, where: Scope) -> str:
    """``query`` (a compiled check) with its focus nodes narrowed to the nodes in scope.

    A check binds its focus nodes (``?this``) in a subquery right inside its first ``WHERE {``
    (:mod:`glocal.validation.sparql.compile`): ``{ SELECT DISTINCT ?this WHERE { T } }``. That
    becomes ``{ … WHERE { P LATERAL { T } } }``, where ``P`` (:attr:`Scope.pin`) binds ``?this``
    to each node in scope and ``T`` is then evaluated for that node only (SPARQL's ``LATERAL``,
    SEP-0006, which oxigraph implements); each ``MINUS { M }`` of the check, which the store
    would otherwise evaluate once for the whole graph, becomes ``MINUS { P LATERAL { M } }``.
    The check then gives rows only about nodes in scope (and, for blank nodes, their siblings,
    which :func:`keep` drops). A check of another form, or a scope with a blank node the pin
    cannot reach, is left as it is: :func:`keep` still filters its results.
    """
    head = _WHERE.search(query)
    focus = _FOCUS.match(query, head.end()) if head is not None else None
    end = sparql.closing(query, focus.end()) if focus is not None else None
    if focus is None or end is None or not where.anchored:
        return query
    pin = where.pin
    out = [query[:focus.end()], f"{pin} LATERAL {{ {query[focus.end():end]} }} "]
    at = end
    for minus in _MINUS.finditer(query, end):
        close = sparql.closing(query, minus.end())
        if close is None:
            return query
        out += [query[at:minus.end()], f" {pin} LATERAL {{ {query[minus.end():close]} }} "]
        at = close
    out.append(query[at:])
    return "".join(out)


_MINUS = re.compile(r"\bMINUS\s*\{")


def one_hop(compiled: Compiled) -> bool:
    """Whether every datatype check of ``compiled`` tests a focus node's own values (one
    property, or one of several, from the focus node): then the ill-typed literals a scoped run
    can meet are values of nodes in scope, and only those need reading."""
    for check in compiled.checks:
        for var in _BAD_VAR.findall(check.query):
            path = compiled.g.value(check.shape, SH.path)
            if var != "?value" or not (path is None or read_path(compiled.g, path).one_hop):
                return False
    return True


_BAD_VAR = re.compile(r"@@BAD:[^|@]+\|(\?[A-Za-z0-9_]+)@@")
def keep(results: Graph, where: Scope) -> Graph:
    """The ``sh:ValidationReport`` graph ``results`` with only the results about nodes in
    scope, and ``sh:conforms`` as those say."""
    out = Graph()
    for prefix, namespace in results.namespaces():
        out.bind(prefix, namespace)
    report = next(iter(results.subjects(RDF.type, SH.ValidationReport)), BNode())
    out.add((report, RDF.type, SH.ValidationReport))
    violated = False
    for result in results.objects(report, SH.result):
        if results.value(result, SH.focusNode) not in where.nodes:
            continue
        out.add((report, SH.result, result))
        _copy(results, result, out)
        # as ValidationReport.conforms counts: a severity other than warning or info violates
        violated |= results.value(result, SH.resultSeverity) not in (SH.Warning, SH.Info)
    out.add((report, SH.conforms, Literal(not violated)))
    return out


def _copy(source: Graph, node: Node, target: Graph, depth: int = 0) -> None:
    """A result's own triples, and those of the blank nodes under it (paths, details)."""
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        if isinstance(o, BNode) and depth < 50 and p != SH.focusNode and p != SH.value:
            _copy(source, o, target, depth + 1)
