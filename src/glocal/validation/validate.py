"""SHACL → :class:`~glocal.report.ValidationReport`: glocal's checks, run by pySHACL.

This is the only module that imports pySHACL. The shapes are data (``shapes/*.ttl``, plus any
file a municipality adds), read, checked and prepared by :mod:`glocal.validation.shapes`; this
module runs
them (pySHACL, or the SPARQL engine of :mod:`glocal.validation.sparql.compile`) and turns the
results into a report
an officer can read: labels, not IRIs, under the documents they come from.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import BNode, Node

from glocal import resources
from glocal.errors import GlocalError, InputError, QueryError, ShapesError
from glocal.namespaces import SHACL as SH
from glocal.options import ENGINES, VALIDATION_TIMEOUT, Engine
from glocal.rdf.formats import rdf_files
from glocal.validation.report import ValidationReport, ValidationResult
from glocal.validation.results import findings, tag_messages
from glocal.validation.scope import Scope, keep, narrow, one_hop, scope
from glocal.validation.shapes import (
    _SH,
    SHAPES,
    _bind_dates,
    _deactivate,
    _merge,
    _read,
    _ShapesFile,
    review_dates,
    shape_names,
)
from glocal.words import LANGS, Lang

if TYPE_CHECKING:
    from glocal.progress import ProgressCallback
    from glocal.store.graph import KnowledgeGraph
    from glocal.validation.sparql.compile import Compiled

__all__ = ["SHAPES", "review_dates", "shape_names", "validate"]


_GENID = "https://w3id.org/glocal/.well-known/genid/"


# --- running pySHACL ---------------------------------------------------------------------------


@cache
def _shacl_terms() -> frozenset[URIRef]:
    """The SHACL vocabulary pySHACL ships: the terms a shapes file may use."""
    vocabulary = importlib_resources.files("pyshacl") / "assets" / "shacl.ttl"
    graph = Graph().parse(data=vocabulary.read_text(encoding="utf-8"), format="turtle")
    return frozenset(s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(_SH))


def _pyshacl(data: Graph, shapes: Graph) -> Graph:
    from pyparsing import ParseBaseException
    from pyshacl import validate as shacl
    from pyshacl.errors import ReportableRuntimeError

    try:
        _, results, _ = shacl(data, shacl_graph=shapes, inference="none", advanced=True,
                              allow_warnings=True, inplace=True, do_owl_imports=False, js=False)
    except (ReportableRuntimeError, ParseBaseException) as exc:
        message = getattr(exc, "message", None) or str(exc)
        raise ShapesError("the shapes", f"the shapes cannot run: {message}".strip()) from exc
    except ShapesError:
        raise
    except Exception as exc:  # pySHACL's own failures (AttributeError, an HTTP error ...)
        raise ShapesError("the shapes", f"pySHACL cannot run these shapes: "
                          f"{type(exc).__name__}: {exc}".strip()) from exc
    if not isinstance(results, Graph):  # a pySHACL ValidationFailure: it refused the shapes
        message = getattr(results, "message", None) or repr(results)
        raise ShapesError("the shapes", f"the shapes cannot run: {message}"[:500])
    return results


def _stringify(graph: Graph, node: Node) -> str:
    """``node`` as pySHACL's default messages show it (for the SPARQL engine's reports)."""
    from pyshacl.rdfutil.stringify import stringify_node

    return str(stringify_node(graph, node))


def _no_service(ctx: object, part: object) -> object:
    """rdflib's evaluation hook: a SERVICE clause in a shapes query is refused, not fetched."""
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise ShapesError("the shapes", "SERVICE is refused: glocal never sends a query to "
                          "another endpoint")
    raise NotImplementedError


