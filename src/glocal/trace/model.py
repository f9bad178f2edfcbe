"""What a trace, a contributors call and their JSON are made of: frozen dataclasses.

A :class:`Trace` is one path of :class:`Link` steps between :class:`TraceNode` ends; an
``alignedWith`` step carries its :class:`Alignment` (basis, quotes, rationale, approval) and
every node its :class:`Quote` evidence. :mod:`glocal.trace.trace` makes them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib.term import URIRef

from glocal.namespaces import GLOCAL, SDGO, Basis, curie
from glocal.options import MAX_PATHS

__all__ = [
    "ALIGNED_WITH",
    "CONTRIBUTES_TO",
    "IS_TARGET_OF",
    "STATED_IN",
    "Alignment",
    "Contributors",
    "Link",
    "Quote",
    "Trace",
    "TraceNode",
    "Traces",
    "brief",
    "distinct",
]

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
    basis: Basis | None  # None: no basis glocal knows
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
            "from": brief(self.source, lang),
            "relation": curie(self.relation),
            "to": brief(self.target, lang),
            "evidence": [q.to_dict() for q in self.evidence],
        }
        if self.alignment is not None:
            out["alignment"] = self.alignment.to_dict()
        return out


def brief(node: TraceNode, lang: str) -> dict[str, Any]:
    """A node in short, for JSON: IRI, kind, label and notation."""
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
    max_paths: int = MAX_PATHS

    def __iter__(self) -> Iterator[Trace]:
        return iter(self.traces)

    def __len__(self) -> int:
        return len(self.traces)

    def __getitem__(self, index: int) -> Trace:
        return self.traces[index]

    @property
    def sdgs(self) -> tuple[TraceNode, ...]:
        """The SDG goals and targets reached, each once, in path order."""
        return distinct(t.sdg for t in self.traces if t.sdg is not None)

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
    max_paths: int = MAX_PATHS
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


def distinct(nodes: Iterator[TraceNode] | Sequence[TraceNode]) -> tuple[TraceNode, ...]:
    seen: dict[URIRef, TraceNode] = {}
    for n in nodes:
        seen.setdefault(n.iri, n)
    return tuple(seen.values())


# --- the walks ---------------------------------------------------------------------------------
