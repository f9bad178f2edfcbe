"""The SPARQL engine (:mod:`glocal.validation.sparql.compile`) gives exactly pySHACL's results.

Each test validates the same graph with ``engine="pyshacl"`` (the reference) and
``engine="sparql"`` and compares every result as a set of (focus, path, value, severity, shape,
component, message) in Swedish and in English, and the counts: on the bundled documents, on each
shape's passing and failing case from ``test_validation.py``, on the fixtures, on shapes with no
``sh:message`` (pySHACL's own English messages), and on generated national graphs with seeded
faults (``bench/generate.py``). ``auto`` picks the SPARQL engine only for shapes it compiles.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import glocal
from glocal import resources
from glocal.errors import ShapesError
from glocal.validation.validate import validate

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "bench"))

from test_validation import CASES, FIXTURES, HEADER  # noqa: E402

AS_OF = date(2025, 6, 1)

#: Shapes with no sh:message, so pySHACL writes its own; every compiled component appears.
PLAIN = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .
ex:Goals a sh:NodeShape ; sh:targetClass glocal:Goal ;
  sh:property [ sh:path glocal:measuredBy ; sh:minCount 2 ; sh:maxCount 1 ] ,
    [ sh:path skos:prefLabel ; sh:languageIn ( "en" ) ; sh:datatype xsd:string ] ,
    [ sh:path ( glocal:statedIn dcterms:publisher ) ; sh:nodeKind sh:BlankNode ;
      sh:class glocal:Goal ] ,
    [ sh:path glocal:contributesTo ; sh:hasValue ex:nothing ; sh:in ( ex:a "b" ) ] ,
    [ sh:path [ sh:inversePath glocal:contributesTo ] ;
      sh:qualifiedValueShape [ sh:class glocal:Activity ] ; sh:qualifiedMinCount 2 ] ;
  sh:not [ sh:class glocal:Goal ] ;
  sh:or ( [ sh:class glocal:Activity ] [ sh:datatype xsd:date ] ) ;
  sh:node [ sh:property [ sh:path glocal:alignedWith ; sh:minCount 1 ] ] .
ex:Docs a sh:PropertyShape ; sh:targetClass glocal:GoverningDocument ; sh:path glocal:owner ;
  sh:equals dcterms:publisher ; sh:severity sh:Info .
ex:Dates a sh:PropertyShape ; sh:targetSubjectsOf dcterms:issued ; sh:path dcterms:issued ;
  sh:datatype xsd:date .
"""


def _key(report: Any) -> set[tuple[Any, ...]]:
    return {(r.focus, r.path, r.value, r.severity, r.shape, r.component, r.message)
            for r in report.results}


def _same(kg: glocal.KnowledgeGraph, *, langs: tuple[str, ...] = ("sv", "en"),
          **options: Any) -> int:
    """Assert both engines agree in each language; the number of results."""
    found = 0
    for lang in langs:
        reference = validate(kg, as_of=AS_OF, lang=lang, engine="pyshacl", **options)
        fast = validate(kg, as_of=AS_OF, lang=lang, engine="sparql", **options)
        assert (reference.engine, fast.engine) == ("pyshacl", "sparql")
        assert _key(fast) == _key(reference)
        assert fast.counts == reference.counts
        assert fast.counts_by_group == reference.counts_by_group
        assert {r.to_dict()["label"] for r in fast.results} == {
            r.to_dict()["label"] for r in reference.results}
        found = len(reference.results)
    return found


def test_bundled_documents() -> None:
    assert _same(glocal.load()) > 100


@pytest.mark.parametrize("shape", sorted(CASES))
def test_each_shape_case(shape: str, tmp_path: Path) -> None:
    path = tmp_path / "case.ttl"
    path.write_text(HEADER + CASES[shape][1], encoding="utf-8")
    kg = glocal.load(path)
    if kg.backend.rewritten_literals() and kg.validate().engine == "pyshacl":
        # the store keeps these literals in another form ("0"^^xsd:nonNegativeInteger as an
        # xsd:integer) where the shapes could tell: the SPARQL engine steps aside and auto
        # runs pySHACL on the data as given
        with pytest.raises(ShapesError, match="another form than they were given"):
            kg.validate(engine="sparql")
        assert shape not in _ALIKE
        return
    # the offsets' shapes count them and accept either integer type: the engine runs on the
    # store's form (validation/sparql/rewritten.py), with pySHACL's results
    assert bool(kg.backend.rewritten_literals()) == (shape in _ALIKE)
    assert _same(kg, langs=("sv",)) > 0


