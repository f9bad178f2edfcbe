"""glocal's errors: one root, the data on every error, a whole sentence in ``str()``.

>>> err = RDFSyntaxError("finspang.ttl", 12, 7, "expected '.' after the object")
>>> str(err)
"finspang.ttl:12:7: expected '.' after the object"
>>> isinstance(err, GlocalError), err.line, err.column
(True, 12, 7)
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNodeError",
    "BrowserNotFoundError",
    "BusyError",
    "DocumentError",
    "EncodingError",
    "ForbiddenQueryError",
    "GlocalError",
    "IRIError",
    "InputError",
    "JavaNotFoundError",
    "LexicalFormWarning",
    "MemoryLimitError",
    "MissingExtraError",
    "NodeNotFoundError",
    "QueryError",
    "QueryTimeoutError",
    "RDFSyntaxError",
    "ReasoningError",
    "RemoteError",
    "ResultTooLargeError",
    "ShapesError",
    "StoppedError",
    "UnknownFormatError",
    "ValidationError",
]


class GlocalError(Exception):
    """The root of every error glocal raises on purpose."""


class InputError(GlocalError):
    """A file or argument that glocal cannot use: missing, unreadable, or of no known kind."""

    def __init__(self, source: str, detail: str) -> None:
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {detail}")


class RDFSyntaxError(InputError):
    """An RDF file that does not parse; ``line`` and ``column`` are 1-based where known."""

    def __init__(self, source: str, line: int | None, column: int | None, detail: str) -> None:
        self.line = line
        self.column = column
        where = source
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        InputError.__init__(self, source, detail)
        Exception.__init__(self, f"{where}: {detail}")


class EncodingError(InputError):
    """A file that is not plain UTF-8 text; ``looks_like`` names the encoding it seems to be in."""

    def __init__(self, source: str, detail: str, looks_like: str | None = None) -> None:
        self.looks_like = looks_like
        super().__init__(source, detail)


class UnknownFormatError(InputError):
    """A file whose RDF format glocal cannot tell from its name, or a format it does not know."""


class ShapesError(InputError):
    """A SHACL shapes file glocal cannot run: an unknown term, a bad ``sh:path``, refused SPARQL,
    or checks that do not finish in time; ``line`` is 1-based where known."""

    def __init__(self, source: str, detail: str, line: int | None = None) -> None:
        self.line = line
        InputError.__init__(self, source, detail)
        if line is not None:
            Exception.__init__(self, f"{source}:{line}: {detail}")


class IRIError(GlocalError, ValueError):
    """A name that is neither an IRI nor a CURIE with one of glocal's prefixes."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"{name!r} is neither an IRI nor a CURIE with a known prefix")


class QueryError(GlocalError):
    """A SPARQL query that does not parse or cannot run."""

    def __init__(self, detail: str, *, name: str | None = None) -> None:
        self.detail = detail
        self.name = name
        super().__init__(f"query {name}: {detail}" if name else detail)


class ForbiddenQueryError(QueryError):
    """A query glocal refuses to run: an update, or a ``SERVICE`` call to another endpoint."""


class NodeNotFoundError(GlocalError):
    """A node named by IRI, CURIE or label that the graph does not hold."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no node named {name!r} in the graph.{hint}")


class AmbiguousNodeError(GlocalError):
    """A label that names more than one node; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: tuple[str, ...]) -> None:
        self.name = name
        self.candidates = candidates
        super().__init__(
            f"{name!r} names {len(candidates)} nodes; use one of: {', '.join(candidates)}"
        )


class ReasoningError(GlocalError):
    """OWL reasoning that cannot run or finish: a graph too large, a reasoner that runs out of
    time, or a reasoner that fails; ``detail`` says what to do instead."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


class JavaNotFoundError(ReasoningError):
    """The reasoners run on Java and there is none: the message says how to install it."""


class DocumentError(InputError):
    """A document ``glocal extract`` cannot read; ``reason`` says why, one of ``"scanned"`` (no
    text layer: it needs OCR), ``"encrypted"``, ``"damaged"`` (broken or truncated),
    ``"unknown-type"``, ``"too-large"`` and ``"zip-bomb"``; the message says what to do."""

    def __init__(self, source: str, reason: str, detail: str) -> None:
        self.reason = reason
        super().__init__(source, detail)


class QueryTimeoutError(QueryError):
    """A query that ran longer than the time limit; its worker was stopped."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the query ran longer than the limit of {seconds:g} s and was stopped")


class ResultTooLargeError(QueryError):
    """A result over the row or byte cap; ``limit`` and ``unit`` say which cap."""

    def __init__(self, limit: int, unit: str) -> None:
        self.limit = limit
        self.unit = unit
        super().__init__(
            f"the result is larger than the limit of {limit} {unit}: "
            "add a LIMIT or narrow the query"
        )


class MemoryLimitError(QueryError):
    """A query that needed more memory than an endpoint worker may use; the worker was
    replaced. ``limit`` is the cap in bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the query needed more memory than the limit of "
                         f"{limit // (1024 * 1024)} MiB per worker and was stopped")


class BusyError(QueryError):
    """Every worker stayed busy for the whole time limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"every query worker was busy for {seconds:g} s: try again later")


class StoppedError(QueryError):
    """A query cut short because the endpoint is shutting down."""

    def __init__(self) -> None:
        super().__init__("the endpoint is shutting down: the query was stopped")


class RemoteError(QueryError):
    """A SPARQL store that answered with an error, or could not be reached (``status`` None)."""

    def __init__(self, url: str, status: int | None, detail: str) -> None:
        self.url = url
        self.status = status
        where = f"{url} answered {status}" if status is not None else f"cannot reach {url}"
        super().__init__(f"{where}: {detail}")


class ValidationError(GlocalError):
    """The data has violations of glocal's shapes; raised by ``raise_for_violations()``."""

    def __init__(self, count: int, messages: tuple[str, ...]) -> None:
        self.count = count
        self.messages = messages
        listed = "; ".join(messages[:3]) + (" …" if len(messages) > 3 else "")
        noun = "violation" if count == 1 else "violations"
        super().__init__(f"the data has {count} {noun} of glocal's shapes: {listed}")


class MissingExtraError(GlocalError, ImportError):
    """A capability whose optional dependencies are not installed; the message names the
    extra to install."""

    def __init__(self, extra: str, missing: str) -> None:
        self.extra = extra
        self.missing = missing
        super().__init__(f"this needs glocal's {extra} extra ({missing} is missing): "
                         f"pip install 'glocal[{extra}]'")


class BrowserNotFoundError(GlocalError):
    """``glocal report --pdf`` prints through headless Chromium and there is none (or it failed);
    the message says how to install it."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(detail)


class LexicalFormWarning(GlocalError, UserWarning):  # noqa: N818 (a warning, not an error)
    """A literal the store cannot keep exactly as the file wrote it (a language tag with a
    capital letter, which the store writes in lower case; two forms of one value on one
    property of one node, which it holds as one triple); the message names file and line."""
