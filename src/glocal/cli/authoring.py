"""glocal template, glocal import and glocal export: parse, call glocal.authoring, render."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glocal.words import Lang

__all__ = ["register"]


def _template(args: argparse.Namespace) -> int:
    from glocal.authoring import template

    template(args.output, lang=args.lang)
    return 0


def _import(args: argparse.Namespace) -> int:
    from glocal.authoring import import_workbook
    from glocal.words import word

    result = import_workbook(args.workbook, args.source, lang=args.lang)
    for problem in result.problems:
        sys.stdout.write(problem.line() + "\n")
    lang: Lang = args.lang or "sv"
    if args.annotate and result.problems:
        from glocal.authoring.annotate import annotate

        annotate(args.workbook, result.problems, args.annotate)
    if not result.ok:
        sys.stderr.write(word("workbook.failed", lang, count=len(result.problems),
                              name=args.workbook) + "\n")
        return 1
    summary = word("workbook.clean", lang, name=args.workbook, statements=result.statements,
                   quotes=result.quotes, triples=result.triples)
    if args.dry_run:
        changes = _changes(result, args.output, lang)
        if changes is not None:
            sys.stdout.write(changes)
        sys.stderr.write(summary + "\n")
        return 0
    if args.output:
        result.write(args.output)
    else:
        sys.stdout.write(result.to_turtle())
    sys.stderr.write(summary + "\n")
    return 0


def _changes(result: Any, existing: str | None, lang: Lang) -> str | None:
    """Against an existing graph: what the import would change there, statement by statement,
    as ``glocal diff`` shows it (None when there is no graph to compare with)."""
    from pathlib import Path

    from glocal import resources
    from glocal.authoring import diff
    from glocal.cli.render_diff import render
    from glocal.store.graph import load

    if not existing or not Path(existing).is_file():
        return None
    actors = resources.root() / "data" / "actors.ttl"  # the reference both sides are read with
    old, new = load(actors, existing), load(actors)
    try:
        new.add_graph(result.graph, name="https://w3id.org/glocal/graph/import")
        found = diff(old, new)
    finally:
        old.close()
        new.close()
    return render(found.documents, found.only_old, found.only_new, lang)


def _export(args: argparse.Namespace) -> int:
    import glocal
    from glocal.authoring import export_workbook

    kg = glocal.load(*args.data) if args.data else glocal.load()
    result = export_workbook(kg, args.document, args.output, lang=args.lang)
    rows = sum(result.rows.values())
    sys.stderr.write(f"{args.output}: {rows} rows; {len(result.dropped)} triples a workbook "
                     "cannot carry\n")
    return 0


def register(sub: Any) -> None:
    """Add template, import and export to the ``glocal`` sub-command parser ``sub``."""
    template = sub.add_parser("template", help="write the workbook template (.xlsx)")
    template.add_argument("-o", "--output", required=True, metavar="FILE")
    template.add_argument("--lang", choices=("sv", "en"), default="sv")
    template.set_defaults(run=_template)

    imp = sub.add_parser("import", help="a filled workbook and its source text to Turtle")
    imp.add_argument("workbook", metavar="WORKBOOK", help="the workbook, .xlsx or .ods")
    imp.add_argument("--source", required=True, metavar="SOURCE",
                     help="the source text (glocal extract's output, or plain text)")
    imp.add_argument("-o", "--output", metavar="OUT.ttl",
                     help="write the Turtle here (default: standard output)")
    imp.add_argument("--dry-run", action="store_true",
                     help="check everything, write nothing; if OUT.ttl exists, show what the "
                     "import would change in it, statement by statement (as glocal diff)")
    imp.add_argument("--annotate", metavar="MARKED.xlsx",
                     help="write a copy of the workbook with each bad cell marked")
    imp.add_argument("--lang", choices=("sv", "en"), default=None,
                     help="the language of the messages (default: the workbook's)")
    imp.set_defaults(run=_import)

    export = sub.add_parser("export", help="a document of the graph to a filled workbook")
    export.add_argument("document", metavar="DOCUMENT", help="the document's IRI, CURIE or name")
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument("--data", nargs="+", default=[], metavar="FILE",
                        help="RDF files or folders (default: the bundled documents)")
    export.add_argument("--lang", choices=("sv", "en"), default="sv")
    export.set_defaults(run=_export)
