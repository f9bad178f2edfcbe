"""The knowledge graph: load, merge, query; the backend behind it (embedded pyoxigraph).

>>> import glocal
>>> kg = glocal.load()
>>> kg.ask("ASK { <http://metadata.un.org/sdg/17.17> ?p ?o }")
True
>>> rows = kg.query('''
...     PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
...     SELECT ?label WHERE { ?goal skos:notation "17" ; skos:prefLabel ?label
...                           FILTER(lang(?label) = "sv") }''')
>>> str(rows[0]["label"])
'Stärka genomförandemedlen och återvitalisera det globala partnerskapet för hållbar utveckling'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from typing import Literal as Literal_

import pyoxigraph as ox
from rdflib import Graph, Namespace
from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, Node, URIRef

from glocal import resources
from glocal.errors import InputError, QueryError
from glocal.namespaces import PREFIXES, as_iri, curie
from glocal.rdf import sparql
from glocal.rdf.formats import (
    FORMATS,
    Format,
    format_for,
    load_file,
    parse_file,
    rdf_files,
    write_atomic,
    xml_safe,
)

if TYPE_CHECKING:
    from datetime import date

    import networkx as nx

    from glocal.reasoning.reason import Reasoner, ReasoningResult
    from glocal.trace.coverage import CoverageReport
    from glocal.trace.trace import Contributors, Traces
    from glocal.validation.report import ValidationReport

__all__ = ["GRAPH", "Backend", "KnowledgeGraph", "OxigraphBackend", "Row", "load", "open_store"]

#: Names of the named graphs glocal keeps: one for the ontology, one for the SDGs, one per file.
GRAPH = Namespace("https://w3id.org/glocal/graph/")

Row = dict[str, Node]
_XSD_STRING = str(XSD.string)


class Backend(Protocol):
    """Where the triples live. Embedded pyoxigraph today; any SPARQL 1.1 store tomorrow."""

    def add(self, quads: Sequence[ox.Quad]) -> None:
        """Add every quad or none."""

    def select(self, query: str) -> list[Row]: ...

    def ask(self, query: str) -> bool: ...

    def construct(self, query: str) -> Graph: ...

    def graphs(self) -> list[URIRef]: ...

    def quads(self) -> Iterator[ox.Quad]: ...

    def __len__(self) -> int: ...

    def close(self) -> None: ...


def _node(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise QueryError(f"unsupported term in a result: {term!r}")


@lru_cache(maxsize=1 << 16)
def _cell(cell: str) -> Node:
    """One term of a SPARQL TSV result (Turtle syntax) as an rdflib term."""
    if "\\" not in cell:
        if cell[0] == "<" and cell[1] != "<":
            return URIRef(cell[1:-1])
        if cell[0] == '"':
            end = cell.rindex('"')
            value, rest = cell[1:end], cell[end + 1:]
            if not rest:
                return Literal(value)
            if rest[0] == "@":
                return Literal(value, lang=rest[1:])
            if rest.startswith("^^<") and rest[-1] == ">":
                datatype = rest[3:-1]
                return Literal(value) if datatype == _XSD_STRING else Literal(
                    value, datatype=URIRef(datatype))
        if cell.startswith("_:"):
            return BNode(cell[2:])
    # escapes, bare numbers and booleans: let the store's Turtle parser read it
    try:
        triples = list(ox.parse(f"<urn:x:s> <urn:x:p> {cell} .".encode(),
                                format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise QueryError(f"cannot read the result term {cell[:200]!r}: {exc.msg}") from exc
    except MemoryError:  # a term over the parser's 16 MiB buffer: the bulk loader reads it
        store = ox.Store()
        store.bulk_load(input=f"<urn:x:s> <urn:x:p> {cell} .".encode(),
                        format=ox.RdfFormat.TURTLE)
        triples = list(store)
    return _node(triples[0].object)


class OxigraphBackend:
    """The embedded store: in memory, or on disk when given a path."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._store = ox.Store(str(path)) if path is not None else ox.Store()
        self._on_disk = path is not None

    def add(self, quads: Sequence[ox.Quad]) -> None:
        self._store.extend(quads)

    def load_files(self, files: Sequence[tuple[Path, Format, URIRef]],
                   advance: Callable[[float], None] | None = None) -> None:
        """Load each file into its named graph, all or none, at the parser's own speed.

        Files of triples stream straight into the store (on disk through the bulk loader);
        their graphs are new, so undoing a failed load is removing them. Files that carry named
        graphs are parsed first and added last, in one transaction.
        """
        datasets = [q for path, fmt, name in files if fmt.datasets
                    for q in _own_graphs(path, parse_file(path, fmt, ox.NamedNode(str(name))))]
        loaded: list[ox.NamedNode] = []
        try:
            for path, fmt, name in files:
                if not fmt.datasets:
                    graph = ox.NamedNode(str(name))
                    loaded.append(graph)
                    load_file(self._store, path, fmt, graph, bulk=self._on_disk)
                    if advance is not None:
                        advance(path.stat().st_size)
            self._store.extend(datasets)
        except BaseException:
            for graph in loaded:
                self._store.remove_graph(graph)
            raise

    def _run(self, query: str) -> object:
        # the default graph is the union of every graph, unless the query names its dataset
        union = not sparql.names_dataset(query)
        try:
            return self._store.query(query, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise QueryError(f"the query does not parse: {exc.msg}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def select(self, query: str) -> list[Row]:
        solutions = self._run(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query: use ask() or construct()")
        # The store writes the results as SPARQL TSV in one call, and each distinct cell
        # becomes an rdflib term once: 4x faster than converting term objects one by one.
        try:
            data = solutions.serialize(format=ox.QueryResultsFormat.TSV) or b""
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc
        lines = data.decode("utf-8").split("\n")
        if not lines[0]:  # no variables: one empty row per solution
            return [{} for _ in lines[1:-1]]
        names = [name[1:] for name in lines[0].split("\t")]
        return [{name: _cell(cell)
                 for name, cell in zip(names, line.split("\t"), strict=True) if cell}
                for line in lines[1:-1]]

    def ask(self, query: str) -> bool:
        answer = self._run(query)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def construct(self, query: str) -> Graph:
        triples = self._run(query)
        if not isinstance(triples, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in triples:
            graph.add((_node(t.subject), _node(t.predicate), _node(t.object)))
        return graph

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        self._store.flush()
        self._store = ox.Store()  # drop the on-disk store so its lock is released


class KnowledgeGraph:
    """glocal's graph: the ontology, the SDGs and the documents, queried as one.

    Make one with :func:`glocal.load` or :func:`glocal.open`.
    """

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    # --- loading -------------------------------------------------------------------------

    def add(self, *sources: str | Path, format: str | None = None,
            progress: bool = False) -> list[URIRef]:
        """Add RDF files (or the RDF files in folders), all or none; returns their graph names.

        Each file becomes one named graph, ``GRAPH["file/<name>"]``. A file that fails to
        parse raises :class:`~glocal.errors.RDFSyntaxError` and nothing at all is added.
        """
        present = set(self._backend.graphs())
        planned: list[tuple[Path, Format, URIRef]] = []
        for source in sources:
            for path in rdf_files(source):
                if _is_bundled_reference(path):
                    continue  # the ontology and SDG graph are always there already
                name = GRAPH["file/" + path.name]
                if name in present or any(name == p[2] for p in planned):
                    raise InputError(
                        str(path), f"a file named {path.name!r} is already in the graph"
                    )
                planned.append((path, format_for(path, format), name))
        if isinstance(self._backend, OxigraphBackend):
            from glocal.cli.progress import Progress

            total = sum(path.stat().st_size for path, _, _ in planned)
            with Progress("Läser in", total=total, unit="B",
                          enabled=None if progress else False) as bar:
                self._backend.load_files(planned, bar.advance)
        else:
            quads: list[ox.Quad] = []
            for path, fmt, name in planned:
                quads.extend(_own_graphs(path, parse_file(path, fmt, ox.NamedNode(str(name)))))
            self._backend.add(quads)
        return [name for _, _, name in planned]

    def add_graph(self, graph: Graph, *, name: str | URIRef) -> None:
        """Add an rdflib ``graph`` as the named graph ``name`` (not one of glocal's reference
        graphs, :data:`GRAPH` ``.sdg`` and ``.ontology``)."""
        if URIRef(str(name)) in _REFERENCE_GRAPHS:
            raise InputError(str(name), "is one of glocal's reference graphs: name another")
        data = graph.serialize(format="nt", encoding="utf-8")
        target = ox.NamedNode(str(name))
        self._backend.add([ox.Quad(q.subject, q.predicate, q.object, target)
                           for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)])

    # --- querying ------------------------------------------------------------------------

    def query(self, query: str, *, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SPARQL ``SELECT``; each row maps variable names (no ``?``) to rdflib terms.

        Values in ``bindings`` are bound, never formatted in; ``SERVICE`` and updates are
        refused with :class:`~glocal.errors.ForbiddenQueryError`.
        """
        return self._backend.select(self._prepare(query, bindings))

    def ask(self, query: str, *, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run a SPARQL ``ASK``."""
        return self._backend.ask(self._prepare(query, bindings))

    def construct(self, query: str, *, bindings: Mapping[str, Node] | None = None) -> Graph:
        """Run a SPARQL ``CONSTRUCT`` or ``DESCRIBE``; a fresh rdflib graph."""
        return self._backend.construct(self._prepare(query, bindings))

    def named_query(self, name: str, *, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run the named ``SELECT`` query ``src/glocal/queries/<name>.rq``."""
        try:
            return self.query(resources.read_query(name), bindings=bindings)
        except QueryError as exc:
            if exc.name is None:
                raise QueryError(exc.detail, name=name) from exc
            raise

    @staticmethod
    def _prepare(query: str, bindings: Mapping[str, Node] | None) -> str:
        sparql.check(query)
        return sparql.bind(query, bindings)

    # --- reading -------------------------------------------------------------------------

    def label(self, node: str | URIRef, lang: str = "sv") -> str:
        """The best label of ``node`` in ``lang``: its own, glocal's translation, any, its IRI.

        A label from glocal's reference graphs (the SDGs, the ontology) wins over one a user's
        file gives the same node in the same language.
        """
        iri = as_iri(node)
        rows = self.query(
            """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX glocal: <https://w3id.org/glocal/ontology#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?label ?rank ?reference WHERE {
              VALUES (?p ?rank) { (skos:prefLabel 1) (dcterms:title 2) (glocal:translatedLabel 3)
                                  (rdfs:label 4) }
              ?node ?p ?label
              BIND(EXISTS { VALUES ?g { <https://w3id.org/glocal/graph/sdg>
                                        <https://w3id.org/glocal/graph/ontology> }
                            GRAPH ?g { ?node ?p ?label } } AS ?reference) }""",
            bindings={"node": iri},
        )
        best = sorted(rows, key=lambda r: (_lang_rank(r["label"], lang),
                                           str(r["reference"]) != "true",
                                           int(str(r["rank"])), str(r["label"])))
        return str(best[0]["label"]) if best else curie(iri)

    def graphs(self) -> list[URIRef]:
        """The named graphs: the ontology, the SDGs and one per loaded file."""
        return self._backend.graphs()

    def validate(self, *, shapes: Sequence[str | Path] | None = None, as_of: date | None = None,
                 lang: str = "sv", timeout: float | None = 600.0,
                 engine: Literal_["auto", "pyshacl", "sparql"] = "auto",
                 progress: bool = False) -> ValidationReport:
        """Check the graph with glocal's SHACL shapes (or ``shapes``): see
        :mod:`glocal.validation.validate`.

        Returns a :class:`~glocal.report.ValidationReport`; a graph that fails is data, not an
        exception (``report.raise_for_violations()`` raises for callers who want one).
        """
        from glocal.validation.validate import validate

        return validate(self, shapes=shapes, as_of=as_of, lang=lang, timeout=timeout,
                        engine=engine, progress=progress)

    def to_rdflib(self) -> Graph:
        """Every triple as one fresh rdflib ``Graph`` (named graphs merged)."""
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        for q in self._backend.quads():
            graph.add((_node(q.subject), _node(q.predicate), _node(q.object)))
        return graph

    def dump(self, path: str | Path, *, format: str | None = None) -> None:
        """Write the graph to ``path`` (format by extension), atomically."""
        fmt = format_for(path, format)
        if fmt.name == "rdfxml":
            xml_safe(self._backend.quads(), str(path))
        if fmt.datasets and fmt.name != "jsonld":
            store = ox.Store()
            store.extend(self._backend.quads())
            data = store.dump(format=fmt.oxigraph) or b""
        else:
            data = self.to_rdflib().serialize(format=_RDFLIB_FORMAT[fmt.name], encoding="utf-8")
        write_atomic(path, [data])

    # --- traceability (glocal.trace) ------------------------------------------------------------

    def resolve(self, name: str | URIRef) -> URIRef:
        """The node an IRI, CURIE, SDG code (``"17.17"``, ``"SDG 17"``) or label names."""
        from glocal.store.names import resolve

        return name if isinstance(name, URIRef) else resolve(self, name)

    def trace(self, node: str | URIRef, *, max_paths: int = 10_000) -> Traces:
        """Every path from ``node`` up to the goals and SDGs it serves (:mod:`glocal.trace`)."""
        from glocal.trace.trace import trace

        return trace(self, node, max_paths=max_paths)

    def contributors(self, target: str | URIRef, *, max_paths: int = 10_000) -> Contributors:
        """Every node that serves an SDG, a municipal goal or a document, and through what."""
        from glocal.trace.trace import contributors

        return contributors(self, target, max_paths=max_paths)

    def coverage(self, *, document: str | URIRef | None = None,
                 municipality: str | URIRef | None = None) -> CoverageReport:
        """Which SDGs the documents serve, how complete their goals are:
        :mod:`glocal.trace.coverage`."""
        from glocal.trace.coverage import coverage

        return coverage(self, document=document, municipality=municipality)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """The strategy layer as a ``networkx.MultiDiGraph``: see :mod:`glocal.trace.network`."""
        from glocal.trace.network import to_networkx

        return to_networkx(self)

    def reason(self, *, reasoner: Reasoner = "hermit", timeout: float = 120.0,
               max_triples: int = 150_000) -> ReasoningResult:
        """OWL reasoning (HermiT or Pellet, needs Java): consistency and inferred facts, see
        :mod:`glocal.reasoning.reason`."""
        from glocal.reasoning.reason import reason

        return reason(self, reasoner=reasoner, timeout=timeout, max_triples=max_triples)

    def __len__(self) -> int:
        """The number of statements (quads) held."""
        return len(self._backend)

    def close(self) -> None:
        """Flush and release the store."""
        self._backend.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml", "jsonld": "json-ld",
                  "n3": "n3", "trig": "trig", "nquads": "nquads"}
assert set(_RDFLIB_FORMAT) == set(FORMATS)


def _lang_rank(label: Node, lang: str) -> int:
    tag = label.language if isinstance(label, Literal) else None
    if tag == lang:
        return 0
    return 1 if tag is None else 2


_REFERENCE_GRAPHS = frozenset({GRAPH.sdg, GRAPH.ontology})


def _own_graphs(path: Path, quads: list[ox.Quad]) -> list[ox.Quad]:
    """``quads`` of a user's file, refused if they name a graph in glocal's namespace: the
    reference graphs and every file's graph are glocal's to name."""
    for quad in quads:
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(str(GRAPH)) \
                and graph.value != str(GRAPH["file/" + path.name]):
            raise InputError(str(path), f"names the graph <{graph.value}>, which is glocal's "
                             f"(the SDGs, the ontology or another file's): rename it outside "
                             f"{GRAPH}")
    return quads


def _is_bundled_reference(path: Path) -> bool:
    resolved = path.resolve()
    return resolved in (resources.ontology_file().resolve(), resources.sdg_file().resolve())


def _reference_files() -> list[tuple[Path, Format, URIRef]]:
    """The ontology and the SDG graph, each with the named graph it loads into."""
    return [(resources.ontology_file(), FORMATS["turtle"], GRAPH.ontology),
            (resources.sdg_file(), FORMATS["turtle"], GRAPH.sdg)]


def load(*sources: str | Path, format: str | None = None,
         progress: bool = False) -> KnowledgeGraph:
    """A graph in memory with the ontology, the SDGs and ``sources`` (default: the bundled data).

    ``sources`` are RDF files or folders of them (Turtle, TriG, N-Triples, N-Quads, RDF/XML,
    JSON-LD; format by extension unless ``format`` names it). Nothing is fetched from the network.
    ``progress`` shows the bytes read on standard error, when it is a terminal.
    """
    backend = OxigraphBackend()
    backend.load_files(_reference_files())
    kg = KnowledgeGraph(backend)
    kg.add(*(sources or resources.data_files()), format=format, progress=progress)
    return kg


def open_store(path: str | Path) -> KnowledgeGraph:
    """A persistent graph on disk at ``path`` (created if new), with the ontology and SDGs."""
    try:
        backend = OxigraphBackend(path)
    except OSError as exc:
        raise InputError(str(path), f"cannot open the store: {exc}") from exc
    present = set(backend.graphs())
    backend.load_files([f for f in _reference_files() if f[2] not in present])
    return KnowledgeGraph(backend)

