"""The strategy layer as a networkx graph (issue 6): counts, GraphML round trip, components, centrality."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import glocal
from glocal.trace.network import central_nodes, components, isolated_goals, write_graphml

T = "https://w3id.org/glocal/id/test/"
FIXTURE = f"""@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sdg: <http://metadata.un.org/sdg/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix t: <{T}> .
t:doc a glocal:GoverningDocument ; dcterms:title "Program"@sv .
t:body a org:OrganizationalUnit ; skos:prefLabel "Kommunstyrelsen"@sv .
t:activity-1 a glocal:Activity ; skos:prefLabel "Aktivitet"@sv ; glocal:statedIn t:doc ;
    glocal:contributesTo t:goal-1 ; glocal:responsible t:body .
t:goal-1 a glocal:Goal ; skos:prefLabel "Mål ett"@sv ; glocal:translatedLabel "Goal one"@en ;
    glocal:statedIn t:doc ; glocal:alignedWith sdg:17.17 .
t:alignment-1 a glocal:SDGAlignment ; glocal:alignmentOf t:goal-1 ; glocal:sdg sdg:17.17 ;
    glocal:basis glocal:Interpreted .
t:goal-2 a glocal:Goal ; skos:prefLabel "Ensamt mål"@sv ; glocal:statedIn t:doc .
"""


@pytest.fixture
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    path = tmp_path / "network.ttl"
    path.write_text(FIXTURE, encoding="utf-8")
    return glocal.load(path).to_networkx()


def test_the_network_holds_the_strategy_layer_with_labels_and_kinds(graph):
    assert graph.number_of_nodes() == 7  # activity, 2 goals, body, doc, 17.17, 17
    assert sorted(k for _, _, k in graph.edges(keys=True)) == [
        "alignedWith", "contributesTo", "isTargetOf", "responsible",
        "statedIn", "statedIn", "statedIn"]
    goal = graph.nodes[T + "goal-1"]
    assert (goal["kind"], goal["label"], goal["label_en"]) == ("goal", "Mål ett", "Goal one")
    assert graph.nodes["http://metadata.un.org/sdg/17.17"]["notation"] == "17.17"
    assert graph.edges[T + "goal-1", "http://metadata.un.org/sdg/17.17", "alignedWith"]["basis"] \
        == "interpreted"


def test_isolated_goals_components_and_central_nodes(graph):
    assert isolated_goals(graph) == [T + "goal-2"]
    parts = components(graph)
    assert parts[0] == {T + "activity-1", T + "goal-1", "http://metadata.un.org/sdg/17.17",
                        "http://metadata.un.org/sdg/17"}
    assert {T + "goal-2"} in parts
    [(top, score)] = central_nodes(graph, kinds=frozenset({"goal"}), top=1)
    assert top == T + "goal-1"
    assert score > 0


def test_graphml_round_trips_node_and_edge_counts(graph, tmp_path):
    path = tmp_path / "out" / "strategy.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[T + "goal-1"]["label"] == "Mål ett"
    assert not list(path.parent.glob(".*.tmp"))


def test_the_bundled_network_matches_its_named_query(tmp_path):
    kg = glocal.load()
    graph = kg.to_networkx()
    rows = kg.named_query("trace-network")
    targets = {str(r["to"]) for r in rows if str(r["relation"]).endswith("#alignedWith")}
    target_links = sum(1 for t in targets if "." in t.rsplit("/", 1)[-1])
    assert graph.number_of_edges() == len({(r["from"], r["relation"], r["to"]) for r in rows}) \
        + target_links
    path = tmp_path / "bundled.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(),
                                                                graph.number_of_edges())


def test_the_network_command_lists_isolated_goals_and_writes_graphml(tmp_path, capsys):
    from glocal.cli import main
    from glocal.trace.network import isolated_goals

    graphml = tmp_path / "nät.graphml"
    assert main(["network", "--format", "json", "--top", "3", "--graphml", str(graphml)]) == 0
    shown = json.loads(capsys.readouterr().out)
    graph = glocal.load().to_networkx()
    assert shown["nodes"] == graph.number_of_nodes()
    assert [g["iri"] for g in shown["isolated_goals"]] == isolated_goals(graph)
    assert len(shown["central_nodes"]) == 3
    assert nx.read_graphml(graphml).number_of_nodes() == graph.number_of_nodes()
    assert main(["network", "--lang", "en"]) == 0
    assert "The strategy layer:" in capsys.readouterr().out
