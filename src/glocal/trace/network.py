"""The strategy layer as a ``networkx.MultiDiGraph``: the one module that imports networkx.

Nodes are statements, documents, actors and SDGs (IRIs as strings) with ``label``,
``label_en``, ``kind`` and ``notation``; edges are keyed by relation (``contributesTo``,
``alignedWith`` with its ``basis``, ``statedIn``, ``responsible``, ``involves``,
``measuredBy``, and ``isTargetOf`` from each SDG target present to its goal).

>>> import glocal
>>> graph = glocal.load().to_networkx()
>>> graph.number_of_nodes() > 0 and all("kind" in d for _, d in graph.nodes(data=True))
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rdflib import RDF, RDFS, SKOS
from rdflib.term import Literal, URIRef

from glocal.namespaces import LABELS, SDGO
from glocal.rdf.formats import write_atomic
from glocal.trace.subgraph import Facts, kind_of

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["LABEL_ATTRIBUTES", "central_nodes", "components", "isolated_goals", "node_label",
           "to_networkx", "write_graphml"]

#: The node attribute that holds a node's label in each language.
LABEL_ATTRIBUTES = {"sv": "label", "en": "label_en"}

#: The relations that make up the means-to-end structure (no documents, no actors).
STRATEGY_RELATIONS = frozenset({"contributesTo", "alignedWith", "isTargetOf"})
_GOAL_KINDS = frozenset({"goal", "area", "strategy"})
#: The label properties trace-network-nodes reads (it reads no rdfs:label).
_NODE_LABELS = tuple(p for p in LABELS if p != RDFS.label)


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph[str]:
    """The strategy layer of ``kg``: two queries (``trace-network``, ``trace-network-nodes``)."""
    facts = Facts(kg.named_query("trace-network-nodes"))
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()

    def add_node(iri: URIRef) -> str:
        key = str(iri)
        if key not in graph:
            labels = [o for p in _NODE_LABELS
                      for o in facts.objects(iri, p) if isinstance(o, Literal)]
            notation = facts.first(iri, SKOS.notation)
            graph.add_node(
                key, kind=kind_of(facts.objects(iri, RDF.type)),
                label=_pick(labels, "sv") or _pick(labels, "en") or key,
                label_en=_pick(labels, "en") or _pick(labels, "sv") or key,
                notation=str(notation) if notation is not None else "",
            )
        return key

    for row in kg.named_query("trace-network"):
        source, relation, target = row["from"], row["relation"], row["to"]
        if not (isinstance(source, URIRef) and isinstance(target, URIRef)
                and isinstance(relation, URIRef)):
            continue
        name = relation.split("#")[-1]
        basis = row.get("basis")
        attrs: dict[str, Any] = {"relation": name}
        if name == "alignedWith":
            attrs["basis"] = (str(basis).split("#")[-1].lower() if isinstance(basis, URIRef)
                              else "unknown")
        graph.add_edge(add_node(source), add_node(target), key=name, **attrs)
    for node in list(graph.nodes):
        for goal in facts.iris(URIRef(node), SDGO.isTargetOf):
            graph.add_edge(node, add_node(goal), key="isTargetOf", relation="isTargetOf")
    return graph


def _pick(labels: list[Literal], lang: str) -> str:
    return next((str(o) for o in labels if o.language == lang), "")


def _strategy_layer(graph: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """The undirected simple graph of the means-to-end links only."""
    layer: nx.Graph[str] = nx.Graph()
    layer.add_nodes_from(n for n, d in graph.nodes(data=True)
                         if d.get("kind") not in ("document", "actor"))
    layer.add_edges_from((u, v) for u, v, k in graph.edges(keys=True)
                         if k in STRATEGY_RELATIONS)
    return layer


def components(graph: nx.MultiDiGraph[str]) -> list[set[str]]:
    """The parts of the strategy layer that no contributesTo or SDG link joins, largest first."""
    parts = [set(c) for c in nx.connected_components(_strategy_layer(graph))]
    return sorted(parts, key=lambda c: (-len(c), min(c)))


def isolated_goals(graph: nx.MultiDiGraph[str]) -> list[str]:
    """Goals, areas and strategies that nothing contributes to, serve nothing and no SDG."""
    layer = _strategy_layer(graph)
    return sorted(n for n, d in graph.nodes(data=True)
                  if d.get("kind") in _GOAL_KINDS and layer.degree(n) == 0)


def central_nodes(graph: nx.MultiDiGraph[str], *, kinds: frozenset[str] | None = None,
                  top: int = 10) -> list[tuple[str, float]]:
    """The ``top`` nodes that connect the most (betweenness centrality, documents left out).

    ``kinds`` limits the answer to, e.g., ``frozenset({"actor"})`` or ``{"goal", "area"}``;
    the centrality itself is computed on the whole graph without documents and statedIn links.
    """
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(n for n, d in graph.nodes(data=True) if d.get("kind") != "document")
    simple.add_edges_from((u, v) for u, v, k in graph.edges(keys=True)
                          if k != "statedIn" and u in simple and v in simple)
    scores = nx.betweenness_centrality(simple)
    ranked = sorted(((n, s) for n, s in scores.items()
                     if kinds is None or graph.nodes[n].get("kind") in kinds),
                    key=lambda x: (-x[1], x[0]))
    return ranked[:top]


def write_graphml(graph: nx.MultiDiGraph[str], path: str | Path) -> None:
    """Write ``graph`` as GraphML (for Gephi or yEd), atomically."""
    write_atomic(path, (line.encode("utf-8") + b"\n" for line in nx.generate_graphml(graph)))


def node_label(graph: nx.MultiDiGraph[str], node: str, lang: str) -> str:
    """The label of ``node`` in ``lang``, else its Swedish label, else its IRI."""
    data = graph.nodes[node]
    return str(data.get(LABEL_ATTRIBUTES.get(lang, "label")) or data.get("label") or node)
