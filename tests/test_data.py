"""Integrity of the bundled data: every data file in ``data/`` (all but ``sdg.ttl``).

Each check is a small function that takes a graph and returns its failures as sentences naming
the file, the node and the fault; the tests run every check over every data file and report all
failures of a file at once. The negative cases at the end feed each check a tiny inline graph
with one fault and assert the check names it, so a check that stops catching its fault fails.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib import namespace as rdflib_namespace
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS
from rdflib.term import BNode, Node

from glocal.namespaces import ACTOR, FUND, GLOCAL, OA, PLAN, SDG, SOURCE, WORK
from glocal.quotes import contains

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SOURCES = DATA / "sources"
SDG_FILE = DATA / "sdg.ttl"

DATA_FILES = sorted(p for p in DATA.glob("*.ttl") if p.name != SDG_FILE.name)

#: The five documents, the text each is encoded from, and the municipalities that publish it.
DOCUMENTS: dict[str, tuple[str, frozenset[URIRef]]] = {
    "https://w3id.org/glocal/id/finspang/internationellt-program": (
        "000_063182793bb327c4.txt",
        frozenset({ACTOR.finspang}),
    ),
    "https://w3id.org/glocal/id/linkoping-norrkoping/riktlinje-for-internationellt-arbete": (
        "001_b1ae21d98ef60b9e.txt",
        frozenset({ACTOR.linkoping, ACTOR.norrkoping}),
    ),
    "https://w3id.org/glocal/id/tranas/internationellt-arbete": (
        "002_35427d06caa9381f.txt",
        frozenset({ACTOR.tranas}),
    ),
    "https://w3id.org/glocal/id/nassjo/strategi-for-internationellt-arbete": (
        "003_0d99bc0ea2b53663.txt",
        frozenset({ACTOR.nassjo}),
    ),
    "https://w3id.org/glocal/id/linkoping-norrkoping/internationell-strategi": (
        "004_040a7913594e06ec.txt",
        frozenset({ACTOR.linkoping, ACTOR.norrkoping}),
    ),
}

#: The classes whose every instance is a statement of a document (modelling.md, "Statements").
STATEMENT_CLASSES = (
    GLOCAL.Goal,
    GLOCAL.PriorityArea,
    GLOCAL.Strategy,
    GLOCAL.Activity,
    GLOCAL.Indicator,
    GLOCAL.Purpose,
    GLOCAL.SuccessFactor,
    GLOCAL.Principle,
    GLOCAL.Responsibility,
    GLOCAL.FollowUp,
    GLOCAL.Rationale,
    GLOCAL.Precondition,
    GLOCAL.Example,
    GLOCAL.Background,
    GLOCAL.Limitation,
    GLOCAL.ReportContent,
)
DOCUMENT_TYPES = frozenset(
    {
        GLOCAL.ProgrammeDocument,
        GLOCAL.StrategyDocument,
        GLOCAL.GuidelineDocument,
        GLOCAL.PolicyDocument,
    }
)
#: Namespaces whose IRIs are declared (typed, labelled) in exactly one data file.
DECLARED_NAMESPACES = (str(ACTOR), str(PLAN), str(FUND), str(WORK), str(SOURCE))
#: Properties whose values are dates.
DATE_PROPERTIES = frozenset(
    {
        DCTERMS.issued,
        DCTERMS.dateAccepted,
        DCTERMS.dateCopyrighted,
        DCTERMS.dateSubmitted,
        DCTERMS.created,
        DCTERMS.modified,
        DCTERMS.available,
        DCTERMS.valid,
        DCTERMS.date,
        GLOCAL.revisionDue,
        GLOCAL.lastReviewed,
        GLOCAL.startDate,
        GLOCAL.endDate,
        GLOCAL.approvedOn,
    }
)
DATE_FORMS = {
    rdflib_namespace.XSD.date: re.compile(r"-?\d{4,}-\d{2}-\d{2}"),
    rdflib_namespace.XSD.gYearMonth: re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])"),
    rdflib_namespace.XSD.gYear: re.compile(r"-?\d{4,}"),
}
#: Properties that place a listed node under its parent: a list is one class of node stated in
#: one document under the same parents.
PARENT_PROPERTIES = (GLOCAL.contributesTo, DCTERMS.isPartOf, SKOS.inScheme)
GLOCAL_TERMS = frozenset(URIRef(str(GLOCAL._NS) + name) for name in GLOCAL.__annotations__)


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _source_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))}


@pytest.fixture(scope="module")
def file_graphs() -> dict[str, Graph]:
    """Every data file that parses, by file name (``test_parses`` reports the others)."""
    graphs = {}
    for path in DATA_FILES:
        try:
            graphs[path.name] = _parse(path)
        except Exception:  # reported by test_parses
            continue
    return graphs


@pytest.fixture(scope="module")
def merged(file_graphs: dict[str, Graph]) -> Graph:
    graph = Graph()
    for part in file_graphs.values():
        graph += part
    return graph


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return _source_texts()


def _file_graph(file_graphs: Mapping[str, Graph], name: str) -> Graph:
    if name not in file_graphs:
        pytest.fail(f"data/{name} does not parse; see test_parses")
    return file_graphs[name]


# --------------------------------------------------------------------------------------------
# The checks: each returns its failures, one sentence each
# --------------------------------------------------------------------------------------------


def _n(node: Node) -> str:
    return node.n3() if not isinstance(node, BNode) else f"a blank node ({node})"


def _owners(context: Graph, selector: Node) -> str:
    owners = sorted(_n(s) for s in context.subjects(PROV.wasDerivedFrom, selector))
    return ", ".join(owners) or _n(selector)


def _quotes(context: Graph, node: Node) -> Iterator[tuple[Node, Node | None]]:
    """The quote selectors of ``node`` (those with an ``oa:exact``) and their documents."""
    for selector in context.objects(node, PROV.wasDerivedFrom):
        if context.value(selector, OA.exact) is not None:
            yield selector, context.value(selector, DCTERMS.source)


def quote_failures(
    graph: Graph, texts: Mapping[str, str], context: Graph | None = None
) -> list[str]:
    """Every ``oa:exact`` in ``graph`` stands verbatim in the text of its document."""
    context = graph if context is None else context
    failures = []
    for selector, quote in sorted(graph.subject_objects(OA.exact), key=lambda so: str(so[1])):
        where = _owners(context, selector)
        if (selector, RDF.type, OA.TextQuoteSelector) not in context:
            failures.append(f"{where}: the quote {str(quote)!r} is not an oa:TextQuoteSelector")
        document = context.value(selector, DCTERMS.source)
        if document is None:
            failures.append(f"{where}: the quote {str(quote)!r} has no dcterms:source document")
            continue
        source = context.value(document, DCTERMS.source)
        if source is None or not str(source).startswith(str(SOURCE)):
            failures.append(
                f"{where}: the document {_n(document)} of the quote {str(quote)!r} has no "
                f"dcterms:source under {SOURCE}"
            )
            continue
        name = str(source)[len(str(SOURCE)) :]
        if name not in texts:
            failures.append(
                f"{where}: the source text {name} of {_n(document)} is not in data/sources/"
            )
        elif not contains(texts[name], str(quote)):
            failures.append(f"{where}: the quote {str(quote)!r} does not stand in {name}")
    return failures


def statement_failures(graph: Graph, context: Graph | None = None) -> list[str]:
    """Every statement is stated in a document, labelled in Swedish and quoted from its document."""
    context = graph if context is None else context
    failures = []
    for cls in STATEMENT_CLASSES:
        for node in sorted(set(graph.subjects(RDF.type, cls))):
            where = f"{_n(node)} ({cls.fragment})"
            documents = set(context.objects(node, GLOCAL.statedIn))
            if not documents:
                failures.append(f"{where}: has no glocal:statedIn document")
            for document in documents:
                if (document, RDF.type, GLOCAL.GoverningDocument) not in context:
                    failures.append(f"{where}: glocal:statedIn {_n(document)}, not a document")
            labels = [
                o
                for o in context.objects(node, SKOS.prefLabel)
                if isinstance(o, Literal) and o.language == "sv"
            ]
            if len(labels) != 1:
                failures.append(f"{where}: has {len(labels)} skos:prefLabel@sv, expected 1")
            if not any(doc in documents for _, doc in _quotes(context, node)):
                failures.append(f"{where}: has no quote from the documents it is stated in")
    for node in sorted(set(graph.subjects(RDF.type, GLOCAL.Partnership))):
        if not any(True for _ in _quotes(context, node)):
            failures.append(f"{_n(node)} (Partnership): has no quote")
    return failures


def declaration_failures(graphs: Mapping[str, Graph]) -> list[str]:
    """Every actor, plan, fund, work and source is declared (typed, labelled) in exactly one file."""
    typed: defaultdict[URIRef, set[str]] = defaultdict(set)
    labelled: defaultdict[URIRef, set[str]] = defaultdict(set)
    used: defaultdict[URIRef, set[str]] = defaultdict(set)
    for name, graph in graphs.items():
        for s, p, o in graph:
            for node in (s, o):
                if isinstance(node, URIRef) and str(node).startswith(DECLARED_NAMESPACES):
                    used[node].add(name)
            if isinstance(s, URIRef) and str(s).startswith(DECLARED_NAMESPACES):
                if p == RDF.type:
                    typed[s].add(name)
                elif p in (SKOS.prefLabel, SKOS.altLabel):
                    labelled[s].add(name)
    failures = []
    for node in sorted(used):
        files = sorted(typed[node])
        if not files:
            failures.append(f"{_n(node)} is used in {sorted(used[node])} but declared in no file")
        elif len(files) > 1:
            failures.append(f"{_n(node)} is declared (rdf:type) in {len(files)} files: {files}")
        stray = sorted(labelled[node] - typed[node])
        if files and stray:
            failures.append(
                f"{_n(node)} is labelled in {stray}, not where it is declared ({files})"
            )
    return failures


def mention_failures(graph: Graph, context: Graph | None = None) -> list[str]:
    """Every actor a document mentions has a quote from that document."""
    context = graph if context is None else context
    failures = []
    for document, actor in sorted(graph.subject_objects(GLOCAL.mentions)):
        if not any(doc == document for _, doc in _quotes(context, actor)):
            failures.append(
                f"{_n(document)} mentions {_n(actor)} but the actor has no quote from it"
            )
    return failures


def alignment_failures(graph: Graph, context: Graph | None = None) -> list[str]:
    """``glocal:alignedWith`` triples and ``glocal:SDGAlignment`` nodes match one to one."""
    context = graph if context is None else context
    failures = []
    for node, sdg in sorted(graph.subject_objects(GLOCAL.alignedWith)):
        if not any(
            (a, GLOCAL.sdg, sdg) in context and (a, RDF.type, GLOCAL.SDGAlignment) in context
            for a in context.subjects(GLOCAL.alignmentOf, node)
        ):
            failures.append(f"{_n(node)} glocal:alignedWith {_n(sdg)} has no glocal:SDGAlignment")
    for alignment in sorted(set(graph.subjects(RDF.type, GLOCAL.SDGAlignment))):
        where = f"{_n(alignment)} (SDGAlignment)"
        nodes = list(context.objects(alignment, GLOCAL.alignmentOf))
        sdgs = list(context.objects(alignment, GLOCAL.sdg))
        bases = list(context.objects(alignment, GLOCAL.basis))
        if len(nodes) != 1 or len(sdgs) != 1:
            failures.append(
                f"{where}: has {len(nodes)} glocal:alignmentOf and {len(sdgs)} glocal:sdg"
            )
        elif (nodes[0], GLOCAL.alignedWith, sdgs[0]) not in context:
            failures.append(f"{where}: {_n(nodes[0])} has no glocal:alignedWith {_n(sdgs[0])}")
        if len(bases) != 1 or bases[0] not in (GLOCAL.Explicit, GLOCAL.Interpreted):
            failures.append(f"{where}: glocal:basis is {bases}, not one of Explicit, Interpreted")
        agents = set(context.objects(alignment, PROV.wasAttributedTo))
        if not agents:
            failures.append(f"{where}: has no prov:wasAttributedTo")
        if not any(True for _ in _quotes(context, alignment)):
            failures.append(f"{where}: has no quote")
        if GLOCAL.Interpreted in bases:
            languages = {
                o.language
                for o in context.objects(alignment, GLOCAL.rationale)
                if isinstance(o, Literal)
            }
            for language in ("sv", "en"):
                if language not in languages:
                    failures.append(f"{where}: interpreted but has no glocal:rationale@{language}")
            if ACTOR["glocal-editors"] not in agents:
                failures.append(f"{where}: interpreted but not attributed to actor:glocal-editors")
    return failures


def sdg_failures(graph: Graph, known: set[Node]) -> list[str]:
    """Every SDG IRI the data uses is a goal, target or indicator of ``data/sdg.ttl``."""
    used = {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(SDG))
    }
    used |= set(graph.objects(None, GLOCAL.alignedWith)) | set(graph.objects(None, GLOCAL.sdg))
    return [f"{_n(iri)} is not in data/sdg.ttl" for iri in sorted(used) if iri not in known]


def date_failures(graph: Graph) -> list[str]:
    """Dates are well-formed ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` literals."""
    failures = []
    for s, p, o in sorted(graph):
        if not isinstance(o, Literal):
            continue
        if o.datatype in DATE_FORMS:
            if not DATE_FORMS[o.datatype].fullmatch(str(o)) or o.ill_typed:
                failures.append(f"{_n(s)} {_n(p)}: {o.n3()} is not a valid date")
        elif p in DATE_PROPERTIES:
            failures.append(f"{_n(s)} {_n(p)}: {o.n3()} is not an xsd:date, gYearMonth or gYear")
    return failures


def term_failures(graph: Graph) -> list[str]:
    """Every term under the glocal ontology namespace is one of ``namespaces.GLOCAL``."""
    used = {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(GLOCAL._NS))
    }
    return [
        f"{_n(term)} is not a term of glocal's ontology" for term in sorted(used - GLOCAL_TERMS)
    ]


def position_failures(graph: Graph, context: Graph | None = None) -> list[str]:
    """Within one list, ``glocal:position`` runs 1..n without gaps or repeats.

    A list is the nodes of one glocal class stated in one document under the same parents
    (``glocal:contributesTo``, ``dcterms:isPartOf``, ``skos:inScheme``); a node stated in two
    documents (two versions of one text) is in the list of each. Lists are gathered from
    ``context``; those with a member in ``graph`` are checked.
    """
    context = graph if context is None else context
    lists: defaultdict[tuple[object, ...], list[tuple[int, Node]]] = defaultdict(list)
    failures = []
    for node, position in sorted(context.subject_objects(GLOCAL.position)):
        value = position.toPython() if isinstance(position, Literal) else None
        if not isinstance(value, int) or isinstance(value, bool):
            if (node, GLOCAL.position, position) in graph:
                failures.append(f"{_n(node)}: glocal:position {_n(position)} is not an integer")
            continue
        classes = frozenset(c for c in context.objects(node, RDF.type) if c in GLOCAL_TERMS)
        parents = tuple(frozenset(context.objects(node, p)) for p in PARENT_PROPERTIES)
        for document in set(context.objects(node, GLOCAL.statedIn)) or {None}:
            lists[(classes, document, *parents)].append((value, node))
    mine = set(graph.subjects(GLOCAL.position, None))
    for key, members in lists.items():
        if not mine.intersection(node for _, node in members):
            continue
        positions = sorted(value for value, _ in members)
        if positions != list(range(1, len(positions) + 1)):
            nodes = ", ".join(f"{_n(node)}={value}" for value, node in sorted(members, key=str))
            where = f" in {_n(key[1])}" if isinstance(key[1], Node) else ""
            failures.append(
                f"a list's positions{where} are {positions}, not 1..{len(positions)}: {nodes}"
            )
    return failures


def document_failures(
    graph: Graph, iri: URIRef, source_name: str, publishers: Iterable[URIRef]
) -> list[str]:
    """The document is there with its title, type, publishers and source text."""
    where = _n(iri)
    if (iri, RDF.type, GLOCAL.GoverningDocument) not in graph:
        return [f"{where} is not a glocal:GoverningDocument in the data"]
    failures = []
    titles = [
        t
        for t in graph.objects(iri, DCTERMS.title)
        if isinstance(t, Literal) and t.language == "sv"
    ]
    if len(titles) != 1:
        failures.append(f"{where}: has {len(titles)} dcterms:title@sv, expected 1")
    types = set(graph.objects(iri, DCTERMS.type))
    if len(types) != 1 or not types <= DOCUMENT_TYPES:
        failures.append(
            f"{where}: dcterms:type is {sorted(types)}, expected one glocal:DocumentTypes concept"
        )
    found = set(graph.objects(iri, DCTERMS.publisher))
    if found != set(publishers):
        failures.append(
            f"{where}: dcterms:publisher is {sorted(found)}, expected {sorted(publishers)}"
        )
    for publisher in found:
        if (publisher, RDF.type, GLOCAL.Municipality) not in graph:
            failures.append(f"{where}: the publisher {_n(publisher)} is not a glocal:Municipality")
    sources = set(graph.objects(iri, DCTERMS.source))
    if sources != {SOURCE[source_name]}:
        failures.append(
            f"{where}: dcterms:source is {sorted(sources)}, expected {_n(SOURCE[source_name])}"
        )
    if (SOURCE[source_name], RDF.type, PROV.Entity) not in graph:
        failures.append(f"{_n(SOURCE[source_name])} is not declared a prov:Entity")
    return failures


def _assert_none(failures: list[str], what: str) -> None:
    if failures:
        listing = "\n  ".join(failures)
        pytest.fail(f"{len(failures)} {what}:\n  {listing}", pytrace=False)


# --------------------------------------------------------------------------------------------
# The checks over the bundled data
# --------------------------------------------------------------------------------------------

FILE_IDS = [p.name for p in DATA_FILES]


def test_data_files_exist() -> None:
    assert DATA_FILES, "data/ holds no data files"
    assert (DATA / "actors.ttl") in DATA_FILES


#: The source texts exactly as extracted: every quote is checked against these bytes.
SOURCE_SHA256 = {
    "000_063182793bb327c4.txt": "b50686a05e1f6b869e1d2c9dff6fa7f5a88895c4c9916346cd1a394752d73b55",
    "001_b1ae21d98ef60b9e.txt": "3a32875e3ee1003bd025ddd7d2047db41bb26f8c536cbf4cb037a067f69fcaae",
    "002_35427d06caa9381f.txt": "04c4311eeb06e7c8e40a2d18c2275f10f2930dd984fdf99a61b7f915903be556",
    "003_0d99bc0ea2b53663.txt": "ebb0600b437d0a070d1bae9b15bf4e00d055d3285c8f1a13e36527d3981b6375",
    "004_040a7913594e06ec.txt": "745c2d6ba6f1ac6e9493f091706cb19fb284e827cbcef9539d73030bdc5a0e2c",
}


def test_sources_are_the_five_texts_unchanged() -> None:
    assert {p.name for p in SOURCES.glob("*.txt")} == set(SOURCE_SHA256)
    assert {source for source, _ in DOCUMENTS.values()} == set(SOURCE_SHA256)
    for name, digest in SOURCE_SHA256.items():
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name
    assert (SOURCES / "README.md").is_file()


@pytest.mark.parametrize("path", DATA_FILES, ids=FILE_IDS)
def test_parses(path: Path) -> None:
    _parse(path)


@pytest.mark.parametrize("name", FILE_IDS)
def test_quotes_stand_in_their_texts(
    name: str, file_graphs: dict[str, Graph], merged: Graph, texts: dict[str, str]
) -> None:
    failures = quote_failures(_file_graph(file_graphs, name), texts, merged)
    _assert_none(failures, f"quotes in data/{name} fail")


@pytest.mark.parametrize("name", FILE_IDS)
def test_statements_are_stated_labelled_and_quoted(
    name: str, file_graphs: dict[str, Graph], merged: Graph
) -> None:
    _assert_none(
        statement_failures(_file_graph(file_graphs, name), merged),
        f"statements in data/{name} fail",
    )


def test_every_actor_is_declared_in_exactly_one_file(file_graphs: dict[str, Graph]) -> None:
    _assert_none(declaration_failures(file_graphs), "declarations fail")


@pytest.mark.parametrize("name", FILE_IDS)
def test_every_mentioned_actor_is_quoted(
    name: str, file_graphs: dict[str, Graph], merged: Graph
) -> None:
    _assert_none(
        mention_failures(_file_graph(file_graphs, name), merged), f"mentions in data/{name} fail"
    )


@pytest.mark.parametrize("name", FILE_IDS)
def test_alignments_are_complete(name: str, file_graphs: dict[str, Graph], merged: Graph) -> None:
    _assert_none(
        alignment_failures(_file_graph(file_graphs, name), merged),
        f"alignments in data/{name} fail",
    )


@pytest.fixture(scope="module")
def sdg_iris() -> set[Node]:
    if not SDG_FILE.is_file():
        pytest.skip("data/sdg.ttl is absent, so SDG IRIs cannot be checked against it")
    return set(_parse(SDG_FILE).subjects(RDF.type, None))


@pytest.mark.parametrize("name", FILE_IDS)
def test_sdg_iris_exist(name: str, file_graphs: dict[str, Graph], sdg_iris: set[Node]) -> None:
    _assert_none(
        sdg_failures(_file_graph(file_graphs, name), sdg_iris), f"SDG IRIs in data/{name} fail"
    )


@pytest.mark.parametrize("name", FILE_IDS)
def test_dates_are_typed(name: str, file_graphs: dict[str, Graph]) -> None:
    _assert_none(date_failures(_file_graph(file_graphs, name)), f"dates in data/{name} fail")


@pytest.mark.parametrize("name", FILE_IDS)
def test_only_glocal_terms(name: str, file_graphs: dict[str, Graph]) -> None:
    _assert_none(term_failures(_file_graph(file_graphs, name)), f"terms in data/{name} fail")


@pytest.mark.parametrize("name", FILE_IDS)
def test_positions_run_without_gaps(
    name: str, file_graphs: dict[str, Graph], merged: Graph
) -> None:
    _assert_none(
        position_failures(_file_graph(file_graphs, name), merged), f"positions in data/{name} fail"
    )


@pytest.mark.parametrize(
    "iri", sorted(DOCUMENTS), ids=[s for s, _ in (DOCUMENTS[k] for k in sorted(DOCUMENTS))]
)
def test_document_is_present(iri: str, merged: Graph) -> None:
    source_name, publishers = DOCUMENTS[iri]
    _assert_none(
        document_failures(merged, URIRef(iri), source_name, publishers), "document facts fail"
    )


def test_shared_actors_are_declared_in_actors_ttl(file_graphs: dict[str, Graph]) -> None:
    actors = _file_graph(file_graphs, "actors.ttl")
    shared = {
        ACTOR[n]
        for n in (
            "finspang",
            "linkoping",
            "norrkoping",
            "tranas",
            "nassjo",
            "region-ostergotland",
            "region-ostergotland-eu-kontor",
            "skr",
            "eu",
            "europeiska-kommissionen",
            "glocal-editors",
        )
    } | {PLAN["agenda-2030"]}
    assert shared <= set(actors.subjects(RDF.type, None))
    for municipality in ("finspang", "linkoping", "norrkoping", "tranas", "nassjo"):
        assert (ACTOR[municipality], RDF.type, GLOCAL.Municipality) in actors
        assert (ACTOR[municipality], RDF.type, ORG.FormalOrganization) in actors
    assert (
        ACTOR["region-ostergotland-eu-kontor"],
        ORG.unitOf,
        ACTOR["region-ostergotland"],
    ) in actors
    assert actors.value(ACTOR.skr, SKOS.prefLabel) is not None
    assert Literal("Sveriges Kommuner och Landsting", lang="sv") in set(
        actors.objects(ACTOR.skr, SKOS.altLabel)
    )
    assert not set(actors.subjects(PROV.wasDerivedFrom, None)), "actors.ttl carries no quotes"


# --------------------------------------------------------------------------------------------
# Negative cases: each check catches its fault
# --------------------------------------------------------------------------------------------

PREFIX_LINES = """
@prefix actor: <https://w3id.org/glocal/id/actor/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix sdg: <http://metadata.un.org/sdg/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://w3id.org/glocal/id/example/doc/> .
@prefix doc: <https://w3id.org/glocal/id/example/> .
"""
PREFIXES = (
    PREFIX_LINES
    + """
doc:doc a glocal:GoverningDocument ;
    dcterms:source <https://w3id.org/glocal/id/source/example.txt> .
"""
)
TEXTS = {"example.txt": "Målen är följande: öka inter-\nnationell samverkan och kunskap om EU."}


def _g(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def _bare(turtle: str) -> Graph:
    """A graph of ``turtle`` alone, without the example document."""
    return Graph().parse(data=PREFIX_LINES + turtle, format="turtle")


GOOD_GOAL = """
ex:goal-1 a glocal:Goal ; skos:prefLabel "öka internationell samverkan"@sv ;
    glocal:statedIn doc:doc ; glocal:position 1 ;
    prov:wasDerivedFrom [ a oa:TextQuoteSelector ; oa:exact "öka internationell samverkan" ;
        dcterms:source doc:doc ] .
"""


def test_good_example_passes_every_check() -> None:
    graph = _g(GOOD_GOAL)
    assert quote_failures(graph, TEXTS) == []
    assert statement_failures(graph) == []
    assert position_failures(graph) == []
    assert term_failures(graph) == []


def test_quote_check_catches_a_quote_not_in_the_text() -> None:
    graph = _g(
        GOOD_GOAL.replace('oa:exact "öka internationell samverkan"', 'oa:exact "öka samverkan"')
    )
    failures = quote_failures(graph, TEXTS)
    assert len(failures) == 1
    assert "'öka samverkan' does not stand in example.txt" in failures[0]
    assert "example/doc/goal-1" in failures[0]


def test_quote_check_catches_a_quote_without_a_document() -> None:
    graph = _g('ex:goal-1 prov:wasDerivedFrom [ a oa:TextQuoteSelector ; oa:exact "EU" ] .')
    assert ["has no dcterms:source document" in f for f in quote_failures(graph, TEXTS)] == [True]


def test_statement_check_catches_a_missing_statedin_label_and_quote() -> None:
    graph = _g("ex:goal-1 a glocal:Strategy .")
    failures = statement_failures(graph)
    assert len(failures) == 3
    assert "has no glocal:statedIn document" in failures[0]
    assert "has 0 skos:prefLabel@sv" in failures[1]
    assert "has no quote from the documents it is stated in" in failures[2]


def test_statement_check_catches_a_quote_from_another_document() -> None:
    graph = _g(
        GOOD_GOAL + "doc:other a glocal:GoverningDocument . ex:goal-1 glocal:statedIn doc:other ."
    )
    graph.remove(
        (
            URIRef("https://w3id.org/glocal/id/example/doc/goal-1"),
            GLOCAL.statedIn,
            URIRef("https://w3id.org/glocal/id/example/doc"),
        )
    )
    assert ["no quote from the documents" in f for f in statement_failures(graph)] == [True]


def test_declaration_check_catches_an_actor_typed_in_two_files_or_none() -> None:
    one = _bare('actor:x a glocal:Municipality . actor:y skos:prefLabel "Y"@sv .')
    two = _bare("actor:x a glocal:Municipality . doc:doc glocal:mentions actor:z .")
    assert declaration_failures({"one.ttl": one, "two.ttl": two}) == [
        "<https://w3id.org/glocal/id/actor/x> is declared (rdf:type) in 2 files: "
        "['one.ttl', 'two.ttl']",
        "<https://w3id.org/glocal/id/actor/y> is used in ['one.ttl'] but declared in no file",
        "<https://w3id.org/glocal/id/actor/z> is used in ['two.ttl'] but declared in no file",
    ]


def test_declaration_check_catches_a_label_outside_the_declaring_file() -> None:
    one = _bare("actor:x a glocal:Municipality .")
    two = _bare('actor:x skos:prefLabel "X"@sv .')
    assert declaration_failures({"one.ttl": one, "two.ttl": two}) == [
        "<https://w3id.org/glocal/id/actor/x> is labelled in ['two.ttl'], "
        "not where it is declared (['one.ttl'])"
    ]


def test_mention_check_catches_an_unquoted_mention() -> None:
    graph = _g("""
        doc:doc glocal:mentions actor:x , actor:y .
        actor:x prov:wasDerivedFrom [ a oa:TextQuoteSelector ; oa:exact "EU" ;
            dcterms:source doc:doc ] .
        actor:y prov:wasDerivedFrom [ a oa:TextQuoteSelector ; oa:exact "EU" ;
            dcterms:source doc:other ] .
    """)
    failures = mention_failures(graph)
    assert len(failures) == 1
    assert "mentions <https://w3id.org/glocal/id/actor/y>" in failures[0]


ALIGNMENT = """
ex:goal-1 glocal:alignedWith sdg:17 .
ex:alignment-1 a glocal:SDGAlignment ; glocal:alignmentOf ex:goal-1 ; glocal:sdg sdg:17 ;
    glocal:basis glocal:Interpreted ; prov:wasAttributedTo actor:glocal-editors ;
    glocal:rationale "Samverkan."@sv , "Partnership."@en ;
    prov:wasDerivedFrom [ a oa:TextQuoteSelector ; oa:exact "samverkan" ; dcterms:source doc:doc ] .
"""


def test_alignment_check_passes_a_complete_alignment() -> None:
    assert alignment_failures(_g(ALIGNMENT)) == []


def test_alignment_check_catches_an_alignedwith_without_alignment() -> None:
    failures = alignment_failures(_g(ALIGNMENT + "ex:goal-1 glocal:alignedWith sdg:4 ."))
    assert failures == [
        "<https://w3id.org/glocal/id/example/doc/goal-1> glocal:alignedWith "
        "<http://metadata.un.org/sdg/4> has no glocal:SDGAlignment"
    ]


def test_alignment_check_catches_an_alignment_without_alignedwith() -> None:
    graph = _g(ALIGNMENT)
    graph.remove((None, GLOCAL.alignedWith, None))
    assert ["has no glocal:alignedWith" in f for f in alignment_failures(graph)] == [True]


def test_alignment_check_catches_an_interpretation_without_rationale_or_editors() -> None:
    graph = _g(
        ALIGNMENT.replace(' , "Partnership."@en', "").replace("actor:glocal-editors", "actor:x")
    )
    failures = alignment_failures(graph)
    assert len(failures) == 2
    assert "no glocal:rationale@en" in failures[0]
    assert "not attributed to actor:glocal-editors" in failures[1]


def test_sdg_check_catches_an_unknown_target() -> None:
    graph = _g(ALIGNMENT.replace("sdg:17", "sdg:17.99"))
    assert sdg_failures(graph, {SDG["17"]}) == [
        "<http://metadata.un.org/sdg/17.99> is not in data/sdg.ttl"
    ]


def test_date_check_catches_untyped_and_invalid_dates() -> None:
    graph = _g("""
        doc:doc dcterms:issued "2016-04-23" ; glocal:revisionDue "2020-04-31"^^xsd:date ;
            dcterms:dateAccepted "2019"^^xsd:gYear ; glocal:lastReviewed "2020-13"^^xsd:gYearMonth .
    """)
    failures = date_failures(graph)
    assert len(failures) == 3
    assert any('"2016-04-23" is not an xsd:date' in f for f in failures)
    assert any('"2020-04-31"^^' in f and "not a valid date" in f for f in failures)
    assert any('"2020-13"^^' in f and "not a valid date" in f for f in failures)


def test_term_check_catches_an_unknown_glocal_term() -> None:
    graph = _g(GOOD_GOAL + "ex:goal-1 glocal:contribtesTo ex:goal-2 .")
    assert term_failures(graph) == [
        "<https://w3id.org/glocal/ontology#contribtesTo> is not a term of glocal's ontology"
    ]


def test_position_check_catches_a_gap_and_a_repeat() -> None:
    graph = _g("""
        ex:goal-1 a glocal:Goal ; glocal:statedIn doc:doc ; glocal:position 1 .
        ex:goal-2 a glocal:Goal ; glocal:statedIn doc:doc ; glocal:position 3 .
        ex:strategy-1 a glocal:Strategy ; glocal:statedIn doc:doc ; glocal:contributesTo ex:goal-1 ;
            glocal:position 1 .
        ex:strategy-2 a glocal:Strategy ; glocal:statedIn doc:doc ; glocal:contributesTo ex:goal-1 ;
            glocal:position 1 .
        ex:strategy-3 a glocal:Strategy ; glocal:statedIn doc:doc ; glocal:contributesTo ex:goal-2 ;
            glocal:position 1 .
    """)
    failures = position_failures(graph)
    assert len(failures) == 2
    assert any(
        "positions in <https://w3id.org/glocal/id/example/doc> are [1, 3]" in f for f in failures
    )
    assert any("are [1, 1], not 1..2" in f for f in failures)


def test_position_check_counts_a_node_of_two_versions_in_each_list() -> None:
    # goal-1 and goal-3 stand in both versions; goal-2 only in doc:doc, goal-4 only in doc:other
    versions = """
        doc:other a glocal:GoverningDocument .
        ex:goal-1 a glocal:Goal ; glocal:statedIn doc:doc , doc:other ; glocal:position 1 .
        ex:goal-2 a glocal:Goal ; glocal:statedIn doc:doc ; glocal:position 2 .
        ex:goal-3 a glocal:Goal ; glocal:statedIn doc:doc , doc:other ; glocal:position 3 .
    """
    goal_4 = "ex:goal-4 a glocal:Goal ; glocal:statedIn doc:other ; glocal:position 2 ."
    assert position_failures(_g(versions + goal_4)) == []
    failures = position_failures(_g(versions))
    assert len(failures) == 1
    expected = "positions in <https://w3id.org/glocal/id/example/other> are [1, 3], not 1..2"
    assert expected in failures[0]


def test_document_check_catches_missing_facts() -> None:
    graph = _g('doc:doc dcterms:title "Program" .')
    failures = document_failures(
        graph, URIRef("https://w3id.org/glocal/id/example/doc"), "example.txt", [ACTOR.x]
    )
    assert any("dcterms:title@sv" in f for f in failures)
    assert any("dcterms:type" in f for f in failures)
    assert any("dcterms:publisher" in f for f in failures)
    assert any("not declared a prov:Entity" in f for f in failures)
    assert document_failures(graph, URIRef("https://w3id.org/glocal/id/example/none"), "x", []) == [
        "<https://w3id.org/glocal/id/example/none> is not a glocal:GoverningDocument in the data"
    ]


def test_issue_14_no_foreign_body_is_a_swedish_municipality(merged: Graph) -> None:
    """glocal:Municipality is a Swedish municipality: the five publishers, nothing else; every
    twin town, former twin town and other town abroad is a glocal:ForeignMunicipality."""
    swedish = set(merged.subjects(RDF.type, GLOCAL.Municipality))
    assert swedish == {p for _, publishers in DOCUMENTS.values() for p in publishers}
    twin_partners = {
        partner
        for partnership in merged.subjects(GLOCAL.partnershipType, GLOCAL.TwinTown)
        for partner in merged.objects(partnership, GLOCAL.partner)
    } - swedish
    foreign = set(merged.subjects(RDF.type, GLOCAL.ForeignMunicipality))
    assert twin_partners, "the documents name twin towns"
    assert twin_partners <= foreign
    assert ACTOR["indre-ostfold"] in foreign
    assert not swedish & foreign


def test_issue_14_every_interpretation_says_why_this_target_and_not_its_neighbours(
    merged: Graph,
) -> None:
    """An interpreted SDG link's rationale says, in both languages, why this goal or target and
    not a neighbouring one (or why the goal and not a target)."""
    failures = []
    for alignment in merged.subjects(GLOCAL.basis, GLOCAL.Interpreted):
        rationale = {r.language: str(r) for r in merged.objects(alignment, GLOCAL.rationale)
                     if isinstance(r, Literal)}
        if not re.search(r"\b(Inte|Målet och inte)\b", rationale.get("sv", "")):
            failures.append(f"{_n(alignment)} (sv)")
        if not re.search(r"\b(Not|The goal, not)\b", rationale.get("en", "")):
            failures.append(f"{_n(alignment)} (en)")
    assert failures == []
