"""The ontology, ``ontology/glocal.ttl``: the public contract behind every query and shape.

It declares exactly the terms of ``glocal.namespaces.GLOCAL``, each labelled and defined in
Swedish and English; it is OWL 2 DL on its own (no imports, external terms declared, one kind per
property) and HermiT finds it consistent. Its reference page is generated from it.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS

from glocal.namespaces import GLOCAL
from glocal.quotes import contains

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_FILE = ROOT / "ontology" / "glocal.ttl"
SOURCES = ROOT / "data" / "sources"

NS = str(GLOCAL._NS)
ONTOLOGY = URIRef("https://w3id.org/glocal/ontology")
VANN = Namespace("http://purl.org/vocab/vann/")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def glocal_terms(graph: Graph) -> set[str]:
    """Local names of the glocal: IRIs the ontology declares (gives a type)."""
    return {
        str(s)[len(NS) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(NS)
    }


def names() -> set[str]:
    return set(GLOCAL.__annotations__)


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted(
        o.language or "" for o in graph.objects(subject, predicate) if isinstance(o, Literal)
    )


def disjoint_pairs(graph: Graph) -> set[frozenset[URIRef]]:
    pairs: set[frozenset[URIRef]] = set()
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        items = [
            m for m in Collection(graph, graph.value(axiom, OWL.members)) if isinstance(m, URIRef)
        ]
        pairs |= {frozenset((a, b)) for a in items for b in items if a != b}
    for a, b in graph.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    return pairs


# ---- The closed list -------------------------------------------------------------------------


def test_declared_terms_are_exactly_the_namespace(graph: Graph) -> None:
    declared = glocal_terms(graph)
    assert declared - names() == set(), "declared in the ontology but not in namespaces.GLOCAL"
    assert names() - declared == set(), "in namespaces.GLOCAL but not declared in the ontology"


def test_no_undeclared_glocal_iri_is_used(graph: Graph) -> None:
    used = {
        str(node)[len(NS) :]
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(NS)
    }
    assert used <= names()


@pytest.mark.parametrize("name", sorted(GLOCAL.__annotations__))
def test_every_term_is_labelled_and_defined_in_swedish_and_english(graph: Graph, name: str) -> None:
    term = GLOCAL[name]
    assert languages(graph, term, RDFS.label) == ["en", "sv"]
    assert languages(graph, term, SKOS.definition) == ["en", "sv"]
    assert (term, RDFS.isDefinedBy, ONTOLOGY) in graph
    for definition in graph.objects(term, SKOS.definition):
        assert len(str(definition)) >= 30, f"{name}: a definition of a few words is not one"


def test_every_term_is_of_exactly_one_kind(graph: Graph) -> None:
    kinds = (OWL.Class, *PROPERTY_KINDS, OWL.NamedIndividual)
    for name in names():
        found = [k for k in kinds if (GLOCAL[name], RDF.type, k) in graph]
        assert len(found) == 1, f"glocal:{name} is declared as {found}"


# ---- The header ------------------------------------------------------------------------------


def test_ontology_header(graph: Graph) -> None:
    o = ONTOLOGY
    assert (o, RDF.type, OWL.Ontology) in graph
    assert (o, OWL.versionIRI, URIRef("https://w3id.org/glocal/ontology/0.1.0")) in graph
    assert (o, OWL.versionInfo, Literal("0.1.0")) in graph
    assert (o, DCTERMS.license, URIRef("https://opensource.org/licenses/MIT")) in graph
    assert (o, DCTERMS.creator, Literal("The glocal contributors")) in graph
    assert (o, VANN.preferredNamespacePrefix, Literal("glocal")) in graph
    assert (o, VANN.preferredNamespaceUri, Literal(NS)) in graph
    for predicate in (DCTERMS.title, RDFS.label, DCTERMS.description, SKOS.definition):
        assert languages(graph, o, predicate) == ["en", "sv"], predicate
    reused = set(graph.objects(o, RDFS.seeAlso))
    assert {URIRef(str(PROV)), URIRef("http://www.w3.org/2004/02/skos/core")} <= reused
    assert URIRef("http://metadata.un.org/sdg/ontology") in reused


def test_the_ontology_imports_nothing(graph: Graph) -> None:
    assert list(graph.triples((None, OWL.imports, None))) == []


def test_only_the_ontology_and_its_declared_terms_are_described(graph: Graph) -> None:
    prefix = str(GLOCAL._NS).rstrip("#")
    ontologies = set(graph.subjects(RDF.type, OWL.Ontology))
    assert ontologies == {ONTOLOGY}
    assert all(
        not str(s).startswith(prefix + "/") for s in graph.subjects() if isinstance(s, URIRef)
    )


# ---- OWL 2 DL ----------------------------------------------------------------------------------


def test_every_property_has_exactly_one_property_type(graph: Graph) -> None:
    properties = {s for kind in PROPERTY_KINDS for s in graph.subjects(RDF.type, kind)}
    for prop in properties:
        found = [k for k in PROPERTY_KINDS if (prop, RDF.type, k) in graph]
        assert len(found) == 1, f"{prop} is declared as {found}"


def test_external_terms_used_in_axioms_are_declared(graph: Graph) -> None:
    """OWL 2 DL on its own: every class and property an axiom names is declared here."""
    classes = set(graph.subjects(RDF.type, OWL.Class))
    properties = {s for kind in PROPERTY_KINDS for s in graph.subjects(RDF.type, kind)}
    datatypes = {XSD.positiveInteger, XSD.string}

    def class_iris(node: object) -> set[URIRef]:
        if isinstance(node, URIRef):
            return {node}
        found: set[URIRef] = set()
        if isinstance(node, BNode):
            for predicate in (OWL.unionOf, OWL.intersectionOf):
                head = graph.value(node, predicate)
                if head is not None:
                    for member in Collection(graph, head):
                        found |= class_iris(member)
        return found

    named: set[URIRef] = set()
    for predicate in (RDFS.subClassOf, OWL.equivalentClass):
        for expr in graph.objects(None, predicate):
            named |= class_iris(expr)
    for expr in graph.objects(None, RDFS.domain):
        named |= class_iris(expr)
    for prop, expr in graph.subject_objects(RDFS.range):
        if (prop, RDF.type, OWL.DatatypeProperty) in graph:
            assert expr in datatypes, f"{prop}: range {expr} is not an OWL 2 datatype"
        else:
            named |= class_iris(expr)
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for member in Collection(graph, graph.value(axiom, OWL.members)):
            named |= class_iris(member)
    assert named - classes == set(), "classes used in axioms but not declared"

    used_properties = set(graph.objects(None, OWL.onProperty))
    used_properties |= set(graph.objects(None, RDFS.subPropertyOf))
    used_properties |= set(graph.predicates())
    used_properties = {p for p in used_properties if not str(p).startswith(BUILT_IN)}
    assert used_properties - properties == set(), "properties used but not declared"


def test_no_date_range_takes_the_ontology_out_of_owl2_dl(graph: Graph) -> None:
    """xsd:date is not in the OWL 2 datatype map: dates are documented, not range-restricted."""
    assert (None, RDFS.range, XSD.date) not in graph
    for name in ("approvedOn", "startDate", "endDate", "revisionDue", "lastReviewed"):
        assert (GLOCAL[name], URIRef("https://schema.org/rangeIncludes"), XSD.date) in graph


# ---- Fixed meanings --------------------------------------------------------------------------


def test_statement_kinds_are_pairwise_disjoint(graph: Graph) -> None:
    kinds = [GLOCAL.Goal, GLOCAL.Activity, GLOCAL.Strategy, GLOCAL.PriorityArea, GLOCAL.Indicator]
    pairs = disjoint_pairs(graph)
    for a in kinds:
        for b in kinds:
            if a != b:
                assert frozenset((a, b)) in pairs, f"{a} and {b} are not declared disjoint"


def test_alignment_basis_is_explicit_or_interpreted(graph: Graph) -> None:
    enumerations = [
        list(Collection(graph, graph.value(e, OWL.oneOf)))
        for e in graph.objects(GLOCAL.AlignmentBasis, OWL.equivalentClass)
        if graph.value(e, OWL.oneOf) is not None
    ]
    assert enumerations == [[GLOCAL.Explicit, GLOCAL.Interpreted]]


def test_an_alignment_has_one_subject_one_sdg_and_one_basis(graph: Graph) -> None:
    for name in ("alignmentOf", "sdg", "basis"):
        assert (GLOCAL[name], RDF.type, OWL.FunctionalProperty) in graph
        assert (GLOCAL[name], RDFS.domain, GLOCAL.SDGAlignment) in graph


def test_contributes_to_is_not_transitive(graph: Graph) -> None:
    assert (GLOCAL.contributesTo, RDF.type, OWL.TransitiveProperty) not in graph


def test_translated_label_is_an_annotation_below_rdfs_label(graph: Graph) -> None:
    assert (GLOCAL.translatedLabel, RDF.type, OWL.AnnotationProperty) in graph
    assert (GLOCAL.translatedLabel, RDFS.subPropertyOf, RDFS.label) in graph


def test_no_inverse_properties(graph: Graph) -> None:
    """An inverse needs a term of its own, and the list of terms is closed."""
    assert list(graph.triples((None, OWL.inverseOf, None))) == []


# ---- Concept schemes -------------------------------------------------------------------------

SCHEMES: dict[str, dict[str, str]] = {
    "DocumentTypes": {
        "ProgrammeDocument": "program",
        "StrategyDocument": "strategi",
        "GuidelineDocument": "riktlinje",
        "PolicyDocument": "policy",
    },
    "Arenas": {
        "LocalArena": "lokal nivå",
        "RegionalArena": "regional nivå",
        "NationalArena": "nationell nivå",
        "EUArena": "EU-nivå",
        "InternationalArena": "internationell nivå",
        "BusinessArena": "näringsliv",
        "TwinTownArena": "vänorter",
    },
    "PartnershipTypes": {
        "TwinTown": "vänort",
        "NetworkMembership": "medlemskap i nätverk",
        "ProjectPartnership": "projektsamarbete",
        "CooperationAgreement": "samarbetsavtal",
    },
    "ReviewRules": {
        "OncePerTermOfOffice": "minst en gång per mandatperiod",
        "YearAfterElection": "året efter val",
        "AfterSteeringPlanAdopted": "när en styrande plan har antagits",
    },
}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_concept_schemes_have_their_concepts(graph: Graph, scheme: str) -> None:
    iri = GLOCAL[scheme]
    assert (iri, RDF.type, SKOS.ConceptScheme) in graph
    assert languages(graph, iri, SKOS.prefLabel) == ["en", "sv"]
    in_scheme = set(graph.subjects(SKOS.inScheme, iri))
    assert in_scheme == {GLOCAL[c] for c in SCHEMES[scheme]}
    for concept, swedish in SCHEMES[scheme].items():
        c = GLOCAL[concept]
        assert (c, RDF.type, SKOS.Concept) in graph
        assert (c, RDF.type, OWL.Class) not in graph, "concepts are individuals, not classes"
        assert (c, SKOS.topConceptOf, iri) in graph
        assert (iri, SKOS.hasTopConcept, c) in graph
        assert languages(graph, c, SKOS.prefLabel) == ["en", "sv"]
        assert Literal(swedish, lang="sv") in set(graph.objects(c, SKOS.prefLabel))
        assert languages(graph, c, SKOS.definition) == ["en", "sv"]


def test_quotes_in_the_ontology_stand_in_the_sources(graph: Graph) -> None:
    """Every passage the ontology quotes (between ” and ”) is verbatim in a source text."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))]
    assert len(texts) == 5
    quoted = [
        q
        for o in graph.objects()
        if isinstance(o, Literal)
        for q in re.findall(r"”([^”]+)”", str(o))
    ]
    assert quoted, "the ontology quotes its sources in scope notes and examples"
    missing = [q for q in quoted if not any(contains(text, q) for text in texts)]
    assert missing == []


