"""The SPARQL 1.1 Protocol endpoint, ``glocal serve``: an app factory on Starlette and uvicorn.

Safe by default: it listens on 127.0.0.1, is read-only (updates are refused), refuses
``SERVICE`` (so a query never makes the server fetch anything), stops a query at its time limit
(each runs in a worker process that is killed when it overruns, see
:mod:`glocal.serve.workers`), caps the result in rows and bytes and the request in bytes, and sends
no CORS headers unless origins
are named. ``GET /sparql`` without a query gives the SPARQL 1.1 Service Description;
``/health`` answers at once even while every worker is busy; ``/`` is a small query page with the
named queries as examples.

This is the only module that imports the ASGI stack (the ``server`` extra).
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import socket
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs

import pyoxigraph as ox
import uvicorn
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from glocal import __version__, resources
from glocal.errors import (
    BusyError,
    ForbiddenQueryError,
    InputError,
    QueryError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoppedError,
)
from glocal.namespaces import PREFIXES
from glocal.options import ENDPOINT
from glocal.rdf import sparql
from glocal.rdf.results import GRAPH_FORMATS, RESULT_FORMATS
from glocal.serve.workers import Limits, WorkerPool

__all__ = ["Settings", "create_app", "listen", "serve"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
_W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")
_STATIC = Path(__file__).parent / "static"
_MAX_FIELDS = 200  # parameters in one request; a real SPARQL request has a handful
_GRACE_SECONDS = 3  # on SIGTERM, running queries get this long before their workers are killed


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

    @property
    def limits(self) -> Limits:
        return Limits(self.timeout, self.max_results, self.max_response_bytes)

    @property
    def max_body_bytes(self) -> int:
        """A form-encoded query may take three bytes per byte of query, plus the other fields."""
        return 3 * self.max_query_bytes + 4096


class _RefusalError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def response(self) -> Response:
        return Response(self.message + "\n", self.status, headers=self.headers,
                        media_type="text/plain; charset=utf-8")


# --- content negotiation ---------------------------------------------------------------------

_RESULT_OFFERS = [(t, n) for n, t in RESULT_FORMATS.items()] + [
    ("application/json", "json"), ("application/xml", "xml"), ("text/xml", "xml")]
_ASK_OFFERS = [o for o in _RESULT_OFFERS if o[1] in ("json", "xml")]
_GRAPH_OFFERS = [(t, n) for n, t in GRAPH_FORMATS.items()] + [("application/json", "jsonld")]
_RDFLIB = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


def negotiate(accept: str | None, offers: Sequence[tuple[str, str]]) -> str | None:
    """The name of the offer the ``Accept`` header prefers; the first offer if none is sent.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", _RESULT_OFFERS)
    'xml'
    >>> negotiate("text/*", _RESULT_OFFERS), negotiate(None, _GRAPH_OFFERS)
    ('csv', 'turtle')
    >>> negotiate("image/png", _RESULT_OFFERS) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0][1]
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    best: str | None = None
    best_quality = 0.0
    for media, name in offers:
        quality, specificity = 0.0, -1
        for pattern, q in ranges:
            if pattern == media:
                rank = 2
            elif pattern.endswith("/*") and media.startswith(pattern[:-1]):
                rank = 1
            elif pattern == "*/*":
                rank = 0
            else:
                continue
            if rank > specificity:
                quality, specificity = q, rank
        if quality > best_quality:
            best, best_quality = name, quality
    return best


def _media_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


# --- reading a request -----------------------------------------------------------------------


