"""Traceability: from an activity up to the goals and SDGs it serves, and back.

A :class:`Trace` is one path through the strategy layer: ``glocal:contributesTo`` links from a
start node up through strategies, areas and goals, ending where it meets an SDG (an
``glocal:alignedWith`` link backed by a ``glocal:SDGAlignment``, and for a target the goal it
belongs to), where nothing further is served (a *top*), or where it closes a cycle. Every node
carries its label, kind, documents and quotes; every SDG link its basis, quotes and rationale.

Each call reads the graph with ONE query (``trace-graph`` or ``contributors-graph``) and walks
the small subgraph it returns in Python with an explicit stack: no recursion limit, cycles
reported and never followed twice, and at most ``max_paths`` paths (diamonds multiply paths).

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

from rdflib import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.namespace import ORG
from rdflib.term import Literal, Node, URIRef

from .errors import NodeNotFoundError
from .names import resolve
from .namespaces import GLOCAL, SDGO, curie, notation_key
from .store import KnowledgeGraph, Row

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

CONTRIBUTES_TO = GLOCAL.contributesTo
ALIGNED_WITH = GLOCAL.alignedWith
STATED_IN = GLOCAL.statedIn
IS_TARGET_OF = SDGO.isTargetOf


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim passage (``oa:exact``) and the document it is quoted from."""

    exact: str
    source: URIRef | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"exact": self.exact, "source": str(self.source) if self.source else None}


@dataclass(frozen=True, slots=True)
class TraceNode:
    """One end of a link: a statement, a document or an SDG, with what a reader needs of it."""

    iri: URIRef
    kind: str
    labels: tuple[tuple[str, str], ...] = ()  # (language tag or "", text), best first
    notation: str | None = None  # an SDG's code, e.g. "17.17"
    documents: tuple[TraceNode, ...] = ()
    quotes: tuple[Quote, ...] = ()
    position: int | None = None

    def label(self, lang: str = "sv") -> str:
        """The best label in ``lang``, else any label, else the CURIE."""
        for tag, text in self.labels:
            if tag == lang:
                return text
        return self.labels[0][1] if self.labels else curie(self.iri)

    @property
    def is_sdg(self) -> bool:
        return self.kind in ("sdg-goal", "sdg-target")

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        out: dict[str, Any] = {"iri": str(self.iri), "kind": self.kind, "label": self.label(lang)}
        if self.notation is not None:
            out["notation"] = self.notation
        if self.documents:
            out["documents"] = [{"iri": str(d.iri), "title": d.label(lang)} for d in self.documents]
        if self.quotes:
            out["quotes"] = [q.to_dict() for q in self.quotes]
        return out


@dataclass(frozen=True, slots=True)
class Alignment:
    """The ``glocal:SDGAlignment`` behind an ``alignedWith`` link: basis, who, and why."""

    iri: URIRef | None  # None: an alignedWith link that no SDGAlignment backs
    sdg: URIRef
    basis: str | None  # "explicit", "interpreted", or None when unknown
    quotes: tuple[Quote, ...] = ()
    rationale: tuple[tuple[str, str], ...] = ()
    attributed_to: tuple[URIRef, ...] = ()
    approved_by: tuple[URIRef, ...] = ()

    @property
    def explicit(self) -> bool:
        return self.basis == "explicit"

    def to_dict(self) -> dict[str, Any]:
        return {
            "iri": str(self.iri) if self.iri else None,
            "sdg": str(self.sdg),
            "basis": self.basis,
            "quotes": [q.to_dict() for q in self.quotes],
            "rationale": {tag or "und": text for tag, text in self.rationale},
            "attributed_to": [str(a) for a in self.attributed_to],
            "approved_by": [str(a) for a in self.approved_by],
        }


@dataclass(frozen=True, slots=True)
class Link:
    """One step: ``source`` —``relation``→ ``target``, with the alignment of an SDG step."""

    source: TraceNode
    relation: URIRef  # glocal:contributesTo, glocal:alignedWith, glocal:statedIn, sdgo:isTargetOf
    target: TraceNode
    alignment: Alignment | None = None

    @property
    def evidence(self) -> tuple[Quote, ...]:
        """The quotes behind the step: the alignment's for an SDG link, else the source's."""
        if self.alignment is not None:
            return self.alignment.quotes
        if self.relation == IS_TARGET_OF:
            return ()
        if self.relation == STATED_IN:
            return tuple(q for q in self.source.quotes if q.source in (None, self.target.iri))
        return self.source.quotes

    def to_dict(self, lang: str = "sv") -> dict[str, Any]:
        out: dict[str, Any] = {
            "from": _brief(self.source, lang),
            "relation": curie(self.relation),
            "to": _brief(self.target, lang),
            "evidence": [q.to_dict() for q in self.evidence],
        }
        if self.alignment is not None:
            out["alignment"] = self.alignment.to_dict()
        return out


