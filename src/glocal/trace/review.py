"""What the graph holds, document by document: the body of ``glocal review``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from rdflib.term import Literal, Node, URIRef

from glocal.namespaces import basis_of, notation_key
from glocal.words import Lang

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["DocumentSummary", "SDGLink", "summarise"]


@dataclass(frozen=True, slots=True)
class SDGLink:
    """One UN goal or target a document's statements are aligned with (``sdg``, an rdflib
    ``URIRef`` as trace and coverage give it; a string in JSON)."""

    sdg: URIRef
    notation: str
    explicit: bool


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One governing document and the counts of what the graph holds of it (``iri``, an rdflib
    ``URIRef``; a string in JSON)."""

    iri: URIRef
    title: str
    type: str
    publishers: tuple[str, ...]
    areas: int
    goals: int
    strategies: int
    activities: int
    indicators: int
    actors: int
    cited: int
    explicit: int
    interpreted: int
    sdgs: tuple[SDGLink, ...]

    @property
    def municipality(self) -> str:
        """The publishers as one name, e.g. ``"Linköpings kommun, Norrköpings kommun"``."""
        return ", ".join(self.publishers) or "?"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _count(row: dict[str, Node], name: str) -> int:
    value = row.get(name)
    return int(value.toPython()) if isinstance(value, Literal) else 0


def summarise(kg: KnowledgeGraph, *, lang: Lang = "sv") -> list[DocumentSummary]:
    """A :class:`DocumentSummary` for each governing document, by municipality then title."""
    sdg_rows: dict[Node, list[dict[str, Node]]] = {}  # by document: one pass, not one per doc
    for r in kg.named_query("review-sdgs"):
        sdg_rows.setdefault(r["doc"], []).append(r)
    out = []
    for row in kg.named_query("review-documents"):
        doc = row["doc"]
        assert isinstance(doc, URIRef)
        publishers = sorted(
            kg.label(r["p"], lang)
            for r in kg.query(
                "SELECT ?p WHERE { ?doc <http://purl.org/dc/terms/publisher> ?p }",
                bindings={"doc": doc},
            )
            if isinstance(r["p"], URIRef)
        )
        links = {
            (r["sdg"], str(r.get("notation", r["sdg"])), basis_of(r["basis"]) == "explicit")
            for r in sdg_rows.get(doc, ()) if isinstance(r["sdg"], URIRef)
        }
        type_node = row.get("type")
        out.append(DocumentSummary(
            iri=doc,
            title=str(row.get("title", "")) or kg.label(doc, lang),
            type=kg.label(type_node, lang) if isinstance(type_node, URIRef) else "",
            publishers=tuple(publishers),
            areas=_count(row, "areas"),
            goals=_count(row, "goals"),
            strategies=_count(row, "strategies"),
            activities=_count(row, "activities"),
            indicators=_count(row, "indicators"),
            actors=_count(row, "actors"),
            cited=_count(row, "cited"),
            explicit=_count(row, "explicit"),
            interpreted=_count(row, "interpreted"),
            sdgs=tuple(SDGLink(*link) for link in
                       sorted(links, key=lambda k: (notation_key(k[1]), not k[2]))),
        ))
    return sorted(out, key=lambda d: (d.municipality, d.title))
