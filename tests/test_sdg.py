"""Integrity of the SDG reference graph (data/sdg.ttl) and of the script that builds it."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import DCTERMS, RDF, SKOS, BNode, Graph, Literal, Namespace, URIRef

REPO = Path(__file__).resolve().parent.parent
SDG_TTL = REPO / "data" / "sdg.ttl"
SOURCES = REPO / "data" / "sources" / "sdg"
SCRIPT = REPO / "scripts" / "build_sdg.py"
DOC = REPO / "docs" / "sdg.md"

SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
SCHEMA = Namespace("https://schema.org/")
SCHEME = URIRef("http://metadata.un.org/sdg")

# Indicators the UN repeats under several targets with one IRI (sources/sdg/sdg.csv notes).
SHARED_INDICATORS = {
    "C200303": {"1.5.1", "11.5.1", "13.1.1"},
    "C200304": {"1.5.3", "11.b.1", "13.1.2"},
    "C200305": {"1.5.4", "11.b.2", "13.1.3"},
    "C200202": {"8.4.1", "12.2.1"},
    "C200203": {"8.4.2", "12.2.2"},
    "C200204": {"10.3.1", "16.b.1"},
    "C200205": {"10.6.1", "16.8.1"},
    "C200206": {"15.7.1", "15.c.1"},
    "C200207": {"15.a.1", "15.b.1"},
}
NO_UN_IRI = {"2.2.3", "3.d.2", "4.1.2", "10.4.2", "10.7.3", "10.7.4", "13.2.2", "16.3.3"}


@pytest.fixture(scope="module")
def sdg() -> Graph:
    return Graph().parse(SDG_TTL, format="turtle")


@pytest.fixture(scope="module")
def build() -> ModuleType:
    """scripts/build_sdg.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("build_sdg", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_sdg"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def of_class(g: Graph, cls: URIRef) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def notations(g: Graph, concept: URIRef) -> set[str]:
    return {str(n) for n in g.objects(concept, SKOS.notation)}


def labels(g: Graph, concept: URIRef, predicate: URIRef, lang: str) -> list[str]:
    return [
        str(o)
        for o in g.objects(concept, predicate)
        if isinstance(o, Literal) and o.language == lang
    ]


def test_the_17_goals_are_sdg_1_to_17(sdg: Graph) -> None:
    goals = of_class(sdg, SDGO.Goal)
    assert goals == {SDG[str(n)] for n in range(1, 18)}
    for goal in goals:
        assert notations(sdg, goal) == {goal.removeprefix(str(SDG))}
        assert (goal, RDF.type, SKOS.Concept) in sdg
        assert (goal, SKOS.topConceptOf, SCHEME) in sdg
        assert (SCHEME, SKOS.hasTopConcept, goal) in sdg


def test_169_targets_each_with_exactly_one_goal_that_lists_it(sdg: Graph) -> None:
    targets = of_class(sdg, SDGO.Target)
    assert len(targets) == 169
    for target in targets:
        goals = set(sdg.objects(target, SDGO.isTargetOf))
        assert len(goals) == 1, target
        (goal,) = goals
        assert (goal, RDF.type, SDGO.Goal) in sdg
        assert (goal, SDGO.hasTarget, target) in sdg
        assert set(sdg.objects(target, SKOS.broader)) == {goal}
        assert (goal, SKOS.narrower, target) in sdg
        (code,) = notations(sdg, target)
        assert code.split(".")[0] == goal.removeprefix(str(SDG))
    assert {t for g in of_class(sdg, SDGO.Goal) for t in sdg.objects(g, SDGO.hasTarget)} == targets


def test_every_indicator_has_a_target_that_lists_it(sdg: Graph) -> None:
    for indicator in of_class(sdg, SDGO.Indicator):
        targets = set(sdg.objects(indicator, SDGO.isIndicatorOf))
        assert targets, indicator
        assert set(sdg.objects(indicator, SKOS.broader)) == targets
        for target in targets:
            assert (target, RDF.type, SDGO.Target) in sdg
            assert (target, SDGO.hasIndicator, indicator) in sdg
            assert (target, SKOS.narrower, indicator) in sdg
        # each dotted code lies under one of the indicator's targets
        target_codes = {code for t in targets for code in notations(sdg, t)}
        for code in notations(sdg, indicator):
            assert code.rsplit(".", 1)[0] in target_codes, (indicator, code)


def test_notations_are_unique_except_for_indicators_the_un_shares(sdg: Graph) -> None:
    concepts_of: dict[str, set[URIRef]] = defaultdict(set)
    for concept in sdg.subjects(SKOS.inScheme, SCHEME):
        assert isinstance(concept, URIRef)
        assert notations(sdg, concept), concept
        for code in notations(sdg, concept):
            concepts_of[code].add(concept)
    assert all(len(concepts) == 1 for concepts in concepts_of.values())

    several = {
        c.removeprefix(str(SDG)): notations(sdg, c)
        for c in sdg.subjects(SKOS.inScheme, SCHEME)
        if isinstance(c, URIRef) and len(notations(sdg, c)) > 1
    }
    assert several == SHARED_INDICATORS
    assert all((SDG[local], RDF.type, SDGO.Indicator) in sdg for local in several)


def test_indicators_without_a_un_iri_are_left_out(sdg: Graph) -> None:
    present = {str(n) for n in sdg.objects(None, SKOS.notation)}
    assert not NO_UN_IRI & present
    assert "2.2.2" in present
    assert "16.3.2" in present


def test_every_goal_has_en_and_sv_titles_short_titles_and_a_colour(sdg: Graph) -> None:
    for goal in of_class(sdg, SDGO.Goal):
        for lang in ("en", "sv"):
            assert len(labels(sdg, goal, SKOS.prefLabel, lang)) == 1, (goal, lang)
            assert len(labels(sdg, goal, DCTERMS.alternative, lang)) == 1, (goal, lang)
        (colour,) = sdg.objects(goal, SCHEMA.color)
        assert re.fullmatch(r"#[0-9A-F]{6}", str(colour)), goal
    assert (SDG["1"], SCHEMA.color, Literal("#E5243B")) in sdg
    colours = [str(c) for c in sdg.objects(None, SCHEMA.color)]
    assert len(colours) == len(set(colours)) == 17


def test_at_most_one_preferred_label_per_language(sdg: Graph) -> None:
    for concept in sdg.subjects(SKOS.inScheme, SCHEME):
        assert isinstance(concept, URIRef)
        assert len(labels(sdg, concept, SKOS.prefLabel, "en")) == 1, concept
        assert len(labels(sdg, concept, SKOS.prefLabel, "sv")) <= 1, concept
        langs = {o.language for o in sdg.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)}
        assert langs <= {"en", "sv"}, concept  # no es/fr: the graph stays lean


