"""What the review report shows, read from the graph once: the facts of each document, the
review counts (:mod:`glocal.trace.review`, the model ``glocal review`` prints), coverage,
validation, traces and versions, grouped by municipality.

Every number in the report comes from these public results; nothing here counts on its own
except to group them: by municipality (a document's publishers) and by document (the
documents a statement is stated in).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from rdflib.term import Literal as RDFLiteral
from rdflib.term import URIRef

from glocal.namespaces import notation_key

if TYPE_CHECKING:
    from glocal.authoring.diff_model import DocumentDiff
    from glocal.store.graph import KnowledgeGraph
    from glocal.trace.coverage import CoverageReport, DocumentCoverage, Served
    from glocal.trace.model import Trace
    from glocal.trace.review import DocumentSummary
    from glocal.validation.report import ValidationReport, ValidationResult
    from glocal.words import Lang

__all__ = ["DocumentFacts", "GoalState", "MunicipalityPage", "Passage", "ReportData", "SDGGoal",
           "gather"]

#: The most municipalities whose paths a report traces by default (a national report lists who
#: serves each goal without the paths).
TRACED_MUNICIPALITIES = 10
State = Literal["explicit", "interpreted", "none"]
_DC = "http://purl.org/dc/terms/"
_GL = "https://w3id.org/glocal/ontology#"
_PROV = "http://www.w3.org/ns/prov#"


@dataclass(frozen=True, slots=True)
class SDGGoal:
    """One of the UN's 17 goals: its number, colour and names."""

    iri: URIRef
    number: int
    colour: str
    label: str
    short: str


@dataclass(frozen=True, slots=True)
class Passage:
    """A quoted passage (``oa:exact``) and the pages it stands on (``schema:pageStart`` and
    ``schema:pageEnd`` of the quote, where the importer located it in the source)."""

    exact: str
    page_start: int | None = None
    page_end: int | None = None


@dataclass(frozen=True, slots=True)
class GoalState:
    """How a municipality's documents serve one SDG goal (its targets included)."""

    goal: SDGGoal
    state: State
    explicit: int  # statements (not activities) serving it on an explicit link
    interpreted: int
    activities: int  # activities serving it, either basis
    served_by: tuple[Served, ...]


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """A governing document as the report's summary shows it."""

    summary: DocumentSummary
    publishers: tuple[str, ...]
    type: str
    issued: str | None
    identifiers: tuple[str, ...]
    version: str | None
    adopted_by: tuple[str, ...]
    revision_due: str | None
    past_due: bool
    review_rules: tuple[str, ...]
    work: URIRef | None
    source: str | None
    coverage: DocumentCoverage | None
    revises: tuple[URIRef, ...] = ()  # the documents it is a revision of (prov:wasRevisionOf)

    @property
    def iri(self) -> URIRef:
        return self.summary.iri

    @property
    def title(self) -> str:
        return self.summary.title