# ---- Reasoning -------------------------------------------------------------------------------

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")


def run_hermit(graph: Graph, tmp_path: Path) -> list[object]:
    """HermiT over ``graph`` as N-Triples in a fresh owlready2 World; the unsatisfiable classes.

    owlready2 gets only our own triples, serialised by rdflib: never the Turtle file, and it
    follows no imports (there are none).
    """
    owlready2 = pytest.importorskip("owlready2")
    nt = tmp_path / "glocal.nt"
    graph.serialize(nt, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(nt.as_uri()).load(format="ntriples")
    owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
    return list(world.inconsistent_classes())


@needs_java
def test_hermit_finds_the_ontology_consistent(graph: Graph, tmp_path: Path) -> None:
    owlready2 = pytest.importorskip("owlready2")
    try:
        unsatisfiable = run_hermit(graph, tmp_path)
    except owlready2.OwlReadyInconsistentOntologyError as exc:  # pragma: no cover - the failure
        pytest.fail(f"HermiT finds the ontology inconsistent: {exc}")
    assert unsatisfiable == [], "classes equivalent to owl:Nothing"


@needs_java
def test_hermit_sees_the_disjointness(graph: Graph, tmp_path: Path) -> None:
    """A node that is both a goal and an activity contradicts the ontology."""
    owlready2 = pytest.importorskip("owlready2")
    both = Graph()
    for triple in graph:
        both.add(triple)
    node = URIRef("https://w3id.org/glocal/id/example/goal-and-activity")
    both.add((node, RDF.type, OWL.NamedIndividual))
    both.add((node, RDF.type, GLOCAL.Goal))
    both.add((node, RDF.type, GLOCAL.Activity))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        run_hermit(both, tmp_path)


# ---- The reference page ----------------------------------------------------------------------


def build_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_docs", ROOT / "scripts" / "build_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_page_is_up_to_date() -> None:
    assert build_docs().main(["--check"]) == 0, "run `python scripts/build_docs.py`"


def test_reference_page_documents_every_term(graph: Graph) -> None:
    page = (ROOT / "docs" / "ontology.html").read_text(encoding="utf-8")
    for name in names():
        assert f'id="{name}"' in page


def test_reference_page_check_fails_when_out_of_date(tmp_path: Path) -> None:
    stale = tmp_path / "ontology.html"
    stale.write_text("<!DOCTYPE html>\n<p>old</p>\n", encoding="utf-8")
    module = build_docs()
    assert module.main(["--check", "--output", str(stale)]) == 1
    assert module.main(["--output", str(stale)]) == 0
    assert module.main(["--check", "--output", str(stale)]) == 0
