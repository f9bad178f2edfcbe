"""What the workbook knows before a row is read: labels and definitions from the ontology,
required columns from the shapes, SDG codes, drop-down lists and the known actors.

>>> v = vocabulary()
>>> str(v.sdg_codes["17.10"])
'http://metadata.un.org/sdg/17.10'
>>> arenas = str(GLOCAL.Arenas)
>>> v.concept_label(v.concepts[arenas][0], "sv") in v.concept_labels(arenas, "sv")
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from glocal import resources
from glocal.authoring.spec import Column, Sheet
from glocal.namespaces import ACTOR, GLOCAL, PLAN, SDG
from glocal.rdf.formats import format_for, parse_file
from glocal.rdf.terms import add_ox
from glocal.words import LANGS, Lang

__all__ = ["Vocabulary", "fold", "headers", "slug", "vocabulary"]


def slug(text: str) -> str:
    """A lower-case ASCII slug as docs/modelling.md gives it.

    >>> slug("Region Östergötland – EU-kontor")
    'region-ostergotland-eu-kontor'
    """
    folded = unicodedata.normalize("NFKD", text.lower())
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The reference knowledge the template, the import and the export share."""

    labels: dict[tuple[str, str], str]  # (term, lang) -> label
    definitions: dict[tuple[str, str], str]
    concepts: dict[str, tuple[str, ...]]  # scheme -> concepts in order
    required: frozenset[tuple[str, str]]  # (class, predicate) the shapes require
    sdg_codes: dict[str, URIRef]  # "17", "17.10", "17.10.1" -> IRI
    sdg_titles: dict[str, str]  # code -> English title
    known: dict[str, URIRef]  # slug or prefixed id of an entity in data/actors.ttl -> IRI
    known_names: dict[str, tuple[URIRef, ...]]  # folded name -> entities
    known_iris: frozenset[str]
    municipalities: tuple[str, ...]

    def label(self, term: str, lang: Lang) -> str | None:
        return self.labels.get((term, lang)) or self.labels.get((term, "sv"))

    def concept_label(self, concept: str, lang: Lang) -> str:
        return self.label(concept, lang) or concept.rsplit("#", 1)[-1]

    def concept_labels(self, scheme: str, lang: Lang) -> list[str]:
        return [self.concept_label(c, lang) for c in self.concepts.get(scheme, ())]

    def is_required(self, sheet: Sheet, column: Column) -> bool:
        if column.required:
            return True
        return (sheet.rdf_class is not None and column.predicate is not None
                and (sheet.rdf_class, column.predicate) in self.required)


def _first(graph: Graph, term: URIRef, predicate: URIRef, lang: Lang) -> str | None:
    for value in graph.objects(term, predicate):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return None


def _required(shapes: Graph) -> frozenset[tuple[str, str]]:
    """(class, predicate) pairs with a plain-path ``sh:minCount`` of 1 or more at Violation."""
    found: set[tuple[str, str]] = set()
    for shape in shapes.subjects(SH.minCount, None):
        path = shapes.value(shape, SH.path)
        count = shapes.value(shape, SH.minCount)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        if not isinstance(path, URIRef) or severity != SH.Violation or not count:
            continue
        if not isinstance(count, Literal) or int(count.toPython()) < 1:
            continue
        for target in shapes.objects(shape, SH.targetClass):
            found.add((str(target), str(path)))
    return frozenset(found)


def _concepts(onto: Graph) -> dict[str, tuple[str, ...]]:
    schemes: dict[str, list[str]] = {}
    for concept, scheme in onto.subject_objects(SKOS.inScheme):
        schemes.setdefault(str(scheme), []).append(str(concept))
    for basis in onto.subjects(RDF.type, GLOCAL.AlignmentBasis):
        schemes.setdefault(str(GLOCAL.AlignmentBasis), []).append(str(basis))
    return {k: tuple(sorted(v)) for k, v in schemes.items()}


def _sdg(sdg: Graph) -> tuple[dict[str, URIRef], dict[str, str]]:
    codes: dict[str, URIRef] = {}
    titles: dict[str, str] = {}
    for node, notation in sdg.subject_objects(SKOS.notation):
        if isinstance(node, URIRef) and str(node).startswith(str(SDG)):
            code = str(notation)
            codes[code] = node
            titles[code] = _first(sdg, node, SKOS.prefLabel, "en") or code
    return codes, titles


def _known(actors: Graph) -> tuple[dict[str, URIRef], dict[str, tuple[URIRef, ...]]]:
    known: dict[str, URIRef] = {}
    names: dict[str, set[URIRef]] = {}
    for node in set(actors.subjects(RDF.type, None)):
        if not isinstance(node, URIRef):
            continue
        text = str(node)
        for prefix, ns in (("actor", ACTOR), ("plan", PLAN)):
            if text.startswith(str(ns)):
                local = text[len(str(ns)):]
                known[f"{prefix}:{local}"] = node
                if prefix == "actor":
                    known[local] = node
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for name in actors.objects(node, p):
                names.setdefault(fold(str(name)), set()).add(node)
    return known, {k: tuple(sorted(v)) for k, v in names.items()}


def fold(name: str) -> str:
    """A name as names are matched: case and spacing folded."""
    return " ".join(name.casefold().split())


def _graph(*paths: Path) -> Graph:
    """The bundled files ``paths`` as one rdflib graph, parsed by pyoxigraph (4× faster than
    rdflib's Turtle parser on the SDG graph: an officer's first import or template waits
    for it)."""
    graph = Graph(store="SimpleMemory")
    for path in paths:
        add_ox(graph, parse_file(path, format_for(path), ox.DefaultGraph()))
    return graph


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary of the bundled ontology, shapes, SDG graph and actors (read once)."""
    onto = _graph(resources.ontology_file())
    shapes = _graph(*resources.shape_files())
    sdg = _graph(resources.sdg_file())
    actors = _graph(resources.root() / "data" / "actors.ttl")
    labels: dict[tuple[str, str], str] = {}
    definitions: dict[tuple[str, str], str] = {}
    for term in {t for t in onto.subjects(RDFS.label, None) if isinstance(t, URIRef)}:
        for lang in LANGS:
            label = _first(onto, term, RDFS.label, lang)
            if label:
                labels[(str(term), lang)] = label
            definition = _first(onto, term, SKOS.definition, lang)
            if definition:
                definitions[(str(term), lang)] = definition
    codes, titles = _sdg(sdg)
    known, names = _known(actors)
    municipalities = tuple(sorted(str(m) for m in actors.subjects(RDF.type, GLOCAL.Municipality)))
    return Vocabulary(labels, definitions, _concepts(onto), _required(shapes), codes, titles,
                      known, names, frozenset(str(v) for v in known.values()), municipalities)


def headers(sheet: Sheet, lang: Lang) -> list[str]:
    """The header text of each column of ``sheet`` (without the required mark)."""
    from glocal.words import word

    v = vocabulary()
    out = []
    for col in sheet.columns:
        if col.words:
            out.append(word("workbook." + col.words, lang))
        else:
            label = v.label(str(col.predicate), lang) or col.key
            out.append(label[:1].upper() + label[1:])
    return out

