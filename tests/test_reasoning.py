"""OWL reasoning (glocal.reasoning.reason): consistency, explanations, inferences, safety, bounds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import OWL, PROV, RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.term import Literal

import glocal
from glocal.errors import InputError, JavaNotFoundError, ReasoningError
from glocal.namespaces import GLOCAL
from glocal.reasoning.reason import OWLREADY, ReasoningResult, _owl2_literals

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "reasoning"
EX = "https://example.org/glocal-test/"
DISJOINT_KINDS = ("DisjointClasses(glocal:PriorityArea glocal:Goal glocal:Strategy "
                  "glocal:Activity glocal:Indicator)")

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="the reasoners need Java")


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


@pytest.fixture(scope="module")
def bundled() -> tuple[glocal.KnowledgeGraph, ReasoningResult]:
    kg = glocal.load()
    return kg, kg.reason()


# ---- the bundled ontology and data -------------------------------------------------------------


def test_the_bundled_ontology_and_data_are_consistent(
    bundled: tuple[glocal.KnowledgeGraph, ReasoningResult],
) -> None:
    kg, result = bundled
    assert result.consistent, [str(c) for c in result.explanation]
    assert result.explanation == ()
    assert result.unsatisfiable == ()
    assert result.reasoner == "hermit"
    assert result.triples == len(kg)


def test_the_bundled_inferences_follow_the_ontology(
    bundled: tuple[glocal.KnowledgeGraph, ReasoningResult],
) -> None:
    """Every document adopted by a body is attributed to it (adoptedBy ⊑ prov:wasAttributedTo),
    and every statement kind is a prov:Entity."""
    kg, result = bundled
    inferred = result.inferred
    adopted = kg.query("""PREFIX glocal: <https://w3id.org/glocal/ontology#>
        SELECT ?d ?a WHERE { ?d glocal:adoptedBy ?a }""")
    assert adopted
    for row in adopted:
        assert (row["d"], PROV.wasAttributedTo, row["a"]) in inferred or kg.ask(
            "ASK { ?d <http://www.w3.org/ns/prov#wasAttributedTo> ?a }", bindings=row)
    goals = kg.query("""PREFIX glocal: <https://w3id.org/glocal/ontology#>
        SELECT ?g WHERE { ?g a glocal:Goal }""")
    assert goals
    assert all((row["g"], RDF.type, PROV.Entity) in inferred for row in goals)
    assert result.facts > 0
    assert not any(p == OWL.sameAs for _, p, _ in inferred)


def test_inferences_merge_into_the_graph(
    bundled: tuple[glocal.KnowledgeGraph, ReasoningResult],
) -> None:
    _, result = bundled
    kg = glocal.load()
    d, _, p = next(iter(result.inferred.triples((None, DCTERMS.references, None))))
    ask = "ASK { ?d <http://purl.org/dc/terms/references> ?p }"
    before = kg.ask(ask, bindings={"d": d, "p": p})
    kg.add_graph(result.inferred, name=result.graph_name)
    assert result.graph_name in kg.graphs()
    assert not before
    assert kg.ask(ask, bindings={"d": d, "p": p})
    rows = kg.query("""PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?activity ?used WHERE { GRAPH ?g { ?g prov:wasGeneratedBy ?activity .
                                                  ?activity a prov:Activity ; prov:used ?used } }""")
    assert {str(r["used"]) for r in rows} >= {"https://w3id.org/glocal/graph/ontology",
                                                "https://w3id.org/glocal/graph/sdg"}


# ---- explanations ------------------------------------------------------------------------------


@pytest.mark.parametrize("reasoner", ["hermit", "pellet"])
def test_a_goal_that_is_an_activity_is_explained(reasoner: str) -> None:
    kg = glocal.load(FIXTURES / "goal-and-activity.ttl")
    result = kg.reason(reasoner=reasoner)  # type: ignore[arg-type]
    assert not result.consistent
    assert len(result.explanation) == 1
    clash = result.explanation[0]
    assert clash.kind == "disjoint"
    assert clash.nodes == (ex("statement-1"),)
    assert clash.labels == ("Ett påstående som är både mål och aktivitet",)
    assert clash.axiom == DISJOINT_KINDS
    assert "typed glocal:Activity" in clash.detail
    assert "typed glocal:Goal" in clash.detail
    assert "Ett påstående som är både mål och aktivitet" in str(clash)
    if reasoner == "pellet":  # Pellet's own explanation comes along
        assert "DisjointClasses" in result.reasoner_output
        assert "statement-1 type Goal" in result.reasoner_output


def test_a_property_used_against_its_range_is_explained() -> None:
    kg = glocal.load(FIXTURES / "against-range.ttl")
    result = kg.reason()
    assert not result.consistent
    [clash] = result.explanation
    assert clash.nodes == (ex("goal-2"),)
    assert clash.labels == ("Fler vänortsbesök",)
    assert clash.axiom == DISJOINT_KINDS
    assert "object of glocal:measuredBy" in clash.detail
    assert "whose range is glocal:Indicator" in clash.detail
    assert "typed glocal:Goal" in clash.detail
    assert result.to_dict()["explanation"][0]["nodes"] == [EX + "goal-2"]


def test_a_value_outside_a_datatype_range_is_explained(tmp_path: Path) -> None:
    data = tmp_path / "position.ttl"
    data.write_text(f"""@prefix glocal: <https://w3id.org/glocal/ontology#> .
        <{EX}goal-1> a glocal:Goal ; glocal:position 0 .""", encoding="utf-8")
    result = glocal.load(data).reason()
    assert not result.consistent
    [clash] = result.explanation
    assert (clash.kind, clash.nodes) == ("datatype", (ex("goal-1"),))
    assert clash.axiom == "DataPropertyRange(glocal:position xsd:positiveInteger)"


# ---- inferred facts ----------------------------------------------------------------------------

#: What the ontology entails about tests/fixtures/reasoning/tiny.ttl, computed by hand.
HAND_COMPUTED = {
    (ex("doc"), RDF.type, PROV.Entity),              # GoverningDocument ⊑ prov:Entity
    (ex("doc"), PROV.wasAttributedTo, ex("council")),  # adoptedBy ⊑ prov:wasAttributedTo
    (ex("doc"), DCTERMS.references, ex("vision")),    # steeredBy ⊑ dcterms:references
    (ex("council"), RDF.type, PROV.Agent),            # range of adoptedBy
    (ex("vision"), RDF.type, GLOCAL.Plan),            # range of steeredBy
    (ex("vision"), RDF.type, PROV.Entity),            # Plan ⊑ prov:Entity
    (ex("goal"), RDF.type, PROV.Entity),              # Goal ⊑ prov:Entity
    (ex("indicator"), RDF.type, GLOCAL.Indicator),    # range of measuredBy
    (ex("indicator"), RDF.type, PROV.Entity),         # Indicator ⊑ prov:Entity
}


@pytest.mark.parametrize("reasoner", ["hermit", "pellet"])
def test_inferred_facts_match_the_hand_computed_ones(reasoner: str) -> None:
    result = glocal.load(FIXTURES / "tiny.ttl").reason(reasoner=reasoner)  # type: ignore[arg-type]
    assert result.consistent
    about_fixture = {t for t in result.inferred if str(t[0]).startswith(EX)}
    assert about_fixture == HAND_COMPUTED
    assert result.facts == len(HAND_COMPUTED)  # nothing about the ontology or SDGs either
    name = URIRef(f"https://w3id.org/glocal/graph/inferred/{reasoner}")
    assert result.graph_name == name
    assert (name, PROV.wasGeneratedBy, URIRef(f"{name}#activity")) in result.inferred


def test_literals_outside_the_owl2_datatype_map_become_strings() -> None:
    g = Graph()
    s, p = ex("a"), ex("p")
    g.add((s, p, Literal("2022-08-17", datatype=XSD.date)))
    g.add((s, p, Literal("2022", datatype=XSD.gYear)))
    g.add((s, p, Literal("3", datatype=XSD.positiveInteger)))
    g.add((s, OWL.imports, ex("elsewhere")))
    assert set(_owl2_literals(g)) == {(s, p, Literal("2022-08-17")), (s, p, Literal("2022")),
                                      (s, p, Literal("3", datatype=XSD.positiveInteger))}


# ---- safety ------------------------------------------------------------------------------------


def test_remote_imports_are_refused_without_any_request(tmp_path: Path, tripwire: object) -> None:
    url = tripwire.url  # type: ignore[attr-defined]
    data = tmp_path / "imports.ttl"
    data.write_text(f"""@prefix owl: <http://www.w3.org/2002/07/owl#> .
        <{EX}ontology> a owl:Ontology ; owl:imports <{url}/evil.owl> .""", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        glocal.load(data).reason()
    assert caught.value.source == "imports.ttl"
    assert "owl:imports" in caught.value.detail
    assert tripwire.requests == []  # type: ignore[attr-defined]


def write_tripwire_module(tmp_path: Path) -> tuple[str, Path]:
    """A Python module that leaves a marker file behind if anything imports it."""
    marker = tmp_path / "imported.marker"
    name = "glocal_tripwire_module_" + os.urandom(4).hex()
    (tmp_path / f"{name}.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('imported')\n",
        encoding="utf-8")
    return name, marker


def python_module_data(path: Path, module: str) -> Path:
    path.write_text(f"""@prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix owlready: <{OWLREADY}> .
        <{EX}ontology> a owl:Ontology ; owlready:python_module "{module}" .""", encoding="utf-8")
    return path


def test_a_python_module_annotation_is_refused_and_never_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module, marker = write_tripwire_module(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    data = python_module_data(tmp_path / "module.ttl", module)
    with pytest.raises(InputError) as caught:
        glocal.load(data).reason()
    assert caught.value.source == "module.ttl"
    assert "python_module" in caught.value.detail
    assert not marker.exists()
    assert module not in sys.modules


def test_the_python_module_tripwire_is_real(tmp_path: Path) -> None:
    """Without glocal's refusal, owlready2 would import the module: the test above means it."""
    module, marker = write_tripwire_module(tmp_path)
    data = python_module_data(tmp_path / "module.ttl", module)
    nt = tmp_path / "module.nt"
    Graph().parse(data).serialize(nt, format="nt", encoding="utf-8")
    code = ("import sys, owlready2; sys.path.insert(0, sys.argv[2]); "
            "owlready2.World().get_ontology(sys.argv[1]).load(format='ntriples')")
    subprocess.run([sys.executable, "-c", code, nt.as_uri(), str(tmp_path)], check=True,
                   capture_output=True, timeout=60)
    assert marker.read_text() == "imported"