def _worker() -> None:
    """The worker process: read the graphs as JSON on stdin, write the outcome to stdout.

    It runs without a network (:func:`glocal.sandbox.deny_network`) and with rdflib's
    ``SERVICE`` evaluation replaced by a refusal.
    """
    from rdflib.plugins.sparql import CUSTOM_EVALS

    from glocal import sandbox

    sandbox.deny_network()
    CUSTOM_EVALS["glocal-no-service"] = _no_service
    import rdflib

    rdflib.NORMALIZE_LITERALS = False  # the data and shapes as given ("007" stays "007")
    job = json.loads(sys.stdin.buffer.read())
    try:
        # blank nodes travel as skolem IRIs and are blank nodes again here, with the same
        # labels, so pySHACL sees blank nodes (sh:nodeKind, sh:minLength) and a result's focus
        # node and sh:sourceShape name the caller's
        data = _unskolem(Graph().parse(data=job["data"], format="nt"))
        shapes = _unskolem(Graph().parse(data=job["shapes"], format="nt"))
        for graph, key in ((data, "data_prefixes"), (shapes, "shapes_prefixes")):
            for prefix, namespace in job.get(key, {}).items():  # pySHACL's messages use them
                graph.bind(prefix, namespace, override=True, replace=True)
        outcome = {"kind": "ok",
                   "payload": _skolem(_pyshacl(data, shapes)).serialize(format="nt")}
    except ShapesError as exc:
        outcome = {"kind": "shapes", "payload": exc.detail}
    sys.stdout.write(json.dumps(outcome))


def _skolem(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        s, p, o = (URIRef(_GENID + str(t)) if isinstance(t, BNode) else t for t in triple)
        out.add((s, p, o))
    return out


def _unskolem(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        s, p, o = (BNode(t[len(_GENID):]) if isinstance(t, URIRef) and t.startswith(_GENID)
                   else t for t in triple)
        out.add((s, p, o))
    return out


def _timed_out(sources: str, timeout: float) -> ShapesError:
    return ShapesError(sources, f"validation did not finish within {timeout:g} seconds; "
                       "a sh:pattern in the shapes may take too long (raise --timeout "
                       "or simplify the pattern)")


def _in_worker(data: Graph, shapes: Graph, timeout: float | None, sources: str) -> Graph:
    """Run pySHACL in a child process without a network, killed when ``timeout`` seconds have
    passed (None: no limit)."""
    job = json.dumps({"data": _skolem(data).serialize(format="nt"),
                      "shapes": _skolem(shapes).serialize(format="nt"),
                      "data_prefixes": {p: str(n) for p, n in data.namespaces()},
                      "shapes_prefixes": {p: str(n) for p, n in shapes.namespaces()}})
    package_root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from glocal.validation.validate import _worker; _worker()"],
            input=job.encode("utf-8"), capture_output=True, timeout=timeout, env=env,
            check=False)
    except subprocess.TimeoutExpired:
        raise _timed_out(sources, cast(float, timeout)) from None
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])
        raise ShapesError(sources, f"validation failed in its worker process: {last[-1]}")
    try:
        outcome = json.loads(done.stdout)
    except ValueError:
        raise ShapesError(sources, "validation failed in its worker process: it answered "
                          "no report") from None
    if outcome["kind"] == "shapes":
        raise ShapesError(sources, outcome["payload"])
    return _unskolem(Graph().parse(data=outcome["payload"], format="nt"))


# --- the entry point ---------------------------------------------------------------------------


class _Prepared:
    """Shapes files read, checked, merged, shapes turned off and dates bound; and, once the
    SPARQL engine has asked, their compiled checks (or why they cannot be compiled)."""

    __slots__ = ("compiled", "files", "graph", "sources")

    def __init__(self, files: list[_ShapesFile], graph: Graph) -> None:
        self.files, self.graph = files, graph
        self.sources = ", ".join(f.name for f in files)
        self.compiled: Compiled | Exception | None = None


_PREPARED: dict[tuple[object, ...], _Prepared] = {}
_PREPARED_KEPT = 4  # shapes sets kept prepared: a service validating one document after another
_PREPARED_LOCK = threading.Lock()


def _prepare(sources: Sequence[str | Path], disable: Sequence[str], as_of: date) -> _Prepared:
    """The shapes of ``sources`` ready to run, read again only when a file's path or bytes
    differ: one document of a national graph after another validates without parsing and
    compiling the same shapes each time."""
    paths = [path.resolve() for source in sources for path in rdf_files(source)]
    try:
        contents = tuple((str(p), hashlib.sha256(p.read_bytes()).digest()) for p in paths)
    except OSError:  # not read here: reading the files below names the error
        contents = None
    key = (contents, tuple(disable), as_of)
    with _PREPARED_LOCK:
        found = _PREPARED.get(key) if contents is not None else None
    if found is not None:
        return found
    files = _read(sources)
    if not files:
        raise InputError("shapes", "no shapes file to validate with")
    graph = _merge(files, _shacl_terms())
    _deactivate(graph, disable)
    _bind_dates(graph, as_of)
    prepared = _Prepared(files, graph)
    if contents is None:
        return prepared
    with _PREPARED_LOCK:  # a program may validate from several threads
        while len(_PREPARED) >= _PREPARED_KEPT:
            del _PREPARED[next(iter(_PREPARED))]
        _PREPARED[key] = prepared
    return prepared


