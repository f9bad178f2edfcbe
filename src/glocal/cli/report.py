"""``glocal report``: the review report as one self-contained HTML file (and a PDF)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(sub: Any, iso_date: Any) -> None:
    """Register ``glocal report`` on the subcommands ``sub``."""
    from glocal.words import LANGS

    report = sub.add_parser("report", help="the annual review as a report a person reads: one "
                                           "self-contained HTML file (and a PDF)")
    report.add_argument("files", nargs="*", metavar="FILE",
                        help="RDF files or folders (default: the bundled documents)")
    report.add_argument("--municipality", metavar="NAME",
                        help="only the documents this municipality publishes")
    report.add_argument("--document", metavar="DOC", help="only this document (IRI or title)")
    report.add_argument("--all", action="store_true",
                        help="every municipality: an index and a section each (the default "
                             "with no filter)")
    report.add_argument("--as-of", type=iso_date, default=None, metavar="DATE",
                        help="the date of the review, YYYY-MM-DD (default: today)")
    report.add_argument("--lang", choices=LANGS, default="sv")
    report.add_argument("-o", "--output", required=True, metavar="FILE.html")
    report.add_argument("--pdf", metavar="FILE.pdf", help="also print it to PDF (Chromium)")
    report.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from glocal.cli.progress import ProgressLine
    from glocal.report import write_report
    from glocal.store.graph import load

    with ProgressLine(args.lang) as progress:
        kg = load(*args.files, progress=progress)
    out = write_report(kg, args.output, municipality=args.municipality, document=args.document,
                       as_of=args.as_of, lang=args.lang, pdf=args.pdf, all=args.all)
    sys.stderr.write(f"{out}\n" + (f"{args.pdf}\n" if args.pdf else ""))
    return 0
