"""A filled workbook and its source text to glocal Turtle, every problem named by its cell.

The rows become the nodes of docs/modelling.md: IRIs from the municipality, the document and
the id column; every quote located in the source text (``oa:TextQuoteSelector`` with prefix,
suffix and page, and beside it, as the second selector of one ``oa:SpecificResource`` of the
source text, an ``oa:TextPositionSelector`` with its offsets in the normalised text). All
problems are collected in one pass; nothing is written unless there are none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from glocal.authoring.cells import as_text, split_lines
from glocal.authoring.locate import SourceIndex
from glocal.authoring.source import SourceText
from glocal.authoring.spec import SHEETS, TEMPLATE_VERSION, Column, Sheet
from glocal.authoring.table import Cell, Table
from glocal.authoring.template import REQUIRED_MARK
from glocal.authoring.vocab import Vocabulary, fold, headers, vocabulary
from glocal.authoring.workbook import read_workbook
from glocal.errors import InputError
from glocal.namespaces import (
    ACTOR,
    FUND,
    GLOCAL,
    ID,
    OA,
    PLAN,
    PREFIXES,
    SCHEMA,
    SOURCE,
    as_iri,
)
from glocal.words import LANGS, Lang, word

__all__ = ["Offset", "Problem", "Row", "add_offsets", "read_rows", "to_graph"]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MAX_TEXT = 20_000
PROV = "http://www.w3.org/ns/prov#"

# the terms of a located quote (a thousand quotes make 13,000 triples)
_DERIVED = URIRef(PROV + "wasDerivedFrom")
_QUOTE, _SEGMENT, _POSITION = OA.TextQuoteSelector, OA.SpecificResource, OA.TextPositionSelector
_EXACT, _PREFIX, _SUFFIX = OA.exact, OA.prefix, OA.suffix
_PAGE_START, _PAGE_END = SCHEMA.pageStart, SCHEMA.pageEnd
_HAS_SOURCE, _HAS_SELECTOR, _START, _END = OA.hasSource, OA.hasSelector, OA.start, OA.end

#: A quote's offset in the source text: the position selector, ``oa:start`` or ``oa:end``, the
#: number (kept apart from the graph on request, see :func:`to_graph`).
Offset = tuple[BNode, URIRef, int]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing to fix in the workbook, at its sheet and cell."""

    sheet: str
    cell: str
    message: str
    severity: str = "Violation"

    def line(self) -> str:
        return f"{self.sheet}!{self.cell}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"sheet": self.sheet, "cell": self.cell, "message": self.message,
                "severity": self.severity}


@dataclass(slots=True)
class Row:
    """One used row of a sheet: its cells by column key, and its node once known."""

    sheet: Sheet
    name: str  # the sheet's name as the workbook spells it
    number: int
    cells: dict[str, Cell]
    node: URIRef | None = None


