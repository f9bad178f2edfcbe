"""The shapes of text every rendering shares: a cell, a table, a shortened line, JSON, CSV,
and the counts by severity."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from glocal import words
from glocal.words import Lang

if TYPE_CHECKING:
    from glocal.validation.report import ValidationResult

__all__ = ["cell", "csv_text", "json_text", "line_text", "severity_counts", "short", "table"]


def cell(value: object) -> str:
    from rdflib.term import Literal, URIRef

    from glocal.namespaces import curie

    if isinstance(value, URIRef):
        return curie(value)
    if isinstance(value, Literal):
        return str(value)
    return "" if value is None else str(value)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in cells]
    return "\n".join(lines)


def short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def line_text(items: Iterable[str]) -> str:
    return "".join(line + "\n" for line in items)


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue()


def severity_counts(results: Sequence[ValidationResult], lang: Lang) -> str:
    """The counts by severity, e.g. ``0 fel, 3 varningar, 1 upplysning``."""
    from glocal.validation.report import SEVERITIES

    return ", ".join(words.count(sum(r.severity == s for r in results), f"severity.{s}", lang)
                     for s in SEVERITIES)
