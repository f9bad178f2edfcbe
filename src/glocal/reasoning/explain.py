"""Why a graph is inconsistent, in words: the nodes, the facts that clash and the axiom.

A reasoner says only *that* the data contradicts the ontology. This module finds *where*, from
the ontology's own axioms, by reading the graph: a node in two disjoint classes (by type or
through a property's domain or range), a value outside its datatype range, two different values
of a functional property.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import OWL, RDF, RDFS, XSD, Graph
from rdflib.collection import Collection
from rdflib.term import BNode, Node, URIRef
from rdflib.term import Literal as RDFLiteral

from glocal.namespaces import curie

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["Clash", "closure", "explain", "node_name"]


@dataclass(frozen=True, slots=True)
class Clash:
    """One reason the graph is inconsistent: which nodes, which axiom, in words.

    ``kind`` is ``"disjoint"`` (a node that would be in two disjoint classes), ``"datatype"``
    (a value outside its property's range), ``"functional"`` (two values of a functional
    property that are declared different) or ``"reasoner"`` (the reasoner's own words, when
    glocal's search names nothing).
    """

    kind: str
    nodes: tuple[URIRef, ...]
    labels: tuple[str, ...]
    axiom: str
    detail: str

    def __str__(self) -> str:
        who = ", ".join(f"{label} ({node_name(n)})" for n, label in zip(self.nodes, self.labels,
                                                                        strict=True))
        return f"{who}: {self.detail} — {self.axiom}" if who else f"{self.detail} — {self.axiom}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "nodes": [str(n) for n in self.nodes],
                "labels": list(self.labels), "axiom": self.axiom, "detail": self.detail}


def explain(kg: KnowledgeGraph, graph: Graph) -> Iterator[Clash]:
    """Name the nodes and axioms behind an inconsistency, by looking where the axioms bite."""
    ontology = _Axioms(graph)
    yield from _disjoint_clashes(kg, graph, ontology)
    yield from _datatype_clashes(kg, graph)
    yield from _functional_clashes(kg, graph)


class _Axioms:
    """The class axioms the search needs: named superclasses, disjoint pairs, domains, ranges."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.parents: dict[Node, set[Node]] = defaultdict(set)
        for a, b in graph.subject_objects(RDFS.subClassOf):
            if isinstance(b, URIRef):
                self.parents[a].add(b)
        self.disjoint: dict[URIRef, dict[URIRef, str]] = defaultdict(dict)
        for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = [self.members(m) for m in self._list(graph.value(axiom, OWL.members))]
            shown = " ".join(self._show(m) for m in self._list(graph.value(axiom, OWL.members)))
            text = f"DisjointClasses({shown})"
            for i, group in enumerate(members):
                for other in members[i + 1:]:
                    for a in group:
                        for b in other:
                            self.disjoint[a][b] = self.disjoint[b][a] = text
        for a, b in graph.subject_objects(OWL.disjointWith):
            text = f"DisjointClasses({self._show(a)} {self._show(b)})"
            for x in self.members(a):
                for y in self.members(b):
                    self.disjoint[x][y] = self.disjoint[y][x] = text

    def _list(self, head: Node | None) -> list[Node]:
        return list(Collection(self.graph, head)) if head is not None else []

    def members(self, expr: Node) -> set[URIRef]:
        """The named classes of a class or a union."""
        if isinstance(expr, URIRef):
            return {expr}
        union = self.graph.value(expr, OWL.unionOf)
        return {m for m in self._list(union) if isinstance(m, URIRef)}

    def _show(self, expr: Node) -> str:
        if isinstance(expr, URIRef):
            return node_name(expr)
        union = self.graph.value(expr, OWL.unionOf)
        if union is not None:
            return "ObjectUnionOf(" + " ".join(self._show(m) for m in self._list(union)) + ")"
        return "[a class expression]"

    def ancestors(self, c: URIRef) -> set[URIRef]:
        return {c} | {a for a in closure([c], self.parents) if isinstance(a, URIRef)}

    def clash(self, a: set[URIRef], b: set[URIRef]) -> str | None:
        """The axiom making every class of ``a`` disjoint with every class of ``b``, if any."""
        found: str | None = None
        for x in a:
            hit = None
            for y in b:
                hit = next((self.disjoint[ax].get(ay) for ax in self.ancestors(x)
                            for ay in self.ancestors(y) if self.disjoint[ax].get(ay)), None)
                if hit is None:
                    return None
            found = hit
        return found


_Source = tuple[set[URIRef], str]


def _disjoint_clashes(kg: KnowledgeGraph, graph: Graph, ax: _Axioms) -> Iterator[Clash]:
    """Nodes put in two disjoint classes: by ``rdf:type``, or by a property's domain or range."""
    sources: dict[URIRef, list[_Source]] = defaultdict(list)
    known = set(ax.disjoint)
    for s, c in graph.subject_objects(RDF.type):
        if isinstance(s, URIRef) and isinstance(c, URIRef) and known & ax.ancestors(c):
            sources[s].append(({c}, f"typed {node_name(c)}"))
    for prop, domain in graph.subject_objects(RDFS.domain):
        classes = ax.members(domain)
        for s in graph.subjects(prop, None):
            if isinstance(s, URIRef):
                sources[s].append((classes, f"subject of {node_name(prop)}, whose domain is "
                                            f"{_names(classes)}"))
    for prop, range_ in graph.subject_objects(RDFS.range):
        classes = ax.members(range_)
        if not classes or (prop, RDF.type, OWL.DatatypeProperty) in graph:
            continue
        for s, o in graph.subject_objects(prop):
            if isinstance(o, URIRef):
                sources[o].append((classes, f"object of {node_name(prop)} (from {node_name(s)}), "
                                            f"whose range is {_names(classes)}"))
    for node, found in sorted(sources.items()):
        covered: set[str] = set()  # one clash per cause: the first pair that names it
        for i, (a, why_a) in enumerate(found):
            for b, why_b in found[i + 1:]:
                if why_a in covered or why_b in covered:
                    continue
                axiom = ax.clash(a, b)
                if axiom is not None:
                    covered |= {why_a, why_b}
                    yield Clash("disjoint", (node,), (kg.label(node),), axiom,
                                f"{why_a} and {why_b}, which are disjoint")


def _names(classes: set[URIRef]) -> str:
    return " or ".join(sorted(node_name(c) for c in classes))


_POSITIVE = re.compile(r"^\s*\+?0*[1-9][0-9]*\s*$")


def _datatype_clashes(kg: KnowledgeGraph, graph: Graph) -> Iterator[Clash]:
    """Values that cannot be in their data property's range (glocal uses two: positive
    integers and strings)."""
    for prop, range_ in graph.subject_objects(RDFS.range):
        if range_ not in (XSD.positiveInteger, XSD.string):
            continue
        for s, value in graph.subject_objects(prop):
            if not isinstance(value, RDFLiteral) or not isinstance(s, URIRef):
                continue
            if range_ == XSD.positiveInteger:
                bad = (value.datatype not in _INTEGERS or not _POSITIVE.match(str(value)))
            else:
                bad = value.language is not None or value.datatype not in (None, XSD.string)
            if bad:
                yield Clash("datatype", (s,), (kg.label(s),),
                            f"DataPropertyRange({node_name(prop)} {node_name(range_)})",
                            f"{node_name(prop)} has the value {value.n3()}, which is not an "
                            f"{node_name(range_)}")


_INTEGERS = {XSD[n] for n in ("integer", "positiveInteger", "nonNegativeInteger", "int", "long",
                              "short", "byte", "unsignedInt", "unsignedLong", "unsignedShort",
                              "unsignedByte")}


def _functional_clashes(kg: KnowledgeGraph, graph: Graph) -> Iterator[Clash]:
    """Two values of a functional property that the graph declares different."""
    different: set[frozenset[Node]] = set()
    for axiom in graph.subjects(RDF.type, OWL.AllDifferent):
        head = graph.value(axiom, OWL.distinctMembers) or graph.value(axiom, OWL.members)
        items = list(Collection(graph, head)) if head is not None else []
        different |= {frozenset((a, b)) for a in items for b in items if a != b}
    different |= {frozenset(pair) for pair in graph.subject_objects(OWL.differentFrom)}
    for prop in graph.subjects(RDF.type, OWL.FunctionalProperty):
        for s in set(graph.subjects(prop, None)):
            values = sorted(set(graph.objects(s, prop)), key=str)
            pairs = [(a, b) for i, a in enumerate(values) for b in values[i + 1:]
                     if frozenset((a, b)) in different]
            if pairs and isinstance(s, URIRef):
                a, b = pairs[0]
                yield Clash("functional", (s,), (kg.label(s),),
                            f"FunctionalObjectProperty({node_name(prop)})",
                            f"{node_name(prop)} has two values, {node_name(a)} and "
                            f"{node_name(b)}, which are declared different")


def node_name(node: Node) -> str:
    """A node as a CURIE where a prefix fits, else ``<IRI>``; a blank node as ``[]``."""
    if isinstance(node, BNode):
        return "[]"
    short = curie(str(node))
    return short if short != str(node) else f"<{short}>"



def closure(start: Iterable[Any], edges: dict[Any, set[Any]]) -> set[Any]:
    seen: set[Any] = set()
    todo = list(start)
    while todo:
        node = todo.pop()
        for nxt in edges.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
