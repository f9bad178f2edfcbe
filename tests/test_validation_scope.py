"""Validating one document or one municipality inside a bigger graph (glocal.validation.scope).

A scoped report must equal the whole graph's report filtered to the results about nodes in
scope: the same results (labels, documents, messages), the same ``conforms``, for every bundled
document and municipality, on a generated national graph, and with both engines.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import SH

import glocal
from generator import generator
from glocal import resources
from glocal.errors import InputError, NodeNotFoundError, ShapesError
from glocal.store.graph import KnowledgeGraph
from glocal.validation.report import ValidationReport
from glocal.validation.scope import narrow, one_hop, scope
from glocal.validation.shapes import _bind_dates, _merge, _read
from glocal.validation.sparql.compile import Compiled
from glocal.validation.validate import _shacl_terms

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = shutil.which("glocal", path=str(Path(sys.executable).parent)) or "glocal"
AS_OF = date(2025, 6, 1)
_DOCS = """PREFIX glocal: <https://w3id.org/glocal/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?doc ?publisher WHERE {
  ?doc a glocal:GoverningDocument OPTIONAL { ?doc dcterms:publisher ?publisher } }"""


def _filtered(full: ValidationReport, nodes: frozenset[object]) -> tuple[object, ...]:
    return tuple(r for r in full.results if r.focus in nodes)


def _conforms(report: ValidationReport) -> bool | None:
    graph = Graph().parse(data=report.graph, format="nt")
    value = next(iter(graph.objects(None, SH.conforms)), None)
    return None if value is None else bool(value.toPython())


def _check_all(kg: KnowledgeGraph, engine: str, full: ValidationReport,
               documents: list[URIRef], municipalities: list[URIRef]) -> int:
    """Each document and each municipality: scoped == full filtered. The number of results
    compared (so a test can show it compared something)."""
    compared = 0
    asked = [{"document": d} for d in documents] + [{"municipality": m} for m in municipalities]
    for kwargs in asked:
        where = scope(kg, **kwargs)
        assert where is not None
        got = kg.validate(as_of=AS_OF, engine=engine, **kwargs)  # type: ignore[arg-type]
        expected = _filtered(full, where.nodes)
        assert got.results == expected, kwargs
        assert got.conforms == (not any(r.severity == "violation" for r in expected))
        assert _conforms(got) == got.conforms
        assert got.engine == full.engine
        compared += len(expected)
    return compared


@pytest.fixture(scope="module")
def bundled() -> KnowledgeGraph:
    return glocal.load()


def _names(kg: KnowledgeGraph) -> tuple[list[URIRef], list[URIRef]]:
    rows = kg.query(_DOCS)
    documents = sorted({URIRef(str(r["doc"])) for r in rows})
    municipalities = sorted({URIRef(str(r["publisher"])) for r in rows if "publisher" in r})
    return documents, municipalities


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
def test_every_bundled_document_and_municipality(bundled: KnowledgeGraph, engine: str) -> None:
    documents, municipalities = _names(bundled)
    assert len(documents) == 5
    assert len(municipalities) >= 4
    full = bundled.validate(as_of=AS_OF, engine=engine)  # type: ignore[arg-type]
    assert full.engine == engine
    assert _check_all(bundled, engine, full, documents, municipalities) > 0


def test_generated_national_graph(tmp_path: Path) -> None:
    gen = generator()
    out = tmp_path / "national.nt"
    gen.generate(out, triples=10_000, seed=5, municipalities=5, fault_rate=0.3)
    kg = glocal.load(out)
    documents, municipalities = _names(kg)
    assert len(documents) > 5
    full = kg.validate(as_of=AS_OF, engine="sparql")
    assert full.counts["violation"] > 0  # the seeded faults: something to filter
    assert _check_all(kg, "sparql", full, documents, municipalities) > 0
    # pySHACL, the reference, on the same graph for one document and one municipality
    reference = kg.validate(as_of=AS_OF, engine="pyshacl")
    assert _check_all(kg, "pyshacl", reference, documents[:1], []) > 0


_SELECTORS = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix ex: <https://example.org/shapes#> .
ex:ShortQuote a sh:NodeShape ;
    sh:targetClass oa:TextQuoteSelector ;
    sh:property [ sh:path oa:exact ; sh:maxCount 0 ] ;
    sh:message "a quote"@en .
"""
# A property shape with a property shape inside: its results are about the value nodes (what a
# goal contributes to), not about the goals the outer shape targets.
_NESTED = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/shapes#> .
ex:ContributesToSomethingWithAnAltLabel a sh:PropertyShape ;
    sh:targetClass glocal:Goal , glocal:Activity ;
    sh:path glocal:contributesTo ;
    sh:property [ sh:path skos:altLabel ; sh:minCount 1 ] ;
    sh:message "no alternative label"@en .
