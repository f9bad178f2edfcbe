"""The subgraph of one trace or contributors call: a two-way index of the rows and the nodes,
alignments and links built from it.

:mod:`glocal.trace.trace` walks it; :mod:`glocal.trace.coverage` and :mod:`glocal.trace.network`
share its kind words
and its index.

>>> kind_of([GLOCAL.Goal, GLOCAL.Activity])
'activity'
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import DCTERMS, PROV, RDF, SKOS
from rdflib.namespace import ORG
from rdflib.term import Literal, Node, URIRef

from glocal.namespaces import GLOCAL, LABELS, SDGO, basis_of, notation_key
from glocal.store.backend import Row
from glocal.trace.model import (
    ALIGNED_WITH,
    CONTRIBUTES_TO,
    IS_TARGET_OF,
    STATED_IN,
    Alignment,
    Link,
    Quote,
    TraceNode,
)

__all__ = [
    "STRATEGY_KINDS",
    "Facts",
    "Subgraph",
    "kind_of",
    "order_key",
]

# --- reading the rows --------------------------------------------------------------------------

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
# by the plain string of the IRI: a str key compares in C, a URIRef key through rdflib's __eq__
_KIND_RANK = {str(iri): (i, kind) for i, (iri, kind) in enumerate(_KINDS)}
#: Label properties, best first (the order ``KnowledgeGraph.label`` uses).
# The predicates read here, as constants: a namespace attribute is a new term on every access,
# and a dict finds a key it holds by identity before it calls rdflib's (Python) __eq__.
_TYPE, _NOTATION, _POSITION = RDF.type, SKOS.notation, GLOCAL.position
_ALIGNMENT_OF, _SDG, _BASIS_OF, _RATIONALE = (GLOCAL.alignmentOf, GLOCAL.sdg, GLOCAL.basis,
                                              GLOCAL.rationale)
_ATTRIBUTED_TO, _APPROVED_BY = PROV.wasAttributedTo, GLOCAL.approvedBy
_DERIVED_FROM, _SOURCE, _HAS_TARGET = PROV.wasDerivedFrom, DCTERMS.source, SDGO.hasTarget
_PREDICATES: dict[str, Node] = {str(p): p for p in (
    *LABELS, _TYPE, _NOTATION, _POSITION, _ALIGNMENT_OF, _SDG, _BASIS_OF, _RATIONALE,
    _ATTRIBUTED_TO, _APPROVED_BY, _DERIVED_FROM, _SOURCE, _HAS_TARGET, _OA_EXACT,
    CONTRIBUTES_TO, ALIGNED_WITH, STATED_IN, IS_TARGET_OF)}
_TAG_RANK = {"sv": 0, "en": 1, None: 2}


def kind_of(types: Sequence[Node]) -> str:
    """The kind word for a node of these ``rdf:type`` s: ``"activity"``, ``"sdg-target"`` …"""
    known = [_KIND_RANK[key] for t in types
             if isinstance(t, URIRef) and (key := str(t)) in _KIND_RANK]
    return min(known)[1] if known else "other"


class Facts:
    """Rows ``?s ?p ?o`` (distinct) as a tiny two-way index: the subgraph one call reads."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self._out: dict[Node, dict[Node, list[Node]]] = {}
        self._in: dict[tuple[Node, Node], list[Node]] = {}
        predicate = _PREDICATES.get
        for row in rows:  # distinct: the queries that give them say SELECT DISTINCT
            s, p, o = row["s"], row["p"], row["o"]
            p = predicate(str(p), p)
            self._out.setdefault(s, {}).setdefault(p, []).append(o)
            if not isinstance(o, Literal):  # nothing is looked up by a literal (slow to hash)
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


