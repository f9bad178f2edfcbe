"""``glocal extract`` and ``glocal diff``: thin commands over :mod:`glocal.authoring`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glocal.cli.commands import missing_extra

if TYPE_CHECKING:
    from glocal.words import Lang

__all__ = ["register"]


def _extract(args: argparse.Namespace) -> int:
    from glocal.cli.progress import ProgressLine
    from glocal.words import word

    try:
        from glocal.authoring import extract
    except ModuleNotFoundError as exc:
        return missing_extra(exc, "authoring")
    name = Path(args.document).name
    with ProgressLine(args.lang) as progress:
        try:
            source = extract(args.document, progress=progress)
        except ModuleNotFoundError as exc:
            return missing_extra(exc, "authoring")
    source.write(args.output)
    if args.format == "json":
        sys.stdout.write(json.dumps({**source.to_dict(), "output": args.output},
                                    ensure_ascii=False, indent=2) + "\n")
    else:
        characters = f"{len(source.text):,}".replace(",", " ")
        sys.stdout.write(word("extract.done", args.lang, name=name, target=args.output,
                              pages=source.pages, characters=characters) + "\n")
        sys.stdout.write(f"{word('extract.sha256', args.lang)}: {source.sha256}\n")
    return 0


def _graph(files: list[str], lang: Lang) -> Any:
    from glocal.cli.progress import ProgressLine
    from glocal.store.graph import load

    with ProgressLine(lang) as progress:
        return load(*files, progress=progress)


def _diff(args: argparse.Namespace) -> int:
    from glocal.cli.render_diff import render

    try:
        from glocal.authoring import diff, diff_versions
    except ModuleNotFoundError as exc:
        return missing_extra(exc, "authoring")
    if Path(args.old).exists() or Path(args.new).exists():
        old, new = _graph([args.old], args.lang), _graph([args.new], args.lang)
        result = diff(old, new, document=args.document)
        documents, only_old, only_new = result.documents, result.only_old, result.only_new
    else:
        # two documents of one graph: the --data files, or the bundled documents
        found = diff_versions(_graph(args.data, args.lang), args.old, args.new)
        documents, only_old, only_new = (found,), (), ()
    changed = bool(only_old or only_new) or any(d.changed for d in documents)
    if args.format == "json":
        data = {"documents": [d.to_dict() for d in documents], "only_old": list(only_old),
                "only_new": list(only_new), "changed": changed}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render(documents, only_old, only_new, args.lang))
    return 1 if changed and args.exit_code else 0


def register(sub: Any) -> None:
    """Add ``extract`` and ``diff`` to the ``glocal`` parser's subcommands."""
    extract = sub.add_parser(
        "extract", help="a document's text (PDF, DOCX, ODT, text) as a source text for quotes")
    extract.add_argument("document", metavar="DOC", help="the PDF, DOCX, ODT or text file")
    extract.add_argument("-o", "--output", required=True, metavar="SOURCE.txt",
                         help="the source text to write (and SOURCE.txt.meta.json beside it)")
    extract.add_argument("--format", choices=("text", "json"), default="text")
    extract.add_argument("--lang", choices=("sv", "en"), default="sv")
    extract.set_defaults(run=_extract)

    diff = sub.add_parser(
        "diff", help="what changed, statement by statement: two graphs, or two versions of "
                     "a document")
    diff.add_argument("old", metavar="OLD",
                      help="the old graph (an RDF file or folder), or the old version's "
                           "document (IRI, CURIE or title) in the --data graph")
    diff.add_argument("new", metavar="NEW", help="the new graph, or the new version's document")
    diff.add_argument("--document", metavar="DOC",
                      help="with two graphs: compare only this document (IRI, CURIE or title)")
    diff.add_argument("--data", nargs="+", default=[], metavar="FILE",
                      help="with two documents: the RDF files or folders that hold them "
                           "(default: the bundled documents)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--lang", choices=("sv", "en"), default="sv")
    diff.add_argument("--exit-code", action="store_true",
                      help="exit 1 when there are differences (default: 0)")
    diff.set_defaults(run=_diff)
