"""Issue 17: the import validates in the store's own form, and the store gets an rdflib graph
term by term (``kg.add_graph``), every literal as given."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

import glocal
from glocal.authoring import export_workbook, import_workbook
from glocal.errors import InputError
from glocal.namespaces import OA

ROOT = Path(__file__).resolve().parent.parent
TRANAS = "https://w3id.org/glocal/id/tranas/internationellt-arbete"
TRANAS_SOURCE = ROOT / "data" / "sources" / "002_35427d06caa9381f.txt"
EX = "https://example.org/add-graph/"


@pytest.fixture(scope="module")
def no_rationale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Tranås workbook with one interpreted link's rationale removed (a shape fails)."""
    folder = tmp_path_factory.mktemp("import")
    kg = glocal.load()
    try:
        export_workbook(kg.to_rdflib(), TRANAS, folder / "t.xlsx")
    finally:
        kg.close()
    book = openpyxl.load_workbook(folder / "t.xlsx")
    ws = book["Agenda 2030"]
    for cell in ws[1]:
        if str(cell.value or "").removesuffix(" *") in ("Motivering", "Motivering på engelska"):
            ws[f"{cell.column_letter}2"] = None
    book.save(folder / "b.xlsx")
    return folder / "b.xlsx"


def test_the_offsets_are_written_as_web_annotation_gives_them(no_rationale: Path) -> None:
    result = import_workbook(no_rationale, TRANAS_SOURCE)
    offsets = [o for p in (OA.start, OA.end) for o in result.graph.objects(None, p)]
    assert offsets
    assert {o.datatype for o in offsets if isinstance(o, Literal)} == {XSD.nonNegativeInteger}
    assert len(offsets) == 2 * result.quotes


def test_the_import_finds_what_pyshacl_finds_on_the_graph_as_given(
        no_rationale: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glocal.validation.validate as validation

    def refused(*args: object) -> Graph:
        raise AssertionError("the import left glocal's SPARQL engine for pySHACL")

    with monkeypatch.context() as patched:
        patched.setattr(validation, "_in_worker", refused)
        result = import_workbook(no_rationale, TRANAS_SOURCE)
    found = Counter((p.message, p.severity) for p in result.problems)
    assert found  # the missing rationale, at least
    kg = glocal.load(ROOT / "data" / "actors.ttl")
    try:
        kg.add_graph(result.graph, name="https://w3id.org/glocal/graph/import")
        assert kg.backend.rewritten_literals() == 2 * result.quotes  # the offsets, as given
        report = kg.validate(engine="pyshacl")
        # the graph as written validates on the SPARQL engine too: the shapes count the
        # offsets and accept either integer type (validation/sparql/rewritten.py)
        again = kg.validate(engine="auto")
    finally:
        kg.close()
    assert (report.engine, again.engine) == ("pyshacl", "sparql")
    assert again == report
    nodes = {s for s in result.graph.subjects() if isinstance(s, URIRef)}
    expected = Counter((r.message, str(r.severity).capitalize()) for r in report.results
                       if URIRef(str(glocal.namespaces.as_iri(r.focus))) in nodes)
    assert found == expected


def test_add_graph_keeps_every_literal_and_blank_node_as_given() -> None:
    graph = Graph()
    node, blank = URIRef(EX + "a"), BNode("b1")
    given = [Literal("007", datatype=XSD.integer, normalize=False),
             Literal("5", datatype=XSD.nonNegativeInteger), Literal("x", lang="sv"),
             Literal('a "quoted"\nline\\'), Literal("2024-01-01", datatype=XSD.date)]
    for n, value in enumerate(given):
        graph.add((node, URIRef(EX + f"p{n}"), value))
    graph.add((node, URIRef(EX + "b"), blank))
    graph.add((blank, URIRef(EX + "c"), node))
    kg = glocal.load(ROOT / "data" / "actors.ttl")
    try:
        kg.add_graph(iter(graph), name=EX + "g")  # any triples, as the import gives them
        back = {(s, p, o) for q in kg.backend.quads() if str(q.graph_name.value) == EX + "g"
                for s, p, o in [tuple(glocal.rdf.terms.from_ox(t)
                                      for t in (q.subject, q.predicate, q.object))]}
        dumped = kg.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }}")
    finally:
        kg.close()
    assert {str(o) for _, _, o in back if isinstance(o, Literal)} == {str(v) for v in given}
    assert back == set(graph)
    assert len(dumped) == len(graph)


@pytest.mark.parametrize("as_graph", [True, False])
def test_add_graph_names_the_graph_of_an_iri_the_store_cannot_hold(as_graph: bool) -> None:
    """An rdflib graph or a stream of triples: the bad IRI after a good triple, none added."""
    triples = [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("y")),
               (URIRef(EX + "a b"), URIRef(EX + "p"), Literal("x"))]
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    kg = glocal.load(ROOT / "data" / "actors.ttl")
    try:
        with pytest.raises(InputError) as info:
            kg.add_graph(graph if as_graph else iter(triples), name=EX + "g")
        assert (info.value.source, info.value.detail) == (
            EX + "g", "cannot be added: Invalid IRI code point ' '")
        assert len([q for q in kg.backend.quads() if str(q.graph_name.value) == EX + "g"]) == 0
    finally:
        kg.close()