def _brief(node: TraceNode, lang: str) -> dict[str, Any]:
    out = {"iri": str(node.iri), "kind": node.kind, "label": node.label(lang)}
    if node.notation is not None:
        out["notation"] = node.notation
    return out


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
        out: dict[str, Any] = {"start": _brief(self.origin, lang), "end": self.end,
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
                "contributors": [_brief(n, lang) for n in self._order],
                "traces": [t.to_dict(lang) for t in self.traces]}


def _distinct(nodes: Iterator[TraceNode] | Sequence[TraceNode]) -> tuple[TraceNode, ...]:
    seen: dict[URIRef, TraceNode] = {}
    for n in nodes:
        seen.setdefault(n.iri, n)
    return tuple(seen.values())


# --- reading the subgraph ----------------------------------------------------------------------

_OA_EXACT = URIRef("http://www.w3.org/ns/oa#exact")
_KINDS = (
    (GLOCAL.Activity, "activity"), (GLOCAL.Strategy, "strategy"), (GLOCAL.Goal, "goal"),
    (GLOCAL.PriorityArea, "area"), (GLOCAL.Purpose, "purpose"), (GLOCAL.Principle, "principle"),
    (GLOCAL.SuccessFactor, "factor"), (GLOCAL.Indicator, "indicator"),
    (GLOCAL.Responsibility, "responsibility"), (GLOCAL.FollowUp, "followup"),
    (GLOCAL.Partnership, "partnership"), (GLOCAL.GoverningDocument, "document"),
    (GLOCAL.Plan, "plan"), (GLOCAL.FundingProgramme, "fund"), (SDGO.Target, "sdg-target"),
    (SDGO.Goal, "sdg-goal"), (ORG.Organization, "actor"), (ORG.FormalOrganization, "actor"),
    (ORG.OrganizationalUnit, "actor"), (ORG.OrganizationalCollaboration, "actor"),
    (GLOCAL.Municipality, "actor"), (PROV.Agent, "actor"),
)
_KIND = dict(reversed(_KINDS))
_KIND_RANK = {iri: i for i, (iri, _) in enumerate(_KINDS)}
#: Label properties, best first (the order ``KnowledgeGraph.label`` uses).
LABELS = (SKOS.prefLabel, DCTERMS.title, GLOCAL.translatedLabel, RDFS.label)


def kind_of(types: Sequence[Node]) -> str:
    """The kind word for a node of these ``rdf:type`` s: ``"activity"``, ``"sdg-target"`` …"""
    known = sorted((t for t in types if isinstance(t, URIRef) and t in _KIND_RANK),
                   key=lambda t: _KIND_RANK[t])
    return _KIND[known[0]] if known else "other"


