"""The annual review as a report a person reads: one self-contained HTML file (and, through
headless Chromium, a PDF) per municipality and document, or for the whole graph.

>>> import glocal, tempfile, pathlib
>>> from glocal.report import write_report
>>> out = pathlib.Path(tempfile.mkdtemp()) / "granskning.html"
>>> write_report(glocal.load(), out, municipality="Finspångs kommun").name
'granskning.html'
>>> "<html lang=\\"sv\\">" in out.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

from glocal.report.pdf import print_pdf
from glocal.report.write import write_report

__all__ = ["print_pdf", "write_report"]
