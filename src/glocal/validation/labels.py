"""How a validation report names what it is about: each node's label (an SDG alignment as its
statement → goal or target), and the governing documents a node belongs to, with their
publishers, read for all the nodes a report names in a few queries (``kg.labels`` and
``kg.named_query_for``, a thousand nodes each), never two a node."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from rdflib import Literal, URIRef
from rdflib.term import Node

from glocal import resources
from glocal.namespaces import curie
from glocal.rdf import sparql
from glocal.validation.report import NodeRef
from glocal.words import Lang, word

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["Labels"]


class Labels:
    """Labels and documents of the nodes a report names, from the knowledge graph."""

    def __init__(self, kg: KnowledgeGraph, lang: Lang, nodes: str | None = None) -> None:
        self.kg = kg
        self.lang = lang
        self.cache: dict[Node, str] = {}
        self.documents: dict[Node, set[URIRef]] = {}
        # ``nodes`` (a group binding ?node: a scoped run's) spares reading every node's
        # documents: the query is evaluated for each of those nodes in turn
        documents = resources.read_query("validation-documents")
        query = documents if nodes is None else sparql.lateral(documents, nodes)
        for row in kg.query(query):
            node, doc = row.get("node"), row.get("doc")
            if node is not None and isinstance(doc, URIRef):
                self.documents.setdefault(node, set()).add(doc)
        self.publishers: dict[Node, list[Node]] = {}  # labelled when a report names them
        for row in kg.named_query("validation-publishers"):
            self.publishers.setdefault(row["doc"], []).append(row["publisher"])
        self.names: dict[URIRef, str] = {}
        self.alignments: dict[Node, dict[str, Node]] = {}
        self.read: set[URIRef] = set()  # the IRIs whose labels and alignment have been read

    def prefetch(self, nodes: Iterable[Node]) -> None:
        """Read the labels of ``nodes`` at once, with what naming them needs: their documents
        and those documents' publishers, and for an SDG alignment its statement."""
        wanted = {n for n in nodes if isinstance(n, URIRef)}
        for node in list(wanted):
            for doc in self.documents.get(node, ()):
                wanted.add(doc)
                wanted.update(p for p in self.publishers.get(doc, ()) if isinstance(p, URIRef))
        for _ in range(3):  # an alignment's statement, and then that one's documents
            wanted -= self.read
            if not wanted:
                return
            self.read |= wanted
            self.names.update(self.kg.labels(self.lang, wanted))
            aligned = self._alignments(wanted)
            wanted = {n for n in aligned if isinstance(n, URIRef)}

    def _alignments(self, iris: set[URIRef]) -> set[Node]:
        """Read the alignments among ``iris``; the statements they align."""
        found: set[Node] = set()
        for row in self.kg.named_query_for("validation-alignments", "a", iris):
            self.alignments.setdefault(row["a"], row)
            found.add(row["of"])
        return found

    def __call__(self, node: Node) -> str:
        if node not in self.cache:
            self.cache[node] = self._label(node)
        return self.cache[node]

    def _label(self, node: Node) -> str:
        if isinstance(node, Literal):
            return str(node)
        if not isinstance(node, URIRef):
            return word("validation.blank", self.lang)
        if node not in self.read:
            self.prefetch((node,))
        row = self.alignments.get(node)
        if row is not None and "of" in row:
            notation = str(row.get("notation", curie(cast(URIRef, row["sdg"]))))
            kind = word("sdg.target" if "." in notation else "sdg.goal", self.lang)
            return f"{self(row['of'])} → {kind} {notation}"
        name = self.names.get(node)
        return curie(node) if name is None else name

    def document_refs(self, node: Node) -> tuple[NodeRef, ...]:
        refs = []
        for doc in self.documents.get(node, ()):
            publishers = sorted(self(p) for p in self.publishers.get(doc, []))
            title = self(doc) + (f" ({', '.join(publishers)})" if publishers else "")
            refs.append(NodeRef(doc, title))
        return tuple(sorted(refs, key=lambda r: r.label))
