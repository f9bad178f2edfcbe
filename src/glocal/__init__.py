"""glocal: Swedish municipal governing documents on international work and Agenda 2030 as a
knowledge graph that can be checked, queried and traced.

>>> import glocal
>>> kg = glocal.load()               # the ontology, the SDGs and the bundled documents
>>> len(kg) > 5_000
True

This module is the public API: :func:`load`, :func:`open` and :func:`connect` make a
:class:`KnowledgeGraph`; every result type and every error is here too. The names load on
first use, so ``glocal --help`` starts without rdflib or pyoxigraph.

Bringing a document of one's own (``docs/authoring.md``), one function for each step:
:func:`extract` (a PDF, DOCX, ODT or text file to a :class:`SourceText`), :func:`template`
(the workbook to fill in), :func:`import_workbook` (a filled workbook and its source text to an
:class:`ImportResult`: the graph, or every :class:`Problem` at its cell), :func:`export_workbook`
(a document of a graph back to a workbook) and :func:`diff` / :func:`diff_versions` (what
changed, statement by statement). An imported graph joins a knowledge graph with
``kg.add_graph(result.graph, name=...)``.

>>> found = glocal.diff_versions(
...     kg, "Riktlinje för internationellt arbete", "Internationell strategi")
>>> found.counts()["reworded"] > 0, found.changed
(True, True)
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> glocal.template(folder / "mall.xlsx", lang="en")
>>> (folder / "program.txt").write_text("Vi ska samarbeta.", encoding="utf-8")
17
>>> source = glocal.extract(folder / "program.txt")
>>> source.pages, len(source.sha256)
(1, 64)
>>> result = glocal.import_workbook(folder / "mall.xlsx", source)
>>> result.ok, isinstance(result.problems[0], glocal.Problem)
(False, True)
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glocal.authoring import (
        DocumentDiff,
        ExportResult,
        GraphDiff,
        ImportResult,
        Problem,
        SourceText,
        Statement,
        StatementChange,
        StatementLink,
        export_workbook,
        import_workbook,
    )
    from glocal.authoring.diff import diff, diff_versions
    from glocal.authoring.extract import extract
    from glocal.authoring.template import template
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
    # bringing a document of one's own (glocal.authoring)
    "DocumentDiff": ("authoring", "DocumentDiff"),
    "ExportResult": ("authoring", "ExportResult"),
    "GraphDiff": ("authoring", "GraphDiff"),
    "ImportResult": ("authoring", "ImportResult"),
    "Problem": ("authoring", "Problem"),
    "SourceText": ("authoring", "SourceText"),
    "Statement": ("authoring", "Statement"),
    "StatementChange": ("authoring", "StatementChange"),
    "StatementLink": ("authoring", "StatementLink"),
    "diff": ("authoring.diff", "diff"),
    "diff_versions": ("authoring.diff", "diff_versions"),
    "export_workbook": ("authoring", "export_workbook"),
    "extract": ("authoring.extract", "extract"),
    "import_workbook": ("authoring", "import_workbook"),
    "template": ("authoring.template", "template"),
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
    "DocumentDiff",
    "DocumentError",
    "DocumentSummary",
    "EncodingError",
    "ExportResult",
    "ForbiddenQueryError",
    "GlocalError",
    "GraphDiff",
    "IRIError",
    "ImportResult",
    "InputError",
    "JavaNotFoundError",
    "KnowledgeGraph",
    "LexicalFormWarning",
    "Link",
    "MemoryLimitError",
    "MissingExtraError",
    "NodeNotFoundError",
    "NodeRef",
    "Problem",
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
    "SourceText",
    "Statement",
    "StatementChange",
    "StatementLink",
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
    "diff",
    "diff_versions",
    "export_workbook",
    "extract",
    "import_workbook",
    "load",
    "open",
    "template",
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

        extra = "authoring" if module.startswith("authoring") else "server"
        raise MissingExtraError(extra, exc.name) from exc
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