# ---- bounds and Java ---------------------------------------------------------------------------


def test_a_graph_above_the_size_limit_is_refused_with_advice() -> None:
    kg = glocal.load(FIXTURES / "tiny.ttl")
    with pytest.raises(ReasoningError) as caught:
        kg.reason(max_triples=100)
    assert "one document at a time" in caught.value.detail
    assert str(len(kg)) in caught.value.detail


def test_a_reasoner_out_of_time_is_stopped() -> None:
    with pytest.raises(ReasoningError) as caught:
        glocal.load(FIXTURES / "tiny.ttl").reason(timeout=0.2)
    assert "did not finish within 0.2 s" in str(caught.value)


def test_missing_java_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JavaNotFoundError) as caught:
        glocal.load(FIXTURES / "tiny.ttl").reason()
    assert "apt-get install default-jre-headless" in str(caught.value)
    assert isinstance(caught.value, ReasoningError)


def test_an_unknown_reasoner_is_refused() -> None:
    with pytest.raises(ReasoningError, match="unknown reasoner"):
        glocal.load(FIXTURES / "tiny.ttl").reason(reasoner="fact++")  # type: ignore[arg-type]


# ---- the command line --------------------------------------------------------------------------

SCRIPT = shutil.which("glocal", path=str(Path(sys.executable).parent)) or shutil.which("glocal")
needs_script = pytest.mark.skipif(SCRIPT is None, reason="the glocal console script is missing")


def glocal_cli(*args: str) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)


@needs_script
def test_cli_reason_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "inferred.ttl"
    done = glocal_cli("reason", str(FIXTURES / "tiny.ttl"), "--materialise", str(out),
                      "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("consistent according to hermit, 9 inferred facts")
    assert (ex("doc"), PROV.wasAttributedTo, ex("council")) in Graph().parse(out)

    bad = glocal_cli("reason", str(FIXTURES / "against-range.ttl"), "--format", "json")
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert report["consistent"] is False
    assert report["explanation"][0]["labels"] == ["Fler vänortsbesök"]

    missing = glocal_cli("reason", "no-such-file.ttl")
    assert missing.returncode == 2
    assert "no-such-file.ttl" in missing.stderr


@needs_script
def test_cli_review_reports_consistency_when_asked() -> None:
    done = glocal_cli("review", str(FIXTURES / "goal-and-activity.ttl"), "--reason",
                      "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "OWL reasoning: INCONSISTENT according to hermit: 1 clash" in done.stdout
    assert "Ett påstående som är både mål och aktivitet" in done.stdout
