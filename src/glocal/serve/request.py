"""What a request to the endpoint asks for: its parameters (GET or POST, strict UTF-8, capped in
fields, bytes and time), the graphs it names, and the answer format its ``Accept`` header prefers.

A request the endpoint will not answer raises :class:`Refusal`, which carries its HTTP status.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from urllib.parse import parse_qs, unquote_to_bytes

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response

from glocal.rdf.results import GRAPH_FORMATS, RESULT_FORMATS

__all__ = ["ASK_OFFERS", "GRAPH_OFFERS", "RESULT_OFFERS", "Refusal",
           "graph_iris", "media_type", "negotiate", "parameters"]

MAX_FIELDS = 200  # parameters in one request; a real SPARQL request has a handful


class Refusal(Exception):  # noqa: N818 (an HTTP answer, not a glocal error)
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}

    def response(self) -> Response:
        return Response(self.message + "\n", self.status, headers=self.headers,
                        media_type="text/plain; charset=utf-8")


# --- content negotiation ---------------------------------------------------------------------

RESULT_OFFERS = [(t, n) for n, t in RESULT_FORMATS.items()] + [
    ("application/json", "json"), ("application/xml", "xml"), ("text/xml", "xml")]
ASK_OFFERS = [o for o in RESULT_OFFERS if o[1] in ("json", "xml")]
GRAPH_OFFERS = [(t, n) for n, t in GRAPH_FORMATS.items()] + [("application/json", "jsonld")]


def negotiate(accept: str | None, offers: Sequence[tuple[str, str]]) -> str | None:
    """The name of the offer the ``Accept`` header prefers; the first offer if none is sent.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_OFFERS)
    'xml'
    >>> negotiate("text/*", RESULT_OFFERS), negotiate(None, GRAPH_OFFERS)
    ('csv', 'turtle')
    >>> negotiate("image/png", RESULT_OFFERS) is None
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


def media_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


# --- reading a request -----------------------------------------------------------------------


def _strict_utf8(query_string: str) -> None:
    """Refuse percent-escapes that are not UTF-8 (as a POST body that is not UTF-8 is)."""
    if "%" in query_string:
        _decode(unquote_to_bytes(query_string.replace("+", " ")))


def _parse_form(text: str) -> dict[str, list[str]]:
    try:
        return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError as exc:
        raise Refusal(400, f"the request parameters cannot be read: {exc}") from exc


async def _read_body(request: Request, limit: int, seconds: float) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Refusal(413, f"the request body is {declared} bytes; the limit is {limit}")
    chunks: list[bytes] = []
    size = 0

    async def read() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise Refusal(413, f"the request body is over the limit of {limit} bytes")
            chunks.append(chunk)

    try:
        await asyncio.wait_for(read(), seconds)
    except TimeoutError:
        raise Refusal(408, f"the request body did not arrive within {seconds:g} s",
                            {"Connection": "close"}) from None
    return b"".join(chunks)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refusal(400, "the request is not UTF-8 text") from exc


async def parameters(request: Request, max_body_bytes: int, body_timeout: float
                     ) -> dict[str, list[str]]:
    """The protocol parameters of a GET or POST, the query text under ``query``."""
    _strict_utf8(request.url.query)
    params = _parse_form(request.url.query)
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise Refusal(403, "this endpoint is read-only: SPARQL Update is refused")
        if media not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            raise Refusal(415, "send the query as application/sparql-query or as a form "
                                "(application/x-www-form-urlencoded)")
        body = _decode(await _read_body(request, max_body_bytes, body_timeout))
        if media == "application/sparql-query":
            params["query"] = [*params.get("query", []), body]
        else:
            _strict_utf8(body)
            for key, values in _parse_form(body).items():
                params.setdefault(key, []).extend(values)
    if "update" in params or "using-graph-uri" in params:
        raise Refusal(403, "this endpoint is read-only: SPARQL Update is refused")
    return params


def graph_iris(params: dict[str, list[str]], name: str) -> tuple[str, ...]:
    iris = tuple(params.get(name, []))
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as exc:
            raise Refusal(400, f"{name} {iri!r} is not an IRI") from exc
    return iris
