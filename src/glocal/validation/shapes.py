"""glocal's and a caller's shapes files: read, checked for what glocal refuses, merged, shapes
turned off, review dates bound.

:mod:`glocal.validation.validate` runs the result. Each file is read with glocal's own loader (so a
syntax
error names file, line and column); what a shapes file must not do is refused with the file and
line: a misspelt SHACL term, which engines silently ignore; a ``sh:path`` that is not a path;
SPARQL that would reach the network. The review date is bound into the timeliness checks.

>>> review_dates(date(2025, 6, 1))["fourYearsBefore"]
datetime.date(2021, 6, 1)
>>> review_dates(date(2023, 6, 1))["sinceYearAfterElection"]
datetime.date(2019, 1, 1)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from glocal import resources
from glocal.errors import InputError, QueryError, ShapesError
from glocal.namespaces import curie
from glocal.rdf import sparql
from glocal.rdf.formats import format_for, parse_file, rdf_files
from glocal.rdf.terms import add_ox
from glocal.validation.paths import is_path

__all__ = ["SHAPES", "review_dates", "shape_names"]

#: glocal's shapes and groups: ``gs:GoalHasIndicator``, ``gs:FollowUp``.
SHAPES = Namespace("https://w3id.org/glocal/shapes#")

_SPARQL_TEXTS = (SH.select, SH.ask, SH.construct, SH.update)
_DATE_VARIABLES = re.compile(r"[?$](asOf|fourYearsBefore|sinceYearAfterElection)\b")
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)
_SH = str(SH._NS)


@dataclass(frozen=True, slots=True)
class _ShapesFile:
    name: str
    text: str
    graph: Graph


def _read(sources: Iterable[str | Path]) -> list[_ShapesFile]:
    files = []
    for source in sources:
        for path in rdf_files(source):
            # a relative IRI in a shapes file resolves against the file's own IRI
            fmt = replace(format_for(path), base=path.resolve().as_uri())
            quads = parse_file(path, fmt, ox.DefaultGraph())
            # each literal as written ("1"^^xsd:boolean is not "true")
            graph = add_ox(Graph(), quads)
            name = f"shapes/{path.name}" if _is_bundled(path) else str(path)
            files.append(_ShapesFile(name, path.read_text(encoding="utf-8"), graph))
    return files


def _is_bundled(path: Path) -> bool:
    return path.resolve().parent == (resources.root() / "shapes").resolve()


def _line(text: str, *needles: str) -> int | None:
    """The 1-based line of the first of ``needles`` found in ``text``."""
    for needle in needles:
        at = text.find(needle)
        if needle and at >= 0:
            return text.count("\n", 0, at) + 1
    return None


def _check(file: _ShapesFile, known: frozenset[URIRef]) -> None:
    """Refuse an unknown SHACL term (one not in ``known``), a ``sh:path`` that is not a path,
    and network SPARQL."""
    for triple in file.graph:
        for term in triple:
            if isinstance(term, URIRef) and term.startswith(_SH) and term not in known:
                local = term[len(_SH):]
                raise ShapesError(
                    file.name, f"sh:{local} is not a SHACL term (a misspelt term is silently "
                    "ignored by SHACL engines, so glocal refuses it)",
                    _line(file.text, f":{local}", str(term)))
    for shape, path in file.graph.subject_objects(SH.path):
        if not is_path(file.graph, path):
            shown = str(path) if isinstance(path, Literal) else path.n3()
            raise ShapesError(
                file.name, f"the sh:path of {_name(shape)} is not a property path: {shown!r}",
                _line(file.text, str(path) if isinstance(path, Literal) else "sh:path"))
    for shape, text in ((s, o) for p in _SPARQL_TEXTS for s, o in file.graph.subject_objects(p)):
        first = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
        try:
            sparql.check(str(text))
            if _FROM.search(_strip_iris_and_strings(str(text))):
                raise QueryError("FROM is refused: a shape's query runs on the data graph only")
        except QueryError as exc:
            raise ShapesError(file.name, f"the SPARQL of {_name(shape)}: {exc.detail}",
                              _line(file.text, first)) from exc


def _strip_iris_and_strings(text: str) -> str:
    return re.sub(r'<[^<>\s]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|#[^\n]*', " ", text)


def _name(node: Node) -> str:
    return curie(node) if isinstance(node, URIRef) else "a shape"


def _merge(files: Sequence[_ShapesFile], known: frozenset[URIRef]) -> Graph:
    """The files checked (``known``: the SHACL terms, which pySHACL ships) and merged."""
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("gs", SHAPES)
    for file in files:
        _check(file, known)
        graph += file.graph
    return graph


def shape_names(graph: Graph) -> set[URIRef]:
    """The IRIs of the shapes in a shapes graph."""
    shapes = {s for cls in (SH.NodeShape, SH.PropertyShape) for s in graph.subjects(RDF.type, cls)}
    shapes |= set(graph.subjects(SH.path, None))
    return {s for s in shapes if isinstance(s, URIRef)}


def _deactivate(graph: Graph, names: Iterable[str]) -> None:
    shapes = shape_names(graph)
    for name in names:
        matches = [s for s in shapes if str(s) == name]
        matches = matches or [s for s in shapes if re.split(r"[#/:]", str(s))[-1] == name
                              or curie(s) == name]
        if len(matches) != 1:
            known = ", ".join(sorted(curie(s) for s in shapes))
            raise InputError("--disable", f"{'no' if not matches else 'more than one'} shape "
                             f"named {name!r}; the shapes are: {known}")
        graph.set((matches[0], SH.deactivated, Literal(True)))


def review_dates(as_of: date) -> dict[str, date]:
    """The dates the timeliness shapes compare with, as of ``as_of``.

    ``asOf`` itself; ``fourYearsBefore`` (one term of office); ``sinceYearAfterElection``:
    1 January of the last whole year after a Swedish general election (held every four years
    since 1994: 2018, 2022, 2026 …) before ``as_of``.
    """
    try:
        four = as_of.replace(year=as_of.year - 4)
    except ValueError:  # 29 February
        four = as_of.replace(year=as_of.year - 4, day=28)
    year = as_of.year - 1
    while year % 4 != 3:
        year -= 1
    return {"asOf": as_of, "fourYearsBefore": four, "sinceYearAfterElection": date(year, 1, 1)}


def _bind_dates(graph: Graph, as_of: date) -> None:
    """Write the review dates into each SPARQL query that uses them, as ``BIND``s of literals
    glocal made from ``date`` objects (pySHACL refuses ``VALUES`` in a shape's query)."""
    dates = review_dates(as_of)
    for predicate in _SPARQL_TEXTS:
        for node, text in list(graph.subject_objects(predicate)):
            used = sorted(set(_DATE_VARIABLES.findall(str(text))))
            if not used:
                continue
            query = str(text)
            where = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE)
            at = where.end() if where else query.index("{") + 1
            binds = "".join(f" BIND({Literal(dates[v]).n3()} AS ?{v})" for v in used)
            graph.set((node, predicate, Literal(query[:at] + binds + query[at:])))
