"""Authoring: from a municipality's own document to a checked glocal graph.

``source`` (the source text and its sidecar), ``extract`` (PDF, DOCX, ODT, text to a source
text) and ``diff`` (what changed between two graphs or two versions of a document). The
third-party readers (pypdf, python-docx, odfpy, defusedxml, rapidfuzz) live in this package only.
"""

from __future__ import annotations

from glocal.authoring.diff import diff, diff_versions
from glocal.authoring.diff_model import (
    DocumentDiff,
    GraphDiff,
    Statement,
    StatementChange,
    StatementLink,
)
from glocal.authoring.extract import extract
from glocal.authoring.source import SourceText

__all__ = [
    "DocumentDiff",
    "GraphDiff",
    "SourceText",
    "Statement",
    "StatementChange",
    "StatementLink",
    "diff",
    "diff_versions",
    "extract",
]
