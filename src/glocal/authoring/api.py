"""Import a workbook: read, check every cell, locate every quote, run the shapes, all problems
in one pass, mapped to sheet and cell.

>>> import tempfile, pathlib
>>> from glocal.authoring import template
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> template(folder / "mall.xlsx")
>>> (folder / "source.txt").write_text("Vi ska samarbeta.", encoding="utf-8")
17
>>> result = import_workbook(folder / "mall.xlsx", folder / "source.txt", lang="en")
>>> result.ok, result.problems[0].line()
(False, 'Dokument!B3: a value is missing in the required column Kommun (i IRI)')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from glocal.authoring.importer import Offset, Problem, Row, add_offsets, read_rows, to_graph
from glocal.authoring.source import SourceText
from glocal.rdf.formats import write_atomic
from glocal.words import Lang, word

__all__ = ["ImportResult", "import_workbook"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import made: the document, its graph, and every problem at its cell."""

    workbook: str
    document: str
    problems: tuple[Problem, ...]
    statements: int
    quotes: int
    graph: Graph = field(repr=False, compare=False)

    @property
    def ok(self) -> bool:
        """No problem of severity Violation: the graph may be written."""
        return not any(p.severity == "Violation" for p in self.problems)

    @property
    def triples(self) -> int:
        return len(self.graph)

    def to_turtle(self) -> str:
        return self.graph.serialize(format="turtle")

    def write(self, path: str | Path) -> None:
        """Write the graph as Turtle to ``path`` atomically; refused while problems remain."""
        if not self.ok:
            from glocal.errors import InputError

            raise InputError(self.workbook, word("workbook.failed", "en", count=len(self.problems),
                                                 name=self.workbook))
        write_atomic(path, [self.to_turtle().encode("utf-8")])

    def to_dict(self) -> dict[str, Any]:
        return {"workbook": self.workbook, "document": self.document, "ok": self.ok,
                "statements": self.statements, "quotes": self.quotes, "triples": self.triples,
                "problems": [p.to_dict() for p in self.problems]}


def import_workbook(workbook: str | Path, source: str | Path | SourceText, *,
                    lang: Lang | None = None, shapes: bool = True) -> ImportResult:
    """Read ``workbook`` (.xlsx or .ods) against its ``source`` text into a graph.

    Problems in the data come back in ``result.problems`` (``lang`` words; by default the
    workbook's own language); an unreadable workbook raises
    :class:`~glocal.errors.InputError`. ``shapes`` runs glocal's shapes on the graph and maps
    each result to its sheet and cell.
    """
    text = source if isinstance(source, SourceText) else SourceText.read(source)
    rows, problems, found = read_rows(workbook, lang)
    words_lang = lang or found
    offsets: list[Offset] = []
    graph, document, nodes, quotes = to_graph(rows, text, words_lang, problems, layout=found,
                                              offsets=offsets)
    if shapes and not problems:
        problems.extend(_shape_problems(graph, offsets, nodes, words_lang))
    add_offsets(graph, offsets)
    statements = sum(1 for r in rows if r.sheet.role in ("statement", "partnership"))
    return ImportResult(str(workbook), str(document), tuple(problems), statements, quotes, graph)


def _shape_problems(graph: Graph, offsets: list[Offset], nodes: dict[URIRef, Row],
                    lang: Lang) -> list[Problem]:
    """The shapes' results on ``graph`` and its quotes' ``offsets``, each at its cell."""
    from glocal import resources
    from glocal.store.graph import load

    kg = load(resources.root() / "data" / "actors.ttl")
    try:
        name = "https://w3id.org/glocal/graph/import"
        # The offsets go to the store as xsd:integer, the form it keeps them in: given as
        # xsd:nonNegativeInteger, the store would rewrite each, and kg.validate would leave
        # glocal's SPARQL engine for pySHACL (docs/sparql.md, "Literals"): 16 s instead of
        # 1.5 s on 1,000 rows. The position shapes accept both (shapes/integrity.ttl).
        kg.add_graph(chain(graph, ((node, predicate, Literal(value, datatype=XSD.integer))
                                   for node, predicate, value in offsets)), name=name)
        report = kg.validate(lang=lang)
    finally:
        kg.close()
    out = []
    for result in report.results:
        row = nodes.get(URIRef(_expand(result.focus) or ""))
        if row is None:
            continue
        key = "id"
        path = _expand(result.path)
        for col in row.sheet.columns:
            if path is not None and col.predicate == path:
                key = col.key
                break
        if key == "id" and row.sheet.role == "document":
            key = "title"
        from glocal.authoring.importer import _ref_of

        ref = row.cells[key].ref if key in row.cells else _ref_of(row, key)
        severity = str(result.severity).capitalize()
        out.append(Problem(row.name, ref, result.message, severity))
    return out


def _expand(path: str | None) -> str | None:
    if path is None or "://" in path or not re.fullmatch(r"[a-z]+:[A-Za-z0-9._-]+", path):
        return path
    from glocal.namespaces import as_iri

    try:
        return str(as_iri(path))
    except ValueError:
        return path
