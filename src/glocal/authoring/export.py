"""Any document in a graph to a filled workbook, listing what a workbook cannot carry.

>>> import tempfile, pathlib, glocal
>>> kg = glocal.load()
>>> out = pathlib.Path(tempfile.mkdtemp()) / "tranas.xlsx"
>>> result = export_workbook(kg, "https://w3id.org/glocal/id/tranas/internationellt-arbete", out)
>>> result.rows["goal"] >= 2, out.is_file()
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from glocal.authoring.spec import ACTOR_KINDS, SHEETS, Column, Sheet
from glocal.authoring.template import build, save
from glocal.authoring.vocab import vocabulary
from glocal.namespaces import ACTOR, FUND, GLOCAL, OA, PLAN, SCHEMA, SOURCE, WORK, curie
from glocal.words import Lang, word

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["ExportResult", "export_workbook", "located"]

PROV = "http://www.w3.org/ns/prov#"
_DERIVED = URIRef(PROV + "wasDerivedFrom")
_LOCATING = (OA.prefix, OA.suffix, SCHEMA.pageStart, SCHEMA.pageEnd)
Triple = tuple[Node, Node, Node]


def _located(g: Graph, quote: Node) -> list[Triple]:
    """The triples that locate ``quote`` by its offsets: each ``oa:SpecificResource`` that
    selects it and that resource's ``oa:TextPositionSelector``s."""
    out: list[Triple] = []
    for segment in g.subjects(OA.hasSelector, quote):
        if (segment, RDF.type, OA.SpecificResource) not in g:
            continue
        for p, o in g.predicate_objects(segment):
            out.append((segment, p, o))
            if p == OA.hasSelector and o != quote:
                out.extend((o, p2, o2) for p2, o2 in g.predicate_objects(o))
    return out


def located(g: Graph, quote: Node) -> list[Triple]:
    """The triples glocal's import writes to locate ``quote`` in its source text, beyond
    ``oa:exact`` and ``dcterms:source``: its prefix, suffix and pages, and the
    ``oa:SpecificResource`` with the ``oa:TextPositionSelector`` of its offsets."""
    own = [(quote, p, o) for p in _LOCATING for o in g.objects(quote, p)]
    return own + _located(g, quote)
