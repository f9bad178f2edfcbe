"""The knowledge graph: load, merge, query, and the domain verbs as one-line forwards.

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Literal, Node, URIRef

from glocal import resources
from glocal.errors import InputError, QueryError
from glocal.namespaces import GRAPH, PREFIXES, as_iri, curie
from glocal.options import (
    MAX_PATHS,
    REASONER_MAX_TRIPLES,
    REASONER_TIMEOUT,
    VALIDATION_TIMEOUT,
    Engine,
    Reasoner,
)
from glocal.rdf import sparql
from glocal.rdf.formats import FORMATS, format_for, rdf_files, write_atomic, xml_safe
from glocal.rdf.terms import add_ox, to_ox
from glocal.store.backend import Backend, FileToLoad, Row
from glocal.store.embedded import OxigraphBackend

if TYPE_CHECKING:
    from datetime import date

    import networkx as nx

    from glocal.progress import ProgressCallback
    from glocal.reasoning.reason import ReasoningResult
    from glocal.trace.coverage import CoverageReport
    from glocal.trace.model import Contributors, Traces
    from glocal.trace.review import DocumentSummary
    from glocal.validation.report import ValidationReport
    from glocal.words import Lang

__all__ = ["LABELS_PER_QUERY", "KnowledgeGraph", "load", "open_store"]

#: How many nodes one query of :meth:`KnowledgeGraph.labels` asks the labels of.
LABELS_PER_QUERY = 1000


class KnowledgeGraph:
    """glocal's graph: the ontology, the SDGs and the documents, queried as one.

    Make one with :func:`glocal.load` or :func:`glocal.open`.
    """

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    @property
    def backend(self) -> Backend:
        """Where the triples live (:class:`~glocal.store.backend.Backend`)."""
        return self._backend

    # --- loading -------------------------------------------------------------------------

    def add(self, *sources: str | Path, format: str | None = None,
            progress: ProgressCallback | None = None,
            base: str | None = None) -> list[URIRef]:
        """Add RDF files (or the RDF files in folders), all or none; returns their graph names.

        Each file becomes one named graph, ``GRAPH["file/<name>"]``. A file that fails to
        parse raises :class:`~glocal.errors.RDFSyntaxError` and nothing at all is added.
        ``progress`` is called with the bytes read (:mod:`glocal.progress`). ``base`` is the
        IRI relative IRIs in the files resolve against (default: none, a relative IRI is an
        error).
        """
        present = set(self._backend.graphs())
        planned: list[FileToLoad] = []
        for source in sources:
            for path in rdf_files(source):
                if _is_bundled_reference(path):
                    continue  # the ontology and SDG graph are always there already
                name = GRAPH["file/" + path.name]
                if name in present or any(name == p[2] for p in planned):
                    raise InputError(
                        str(path), f"a file named {path.name!r} is already in the graph"
                    )
                fmt = format_for(path, format)
                planned.append((path, fmt if base is None else replace(fmt, base=base), name))
        total = float(sum(path.stat().st_size for path, _, _ in planned))
        done = 0.0

        def advance(n: float) -> None:
            nonlocal done
            done += n
            if progress is not None:
                progress("load", done, total)

        if progress is not None:
            progress("load", 0.0, total)
        self._backend.load_files(planned, advance)
        if progress is not None and done < total:
            progress("load", total, total)
        return [name for _, _, name in planned]

    def add_graph(self, graph: Graph | Iterable[tuple[Node, Node, Node]], *,
                  name: str | URIRef) -> None:
        """Add an rdflib ``graph`` (or any triples of rdflib terms) as the named graph
        ``name`` (not one of glocal's reference graphs, ``GRAPH.sdg`` and ``GRAPH.ontology``),
        all of it or, if a term cannot be stored, none."""
        if URIRef(str(name)) in (GRAPH.sdg, GRAPH.ontology):
            raise InputError(str(name), "is one of glocal's reference graphs: name another")
        # term by term (rdf.terms), not through N-Triples text: an import of 1,000 rows took
        # 0.6-1.0 s to serialise and parse; IRIs and blank nodes recur, so each converts once
        target = ox.NamedNode(str(name))
        seen: dict[Node, Any] = {}

        def term(node: Node) -> Any:
            if isinstance(node, Literal):
                return to_ox(node)
            found = seen.get(node)
            if found is None:
                found = seen[node] = to_ox(node)
            return found

        try:
            quads = [ox.Quad(term(s), term(p), term(o), target) for s, p, o in graph]
        except ValueError as exc:  # an IRI or blank node id the store cannot hold
            raise InputError(str(name), f"cannot be added: {exc}") from exc
        self._backend.add(quads)

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
        best = _best_label(self.named_query("node-labels", bindings={"node": iri}), lang)
        return curie(iri) if best is None else best

    def labels(self, lang: str = "sv",
               nodes: Iterable[Node] | None = None) -> dict[URIRef, str]:
        """The best label in ``lang`` of every IRI that has one (or of each IRI of ``nodes``),
        as :meth:`label` gives each: a few queries for a caller that names thousands of nodes
        (a national validation report), :data:`LABELS_PER_QUERY` nodes each."""
        found = self.named_query("node-labels") if nodes is None else self.named_query_for(
            "node-labels", "node", nodes)
        rows: dict[URIRef, list[Row]] = {}
        for row in found:
            node = row["node"]
            if isinstance(node, URIRef):
                rows.setdefault(node, []).append(row)
        return {node: cast(str, _best_label(found, lang)) for node, found in rows.items()}

    def named_query_for(self, name: str, variable: str, nodes: Iterable[Node],
                        per_query: int | None = None) -> list[Row]:
        """The named query ``name`` for each IRI of ``nodes`` as ``?variable``: its rows for
        all of them, in a few queries (``per_query`` nodes each, default
        :data:`LABELS_PER_QUERY`), each starting from its nodes in the embedded store."""
        iris = sorted({n for n in nodes if isinstance(n, URIRef)})
        size = per_query or LABELS_PER_QUERY
        text = resources.read_query(name)
        each = self._backend.local_sparql  # SEP-0006's LATERAL: oxigraph has it
        return [row for at in range(0, len(iris), size) for row in self.query(
            sparql.values(text, variable, iris[at:at + size], each=each))]

    def graphs(self) -> list[URIRef]:
        """The named graphs: the ontology, the SDGs and one per loaded file."""
        return self._backend.graphs()

    def validate(self, *, shapes: Sequence[str | Path] | None = None,
                 as_of: date | None = None, lang: Lang = "sv",
                 timeout: float | None = VALIDATION_TIMEOUT,
                 disable: Sequence[str] = (), engine: Engine = "auto",
                 progress: ProgressCallback | None = None,
                 document: str | URIRef | None = None,
                 municipality: str | URIRef | None = None) -> ValidationReport:
        """Check the graph with glocal's SHACL shapes (or ``shapes``): see
        :func:`glocal.validation.validate.validate`; ``document`` or ``municipality`` narrows
        it to one document's nodes or one municipality's documents'.

        Returns a :class:`~glocal.ValidationReport`; a graph that fails is data, not an
        exception (``report.raise_for_violations()`` raises for callers who want one).
        """
        from glocal.validation.validate import validate

        return validate(self, shapes=shapes, as_of=as_of, lang=lang, timeout=timeout,
                        disable=disable, engine=engine, progress=progress,
                        document=document, municipality=municipality)

    def to_rdflib(self) -> Graph:
        """Every triple as one fresh rdflib ``Graph`` (named graphs merged)."""
        graph = Graph()
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)
        return add_ox(graph, self._backend.quads())

    def dump(self, path: str | Path, *, format: str | None = None) -> None:
        """Write the graph to ``path`` (format by extension), atomically, every literal as it
        was given (pyoxigraph's writers, not rdflib's, which write an ill-typed literal bare)."""
        fmt = format_for(path, format)
        quads = list(self._backend.quads())
        if fmt.name == "rdfxml":
            xml_safe(quads, str(path))
        if fmt.datasets and fmt.name != "jsonld":  # JSON-LD: the graphs merged, as before
            quads.sort(key=lambda q: str(q.graph_name))
            data = ox.serialize(quads, format=fmt.oxigraph, prefixes=PREFIXES) or b""
        else:
            triples = dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
            data = ox.serialize(triples, format=fmt.oxigraph, prefixes=PREFIXES) or b""
        write_atomic(path, [data])

    # --- traceability (glocal.trace) ------------------------------------------------------------

    def resolve(self, name: str | URIRef) -> URIRef:
        """The node an IRI, CURIE, SDG code (``"17.17"``, ``"SDG 17"``) or label names."""
        from glocal.store.names import resolve

        return name if isinstance(name, URIRef) else resolve(self, name)

    def trace(self, node: str | URIRef, *, max_paths: int = MAX_PATHS) -> Traces:
        """Every path from ``node`` up to the goals and SDGs it serves (:mod:`glocal.trace`)."""
        from glocal.trace.trace import trace

        return trace(self, node, max_paths=max_paths)

    def contributors(self, target: str | URIRef, *, max_paths: int = MAX_PATHS
                     ) -> Contributors:
        """Every node that serves an SDG, a municipal goal or a document, and through what."""
        from glocal.trace.trace import contributors

        return contributors(self, target, max_paths=max_paths)

    def coverage(self, *, document: str | URIRef | None = None,
                 municipality: str | URIRef | None = None) -> CoverageReport:
        """Which SDGs the documents serve, how complete their goals are:
        :mod:`glocal.trace.coverage`."""
        from glocal.trace.coverage import coverage

        return coverage(self, document=document, municipality=municipality)

    def summarise(self, *, lang: Lang = "sv") -> list[DocumentSummary]:
        """What each document states, counted as ``glocal review`` counts it:
        :mod:`glocal.trace.review`."""
        from glocal.trace.review import summarise

        return summarise(self, lang=lang)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """The strategy layer as a ``networkx.MultiDiGraph``: see :mod:`glocal.trace.network`."""
        from glocal.trace.network import to_networkx

        return to_networkx(self)

    def reason(self, *, reasoner: Reasoner = "hermit", timeout: float = REASONER_TIMEOUT,
               max_triples: int = REASONER_MAX_TRIPLES) -> ReasoningResult:
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


def _best_label(rows: list[Row], lang: str) -> str | None:
    """The label of ``rows`` (the node-labels query's) to show in ``lang``; None if none."""
    best = min(rows, key=lambda r: (_lang_rank(r["label"], lang), str(r.get("reference")) != "1",
                                    int(str(r["rank"])), str(r["label"])), default=None)
    return None if best is None else str(best["label"])


def _lang_rank(label: Node, lang: str) -> int:
    tag = label.language if isinstance(label, Literal) else None
    if tag == lang:
        return 0
    return 1 if tag is None else 2


def _is_bundled_reference(path: Path) -> bool:
    resolved = path.resolve()
    return resolved in (resources.ontology_file().resolve(), resources.sdg_file().resolve())


def _reference_files() -> list[FileToLoad]:
    """The ontology and the SDG graph, each with the named graph it loads into."""
    return [(resources.ontology_file(), FORMATS["turtle"], GRAPH.ontology),
            (resources.sdg_file(), FORMATS["turtle"], GRAPH.sdg)]


def load(*sources: str | Path, format: str | None = None,
         progress: ProgressCallback | None = None, base: str | None = None) -> KnowledgeGraph:
    """A graph in memory with the ontology, the SDGs and ``sources`` (default: the bundled data).

    ``sources`` are RDF files or folders of them (Turtle, TriG, N-Triples, N-Quads, RDF/XML,
    JSON-LD; format by extension unless ``format`` names it). Nothing is fetched from the network.
    ``progress`` is called with the bytes read (:mod:`glocal.progress`); ``base`` is the IRI
    relative IRIs in ``sources`` resolve against (default: none, a relative IRI is an error).
    """
    backend = OxigraphBackend()
    backend.load_files(_reference_files())
    kg = KnowledgeGraph(backend)
    kg.add(*(sources or resources.data_files()), format=format, progress=progress, base=base)
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

