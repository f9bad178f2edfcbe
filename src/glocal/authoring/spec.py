"""The workbook's shape: its sheets and columns, each column one RDF term of docs/modelling.md.

One table drives the template, the import and the export, so a new kind of statement is one
more :class:`Sheet` (and its name in ``glocal/words.py``), a new property one more
:class:`Column`.

>>> [s.key for s in SHEETS][:4]
['document', 'goal', 'area', 'strategy']
>>> sheet("goal").column("contributes").predicate.endswith("contributesTo")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from glocal.namespaces import ACTOR, FUND, GLOCAL, PLAN, SCHEMA, WORK

__all__ = [
    "ACTOR_KINDS",
    "PREFIXES",
    "SHEETS",
    "TEMPLATE_VERSION",
    "Column",
    "Sheet",
    "sheet",
]

#: The template's version: a workbook of another version is refused.
TEMPLATE_VERSION = "1"

#: Prefixed names a reference cell may use (``actor:region-ostergotland``).
PREFIXES: dict[str, str] = {
    "actor": str(ACTOR), "plan": str(PLAN), "fund": str(FUND), "work": str(WORK),
}

_ORG = "http://www.w3.org/ns/org#"
_PROV = "http://www.w3.org/ns/prov#"
#: Actor kinds (the Typ column) and the classes each stands for.
ACTOR_KINDS: dict[str, tuple[str, ...]] = {
    "municipality": (_ORG + "FormalOrganization", str(GLOCAL.Municipality)),
    "foreign": (_ORG + "FormalOrganization", str(GLOCAL.ForeignMunicipality)),
    "organisation": (_ORG + "FormalOrganization",),
    "unit": (_ORG + "OrganizationalUnit",),
    "collaboration": (_ORG + "OrganizationalCollaboration",),
    "other": (_ORG + "Organization",),
    "agent": (_PROV + "Agent", _PROV + "Organization"),
    "post": (_ORG + "Post",),
    "agent_plain": (_PROV + "Agent",),
}

Kind = Literal[
    "id", "sv", "en", "plain", "int", "date", "ref", "concept", "sdg", "quote", "quotes", "url",
    "bool", "actor_kind", "plan_kind", "source", "version", "slug", "work",
]


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its words key (``col.*``) or the predicate whose label heads it."""

    key: str
    kind: Kind
    predicate: str | None = None
    multi: bool = False
    scheme: str | None = None  # the concept scheme of a ``concept`` column
    required: bool = False
    words: str | None = None  # the words key of the header when the ontology has no label


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: what a row is (``role``), its class, how ids start, its columns."""

    key: str
    role: Literal["document", "statement", "alignment", "actor", "plan", "partnership"]
    rdf_class: str | None
    id_prefix: str | None
    columns: tuple[Column, ...]
    rows: int = 0  # ids pre-filled in the template

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


def _c(key: str, kind: Kind, predicate: URIRef | None = None, *, multi: bool = False,
       scheme: URIRef | None = None, required: bool = False, words: str | None = None) -> Column:
    return Column(key, kind, str(predicate) if predicate is not None else None, multi,
                  str(scheme) if scheme is not None else None, required, words)


_ID = _c("id", "id", required=True, words="col.id")
_QUOTE = _c("quote", "quote", PROV.wasDerivedFrom, required=True, words="col.quote")
_QUOTES = _c("quotes", "quotes", PROV.wasDerivedFrom, multi=True, words="col.quotes")
_TEXT = _c("text", "sv", SKOS.prefLabel, required=True, words="col.text")
_EN = _c("en", "en", GLOCAL.translatedLabel)
_POS = _c("position", "int", GLOCAL.position)
_CONTRIB = _c("contributes", "ref", GLOCAL.contributesTo, multi=True)
_MEASURED = _c("measured", "ref", GLOCAL.measuredBy, multi=True)
_RESP = _c("responsible", "ref", GLOCAL.responsible, multi=True)
_INVOLVES = _c("involves", "ref", GLOCAL.involves, multi=True)
_ARENA = _c("arena", "concept", GLOCAL.arena, multi=True, scheme=GLOCAL.Arenas)
_FUNDED = _c("funded", "ref", GLOCAL.fundedBy, multi=True)
_REGARDS = _c("regards", "ref", GLOCAL.regards, multi=True)
_REPORTS = _c("reports", "ref", GLOCAL.reportsTo, multi=True)
_QUOTED_FROM = _c("quoted_from", "ref", GLOCAL.quotedFrom, multi=True)
_PART_OF = _c("part_of", "ref", DCTERMS.isPartOf, multi=True, words="col.part_of")
_DEFINITION = _c("definition", "sv", SKOS.definition, words="col.definition")
_SCOPE = _c("scope", "en", SKOS.scopeNote, words="col.scope")
_SCOPE_SV = _c("scope_sv", "sv", SKOS.scopeNote, words="col.scope_sv")
_NOTE = _c("note", "sv", SKOS.note, words="col.note")
_PERIOD = _c("period", "sv", GLOCAL.periodNote)
_DATE = _c("date", "date", DCTERMS.date, words="col.date")
_REFS = _c("references", "url", DCTERMS.references, multi=True, words="col.references")
_CORRESPONDS = _c("corresponds", "ref", GLOCAL.correspondsTo, multi=True)
_SPELLING = _c("spelling", "ref", GLOCAL.spellingVariantOf, multi=True)
_SUBJECT = _c("subject", "ref", DCTERMS.subject, multi=True, words="col.subject")
_MENTIONED = _c("mentioned", "bool", GLOCAL.mentions, words="col.mentioned")
_TAIL = (_DEFINITION, _SCOPE, _SCOPE_SV, _NOTE, _PERIOD, _DATE, _REFS, _QUOTED_FROM, _PART_OF,
         _SUBJECT, _CORRESPONDS, _SPELLING, _QUOTE, _QUOTES)


def _statement(key: str, rdf_class: URIRef, *links: Column, rows: int = 200) -> Sheet:
    columns = (_ID, _TEXT, _EN, _POS, *links, *_TAIL)
    return Sheet(key, "statement", str(rdf_class), key, columns, rows)


DOCUMENT = Sheet("document", "document", str(GLOCAL.GoverningDocument), None, (
    _c("template", "version", words="col.template", required=True),
    _c("municipality", "slug", words="col.municipality", required=True),
    _c("document_id", "slug", words="col.document_id", required=True),
    _c("title", "sv", DCTERMS.title, required=True, words="col.title"),
    _EN,
    _c("alternative", "sv", DCTERMS.alternative, words="col.alternative"),
    _c("doctype", "concept", DCTERMS.type, scheme=GLOCAL.DocumentTypes, required=True,
       words="col.doctype"),
    _c("publisher", "ref", DCTERMS.publisher, multi=True, required=True, words="col.publisher"),
    _c("owner", "ref", GLOCAL.owner, multi=True),
    _c("adopted_by", "ref", GLOCAL.adoptedBy, multi=True),
    _c("revised_by", "ref", GLOCAL.revisedBy, multi=True),
    _c("issued", "date", DCTERMS.issued, words="col.issued"),
    _c("accepted", "date", DCTERMS.dateAccepted, words="col.accepted"),
    _c("revision_due", "date", GLOCAL.revisionDue),
    _c("last_reviewed", "date", GLOCAL.lastReviewed),
    _c("version_number", "plain", GLOCAL.versionNumber),
    _c("identifier", "plain", DCTERMS.identifier, multi=True, words="col.identifier"),
    _c("review_rule", "concept", GLOCAL.reviewRule, multi=True, scheme=GLOCAL.ReviewRules),
    _c("steered_by", "ref", GLOCAL.steeredBy, multi=True),
    _c("refers_to", "ref", GLOCAL.refersTo, multi=True),
    _c("version_of", "work", DCTERMS.isVersionOf, multi=True, words="col.version_of"),
    _c("description", "sv", DCTERMS.description, words="col.description"),
    _c("history", "sv", SKOS.historyNote, words="col.history"),
    _c("editorial", "en", SKOS.editorialNote, words="col.editorial"),
    _PERIOD,
    _NOTE,
    _REFS,
    _c("source", "source", DCTERMS.source, words="col.source"),
    _c("quote", "quote", PROV.wasDerivedFrom, words="col.quote"),
    _QUOTES,
))

SHEETS: tuple[Sheet, ...] = (
    DOCUMENT,
    _statement("goal", GLOCAL.Goal, _CONTRIB, _MEASURED, _RESP, _INVOLVES, _ARENA, _FUNDED),
    _statement("area", GLOCAL.PriorityArea, _CONTRIB, _RESP, _INVOLVES, _ARENA, _FUNDED),
    _statement("strategy", GLOCAL.Strategy, _CONTRIB, _MEASURED, _RESP, _INVOLVES, _ARENA,
               _FUNDED),
    _statement("activity", GLOCAL.Activity, _CONTRIB, _MEASURED, _RESP, _INVOLVES, _ARENA,
               _FUNDED),
    _statement("indicator", GLOCAL.Indicator, _CONTRIB, _RESP, _INVOLVES),
    _statement("purpose", GLOCAL.Purpose, _CONTRIB, _INVOLVES, _ARENA),
    _statement("factor", GLOCAL.SuccessFactor, _INVOLVES, _ARENA),
    _statement("principle", GLOCAL.Principle, _CONTRIB, _INVOLVES, _ARENA),
    _statement("responsibility", GLOCAL.Responsibility, _RESP, _REGARDS, _INVOLVES, _ARENA),
    _statement("followup", GLOCAL.FollowUp, _RESP, _REPORTS, _REGARDS, _INVOLVES),
    _statement("rationale", GLOCAL.Rationale, _CONTRIB, _INVOLVES, _ARENA),
    _statement("precondition", GLOCAL.Precondition, _CONTRIB, _INVOLVES, _ARENA),
    _statement("example", GLOCAL.Example, _CONTRIB, _INVOLVES, _ARENA, _FUNDED),
    _statement("background", GLOCAL.Background, _CONTRIB, _INVOLVES, _ARENA),
    _statement("limitation", GLOCAL.Limitation, _CONTRIB, _INVOLVES, _ARENA),
    _statement("content", GLOCAL.ReportContent, _RESP, _REGARDS, _INVOLVES),
    Sheet("alignment", "alignment", str(GLOCAL.SDGAlignment), "alignment", (
        _ID,
        _c("statement", "ref", GLOCAL.alignmentOf, required=True, words="col.statement"),
        _c("sdg", "sdg", GLOCAL.sdg, required=True),
        _c("basis", "concept", GLOCAL.basis, scheme=GLOCAL.AlignmentBasis, required=True),
        _c("rationale", "sv", GLOCAL.rationale),
        _c("rationale_en", "en", GLOCAL.rationale, words="col.rationale_en"),
        _c("attributed", "ref", PROV.wasAttributedTo, multi=True, required=True,
           words="col.attributed"),
        _c("approved_by", "ref", GLOCAL.approvedBy, multi=True),
        _c("approved_on", "date", GLOCAL.approvedOn),
        _QUOTE, _QUOTES,
    ), rows=300),
    Sheet("actor", "actor", None, None, (
        _c("id", "slug", words="col.id"),
        _c("name", "sv", SKOS.prefLabel, words="col.name"),
        _c("name_en", "en", SKOS.prefLabel, words="col.name_en"),
        _EN,
        _c("kind", "actor_kind", RDF.type, words="col.kind"),
        _c("alt", "sv", SKOS.altLabel, multi=True, words="col.alt"),
        _c("alt_en", "en", SKOS.altLabel, multi=True, words="col.alt_en"),
        _c("hidden", "sv", SKOS.hiddenLabel, multi=True, words="col.hidden"),
        _c("unit_of", "ref", ORG.unitOf, multi=True, words="col.unit_of"),
        _c("sub_of", "ref", ORG.subOrganizationOf, multi=True, words="col.sub_of"),
        _c("members", "ref", ORG.hasMember, multi=True, words="col.members"),
        _c("post_in", "ref", ORG.postIn, multi=True, words="col.post_in"),
        _c("country", "plain", SCHEMA.addressCountry, words="col.country"),
        _FUNDED, _DEFINITION, _SCOPE, _SCOPE_SV, _NOTE, _MENTIONED, _QUOTE, _QUOTES,
    )),
    Sheet("plan", "plan", None, None, (
        _c("id", "slug", required=True, words="col.id"),
        _c("kind", "plan_kind", RDF.type, required=True, words="col.kind"),
        _c("name", "sv", SKOS.prefLabel, words="col.name"),
        _c("name_en", "en", SKOS.prefLabel, words="col.name_en"),
        _EN,
        _c("alt", "sv", SKOS.altLabel, multi=True, words="col.alt"),
        _c("alt_en", "en", SKOS.altLabel, multi=True, words="col.alt_en"),
        _c("publisher", "ref", DCTERMS.publisher, multi=True, words="col.publisher"),
        _c("adopted_by", "ref", GLOCAL.adoptedBy, multi=True),
        _c("accepted", "date", DCTERMS.dateAccepted, words="col.accepted"),
        _c("has_part", "ref", DCTERMS.hasPart, multi=True, words="col.has_part"),
        _CORRESPONDS, _PERIOD, _DEFINITION, _SCOPE, _SCOPE_SV, _NOTE, _MENTIONED, _QUOTE, _QUOTES,
    )),
    Sheet("partnership", "partnership", str(GLOCAL.Partnership), "partnership", (
        _ID,
        _c("text", "sv", SKOS.prefLabel, words="col.text"),
        _EN,
        _c("kind", "concept", GLOCAL.partnershipType, scheme=GLOCAL.PartnershipTypes,
           required=True),
        _c("partner", "ref", GLOCAL.partner, multi=True, required=True),
        _ARENA, _FUNDED, _INVOLVES, _PERIOD,
        _c("start", "date", GLOCAL.startDate),
        _c("end", "date", GLOCAL.endDate),
        _c("ended_by", "ref", GLOCAL.endedBy, multi=True),
        _POS, _NOTE, _SCOPE, _QUOTE, _QUOTES,
    ), rows=100),
)


def sheet(key: str) -> Sheet:
    """The sheet called ``key`` (``document``, ``goal``, ``alignment`` …)."""
    for s in SHEETS:
        if s.key == key:
            return s
    raise KeyError(key)
