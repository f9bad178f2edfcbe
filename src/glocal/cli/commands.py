"""``glocal``: thin commands over the public API. Heavy imports happen inside each command.

Exit codes: 0 fine, 1 the data fails a check, 2 unreadable input or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glocal import __version__
from glocal.cli import render

if TYPE_CHECKING:
    from rdflib.term import Node

    from glocal.store.graph import KnowledgeGraph

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]


def _load(files: Sequence[str], fmt: str | None = None) -> KnowledgeGraph:
    from glocal.store.graph import load

    return load(*files, format=fmt, progress=True)


# --- review ----------------------------------------------------------------------------------


def _review(args: argparse.Namespace) -> int:
    from glocal.trace.review import summarise

    kg = _load(args.files)
    docs = summarise(kg, args.lang)
    validation = kg.validate(lang=args.lang, progress=True)
    # OWL reasoning starts Java and takes seconds, so review runs it only when asked (--reason).
    reasoned = kg.reason(timeout=args.reason_timeout) if args.reason else None
    sys.stdout.write(render.review(docs, statements=len(kg), coverage=kg.coverage(),
                                   validation=validation, reasoning=reasoned, fmt=args.format,
                                   lang=args.lang))
    return int(reasoned is not None and not reasoned.consistent)


# --- query -----------------------------------------------------------------------------------


def _parse_binding(text: str) -> tuple[str, Node]:
    from rdflib.term import Literal

    from glocal.namespaces import as_iri

    name, eq, value = text.partition("=")
    if not eq or not name:
        raise SystemExit(f"glocal: error: --bind takes NAME=VALUE, not {text!r}")
    name = name.lstrip("?$")
    try:
        return name, as_iri(value)
    except ValueError:
        return name, Literal(value)


def _query(args: argparse.Namespace) -> int:
    from glocal import resources
    from glocal.errors import InputError
    from glocal.rdf.sparql import form

    if args.list:
        queries = {name: resources.read_query(name) for name in resources.query_names()}
        sys.stdout.write(render.named_queries(queries))
        return 0
    if args.named is not None:
        text = resources.read_query(args.named)
    elif args.expression is not None:
        text = args.expression
    elif args.file is not None:
        path = Path(args.file)
        try:
            text = sys.stdin.read() if args.file == "-" else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(args.file, f"cannot read the query: {exc}") from exc
    else:
        raise SystemExit("glocal: error: give a query file or -e QUERY")
    bindings = dict(_parse_binding(b) for b in args.bind)
    kg = _load(args.data)
    kind = form(text)
    if kind == "ASK":
        sys.stdout.write(render.boolean_result(kg.ask(text, bindings=bindings), args.format))
    elif kind in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(render.graph_result(kg.construct(text, bindings=bindings), args.format))
    else:
        sys.stdout.write(render.rows_result(kg.query(text, bindings=bindings), args.format))
    return 0


# --- convert, info ---------------------------------------------------------------------------


def _convert(args: argparse.Namespace) -> int:
    from glocal.rdf.formats import convert

    n = convert(args.input, args.output, source_format=args.source_format,
                target_format=args.target_format)
    sys.stderr.write(f"wrote {n} statements to {args.output}\n")
    return 0


def _info(args: argparse.Namespace) -> int:
    from importlib.metadata import version

    from glocal import resources

    kg = _load(args.files)
    info: dict[str, Any] = {
        "glocal": __version__,
        "python": sys.version.split()[0],
        "dependencies": {p: version(p) for p in
                         ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "networkx")},
        "statements": len(kg),
        "graphs": [str(g) for g in kg.graphs()],
        "named_queries": resources.query_names(),
        "bundled": str(resources.root()),
    }
    sys.stdout.write(render.info(info, args.format))
    return 0


# --- trace, contributors, coverage -----------------------------------------------------------


def _trace(args: argparse.Namespace) -> int:
    kg = _load(args.data)
    found = kg.trace(args.node, max_paths=args.max_paths)
    sys.stdout.write(render.traces(found, args.format, args.lang))
    if found.truncated and args.format != "json":
        sys.stderr.write(render.truncated(args.max_paths, args.lang))
    return 0


def _contributors(args: argparse.Namespace) -> int:
    kg = _load(args.data)
    found = kg.contributors(args.target, max_paths=args.max_paths)
    sys.stdout.write(render.contributors(found, args.format, args.lang))
    if found.truncated and args.format != "json":
        sys.stderr.write(render.truncated(args.max_paths, args.lang))
    return 0


def _coverage(args: argparse.Namespace) -> int:
    kg = _load(args.data)
    report = kg.coverage(document=args.document, municipality=args.municipality)
    sys.stdout.write(render.coverage_report(report, args.format, args.lang))
    return 0


# --- serve, push (the server extra) ----------------------------------------------------------


def _positive(kind: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} is not above zero")
        return value

    return parse


def _missing_extra(exc: ModuleNotFoundError) -> int:
    sys.stderr.write(f"glocal: error: this command needs the server extra ({exc.name} is "
                     "missing): pip install 'glocal[server]'\n")
    return 2


def _serve(args: argparse.Namespace) -> int:
    try:
        from glocal.serve.app import Settings, serve
    except ModuleNotFoundError as exc:
        return _missing_extra(exc)
    settings = Settings(host=args.host, port=args.port, timeout=args.timeout,
                        max_results=args.max_results, max_response_bytes=args.max_response_bytes,
                        max_query_bytes=args.max_query_bytes, workers=args.workers,
                        cors_origins=tuple(args.cors_origin))
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        sys.stderr.write(f"glocal serve: listening on {args.host}: reachable beyond this "
                         "machine\n")
    sys.stderr.write(f"glocal serve: http://{args.host}:{args.port}/sparql, read-only, "
                     f"{args.workers} workers, {args.timeout:g} s per query\n")
    serve(*args.data, store=args.store, settings=settings)
    return 0


def _push(args: argparse.Namespace) -> int:
    import os

    try:
        from glocal.store.remote import push
    except ModuleNotFoundError as exc:
        return _missing_extra(exc)
    auth = None
    if args.user is not None:
        password = os.environ.get("GLOCAL_PASSWORD")
        if password is None:
            raise SystemExit("glocal: error: --user needs the password in GLOCAL_PASSWORD")
        auth = (args.user, password)
    kg = _load(args.data)
    names = push(kg, args.to, graphs=args.graph or None, update_url=args.update_url, auth=auth)
    sys.stdout.write("".join(f"{name}\n" for name in names))
    sys.stderr.write(f"pushed {len(names)} graphs to {args.to}\n")
    return 0


# --- reason ----------------------------------------------------------------------------------


def _reason(args: argparse.Namespace) -> int:
    from glocal.rdf.formats import format_for

    if args.materialise is not None:
        format_for(args.materialise)  # an unknown extension fails before the reasoner runs
    kg = _load(args.files)
    result = kg.reason(reasoner=args.reasoner, timeout=args.timeout,
                       max_triples=args.max_triples)
    if args.materialise is not None and result.consistent:
        from glocal.rdf.formats import write_atomic
        from glocal.store.graph import _RDFLIB_FORMAT

        fmt = format_for(args.materialise)
        write_atomic(args.materialise, [result.inferred.serialize(
            format=_RDFLIB_FORMAT[fmt.name], encoding="utf-8")])
        sys.stderr.write(f"wrote {result.facts} inferred facts to {args.materialise}\n")
    sys.stdout.write(render.reasoning_result(result, args.format, args.lang))
    return 0 if result.consistent else 1


# --- validate --------------------------------------------------------------------------------


def _iso_date(text: str) -> Any:
    from datetime import date

    try:
        value: date | None = date.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or value.isoformat() != text:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-06-01")
    return value


def _validate(args: argparse.Namespace) -> int:
    from glocal import resources
    from glocal.validation.validate import validate

    shapes = [*([] if args.no_default_shapes else resources.shape_files()), *args.shapes]
    report = validate(_load(args.files), shapes=shapes, as_of=args.as_of, lang=args.lang,
                      timeout=args.timeout or None, disable=args.disable, engine=args.engine,
                      progress=True)
    sys.stdout.write(render.validation_report(report, args.format))
    return 1 if report.fails(args.fail_on) else 0


# --- the parser ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glocal",
        description="Governing documents on international work and Agenda 2030 as a knowledge "
                    "graph: review, query and convert it.",
    )
    parser.add_argument("--version", action="version", version=f"glocal {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    review = sub.add_parser("review", help="what the graph holds, municipality by municipality")
    review.add_argument("files", nargs="*", metavar="FILE",
                        help="RDF files or folders (default: the bundled documents)")
    review.add_argument("--lang", choices=("sv", "en"), default="sv")
    review.add_argument("--format", choices=("text", "json"), default="text")
    review.add_argument("--reason", action="store_true",
                        help="also check consistency with the OWL reasoner HermiT (needs Java; "
                             "takes a few seconds)")
    review.add_argument("--reason-timeout", type=_positive(float), default=60.0,
                        metavar="SECONDS", help="stop the reasoner after this long (default: 60)")
    review.set_defaults(run=_review)

    reason = sub.add_parser("reason", help="OWL reasoning: is the graph consistent, and what "
                                           "does the ontology entail (needs Java)")
    reason.add_argument("files", nargs="*", metavar="FILE",
                        help="RDF files or folders (default: the bundled documents)")
    reason.add_argument("--reasoner", choices=("hermit", "pellet"), default="hermit")
    reason.add_argument("--materialise", metavar="OUT",
                        help="write the inferred facts, with their provenance, to OUT")
    reason.add_argument("--timeout", type=_positive(float), default=120.0, metavar="SECONDS",
                        help="stop the reasoner after this long (default: 120)")
    reason.add_argument("--max-triples", type=_positive(int), default=150_000, metavar="N",
                        help="refuse a larger graph (default: 150000)")
    reason.add_argument("--lang", choices=("sv", "en"), default="sv")
    reason.add_argument("--format", choices=("text", "json"), default="text")
    reason.set_defaults(run=_reason)

    query = sub.add_parser("query", help="run a SPARQL query on the graph")
    query.add_argument("file", nargs="?", metavar="FILE.rq", help="the query file, - for stdin")
    query.add_argument("-e", "--expression", metavar="QUERY", help="the query text itself")
    query.add_argument("-n", "--named", metavar="NAME", help="run the named query NAME")
    query.add_argument("--list", action="store_true", help="list the named queries")
    query.add_argument("--data", nargs="+", default=[], metavar="FILE",
                       help="RDF files or folders (default: the bundled documents)")
    query.add_argument("--bind", action="append", default=[], metavar="NAME=VALUE",
                       help="bind a variable to an IRI, CURIE or plain literal")
    query.add_argument("--format", choices=("table", "json", "csv"), default="table")
    query.set_defaults(run=_query)

    convert = sub.add_parser("convert", help="convert an RDF file to another format")
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.add_argument("--from", dest="source_format", metavar="FORMAT")
    convert.add_argument("--to", dest="target_format", metavar="FORMAT")
    convert.set_defaults(run=_convert)

    info = sub.add_parser("info", help="versions, graphs and bundled resources")
    info.add_argument("files", nargs="*", metavar="FILE")
    info.add_argument("--format", choices=("text", "json"), default="text")
    info.set_defaults(run=_info)

    trace = sub.add_parser("trace", help="why a node exists and what it serves, up to the SDGs")
    trace.add_argument("node", metavar="NODE", help="an IRI, CURIE or label (sv or en)")
    contributors = sub.add_parser("contributors",
                                  help="who works on an SDG goal or target, a goal or a document")
    contributors.add_argument("target", metavar="TARGET",
                              help="an SDG ('17.17', 'SDG 17'), or a node's IRI, CURIE or label")
    for command in (trace, contributors):
        command.add_argument("--format", choices=("tree", "table", "json"), default="tree")
        command.add_argument("--max-paths", type=int, default=10_000, metavar="N",
                             help="list at most N paths (default 10000)")
    coverage = sub.add_parser("coverage", help="which SDGs the documents serve; gaps in goals")
    coverage.add_argument("--document", metavar="DOC", help="only this document (IRI or title)")
    coverage.add_argument("--municipality", metavar="NAME",
                          help="only the documents this municipality publishes")
    coverage.add_argument("--format", choices=("table", "json", "csv"), default="table")
    for command in (trace, contributors, coverage):
        command.add_argument("--lang", choices=("sv", "en"), default="sv")
        command.add_argument("--data", nargs="+", default=[], metavar="FILE",
                             help="RDF files or folders (default: the bundled documents)")
    trace.set_defaults(run=_trace)
    contributors.set_defaults(run=_contributors)
    coverage.set_defaults(run=_coverage)
    serve = sub.add_parser("serve", help="a read-only SPARQL endpoint (the server extra)")
    serve.add_argument("--data", nargs="+", default=[], metavar="FILE",
                       help="RDF files or folders (default: the bundled documents)")
    serve.add_argument("--store", metavar="PATH", help="serve a glocal store on disk, read-only")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000")
    serve.add_argument("--timeout", type=_positive(float), default=10.0, metavar="SECONDS",
                       help="stop a query after this long (default: 10)")
    serve.add_argument("--max-results", type=_positive(int), default=10_000, metavar="N",
                       help="refuse a result of more rows or triples (default: 10000)")
    serve.add_argument("--max-response-bytes", type=_positive(int), default=16 * 1024 * 1024,
                       metavar="BYTES", help="refuse a larger answer (default: 16 MiB)")
    serve.add_argument("--max-query-bytes", type=_positive(int), default=64 * 1024,
                       metavar="BYTES", help="refuse a longer query (default: 64 KiB)")
    serve.add_argument("--workers", type=_positive(int), default=2, metavar="N",
                       help="worker processes, so queries running at once (default: 2)")
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="let web pages from ORIGIN query (repeatable; default: none)")
    serve.set_defaults(run=_serve)

    push = sub.add_parser("push", help="upload the graph to a SPARQL store, one graph per file")
    push.add_argument("--to", required=True, metavar="URL",
                      help="the store's Graph Store Protocol endpoint")
    push.add_argument("--graph", action="append", default=[], metavar="IRI",
                      help="push only this named graph (repeatable; default: all)")
    push.add_argument("--data", nargs="+", default=[], metavar="FILE",
                      help="RDF files or folders (default: the bundled documents)")
    push.add_argument("--update-url", metavar="URL",
                      help="the store's SPARQL Update endpoint: upload each graph under a "
                           "temporary name, then move it in place (atomic on Virtuoso too)")
    push.add_argument("--user", metavar="NAME",
                      help="log in as NAME; the password is read from GLOCAL_PASSWORD")
    push.set_defaults(run=_push)
    validate = sub.add_parser(
        "validate", help="what to fix before the annual review: glocal's SHACL checks")
    validate.add_argument("files", nargs="*", metavar="FILE",
                          help="RDF files or folders (default: the bundled documents)")
    validate.add_argument("--shapes", action="append", default=[], metavar="FILE",
                          help="a shapes file or folder to check with as well (repeatable)")
    validate.add_argument("--no-default-shapes", action="store_true",
                          help="check only with the --shapes files, not glocal's own")
    validate.add_argument("--disable", action="append", default=[], metavar="SHAPE",
                          help="turn a shape off, by IRI or name, e.g. GoalHasIndicator "
                               "(repeatable)")
    validate.add_argument("--as-of", type=_iso_date, default=None, metavar="DATE",
                          help="the date of the review, YYYY-MM-DD (default: today)")
    validate.add_argument("--lang", choices=("sv", "en"), default="sv")
    validate.add_argument("--format", choices=("table", "json", "markdown", "turtle"),
                          default="table")
    validate.add_argument("--fail-on", choices=("violation", "warning", "info"),
                          default="violation",
                          help="exit 1 if a result is this severe or worse (default: violation)")
    validate.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                          help="stop the checks after this long (default: 300; 0: no limit)")
    validate.add_argument("--engine", choices=("auto", "pyshacl", "sparql"), default="auto",
                          help="the SHACL engine: pyshacl (the reference), sparql (queries on "
                               "the embedded store, faster) or auto (sparql when it supports "
                               "every shape, default)")
    validate.set_defaults(run=_validate)
    from glocal.cli import authoring

    authoring.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    run: Command = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        from glocal.errors import GlocalError

        if isinstance(exc, GlocalError):
            sys.stderr.write(f"glocal: error: {exc}\n")
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
