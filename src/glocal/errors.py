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
    "DocumentError",
    "EncodingError",
    "ForbiddenQueryError",
    "GlocalError",
    "InputError",
    "JavaNotFoundError",
    "NodeNotFoundError",
    "QueryError",
    "RDFSyntaxError",
    "ReasoningError",
    "ShapesError",
    "UnknownFormatError",
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
