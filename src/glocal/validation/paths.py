"""SHACL paths and pySHACL's default messages, for the SPARQL engine in
:mod:`glocal.validation.sparql.compile`.

A SHACL path in the shapes graph becomes a SPARQL property path written with full IRIs (each
an rdflib ``.n3()`` of a term taken from the shapes graph), so a query never depends on a prefix.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
...     @prefix ex: <http://example.org/> .
...     [] sh:path ( [ sh:zeroOrMorePath [ sh:inversePath ex:p ] ] ex:q ) .''', format="turtle")
>>> sparql_path(g, next(g.objects(None, SH.path)))
'(((^<http://example.org/p>))*/<http://example.org/q>)'
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import BNode, Node

__all__ = ["Unsupported", "copy_node", "nullable", "sparql_path"]


class Unsupported(Exception):  # noqa: N818 (a signal to fall back, not a failure)
    """A shape uses something the SPARQL engine does not compile; pySHACL must run it."""


_UNARY = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def sparql_path(graph: Graph, node: Node) -> str:
    """The SPARQL property path of the SHACL path ``node``, bracketed unless a single IRI."""
    if isinstance(node, URIRef):
        return node.n3()
    if not isinstance(node, BNode):
        raise Unsupported(f"not a path: {node!r}")
    if (node, RDF.first, None) in graph:
        return "(" + "/".join(sparql_path(graph, i) for i in Collection(graph, node)) + ")"
    kinds = list(graph.predicate_objects(node))
    if len(kinds) != 1:
        raise Unsupported("a path node with more than one kind")
    kind, inner = kinds[0]
    if kind == SH.alternativePath:
        return "(" + "|".join(sparql_path(graph, i) for i in Collection(graph, inner)) + ")"
    if kind == SH.inversePath:
        return f"(^{sparql_path(graph, inner)})"
    if isinstance(kind, URIRef) and kind in _UNARY:
        return f"({sparql_path(graph, inner)}){_UNARY[kind]}"
    raise Unsupported(f"unknown path kind {kind}")


def nullable(graph: Graph, node: Node) -> bool:
    """Whether the SHACL path ``node`` can match a path of length zero (a node to itself)."""
    if isinstance(node, URIRef):
        return False
    if (node, RDF.first, None) in graph:
        return all(nullable(graph, i) for i in Collection(graph, node))
    kind, inner = next(iter(graph.predicate_objects(node)))
    if kind == SH.alternativePath:
        return any(nullable(graph, i) for i in Collection(graph, inner))
    if kind in (SH.zeroOrMorePath, SH.zeroOrOnePath):
        return True
    return nullable(graph, inner)


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
