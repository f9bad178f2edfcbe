"""SHACL paths, read once into one model, and pySHACL's default messages.

:func:`read_path` reads a SHACL path of a shapes (or results) graph into a :class:`ShaclPath`;
everything glocal does with a path goes through it: the shapes check (:func:`is_path`), the
SPARQL engine's property paths (:attr:`ShaclPath.sparql`, full IRIs, so a query never depends
on a prefix) and its choice of ``MINUS`` (:attr:`ShaclPath.nullable`), a scoped run's reach
(:attr:`ShaclPath.one_hop`) and the report's path text (:func:`path_text`, CURIEs).

>>> from rdflib import Graph
>>> g = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
...     @prefix glocal: <https://w3id.org/glocal/ontology#> .
...     [] sh:path ( [ sh:zeroOrMorePath [ sh:inversePath glocal:contributesTo ] ]
...                  glocal:measuredBy ) .''', format="turtle")
>>> path = read_path(g, next(g.objects(None, SH.path)))
>>> path.sparql
'(((^<https://w3id.org/glocal/ontology#contributesTo>))*/<https://w3id.org/glocal/ontology#measuredBy>)'
>>> path.text, path.nullable, path.one_hop
('(^glocal:contributesTo)*/glocal:measuredBy', False, False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal as Kind

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import BNode, Node

from glocal.namespaces import curie

__all__ = ["NotAPath", "ShaclPath", "Unsupported", "copy_node", "is_path", "path_text",
           "read_path"]


class Unsupported(Exception):  # noqa: N818 (a signal to fall back, not a failure)
    """A shape uses something the SPARQL engine does not compile; pySHACL must run it."""


class NotAPath(Unsupported):
    """A node that is no well-formed SHACL path (SHACL §2.3.1)."""


PathKind = Kind["predicate", "sequence", "alternative", "inverse", "zeroOrMore", "oneOrMore",
                "zeroOrOne"]
_KINDS: dict[Node, PathKind] = {SH.alternativePath: "alternative", SH.inversePath: "inverse",
                                SH.zeroOrMorePath: "zeroOrMore", SH.oneOrMorePath: "oneOrMore",
                                SH.zeroOrOnePath: "zeroOrOne"}
_SUFFIX = {"zeroOrMore": "*", "oneOrMore": "+", "zeroOrOne": "?"}


@dataclass(frozen=True, slots=True)
class ShaclPath:
    """A SHACL path: a predicate (``iri``), or a sequence or alternative of two or more paths,
    or an inverse or repetition of one (``parts``)."""

    kind: PathKind
    iri: URIRef | None = None
    parts: tuple[ShaclPath, ...] = ()

    @property
    def sparql(self) -> str:
        """The SPARQL property path, bracketed unless a single IRI."""
        inner = [p.sparql for p in self.parts]
        if self.kind == "predicate":
            return str(self.iri.n3()) if self.iri is not None else ""
        if self.kind in ("sequence", "alternative"):
            return "(" + ("/" if self.kind == "sequence" else "|").join(inner) + ")"
        if self.kind == "inverse":
            return f"(^{inner[0]})"
        return f"({inner[0]}){_SUFFIX[self.kind]}"

    @property
    def text(self) -> str:
        """The path in SPARQL property path syntax with CURIEs, brackets only where needed."""
        if self.kind == "predicate":
            return curie(self.iri) if self.iri is not None else ""
        if self.kind in ("sequence", "alternative"):
            return ("/" if self.kind == "sequence" else "|").join(
                p._wrapped(unary=False) for p in self.parts)
        inner = self.parts[0]._wrapped(unary=True)
        return "^" + inner if self.kind == "inverse" else inner + _SUFFIX[self.kind]

    def _wrapped(self, *, unary: bool) -> str:
        if self.kind == "predicate":
            return self.text
        compound = self.kind in ("sequence", "alternative")
        return f"({self.text})" if unary or compound else self.text

    @property
    def nullable(self) -> bool:
        """Whether the path can match a path of length zero (a node to itself)."""
        if self.kind == "predicate":
            return False
        if self.kind == "sequence":
            return all(p.nullable for p in self.parts)
        if self.kind == "alternative":
            return any(p.nullable for p in self.parts)
        return self.kind in ("zeroOrMore", "zeroOrOne") or self.parts[0].nullable

    @property
    def one_hop(self) -> bool:
        """Whether the path is one property, or a choice of properties, from the focus node."""
        return self.kind == "predicate" or (
            self.kind == "alternative" and all(p.kind == "predicate" for p in self.parts))


def read_path(graph: Graph, node: Node, depth: int = 0) -> ShaclPath:
    """The SHACL path ``node`` of ``graph``; :class:`NotAPath` if it is none."""
    if depth > 50:
        raise NotAPath("a path nested more than 50 deep")
    if isinstance(node, URIRef):
        if node == RDF.nil:
            raise NotAPath("rdf:nil is no path")
        return ShaclPath("predicate", node)
    if not isinstance(node, BNode):
        raise NotAPath(f"not a path: {node!r}")
    if (node, RDF.first, None) in graph:
        return ShaclPath("sequence", parts=_list(graph, node, depth))
    kinds = [(_KINDS[p], o) for p, o in graph.predicate_objects(node) if p in _KINDS]
    if len(kinds) != 1:
        raise NotAPath("a path node needs exactly one of sh:inversePath, sh:alternativePath, "
                       "sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath")
    kind, inner = kinds[0]
    if kind == "alternative":
        if (inner, RDF.first, None) not in graph:
            raise NotAPath("sh:alternativePath needs a list of paths")
        return ShaclPath(kind, parts=_list(graph, inner, depth))
    return ShaclPath(kind, parts=(read_path(graph, inner, depth + 1),))


def _list(graph: Graph, node: Node, depth: int) -> tuple[ShaclPath, ...]:
    items = tuple(read_path(graph, i, depth + 1) for i in Collection(graph, node))
    if len(items) < 2:
        raise NotAPath("a sequence or alternative path needs two or more paths")
    return items


def is_path(graph: Graph, node: Node) -> bool:
    """Whether ``node`` is a well-formed SHACL path of ``graph``."""
    try:
        read_path(graph, node)
    except NotAPath:
        return False
    return True


def path_text(graph: Graph, node: Node | None) -> str | None:
    """The path ``node`` as :attr:`ShaclPath.text` (itself as a string if it is no path)."""
    if node is None:
        return None
    try:
        return read_path(graph, node).text
    except NotAPath:
        return str(node)


def copy_node(source: Graph, node: Node, target: Graph, depth: int = 0) -> None:
    """Copy the blank-node description of ``node`` (a path, a list) into ``target``."""
    if not isinstance(node, BNode) or depth > 50:
        return
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        copy_node(source, o, target, depth + 1)


Stringify = Callable[[Node], str]


def generic_message(component: URIRef, shapes: Graph, shape: Node, path: Node | None,
                    parameter: Node, focus: Node, value: Node | None, data: Stringify,
                    shape_text: Stringify) -> Literal:
    """pySHACL's own (English) message for a result of a shape that has no ``sh:message``."""
    name = str(component)[len(str(SH)):]
    p = shape_text(path) if path is not None else None
    if name in ("MinCountConstraintComponent", "MaxCountConstraintComponent"):
        word = "Less" if name.startswith("Min") else "More"
        on = f"{data(focus)}->{p}" if p else data(focus)
        return Literal(f"{word} than {parameter} values on {on}")
    if name == "ClassConstraintComponent":
        classes = list(shapes.objects(shape, SH["class"]))
        if len(classes) < 2:
            return Literal(f"Value does not have class {shape_text(classes[0])}")
        return Literal(f"Value class is not in classes ({', '.join(map(shape_text, classes))})")
    if name == "DatatypeConstraintComponent":
        return Literal(f"Value is not Literal with datatype {shape_text(parameter)}")
    if name == "NodeKindConstraintComponent":
        return Literal(f"Value is not of Node Kind {shape_text(parameter)}")
    if name == "LanguageInConstraintComponent":
        return Literal(f"String language is not in {shape_text(parameter)}")
    if name == "InConstraintComponent":
        listed = [shape_text(i) for i in Collection(shapes, parameter)]
        return Literal(f"Value {data(value) if value is not None else None} not in list {listed}")
    if name == "HasValueConstraintComponent":
        the_set = [shape_text(parameter)]
        if p:
            return Literal(f"Node {data(focus)}->{p} does not contain a value in the set: "
                           f"{the_set}")
        return Literal(f"Node {data(focus)} value is not a in the set of values: {the_set}")
    if name == "EqualsConstraintComponent":
        shown = data(value) if value is not None else None
        return Literal(f"Value of {data(focus)}->{shape_text(parameter)} != {shown}")
    if name in ("QualifiedMinCountConstraintComponent", "QualifiedMaxCountConstraintComponent"):
        count = ""
        for key, label in ((SH.qualifiedMinCount, "MinCount"), (SH.qualifiedMaxCount, "MaxCount")):
            given = shapes.value(shape, key)
            if given is not None:
                count += f" {label} {int(str(given))}"
        return Literal(f"Focus node does not conform to shape{count}: {shape_text(parameter)}")
    shown = data(value) if value is not None else "None"
    if name == "NotConstraintComponent":
        return Literal(f"Node {shown} must not conform to shape {shape_text(parameter)}")
    if name == "OrConstraintComponent":
        items = " , ".join(shape_text(i) for i in Collection(shapes, parameter))
        return Literal(f"Node {shown} must conform to one or more shapes in {items}")
    if name == "UniqueLangConstraintComponent":
        return Literal("More than one String shares the same Language")
    if name == "NodeConstraintComponent":
        return Literal(f"Value does not conform to Shape {shape_text(parameter)}. "
                       "See details for more information.")
    raise Unsupported(f"no default message for {name}")
