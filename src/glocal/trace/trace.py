"""Traceability: from an activity up to the goals and SDGs it serves, and back.

A :class:`Trace` is one path through the strategy layer: ``glocal:contributesTo`` links from a
start node up through strategies, areas and goals, ending where it meets an SDG (an
``glocal:alignedWith`` link backed by a ``glocal:SDGAlignment``, and for a target the goal it
belongs to), where nothing further is served (a *top*), or where it closes a cycle. Every node
carries its label, kind, documents and quotes; every SDG link its basis, quotes and rationale.

Each call reads the graph with ONE query (``trace-graph`` or ``contributors-graph``) and walks
the small subgraph it returns (:mod:`glocal.trace.subgraph`) in Python with an explicit stack: no
recursion limit, cycles reported and never followed twice, and at most ``max_paths`` paths
(diamonds multiply paths).

>>> import glocal
>>> kg = glocal.load()
>>> traces = kg.trace("sdg:17.17")     # an SDG serves nothing further: one top trace, no links
>>> traces[0].end, traces[0].links
('top', ())
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rdflib.term import URIRef

from glocal.errors import NodeNotFoundError
from glocal.namespaces import GLOCAL, curie
from glocal.options import MAX_PATHS
from glocal.store.names import resolve
from glocal.trace.model import (
    CONTRIBUTES_TO,
    Contributors,
    Link,
    Trace,
    TraceNode,
    Traces,
)
from glocal.trace.subgraph import STRATEGY_KINDS, Subgraph, order_key

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["contributors", "trace"]

def _read(kg: KnowledgeGraph, query: str, name: str | URIRef,
          variable: str) -> tuple[Subgraph, URIRef]:
    iri = name if isinstance(name, URIRef) else resolve(kg, name)
    graph = Subgraph(kg.named_query(query, bindings={variable: iri}))
    if not graph.facts.has_subject(iri):
        raise NodeNotFoundError(curie(iri))
    return graph, iri


def trace(kg: KnowledgeGraph, node: str | URIRef, *,
          max_paths: int = MAX_PATHS) -> Traces:
    """Every path from ``node`` up through what it contributes to, to the SDGs it serves.

    ``node`` is an IRI, a CURIE or a label (see :func:`resolve`). At most ``max_paths`` paths
    are listed; ``Traces.truncated`` says when there were more.
    """
    graph, iri = _read(kg, "trace-graph", node, "start")
    start = graph.node(iri)
    out: list[Trace] = []
    path: list[Link] = []  # the links from start to the node of the top frame
    on_path = {iri}
    stack: list[tuple[URIRef, Iterator[URIRef]]] = []  # a node and its successors still to visit

    def emit(links: Sequence[Link], end: str) -> bool:
        out.append(Trace(tuple(links), end, start))
        return len(out) >= max_paths

    def enter(current: URIRef) -> bool:
        successors = graph.successors(current)
        chains = graph.sdg_links(current)
        for chain in chains:
            if emit([*path, *chain], "sdg"):
                return True
        if not successors and not chains:
            return emit(path, "top")
        stack.append((current, iter(successors)))
        return False

    full = enter(iri)
    while stack and not full:
        current, successors = stack[-1]
        nxt = next(successors, None)
        if nxt is None:
            stack.pop()
            if path:
                on_path.discard(path.pop().target.iri)
            continue
        link = Link(graph.node(current), CONTRIBUTES_TO, graph.node(nxt))
        if nxt in on_path:
            full = emit([*path, link], "cycle")
            continue
        path.append(link)
        on_path.add(nxt)
        full = enter(nxt)
    return Traces(start, tuple(out), truncated=full, max_paths=max_paths)


def contributors(kg: KnowledgeGraph, target: str | URIRef, *,
                 max_paths: int = MAX_PATHS) -> Contributors:
    """Every node that serves ``target`` and through which paths.

    ``target`` is an SDG goal or target (``"17.17"``, ``"SDG 17"``, ``"sdg:17"``, an IRI), a
    municipal goal, strategy or area, or a governing document (IRI, CURIE or label).
    """
    graph, iri = _read(kg, "contributors-graph", target, "target")
    goal = graph.node(iri)
    f = graph.facts
    # the last links of the paths, each with the node they start from
    tails: list[tuple[URIRef, tuple[Link, ...], str]] = []
    if goal.is_sdg:
        for x in sorted(f.subjects_of(GLOCAL.alignedWith), key=lambda i: order_key(graph.node(i))):
            for chain in graph.sdg_links(x):
                if chain[0].target.iri == iri:
                    tails.append((x, (chain[0],), "sdg"))
                elif chain[-1].target.iri == iri:
                    tails.append((x, tuple(chain), "sdg"))
    else:
        relation, end = ((GLOCAL.statedIn, "document") if goal.kind == "document"
                         else (GLOCAL.contributesTo, "node"))
        tails = [(x, (Link(graph.node(x), relation, goal),), end)
                 for x in graph.ordered(f.subjects(relation, iri))
                 if end == "node" or graph.node(x).kind in STRATEGY_KINDS]
    out: list[Trace] = []
    order: dict[URIRef, TraceNode] = {}
    for anchor, tail, end in tails:
        order.setdefault(anchor, graph.node(anchor))
        rev: list[Link] = []  # the links before the tail, nearest the tail first
        on_path = {anchor} if goal.is_sdg or end == "document" else {anchor, iri}
        # each frame: [node, its predecessors still to visit, whether the path went on]
        stack: list[list[Any]] = [[anchor, iter(graph.predecessors(anchor)), False]]
        while stack and len(out) < max_paths:
            frame = stack[-1]
            prev = next(frame[1], None)
            if prev is None:
                stack.pop()
                if not frame[2]:
                    out.append(Trace((*reversed(rev), *tail), end, graph.node(frame[0])))
                if rev:
                    on_path.discard(rev.pop().source.iri)
                continue
            frame[2] = True
            link = Link(graph.node(prev), CONTRIBUTES_TO, graph.node(frame[0]))
            if prev in on_path:
                out.append(Trace((link, *reversed(rev), *tail), "cycle", link.source))
                continue
            order.setdefault(prev, graph.node(prev))
            rev.append(link)
            on_path.add(prev)
            stack.append([prev, iter(graph.predecessors(prev)), False])
        if len(out) >= max_paths:
            break
    return Contributors(goal, tuple(out), truncated=len(out) >= max_paths,
                        max_paths=max_paths, _order=tuple(order.values()))
