"""Coverage: which SDGs the governing documents serve, and how complete their goals are.

Three named queries answer it, and any SPARQL 1.1 store gives the same answer:
``coverage-sdgs`` (who serves each SDG goal and target), ``coverage-documents`` (the share of
each document's goals with an activity, an indicator, a responsible body and an SDG) and
``coverage-unserved`` (the SDG goals nothing serves). The library reads the last from the
rows of the first and the list of goals (``sdg-goals``) instead of walking the graph again.

>>> import glocal
>>> report = glocal.load().coverage()
>>> len(report.sdgs) + len(report.unserved) >= 17
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib.term import Literal, Node, URIRef

from glocal.namespaces import BASES, Basis, basis_of, notation_key
from glocal.trace.subgraph import STRATEGY_KINDS, kind_of

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["CoverageReport", "DocumentCoverage", "SDGCoverage", "Served", "coverage"]



@dataclass(frozen=True, slots=True)
class Served:
    """One statement serving an SDG: aligned with it itself, or contributing to one that is."""

    node: URIRef
    kind: str  # "activity", "strategy", "goal", "area", or another kind of statement
    via: URIRef  # the aligned statement (``node`` itself when it is aligned directly)
    sdg: URIRef  # the SDG goal or target the alignment names
    basis: Basis | None  # None: the alignment names no basis glocal knows

    @property
    def direct(self) -> bool:
        return self.node == self.via

    def to_dict(self) -> dict[str, Any]:
        return {"node": str(self.node), "kind": self.kind, "via": str(self.via),
                "sdg": str(self.sdg), "basis": self.basis}


@dataclass(frozen=True, slots=True)
class SDGCoverage:
    """One SDG goal or target and every statement that serves it (a goal counts its targets)."""

    sdg: URIRef
    notation: str
    label: str
    served_by: tuple[Served, ...]

    @property
    def is_goal(self) -> bool:
        return "." not in self.notation

    def _nodes(self, *, activities: bool, basis: str | None = None) -> tuple[URIRef, ...]:
        """Distinct statements; a statement with an explicit route counts as explicit."""
        best: dict[URIRef, Basis | None] = {}
        for s in self.served_by:
            if (s.kind == "activity") == activities and best.get(s.node) != "explicit":
                best[s.node] = s.basis
        return tuple(n for n, b in best.items() if basis is None or b == basis)

    @property
    def goals(self) -> tuple[URIRef, ...]:
        """The goals, areas, strategies and other statements (not activities) that serve it."""
        return self._nodes(activities=False)

    @property
    def activities(self) -> tuple[URIRef, ...]:
        return self._nodes(activities=True)

    def count(self, *, activities: bool, basis: str) -> int:
        """How many goals (or activities) serve it on ``basis`` ("explicit"/"interpreted")."""
        return len(self._nodes(activities=activities, basis=basis))

    def to_dict(self) -> dict[str, Any]:
        return {
            "sdg": str(self.sdg), "notation": self.notation, "label": self.label,
            "goals": {b: self.count(activities=False, basis=b) for b in BASES},
            "activities": {b: self.count(activities=True, basis=b) for b in BASES},
            "served_by": [s.to_dict() for s in self.served_by],
        }


@dataclass(frozen=True, slots=True)
class DocumentCoverage:
    """One governing document: its goals and how many have activities, indicators, …"""

    document: URIRef
    title: str
    goals: int
    with_activities: int
    with_indicators: int
    with_responsible: int
    with_sdgs: int

    def share(self, count: int) -> float | None:
        """``count`` as a share of the goals; None for a document with no goals."""
        return count / self.goals if self.goals else None

    def to_dict(self) -> dict[str, Any]:
        counts = {"with_activities": self.with_activities, "with_indicators": self.with_indicators,
                  "with_responsible": self.with_responsible, "with_sdgs": self.with_sdgs}
        return {"document": str(self.document), "title": self.title, "goals": self.goals,
                **counts, "shares": {k: self.share(v) for k, v in counts.items()}}


@dataclass(frozen=True, slots=True)
class CoverageReport:
    """What :func:`coverage` answers, for the whole graph or the documents asked about."""

    sdgs: tuple[SDGCoverage, ...]  # every SDG goal and target served, in UN order
    documents: tuple[DocumentCoverage, ...]
    unserved: tuple[SDGCoverage, ...]  # the SDG goals nothing serves (served_by is empty)
    document: URIRef | None = None
    municipality: URIRef | None = None

    @property
    def goals_served(self) -> tuple[SDGCoverage, ...]:
        return tuple(s for s in self.sdgs if s.is_goal)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": str(self.document) if self.document else None,
            "municipality": str(self.municipality) if self.municipality else None,
            "sdgs": [s.to_dict() for s in self.sdgs],
            "documents": [d.to_dict() for d in self.documents],
            "unserved": [{"sdg": str(s.sdg), "notation": s.notation, "label": s.label}
                         for s in self.unserved],
        }


def coverage(kg: KnowledgeGraph, *, document: str | URIRef | None = None,
             municipality: str | URIRef | None = None) -> CoverageReport:
    """Which SDG goals and targets are served, by what, and how complete each document is.

    ``document`` and ``municipality`` (IRI, CURIE or label) narrow it to the statements of
    one document, or of the documents one municipality publishes.
    """
    bindings: dict[str, Node] = {}
    doc = kg.resolve(document) if document is not None else None
    place = kg.resolve(municipality) if municipality is not None else None
    if doc is not None:
        bindings["doc"] = doc
    if place is not None:
        bindings["municipality"] = place
    rows = kg.named_query("coverage-sdgs", bindings=bindings)
    types: dict[Node, list[Node]] = {}
    for row in rows:
        found = types.setdefault(row["node"], [])
        if "type" in row:
            found.append(row["type"])
    by_types: dict[tuple[Node, ...], str] = {}  # 41k nodes, a dozen type sets: 4x faster
    kinds = {}
    for node, found in types.items():
        key = tuple(found)
        kind = by_types.get(key)
        if kind is None:
            kind = by_types[key] = kind_of(found)
        kinds[node] = kind
    served: dict[URIRef, set[Served]] = {}
    notations: dict[URIRef, str] = {}
    for row in rows:
        sdg, node, via = row["sdg"], row["node"], row["via"]
        if not (isinstance(sdg, URIRef) and isinstance(node, URIRef) and isinstance(via, URIRef)):
            continue
        basis = row.get("basis")
        item = Served(node, kinds[node], via, sdg, basis_of(basis))
        served.setdefault(sdg, set()).add(item)
        if sdg not in notations:
            notations[sdg] = str(row.get("notation", sdg))
        goal = row.get("goal")
        if isinstance(goal, URIRef):
            served.setdefault(goal, set()).add(item)
    goals = kg.named_query("sdg-goals")
    for row in goals:
        notations.setdefault(row["goal"], str(row["notation"]))  # type: ignore[arg-type]
    for sdg in served.keys() - notations.keys():
        notations[sdg] = _notation(kg, sdg)
    sdgs = tuple(sorted(
        (SDGCoverage(s, notations[s], kg.label(s), tuple(sorted(items, key=_served_key)))
         for s, items in served.items()),
        key=lambda c: notation_key(c.notation)))
    documents = tuple(
        DocumentCoverage(
            document=r["doc"], title=str(r.get("name", "")) or kg.label(r["doc"]),
            goals=_int(r.get("goals")), with_activities=_int(r.get("withActivities")),
            with_indicators=_int(r.get("withIndicators")),
            with_responsible=_int(r.get("withResponsible")), with_sdgs=_int(r.get("withSdgs")))
        for r in kg.named_query("coverage-documents", bindings=bindings)
        if isinstance(r["doc"], URIRef) and (doc is None or r["doc"] == doc))
    # the goals nothing serves: what coverage-unserved answers, from the rows already read
    unserved = tuple(
        SDGCoverage(r["goal"], str(r["notation"]), str(r.get("label", "")) or
                    kg.label(r["goal"]), ())
        for r in goals if isinstance(r["goal"], URIRef) and r["goal"] not in served)
    return CoverageReport(sdgs, documents, unserved, doc, place)


def _notation(kg: KnowledgeGraph, sdg: URIRef) -> str:
    rows = kg.query("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                    "SELECT ?n WHERE { ?sdg skos:notation ?n }", bindings={"sdg": sdg})
    return str(rows[0]["n"]) if rows else str(sdg)


def _served_key(s: Served) -> tuple[bool, str, str, str, str, str]:
    return (s.kind not in STRATEGY_KINDS, s.kind, str(s.node), str(s.via), str(s.sdg),
            s.basis or "")


def _int(value: Node | None) -> int:
    return int(value.toPython()) if isinstance(value, Literal) else 0