def _parse_form(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=_MAX_FIELDS)
    except ValueError as exc:
        raise _RefusalError(400, f"the request parameters cannot be read: {exc}") from exc


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _RefusalError(413, f"the request body is {declared} bytes; the limit is {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _RefusalError(413, f"the request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _RefusalError(400, "the request is not UTF-8 text") from exc


async def _parameters(request: Request, settings: Settings) -> dict[str, list[str]]:
    """The protocol parameters of a GET or POST, the query text under ``query``."""
    params = _parse_form(request.url.query)
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise _RefusalError(403, "this endpoint is read-only: SPARQL Update is refused")
        if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            raise _RefusalError(415, "send the query as application/sparql-query or as a form "
                                "(application/x-www-form-urlencoded)")
        body = _decode(await _read_body(request, settings.max_body_bytes))
        if media == "application/sparql-query":
            params["query"] = [*params.get("query", []), body]
        else:
            for key, values in _parse_form(body).items():
                params.setdefault(key, []).extend(values)
    if "update" in params or "using-graph-uri" in params:
        raise _RefusalError(403, "this endpoint is read-only: SPARQL Update is refused")
    return params


def _graph_iris(params: dict[str, list[str]], name: str) -> tuple[str, ...]:
    iris = tuple(params.get(name, []))
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise _RefusalError(400, f"{name} {iri!r} is not an IRI") from exc
    return iris


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
        except _RefusalError as refusal:
            return refusal.response()

    async def _sparql(self, request: Request) -> Response:
        params = await _parameters(request, self.settings)
        queries = params.get("query", [])
        if not queries:
            if request.method == "POST":
                raise _RefusalError(400, "no query: send the query in the 'query' parameter")
            return self._service_description(request)
        if len(queries) > 1:
            raise _RefusalError(400, "send exactly one 'query' parameter")
        query = queries[0]
        size = len(query.encode("utf-8"))
        if size > self.settings.max_query_bytes:
            status = 414 if request.method == "GET" else 413
            raise _RefusalError(status, f"the query is {size} bytes; the limit is "
                                   f"{self.settings.max_query_bytes}")
        try:
            kind = sparql.form(query)
        except ForbiddenQueryError as exc:
            raise _RefusalError(400, str(exc)) from exc
        except QueryError as exc:
            raise _RefusalError(400, str(exc)) from exc
        offers = {"SELECT": _RESULT_OFFERS, "ASK": _ASK_OFFERS}.get(kind, _GRAPH_OFFERS)
        fmt = negotiate(request.headers.get("accept"), offers)
        if fmt is None:
            available = ", ".join(dict.fromkeys(t for t, _ in offers))
            raise _RefusalError(406, f"a {kind} answer can be sent as: {available}")
        media = (GRAPH_FORMATS if offers is _GRAPH_OFFERS else RESULT_FORMATS)[fmt]
        assert self.pool is not None
        try:
            body = await self.pool.run(
                query, fmt, default_graphs=_graph_iris(params, "default-graph-uri"),
                named_graphs=_graph_iris(params, "named-graph-uri"))
        except asyncio.CancelledError:  # uvicorn's shutdown grace ran out
            raise _RefusalError(503, str(StoppedError())) from None
        except (QueryTimeoutError, BusyError, StoppedError) as exc:
            raise _RefusalError(503, str(exc), {"Retry-After": "1"}) from exc
        except ResultTooLargeError as exc:
            raise _RefusalError(422, str(exc)) from exc
        except QueryError as exc:
            raise _RefusalError(400, str(exc)) from exc
        return Response(body, media_type=_media_type(media))

    def _service_description(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        fmt = negotiate(accept, [*_GRAPH_OFFERS, ("text/html", "html")])
        if fmt == "html":
            return RedirectResponse(request.url_for("page"), status_code=303)
        if fmt is None:
            raise _RefusalError(406, "the service description can be sent as: "
                                + ", ".join(GRAPH_FORMATS.values()))
        graph = _description(str(request.url.replace(query="")), self.graphs,
                             self.statements, self.settings)
        body = graph.serialize(format=_RDFLIB[fmt], encoding="utf-8")
        return Response(body, media_type=_media_type(GRAPH_FORMATS[fmt]))

    async def health(self, request: Request) -> Response:
        pids = self.pool.pids if self.pool else []
        status = "ok" if len(pids) == self.settings.workers else "degraded"
        return JSONResponse({"status": status, "version": __version__,
                             "workers": len(pids), "idle": self.pool.idle if self.pool else 0,
                             "worker_pids": pids, "graphs": len(self.graphs),
                             "statements": self.statements},
                            status_code=200 if pids else 503,
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


class _SecurityHeaders:
    """Headers on every response: no sniffing, no framing, the page's own scripts only."""

    _HEADERS: ClassVar[dict[str, str]] = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                                   "connect-src 'self'; img-src 'self'; base-uri 'none'; "
                                   "form-action 'self'; frame-ancestors 'none'",
    }

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in self._HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(store_path: str | Path, settings: Settings | None = None) -> Starlette:
    """The ASGI app serving the glocal store at ``store_path`` (opened read-only).

    The workers start with the app's lifespan and stop with it.
    """
    settings = settings or Settings()
    endpoint = _Endpoint(Path(store_path), settings)
    middleware = [Middleware(_SecurityHeaders)]
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
    scratch = None
    try:
        if store is None:
            scratch = Path(tempfile.mkdtemp(prefix="glocal-serve-"))
            _build_store(sources, scratch / "store")
            path = scratch / "store"
        else:
            path = Path(store)
            try:
                ox.Store.read_only(str(path))
            except OSError as exc:
                raise InputError(str(path), f"cannot open the store read-only: {exc}") from exc
        app = create_app(path, settings)
        config = uvicorn.Config(
            app, http="h11", lifespan="on", server_header=False, proxy_headers=False,
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
    finally:
        listener.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
