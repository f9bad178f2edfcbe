"""Traceability (issue 6): paths up to the SDGs and back, on hand-built shapes and the bundled data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef

import glocal
from conftest import ROOT
from glocal.cli import main
from glocal.errors import AmbiguousNodeError, NodeNotFoundError
from glocal.namespaces import GLOCAL, SDG, SDGO
from glocal.quotes import contains

T = "https://w3id.org/glocal/id/test/"
HEAD = f"""@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sdg: <http://metadata.un.org/sdg/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix t: <{T}> .
t:doc a glocal:GoverningDocument ; dcterms:title "Testprogram"@sv .
"""


def node(name: str) -> URIRef:
    return URIRef(T + name)


def load(tmp_path: Path, body: str, name: str = "fixture.ttl") -> glocal.KnowledgeGraph:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return glocal.load(path)


def statement(name: str, kind: str, label: str, *links: str) -> str:
    extra = "".join(f" ;\n    {link}" for link in links)
    return (f't:{name} a glocal:{kind} ; skos:prefLabel "{label}"@sv ; glocal:statedIn t:doc ;\n'
            f'    prov:wasDerivedFrom [ oa:exact "{label}." ; dcterms:source t:doc ]{extra} .\n')


def alignment(name: str, of: str, sdg: str, basis: str, quote: str) -> str:
    return (f"t:{name} a glocal:SDGAlignment ; glocal:alignmentOf t:{of} ; glocal:sdg sdg:{sdg} ;\n"
            f"    glocal:basis glocal:{basis} ;\n"
            f'    prov:wasDerivedFrom [ oa:exact "{quote}" ; dcterms:source t:doc ] .\n'
            f"t:{of} glocal:alignedWith sdg:{sdg} .\n")


CHAIN = (statement("activity-1", "Activity", "Vi bygger nätverk", "glocal:contributesTo t:strategy-1")
         + statement("strategy-1", "Strategy", "Samverka i regionen",
                     "glocal:contributesTo t:goal-1")
         + statement("goal-1", "Goal", "Öka samverkan med omvärlden")
         + alignment("alignment-1", "goal-1", "17", "Explicit", "mål 17 partnerskap")
         + alignment("alignment-2", "strategy-1", "17.17", "Interpreted", "Samverka i regionen"))


def path_of(trace: glocal.trace.Trace) -> list[str]:  # type: ignore[name-defined]
    return [n.iri.removeprefix(T).removeprefix(str(SDG)) for n in trace.nodes]


# --- hand-built shapes ---------------------------------------------------------------------------


def test_a_chain_leads_to_its_goal_and_to_the_sdgs_at_goal_and_target_level(tmp_path):
    kg = load(tmp_path, CHAIN)
    traces = kg.trace(node("activity-1"))
    assert [(path_of(t), t.end, t.basis) for t in traces] == [
        (["activity-1", "strategy-1", "17.17", "17"], "sdg", "interpreted"),
        (["activity-1", "strategy-1", "goal-1", "17"], "sdg", "explicit"),
    ]
    target, goal = traces
    assert [k.relation for k in target.links] == [GLOCAL.contributesTo, GLOCAL.alignedWith,
                                                  SDGO.isTargetOf]
    assert target.sdg.notation == "17.17"
    assert target.sdg_goal.notation == "17"
    assert target.aligned_node.iri == node("strategy-1")
    assert goal.sdg.iri == SDG["17"]
    assert goal.sdg_goal is goal.sdg
    assert goal.explicit
    assert goal.goal.label() == "Öka samverkan med omvärlden"
    assert goal.origin.kind == "activity"
    assert goal.links[1].target.kind == "goal"
    assert [q.exact for q in goal.alignment_link.evidence] == ["mål 17 partnerskap"]
    assert [q.exact for q in goal.links[0].evidence] == ["Vi bygger nätverk."]
    assert [d.label() for d in goal.documents] == ["Testprogram"]
    assert [s.notation for s in traces.sdgs] == ["17.17", "17"]
    assert not traces.truncated
    assert not traces.cycles


def test_a_node_that_serves_nothing_further_has_one_top_trace(tmp_path):
    kg = load(tmp_path, statement("activity-1", "Activity", "Ensam", "glocal:contributesTo t:goal-1")
              + statement("goal-1", "Goal", "Inget globalt mål"))
    [only] = kg.trace(node("activity-1"))
    assert only.end == "top"
    assert path_of(only) == ["activity-1", "goal-1"]
    assert only.sdg is None
    [alone] = kg.trace(node("goal-1"))
    assert alone.end == "top"
    assert alone.links == ()
    assert path_of(alone) == ["goal-1"]


def diamond(layers: int) -> str:
    """n0 → a_i, b_i → n_i+1 for each layer: 2**layers paths from n0 to the last node."""
    body = ""
    for i in range(layers):
        body += statement(f"n{i}", "Goal", f"Nod {i}", f"glocal:contributesTo t:a{i}, t:b{i}")
        for side in "ab":
            body += statement(f"{side}{i}", "Goal", f"Sida {side}{i}",
                              f"glocal:contributesTo t:n{i + 1}")
    body += statement(f"n{layers}", "Goal", "Toppen")
    return body + alignment("alignment-1", f"n{layers}", "4", "Interpreted", "Toppen")


def test_a_diamond_gives_both_paths_and_its_contributors_stand_on_them(tmp_path):
    kg = load(tmp_path, diamond(1))
    traces = kg.trace(node("n0"))
    assert [path_of(t) for t in traces] == [["n0", "a0", "n1", "4"], ["n0", "b0", "n1", "4"]]
    found = kg.contributors("SDG 4")
    assert {n.iri for n in found.nodes} == {node(n) for n in ("n1", "a0", "b0", "n0")}
    assert found.nodes[0].iri == node("n1")  # the aligned node, nearest the target, first
    assert [path_of(t) for t in found.traces] == [["n0", "a0", "n1", "4"], ["n0", "b0", "n1", "4"]]
    assert [path_of(p) for p in found.paths(node("a0"))] == [["a0", "n1", "4"]]
    assert len(found.paths(node("n0"))) == 2


def test_paths_that_explode_on_diamonds_stop_at_max_paths_and_say_so(tmp_path):
    kg = load(tmp_path, diamond(20))  # 2**20 paths
    traces = kg.trace(node("n0"), max_paths=50)
    assert len(traces) == 50
    assert traces.truncated
    assert traces.max_paths == 50
    found = kg.contributors(SDG["4"], max_paths=50)
    assert len(found.traces) == 50
    assert found.truncated
    assert not kg.trace(node("n19")).truncated


CYCLE = (statement("a", "Goal", "A", "glocal:contributesTo t:b")
         + statement("b", "Goal", "B", "glocal:contributesTo t:c")
         + statement("c", "Goal", "C", "glocal:contributesTo t:a")
         + alignment("alignment-1", "c", "5", "Interpreted", "C"))


def test_a_cycle_is_reported_and_never_followed_twice(tmp_path):
    kg = load(tmp_path, CYCLE)
    traces = kg.trace(node("a"))
    assert [(path_of(t), t.end) for t in traces] == [
        (["a", "b", "c", "5"], "sdg"), (["a", "b", "c", "a"], "cycle")]
    assert traces.cycles == (traces[1],)
    assert traces[1].cycle
    found = kg.contributors("sdg:5")
    assert {n.iri for n in found.nodes} == {node("a"), node("b"), node("c")}
    assert [(path_of(t), t.end) for t in found.traces] == [(["c", "a", "b", "c", "5"], "cycle")]
    assert [path_of(p) for p in found.paths(node("b"))] == [["b", "c", "5"]]


def test_a_chain_of_ten_thousand_steps_needs_no_recursion(tmp_path):
    n = 10_000
    lines = [f"t:n{i} glocal:contributesTo t:n{i + 1} ." for i in range(n)]
    body = "\n".join(lines) + "\n" + alignment("alignment-1", f"n{n}", "17.17", "Explicit", "slut")
    kg = load(tmp_path, body)
    [only] = kg.trace(node("n0"))
    assert only.end == "sdg"
    assert len(only.links) == n + 2
    assert only.sdg_goal.notation == "17"
    found = kg.contributors("17.17")
    assert len(found.nodes) == n + 1
    assert len(found.traces) == 1
    assert found.traces[0].origin.iri == node("n0")


def test_contributors_of_a_municipal_goal_and_of_a_document(tmp_path):
    kg = load(tmp_path, CHAIN)
    to_goal = kg.contributors("Öka samverkan med omvärlden")
    assert to_goal.target.iri == node("goal-1")
    assert [path_of(t) for t in to_goal.traces] == [["activity-1", "strategy-1", "goal-1"]]
    assert to_goal.traces[0].end == "node"
    to_doc = kg.contributors(node("doc"))
    assert {n.iri for n in to_doc.nodes} == {node("activity-1"), node("strategy-1"), node("goal-1")}
    assert {t.end for t in to_doc.traces} == {"document"}
    assert all(t.links[-1].relation == GLOCAL.statedIn for t in to_doc.traces)


def test_an_sdg_goal_counts_the_work_on_its_targets(tmp_path):
    kg = load(tmp_path, CHAIN)
    to_goal = kg.contributors("SDG 17")
    assert {(path_of(t)[0], t.sdg.notation) for t in to_goal.traces} == {
        ("activity-1", "17.17"), ("activity-1", "17")}
    to_target = kg.contributors("17.17")
    assert [path_of(t) for t in to_target.traces] == [["activity-1", "strategy-1", "17.17"]]


# --- names ---------------------------------------------------------------------------------------


def test_a_node_is_named_by_iri_curie_sdg_code_or_label_in_any_case(tmp_path):
    kg = load(tmp_path, CHAIN + 't:goal-1 glocal:translatedLabel "Increase cooperation"@en .\n')
    goal = node("goal-1")
    assert kg.resolve(goal) == goal
    assert kg.resolve(str(goal)) == goal
    assert kg.resolve("gid:test/goal-1") == goal
    assert kg.resolve("öka SAMVERKAN med omvärlden") == goal
    assert kg.resolve("increase cooperation") == goal
    for name in ("17.17", "SDG 17.17", "sdg:17.17", "http://metadata.un.org/sdg/17.17"):
        assert kg.resolve(name) == SDG["17.17"], name
    assert kg.resolve("SDG 17") == SDG["17"]


def test_an_ambiguous_label_lists_its_candidates(tmp_path):
    kg = load(tmp_path, statement("goal-1", "Goal", "Samma") + statement("goal-2", "Goal", "samma"))
    with pytest.raises(AmbiguousNodeError) as caught:
        kg.trace("SAMMA")
    assert caught.value.name == "SAMMA"
    assert len(caught.value.candidates) == 2
    assert "gid:test/goal-1" in caught.value.candidates[0]
    assert "gid:test/goal-2" in str(caught.value)


def test_an_unknown_name_says_so_and_suggests_near_matches(tmp_path):
    kg = load(tmp_path, CHAIN)
    with pytest.raises(NodeNotFoundError) as caught:
        kg.trace("Öka samverkn med omvärlden")
    assert caught.value.name == "Öka samverkn med omvärlden"
    assert any("gid:test/goal-1" in s for s in caught.value.suggestions)
    with pytest.raises(NodeNotFoundError):
        kg.trace("gid:test/no-such-node")
    with pytest.raises(NodeNotFoundError):
        kg.contributors("SDG 99")
    with pytest.raises(NodeNotFoundError):
        kg.trace(node("no-such-node"))


# --- the API and the named queries agree ---------------------------------------------------------


def sdg_answer_of(traces) -> set[tuple[str, str, str | None]]:
    return {(str(t.aligned_node.iri), str(t.sdg.iri), t.basis) for t in traces if t.sdg}


def query_sdgs(kg, start: URIRef) -> set[tuple[str, str, str | None]]:
    rows = kg.named_query("trace-sdgs", bindings={"start": start})
    return {(str(r["via"]), str(r["sdg"]),
             str(r["basis"]).split("#")[-1].lower() if "basis" in r else None) for r in rows}


def steps_of(traces) -> set[tuple[str, str]]:
    return {(str(k.source.iri), str(k.target.iri)) for t in traces for k in t.links
            if k.relation == GLOCAL.contributesTo}


def query_steps(kg, start: URIRef) -> set[tuple[str, str]]:
    return {(str(r["from"]), str(r["to"]))
            for r in kg.named_query("trace-steps", bindings={"start": start})}


def contributor_pairs(found) -> set[tuple[str, str]]:
    """(contributor, the statement its path ends with) for every node on every path."""
    out = set()
    for t in found.traces:
        end = next((i for i, k in enumerate(t.links) if k.relation == GLOCAL.alignedWith),
                   len(t.links) - 1)
        last = t.links[end].source
        out |= {(str(n.iri), str(last.iri)) for n in t.nodes[: end + 1]}
    return out


@pytest.mark.parametrize("fixture", [CHAIN, CYCLE, diamond(3)])
def test_trace_and_its_named_queries_agree(tmp_path, fixture):
    kg = load(tmp_path, fixture)
    for row in kg.query(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{T}')) "
                        "FILTER(?p = <https://w3id.org/glocal/ontology#statedIn>) }"):
        start = row["s"]
        traces = kg.trace(start)
        assert sdg_answer_of(traces) == query_sdgs(kg, start), start
        assert steps_of(traces) == query_steps(kg, start), start


@pytest.mark.parametrize("fixture", [CHAIN, CYCLE, diamond(3)])
def test_contributors_and_their_named_queries_agree(tmp_path, fixture):
    kg = load(tmp_path, fixture)
    for sdg in ("4", "5", "17", "17.17"):
        found = kg.contributors(SDG[sdg])
        rows = kg.named_query("contributors-sdg", bindings={"sdg": SDG[sdg]})
        assert contributor_pairs(found) == {(str(r["contributor"]), str(r["via"])) for r in rows}
    for goal in ("goal-1", "n3", "c"):
        if kg.ask("ASK { ?g ?p ?o }", bindings={"g": node(goal)}):
            found = kg.contributors(node(goal))
            rows = kg.named_query("contributors-goal", bindings={"goal": node(goal)})
            assert {n.iri for n in found.nodes} == {r["contributor"] for r in rows}
    found = kg.contributors(node("doc"))
    rows = kg.named_query("contributors-document", bindings={"doc": node("doc")})
    assert {n.iri for n in found.nodes} == {r["contributor"] for r in rows}


# --- the bundled documents -----------------------------------------------------------------------

FIN = "https://w3id.org/glocal/id/finspang/internationellt-program/"


@pytest.fixture(scope="module")
def bundled() -> glocal.KnowledgeGraph:
    return glocal.load()


def test_an_activity_of_finspangs_programme_leads_to_its_goal_and_to_sdg_17(bundled):
    traces = bundled.trace(URIRef(FIN + "activity-28"))
    via_goal = [t for t in traces if len(t.links) == 2 and t.links[0].target.iri == URIRef(FIN + "goal-7")]
    assert len(via_goal) == 1
    [trace] = via_goal
    assert trace.origin.label() == "Vi medverkar i lokalt hållbarhetsnätverk med civilsamhälle och näringsliv"
    assert trace.goal.label() == "mål 17 Genomförande och partnerskap"
    assert trace.sdg.iri == SDG["17"]
    assert trace.explicit
    assert [d.iri for d in trace.documents] == [URIRef("https://w3id.org/glocal/id/finspang/internationellt-program")]
    source = (ROOT / "data/sources/000_063182793bb327c4.txt").read_text(encoding="utf-8")
    quotes = [q.exact for k in trace.links for q in k.evidence]
    assert quotes
    assert all(contains(source, q) for q in quotes)


def test_contributors_of_sdg_17_include_finspangs_goal_and_its_activities(bundled):
    found = bundled.contributors("17")
    names = {n.iri for n in found.nodes}
    assert {URIRef(FIN + "goal-7"), URIRef(FIN + "activity-28")} <= names
    rows = bundled.named_query("contributors-sdg", bindings={"sdg": SDG["17"]})
    assert names == {r["contributor"] for r in rows}


def test_every_bundled_statement_traces_as_its_named_queries_say(bundled):
    rows = bundled.query("""PREFIX glocal: <https://w3id.org/glocal/ontology#>
        SELECT DISTINCT ?s WHERE { VALUES ?c { glocal:Activity glocal:Strategy glocal:Goal
                                                 glocal:PriorityArea } ?s a ?c }""")
    assert rows
    for row in rows:
        traces = bundled.trace(row["s"])
        assert not traces.truncated
        assert sdg_answer_of(traces) == query_sdgs(bundled, row["s"]), row["s"]
        assert steps_of(traces) == query_steps(bundled, row["s"]), row["s"]
        json.dumps(traces.to_dict())


# --- the command line ----------------------------------------------------------------------------


def test_cli_trace_reads_like_an_explanation(tmp_path, capsys):
    path = tmp_path / "fixture.ttl"
    path.write_text(HEAD + CHAIN, encoding="utf-8")
    assert main(["trace", "Vi bygger nätverk", "--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Aktivitet: Vi bygger nätverk"
    assert "bidrar till Strategi: Samverka i regionen" in out
    assert "tjänar Globalt mål 17:" in out
    assert "uttalad: ”mål 17 partnerskap”" in out
    assert "Delmål 17.17" in out
    assert "tolkad" in out
    assert main(["trace", "gid:test/activity-1", "--data", str(path), "--lang", "en",
                 "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert [t["basis"] for t in answer["traces"]] == ["interpreted", "explicit"]
    assert main(["trace", "gid:test/activity-1", "--data", str(path), "--format", "table"]) == 0
    assert "Vi bygger nätverk → Samverka i regionen" in capsys.readouterr().out


def test_cli_contributors_and_unknown_or_ambiguous_names(tmp_path, capsys):
    path = tmp_path / "fixture.ttl"
    path.write_text(HEAD + CHAIN + statement("x", "Goal", "Vi bygger nätverk"), encoding="utf-8")
    assert main(["contributors", "17.17", "--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Delmål 17.17:")
    assert "Strategi: Samverka i regionen — tolkad" in out
    assert "Aktivitet: Vi bygger nätverk" in out
    assert main(["trace", "vi bygger nätverk", "--data", str(path)]) == 2
    err = capsys.readouterr().err
    assert "names 2 nodes" in err
    assert "gid:test/activity-1" in err
    assert "gid:test/x" in err
    assert main(["trace", "Vi bygger natverk!", "--data", str(path)]) == 2
    assert "Did you mean" in capsys.readouterr().err
