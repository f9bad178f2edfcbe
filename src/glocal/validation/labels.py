"""How a validation report names what it is about: each node's label (an SDG alignment as its
statement → goal or target), and the governing documents a node belongs to, with their
publishers. A short report asks the store node by node; a long one reads every label at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rdflib import Literal, URIRef
from rdflib.term import Node

from glocal import resources
from glocal.namespaces import curie
from glocal.validation.report import NodeRef
from glocal.words import Lang, word

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["READ_ALL_FROM", "Labels"]

#: Past this many results a report reads every label and alignment at once (two queries) rather
#: than two queries a node (bench/README.md, "Validation report labels").
READ_ALL_FROM = 500


class Labels:
    """Labels and documents of the nodes a report names, from the knowledge graph."""

    def __init__(self, kg: KnowledgeGraph, lang: Lang, nodes: str | None = None,
                 size: int = 0) -> None:
        self.kg = kg
        self.lang = lang
        self.cache: dict[Node, str] = {}
        self.documents: dict[Node, set[URIRef]] = {}
        # ``nodes`` (a group binding ?node: a scoped run's) spares reading every node's
        # documents; it starts each branch, so that each is walked from those nodes only
        documents = resources.read_query("validation-documents")
        query = documents if nodes is None else documents.replace(
            "{ ?node a glocal", "{ " + nodes + " ?node a glocal").replace(
            "UNION { ", "UNION { " + nodes + " ")
        for row in kg.query(query):
            node, doc = row.get("node"), row.get("doc")
            if node is not None and isinstance(doc, URIRef):
                self.documents.setdefault(node, set()).add(doc)
        self.publishers: dict[Node, list[Node]] = {}  # labelled when a report names them
        for row in kg.named_query("validation-publishers"):
            self.publishers.setdefault(row["doc"], []).append(row["publisher"])
        # a long report reads every label and alignment in two queries, not two per node
        self.names: dict[URIRef, str] | None = None
        self.alignments: dict[Node, dict[str, Node]] = {}
        if size > READ_ALL_FROM:  # ``size``: how many results the report will name
            self._read_all()

    def _read_all(self) -> None:
        """Read every node's label and every alignment at once (:meth:`__call__` then asks
        the store nothing): cheaper than a query per node once a report names hundreds."""
        self.names = self.kg.labels(self.lang)
        for row in self.kg.named_query("validation-alignments"):
            self.alignments.setdefault(row["a"], row)

    def __call__(self, node: Node) -> str:
        if node not in self.cache:
            self.cache[node] = self._label(node)
        return self.cache[node]

    def _label(self, node: Node) -> str:
        if isinstance(node, Literal):
            return str(node)
        if not isinstance(node, URIRef):
            return word("validation.blank", self.lang)
        if self.names is None:
            rows = self.kg.named_query("validation-alignments", bindings={"a": node})
            row = rows[0] if rows else None
        else:
            row = self.alignments.get(node)
        if row is not None and "of" in row:
            notation = str(row.get("notation", curie(cast(URIRef, row["sdg"]))))
            kind = word("sdg.target" if "." in notation else "sdg.goal", self.lang)
            return f"{self(row['of'])} → {kind} {notation}"
        if self.names is None:
            return self.kg.label(node, self.lang)
        name = self.names.get(node)
        return curie(node) if name is None else name

    def document_refs(self, node: Node) -> tuple[NodeRef, ...]:
        refs = []
        for doc in self.documents.get(node, ()):
            publishers = sorted(self(p) for p in self.publishers.get(doc, []))
            title = self(doc) + (f" ({', '.join(publishers)})" if publishers else "")
            refs.append(NodeRef(str(doc), title))
        return tuple(sorted(refs, key=lambda r: r.label))