class Subgraph:
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
        notation = f.first(iri, _NOTATION)
        position = f.first(iri, _POSITION)
        node = TraceNode(
            iri=iri,
            kind=kind_of(f.objects(iri, _TYPE)),
            labels=tuple((o.language or "", str(o)) for _, _, o in labels),
            notation=str(notation) if notation is not None else None,
            documents=() if bare else tuple(self.node(d, bare=True)
                                            for d in f.iris(iri, STATED_IN)),
            quotes=_quotes(f, iri),
            position=int(position.toPython()) if isinstance(position, Literal)
            and str(position).isdigit() else None,
        )
        if not bare:
            self._nodes[iri] = node
        return node

    def successors(self, iri: URIRef) -> list[URIRef]:
        return self.ordered(self.facts.iris(iri, CONTRIBUTES_TO))

    def predecessors(self, iri: URIRef) -> list[URIRef]:
        return self.ordered(self.facts.subjects(CONTRIBUTES_TO, iri))

    def ordered(self, iris: Sequence[URIRef]) -> list[URIRef]:
        return [n.iri for n in sorted((self.node(i) for i in iris), key=order_key)]

    def sdg_links(self, iri: URIRef) -> list[list[Link]]:
        """For each ``alignedWith`` link of ``iri`` and each ``SDGAlignment`` behind it:
        [alignedWith], or [alignedWith, isTargetOf] for a target."""
        f = self.facts
        source = self.node(iri)
        out = []
        for sdg in f.iris(iri, ALIGNED_WITH):
            records: list[URIRef | None] = [
                a for a in f.subjects(_ALIGNMENT_OF, iri) if sdg in f.iris(a, _SDG)]
            for a in sorted(records, key=str) or [None]:
                out.append(self._chain(source, sdg, self._alignment(a, sdg)))
        out.sort(key=lambda c: (_natural(c[0].target), str(c[0].alignment and c[0].alignment.iri)))
        return out

    def _alignment(self, a: URIRef | None, sdg: URIRef) -> Alignment:
        if a is None:
            return Alignment(None, sdg, None)
        f = self.facts
        basis = f.first(a, _BASIS_OF)
        return Alignment(
            iri=a, sdg=sdg, basis=basis_of(basis),
            quotes=_quotes(f, a),
            rationale=tuple((o.language or "", str(o)) for o in f.objects(a, _RATIONALE)
                            if isinstance(o, Literal)),
            attributed_to=tuple(f.iris(a, _ATTRIBUTED_TO)),
            approved_by=tuple(f.iris(a, _APPROVED_BY)))

    def _chain(self, source: TraceNode, sdg: URIRef, alignment: Alignment) -> list[Link]:
        target = self.node(sdg)
        chain = [Link(source, ALIGNED_WITH, target, alignment)]
        goals = self.facts.iris(sdg, IS_TARGET_OF) or self.facts.subjects(_HAS_TARGET, sdg)
        if goals and goals[0] != sdg:
            chain.append(Link(target, IS_TARGET_OF, self.node(goals[0])))
        return chain


#: The kinds of the strategy layer: what contributes to a document's goals.
STRATEGY_KINDS = frozenset({"activity", "strategy", "goal", "area"})


def _tag_rank(label: Literal) -> int:
    return _TAG_RANK.get(label.language, 3)


def _quotes(facts: Facts, iri: URIRef) -> tuple[Quote, ...]:
    found = set()
    for selector in facts.objects(iri, _DERIVED_FROM):
        source = facts.first(selector, _SOURCE)
        for exact in facts.objects(selector, _OA_EXACT):
            found.add(Quote(str(exact), source if isinstance(source, URIRef) else None))
    return tuple(sorted(found, key=lambda q: (str(q.source), q.exact)))


def _natural(node: TraceNode) -> tuple[tuple[int, str], ...]:
    return notation_key(node.notation or str(node.iri))


def order_key(node: TraceNode) -> tuple[bool, int, str, str]:
    """Position first (unpositioned last), then label, then IRI."""
    return (node.position is None, node.position or 0, node.label(), str(node.iri))