class Facts:
    """Rows ``?s ?p ?o`` as a tiny two-way index: the subgraph one call reads."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self._out: dict[Node, dict[Node, list[Node]]] = {}
        self._in: dict[tuple[Node, Node], list[Node]] = {}
        for row in rows:
            s, p, o = row["s"], row["p"], row["o"]
            objects = self._out.setdefault(s, {}).setdefault(p, [])
            if o not in objects:
                objects.append(o)
                self._in.setdefault((p, o), []).append(s)

    def has_subject(self, s: Node) -> bool:
        return s in self._out

    def objects(self, s: Node, p: URIRef) -> list[Node]:
        return self._out.get(s, {}).get(p, [])

    def iris(self, s: Node, p: URIRef) -> list[URIRef]:
        return [o for o in self.objects(s, p) if isinstance(o, URIRef)]

    def first(self, s: Node, p: URIRef) -> Node | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def subjects(self, p: URIRef, o: Node) -> list[URIRef]:
        return [s for s in self._in.get((p, o), []) if isinstance(s, URIRef)]

    def subjects_of(self, p: URIRef) -> list[URIRef]:
        return sorted({s for (q, _), ss in self._in.items() if q == p for s in ss
                       if isinstance(s, URIRef)})


class _Graph:
    """The subgraph of one call as nodes, alignments and links, each built once."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.facts = Facts(rows)
        self._nodes: dict[URIRef, TraceNode] = {}

    def node(self, iri: URIRef, *, bare: bool = False) -> TraceNode:
        found = self._nodes.get(iri)
        if found is not None:
            return found
        f = self.facts
        labels = sorted(
            ((rank, _tag_rank(o), o) for rank, p in enumerate(LABELS)
             for o in f.objects(iri, p) if isinstance(o, Literal)),
            key=lambda x: (x[0], x[1], str(x[2])))
        notation = f.first(iri, SKOS.notation)
        position = f.first(iri, GLOCAL.position)
        node = TraceNode(
            iri=iri,
            kind=kind_of(f.objects(iri, RDF.type)),
            labels=tuple((o.language or "", str(o)) for _, _, o in labels),
            notation=str(notation) if notation is not None else None,
            documents=() if bare else tuple(self.node(d, bare=True)
                                            for d in f.iris(iri, GLOCAL.statedIn)),
            quotes=_quotes(f, iri),
            position=int(position.toPython()) if isinstance(position, Literal)
            and str(position).isdigit() else None,
        )
        if not bare:
            self._nodes[iri] = node
        return node

    def successors(self, iri: URIRef) -> list[URIRef]:
        return self._ordered(self.facts.iris(iri, GLOCAL.contributesTo))

    def predecessors(self, iri: URIRef) -> list[URIRef]:
        return self._ordered(self.facts.subjects(GLOCAL.contributesTo, iri))

    def _ordered(self, iris: Sequence[URIRef]) -> list[URIRef]:
        return [n.iri for n in sorted((self.node(i) for i in iris), key=_order_key)]

    def sdg_links(self, iri: URIRef) -> list[list[Link]]:
        """For each ``alignedWith`` link of ``iri`` and each ``SDGAlignment`` behind it:
        [alignedWith], or [alignedWith, isTargetOf] for a target."""
        f = self.facts
        source = self.node(iri)
        out = []
        for sdg in f.iris(iri, GLOCAL.alignedWith):
            records: list[URIRef | None] = [
                a for a in f.subjects(GLOCAL.alignmentOf, iri) if sdg in f.iris(a, GLOCAL.sdg)]
            for a in sorted(records, key=str) or [None]:
                out.append(self._chain(source, sdg, self._alignment(a, sdg)))
        out.sort(key=lambda c: (_natural(c[0].target), str(c[0].alignment and c[0].alignment.iri)))
        return out

    def _alignment(self, a: URIRef | None, sdg: URIRef) -> Alignment:
        if a is None:
            return Alignment(None, sdg, None)
        f = self.facts
        basis = f.first(a, GLOCAL.basis)
        return Alignment(
            iri=a, sdg=sdg, basis=_BASIS.get(basis) if isinstance(basis, URIRef) else None,
            quotes=_quotes(f, a),
            rationale=tuple((o.language or "", str(o)) for o in f.objects(a, GLOCAL.rationale)
                            if isinstance(o, Literal)),
            attributed_to=tuple(f.iris(a, PROV.wasAttributedTo)),
            approved_by=tuple(f.iris(a, GLOCAL.approvedBy)))

    def _chain(self, source: TraceNode, sdg: URIRef, alignment: Alignment) -> list[Link]:
        target = self.node(sdg)
        chain = [Link(source, ALIGNED_WITH, target, alignment)]
        goals = self.facts.iris(sdg, IS_TARGET_OF) or self.facts.subjects(SDGO.hasTarget, sdg)
        if goals and goals[0] != sdg:
            chain.append(Link(target, IS_TARGET_OF, self.node(goals[0])))
        return chain


#: The kinds of the strategy layer: what contributes to a document's goals.
STRATEGY_KINDS = frozenset({"activity", "strategy", "goal", "area"})
_BASIS = {GLOCAL.Explicit: "explicit", GLOCAL.Interpreted: "interpreted"}


def _tag_rank(label: Literal) -> int:
    return {"sv": 0, "en": 1, None: 2}.get(label.language, 3)


def _quotes(facts: Facts, iri: URIRef) -> tuple[Quote, ...]:
    found = set()
    for selector in facts.objects(iri, PROV.wasDerivedFrom):
        source = facts.first(selector, DCTERMS.source)
        for exact in facts.objects(selector, _OA_EXACT):
            found.add(Quote(str(exact), source if isinstance(source, URIRef) else None))
    return tuple(sorted(found, key=lambda q: (str(q.source), q.exact)))


def _natural(node: TraceNode) -> tuple[tuple[int, str], ...]:
    return notation_key(node.notation or str(node.iri))


def _order_key(node: TraceNode) -> tuple[bool, int, str, str]:
    return (node.position is None, node.position or 0, node.label(), str(node.iri))


# --- the walks ---------------------------------------------------------------------------------


def _read(kg: KnowledgeGraph, query: str, name: str | URIRef,
          variable: str) -> tuple[_Graph, URIRef]:
    iri = name if isinstance(name, URIRef) else resolve(kg, name)
    graph = _Graph(kg.named_query(query, bindings={variable: iri}))
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
        for x in sorted(f.subjects_of(GLOCAL.alignedWith), key=lambda i: _order_key(graph.node(i))):
            for chain in graph.sdg_links(x):
                if chain[0].target.iri == iri:
                    tails.append((x, (chain[0],), "sdg"))
                elif chain[-1].target.iri == iri:
                    tails.append((x, tuple(chain), "sdg"))
    else:
        relation, end = ((GLOCAL.statedIn, "document") if goal.kind == "document"
                         else (GLOCAL.contributesTo, "node"))
        tails = [(x, (Link(graph.node(x), relation, goal),), end)
                 for x in graph._ordered(f.subjects(relation, iri))
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