def _compiled(prepared: _Prepared) -> Compiled:
    """The prepared shapes compiled, once (a shapes set that cannot be raises the same)."""
    from glocal.validation.sparql.compile import Compiled

    if prepared.compiled is None:
        try:
            prepared.compiled = Compiled(prepared.graph)
        except Exception as exc:
            prepared.compiled = exc
    if isinstance(prepared.compiled, Exception):
        raise prepared.compiled
    return prepared.compiled


def _sparql_engine(kg: KnowledgeGraph, prepared: _Prepared, engine: Engine) -> Compiled | None:
    """The compiled shapes if the SPARQL engine is to run, else None (pySHACL runs)."""
    if engine == "pyshacl":
        return None
    from glocal.validation.sparql.compile import Unsupported

    graph, sources = prepared.graph, prepared.sources
    try:
        if not kg.backend.local_sparql:
            raise Unsupported("the graph is not in the embedded store")
        from glocal.store.embedded import rewrites
        from glocal.validation.sparql.rewritten import why_not

        # literals not as given: in the shapes' constants, always pySHACL's; in the data, the
        # engine's unless the shapes cannot tell the two forms apart (sparql/rewritten.py)
        reason = "the shapes' constants" if rewrites(_compared(graph)) else (
            why_not(graph, kg.backend.rewritten_forms())
            if kg.backend.rewritten_literals() else None)
        if reason is not None:
            raise Unsupported("the store keeps literals of the data or the shapes in another "
                              f"form than they were given (docs/sparql.md): {reason}")
        return _compiled(prepared)
    except Unsupported as exc:
        if engine == "sparql":
            raise ShapesError(sources, f"the SPARQL engine cannot run these shapes: {exc} "
                              "(use engine pyshacl or auto)") from exc
        return None
    except Exception as exc:  # a failure of glocal's own: pySHACL is the reference
        if engine == "sparql":
            raise _engine_failed(sources, exc) from exc
        return None


def _compared(shapes: Graph) -> Iterator[Node]:
    """The constants the shapes compare the data's terms with (sh:in, sh:hasValue,
    sh:targetNode); a parameter such as ``sh:uniqueLang true`` is read by glocal, not the store."""
    yield from shapes.objects(None, SH.hasValue)
    yield from shapes.objects(None, SH.targetNode)
    for members in shapes.objects(None, SH.in_):
        yield from Collection(shapes, members) if isinstance(members, BNode) else ()


def _engine_failed(sources: str, exc: BaseException) -> ShapesError:
    return ShapesError(sources, f"the SPARQL engine cannot run these shapes: it failed "
                       f"({type(exc).__name__}: {exc}); use engine pyshacl or auto"[:500])


def _narrowed(compiled: Compiled | None,
              where: Scope | None) -> tuple[Compiled | None, str | None]:
    """The compiled checks narrowed to the scope (a copy: the shapes' own checks stay as they
    are for the next run); the subjects whose values the search for ill-typed literals must
    read (None: the whole graph's)."""
    if compiled is None or where is None:
        return compiled, None
    narrowed = copy.copy(compiled)
    narrowed.checks = [copy.copy(check) for check in compiled.checks]
    for check in narrowed.checks:
        check.query = narrow(check.query, where)
    return narrowed, where.pattern("this") if one_hop(compiled) else None


