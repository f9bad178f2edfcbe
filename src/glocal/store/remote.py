"""glocal on an existing SPARQL 1.1 store: the remote backend, :func:`connect` and :func:`push`.

A region keeps its municipalities' graphs in its own triple store (Virtuoso, GraphDB, Fuseki,
Oxigraph server) and runs glocal against it::

    push(glocal.load(), "http://localhost:8890/sparql-graph-crud-auth",
         update_url="http://localhost:8890/sparql-auth", auth=("dba", secret))
    kg = glocal.connect("http://localhost:8890/sparql")
    kg.named_query("review-documents")

glocal's graphs in the store are those named under ``https://w3id.org/glocal/graph/`` (what
:func:`push` writes). Every query is sent with those graphs as its dataset (the protocol's
``default-graph-uri`` and ``named-graph-uri``), so it sees exactly what it sees embedded: their
union as the default graph, each by name in ``GRAPH``, and nothing else the store holds.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import BNode, Literal, Node, URIRef

from glocal import __version__
from glocal.errors import InputError, QueryError, RemoteError
from glocal.namespaces import GRAPH, as_iri
from glocal.rdf import sparql
from glocal.rdf.formats import BY_MEDIA_TYPE, parse_file
from glocal.rdf.terms import from_json, to_ox
from glocal.store.backend import FileToLoad, Row
from glocal.store.graph import KnowledgeGraph

__all__ = ["RemoteBackend", "RemoteError", "connect", "push"]

_PAGE = 5000  # rows per request when reading every quad; under Virtuoso's default row cap
_TIMEOUT = httpx.Timeout(120.0, connect=10.0)
_RESULTS_JSON = "application/sparql-results+json"


class _Credentials(httpx.Auth):
    """User and password for whichever scheme the store asks for: Digest (Virtuoso) or Basic."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._digest = httpx.DigestAuth(user, password)
        self._basic = httpx.BasicAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        flow = self._digest.auth_flow(request)
        response = yield next(flow)
        challenges = [h.split(" ", 1)[0].lower()
                      for h in response.headers.get_list("www-authenticate")]
        if response.status_code == 401 and "digest" not in challenges and "basic" in challenges:
            self._scheme = "basic"
            yield from self._basic.auth_flow(request)
            return
        try:
            while True:
                response = yield flow.send(response)
        except StopIteration:
            return


def _auth(auth: tuple[str, str] | None) -> httpx.Auth | None:
    return _Credentials(*auth) if auth is not None else None


def _excerpt(response: httpx.Response) -> str:
    text = " ".join(response.text.split())
    return text[:500] + ("…" if len(text) > 500 else "") if text else response.reason_phrase


