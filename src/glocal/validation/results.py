"""A results graph (``sh:ValidationReport``, either engine's) as what a report says for people
to read: each result with its node's label, its documents, its path as text, its message in
the report's language, its shape's name and group; sorted by document and group.

:mod:`glocal.validation.validate` runs the shapes and calls :func:`findings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import BNode, Node

from glocal.namespaces import SHACL as SH
from glocal.namespaces import curie
from glocal.validation.labels import Labels
from glocal.validation.paths import path_text
from glocal.validation.report import Severity, ValidationResult
from glocal.validation.shapes import _name
from glocal.words import Lang, word

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["findings", "tag_messages"]

_SEVERITY: dict[Node, Severity] = {SH.Violation: "violation", SH.Warning: "warning",
                                   SH.Info: "info"}


def _text(graph: Graph, node: Node, predicate: URIRef, lang: str) -> str | None:
    values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    for wanted in (lang, "en", None):
        for v in values:
            if v.language == wanted:
                return str(v)
    return str(values[0]) if values else None


def _owner(shapes: Graph, shape: Node) -> Node:
    """A named shape for an anonymous property shape: the node shape holding it."""
    if isinstance(shape, URIRef):
        return shape
    return next(iter(shapes.subjects(SH.property, shape)), shape)


def _message(results: Graph, result: Node, shapes: Graph, owners: tuple[Node, Node],
             lang: Lang) -> str:
    """The result's message in ``lang``, else the shape's, else pySHACL's own (English)."""
    if any(getattr(m, "language", None) == lang for m in results.objects(result, SH.resultMessage)):
        return _text(results, result, SH.resultMessage, lang) or ""
    for shape in owners:
        found = _text(shapes, shape, SH.message, lang)
        if found:
            return found
    return _text(results, result, SH.resultMessage, lang) or ""


def tag_messages(results: Graph, shapes: Graph) -> None:
    """Give each result the shape's messages in every language (pySHACL drops the language
    tags of a SPARQL constraint's messages)."""
    for r in set(results.subjects(RDF.type, SH.ValidationResult)):
        messages = list(results.objects(r, SH.resultMessage))
        if all(isinstance(m, Literal) and m.language for m in messages):
            continue
        shape = cast(Node, results.value(r, SH.sourceShape))
        tagged = [m for s in (shape, _owner(shapes, shape)) for m in shapes.objects(s, SH.message)
                  if isinstance(m, Literal) and m.language]
        if tagged:
            results.remove((r, SH.resultMessage, None))
            for m in tagged:
                results.add((r, SH.resultMessage, m))


class _ShapeText:
    """What a report says of each shape: its node shape, name and group (read once a shape)."""

    def __init__(self, shapes: Graph, lang: Lang) -> None:
        self.shapes, self.lang = shapes, lang
        self.seen: dict[Node, tuple[Node, str, Node | None, str, int]] = {}

    def __call__(self, shape: Node) -> tuple[Node, str, Node | None, str, int]:
        if shape not in self.seen:
            shapes, lang = self.shapes, self.lang
            named = _owner(shapes, shape)
            group = shapes.value(shape, SH.group) or shapes.value(named, SH.group)
            order = shapes.value(group, SH.order) if group is not None else None
            self.seen[shape] = (
                named,
                _text(shapes, shape, SH.name, lang) or _text(shapes, named, SH.name, lang)
                or _name(named),
                group,
                (_text(shapes, group, RDFS.label, lang) if group is not None else None)
                or word("validation.other", lang),
                int(order.toPython()) if isinstance(order, Literal) else 99)
        return self.seen[shape]


def findings(kg: KnowledgeGraph, shapes: Graph, results: Graph, lang: Lang,
             nodes: str | None = None) -> list[ValidationResult]:
    details = set(results.objects(None, SH.detail))
    reported = set(results.subjects(RDF.type, SH.ValidationResult)) - details
    labels = Labels(kg, lang, nodes)
    labels.prefetch(n for r in reported for p in (SH.focusNode, SH.value)
                    for n in results.objects(r, p))
    about = _ShapeText(shapes, lang)
    paths: dict[Node | None, str | None] = {}
    out = []
    for r in reported:
        said = dict(results.predicate_objects(r))  # one value each, but for the messages
        focus = said[SH.focusNode]
        shape = said[SH.sourceShape]
        named, shape_name, group, group_label, group_order = about(shape)
        value = said.get(SH.value)
        if value == focus:
            value = None
        path = said.get(SH.resultPath)
        if path not in paths:
            paths[path] = path_text(results, path)
        out.append(ValidationResult(
            focus=cast("URIRef | BNode | Literal", focus),
            label=labels(focus),
            documents=labels.document_refs(focus),
            path=paths[path],
            value=None if value is None else str(value),
            value_label=None if value is None else labels(value),
            severity=_SEVERITY.get(said.get(SH.resultSeverity, SH.Violation), "violation"),
            message=_message(results, r, shapes, (shape, named), lang),
            shape=cast("URIRef | BNode", named),
            shape_name=shape_name,
            component=curie(cast(URIRef, said[SH.sourceConstraintComponent])),
            group=cast("URIRef | BNode | None", group),
            group_label=group_label,
            group_order=group_order,
        ))
    return sorted(out, key=lambda r: (r.documents[0].label if r.documents else "\uffff",
                                      r.group_order, r.severity != "violation",
                                      r.severity == "info", r.label, str(r.focus), r.message))
