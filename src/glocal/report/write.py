"""Write the review report: read the graph (:mod:`glocal.report.model`), render the page
(:mod:`glocal.report.html`), write it atomically, and print it to PDF when asked."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from glocal.rdf.formats import write_atomic
from glocal.report.html import render
from glocal.report.model import gather
from glocal.report.pdf import print_pdf

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph
    from glocal.words import Lang

__all__ = ["write_report"]


def write_report(kg: KnowledgeGraph, out: str | Path, *, municipality: str | None = None,
                 document: str | None = None, as_of: date | None = None, lang: Lang = "sv",
                 pdf: str | Path | None = None, all: bool = False) -> Path:
    """Write the review report of ``kg`` to ``out`` (one self-contained HTML file).

    ``municipality`` and ``document`` (IRI, CURIE or label) narrow it to one municipality's or
    one document's; with neither, or with ``all``, it covers every municipality: an index of
    their headline numbers and a section for each. ``as_of`` is the date of the review
    (default: today: a revision date before it is flagged past due). Each path from a
    statement to the SDG it serves, with its evidence, is traced when the report covers at
    most ten municipalities; a national report lists who serves each goal without the paths
    (so 290 municipalities stay within seconds). ``pdf`` also prints it there through
    headless Chromium.
    """
    data = gather(kg, municipality=None if all else municipality,
                  document=None if all else document, as_of=as_of, lang=lang,
                  traces=False if all else None)
    target = Path(out)
    write_atomic(target, [render(data).encode("utf-8")])
    if pdf is not None:
        print_pdf(target, pdf)
    return target
