"""Authoring: from a municipality's own document to a checked glocal graph.

``source`` (the source text and its sidecar), ``extract`` (PDF, DOCX, ODT, text to a source
text), the workbook ``template``, its import against the source text (``import_workbook``), the
export of any document back to a workbook (``export_workbook``), and ``diff`` (what changed
between two graphs or two versions of a document). The third-party readers and writers
(openpyxl, pypdfium2, python-docx, defusedxml, rapidfuzz) live in this package only.

>>> from glocal.authoring import import_workbook, template, export_workbook
"""

from __future__ import annotations

from glocal.authoring.api import ImportResult, import_workbook
from glocal.authoring.diff import diff, diff_versions
from glocal.authoring.diff_model import (
    DocumentDiff,
    GraphDiff,
    Statement,
    StatementChange,
    StatementLink,
)
from glocal.authoring.export import ExportResult, export_workbook
from glocal.authoring.extract import extract
from glocal.authoring.importer import Problem
from glocal.authoring.source import SourceText
from glocal.authoring.template import template

__all__ = [
    "DocumentDiff",
    "ExportResult",
    "GraphDiff",
    "ImportResult",
    "Problem",
    "SourceText",
    "Statement",
    "StatementChange",
    "StatementLink",
    "diff",
    "diff_versions",
    "export_workbook",
    "extract",
    "import_workbook",
    "template",
]