"""


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
@pytest.mark.parametrize("shapes_text", [_SELECTORS, _NESTED], ids=["blank-focus", "nested"])
def test_focus_nodes_of_other_kinds(bundled: KnowledgeGraph, engine: str, shapes_text: str,
                                    tmp_path: Path) -> None:
    """Blank focus nodes (the quotes: a query cannot name them, so the scope reaches them
    through the IRI that links to them, and keeps only its own), and the value nodes a nested
    property shape reports on."""
    shapes = tmp_path / "own.ttl"
    shapes.write_text(shapes_text, encoding="utf-8")
    if shapes_text is _NESTED and engine == "sparql":
        # the SPARQL engine refuses a property shape inside a property shape (docs/validation.md)
        with pytest.raises(ShapesError, match="SPARQL engine cannot run"):
            bundled.validate(shapes=[shapes], as_of=AS_OF, engine="sparql")
        return
    full = bundled.validate(shapes=[shapes], as_of=AS_OF, engine=engine)  # type: ignore[arg-type]
    assert full.engine == engine
    assert len(full.results) > 3
    documents, municipalities = _names(bundled)
    compared = 0
    # pySHACL validates the whole graph for each scope: two documents are enough for it here
    chosen = documents if engine == "sparql" else documents[:2]
    for kwargs in [{"document": d} for d in chosen] + [{"municipality": municipalities[0]}]:
        where = scope(bundled, **kwargs)
        assert where is not None
        assert where.anchors
        got = bundled.validate(shapes=[shapes], as_of=AS_OF, engine=engine,  # type: ignore[arg-type]
                               **kwargs)
        expected = _filtered(full, where.nodes)
        assert len(expected) < len(full.results)
        assert got.results == expected, kwargs
        compared += len(expected)
    assert compared > 0


def test_every_check_of_glocals_shapes_is_narrowed(bundled: KnowledgeGraph) -> None:
    """The speed of a scoped run rests on each compiled check starting from the nodes in
    scope: every one of glocal's checks takes the scope's pattern, in its focus and in each
    MINUS."""
    graph = _merge(_read(resources.shape_files()), _shacl_terms())
    _bind_dates(graph, AS_OF)
    compiled = Compiled(graph)
    where = scope(bundled, document=_names(bundled)[0][0])
    assert where is not None
    for check in compiled.checks:
        narrowed = narrow(check.query, where)
        assert narrowed.count(where.pin) >= 1 + check.query.count("MINUS {"), check.shape
        bundled.query(re.sub(r"@@BAD:[^@]*@@", "true", narrowed))  # it still parses and runs


def test_both_document_and_municipality(bundled: KnowledgeGraph) -> None:
    documents, _ = _names(bundled)
    rows = bundled.query(_DOCS)
    doc = documents[0]
    publisher = next(r["publisher"] for r in rows if r["doc"] == doc and "publisher" in r)
    both = scope(bundled, document=doc, municipality=publisher)
    alone = scope(bundled, document=doc)
    assert both is not None
    assert alone is not None
    assert both.nodes == alone.nodes
    other = next(r["publisher"] for r in rows if r["doc"] != doc and "publisher" in r
                 and not any(s["doc"] == doc and s.get("publisher") == r["publisher"]
                             for s in rows))
    with pytest.raises(InputError, match="does not publish"):
        scope(bundled, document=doc, municipality=other)


def test_names_that_are_not_documents(bundled: KnowledgeGraph) -> None:
    with pytest.raises(NodeNotFoundError):
        bundled.validate(document="no such document")
    with pytest.raises(InputError, match="is not a governing document"):
        bundled.validate(document="actor:nassjo")
    assert scope(bundled) is None


@pytest.mark.parametrize(("args", "needle"), [
    (["--document", "no such document"], "no node named"),
    (["--document", "actor:nassjo"], "is not a governing document"),
    (["--municipality", "actor:eu"], "does not publish"),
])
def test_cli_bad_scope_is_one_line_exit_2(args: list[str], needle: str) -> None:
    done = subprocess.run([SCRIPT, "validate", *args],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert needle in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""


def test_cli_document(bundled: KnowledgeGraph) -> None:
    doc = "gid:tranas/internationellt-arbete"
    done = subprocess.run([SCRIPT, "validate", "--document", doc,
                           "--as-of", "2025-06-01", "--format", "json", "--fail-on", "info"],
                          capture_output=True, text=True, check=False)
    expected = bundled.validate(as_of=AS_OF, document=doc)
    assert done.returncode == (1 if expected.results else 0)
    assert done.stdout.count('"focus"') == len(expected.results) > 0


_FAR_DATATYPE = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/shapes#> .
ex:FarCount a sh:PropertyShape ;
    sh:targetClass glocal:GoverningDocument ;
    sh:path ( dcterms:publisher ex:seat ex:part ex:population ) ;
    sh:datatype xsd:integer ;
    sh:message "not a count"@en .
"""


def test_a_datatype_check_beyond_the_scope(tmp_path: Path) -> None:
    """An ill-typed literal beyond the nodes in scope still fails a scoped run: the search for
    ill-typed literals then reads the whole graph."""
    kg = glocal.load()
    _, municipalities = _names(kg)
    seat = URIRef("urn:example:seat")
    extra = Graph()
    extra.add((municipalities[0], URIRef("https://example.org/shapes#seat"), seat))
    part = URIRef("urn:example:part")
    extra.add((seat, URIRef("https://example.org/shapes#part"), part))
    extra.add((part, URIRef("https://example.org/shapes#population"),
               Literal("many", datatype=XSD.integer)))
    kg.add_graph(extra, name="urn:example:extra")
    shapes = tmp_path / "far.ttl"
    shapes.write_text(_FAR_DATATYPE, encoding="utf-8")
    graph = _merge(_read([shapes]), _shacl_terms())
    assert not one_hop(Compiled(graph))
    full = kg.validate(shapes=[shapes], as_of=AS_OF, engine="sparql")
    assert full.counts["violation"] > 0
    where = scope(kg, municipality=municipalities[0])
    assert where is not None
    assert part not in where.nodes
    got = kg.validate(shapes=[shapes], as_of=AS_OF, engine="sparql",
                      municipality=municipalities[0])
    assert got.results == _filtered(full, where.nodes)
    assert got.counts["violation"] > 0
