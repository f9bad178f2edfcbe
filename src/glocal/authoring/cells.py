"""One cell to RDF terms, and back: each column kind's reading and writing.

>>> from rdflib import Literal
>>> parse_date("2019-05-28")
rdflib.term.Literal('2019-05-28', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
>>> split_values("goal-1; goal-2\\ngoal-3")
['goal-1', 'goal-2', 'goal-3']
"""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal
from rdflib.namespace import XSD

from glocal.authoring.table import CellValue

__all__ = ["as_text", "date_forms", "parse_date", "split_lines", "split_values"]

_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def as_text(value: CellValue) -> str:
    """A cell's value as the text it shows (numbers without a needless ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def split_values(text: str) -> list[str]:
    """A multi-valued reference cell: one value per line or separated by semicolons."""
    return [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]


def split_lines(text: str) -> list[str]:
    """A multi-valued text cell: one value per line."""
    return [p.strip() for p in text.splitlines() if p.strip()]


def parse_date(value: CellValue) -> Literal | None:
    """A date cell as ``xsd:date`` (or ``xsd:gYearMonth``, ``xsd:gYear`` for 2019-05, 2019)."""
    if isinstance(value, dt.datetime):
        return Literal(value.date().isoformat(), datatype=XSD.date)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, int) and 1000 <= value <= 2999:
        return Literal(str(value), datatype=XSD.gYear)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _ISO.fullmatch(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return None
        return Literal(text, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", text):
        return Literal(text, datatype=XSD.gYear)
    return None


def date_forms(literal: Literal) -> list[str]:
    """The ways a text may write the date ``literal`` (ISO, Swedish words, d/m)."""
    text = str(literal)
    if literal.datatype == XSD.gYear:
        return [text]
    if literal.datatype == XSD.gYearMonth:
        year, month = text.split("-")
        return [text, f"{_MONTHS[int(month) - 1]} {year}", f"{int(month)}/{year}"]
    day = dt.date.fromisoformat(text)
    month = _MONTHS[day.month - 1]
    return [text, f"{day.day} {month} {day.year}", f"{day.day}:e {month} {day.year}",
            f"{day.day} {month[:3]} {day.year}", f"{day.day}/{day.month} {day.year}",
            f"{day.day}.{day.month}.{day.year}", f"{day.year}{day.month:02}{day.day:02}",
            f"{day.day:02}.{day.month:02}.{day.year}", f"{day.year}/{day.month:02}/{day.day:02}"]