@dataclass(slots=True)
class _Context:
    lang: Lang
    layout: Lang
    v: Vocabulary
    index: SourceIndex
    doc: URIRef = field(default_factory=lambda: URIRef(""))
    ids: dict[str, tuple[URIRef, Row]] = field(default_factory=dict)
    names: dict[str, set[URIRef]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    quotes: int = 0
    offsets: list[Offset] | None = None

    def report(self, row: Row, key: str, message: str) -> None:
        self.problems.append(Problem(row.name, row.cells[key].ref if key in row.cells
                                     else _ref_of(row, key), message))


def _ref_of(row: Row, key: str) -> str:
    from glocal.authoring.table import cell_ref

    index = [c.key for c in row.sheet.columns].index(key)
    if row.sheet.role == "document":
        return cell_ref(index + 2, 2)
    return cell_ref(row.number, index + 1)


def read_rows(path: str | Path, lang: Lang | None = None) -> tuple[list[Row], list[Problem], Lang]:
    """The used rows of the workbook (the Document sheet as one row), the layout problems
    (unknown sheets or columns, merged cells, hidden content, formulas) and its language."""
    tables = read_workbook(path, lang or "sv")
    by_name = {t.name: t for t in tables}
    found: Lang = ("en" if word("workbook.sheet.document", "en") in by_name
                   and word("workbook.sheet.document", "sv") not in by_name else "sv")
    msg: Lang = lang or found
    known = {word(f"workbook.sheet.{s.key}", found): s for s in SHEETS}
    fixed = {word("workbook.sheet.instructions", found), word("workbook.sheet.lists", found)}
    problems: list[Problem] = []
    doc_name = word("workbook.sheet.document", found)
    if doc_name not in by_name:
        raise InputError(str(path), word("workbook.file.no_version", msg))
    _check_version(str(path), by_name[doc_name], found, msg)
    rows: list[Row] = []
    for table in tables:
        if table.name in fixed:
            continue
        sheet = known.get(table.name)
        if sheet is None:
            problems.append(Problem(table.name, "A1", word("workbook.unknown_sheet", msg,
                                                           value=table.name)))
            continue
        for merged in table.merged:
            problems.append(Problem(table.name, merged.split(":")[0],
                                    word("workbook.merged", msg, value=merged)))
        if sheet.role == "document":
            rows.append(_document_row(table, sheet, found, msg, problems))
        else:
            rows.extend(_table_rows(table, sheet, found, msg, problems))
    return rows, problems, found


def _check_version(path: str, table: Table, layout: Lang, lang: Lang) -> None:
    for r in range(2, table.max_row + 1):
        if _header(as_text(table.get(r, 1).value)) == word("workbook.col.template", layout):
            value = as_text(table.get(r, 2).value)
            if value != TEMPLATE_VERSION:
                raise InputError(path, word("workbook.file.version", lang, value=value or "?",
                                            expected=TEMPLATE_VERSION))
            return
    raise InputError(path, word("workbook.file.no_version", lang))


def _header(text: str) -> str:
    return text.removesuffix(REQUIRED_MARK).strip().rstrip("*").strip()


def _hidden(table: Table, cell: Cell, row: int, column: int, lang: Lang,
            problems: list[Problem]) -> bool:
    if cell.empty:
        return False
    if row in table.hidden_rows:
        problems.append(Problem(table.name, cell.ref, word("workbook.hidden_row", lang)))
        return True
    if column in table.hidden_columns:
        problems.append(Problem(table.name, cell.ref, word("workbook.hidden_column", lang)))
        return True
    if cell.formula is not None:
        problems.append(Problem(table.name, cell.ref,
                                word("workbook.formula", lang, value=cell.formula)))
        return True
    return False


def _document_row(table: Table, sheet: Sheet, layout: Lang, lang: Lang,
                  problems: list[Problem]) -> Row:
    fields = dict(zip(headers(sheet, layout), sheet.columns, strict=True))
    cells: dict[str, Cell] = {}
    last = table.max_column
    for r in range(2, table.max_row + 1):
        label_cell = table.get(r, 1)
        label = _header(as_text(label_cell.value))
        value = table.get(r, 2)
        for c in range(3, last + 1):
            extra = table.get(r, c)
            if not extra.empty:
                problems.append(Problem(table.name, extra.ref,
                                        word("workbook.unknown_column", lang,
                                             value=as_text(extra.value))))
        if not label:
            if not value.empty:
                problems.append(Problem(table.name, value.ref, word("workbook.unknown_field", lang,
                                                                    value="")))
            continue
        col = fields.get(label)
        if col is None:
            problems.append(Problem(table.name, label_cell.ref,
                                    word("workbook.unknown_field", lang, value=label)))
            continue
        if not _hidden(table, value, r, 2, lang, problems) and not value.empty:
            cells[col.key] = value
    return Row(sheet, table.name, 0, cells)


def _table_rows(table: Table, sheet: Sheet, layout: Lang, lang: Lang,
                problems: list[Problem]) -> list[Row]:
    names = dict(zip(headers(sheet, layout), sheet.columns, strict=True))
    columns: dict[int, Column] = {}
    last = table.max_column
    for c in range(1, last + 1):
        cell = table.get(1, c)
        label = _header(as_text(cell.value))
        if not label:
            continue
        col = names.get(label)
        if col is None:
            problems.append(Problem(table.name, cell.ref, word("workbook.unknown_column", lang,
                                                               value=label)))
        else:
            columns[c] = col
    present = {col.key for col in columns.values()}
    for col in sheet.columns:
        if col.key not in present:
            problems.append(Problem(table.name, "A1", word("workbook.missing_column", lang,
                                                           value=headers(sheet, layout)[
                                                               sheet.columns.index(col)])))
    by_row: dict[int, list[tuple[int, Cell]]] = {}  # only the cells stored: an absent one
    for (r, c), cell in sorted(table.cells.items()):  # is empty and says nothing
        if r > 1:
            by_row.setdefault(r, []).append((c, cell))
    rows = []
    for r, stored in by_row.items():
        cells: dict[str, Cell] = {}
        for c, cell in stored:
            if c not in columns:
                if not cell.empty and c > 0:
                    problems.append(Problem(table.name, cell.ref,
                                            word("workbook.unknown_column", lang, value="")))
                continue
            if _hidden(table, cell, r, c, lang, problems):
                continue
            if not cell.empty:
                cells[columns[c].key] = cell
        if any(k != "id" or not sheet.id_prefix for k in cells):
            rows.append(Row(sheet, table.name, r, cells))
    return rows


# --- rows to triples ----------------------------------------------------------------------


def to_graph(rows: list[Row], source: SourceText, lang: Lang, problems: list[Problem], *,
             layout: Lang = "sv", offsets: list[Offset] | None = None
             ) -> tuple[Graph, URIRef, dict[URIRef, Row], int]:
    """The graph of the rows, its document IRI, the row of each node and the quote count;
    problems are appended to ``problems``. With ``offsets``, the quotes' offsets go there
    instead of into the graph (:func:`add_offsets` adds them)."""
    ctx = _Context(lang, layout, vocabulary(), SourceIndex(source))
    ctx.problems = problems
    ctx.offsets = offsets
    doc_row = next(r for r in rows if r.sheet.role == "document")
    graph = Graph(store="SimpleMemory")  # one graph, no contexts: rdflib's fastest store
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("oa", str(OA))
    ctx.doc = _document_iri(ctx, doc_row)
    nodes: dict[URIRef, Row] = {ctx.doc: doc_row}
    for row in rows:
        if row is not doc_row:
            _identify(ctx, row, nodes)
    for row in rows:
        _check_required(ctx, row)
        if row.node is not None or row is doc_row:
            _emit(ctx, graph, row, ctx.doc if row is doc_row else row.node)
    _emit_source(ctx, graph, doc_row, source)
    return graph, ctx.doc, nodes, ctx.quotes


def _text(ctx: _Context, row: Row, key: str) -> str | None:
    cell = row.cells.get(key)
    if cell is None:
        return None
    if not isinstance(cell.value, str):
        return as_text(cell.value)
    return cell.value.strip() or None


def _document_iri(ctx: _Context, row: Row) -> URIRef:
    parts = []
    for key in ("municipality", "document_id"):
        value = _text(ctx, row, key) or ""
        if not _ID.fullmatch(value):
            if value:
                ctx.report(row, key, word("workbook.bad_id", ctx.lang, value=value))
            value = "unknown"
        parts.append(value)
    return URIRef(f"{ID}{parts[0]}/{parts[1]}")


def _identify(ctx: _Context, row: Row, nodes: dict[URIRef, Row]) -> None:
    ident = _text(ctx, row, "id")
    role = row.sheet.role
    node: URIRef | None = None
    if role == "actor" and not ident:
        name = _text(ctx, row, "name")
        if name:
            matches = ctx.v.known_names.get(fold(name), ())
            node = matches[0] if len(matches) == 1 else ACTOR[_slug(name)]
    elif ident is None:
        ctx.report(row, "id", word("workbook.required_missing", ctx.lang, column="Id"))
        return
    elif ":" in ident:
        try:
            node = as_iri(ident)
        except ValueError:
            ctx.report(row, "id", word("workbook.bad_id", ctx.lang, value=ident))
            return
    elif not _ID.fullmatch(ident):
        ctx.report(row, "id", word("workbook.bad_id", ctx.lang, value=ident))
        return
    elif role == "actor":
        node = ACTOR[ident]
    elif role == "plan":
        kind = _text(ctx, row, "kind") or ""
        funds = {word("workbook.kind.fund", lang) for lang in LANGS}
        node = (FUND if kind in funds else PLAN)[ident]
    else:
        node = URIRef(f"{ctx.doc}/{ident}")
    if node is None:
        return
    key = ident or str(node)
    if node in nodes:
        other = nodes[node]
        ctx.report(row, "id", word("workbook.duplicate_id", ctx.lang, value=key,
                                   other=f"{other.name}!{_ref_of(other, 'id')}"))
        return
    nodes[node] = row
    row.node = node
    ctx.ids[key] = (node, row)
    if role in ("actor", "plan"):
        for name_key in ("name", "alt"):
            for name in split_lines(_text(ctx, row, name_key) or ""):
                ctx.names.setdefault(fold(name), set()).add(node)


def _slug(name: str) -> str:
    from glocal.authoring.vocab import slug

    return slug(name) or "actor"


def _check_required(ctx: _Context, row: Row) -> None:
    if row.sheet.role in ("actor", "plan") and row.node is not None and \
            str(row.node) in ctx.v.known_iris:
        return
    for col in row.sheet.columns:
        if col.kind in ("version", "id") or col.key in row.cells:
            continue
        if ctx.v.is_required(row.sheet, col) and not (
                row.sheet.role == "actor" and col.key != "quote"):
            column = headers(row.sheet, ctx.layout)[row.sheet.columns.index(col)]
            ctx.report(row, col.key, word("workbook.required_missing", ctx.lang, column=column))


def _emit(ctx: _Context, graph: Graph, row: Row, node: URIRef | None) -> None:
    if node is None:
        return
    sheet = row.sheet
    known = str(node) in ctx.v.known_iris
    if sheet.rdf_class and sheet.role != "document":
        graph.add((node, RDF.type, URIRef(sheet.rdf_class)))
    elif sheet.role == "document":
        graph.add((node, RDF.type, GLOCAL.GoverningDocument))
    if sheet.role in ("statement", "partnership"):
        graph.add((node, GLOCAL.statedIn, ctx.doc))
    mentioned = sheet.role in ("actor", "plan")
    for col in sheet.columns:
        if col.key not in row.cells or col.predicate is None:
            continue
        values = _values(ctx, row, col)
        if col.kind == "bool":
            mentioned = bool(values)
            continue
        if col.kind == "plan_kind" and known:
            continue
        for value in values:
            if col.kind in ("quote", "quotes"):
                continue
            graph.add((node, URIRef(col.predicate), value))
    for key in ("quote", "quotes"):
        if key in row.cells and key in [c.key for c in sheet.columns]:
            for text in _quote_texts(ctx, row, key):
                _emit_quote(ctx, graph, row, key, node, text)
    if mentioned:
        graph.add((ctx.doc, GLOCAL.mentions, node))
    if sheet.role == "alignment":
        target, sdg = graph.value(node, GLOCAL.alignmentOf), graph.value(node, GLOCAL.sdg)
        if target is not None and sdg is not None:
            graph.add((target, GLOCAL.alignedWith, sdg))


def _emit_source(ctx: _Context, graph: Graph, row: Row, source: SourceText) -> None:
    given = _text(ctx, row, "source")
    if given and given != source.name:
        ctx.report(row, "source", word("workbook.source_mismatch", ctx.lang, value=given,
                                       given=source.name))
    graph.set((ctx.doc, DCTERMS.source, SOURCE[source.name]))


def _quote_texts(ctx: _Context, row: Row, key: str) -> list[str]:
    text = _text(ctx, row, key) or ""
    return split_lines(text) if key == "quotes" else ([text] if text else [])


def _emit_quote(ctx: _Context, graph: Graph, row: Row, key: str, node: URIRef,
                text: str) -> None:
    found = ctx.index.find(text)
    if found is None:
        near = ctx.index.nearest(text)
        if near is None:
            ctx.report(row, key, word("workbook.quote_nothing_near", ctx.lang))
        else:
            ctx.report(row, key, word("workbook.quote_not_found", ctx.lang, page=near.page,
                                      score=near.score, passage=near.passage))
        return
    ctx.quotes += 1
    quote, segment, position = BNode(), BNode(), BNode()
    graph.addN((s, p, o, graph) for s, p, o in (
        (node, _DERIVED, quote),
        (quote, RDF.type, _QUOTE),
        (quote, _EXACT, Literal(text)),
        (quote, DCTERMS.source, ctx.doc),
        (quote, _PREFIX, Literal(found.prefix)),
        (quote, _SUFFIX, Literal(found.suffix)),
        (quote, _PAGE_START, Literal(found.page)),
        (quote, _PAGE_END, Literal(found.end_page)),
        # the same passage by its offsets: a second selector of one oa:SpecificResource of
        # the source text (W3C Web Annotation: a resource's selectors each select the same
        # segment)
        (segment, RDF.type, _SEGMENT),
        (segment, _HAS_SOURCE, SOURCE[ctx.index.source.name]),
        (segment, _HAS_SELECTOR, quote),
        (segment, _HAS_SELECTOR, position),
        (position, RDF.type, _POSITION)))
    offsets = [(position, _START, found.start), (position, _END, found.end)]
    if ctx.offsets is None:
        add_offsets(graph, offsets)
    else:
        ctx.offsets.extend(offsets)


def add_offsets(graph: Graph, offsets: list[Offset], datatype: URIRef = XSD.nonNegativeInteger
                ) -> Graph:
    """``graph`` with the quotes' ``offsets``, as ``datatype`` (Web Annotation's
    ``xsd:nonNegativeInteger``, as docs/modelling.md gives them)."""
    graph.addN((node, predicate, Literal(value, datatype=datatype), graph)
               for node, predicate, value in offsets)
    return graph


def _values(ctx: _Context, row: Row, col: Column) -> list[Node]:
    from glocal.authoring.values import read_value

    return read_value(ctx, row, col)

