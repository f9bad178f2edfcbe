"""Coverage (issue 6): which SDGs the documents serve, how complete their goals are, what nothing serves."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import URIRef

import glocal
from glocal.cli import main

T = "https://w3id.org/glocal/id/test/"
FIXTURE = f"""@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sdg: <http://metadata.un.org/sdg/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix t: <{T}> .
t:a-kommun skos:prefLabel "A-kommun"@sv .
t:b-kommun skos:prefLabel "B-kommun"@sv .
t:doc-a a glocal:GoverningDocument ; dcterms:title "Program A"@sv ; dcterms:publisher t:a-kommun .
t:doc-b a glocal:GoverningDocument ; dcterms:title "Strategi B"@sv ; dcterms:publisher t:b-kommun .

t:goal-1 a glocal:Goal ; skos:prefLabel "Mål ett"@sv ; glocal:statedIn t:doc-a ;
    glocal:measuredBy t:indicator-1 ; glocal:alignedWith sdg:17 .
t:indicator-1 a glocal:Indicator ; glocal:statedIn t:doc-a .
t:goal-2 a glocal:Goal ; skos:prefLabel "Mål två"@sv ; glocal:statedIn t:doc-a ;
    glocal:responsible t:a-kommun ; glocal:alignedWith sdg:4.7 .
t:goal-3 a glocal:Goal ; skos:prefLabel "Mål tre"@sv ; glocal:statedIn t:doc-a .
t:activity-1 a glocal:Activity ; skos:prefLabel "Aktivitet ett"@sv ; glocal:statedIn t:doc-a ;
    glocal:contributesTo t:goal-1 .
t:alignment-1 a glocal:SDGAlignment ; glocal:alignmentOf t:goal-1 ; glocal:sdg sdg:17 ;
    glocal:basis glocal:Explicit .
t:alignment-2 a glocal:SDGAlignment ; glocal:alignmentOf t:goal-2 ; glocal:sdg sdg:4.7 ;
    glocal:basis glocal:Interpreted .

t:goal-4 a glocal:Goal ; skos:prefLabel "Mål fyra"@sv ; glocal:statedIn t:doc-b ;
    glocal:alignedWith sdg:11 .
t:responsibility-1 a glocal:Responsibility ; glocal:regards t:goal-4 ; glocal:responsible t:b-kommun .
t:alignment-3 a glocal:SDGAlignment ; glocal:alignmentOf t:goal-4 ; glocal:sdg sdg:11 ;
    glocal:basis glocal:Interpreted .
"""


def node(name: str) -> URIRef:
    return URIRef(T + name)


@pytest.fixture
def fixture(tmp_path: Path) -> Path:
    path = tmp_path / "coverage.ttl"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def test_coverage_says_who_serves_each_sdg_and_on_what_basis(fixture):
    report = glocal.load(fixture).coverage()
    by = {s.notation: s for s in report.sdgs}
    assert list(by) == ["4", "4.7", "11", "17"]
    assert by["17"].goals == (node("goal-1"),)
    assert by["17"].activities == (node("activity-1"),)
    assert by["17"].count(activities=False, basis="explicit") == 1
    assert by["17"].count(activities=True, basis="explicit") == 1
    assert by["4.7"].count(activities=False, basis="interpreted") == 1
    assert by["4"].served_by == by["4.7"].served_by  # a goal counts the work on its targets
    [via] = [x for x in by["17"].served_by if x.node == node("activity-1")]
    assert via.node == node("activity-1")
    assert via.via == node("goal-1")
    assert not via.direct
    served = {"4", "11", "17"}
    assert [s.notation for s in report.unserved] == [str(n) for n in range(1, 18)
                                                     if str(n) not in served]


def test_coverage_gives_each_document_the_share_of_complete_goals(fixture):
    report = glocal.load(fixture).coverage()
    a, b = report.documents
    assert (a.title, a.goals, a.with_activities, a.with_indicators, a.with_responsible,
            a.with_sdgs) == ("Program A", 3, 1, 1, 1, 2)
    assert a.share(a.with_sdgs) == pytest.approx(2 / 3)
    assert (b.title, b.goals, b.with_responsible, b.with_sdgs) == ("Strategi B", 1, 1, 1)


def test_coverage_narrows_to_one_document_or_one_municipality(fixture):
    kg = glocal.load(fixture)
    only_b = kg.coverage(municipality="B-kommun")
    assert [s.notation for s in only_b.sdgs] == ["11"]
    assert [d.title for d in only_b.documents] == ["Strategi B"]
    assert "17" in [s.notation for s in only_b.unserved]
    only_a = kg.coverage(document="Program A")
    assert only_a.document == node("doc-a")
    assert [s.notation for s in only_a.sdgs] == ["4", "4.7", "17"]
    assert [d.title for d in only_a.documents] == ["Program A"]


def test_coverage_and_its_named_queries_agree(fixture):
    kg = glocal.load(fixture)
    for bindings in ({}, {"doc": node("doc-a")}, {"municipality": node("b-kommun")}):
        report = kg.coverage(document=bindings.get("doc"), municipality=bindings.get("municipality"))
        rows = kg.named_query("coverage-sdgs", bindings=bindings)
        assert {(str(s.sdg), str(x.node), str(x.via)) for s in report.sdgs for x in s.served_by
                if x.sdg == s.sdg} == {(str(r["sdg"]), str(r["node"]), str(r["via"])) for r in rows}
        unserved = kg.named_query("coverage-unserved", bindings=bindings)
        assert [s.sdg for s in report.unserved] == [r["goal"] for r in unserved]


def test_the_bundled_coverage_accounts_for_all_seventeen_goals():
    report = glocal.load().coverage()
    goals = {s.notation for s in report.goals_served} | {s.notation for s in report.unserved}
    assert goals == {str(n) for n in range(1, 18)}
    assert "17" in {s.notation for s in report.goals_served}
    assert len(report.documents) == 5
    json.dumps(report.to_dict())


def test_cli_coverage_as_table_json_and_csv(fixture, capsys):
    assert main(["coverage", "--data", str(fixture)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Agenda 2030: 3 av 17 globala mål tjänas (1 med en uttalad koppling)")
    assert "Program A" in out
    assert "1/3" in out
    assert main(["coverage", "--data", str(fixture), "--format", "json",
                 "--municipality", "A-kommun"]) == 0
    assert json.loads(capsys.readouterr().out)["municipality"] == T + "a-kommun"
    assert main(["coverage", "--data", str(fixture), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {"section": "document", "id": T + "doc-a", "name": "Program A",
            "measure": "with_sdgs", "value": "2"} in rows
    assert main(["coverage", "--data", str(fixture), "--document", "no such document"]) == 2


def test_coverage_json_is_the_same_bytes_whatever_the_hash_seed():
    # served_by used to tie on (kind, node, via) across targets, so set order leaked out
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("0", "1", "2"):
        done = subprocess.run([sys.executable, "-m", "glocal.cli", "coverage", "--format", "json"],
                              capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(done.stdout)
    assert len(outputs) == 1
