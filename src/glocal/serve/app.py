"""The SPARQL 1.1 Protocol endpoint, ``glocal serve``: an app factory on Starlette and uvicorn.

Safe by default: it listens on 127.0.0.1, is read-only (updates are refused), refuses
``SERVICE`` (so a query never makes the server fetch anything), stops a query at its time limit
(each runs in a worker process that is killed when it overruns, see
:mod:`glocal.serve.workers`), caps the result in rows and bytes and the request in bytes, and sends
no CORS headers unless origins
are named. ``GET /sparql`` without a query gives the SPARQL 1.1 Service Description;
``/health`` answers at once even while every worker is busy; ``/`` is a small query page with the
named queries as examples.

It answers only requests whose ``Host`` is a name it serves (DNS rebinding cannot hand a web
page a loopback endpoint), cuts off a client that sends its headers or its body too slowly
(slowloris), and its workers can open no network connection and use a capped amount of memory.

This is the only module that imports the ASGI stack (the ``server`` extra).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from glocal import __version__, resources
from glocal.errors import (
    BusyError,
    ForbiddenQueryError,
    InputError,
    MemoryLimitError,
    QueryError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoppedError,
)
from glocal.namespaces import PREFIXES
from glocal.options import ENDPOINT
from glocal.rdf import sparql
from glocal.rdf.formats import FORMATS
from glocal.rdf.results import GRAPH_FORMATS, RESULT_FORMATS
from glocal.serve.guards import HostCheck, SecurityHeaders, protocol, scratch
from glocal.serve.request import (
    ASK_OFFERS,
    GRAPH_OFFERS,
    RESULT_OFFERS,
    Refusal,
    graph_iris,
    media_type,
    negotiate,
    parameters,
)
from glocal.serve.workers import Limits, WorkerPool

__all__ = ["Settings", "create_app", "listen", "serve"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
_W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")
_STATIC = Path(__file__).parent / "static"
_GRACE_SECONDS = 3  # on SIGTERM, running queries get this long before their workers are killed
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class Settings:
    """Every limit of the endpoint; each is a ``glocal serve`` option with this default."""

    host: str = ENDPOINT.host
    port: int = ENDPOINT.port
    timeout: float = ENDPOINT.timeout  # seconds one query may run before its worker is killed
    max_results: int = ENDPOINT.max_results  # rows of a SELECT, triples of a CONSTRUCT/DESCRIBE
    max_response_bytes: int = ENDPOINT.max_response_bytes
    max_query_bytes: int = ENDPOINT.max_query_bytes
    workers: int = ENDPOINT.workers  # worker processes, so queries running at once
    cors_origins: tuple[str, ...] = field(default=())
    max_memory_bytes: int | None = ENDPOINT.max_memory_bytes  # address space of one worker
    #: Host names the endpoint answers to (its Host header); empty: the name it listens on,
    #: and the loopback names when it listens on loopback; "*" answers any.
    allowed_hosts: tuple[str, ...] = field(default=())
    header_timeout: float = ENDPOINT.header_timeout  # seconds to send a request's headers
    body_timeout: float = ENDPOINT.body_timeout  # seconds to send a request's body

    @property
    def limits(self) -> Limits:
        return Limits(self.timeout, self.max_results, self.max_response_bytes,
                      self.max_memory_bytes)

    @property
    def host_names(self) -> frozenset[str] | None:
        """The Host names answered (lower case, no port); None answers any."""
        if "*" in self.allowed_hosts:
            return None
        if self.allowed_hosts:
            return frozenset(h.lower().strip("[]") for h in self.allowed_hosts)
        host = self.host.lower().strip("[]")
        if host in ("0.0.0.0", "::", ""):
            return None  # every interface: no name to check against unless configured
        names = {host}
        if host in _LOOPBACK_NAMES or host.startswith("127."):
            names.update(_LOOPBACK_NAMES)
        return frozenset(names)

    @property
    def max_body_bytes(self) -> int:
        """A form-encoded query may take three bytes per byte of query, plus the other fields."""
        return 3 * self.max_query_bytes + 4096


# --- the application -------------------------------------------------------------------------


class _Endpoint:
    """The state behind one app: the store, its worker pool, the settings."""

    def __init__(self, store_path: Path, settings: Settings) -> None:
        self.store_path = store_path
        self.settings = settings
        self.pool: WorkerPool | None = None
        self.graphs: list[str] = []
        self.statements = 0

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        store = ox.Store.read_only(str(self.store_path))
        self.graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
        self.statements = len(store)
        del store
        self.pool = WorkerPool(self.store_path, size=self.settings.workers,
                               limits=self.settings.limits,
                               prefixes={p: str(ns) for p, ns in PREFIXES.items()})
        try:
            await self.pool.start()
            yield
        finally:
            self.pool.close()

    async def sparql(self, request: Request) -> Response:
        try:
            return await self._sparql(request)
        except Refusal as refusal:
            return refusal.response()

    async def _sparql(self, request: Request) -> Response:
        params = await parameters(request, self.settings.max_body_bytes,
                                  self.settings.body_timeout)
        queries = params.get("query", [])
        if not queries:
            if request.method == "POST":
                raise Refusal(400, "no query: send the query in the 'query' parameter")
            return self._service_description(request)
        if len(queries) > 1:
            raise Refusal(400, "send exactly one 'query' parameter")
        query = queries[0]
        size = len(query.encode("utf-8"))
        if size > self.settings.max_query_bytes:
            status = 414 if request.method == "GET" else 413
            raise Refusal(status, f"the query is {size} bytes; the limit is "
                                   f"{self.settings.max_query_bytes}")
        # read in a thread, so a long query does not hold up /health and the other clients;
        # not cached: a refused query leaves nothing behind
        shape = await asyncio.to_thread(sparql.shape, query)
        if shape.refusal is not None:
            raise Refusal(400, str(ForbiddenQueryError(shape.refusal)))
        if shape.form is None:
            raise Refusal(400, "not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
        kind = shape.form
        offers = {"SELECT": RESULT_OFFERS, "ASK": ASK_OFFERS}.get(kind, GRAPH_OFFERS)
        fmt = negotiate(request.headers.get("accept"), offers)
        if fmt is None:
            available = ", ".join(dict.fromkeys(t for t, _ in offers))
            raise Refusal(406, f"a {kind} answer can be sent as: {available}")
        media = (GRAPH_FORMATS if offers is GRAPH_OFFERS else RESULT_FORMATS)[fmt]
        assert self.pool is not None
        try:
            body = await self.pool.run(
                query, fmt, default_graphs=graph_iris(params, "default-graph-uri"),
                named_graphs=graph_iris(params, "named-graph-uri"),
                union=not shape.names_dataset)
        except asyncio.CancelledError:  # uvicorn's shutdown grace ran out
            raise Refusal(503, str(StoppedError())) from None
        except (QueryTimeoutError, BusyError, StoppedError) as exc:
            raise Refusal(503, str(exc), {"Retry-After": "1"}) from exc
        except (ResultTooLargeError, MemoryLimitError) as exc:
            raise Refusal(422, str(exc)) from exc
        except QueryError as exc:
            raise Refusal(400, str(exc)) from exc
        return Response(body, media_type=media_type(media))

    def _service_description(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        fmt = negotiate(accept, [*GRAPH_OFFERS, ("text/html", "html")])
        if fmt == "html":
            return RedirectResponse(request.url_for("page"), status_code=303)
        if fmt is None:
            raise Refusal(406, "the service description can be sent as: "
                                + ", ".join(GRAPH_FORMATS.values()))
        graph = _description(self._endpoint_iri(request), self.graphs, self.statements,
                             self.settings)
        body = graph.serialize(format=FORMATS[fmt].rdflib, encoding="utf-8")
        return Response(body, media_type=media_type(GRAPH_FORMATS[fmt]))

    def _endpoint_iri(self, request: Request) -> str:
        """The endpoint's IRI for its description: from a Host the endpoint answers to, never
        from one it was merely sent (the Host check has run; with any Host allowed, the name
        it listens on)."""
        names = self.settings.host_names
        if names is not None:
            return str(request.url.replace(query="", fragment=""))
        host = self.settings.host
        if host in ("0.0.0.0", "::", ""):
            host = socket.gethostname()
        elif ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.settings.port}{request.url.path}"

    async def health(self, request: Request) -> Response:
        """The workers: live (``workers``), being started in place of stopped ones
        (``replacing``); ``ok`` when all are live, ``replacing`` while the rest start."""
        pids = self.pool.pids if self.pool else []
        replacing = min(self.pool.replacing if self.pool else 0,
                        self.settings.workers - len(pids))
        if len(pids) == self.settings.workers:
            status = "ok"
        elif len(pids) + replacing >= self.settings.workers:
            status = "replacing"
        else:
            status = "degraded"
        return JSONResponse({"status": status, "version": __version__,
                             "workers": len(pids), "replacing": replacing,
                             "configured_workers": self.settings.workers,
                             "idle": self.pool.idle if self.pool else 0,
                             "worker_pids": pids, "graphs": len(self.graphs),
                             "statements": self.statements,
                             "network_denied": bool(self.pool and self.pool.network_denied)},
                            status_code=200 if pids or replacing else 503,
                            headers={"Cache-Control": "no-store"})

    async def queries(self, request: Request) -> Response:
        return JSONResponse([_describe_query(name) for name in resources.query_names()])

    async def page(self, request: Request) -> Response:
        return FileResponse(_STATIC / "query.html", media_type="text/html; charset=utf-8")


def _describe_query(name: str) -> dict[str, object]:
    """A named query for the page: its title (first comment line), Swedish title, params, text."""
    text = resources.read_query(name)
    comments = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    sv = next((c[3:].strip() for c in comments if c.startswith("sv:")), "")
    params = next((c[7:].split() for c in comments if c.startswith("params:")), [])
    return {"name": name, "title": comments[0] if comments else name, "sv": sv,
            "params": params, "query": text}


def _description(endpoint: str, graphs: Sequence[str], statements: int,
                 settings: Settings) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", _W3C_FORMATS)
    service = URIRef(endpoint + "#service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((service, SD.resultFormat, _W3C_FORMATS[name]))
    dataset, default = BNode(), BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, URIRef("http://rdfs.org/ns/void#triples"), Literal(statements)))
    for iri in graphs:
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, SD.name, URIRef(iri)))
    g.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal(
        f"glocal {__version__}: read-only; SERVICE refused; a query may run "
        f"{settings.timeout:g} s and return {settings.max_results} rows or "
        f"{settings.max_response_bytes} bytes; a query may be {settings.max_query_bytes} bytes",
        lang="en")))
    return g


def create_app(store_path: str | Path, settings: Settings | None = None) -> Starlette:
    """The ASGI app serving the glocal store at ``store_path`` (opened read-only).

    The workers start with the app's lifespan and stop with it.
    """
    settings = settings or Settings()
    endpoint = _Endpoint(Path(store_path), settings)
    middleware = [Middleware(SecurityHeaders), Middleware(HostCheck, settings.host_names)]
    if settings.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"]))
    routes = [
        Route("/", endpoint.page, name="page"),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST"]),
        Route("/health", endpoint.health),
        Route("/queries", endpoint.queries),
        Mount("/static", StaticFiles(directory=_STATIC), name="static"),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=endpoint.lifespan)


def _build_store(sources: Sequence[str | Path], directory: Path) -> None:
    from glocal.store.graph import open_store

    kg = open_store(directory)
    try:
        kg.add(*(sources or resources.data_files()))
    finally:
        kg.close()


def listen(host: str, port: int) -> socket.socket:
    """The listening socket; the connections it accepts send each response at once.

    They inherit TCP_NODELAY from it. Without it a keep-alive client waits about 40 ms per
    response (Nagle's algorithm against delayed ACKs): asyncio sets the option only on sockets
    created with proto IPPROTO_TCP, and ``socket.create_server`` leaves proto 0.
    """
    listener = socket.create_server((host, port))
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return listener


def serve(*sources: str | Path, store: str | Path | None = None,
          settings: Settings | None = None) -> None:
    """Serve ``sources`` (default: the bundled data), or the on-disk ``store``, until SIGTERM.

    Blocks; returns after a clean shutdown with every worker process stopped.
    """
    settings = settings or Settings()
    if store is not None and sources:
        raise InputError(str(store), "give data files or a store, not both")
    try:
        listener = listen(settings.host, settings.port)
    except OSError as exc:
        raise InputError(f"{settings.host}:{settings.port}",
                         f"cannot listen there: {exc.strerror}") from exc
    with contextlib.ExitStack() as stack:
        stack.callback(listener.close)
        if store is None:
            path = stack.enter_context(scratch()) / "store"
            _build_store(sources, path)
        else:
            path = Path(store)
            try:
                ox.Store.read_only(str(path))
            except OSError as exc:
                raise InputError(str(path), f"cannot open the store read-only: {exc}") from exc
        app = create_app(path, settings)
        config = uvicorn.Config(
            app, http=protocol(settings.header_timeout), lifespan="on", server_header=False,
            proxy_headers=False,
            h11_max_incomplete_event_size=settings.max_body_bytes + 8192,
            timeout_graceful_shutdown=_GRACE_SECONDS,
        )
        # uvicorn stops on SIGTERM or SIGINT and then raises the signal again; catch that
        # second one here, so the scratch store is removed and the command exits cleanly.
        previous = {sig: signal.signal(sig, lambda *_: None)
                    for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            uvicorn.Server(config).run(sockets=[listener])
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