def validate(
    kg: KnowledgeGraph,
    *,
    shapes: Sequence[str | Path] | None = None,
    as_of: date | None = None,
    lang: Lang = "sv",
    timeout: float | None = VALIDATION_TIMEOUT,
    disable: Sequence[str] = (),
    engine: Engine = "auto",
    progress: ProgressCallback | None = None,
    document: str | URIRef | None = None,
    municipality: str | URIRef | None = None,
) -> ValidationReport:
    """Check ``kg`` with SHACL shapes; a report of what to fix, in ``lang`` (``sv`` or ``en``).

    ``shapes`` are shapes files or folders (default: glocal's own, ``shapes/*.ttl``); a caller
    who wants glocal's and their own passes both (``resources.shape_files()`` lists glocal's).
    ``as_of`` is the date of the review (default: today). ``disable`` names shapes to turn off
    (IRI or local name). pySHACL runs in a separate process without a network, stopped when
    ``timeout`` seconds (default :data:`~glocal.options.VALIDATION_TIMEOUT`; None: no limit)
    have passed (:class:`~glocal.errors.ShapesError`). ``engine`` picks the SHACL engine
    (:data:`ENGINES`); the report's ``engine`` says which one ran. The SPARQL engine runs in
    this process and stops between two queries once ``timeout`` has passed. ``progress`` is
    called with the checks done (:mod:`glocal.progress`). ``document`` and ``municipality``
    (IRI, CURIE or title) narrow the report to one document's nodes, or those of the documents a
    municipality publishes, with the results validating everything gives about them
    (:mod:`glocal.validation.scope`).
    """
    if engine not in ENGINES:
        raise InputError("engine", f"unknown engine {engine!r}; use {', '.join(ENGINES)}")
    if lang not in LANGS:
        raise InputError("lang", f"unknown language {lang!r}; use sv or en")
    where = scope(kg, document=document, municipality=municipality)
    as_of = as_of or date.today()
    prepared = _prepare(resources.shape_files() if shapes is None else shapes, disable, as_of)
    files, graph, sources = prepared.files, prepared.graph, prepared.sources
    compiled = _sparql_engine(kg, prepared, engine)
    compiled, subjects = _narrowed(compiled, where)
    checks = len(compiled.checks) if compiled is not None else None
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress("validate", done, checks)

    if progress is not None:
        progress("validate", 0, checks)
    results, ran = _run(kg, graph, compiled, engine, timeout, sources, advance, subjects)
    results, found = _findings(kg, graph, results, where, lang, sources)
    return ValidationReport(
        results=found,
        as_of=as_of.isoformat(),
        lang=lang,
        shapes=tuple(f.name for f in files),
        graph=results.serialize(format="nt"),
        engine=ran,
    )


def _findings(kg: KnowledgeGraph, graph: Graph, results: Graph, where: Scope | None,
              lang: Lang, sources: str) -> tuple[Graph, tuple[ValidationResult, ...]]:
    """The results graph kept to the scope, and what it says for people to read."""
    try:
        if where is not None:
            results = keep(results, where)
        tag_messages(results, graph)
        found = tuple(findings(kg, graph, results, lang,
                               None if where is None else where.pattern("node")))
        _set_conforms(results, found)
    except GlocalError:
        raise
    except Exception as exc:  # never a traceback, nor a verdict on a report half made
        raise ShapesError(sources, f"glocal cannot make a report of these shapes' results "
                          f"({type(exc).__name__}: {exc})"[:500]) from exc
    return results, found


def _set_conforms(results: Graph, found: Sequence[ValidationResult]) -> None:
    """The report graph's ``sh:conforms`` as ``report.conforms`` says: false if any result is
    a violation or of a severity of the shapes' own (neither warning nor info)."""
    conforms = Literal(not any(r.severity == "violation" for r in found))
    for report in set(results.subjects(RDF.type, SH.ValidationReport)):
        results.set((report, SH.conforms, conforms))


def _run(kg: KnowledgeGraph, graph: Graph, compiled: Compiled | None, engine: Engine,
         timeout: float | None, sources: str, advance: Callable[[], None],
         subjects: str | None = None) -> tuple[Graph, str]:
    """The results graph, and the engine that made it (pySHACL if the SPARQL engine cannot)."""
    if compiled is not None:
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            from glocal.validation.sparql.run import run

            return run(compiled, kg, _stringify, deadline,
                       lambda: _timed_out(sources, cast(float, timeout)), advance,
                       subjects), "sparql"
        except QueryError as exc:  # a query the store refuses: pySHACL is the reference
            if engine == "sparql":
                raise ShapesError(sources, f"the shapes cannot run: {exc.detail}") from exc
        except ShapesError:  # the time limit, SERVICE: the same with pySHACL
            raise
        except Exception as exc:  # a failure of glocal's own: pySHACL is the reference
            if engine == "sparql":
                raise _engine_failed(sources, exc) from exc
    # always in the sandboxed worker: a shapes file is untrusted input
    return _in_worker(kg.to_rdflib(), graph, timeout, sources), "pyshacl"