def test_iris_are_the_uns_without_zero_padding(sdg: Graph) -> None:
    goal_or_target = re.compile(r"[1-9][0-9]?(\.([1-9][0-9]?|[a-z]))?")
    for concept in of_class(sdg, SDGO.Goal) | of_class(sdg, SDGO.Target):
        assert goal_or_target.fullmatch(concept.removeprefix(str(SDG))), concept
    for concept in of_class(sdg, SDGO.Indicator):
        assert re.fullmatch(r"C[0-9]{2}[0-9a-z]{2}[0-9]{2}", concept.removeprefix(str(SDG)))
    subjects = {str(s) for s in sdg.subjects()}
    assert all(s.startswith("http://metadata.un.org/sdg") for s in subjects)
    assert not any("data.un.org/kos" in str(node) for triple in sdg for node in triple)


def test_goal_17_and_target_17_17_read_as_the_un_words_them(sdg: Graph) -> None:
    assert labels(sdg, SDG["17"], SKOS.prefLabel, "en") == [
        "Strengthen the means of implementation and revitalize the Global Partnership for "
        "Sustainable Development"
    ]
    assert labels(sdg, SDG["17"], DCTERMS.alternative, "en") == ["Partnerships for the goals"]
    assert labels(sdg, SDG["17"], DCTERMS.alternative, "sv") == [
        "Genomförande och globalt partnerskap"
    ]
    assert labels(sdg, SDG["17.17"], SKOS.prefLabel, "en") == [
        "Encourage and promote effective public, public-private and civil society partnerships, "
        "building on the experience and resourcing strategies of partnerships"
    ]
    assert (SDG["17"], SDGO.hasTarget, SDG["17.17"]) in sdg
    assert (SDG["17.17"], SDGO.hasIndicator, SDG["C171701"]) in sdg


def test_alternative_wordings(sdg: Graph) -> None:
    assert "Hälsa och välbefinnande" in labels(sdg, SDG["3"], SKOS.altLabel, "sv")
    (goal_4_sv,) = labels(sdg, SDG["4"], SKOS.prefLabel, "sv")
    (variant,) = labels(sdg, SDG["4"], SKOS.altLabel, "sv")
    assert "likvärdig" in goal_4_sv
    assert variant == goal_4_sv.replace("likvärdig", "jämlik")
    # 1.a.1 was replaced in 2020: current title preferred, the KOS one kept as an alternative
    (current,) = labels(sdg, SDG["C010a01"], SKOS.prefLabel, "en")
    (older,) = labels(sdg, SDG["C010a01"], SKOS.altLabel, "en")
    assert current.startswith("Total official development assistance grants")
    assert older.startswith("Proportion of domestically generated resources")
    assert not labels(sdg, SDG["17.17"], SKOS.altLabel, "en")  # same wording: no alternative


