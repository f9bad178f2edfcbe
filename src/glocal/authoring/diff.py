"""What changed between two graphs, or two versions of a document: statement by statement.

A document's statements are the nodes ``glocal:statedIn`` it and the plans it is steered by or
mentions. Two versions' statements are paired, in this order: the same IRI; a link the graph
states (``glocal:correspondsTo``, ``glocal:spellingVariantOf``, ``prov:wasRevisionOf``); and,
for what is left, wording (rapidfuzz's ratio of the two quotes, at least
:data:`WORDING_THRESHOLD`, among statements of the same class, best pairs first). A pair whose
wording (its quote after :func:`glocal.quotes.normalise`) or label differs is *reworded*; one
whose links differ, once linked statements are paired the same way, is *relinked*; what is
left over is *added* or *removed*.

>>> import glocal, glocal.authoring
>>> kg = glocal.load()
>>> found = glocal.authoring.diff_versions(
...     kg, "Riktlinje för internationellt arbete", "Internationell strategi")
>>> found.old_title, found.new_title
('Riktlinje för internationellt arbete', 'Internationell strategi')
>>> [c.kinds for c in found.changes if c.statement.iri.endswith("/principle-7")]
[('reworded',)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from glocal.authoring.diff_model import (
    ChangeKind,
    DocumentDiff,
    GraphDiff,
    MatchedBy,
    Statement,
    StatementChange,
    StatementLink,
)
from glocal.quotes import normalise

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["WORDING_THRESHOLD", "diff", "diff_versions"]

#: How alike two statements' wording must be (0 to 1) to be taken for one statement reworded.
WORDING_THRESHOLD = 0.6


def diff(old: KnowledgeGraph, new: KnowledgeGraph, *, document: str | None = None) -> GraphDiff:
    """What changed from graph ``old`` to graph ``new``, document by document.

    Documents are paired by IRI; a document left unpaired on each side is paired with the one
    it revises (``prov:wasRevisionOf``), or with the other version of the same work, or, when
    each graph holds just one document, with that one. ``document`` (an IRI, CURIE or title)
    limits the comparison to that document, named the same in both graphs.
    """
    links = _correspondences(old) | _correspondences(new)
    if document is not None:
        pair = (_resolve_document(old, document), _resolve_document(new, document))
        return GraphDiff((_compare(old, new, pair, links),))
    old_docs, new_docs = _documents(old), _documents(new)
    pairs = [(d, d) for d in sorted(old_docs.keys() & new_docs.keys())]
    only_old = sorted(old_docs.keys() - new_docs.keys())
    only_new = sorted(new_docs.keys() - old_docs.keys())
    for a, b in _pair_leftovers(only_old, only_new, old_docs, new_docs, links):
        pairs.append((a, b))
        only_old.remove(a)
        only_new.remove(b)
    return GraphDiff(
        tuple(_compare(old, new, pair, links) for pair in pairs),
        tuple(str(d) for d in only_old),
        tuple(str(d) for d in only_new),
    )


def diff_versions(kg: KnowledgeGraph, old: str, new: str) -> DocumentDiff:
    """What changed from document ``old`` to document ``new`` (IRIs, CURIEs or titles), two
    versions of a document in the one graph ``kg``."""
    pair = (_resolve_document(kg, old), _resolve_document(kg, new))
    return _compare(kg, kg, pair, _correspondences(kg))


def _resolve_document(kg: KnowledgeGraph, name: str) -> URIRef:
    """A document named by its title (a document's title wins over other labels), IRI or CURIE."""
    wanted = " ".join(name.split()).casefold()
    titled = [d for d, doc in _documents(kg).items() if (doc.title or "").casefold() == wanted]
    return titled[0] if len(titled) == 1 else kg.resolve(name)


# --- reading a graph -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Document:
    title: str | None
    work: URIRef | None
    revises: frozenset[URIRef]


def _documents(kg: KnowledgeGraph) -> dict[URIRef, _Document]:
    found: dict[URIRef, tuple[list[Literal], set[URIRef], set[URIRef]]] = {}
    for row in kg.named_query("diff-documents"):
        doc = row.get("doc")
        if not isinstance(doc, URIRef):
            continue
        titles, works, revises = found.setdefault(doc, ([], set(), set()))
        if isinstance(row.get("title"), Literal):
            titles.append(row["title"])  # type: ignore[arg-type]
        if isinstance(row.get("work"), URIRef):
            works.add(row["work"])  # type: ignore[arg-type]
        if isinstance(row.get("revises"), URIRef):
            revises.add(row["revises"])  # type: ignore[arg-type]
    return {
        doc: _Document(_title(titles), min(works) if works else None, frozenset(revises))
        for doc, (titles, works, revises) in found.items()
    }


def _title(titles: Iterable[Literal]) -> str | None:
    """The title the query chose (the Swedish one where there is one); the first if several."""
    ranked = sorted(str(t) for t in titles)
    return ranked[0] if ranked else None


def _correspondences(kg: KnowledgeGraph) -> frozenset[tuple[URIRef, URIRef]]:
    pairs: set[tuple[URIRef, URIRef]] = set()
    for row in kg.named_query("diff-correspondences"):
        a, b = row.get("a"), row.get("b")
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            pairs.update({(a, b), (b, a)})
    return frozenset(pairs)


def _statements(kg: KnowledgeGraph, doc: URIRef) -> dict[URIRef, Statement]:
    classes: dict[URIRef, set[str]] = defaultdict(set)
    labels: dict[URIRef, str] = {}
    positions: dict[URIRef, int] = {}
    quotes: dict[URIRef, set[str]] = defaultdict(set)
    for row in kg.named_query("diff-statements", bindings={"doc": doc}):
        node = row["node"]
        assert isinstance(node, URIRef)
        classes.setdefault(node, set())  # every node is listed, with or without a class
        if isinstance(row.get("class"), URIRef):
            classes[node].add(str(row["class"]))
        if isinstance(row.get("label"), Literal):
            labels.setdefault(node, str(row["label"]))
        position = row.get("position")
        if isinstance(position, Literal) and isinstance(position.toPython(), int):
            positions.setdefault(node, int(position.toPython()))
        if isinstance(row.get("quote"), Literal):
            quotes[node].add(normalise(str(row["quote"])))
    links = _links(kg, doc)
    return {
        node: Statement(
            iri=str(node),
            classes=tuple(sorted(kinds)),
            label=labels.get(node),
            wording=" | ".join(sorted(quotes[node])) or normalise(labels.get(node, "")),
            position=positions.get(node),
            links=tuple(sorted(links.get(node, ()))),
        )
        for node, kinds in classes.items()
    }


def _links(kg: KnowledgeGraph, doc: URIRef) -> dict[URIRef, set[StatementLink]]:
    links: dict[URIRef, set[StatementLink]] = defaultdict(set)
    for row in kg.named_query("diff-links", bindings={"doc": doc}):
        node, predicate, obj = row["node"], row["predicate"], row["object"]
        assert isinstance(node, URIRef)
        links[node].add(StatementLink(str(predicate), str(obj)))
    return links


def _pair_leftovers(
    only_old: list[URIRef],
    only_new: list[URIRef],
    old_docs: Mapping[URIRef, _Document],
    new_docs: Mapping[URIRef, _Document],
    links: frozenset[tuple[URIRef, URIRef]],
) -> list[tuple[URIRef, URIRef]]:
    """Documents named differently in the two graphs that are one document's versions."""
    pairs: list[tuple[URIRef, URIRef]] = []
    taken: set[URIRef] = set()
    for b in only_new:
        for a in only_old:
            if a in taken:
                continue
            linked = a in new_docs[b].revises or (a, b) in links
            same_work = old_docs[a].work is not None and old_docs[a].work == new_docs[b].work
            if linked or same_work:
                pairs.append((a, b))
                taken.add(a)
                break
    if not pairs and len(old_docs) == len(new_docs) == 1 and only_old and only_new:
        pairs.append((only_old[0], only_new[0]))
    return pairs


# --- comparing two versions ------------------------------------------------------------------


def _compare(
    old_kg: KnowledgeGraph,
    new_kg: KnowledgeGraph,
    pair: tuple[URIRef, URIRef],
    links: frozenset[tuple[URIRef, URIRef]],
) -> DocumentDiff:
    old_doc, new_doc = pair
    old = _statements(old_kg, old_doc)
    new = _statements(new_kg, new_doc)
    matches = _match(old, new, links)
    mapping = {a: b for a, b, _how, _score in matches}
    mapping[old_doc] = new_doc
    changes: list[StatementChange] = []
    unchanged = 0
    for a, b, how, score in matches:
        change = _changed(old[a], new[b], how, score, mapping)
        if change is None:
            unchanged += 1
        else:
            changes.append(change)
    matched_old = set(mapping)
    matched_new = set(mapping.values())
    for a in sorted(old.keys() - matched_old):
        other = _counterpart(a, links, mapping, matched_new)
        changes.append(StatementChange(("removed",), old[a], None, counterpart=other))
    inverse = {b: a for a, b in mapping.items()}
    for b in sorted(new.keys() - matched_new):
        other = _counterpart(b, links, inverse, matched_old)
        changes.append(StatementChange(("added",), None, new[b], counterpart=other))
    old_links = _document_links(old_kg, old_doc, mapping)
    new_links = set(_links(new_kg, new_doc).get(new_doc, ()))
    return DocumentDiff(
        old_document=str(old_doc),
        new_document=str(new_doc),
        old_title=_documents_title(old_kg, old_doc),
        new_title=_documents_title(new_kg, new_doc),
        changes=tuple(sorted(changes, key=_order)),
        unchanged=unchanged,
        links_added=tuple(sorted(new_links - old_links)),
        links_removed=tuple(sorted(old_links - new_links)),
    )


def _documents_title(kg: KnowledgeGraph, doc: URIRef) -> str | None:
    found = _documents(kg).get(doc)
    return found.title if found else None


def _document_links(
    kg: KnowledgeGraph, doc: URIRef, mapping: Mapping[URIRef, URIRef]
) -> set[StatementLink]:
    own = _links(kg, doc).get(doc, set())
    return {_mapped(link, mapping) for link in own}


def _mapped(link: StatementLink, mapping: Mapping[URIRef, URIRef]) -> StatementLink:
    target = mapping.get(URIRef(link.object))
    return link if target is None else StatementLink(link.predicate, str(target))


def _counterpart(
    node: URIRef,
    links: frozenset[tuple[URIRef, URIRef]],
    mapping: Mapping[URIRef, URIRef],
    matched: set[URIRef],
) -> str | None:
    """The statement on the other side that ``node`` is said to correspond to, if matched."""
    others = sorted(b for a, b in links if a == node and b in matched)
    return str(others[0]) if others else None


def _order(change: StatementChange) -> tuple[int, int, str]:
    statement = change.statement
    return (
        ("removed", "added").index(change.kind) if change.kind in ("removed", "added") else -1,
        statement.position if statement.position is not None else 1 << 30,
        statement.iri,
    )


def _changed(
    old: Statement,
    new: Statement,
    how: MatchedBy,
    score: float,
    mapping: Mapping[URIRef, URIRef],
) -> StatementChange | None:
    kinds: list[ChangeKind] = []
    if old.wording != new.wording or old.label != new.label:
        kinds.append("reworded")
    old_links = {_mapped(link, mapping) for link in old.links}
    new_links = set(new.links)
    if old_links != new_links:
        kinds.append("relinked")
    if not kinds:  # the same in every respect (a statement named anew is still the same)
        return None
    return StatementChange(
        tuple(kinds),
        old,
        new,
        matched_by=how,
        similarity=score,
        links_added=tuple(sorted(new_links - old_links)),
        links_removed=tuple(sorted(old_links - new_links)),
    )


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a.casefold(), b.casefold())) / 100.0


