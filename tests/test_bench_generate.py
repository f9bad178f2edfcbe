"""The benchmark's graph generator (bench/generate.py): deterministic, sized, faults as counted.

Only the generator is tested here; the benchmark itself never runs in the unit tests.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import glocal
from generator import generator

ROOT = Path(__file__).resolve().parent.parent


gen = generator()


@pytest.fixture(scope="module")
def graph_10k(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench") / "national-10k.nt"
    gen.generate(out, triples=10_000, seed=3)
    manifest = json.loads(out.with_name(out.name + ".manifest.json").read_text(encoding="utf-8"))
    return out, manifest


@pytest.fixture(scope="module")
def kg_10k(graph_10k: tuple[Path, dict]) -> glocal.KnowledgeGraph:
    return glocal.load(graph_10k[0])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    gen.generate(tmp_path / "a.nt", triples=20_000, seed=5)
    gen.generate(tmp_path / "b.nt", triples=20_000, seed=5)
    gen.generate(tmp_path / "c.nt", triples=20_000, seed=6)
    assert _digest(tmp_path / "a.nt") == _digest(tmp_path / "b.nt")
    assert _digest(tmp_path / "a.nt") != _digest(tmp_path / "c.nt")


@pytest.mark.parametrize("triples", [10_000, 50_000, 200_000])
def test_size_within_tolerance(tmp_path: Path, triples: int) -> None:
    manifest = gen.generate(tmp_path / "g.nt", triples=triples, seed=1)
    lines = sum(1 for _ in (tmp_path / "g.nt").open(encoding="utf-8"))
    assert manifest.triples == lines
    assert abs(lines - triples) <= 0.1 * triples


def test_municipalities_bound(tmp_path: Path) -> None:
    manifest = gen.generate(tmp_path / "g.nt", triples=50_000, seed=1, municipalities=4)
    assert manifest.municipalities == 4
    assert manifest.documents > 4  # more documents per municipality instead


def test_turtle_and_ntriples_hold_the_same_graph(tmp_path: Path) -> None:
    gen.generate(tmp_path / "g.nt", triples=10_000, seed=2)
    gen.generate(tmp_path / "g.ttl", triples=10_000, seed=2)
    nt, ttl = glocal.load(tmp_path / "g.nt"), glocal.load(tmp_path / "g.ttl")
    assert len(nt) == len(ttl)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) }"
    assert nt.query(count) == ttl.query(count)


def test_loads_with_glocal(graph_10k: tuple[Path, dict], kg_10k: glocal.KnowledgeGraph) -> None:
    _, manifest = graph_10k
    rows = kg_10k.query("""PREFIX glocal: <https://w3id.org/glocal/ontology#>
        SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a glocal:GoverningDocument }""")
    assert int(rows[0]["n"]) == manifest["documents"]
    assert kg_10k.ask("ASK WHERE { ?s ?p ?o }", bindings={"s": URIRef(manifest["sample_activity"])})


def _count(kg: glocal.KnowledgeGraph, query: str, **bindings: Literal) -> int:
    return int(kg.query(query, bindings=bindings or None)[0]["n"])


PREFIXES = """PREFIX glocal: <https://w3id.org/glocal/ontology#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def test_seeded_faults_are_as_counted(graph_10k: tuple[Path, dict],
                                      kg_10k: glocal.KnowledgeGraph) -> None:
    _, manifest = graph_10k
    faults = manifest["faults"]
    assert set(faults) == {"missing_goals", "dangling_sdg_links", "past_revision_dates"}
    missing = _count(kg_10k, PREFIXES + """SELECT (COUNT(DISTINCT ?area) AS ?n) WHERE {
        ?area a glocal:PriorityArea .
        FILTER NOT EXISTS { ?goal a glocal:Goal ; glocal:contributesTo+ ?area } }""")
    dangling = _count(kg_10k, PREFIXES + """SELECT (COUNT(*) AS ?n) WHERE {
        ?node glocal:alignedWith ?sdg .
        FILTER NOT EXISTS { ?sdg a ?kind VALUES ?kind { sdgo:Goal sdgo:Target } } }""")
    past = _count(kg_10k, PREFIXES + """SELECT (COUNT(*) AS ?n) WHERE {
        ?doc glocal:revisionDue ?due FILTER(?due < ?asOf) }""",
                  asOf=Literal(manifest["as_of"], datatype=URIRef(
                      "http://www.w3.org/2001/XMLSchema#date")))
    assert (missing, dangling, past) == (
        faults["missing_goals"], faults["dangling_sdg_links"], faults["past_revision_dates"])


def test_fault_rate_zero_means_no_faults(tmp_path: Path) -> None:
    manifest = gen.generate(tmp_path / "g.nt", triples=20_000, seed=1, fault_rate=0.0)
    assert manifest.faults == {"missing_goals": 0, "dangling_sdg_links": 0,
                               "past_revision_dates": 0}


def test_faults_at_the_stated_rate(tmp_path: Path) -> None:
    manifest = gen.generate(tmp_path / "g.nt", triples=200_000, seed=1, fault_rate=0.1)
    alignments = manifest.counts["SDGAlignment"]
    # each alignment is dangling with probability 0.1
    assert 0.06 * alignments < manifest.faults["dangling_sdg_links"] < 0.14 * alignments


def test_every_statement_is_stated_in_a_document_and_quoted(
        kg_10k: glocal.KnowledgeGraph) -> None:
    unstated = _count(kg_10k, PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT (COUNT(*) AS ?n) WHERE {
          VALUES ?kind { glocal:PriorityArea glocal:Goal glocal:Strategy glocal:Activity
                         glocal:Indicator }
          ?node a ?kind .
          FILTER NOT EXISTS { ?node glocal:statedIn ?doc . ?doc a glocal:GoverningDocument .
                              ?node prov:wasDerivedFrom/oa:exact ?quote } }""")
    assert unstated == 0


def test_interpreted_alignments_have_rationale_and_editors(
        kg_10k: glocal.KnowledgeGraph) -> None:
    bad = _count(kg_10k, PREFIXES + """PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT (COUNT(*) AS ?n) WHERE {
          ?a glocal:basis glocal:Interpreted .
          FILTER NOT EXISTS {
            ?a glocal:rationale ?sv , ?en ;
               prov:wasAttributedTo <https://w3id.org/glocal/id/actor/glocal-editors> .
            FILTER(lang(?sv) = "sv" && lang(?en) = "en") } }""")
    assert bad == 0


def test_bad_output_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"write \.nt"):
        gen.generate(tmp_path / "g.rdf", triples=10_000)


def test_parse_size() -> None:
    assert [gen.parse_size(s) for s in ("10k", "1M", "2.5M", "1234")] == [
        10_000, 1_000_000, 2_500_000, 1234]