@dataclass(frozen=True, slots=True)
class MunicipalityPage:
    """One municipality (or several publishing jointly): its documents and what they serve."""

    name: str
    documents: tuple[DocumentFacts, ...]
    goals: tuple[GoalState, ...]  # all 17, in UN order
    targets: tuple[tuple[str, str, tuple[Served, ...]], ...]  # (notation, label, served_by)
    results: tuple[ValidationResult, ...]
    traces: dict[URIRef, tuple[Trace, ...]] = field(default_factory=dict)
    versions: tuple[DocumentDiff, ...] = ()  # each version of a work against the one before

    @property
    def slug(self) -> str:
        return "m-" + "".join(c if c.isalnum() else "-" for c in self.name.lower())


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, as of a date, in one language."""

    pages: tuple[MunicipalityPage, ...]
    as_of: date
    lang: Lang
    statements: int
    validation: ValidationReport
    coverage: CoverageReport
    labels: dict[URIRef, str]  # statements; and the graph's labels of what changed links name
    quotes: dict[URIRef, tuple[str, ...]]
    passages: dict[tuple[URIRef, str], Passage] = field(default_factory=dict)

    def passage(self, node: URIRef, exact: str) -> Passage:
        """The passage ``exact`` quoted for ``node`` (a statement or an SDG alignment), with
        the pages it stands on where the graph has them."""
        return self.passages.get((node, exact)) or Passage(exact)


def _sdg_goals(kg: KnowledgeGraph, lang: Lang) -> list[SDGGoal]:
    found: dict[URIRef, dict[str, str]] = {}
    for row in kg.named_query("report-sdg-colours"):
        goal = row["goal"]
        if not isinstance(goal, URIRef):
            continue
        entry = found.setdefault(goal, {"notation": str(row["notation"]), "colour": "#777777"})
        if "colour" in row:
            entry["colour"] = str(row["colour"])
        short = row.get("short")
        if isinstance(short, RDFLiteral) and (short.language == lang or "short" not in entry):
            entry["short"] = str(short)
    goals = [SDGGoal(iri, int(e["notation"]), e["colour"], kg.label(iri, lang),
                     e.get("short", e["notation"]))
             for iri, e in found.items() if e["notation"].isdigit()]
    return sorted(goals, key=lambda g: g.number)


def _facts(kg: KnowledgeGraph, summaries: Sequence[DocumentSummary], coverage: CoverageReport,
           as_of: date, lang: Lang) -> list[DocumentFacts]:
    props: dict[URIRef, dict[str, list[object]]] = {}
    for row in kg.named_query("report-documents"):
        doc = row["doc"]
        if not isinstance(doc, URIRef):
            continue
        values = props.setdefault(doc, {}).setdefault(
            str(row["property"]).removeprefix(_DC).removeprefix(_GL).removeprefix(_PROV), [])
        values.append(row["value"])
    labels: dict[object, str] = {}

    def names(values: list[object]) -> tuple[str, ...]:
        out = []
        for v in values:
            if isinstance(v, URIRef):
                if v not in labels:
                    labels[v] = kg.label(v, lang)
                out.append(labels[v])
            else:
                out.append(str(v))
        return tuple(sorted(out))

    by_doc = {d.document: d for d in coverage.documents}
    facts = []
    for s in summaries:
        p = props.get(s.iri, {})
        due = min((str(v) for v in p.get("revisionDue", [])), default=None)
        work = next((v for v in p.get("isVersionOf", []) if isinstance(v, URIRef)), None)
        facts.append(DocumentFacts(
            summary=s, publishers=s.publishers, type=s.type,
            issued=min((str(v) for v in p.get("issued", [])), default=None),
            identifiers=names(p.get("identifier", [])),
            version=next((str(v) for v in p.get("versionNumber", [])), None),
            adopted_by=names(p.get("adoptedBy", [])), revision_due=due,
            past_due=due is not None and due < as_of.isoformat(),
            review_rules=names(p.get("reviewRule", [])), work=work,
            source=min((str(v) for v in p.get("source", [])), default=None),
            coverage=by_doc.get(s.iri),
            revises=tuple(sorted(v for v in p.get("wasRevisionOf", [])
                                 if isinstance(v, URIRef)))))
    return facts


def _goal_states(goals: Sequence[SDGGoal], served_by: dict[URIRef, list[Served]]
                 ) -> tuple[GoalState, ...]:
    """The 17 goals' states from the statements serving each (``served_by``: SDG → served)."""
    out = []
    for goal in goals:
        served = tuple(served_by.get(goal.iri, ()))
        best: dict[URIRef, str] = {}
        for s in served:
            if best.get(s.node) != "explicit":
                best[s.node] = s.basis or "unknown"
        kinds = {s.node: s.kind for s in served}
        explicit = sum(b == "explicit" and kinds[n] != "activity" for n, b in best.items())
        interpreted = sum(b == "interpreted" and kinds[n] != "activity" for n, b in best.items())
        state: State = ("explicit" if "explicit" in best.values() else
                        "interpreted" if best else "none")
        out.append(GoalState(goal, state, explicit, interpreted,
                             sum(k == "activity" for k in kinds.values()), served))
    return tuple(out)


def _targets(coverage: CoverageReport, served_by: dict[URIRef, list[Served]]
             ) -> tuple[tuple[str, str, tuple[Served, ...]], ...]:
    out = []
    for c in coverage.sdgs:
        served = tuple(s for s in served_by.get(c.sdg, ()) if s.sdg == c.sdg)
        if served:
            out.append((c.notation, c.label, served))
    return tuple(sorted(out, key=lambda t: notation_key(t[0])))


