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
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import URIRef

from glocal.errors import NodeNotFoundError
from glocal.namespaces import GLOCAL, curie
from glocal.store.graph import KnowledgeGraph
from glocal.store.names import resolve
from glocal.trace.subgraph import (
    ALIGNED_WITH,
    CONTRIBUTES_TO,
    IS_TARGET_OF,
    STRATEGY_KINDS,
    Alignment,
    Link,
    Quote,
    Subgraph,
    TraceNode,
    brief,
    order_key,
)

__all__ = [
    "DEFAULT_MAX_PATHS",
    "Alignment",
    "Contributors",
    "Link",
    "Quote",
    "Trace",
    "TraceNode",
    "Traces",
    "contributors",
    "trace",
]

#: The most paths one call enumerates; a graph of diamonds has exponentially many.
DEFAULT_MAX_PATHS = 10_000


@dataclass(frozen=True, slots=True)
class Trace:
    """One path, its links in order. ``end`` says how it ends.

    ``"sdg"``: at an SDG (the last links are ``alignedWith`` and, for a target,
    ``isTargetOf``); ``"top"``: at a node that serves nothing further; ``"cycle"``: the last
    (for :func:`contributors`, the first) link returns to a node already on the path;
    ``"node"`` / ``"document"``: at the municipal node or document asked about.
    """

    links: tuple[Link, ...]
    end: str
    origin: TraceNode  # the node the path starts from (for a path with no links, the only one)

    @property
    def nodes(self) -> tuple[TraceNode, ...]:
        return (self.origin, *(link.target for link in self.links))

    @property
    def start(self) -> TraceNode:
        return self.origin

    @property
    def cycle(self) -> bool:
        return self.end == "cycle"

    @property
    def alignment_link(self) -> Link | None:
        return next((k for k in self.links if k.relation == ALIGNED_WITH), None)

    @property
    def sdg(self) -> TraceNode | None:
        """The SDG goal or target the path is aligned with, if it reaches one."""
        link = self.alignment_link
        return link.target if link is not None else None

    @property
    def sdg_goal(self) -> TraceNode | None:
        """The SDG goal reached: the aligned goal, or the goal of the aligned target."""
        if self.sdg is None:
            return None
        last = self.links[-1]
        return last.target if last.relation == IS_TARGET_OF else self.sdg

    @property
    def aligned_node(self) -> TraceNode | None:
        """The statement whose alignment the path reaches the SDG through."""
        link = self.alignment_link
        return link.source if link is not None else None

    @property
    def basis(self) -> str | None:
        link = self.alignment_link
        return link.alignment.basis if link is not None and link.alignment else None

    @property
    def explicit(self) -> bool:
        return self.basis == "explicit"

    @property
    def goal(self) -> TraceNode | None:
        """The last municipal goal on the path (``glocal:Goal``), if any."""
        return next((n for n in reversed(self.nodes) if n.kind == "goal"), None)

    @property
    def documents(self) -> tuple[TraceNode, ...]:
        """The documents that state the path's nodes, in path order."""
        seen: dict[URIRef, TraceNode] = {}
        for node in self.nodes:
            for doc in node.documents:
                seen.setdefault(doc.iri, doc)
        return tuple(seen.values())

    def suffix(self, node: URIRef) -> Trace:
        """The part of the path from ``node`` on (for :class:`Contributors`)."""
        for i, n in enumerate(self.nodes):
            if n.iri == node:
                return Trace(self.links[i:], self.end, n)
        raise ValueError(f"{curie(node)} is not on the path")

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        out: dict[str, Any] = {"start": brief(self.origin, lang), "end": self.end,
                               "steps": len(self.links),
                               "links": [k.to_dict(lang) for k in self.links]}
        if self.sdg is not None:
            out["sdg"] = self.sdg.notation or str(self.sdg.iri)
            out["basis"] = self.basis
        return out


@dataclass(frozen=True, slots=True)
class Traces:
    """What :func:`trace` answers: every path from ``start``; iterate it like a list."""

    start: TraceNode
    traces: tuple[Trace, ...]
    truncated: bool = False  # True when ``max_paths`` cut the enumeration short
    max_paths: int = DEFAULT_MAX_PATHS

    def __iter__(self) -> Iterator[Trace]:
        return iter(self.traces)

    def __len__(self) -> int:
        return len(self.traces)

    def __getitem__(self, index: int) -> Trace:
        return self.traces[index]

    @property
    def sdgs(self) -> tuple[TraceNode, ...]:
        """The SDG goals and targets reached, each once, in path order."""
        return _distinct(t.sdg for t in self.traces if t.sdg is not None)

    @property
    def cycles(self) -> tuple[Trace, ...]:
        return tuple(t for t in self.traces if t.cycle)

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        return {"start": self.start.to_dict(lang), "truncated": self.truncated,
                "max_paths": self.max_paths, "traces": [t.to_dict(lang) for t in self.traces]}


@dataclass(frozen=True, slots=True)
class Contributors:
    """What :func:`contributors` answers: every node that serves ``target``, and through what.

    ``traces`` are the longest paths that end at ``target``; every contributor stands on one,
    and each of its paths is a suffix of one (see :meth:`paths`).
    """

    target: TraceNode
    traces: tuple[Trace, ...]
    truncated: bool = False
    max_paths: int = DEFAULT_MAX_PATHS
    _order: tuple[TraceNode, ...] = field(default=(), repr=False, compare=False)

    @property
    def nodes(self) -> tuple[TraceNode, ...]:
        """Every contributing statement, each once, nearest to ``target`` first."""
        return self._order

    def paths(self, node: URIRef) -> tuple[Trace, ...]:
        """The distinct paths from ``node`` to ``target``."""
        out: dict[tuple[URIRef, ...], Trace] = {}
        for t in self.traces:
            if any(n.iri == node for n in t.nodes):
                part = t.suffix(node)
                out.setdefault(tuple(k.target.iri for k in part.links), part)
        return tuple(out.values())

    def __iter__(self) -> Iterator[TraceNode]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        return {"target": self.target.to_dict(lang), "truncated": self.truncated,
                "max_paths": self.max_paths,
                "contributors": [brief(n, lang) for n in self._order],
                "traces": [t.to_dict(lang) for t in self.traces]}


def _distinct(nodes: Iterator[TraceNode] | Sequence[TraceNode]) -> tuple[TraceNode, ...]:
    seen: dict[URIRef, TraceNode] = {}
    for n in nodes:
        seen.setdefault(n.iri, n)
    return tuple(seen.values())


# --- the walks ---------------------------------------------------------------------------------


def _read(kg: KnowledgeGraph, query: str, name: str | URIRef,
          variable: str) -> tuple[Subgraph, URIRef]:
    iri = name if isinstance(name, URIRef) else resolve(kg, name)
    graph = Subgraph(kg.named_query(query, bindings={variable: iri}))
    if not graph.facts.has_subject(iri):
        raise NodeNotFoundError(curie(iri))
    return graph, iri


def trace(kg: KnowledgeGraph, node: str | URIRef, *,
          max_paths: int = DEFAULT_MAX_PATHS) -> Traces:
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
                 max_paths: int = DEFAULT_MAX_PATHS) -> Contributors:
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
