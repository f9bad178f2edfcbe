"""The ``glocal`` command's arguments: one subparser per command, choices and defaults from
:mod:`glocal.options` and :mod:`glocal.words`, each command's ``run`` in
:mod:`glocal.cli.commands`. Importing this module imports none of the heavy libraries."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from glocal import __version__
from glocal.cli import authoring_extract, commands
from glocal.options import (
    ENDPOINT,
    ENGINES,
    MAX_PATHS,
    REASONER_MAX_TRIPLES,
    REASONER_TIMEOUT,
    REASONERS,
    VALIDATION_TIMEOUT,
)
from glocal.words import LANGS

__all__ = ["build_parser"]

if TYPE_CHECKING:  # the type of parser.add_subparsers()
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


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


def _review_and_reason(sub: Subparsers) -> None:
    """The main job and owl reasoning."""
    review = sub.add_parser("review", help="what the graph holds, municipality by municipality")
    review.add_argument("files", nargs="*", metavar="FILE",
                        help="RDF files or folders (default: the bundled documents)")
    review.add_argument("--lang", choices=LANGS, default="sv")
    review.add_argument("--format", choices=("text", "json"), default="text")
    review.add_argument("--as-of", type=_iso_date, default=None, metavar="DATE",
                        help="the date of the review, YYYY-MM-DD (default: today)")
    review.add_argument("--reason", action="store_true",
                        help="also check consistency with the OWL reasoner HermiT (needs Java; "
                             "takes a few seconds)")
    review.add_argument("--reason-timeout", type=_positive(float), default=60.0,
                        metavar="SECONDS", help="stop the reasoner after this long (default: 60)")
    review.set_defaults(run=commands.review)

    reason = sub.add_parser("reason", help="OWL reasoning: is the graph consistent, and what "
                                           "does the ontology entail (needs Java)")
    reason.add_argument("files", nargs="*", metavar="FILE",
                        help="RDF files or folders (default: the bundled documents)")
    reason.add_argument("--reasoner", choices=REASONERS, default="hermit")
    reason.add_argument("--materialise", metavar="OUT",
                        help="write the inferred facts, with their provenance, to OUT")
    reason.add_argument("--timeout", type=_positive(float), default=REASONER_TIMEOUT,
                        metavar="SECONDS",
                        help=f"stop the reasoner after this long (default: {REASONER_TIMEOUT:g})")
    reason.add_argument("--max-triples", type=_positive(int), default=REASONER_MAX_TRIPLES,
                        metavar="N",
                        help=f"refuse a larger graph (default: {REASONER_MAX_TRIPLES})")
    reason.add_argument("--lang", choices=LANGS, default="sv")
    reason.add_argument("--format", choices=("text", "json"), default="text")
    reason.set_defaults(run=commands.reason)


def _query_convert_info(sub: Subparsers) -> None:
    """Sparql, conversion and facts."""
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
    query.set_defaults(run=commands.query)

    convert = sub.add_parser("convert", help="convert an RDF file to another format")
    convert.add_argument("input", metavar="IN")
    convert.add_argument("output", metavar="OUT")
    convert.add_argument("--from", dest="source_format", metavar="FORMAT")
    convert.add_argument("--to", dest="target_format", metavar="FORMAT")
    convert.set_defaults(run=commands.convert)

    info = sub.add_parser("info", help="versions, graphs and bundled resources")
    info.add_argument("files", nargs="*", metavar="FILE")
    info.add_argument("--format", choices=("text", "json"), default="text")
    info.set_defaults(run=commands.info)


def _traceability(sub: Subparsers) -> None:
    """Trace, contributors and coverage."""
    trace = sub.add_parser("trace", help="why a node exists and what it serves, up to the SDGs")
    trace.add_argument("node", metavar="NODE", help="an IRI, CURIE or label (sv or en)")
    contributors = sub.add_parser("contributors",
                                  help="who works on an SDG goal or target, a goal or a document")
    contributors.add_argument("target", metavar="TARGET",
                              help="an SDG ('17.17', 'SDG 17'), or a node's IRI, CURIE or label")
    for command in (trace, contributors):
        command.add_argument("--format", choices=("tree", "table", "json"), default="tree")
        command.add_argument("--max-paths", type=_positive(int), default=MAX_PATHS, metavar="N",
                             help=f"list at most N paths (default {MAX_PATHS})")
    coverage = sub.add_parser("coverage", help="which SDGs the documents serve; gaps in goals")
    coverage.add_argument("--document", metavar="DOC", help="only this document (IRI or title)")
    coverage.add_argument("--municipality", metavar="NAME",
                          help="only the documents this municipality publishes")
    coverage.add_argument("--format", choices=("table", "json", "csv"), default="table")
    for command in (trace, contributors, coverage):
        command.add_argument("--lang", choices=LANGS, default="sv")
        command.add_argument("--data", nargs="+", default=[], metavar="FILE",
                             help="RDF files or folders (default: the bundled documents)")
    trace.set_defaults(run=commands.trace)
    contributors.set_defaults(run=commands.contributors)
    coverage.set_defaults(run=commands.coverage)
    network = sub.add_parser("network", help="the strategy layer as a network: isolated goals, "
                                              "the nodes that connect the most, GraphML")
    network.add_argument("--data", nargs="+", default=[], metavar="FILE",
                         help="RDF files or folders (default: the bundled documents)")
    network.add_argument("--graphml", metavar="OUT", help="also write the network as GraphML")
    network.add_argument("--top", type=_positive(int), default=10, metavar="N",
                         help="list the N most connecting nodes (default: 10)")
    network.add_argument("--lang", choices=LANGS, default="sv")
    network.add_argument("--format", choices=("text", "json"), default="text")
    network.set_defaults(run=commands.network)


def _serve_and_push(sub: Subparsers) -> None:
    """The endpoint and the push to a store (the server extra)."""
    serve = sub.add_parser("serve", help="a read-only SPARQL endpoint (the server extra)")
    serve.add_argument("--data", nargs="+", default=[], metavar="FILE",
                       help="RDF files or folders (default: the bundled documents)")
    serve.add_argument("--store", metavar="PATH", help="serve a glocal store on disk, read-only")
    serve.add_argument("--host", default=ENDPOINT.host,
                       help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=ENDPOINT.port,
                       help=f"default: {ENDPOINT.port}")
    serve.add_argument("--timeout", type=_positive(float), default=ENDPOINT.timeout,
                       metavar="SECONDS",
                       help=f"stop a query after this long (default: {ENDPOINT.timeout:g})")
    serve.add_argument("--max-results", type=_positive(int), default=ENDPOINT.max_results,
                       metavar="N", help="refuse a result of more rows or triples "
                                         f"(default: {ENDPOINT.max_results})")
    serve.add_argument("--max-response-bytes", type=_positive(int),
                       default=ENDPOINT.max_response_bytes,
                       metavar="BYTES", help="refuse a larger answer (default: 16 MiB)")
    serve.add_argument("--max-query-bytes", type=_positive(int),
                       default=ENDPOINT.max_query_bytes,
                       metavar="BYTES", help="refuse a longer query (default: 64 KiB)")
    serve.add_argument("--workers", type=_positive(int), default=ENDPOINT.workers, metavar="N",
                       help="worker processes, so queries running at once (default: 2)")
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="let web pages from ORIGIN query (repeatable; default: none)")
    serve.add_argument("--max-memory-bytes", type=int, default=ENDPOINT.max_memory_bytes,
                       metavar="BYTES", help="memory one query worker may use; 0: no cap "
                       "(default: 2 GiB)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="answer requests for the host name NAME (repeatable; '*': any; "
                       "default: the address listened on, and the loopback names)")
    serve.add_argument("--header-timeout", type=_positive(float),
                       default=ENDPOINT.header_timeout, metavar="SECONDS",
                       help="close a connection whose request headers take longer "
                       "(default: 10)")
    serve.add_argument("--body-timeout", type=_positive(float), default=ENDPOINT.body_timeout,
                       metavar="SECONDS",
                       help="refuse a request whose body takes longer (default: 30)")
    serve.set_defaults(run=commands.serve)

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
    push.set_defaults(run=commands.push)


def _validate(sub: Subparsers) -> None:
    """Validation before the annual review."""
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
    validate.add_argument("--lang", choices=LANGS, default="sv")
    validate.add_argument("--format", choices=("table", "json", "markdown", "turtle"),
                          default="table")
    validate.add_argument("--fail-on", choices=("violation", "warning", "info"),
                          default="violation",
                          help="exit 1 if a result is this severe or worse (default: violation)")
    validate.add_argument("--timeout", type=float, default=VALIDATION_TIMEOUT, metavar="SECONDS",
                          help=f"stop the checks after this long (default: "
                               f"{VALIDATION_TIMEOUT:g}; 0: no limit)")
    validate.add_argument("--engine", choices=ENGINES, default="auto",
                          help="the SHACL engine: pyshacl (the reference), sparql (queries on "
                               "the embedded store, faster) or auto (sparql when it supports "
                               "every shape, default)")
    validate.add_argument("--document", metavar="DOC",
                          help="only this document's statements and what they link to (IRI, "
                               "CURIE or title)")
    validate.add_argument("--municipality", metavar="NAME",
                          help="only the documents this municipality publishes")
    validate.set_defaults(run=commands.validate)


def build_parser() -> argparse.ArgumentParser:
    """The ``glocal`` command's parser; each subcommand's ``run`` is its function in
    :mod:`glocal.cli.commands`."""
    parser = argparse.ArgumentParser(
        prog="glocal",
        description="Governing documents on international work and Agenda 2030 as a knowledge "
                    "graph: review, query and convert it.",
    )
    parser.add_argument("--version", action="version", version=f"glocal {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in (_review_and_reason, _query_convert_info, _traceability, _serve_and_push,
                _validate, authoring_extract.register):
        add(sub)
    from glocal.cli import report

    report.add_parser(sub, _iso_date)
    from glocal.cli import authoring

    authoring.register(sub)
    return parser