def _partition(coverage: CoverageReport, owners: dict[URIRef, list[int]], pages: int
               ) -> list[dict[URIRef, list[Served]]]:
    """For each page, SDG → the statements of its documents serving it (one pass)."""
    out: list[dict[URIRef, list[Served]]] = [{} for _ in range(pages)]
    for c in coverage.sdgs:
        for s in c.served_by:
            for i in owners.get(s.node, ()):
                out[i].setdefault(c.sdg, []).append(s)
    return out


def _in_order(versions: Sequence[DocumentFacts]) -> list[DocumentFacts]:
    """A work's versions in order: each after the versions it revises (``prov:wasRevisionOf``)
    whatever their dates; otherwise by the date they were issued, their version number (by
    its numbers: 9 before 10), then their source text's name and their IRI. Of the versions
    whose revised ones are all placed, the first by that key comes next; a cycle of revisions
    is broken at its first by that key.
    """
    left = sorted(versions, key=lambda d: (d.issued or "", _version_key(d.version or ""),
                                           d.source or "", d.iri))
    here = {d.iri for d in versions}
    out: list[DocumentFacts] = []
    placed: set[URIRef] = set()
    while left:
        ready = next((d for d in left
                      if {r for r in d.revises if r in here and r != d.iri} <= placed), left[0])
        left.remove(ready)
        out.append(ready)
        placed.add(ready.iri)
    return out


def _version_key(version: str) -> tuple[tuple[int, int, str], ...]:
    """A version number as its runs of digits (by value) and of other characters.

    >>> sorted(["10", "9", "2.10", "2.9", "v2", "1"], key=_version_key)
    ['1', '2.9', '2.10', '9', '10', 'v2']
    """
    return tuple((0, int(run), "") if run.isdigit() else (1, 0, run)
                 for run in re.findall(r"\d+|\D+", version))


def _works(docs: Sequence[DocumentFacts]) -> list[list[DocumentFacts]]:
    """The documents that are versions of one another: of one work (``dcterms:isVersionOf``)
    or linked by ``prov:wasRevisionOf``; each group of two or more, by its first work or IRI."""
    root: dict[URIRef, URIRef] = {}

    def find(node: URIRef) -> URIRef:
        while root.setdefault(node, node) != node:
            node = root[node]
        return node

    here = {d.iri for d in docs}
    for d in docs:
        for other in ([d.work] if d.work is not None else []) + [
                r for r in d.revises if r in here]:
            a, b = find(d.iri), find(other)
            root[max(a, b)] = min(a, b)
    groups: dict[URIRef, list[DocumentFacts]] = {}
    for d in docs:
        groups.setdefault(find(d.iri), []).append(d)
    named = [(min([d.work for d in g if d.work is not None] or [d.iri for d in g]), g)
             for g in groups.values() if len(g) > 1]
    return [g for _, g in sorted(named, key=lambda kv: kv[0])]


def _versions(kg: KnowledgeGraph, docs: Sequence[DocumentFacts]) -> tuple[DocumentDiff, ...]:
    """Each version of a document against the one before it (:func:`_in_order`), statement by
    statement (:func:`glocal.authoring.diff_versions`)."""
    works = _works(docs)
    if not works:
        return ()  # and glocal.authoring (openpyxl, rapidfuzz) is not imported
    from glocal.authoring.diff import diff_versions

    return tuple(diff_versions(kg, old.iri, new.iri) for versions in works
                 for old, new in itertools.pairwise(_in_order(versions)))


def _page(value: object) -> int | None:
    """A page number from the graph; None for none or one that is not a whole number."""
    text = str(value) if isinstance(value, RDFLiteral) else ""
    return int(text) if text.isdigit() else None


def _passages(kg: KnowledgeGraph) -> dict[tuple[URIRef, str], Passage]:
    """The pages of every quote the importer located (``report-pages``), by node and text."""
    out = {}
    for row in kg.named_query("report-pages"):
        node, start = row["node"], _page(row.get("pageStart"))
        if isinstance(node, URIRef) and start is not None:
            exact = str(row["exact"])
            out[node, exact] = Passage(exact, start, _page(row.get("pageEnd")))
    return out


