"""The result types of :func:`glocal.authoring.diff`: what changed, statement by statement."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "CHANGE_KINDS",
    "ChangeKind",
    "DocumentDiff",
    "GraphDiff",
    "MatchedBy",
    "Statement",
    "StatementChange",
    "StatementLink",
]

ChangeKind = Literal["added", "removed", "reworded", "relinked"]
MatchedBy = Literal["iri", "correspondence", "wording"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "removed", "reworded", "relinked")


@dataclass(frozen=True, slots=True, order=True)
class StatementLink:
    """One link of a statement: ``predicate`` to ``object`` (both IRIs)."""

    predicate: str
    object: str

    def to_dict(self) -> dict[str, Any]:
        return {"predicate": self.predicate, "object": self.object}


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement (or named plan) of a document as one version has it.

    ``wording`` is the document's own quote of it (normalised with
    :func:`glocal.quotes.normalise`; several quotes joined by `` | ``), else its Swedish label.
    """

    iri: str
    classes: tuple[str, ...]
    label: str | None
    wording: str
    position: int | None
    links: tuple[StatementLink, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "classes": list(self.classes),
            "label": self.label,
            "wording": self.wording,
            "position": self.position,
            "links": [link.to_dict() for link in self.links],
        }


@dataclass(frozen=True, slots=True)
class StatementChange:
    """How one statement differs between the old and the new version.

    ``kinds`` is ``("added",)``, ``("removed",)``, or one or both of ``"reworded"`` and
    ``"relinked"``. A matched pair says how it was matched (``matched_by``: the same IRI, a
    ``glocal:correspondsTo``/``prov:wasRevisionOf`` link, or wording) and how alike its wording
    is (``similarity``, 0 to 1). An added or removed statement that the graph says corresponds
    to a statement matched otherwise (one item split in two, or two merged) names it in
    ``counterpart``.
    """

    kinds: tuple[ChangeKind, ...]
    old: Statement | None
    new: Statement | None
    matched_by: MatchedBy | None = None
    similarity: float | None = None
    links_added: tuple[StatementLink, ...] = ()
    links_removed: tuple[StatementLink, ...] = ()
    counterpart: str | None = None

    @property
    def kind(self) -> ChangeKind:
        """The first of ``kinds``."""
        return self.kinds[0]

    @property
    def statement(self) -> Statement:
        """The new version of the statement, or the old one if it was removed."""
        found = self.new or self.old
        assert found is not None
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
            "matched_by": self.matched_by,
            "similarity": None if self.similarity is None else round(self.similarity, 3),
            "links_added": [link.to_dict() for link in self.links_added],
            "links_removed": [link.to_dict() for link in self.links_removed],
            "counterpart": self.counterpart,
        }


@dataclass(frozen=True, slots=True)
class DocumentDiff:
    """What changed from one version of a document to another (or one graph to another)."""

    old_document: str
    new_document: str
    old_title: str | None
    new_title: str | None
    changes: tuple[StatementChange, ...]
    unchanged: int
    links_added: tuple[StatementLink, ...] = ()
    links_removed: tuple[StatementLink, ...] = ()

    def of_kind(self, kind: ChangeKind) -> tuple[StatementChange, ...]:
        """The changes that are of ``kind`` (a reworded and relinked statement is both)."""
        return tuple(change for change in self.changes if kind in change.kinds)

    def counts(self) -> dict[str, int]:
        """How many statements were added, removed, reworded, relinked, and left unchanged."""
        counts: dict[str, int] = {kind: len(self.of_kind(kind)) for kind in CHANGE_KINDS}
        counts["unchanged"] = self.unchanged
        return counts

    @property
    def changed(self) -> bool:
        """Whether anything differs."""
        return bool(self.changes or self.links_added or self.links_removed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "old_document": self.old_document,
            "new_document": self.new_document,
            "old_title": self.old_title,
            "new_title": self.new_title,
            "counts": self.counts(),
            "links_added": [link.to_dict() for link in self.links_added],
            "links_removed": [link.to_dict() for link in self.links_removed],
            "changes": [change.to_dict() for change in self.changes],
        }


@dataclass(frozen=True, slots=True)
class GraphDiff:
    """What changed between two graphs: one :class:`DocumentDiff` for each document in both,
    and the documents only one of them holds."""

    documents: tuple[DocumentDiff, ...]
    only_old: tuple[str, ...] = ()
    only_new: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything differs."""
        return bool(self.only_old or self.only_new) or any(d.changed for d in self.documents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [document.to_dict() for document in self.documents],
            "only_old": list(self.only_old),
            "only_new": list(self.only_new),
            "changed": self.changed,
        }