def _match(
    old: Mapping[URIRef, Statement],
    new: Mapping[URIRef, Statement],
    links: frozenset[tuple[URIRef, URIRef]],
) -> list[tuple[URIRef, URIRef, MatchedBy, float]]:
    """One-to-one pairs of old and new statements: by IRI, by stated link, then by wording."""
    matches: list[tuple[URIRef, URIRef, MatchedBy, float]] = []
    for node in sorted(old.keys() & new.keys()):
        matches.append((node, node, "iri", _similarity(old[node].wording, new[node].wording)))
    left_old = sorted(old.keys() - new.keys())
    left_new = sorted(new.keys() - old.keys())
    linked = [(a, b) for a in left_old for b in left_new if (a, b) in links]
    for how, candidates in (("correspondence", linked), ("wording", None)):
        if candidates is None:
            candidates = [
                (a, b) for a in left_old for b in left_new
                if set(old[a].classes) & set(new[b].classes) or not old[a].classes
            ]
        scored = sorted(
            ((_similarity(old[a].wording, new[b].wording), a, b) for a, b in candidates),
            key=lambda item: (-item[0], item[1], item[2]),
        )
        taken_old: set[URIRef] = set()
        taken_new: set[URIRef] = set()
        for score, a, b in scored:
            if a in taken_old or b in taken_new:
                continue
            if how == "wording" and score < WORDING_THRESHOLD:
                break
            matches.append((a, b, how, score))  # type: ignore[arg-type]
            taken_old.add(a)
            taken_new.add(b)
        left_old = [a for a in left_old if a not in taken_old]
        left_new = [b for b in left_new if b not in taken_new]
    return matches