def _link_labels(kg: KnowledgeGraph, versions: Iterable[DocumentDiff],
                 known: Mapping[URIRef, str], lang: Lang) -> dict[URIRef, str]:
    """The graph's labels in ``lang`` of what changed links name (the goal or SDG a relinked
    statement now serves) that ``known`` (the statements' labels) does not, read for those
    nodes only (:meth:`~glocal.store.graph.KnowledgeGraph.labels`) and only when there are
    any."""
    wanted = {URIRef(link.object) for d in versions
              for links in (d.links_added, d.links_removed,
                            *(x for c in d.changes for x in (c.links_added, c.links_removed)))
              for link in links} - known.keys()
    return kg.labels(lang, wanted) if wanted else {}


def gather(kg: KnowledgeGraph, *, municipality: str | None = None, document: str | None = None,
           as_of: date | None = None, lang: Lang = "sv", traces: bool | None = None
           ) -> ReportData:
    """Read everything the report shows. ``traces`` adds every path with its evidence (one
    :meth:`~glocal.store.graph.KnowledgeGraph.trace` call per statement serving an SDG); by
    default for at most :data:`TRACED_MUNICIPALITIES` municipalities."""
    as_of = as_of or date.today()
    wanted_doc = kg.resolve(document) if document is not None else None
    place = kg.label(kg.resolve(municipality), lang) if municipality is not None else None
    summaries = [s for s in kg.summarise(lang=lang)
                 if (wanted_doc is None or s.iri == wanted_doc)
                 and (place is None or place in s.publishers)]
    coverage = kg.coverage()
    validation = kg.validate(as_of=as_of, lang=lang)
    stated: dict[URIRef, set[URIRef]] = {}
    quotes: dict[URIRef, list[str]] = {}
    labels: dict[URIRef, str] = {}
    for row in kg.named_query("report-statements"):
        node, doc = row["node"], row["doc"]
        if isinstance(node, URIRef) and isinstance(doc, URIRef):
            stated.setdefault(doc, {doc}).add(node)
            if "exact" in row:
                quotes.setdefault(node, []).append(str(row["exact"]))
            label = row.get("label")
            if isinstance(label, RDFLiteral) and (node not in labels or label.language == lang):
                labels[node] = str(label)
    facts = _facts(kg, summaries, coverage, as_of, lang)
    goals = _sdg_goals(kg, lang)
    groups: dict[str, list[DocumentFacts]] = {}
    for f in facts:
        groups.setdefault(f.summary.municipality, []).append(f)
    if traces is None:
        traces = len(groups) <= TRACED_MUNICIPALITIES
    names = sorted(groups)
    owners: dict[URIRef, list[int]] = {}
    doc_page: dict[URIRef, int] = {}
    for i, name in enumerate(names):
        for d in groups[name]:
            doc_page[d.iri] = i
            for node in stated.get(d.iri, {d.iri}):
                if i not in owners.setdefault(node, []):
                    owners[node].append(i)
    served = _partition(coverage, owners, len(names))
    results: list[list[ValidationResult]] = [[] for _ in names]
    for r in validation.results:
        for i in sorted({doc_page[ref.iri] for ref in r.documents if ref.iri in doc_page}):
            results[i].append(r)
    pages = []
    for i, name in enumerate(names):
        docs = groups[name]
        page = MunicipalityPage(name, tuple(docs), _goal_states(goals, served[i]),
                                _targets(coverage, served[i]), tuple(results[i]),
                                versions=_versions(kg, docs))
        if traces:
            for state in page.goals:
                for s in state.served_by:
                    if s.node not in page.traces:
                        page.traces[s.node] = tuple(
                            t for t in kg.trace(s.node) if t.sdg is not None)
        pages.append(page)
    labels |= _link_labels(kg, (v for p in pages for v in p.versions), labels, lang)
    return ReportData(tuple(pages), as_of, lang, len(kg), validation, coverage, labels,
                      {k: tuple(dict.fromkeys(v)) for k, v in quotes.items()}, _passages(kg))