def test_doubtful_and_unverified_entries_carry_editorial_notes(sdg: Graph) -> None:
    for local in ("C010a03", "C110c01", "C130302"):  # 1.a.3, 11.c.1, 13.3.2
        assert "likely deleted by 2020 review (verify)" in labels(
            sdg, SDG[local], SKOS.editorialNote, "en"
        )
    unverified = {
        g for g in of_class(sdg, SDGO.Goal)
        if "title_sv unverified" in labels(sdg, g, SKOS.editorialNote, "en")
    }  # fmt: skip
    assert SDG["1"] in unverified
    assert SDG["17"] in unverified
    assert SDG["2"] not in unverified
    assert len(unverified) == 12


def test_links_to_sdgio_and_wikidata(sdg: Graph) -> None:
    matches = {str(o) for o in sdg.objects(SDG["17"], SKOS.exactMatch)}
    assert matches == {
        "http://purl.unep.org/sdg/SDGIO_00000051",
        "http://www.wikidata.org/entity/Q53581254",
    }
    for goal in of_class(sdg, SDGO.Goal):
        assert any("wikidata.org" in str(o) for o in sdg.objects(goal, SKOS.exactMatch)), goal


def test_scheme_carries_the_un_citation_and_licence(sdg: Graph) -> None:
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in sdg
    citation = str(sdg.value(SCHEME, DCTERMS.bibliographicCitation))
    licence = str(sdg.value(SCHEME, DCTERMS.license))
    assert citation.startswith(
        "Amit Joshi, Luis Gonzalez Morales, Szymon Klarman, and Aaron Helton"
    )
    assert licence.endswith(citation)
    assert "MIT" in str(sdg.value(SCHEME, DCTERMS.rights))


def test_the_indicator_count_is_the_one_docs_report(sdg: Graph) -> None:
    reported = re.search(r"(\d+) indicators with a UN IRI", DOC.read_text(encoding="utf-8"))
    assert reported is not None
    assert len(of_class(sdg, SDGO.Indicator)) == int(reported.group(1)) == 232


def test_the_committed_file_is_what_the_build_gives() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_build_is_deterministic_and_blank_node_free(build: ModuleType) -> None:
    first, graph = build.render()
    second, _ = build.render()
    assert first == second == SDG_TTL.read_text(encoding="utf-8")
    committed = Graph().parse(data=first, format="turtle")
    assert set(committed) == set(graph)
    assert not any(isinstance(node, BNode) for triple in committed for node in triple)
    assert not any(isinstance(node, Literal) and node.datatype for t in committed for node in t)


def test_check_reports_a_stale_file(
    build: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "sdg.ttl"
    stale.write_text(SDG_TTL.read_text(encoding="utf-8").replace('"#E5243B"', '"#000000"'))
    monkeypatch.setattr(build, "OUTPUT", stale)
    monkeypatch.setattr(build, "REPO", tmp_path)
    assert build.main(["--check"]) == 1
    assert build.main([]) == 0
    assert stale.read_text(encoding="utf-8") == SDG_TTL.read_text(encoding="utf-8")
    assert build.main(["--check"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["sdg.ttl"]  # no temporary file left


def test_sources_that_disagree_stop_the_build_naming_file_and_line(
    build: ModuleType, tmp_path: Path
) -> None:
    sources = tmp_path / "sdg"
    shutil.copytree(SOURCES, sources)
    csv_path = sources / "sdg.csv"
    text = csv_path.read_bytes().decode("utf-8")
    line = text.splitlines().index(
        next(r for r in text.splitlines() if r.startswith("target,17.17,"))
    )
    csv_path.write_bytes(text.replace("target,17.17,17,", "target,17.17,16,").encode("utf-8"))
    with pytest.raises(build.SourceError) as caught:
        build.render(sources)
    assert caught.value.source == "sdg.csv"
    assert caught.value.line == line + 1
    assert "17.17" in str(caught.value)


def test_sources_match_the_checksums_in_their_readme() -> None:
    readme = (SOURCES / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|$", readme, flags=re.M))
    inputs = {
        str(p.relative_to(SOURCES))
        for p in SOURCES.rglob("*")
        if p.is_file() and p.name != "README.md"
    }
    assert set(listed) == inputs
    for name, digest in listed.items():
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name


def test_glocal_load_includes_the_sdg_graph() -> None:
    import glocal

    kg = glocal.load()
    rows = kg.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        'SELECT ?label WHERE { ?goal skos:notation "17" ; skos:prefLabel ?label . '
        'FILTER (lang(?label) = "sv") }'
    )
    assert [str(row["label"]) for row in rows] == [
        "Stärka genomförandemedlen och återvitalisera det globala partnerskapet för hållbar utveckling"
    ]
