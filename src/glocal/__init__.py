"""glocal: Swedish municipal governing documents on international work and Agenda 2030 as a
knowledge graph that can be checked, queried and traced.

>>> import glocal
>>> kg = glocal.load()               # the ontology, the SDGs and the bundled documents
>>> len(kg) > 5_000
True

This module is the public API: :func:`load`, :func:`open` and :func:`connect` make a
:class:`KnowledgeGraph`; every result type and every error is here too. The names load on
first use, so ``glocal --help`` starts without rdflib or pyoxigraph.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glocal.errors import (
        AmbiguousNodeError,
        BrowserNotFoundError,
        BusyError,
        DocumentError,
        EncodingError,
        ForbiddenQueryError,
        GlocalError,
        InputError,
        IRIError,
        JavaNotFoundError,
        LexicalFormWarning,
        MemoryLimitError,
        NodeNotFoundError,
        QueryError,
        QueryTimeoutError,
        RDFSyntaxError,
        ReasoningError,
        RemoteError,
        ResultTooLargeError,
        ShapesError,
        StoppedError,
        UnknownFormatError,
        ValidationError,
    )
    from glocal.progress import ProgressCallback
    from glocal.reasoning.explain import Clash
    from glocal.reasoning.reason import ReasoningResult
    from glocal.store.backend import Backend, Row
    from glocal.store.graph import KnowledgeGraph, load
    from glocal.store.graph import open_store as open
    from glocal.store.remote import connect
    from glocal.trace.coverage import CoverageReport, DocumentCoverage, SDGCoverage, Served
    from glocal.trace.model import (
        Alignment,
        Contributors,
        Link,
        Quote,
        Trace,
        TraceNode,
        Traces,
    )
    from glocal.trace.review import DocumentSummary, SDGLink
    from glocal.validation.report import NodeRef, ValidationReport, ValidationResult

try:
    __version__ = version("glocal")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.0.0+unknown"

#: Each public name and the module it lives in.
_LAZY = {
    "Alignment": ("trace.model", "Alignment"),
    "AmbiguousNodeError": ("errors", "AmbiguousNodeError"),
    "BrowserNotFoundError": ("errors", "BrowserNotFoundError"),
    "Backend": ("store.backend", "Backend"),
    "BusyError": ("errors", "BusyError"),
    "Clash": ("reasoning.explain", "Clash"),
    "Contributors": ("trace.model", "Contributors"),
    "CoverageReport": ("trace.coverage", "CoverageReport"),
    "DocumentCoverage": ("trace.coverage", "DocumentCoverage"),
    "DocumentError": ("errors", "DocumentError"),
    "DocumentSummary": ("trace.review", "DocumentSummary"),
    "EncodingError": ("errors", "EncodingError"),
    "ForbiddenQueryError": ("errors", "ForbiddenQueryError"),
    "GlocalError": ("errors", "GlocalError"),
    "IRIError": ("errors", "IRIError"),
    "InputError": ("errors", "InputError"),
    "MissingExtraError": ("errors", "MissingExtraError"),
    "JavaNotFoundError": ("errors", "JavaNotFoundError"),
    "LexicalFormWarning": ("errors", "LexicalFormWarning"),
    "MemoryLimitError": ("errors", "MemoryLimitError"),
    "KnowledgeGraph": ("store.graph", "KnowledgeGraph"),
    "Link": ("trace.model", "Link"),
    "NodeNotFoundError": ("errors", "NodeNotFoundError"),
    "NodeRef": ("validation.report", "NodeRef"),
    "ProgressCallback": ("progress", "ProgressCallback"),
    "QueryError": ("errors", "QueryError"),
    "QueryTimeoutError": ("errors", "QueryTimeoutError"),
    "Quote": ("trace.model", "Quote"),
    "RDFSyntaxError": ("errors", "RDFSyntaxError"),
    "ReasoningError": ("errors", "ReasoningError"),
    "ReasoningResult": ("reasoning.reason", "ReasoningResult"),
    "RemoteError": ("errors", "RemoteError"),
    "ResultTooLargeError": ("errors", "ResultTooLargeError"),
    "Row": ("store.backend", "Row"),
    "SDGCoverage": ("trace.coverage", "SDGCoverage"),
    "SDGLink": ("trace.review", "SDGLink"),
    "Served": ("trace.coverage", "Served"),
    "ShapesError": ("errors", "ShapesError"),
    "StoppedError": ("errors", "StoppedError"),
    "Trace": ("trace.model", "Trace"),
    "TraceNode": ("trace.model", "TraceNode"),
    "Traces": ("trace.model", "Traces"),
    "UnknownFormatError": ("errors", "UnknownFormatError"),
    "ValidationError": ("errors", "ValidationError"),
    "ValidationReport": ("validation.report", "ValidationReport"),
    "ValidationResult": ("validation.report", "ValidationResult"),
    "connect": ("store.remote", "connect"),
    "load": ("store.graph", "load"),
    "open": ("store.graph", "open_store"),
}

__all__ = [
    "Alignment",
    "AmbiguousNodeError",
    "Backend",
    "BrowserNotFoundError",
    "BusyError",
    "Clash",
    "Contributors",
    "CoverageReport",
    "DocumentCoverage",
    "DocumentError",
    "DocumentSummary",
    "EncodingError",
    "ForbiddenQueryError",
    "GlocalError",
    "IRIError",
    "InputError",
    "JavaNotFoundError",
    "KnowledgeGraph",
    "LexicalFormWarning",
    "Link",
    "MemoryLimitError",
    "MissingExtraError",
    "NodeNotFoundError",
    "NodeRef",
    "ProgressCallback",
    "QueryError",
    "QueryTimeoutError",
    "Quote",
    "RDFSyntaxError",
    "ReasoningError",
    "ReasoningResult",
    "RemoteError",
    "ResultTooLargeError",
    "Row",
    "SDGCoverage",
    "SDGLink",
    "Served",
    "ShapesError",
    "StoppedError",
    "Trace",
    "TraceNode",
    "Traces",
    "UnknownFormatError",
    "ValidationError",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "connect",
    "load",
    "open",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'glocal' has no attribute {name!r}") from None
    try:
        value = getattr(import_module(f".{module}", __name__), attribute)
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.startswith("glocal"):
            raise
        from glocal.errors import MissingExtraError

        raise MissingExtraError("server", exc.name) from exc
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