_ENTITY_CLASSES = {URIRef(c) for classes in ACTOR_KINDS.values() for c in classes} | {
    GLOCAL.Plan, GLOCAL.FundingProgramme}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The rows written per sheet, the triples the workbook carries and those it cannot."""

    document: str
    rows: dict[str, int]
    carried: Graph = field(repr=False, compare=False)
    dropped: tuple[Triple, ...] = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "rows": self.rows, "carried": len(self.carried),
                "dropped": [[curie(str(t)) for t in triple] for triple in self.dropped]}


@cache
def _reference() -> Graph:
    from glocal import resources

    return Graph().parse(resources.root() / "data" / "actors.ttl")


def export_workbook(graph: KnowledgeGraph | Graph, document: str, path: str | Path, *,
                    lang: Lang = "sv") -> ExportResult:
    """Write the document ``document`` (an IRI, CURIE or name) of ``graph`` as a workbook."""
    if isinstance(graph, Graph):
        g = graph
        doc = URIRef(document) if "://" in document else _as_iri(document)
    else:
        doc = graph.resolve(document)
        g = graph.to_rdflib()
    if (doc, RDF.type, GLOCAL.GoverningDocument) not in g:
        from glocal.errors import NodeNotFoundError

        raise NodeNotFoundError(str(document))
    writer = _Writer(g, doc, lang)
    document_fields, rows = writer.run()
    save(build(lang=lang, document=document_fields, rows=rows), path)
    carried = Graph()
    for triple in writer.consumed:
        carried.add(triple)
    dropped = tuple(sorted((t for t in writer.slice if t not in writer.consumed), key=str))
    return ExportResult(str(doc), {k: len(v) for k, v in rows.items()}, carried, dropped)


def _as_iri(name: str) -> URIRef:
    from glocal.namespaces import as_iri

    return as_iri(name)


class _Writer:
    def __init__(self, g: Graph, doc: URIRef, lang: Lang) -> None:
        self.g, self.doc, self.lang = g, doc, lang
        self.v = vocabulary()
        self.ref = _reference()
        self.consumed: set[Triple] = set()
        self.slice: set[Triple] = set()
        self.local: dict[URIRef, str] = {}

    # which nodes go on which sheet
    def run(self) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
        g, doc = self.g, self.doc
        placed: dict[str, list[URIRef]] = {s.key: [] for s in SHEETS}
        statements = sorted({s for s in g.subjects(GLOCAL.statedIn, doc)
                             if isinstance(s, URIRef)}, key=_order(g))
        by_class = {s.rdf_class: s for s in SHEETS if s.role in ("statement", "partnership")}
        for node in statements:
            types = sorted(str(t) for t in g.objects(node, RDF.type))
            sheet = next((by_class[t] for t in types if t in by_class), None)
            if sheet is not None:
                placed[sheet.key].append(node)
        rows_of = {n for nodes in placed.values() for n in nodes}
        alignments = sorted({a for s in rows_of for a in g.subjects(GLOCAL.alignmentOf, s)
                             if isinstance(a, URIRef) and self._ours(a)}, key=_order(g))
        placed["alignment"] = alignments
        others: set[Node] = set(g.objects(doc, GLOCAL.mentions))
        for q in g.subjects(DCTERMS.source, doc):
            others.update(s for s in g.subjects(_DERIVED, q) if isinstance(s, URIRef))
        others -= rows_of | set(alignments) | {doc}
        for node in sorted((o for o in others if isinstance(o, URIRef)), key=str):
            kinds = set(g.objects(node, RDF.type)) | set(self.ref.objects(node, RDF.type))
            if kinds - _ENTITY_CLASSES:
                continue  # not an actor, plan or fund (a version difference, a work)
            is_plan = GLOCAL.Plan in kinds or GLOCAL.FundingProgramme in kinds or \
                str(node).startswith((str(PLAN), str(FUND)))
            placed["plan" if is_plan else "actor"].append(node)
        for key, placed_nodes in placed.items():
            for node in placed_nodes:
                self.local[node] = self._ident(key, node)
        fields = self._row(SHEETS[0], doc)
        rows = {s.key: [self._row(s, n) for n in placed[s.key]] for s in SHEETS[1:]}
        return fields, rows

    def _ours(self, node: URIRef) -> bool:
        if str(node).startswith(str(self.doc) + "/"):
            return True
        return any((q, DCTERMS.source, self.doc) in self.g for q in self.g.objects(node, _DERIVED))

    def _ident(self, key: str, node: URIRef) -> str:
        text = str(node)
        if key == "actor" and text.startswith(str(ACTOR)):
            return text[len(str(ACTOR)):]
        if key in ("actor", "plan"):
            return curie(text)
        if text.startswith(str(self.doc) + "/"):
            return text[len(str(self.doc)) + 1:]
        return curie(text)

    def _triples(self, node: URIRef) -> Iterable[Triple]:
        for p, o in self.g.predicate_objects(node):
            if (node, p, o) in self.ref:
                continue
            if p == _DERIVED and isinstance(o, BNode):
                if (o, DCTERMS.source, self.doc) not in self.g:
                    continue
                for t in self.g.triples((o, None, None)):
                    self.slice.add(t)
            if p == GLOCAL.statedIn and o != self.doc:
                continue
            yield (node, p, o)

    def _row(self, sheet: Sheet, node: URIRef) -> dict[str, str]:
        g = self.g
        known = str(node) in self.v.known_iris
        self.slice.update(self._triples(node))
        out: dict[str, str] = {}
        if sheet.role == "document":
            out["municipality"], _, out["document_id"] = \
                str(node)[len("https://w3id.org/glocal/id/"):].partition("/")
        else:
            out["id"] = self.local[node]
        if sheet.rdf_class:
            self._use((node, RDF.type, URIRef(sheet.rdf_class)))
        if sheet.role in ("statement", "partnership"):
            self._use((node, GLOCAL.statedIn, self.doc))
        quotes = [q for q in g.objects(node, _DERIVED)
                  if isinstance(q, BNode) and (q, DCTERMS.source, self.doc) in g]
        quotes.sort(key=lambda q: str(g.value(q, OA.exact)))
        for col in sheet.columns:
            if col.kind in ("quote", "quotes"):
                chosen = quotes[:1] if col.kind == "quote" else quotes[1:]
                texts = [self._quote(node, q) for q in chosen]
                if texts:
                    out[col.key] = "\n".join(texts)
                continue
            if col.predicate is None or (known and col.kind in ("actor_kind", "plan_kind")):
                continue
            text = self._cell(sheet, col, node)
            if text:
                out[col.key] = text
        if sheet.role == "alignment":
            target, sdg = g.value(node, GLOCAL.alignmentOf), g.value(node, GLOCAL.sdg)
            if target is not None and sdg is not None:
                self._use((target, GLOCAL.alignedWith, sdg))
        return out

    def _use(self, triple: Triple) -> None:
        if triple in self.g:
            self.consumed.add(triple)

    def _quote(self, node: URIRef, q: BNode) -> str:
        exact = self.g.value(q, OA.exact)
        self._use((node, _DERIVED, q))
        for p in (RDF.type, OA.exact, DCTERMS.source, *_LOCATING):
            for o in self.g.objects(q, p):
                self._use((q, p, o))
        for triple in _located(self.g, q):  # made anew by the import from the source text
            self._use(triple)
        return str(exact)

    def _cell(self, sheet: Sheet, col: Column, node: URIRef) -> str | None:
        g = self.g
        pred = URIRef(col.predicate or "")
        if col.kind == "bool":
            mentioned = (self.doc, GLOCAL.mentions, node) in g
            self._use((self.doc, GLOCAL.mentions, node))
            return word("workbook.value.yes" if mentioned else "workbook.value.no", self.lang)
        if col.kind == "source":
            value = g.value(node, pred)
            self._use((node, pred, value)) if value is not None else None
            return str(value)[len(str(SOURCE)):] if value is not None else None
        if col.kind == "actor_kind":
            return self._kind(node)
        values = [o for o in g.objects(node, pred) if (node, pred, o) not in self.ref]
        texts = []
        for value in sorted(values, key=str):
            text = self._format(col, value)
            if text is None:
                continue
            texts.append(text)
            self._use((node, pred, value))
            if not col.multi:
                break
        return "\n".join(texts) if texts else None

    def _kind(self, node: URIRef) -> str | None:
        types = {str(t) for t in self.g.objects(node, RDF.type)}
        for key, classes in ACTOR_KINDS.items():
            if types and types == set(classes):
                for c in classes:
                    self._use((node, RDF.type, URIRef(c)))
                return word(f"workbook.kind.{key}", self.lang)
        return None

    def _format(self, col: Column, value: Node) -> str | None:
        kind = col.kind
        if kind in ("sv", "en"):
            ok = isinstance(value, Literal) and value.language == kind
            return str(value) if ok and ("\n" not in str(value) or not col.multi) else None
        if kind == "plain":
            ok = isinstance(value, Literal) and value.language is None and \
                value.datatype in (None, XSD.string)
            return str(value) if ok else None
        if kind == "int":
            ok = isinstance(value, Literal) and value.datatype == XSD.integer
            return str(value) if ok else None
        if kind == "date":
            ok = isinstance(value, Literal) and value.datatype in (XSD.date, XSD.gYear,
                                                                   XSD.gYearMonth)
            return str(value) if ok else None
        if not isinstance(value, URIRef):
            return None
        if kind == "ref":
            return self.local.get(value) or curie(str(value))
        if kind == "concept":
            if str(value) not in self.v.concepts.get(col.scheme or "", ()):
                return None
            return self.v.concept_label(str(value), self.lang)
        if kind == "sdg":
            return next((c for c, iri in self.v.sdg_codes.items() if iri == value), None)
        if kind == "url":
            return str(value)
        if kind == "work":
            text = str(value)
            return text[len(str(WORK)):] if text.startswith(str(WORK)) else None
        if kind == "plan_kind":
            if value == GLOCAL.Plan:
                return word("workbook.kind.plan", self.lang)
            if value == GLOCAL.FundingProgramme:
                return word("workbook.kind.fund", self.lang)
            return None
        return None


def _order(g: Graph) -> Any:
    def key(node: URIRef) -> tuple[str, int, str]:
        text = str(node)
        head, _, tail = text.rpartition("-")
        return (head, int(tail) if tail.isdigit() else 0, text)

    return key
