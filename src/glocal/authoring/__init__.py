"""Bring your own document: the workbook template, its import against the source text, and
the export of any document back to a workbook (openpyxl, defusedxml and rapidfuzz live here).

>>> from glocal.authoring import import_workbook, template, export_workbook
"""

from __future__ import annotations

from glocal.authoring.api import ImportResult, import_workbook
from glocal.authoring.export import ExportResult, export_workbook
from glocal.authoring.importer import Problem
from glocal.authoring.source import SourceText
from glocal.authoring.template import template

__all__ = ["ExportResult", "ImportResult", "Problem", "SourceText", "export_workbook",
           "import_workbook", "template"]
