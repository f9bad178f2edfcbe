"""The ``glocal`` commands: each parses nothing and computes nothing itself, but calls the public
API and hands the result to a function of :mod:`glocal.cli.render`. Heavy imports happen inside
each command, so ``glocal --help`` stays instant.

Exit codes: 0 fine, 1 the data fails a check, 2 unreadable input or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glocal import __version__, sandbox
from glocal.cli import render
from glocal.cli.progress import ProgressLine
from glocal.words import word

if TYPE_CHECKING:
    from rdflib.term import Node

    from glocal.store.graph import KnowledgeGraph
    from glocal.words import Lang

__all__ = ["contributors", "convert", "coverage", "info", "network", "push", "query", "reason",
"review",
           "serve", "trace", "validate"]


def _load(files: Sequence[str], progress: ProgressLine, fmt: str | None = None
          ) -> KnowledgeGraph:
    from glocal.store.graph import load

    return load(*files, format=fmt, progress=progress)


def _lang(args: argparse.Namespace) -> Lang:
    lang: Lang = getattr(args, "lang", "sv")
    return lang


def review(args: argparse.Namespace) -> int:
    with ProgressLine(args.lang) as progress:
        kg = _load(args.files, progress)
        docs = kg.summarise(lang=args.lang)
        validation = kg.validate(as_of=args.as_of, lang=args.lang, progress=progress)
    # OWL reasoning starts Java and takes seconds, so review runs it only when asked (--reason).
    reasoned = kg.reason(timeout=args.reason_timeout) if args.reason else None
    sys.stdout.write(render.review(docs, statements=len(kg), coverage=kg.coverage(),
                                   validation=validation, reasoning=reasoned, fmt=args.format,
                                   lang=args.lang))
    return int(reasoned is not None and not reasoned.consistent)


def _parse_binding(text: str) -> tuple[str, Node]:
    from rdflib.term import Literal

    from glocal.errors import IRIError
    from glocal.namespaces import as_iri

    name, eq, value = text.partition("=")
    if not eq or not name:
        raise SystemExit(f"glocal: error: --bind takes NAME=VALUE, not {text!r}")
    name = name.lstrip("?$")
    try:
        return name, as_iri(value)
    except IRIError:
        return name, Literal(value)


def _query_text(args: argparse.Namespace) -> str:
    from glocal import resources
    from glocal.errors import InputError

    if args.named is not None:
        return resources.read_query(args.named)
    if args.expression is not None:
        text: str = args.expression
        return text
    if args.file is not None:
        try:
            return sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(args.file, f"cannot read the query: {exc}") from exc
    raise SystemExit("glocal: error: give a query file or -e QUERY")


def query(args: argparse.Namespace) -> int:
    from glocal import resources
    from glocal.rdf.sparql import form

    if args.list:
        queries = {name: resources.read_query(name) for name in resources.query_names()}
        sys.stdout.write(render.named_queries(queries))
        return 0
    text = _query_text(args)
    bindings = dict(_parse_binding(b) for b in args.bind)
    with ProgressLine("sv") as progress:
        kg = _load(args.data, progress)
    if args.sandbox:  # the data is read: from here on, nothing can connect anywhere
        sandbox.deny_network()
    kind = form(text)
    if kind == "ASK":
        sys.stdout.write(render.boolean_result(kg.ask(text, bindings=bindings), args.format))
    elif kind in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(render.graph_result(kg.construct(text, bindings=bindings), args.format))
    else:
        sys.stdout.write(render.rows_result(kg.query(text, bindings=bindings), args.format))
    return 0


def convert(args: argparse.Namespace) -> int:
    from glocal.rdf.formats import convert as convert_file

    n = convert_file(args.input, args.output, source_format=args.source_format,
                     target_format=args.target_format)
    sys.stderr.write(f"wrote {n} statements to {args.output}\n")
    return 0


def info(args: argparse.Namespace) -> int:
    from importlib.metadata import version

    from glocal import resources

    with ProgressLine("sv") as progress:
        kg = _load(args.files, progress)
    facts: dict[str, Any] = {
        "glocal": __version__,
        "python": sys.version.split()[0],
        "dependencies": {p: version(p) for p in
                         ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "networkx")},
        "statements": len(kg),
        "graphs": [str(g) for g in kg.graphs()],
        "named_queries": resources.query_names(),
        "bundled": str(resources.root()),
    }
    sys.stdout.write(render.info(facts, args.format))
    return 0


def _paths(args: argparse.Namespace, *, upward: bool) -> int:
    """``glocal trace`` (up from a node) and ``glocal contributors`` (down to a target)."""
    with ProgressLine(args.lang) as progress:
        kg = _load(args.data, progress)
    if upward:
        found: Any = kg.trace(args.node, max_paths=args.max_paths)
        text = render.traces(found, args.format, args.lang)
    else:
        found = kg.contributors(args.target, max_paths=args.max_paths)
        text = render.contributors(found, args.format, args.lang)
    sys.stdout.write(text)
    if found.truncated and args.format != "json":
        sys.stderr.write(render.truncated(args.max_paths, args.lang))
    return 0


def trace(args: argparse.Namespace) -> int:
    return _paths(args, upward=True)


def contributors(args: argparse.Namespace) -> int:
    return _paths(args, upward=False)


def coverage(args: argparse.Namespace) -> int:
    with ProgressLine(args.lang) as progress:
        kg = _load(args.data, progress)
    report = kg.coverage(document=args.document, municipality=args.municipality)
    sys.stdout.write(render.coverage_report(report, args.format, args.lang))
    return 0


def network(args: argparse.Namespace) -> int:
    from glocal.trace.network import (
        central_nodes,
        components,
        isolated_goals,
        node_label,
        write_graphml,
    )

    with ProgressLine(args.lang) as progress:
        kg = _load(args.data, progress)
    graph = kg.to_networkx()
    if args.graphml is not None:
        write_graphml(graph, args.graphml)
        sys.stderr.write(word("network.graphml", args.lang, path=args.graphml) + "\n")
    names = {n: node_label(graph, n, args.lang) for n in graph.nodes}
    sys.stdout.write(render.network(
        nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
        parts=len(components(graph)), isolated=[(n, names[n]) for n in isolated_goals(graph)],
        central=[(n, names[n], s) for n, s in central_nodes(graph, top=args.top)],
        fmt=args.format, lang=args.lang))
    return 0


def missing_extra(exc: ModuleNotFoundError, extra: str = "server") -> int:
    """The one line, and exit 2, for a command whose optional dependencies are missing."""
    from glocal.errors import MissingExtraError

    sys.stderr.write(f"glocal: error: {MissingExtraError(extra, exc.name or '?')}\n")
    return 2


def serve(args: argparse.Namespace) -> int:
    try:
        from glocal.serve.app import Settings
        from glocal.serve.app import serve as serve_endpoint
    except ModuleNotFoundError as exc:
        return missing_extra(exc)
    settings = Settings(host=args.host, port=args.port, timeout=args.timeout,
                        max_results=args.max_results, max_response_bytes=args.max_response_bytes,
                        max_query_bytes=args.max_query_bytes, workers=args.workers,
                        cors_origins=tuple(args.cors_origin),
                        max_memory_bytes=args.max_memory_bytes or None,
                        allowed_hosts=tuple(args.allow_host),
                        header_timeout=args.header_timeout, body_timeout=args.body_timeout)
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        sys.stderr.write(f"glocal serve: listening on {args.host}: reachable beyond this "
                         "machine\n")
    sys.stderr.write(f"glocal serve: http://{args.host}:{args.port}/sparql, read-only, "
                     f"{args.workers} workers, {args.timeout:g} s per query\n")
    serve_endpoint(*args.data, store=args.store, settings=settings)
    return 0


def push(args: argparse.Namespace) -> int:
    import os

    try:
        from glocal.store.remote import push as push_graphs
    except ModuleNotFoundError as exc:
        return missing_extra(exc)
    auth = None
    if args.user is not None:
        password = os.environ.get("GLOCAL_PASSWORD")
        if password is None:
            raise SystemExit("glocal: error: --user needs the password in GLOCAL_PASSWORD")
        auth = (args.user, password)
    with ProgressLine("sv") as progress:
        kg = _load(args.data, progress)
    names = push_graphs(kg, args.to, graphs=args.graph or None, update_url=args.update_url,
                        auth=auth)
    sys.stdout.write("".join(f"{name}\n" for name in names))
    sys.stderr.write(f"pushed {len(names)} graphs to {args.to}\n")
    return 0


def reason(args: argparse.Namespace) -> int:
    from glocal.rdf.formats import format_for, write_atomic

    # an unknown extension fails before the reasoner runs
    fmt = format_for(args.materialise) if args.materialise is not None else None
    with ProgressLine(args.lang) as progress:
        kg = _load(args.files, progress)
    result = kg.reason(reasoner=args.reasoner, timeout=args.timeout,
                       max_triples=args.max_triples)
    if fmt is not None and result.consistent:
        write_atomic(args.materialise, [result.inferred.serialize(format=fmt.rdflib,
                                                                  encoding="utf-8")])
        sys.stderr.write(f"wrote {result.facts} inferred facts to {args.materialise}\n")
    sys.stdout.write(render.reasoning_result(result, args.format, args.lang))
    return 0 if result.consistent else 1


def validate(args: argparse.Namespace) -> int:
    from glocal import resources

    shapes = [*([] if args.no_default_shapes else resources.shape_files()), *args.shapes]
    with ProgressLine(args.lang) as progress:
        kg = _load(args.files, progress)
        if args.sandbox:  # a shapes file cannot make validation connect anywhere
            sandbox.deny_network()
        report = kg.validate(
            shapes=shapes, as_of=args.as_of, lang=args.lang, timeout=args.timeout or None,
            disable=args.disable, engine=args.engine, progress=progress,
            document=args.document, municipality=args.municipality)
    sys.stdout.write(render.validation_report(report, args.format))
    return 1 if report.fails(args.fail_on) else 0