_ALIKE = frozenset({"PositionStart", "PositionEnd"})  # the cases whose rewritten literals the shapes see alike


@pytest.mark.parametrize("extra", [("own-shape.ttl",), ("deactivate.ttl", "own-shape.ttl")])
def test_fixtures_with_the_bundled_shapes(extra: tuple[str, ...]) -> None:
    shapes = [*resources.shape_files(), *(FIXTURES / n for n in extra)]
    assert _same(glocal.load(), langs=("sv",), shapes=shapes) > 0


def test_pyshacl_default_messages(tmp_path: Path) -> None:
    shapes = tmp_path / "plain.ttl"
    shapes.write_text(PLAIN, encoding="utf-8")
    data = tmp_path / "data.ttl"
    data.write_text(HEADER + 't:doc dcterms:issued "2020-02-30"^^xsd:date .\n'
                    't:doc2 dcterms:issued "2020-02-03"^^xsd:date .\n', encoding="utf-8")
    kg = glocal.load(*resources.data_files(), data)
    assert _same(kg, langs=("en",), shapes=[shapes]) > 100


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Path]:
    from generate import generate, parse_size  # type: ignore[import-not-found]

    out = {}
    folder = tmp_path_factory.mktemp("generated")
    for size in ("10k", "30k"):
        for seed in (1, 2):
            path = folder / f"national-{size}-{seed}.nt"
            manifest = generate(path, triples=parse_size(size), seed=seed)
            assert sum(manifest.faults.values()) > 0
            out[size, seed] = path
    return out


@pytest.mark.parametrize(("size", "seed", "langs"), [
    ("10k", 1, ("sv", "en")), ("10k", 2, ("sv", "en")), ("30k", 1, ("sv",)), ("30k", 2, ("sv",))])
def test_generated_graphs_with_seeded_faults(generated: dict[tuple[str, int], Path], size: str,
                                             seed: int, langs: tuple[str, ...]) -> None:
    kg = glocal.load(generated[size, seed])
    report = validate(kg, as_of=AS_OF, engine="sparql")
    assert report.counts["violation"] > 0  # the seeded dangling SDG links
    assert _same(kg, langs=langs) > 0


# --- choosing the engine ---------------------------------------------------------------------


def test_auto_picks_sparql_for_glocals_shapes() -> None:
    assert glocal.load().validate(as_of=AS_OF).engine == "sparql"


@pytest.mark.parametrize("constraint", ['sh:pattern "^[A-Z]"', "sh:closed true"])
def test_auto_falls_back_to_pyshacl_for_what_it_does_not_compile(
        constraint: str, tmp_path: Path) -> None:
    shapes = tmp_path / "user.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix glocal: <https://w3id.org/glocal/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<http://example.org/S> a sh:NodeShape ; sh:targetClass glocal:Goal ;\n"
        f"  sh:property [ sh:path skos:prefLabel ; {constraint} ] .\n", encoding="utf-8")
    kg = glocal.load()
    report = validate(kg, shapes=[*resources.shape_files(), shapes], as_of=AS_OF)
    assert report.engine == "pyshacl"
    with pytest.raises(ShapesError, match="the SPARQL engine cannot run these shapes"):
        validate(kg, shapes=[shapes], as_of=AS_OF, engine="sparql")


def test_sparql_engine_refuses_service_and_stops_at_the_time_limit() -> None:
    kg = glocal.load()
    with pytest.raises(ShapesError, match="SERVICE is refused"):
        validate(kg, shapes=[*resources.shape_files(), FIXTURES / "service.ttl"],
                 engine="sparql")
    with pytest.raises(ShapesError, match="did not finish within 1e-09 seconds"):
        validate(kg, as_of=AS_OF, engine="sparql", timeout=1e-9)
