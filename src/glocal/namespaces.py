"""Closed vocabularies: glocal's own terms and the namespaces it reuses.

>>> from glocal.namespaces import GLOCAL, SDG
>>> str(GLOCAL.contributesTo)
'https://w3id.org/glocal/ontology#contributesTo'
>>> str(SDG["17.17"])
'http://metadata.un.org/sdg/17.17'
"""

from __future__ import annotations

from typing import Final, Literal

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import ORG, TIME, DefinedNamespace
from rdflib.namespace import SH as _SH

from glocal.errors import IRIError

__all__ = [
    "ACTOR",
    "BASES",
    "FUND",
    "GLOCAL",
    "GRAPH",
    "ID",
    "LABELS",
    "OA",
    "PLAN",
    "PREFIXES",
    "SCHEMA",
    "SDG",
    "SDGO",
    "SHACL",
    "SOURCE",
    "WORK",
    "Basis",
    "as_iri",
    "basis_of",
    "curie",
    "notation_key",
]


class SHACL:
    """The SHACL terms a validation report is read and written with, as plain attributes:
    rdflib's ``SH.x`` looks each term up on every use, which the loops over a national
    report's results (hundreds of thousands of uses) feel."""

    Info: Final = _SH.Info
    ValidationReport: Final = _SH.ValidationReport
    ValidationResult: Final = _SH.ValidationResult
    Violation: Final = _SH.Violation
    Warning: Final = _SH.Warning
    alternativePath: Final = _SH.alternativePath
    conforms: Final = _SH.conforms
    detail: Final = _SH.detail
    focusNode: Final = _SH.focusNode
    group: Final = _SH.group
    hasValue: Final = _SH.hasValue
    inversePath: Final = _SH.inversePath
    message: Final = _SH.message
    name: Final = _SH.name
    oneOrMorePath: Final = _SH.oneOrMorePath
    order: Final = _SH.order
    path: Final = _SH.path
    property: Final = _SH.property
    result: Final = _SH.result
    resultMessage: Final = _SH.resultMessage
    resultPath: Final = _SH.resultPath
    resultSeverity: Final = _SH.resultSeverity
    severity: Final = _SH.severity
    sourceConstraint: Final = _SH.sourceConstraint
    sourceConstraintComponent: Final = _SH.sourceConstraintComponent
    sourceShape: Final = _SH.sourceShape
    targetNode: Final = _SH.targetNode
    value: Final = _SH.value
    zeroOrMorePath: Final = _SH.zeroOrMorePath
    zeroOrOnePath: Final = _SH.zeroOrOnePath
    in_: Final = _SH["in"]


class GLOCAL(DefinedNamespace):
    """glocal's ontology (``ontology/glocal.ttl``): a public contract."""

    _NS = Namespace("https://w3id.org/glocal/ontology#")
    _fail = True

    # classes
    GoverningDocument: URIRef
    DocumentWork: URIRef
    Plan: URIRef
    Municipality: URIRef
    PriorityArea: URIRef
    Goal: URIRef
    Strategy: URIRef
    Activity: URIRef
    Indicator: URIRef
    Purpose: URIRef
    SuccessFactor: URIRef
    Principle: URIRef
    Responsibility: URIRef
    FollowUp: URIRef
    Partnership: URIRef
    FundingProgramme: URIRef
    SDGAlignment: URIRef
    AlignmentBasis: URIRef
    ForeignMunicipality: URIRef
    Rationale: URIRef
    Precondition: URIRef
    Example: URIRef
    Background: URIRef
    Limitation: URIRef
    ReportContent: URIRef
    VersionDifference: URIRef

    # concept schemes and their concepts
    DocumentTypes: URIRef
    ProgrammeDocument: URIRef
    StrategyDocument: URIRef
    GuidelineDocument: URIRef
    PolicyDocument: URIRef
    Arenas: URIRef
    LocalArena: URIRef
    RegionalArena: URIRef
    NationalArena: URIRef
    EUArena: URIRef
    InternationalArena: URIRef
    BusinessArena: URIRef
    TwinTownArena: URIRef
    PartnershipTypes: URIRef
    TwinTown: URIRef
    NetworkMembership: URIRef
    ProjectPartnership: URIRef
    CooperationAgreement: URIRef
    ReviewRules: URIRef
    OncePerTermOfOffice: URIRef
    YearAfterElection: URIRef
    AfterSteeringPlanAdopted: URIRef

    # individuals of AlignmentBasis
    Explicit: URIRef
    Interpreted: URIRef

    # object properties
    statedIn: URIRef
    contributesTo: URIRef
    alignedWith: URIRef
    responsible: URIRef
    involves: URIRef
    measuredBy: URIRef
    arena: URIRef
    fundedBy: URIRef
    alignmentOf: URIRef
    sdg: URIRef
    basis: URIRef
    approvedBy: URIRef
    partner: URIRef
    partnershipType: URIRef
    adoptedBy: URIRef
    owner: URIRef
    revisedBy: URIRef
    reviewRule: URIRef
    steeredBy: URIRef
    refersTo: URIRef
    mentions: URIRef
    quotedFrom: URIRef
    reportsTo: URIRef
    regards: URIRef
    endedBy: URIRef
    correspondsTo: URIRef
    spellingVariantOf: URIRef
    differenceOf: URIRef

    # datatype and annotation properties
    position: URIRef
    rationale: URIRef
    approvedOn: URIRef
    startDate: URIRef
    endDate: URIRef
    periodNote: URIRef
    revisionDue: URIRef
    lastReviewed: URIRef
    versionNumber: URIRef
    translatedLabel: URIRef


SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
ID = Namespace("https://w3id.org/glocal/id/")
ACTOR = Namespace("https://w3id.org/glocal/id/actor/")
PLAN = Namespace("https://w3id.org/glocal/id/plan/")
FUND = Namespace("https://w3id.org/glocal/id/fund/")
WORK = Namespace("https://w3id.org/glocal/id/work/")
SOURCE = Namespace("https://w3id.org/glocal/id/source/")
SCHEMA = Namespace("https://schema.org/")
#: Names of the named graphs glocal keeps: one for the ontology, one for the SDGs, one per file.
GRAPH = Namespace("https://w3id.org/glocal/graph/")

#: The one prefix table: CLI output, CURIE expansion, serialisation, SPARQL.
PREFIXES: dict[str, str] = {
    "glocal": str(GLOCAL._NS),
    "sdg": str(SDG),
    "sdgo": str(SDGO),
    "gid": str(ID),
    "actor": str(ACTOR),
    "plan": str(PLAN),
    "fund": str(FUND),
    "work": str(WORK),
    "source": str(SOURCE),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "org": str(ORG),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def as_iri(name: str | URIRef) -> URIRef:
    """An IRI or a CURIE with one of glocal's prefixes, as a ``URIRef``.

    >>> as_iri("sdg:17.17")
    rdflib.term.URIRef('http://metadata.un.org/sdg/17.17')
    >>> as_iri("https://w3id.org/glocal/id/actor/skr")
    rdflib.term.URIRef('https://w3id.org/glocal/id/actor/skr')
    """
    if isinstance(name, URIRef):
        return name
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    if colon and (local.startswith("//") or prefix in ("urn", "mailto", "tag")):
        return URIRef(text)
    raise IRIError(str(name))


def curie(iri: str | URIRef) -> str:
    """``iri`` shortened with glocal's prefixes where one fits, else the IRI itself.

    >>> curie(URIRef("http://metadata.un.org/sdg/17.17"))
    'sdg:17.17'
    """
    text = str(iri)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return text


def notation_key(notation: str) -> tuple[tuple[int, str], ...]:
    """A sort key that orders SDG notations as the UN lists them: 1.2 before 1.10 before 1.a.

    >>> sorted(["17.17", "1.a", "4.7", "1.10", "17", "1.2"], key=notation_key)
    ['1.2', '1.10', '1.a', '4.7', '17', '17.17']
    """
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in notation.split("."))


#: The basis of an SDG alignment: stated by the document, or an editor's interpretation.
Basis = Literal["explicit", "interpreted"]
BASES: tuple[Basis, ...] = ("explicit", "interpreted")


def basis_of(node: object) -> Basis | None:
    """The basis ``glocal:basis`` names (``glocal:Explicit`` → ``"explicit"``); None for a
    missing or unknown one.

    >>> basis_of(GLOCAL.Interpreted), basis_of(None)
    ('interpreted', None)
    """
    if node == GLOCAL.Explicit:
        return "explicit"
    if node == GLOCAL.Interpreted:
        return "interpreted"
    return None


#: The properties a node's label is read from, the most preferred first.
LABELS: tuple[URIRef, ...] = (SKOS.prefLabel, DCTERMS.title, GLOCAL.translatedLabel, RDFS.label)