class RemoteBackend:
    """A :class:`~glocal.store.Backend` over the SPARQL 1.1 Protocol (and Graph Store Protocol).

    Queries go to ``query_url``; :meth:`add` uses ``graph_store_url`` (HTTP POST per graph) or
    else ``update_url`` (one ``INSERT DATA``); without either the connection is read-only.
    """

    local_sparql = False  # another engine's semantics: glocal's SHACL engine does not run here

    def __init__(self, query_url: str, *, update_url: str | None = None,
                 graph_store_url: str | None = None, auth: tuple[str, str] | None = None,
                 client: httpx.Client | None = None) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.graph_store_url = graph_store_url
        self._client = client or httpx.Client(
            auth=_auth(auth), timeout=_TIMEOUT, follow_redirects=False,
            headers={"User-Agent": f"glocal/{__version__}"})
        self._graphs: list[URIRef] | None = None
        self._dataset = True  # name glocal's graphs in every query (see graphs())

    # --- HTTP ----------------------------------------------------------------------------

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise RemoteError(url, None, str(exc) or type(exc).__name__) from exc
        if response.is_error:
            raise RemoteError(url, response.status_code, _excerpt(response))
        return response

    def _query(self, query: str, accept: str, *, dataset: bool = True) -> httpx.Response:
        form: dict[str, str | list[str]] = {"query": query}
        names = [str(g) for g in self._glocal_graphs()] if dataset else []
        if dataset and self._dataset:
            names = names or [str(GRAPH)]  # no glocal graph: an empty dataset
            form["default-graph-uri"] = names
            form["named-graph-uri"] = names
        response = self._send("POST", self.query_url, data=form, headers={"Accept": accept})
        capped = response.headers.get("x-sparql-maxrows")
        if capped:  # Virtuoso cuts a result at ResultSetMaxRows and says so only here
            raise RemoteError(self.query_url, response.status_code,
                              f"the store cut the result at {capped} rows (its row cap)")
        return response

    def _results(self, query: str, *, dataset: bool = True) -> dict[str, Any]:
        response = self._query(query, _RESULTS_JSON, dataset=dataset)
        try:
            document: dict[str, Any] = json.loads(response.content)
        except ValueError as exc:
            raise RemoteError(self.query_url, response.status_code,
                              f"the answer is not SPARQL JSON results: {exc}") from exc
        return document

    # --- Backend -------------------------------------------------------------------------

    def select(self, query: str) -> list[Row]:
        document = self._results(query)
        try:
            return [{name: from_json(term) for name, term in binding.items()}
                    for binding in document["results"]["bindings"]]
        except (KeyError, TypeError, AttributeError) as exc:
            raise QueryError("not a SELECT query: use ask() or construct()") from exc

    def ask(self, query: str) -> bool:
        return self._ask(query)

    def _ask(self, query: str, *, dataset: bool = True) -> bool:
        document = self._results(query, dataset=dataset)
        answer = document.get("boolean")
        if isinstance(answer, bool):
            return answer
        if document.get("head", {}).get("vars") == ["__ASK_RETVAL"]:  # Virtuoso 7's ASK
            rows = document["results"]["bindings"]
            return bool(rows) and int(rows[0]["__ASK_RETVAL"]["value"]) != 0
        raise QueryError("not an ASK query")

    def construct(self, query: str) -> Graph:
        accept = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
        response = self._query(query, accept)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media not in BY_MEDIA_TYPE:
            raise QueryError(f"not a CONSTRUCT or DESCRIBE query (the store sent {media})")
        graph = Graph()
        graph.parse(data=response.content, format=BY_MEDIA_TYPE[media].rdflib)
        return graph

    def _glocal_graphs(self) -> list[URIRef]:
        if self._graphs is None:
            self.graphs()
        assert self._graphs is not None
        return self._graphs

    def graphs(self) -> list[URIRef]:
        """glocal's graphs in the store; also decides whether queries must name them.

        They need not when the store holds nothing else and its default graph is already the
        union of its named graphs (``glocal serve``, ``oxigraph serve --union-default-graph``,
        Fuseki with ``unionDefaultGraph``): naming graphs slows some stores down a lot.
        """
        namespace = {"namespace": Literal(str(GRAPH))}
        ours = sparql.bind("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                           "FILTER(STRSTARTS(STR(?g), ?namespace)) }", namespace)
        others = sparql.bind("ASK { GRAPH ?g { ?s ?p ?o } "
                             "FILTER(!STRSTARTS(STR(?g), ?namespace)) }", namespace)
        rows = self._results(ours, dataset=False)["results"]["bindings"]
        self._graphs = sorted(URIRef(r["g"]["value"]) for r in rows)
        self._dataset = self._ask(others, dataset=False) or not self._default_is_union()
        return list(self._graphs)

    def _default_is_union(self) -> bool:
        missing = "ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }"
        extra = "ASK { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }"
        return not self._ask(missing, dataset=False) and not self._ask(extra, dataset=False)

    def quads(self) -> Iterator[ox.Quad]:
        blanks: dict[str, ox.BlankNode] = {}
        for name in self._glocal_graphs():
            graph = ox.NamedNode(str(name))
            for offset in range(0, 1 << 40, _PAGE):
                query = sparql.bind(
                    "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s ?p ?o "
                    f"LIMIT {_PAGE} OFFSET {offset}", {"g": name})
                rows = self.select(query)
                for row in rows:
                    yield ox.Quad(to_ox(row["s"], blanks), to_ox(row["p"], blanks),
                                  to_ox(row["o"], blanks), graph)
                if len(rows) < _PAGE:
                    break

    def quads_about(self, subject: Node) -> Iterator[ox.Quad]:
        if isinstance(subject, BNode):
            return iter(())  # a store's blank nodes have no name outside one result
        rows = self.select(sparql.bind("SELECT ?g ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                                       {"s": subject}))
        blanks: dict[str, ox.BlankNode] = {}
        return iter([ox.Quad(to_ox(subject), to_ox(r["p"]), to_ox(r["o"], blanks), to_ox(r["g"]))
                     for r in rows])

    def load_files(self, files: Sequence[FileToLoad],
                   advance: Callable[[float], None] | None = None) -> None:
        """Parse every file first, then add all of it in one request per graph."""
        quads: list[ox.Quad] = []
        for path, fmt, name in files:
            quads.extend(parse_file(path, fmt, ox.NamedNode(str(name)), reserved=str(GRAPH)))
            if advance is not None:
                advance(path.stat().st_size)
        self.add(quads)

    def rewritten_literals(self) -> int:
        return 0  # the remote store's own business: glocal sees only what it answers

    def rewritten_forms(self) -> list[tuple[URIRef, Literal, tuple[Literal, ...]]]:
        return []

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(str(rows[0]["n"])) if rows else 0

    def add(self, quads: Sequence[ox.Quad]) -> None:
        by_graph: dict[str, list[ox.Triple]] = {}
        for q in quads:
            if not isinstance(q.graph_name, ox.NamedNode):
                raise QueryError("glocal keeps every triple in a named graph")
            by_graph.setdefault(q.graph_name.value, []).append(q.triple)
        if not by_graph:
            return
        if self.graph_store_url is not None:
            self._add_by_graph_store(self.graph_store_url, by_graph)
        elif self.update_url is not None:
            body = " ".join(
                f"GRAPH {URIRef(name).n3()} {{ {_ntriples(triples).decode('utf-8')} }}"
                for name, triples in by_graph.items())
            self._send("POST", self.update_url, data={"update": f"INSERT DATA {{ {body} }}"})
        else:
            raise QueryError("this connection is read-only: give connect() an update_url or a "
                             "graph_store_url to add data")
        self._graphs = None

    def _add_by_graph_store(self, url: str, by_graph: dict[str, list[ox.Triple]]) -> None:
        present = {str(g) for g in self.graphs()}
        done: list[str] = []
        try:
            for name, triples in by_graph.items():
                self._send("POST", url, params={"graph": name}, content=_ntriples(triples),
                           headers={"Content-Type": "application/n-triples"})
                done.append(name)
        except RemoteError:
            for name in done + [n for n in by_graph if n not in done]:
                if name not in present:  # all or none: drop the graphs this call created
                    with contextlib.suppress(RemoteError):
                        self._send("DELETE", url, params={"graph": name})
            raise

    def close(self) -> None:
        self._client.close()


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def connect(query_url: str, *, update_url: str | None = None,
            graph_store_url: str | None = None,
            auth: tuple[str, str] | None = None) -> KnowledgeGraph:
    """A :class:`~glocal.store.KnowledgeGraph` over the SPARQL 1.1 store at ``query_url``.

    ``auth`` is a (user, password) pair, sent the way the store asks (Digest or Basic). The
    store is asked for glocal's graphs at once, so an unreachable store fails here.
    """
    backend = RemoteBackend(query_url, update_url=update_url, graph_store_url=graph_store_url,
                            auth=auth)
    try:
        backend.graphs()
    except BaseException:
        backend.close()
        raise
    return KnowledgeGraph(backend)


def push(kg: KnowledgeGraph, to: str, *, graphs: Sequence[str | URIRef] | None = None,
         update_url: str | None = None, auth: tuple[str, str] | None = None) -> list[URIRef]:
    """Upload ``kg``'s named graphs to the Graph Store Protocol endpoint ``to``; their names.

    One named graph per loaded file (plus the ontology and the SDGs), or only ``graphs``. Each
    graph is replaced whole or not at all: with ``update_url`` it is uploaded under a temporary
    name and then moved over the old graph in one SPARQL Update (atomic on Virtuoso, whose PUT
    is not); without, by one HTTP PUT (atomic on Oxigraph server and Fuseki).
    """
    present = kg.graphs()
    names = present if graphs is None else [as_iri(g) for g in graphs]
    for name in names:
        if name not in present:
            raise InputError(str(name), "no such named graph in the graph to push")
    client = httpx.Client(auth=_auth(auth), timeout=_TIMEOUT, follow_redirects=False,
                          headers={"User-Agent": f"glocal/{__version__}"})
    remote = RemoteBackend(to, client=client)
    with client:
        for name in names:
            triples = kg.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                                   bindings={"g": name})
            data = triples.serialize(format="nt", encoding="utf-8")
            if update_url is None:
                remote._send("PUT", to, params={"graph": str(name)}, content=data,
                             headers={"Content-Type": "application/n-triples"})
                continue
            staging = URIRef(f"urn:uuid:{uuid.uuid4()}")
            try:
                remote._send("PUT", to, params={"graph": str(staging)}, content=data,
                             headers={"Content-Type": "application/n-triples"})
                remote._send("POST", update_url, data={
                    "update": f"MOVE SILENT GRAPH {staging.n3()} TO GRAPH {name.n3()}"})
            except RemoteError:
                with contextlib.suppress(RemoteError):
                    remote._send("DELETE", to, params={"graph": str(staging)})
                raise
    return list(names)
