"""The embedded store: pyoxigraph, in memory or on disk.

>>> backend = OxigraphBackend()
>>> backend.local_sparql, len(backend)
(True, 0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Literal, Node, URIRef

from glocal.errors import QueryError
from glocal.namespaces import GRAPH
from glocal.rdf import sparql
from glocal.rdf.formats import Format, lang_tag_warning, load_file, parse_file
from glocal.rdf.terms import add_ox, from_ox, from_tsv, to_ox
from glocal.store.backend import FileToLoad, Row
from glocal.store.lexical import Lexical, canonical, may_rewrite, merged_warning

__all__ = ["OxigraphBackend", "rewrites"]


class OxigraphBackend:
    """The embedded store: in memory, or on disk when given a path."""

    local_sparql = True

    def __init__(self, path: str | Path | None = None) -> None:
        self._store = ox.Store(str(path)) if path is not None else ox.Store()
        self._on_disk = path is not None
        self._lexical = Lexical(path)
        self._terms: dict[Node, Node] | None = None

    def add(self, quads: Sequence[ox.Quad]) -> None:
        self._note(quads)
        self._store.extend(quads)

    def _note(self, quads: Sequence[ox.Quad]) -> dict[ox.Quad, tuple[ox.Quad, ...]]:
        found = self._lexical.note(quads, self._store.__contains__)
        if found:
            self._terms = None
        return found

    def rewritten_literals(self) -> int:
        """How many literals the store keeps in another form than they were given (each is
        given back as it was: by :meth:`quads`, and so by ``kg.dump`` and ``kg.to_rdflib``)."""
        return len(self._lexical)

    def rewritten_forms(self) -> list[tuple[URIRef, Literal, tuple[Literal, ...]]]:
        def graphs(quad: ox.Quad) -> int:
            return sum(1 for _ in self._store.quads_for_pattern(quad.subject, quad.predicate,
                                                                 quad.object, None))

        terms: dict[object, Node] = {}  # a national graph has a million: each term once

        def term(node: ox.NamedNode | ox.Literal) -> Any:
            found = terms.get(node)
            if found is None:
                found = terms[node] = from_ox(node)
            return found

        return [(term(p), term(kept), tuple(term(g) for g in given))
                for p, kept, given in self._lexical.forms(graphs)]

    def _load_given(self, path: Path, fmt: Format, graph: ox.NamedNode) -> bool:
        """Load ``path`` from its parsed quads if it may hold a literal the store rewrites
        (remembering those as given); False if it holds none, to be loaded at full speed."""
        try:
            data = path.read_bytes()
        except OSError:
            return False  # the loader names the error
        lang_tag_warning(str(path), data, fmt.name)
        if not may_rewrite(data, fmt.name):
            return False
        quads = parse_file(path, fmt, graph)
        merged_warning(str(path), data, self._note(quads))
        if self._on_disk:
            self._store.bulk_extend(quads)
        else:
            self._store.extend(quads)
        return True

    def load_files(self, files: Sequence[FileToLoad],
                   advance: Callable[[float], None] | None = None) -> None:
        """Load each file into its named graph, all or none, at the parser's own speed.

        Files of triples stream straight into the store (on disk through the bulk loader);
        their graphs are new, so undoing a failed load is removing them. Files that carry named
        graphs are parsed first and added last, in one transaction.
        """
        datasets = [q for path, fmt, name in files if fmt.datasets
                    for q in self._parse_dataset(path, fmt, name)]
        loaded: list[ox.NamedNode] = []
        try:
            for path, fmt, name in files:
                if not fmt.datasets:
                    graph = ox.NamedNode(str(name))
                    loaded.append(graph)
                    if not self._load_given(path, fmt, graph):
                        load_file(self._store, path, fmt, graph, bulk=self._on_disk)
                    if advance is not None:
                        advance(path.stat().st_size)
            self._note(datasets)
            self._store.extend(datasets)
        except BaseException:
            for graph in loaded:
                self._store.remove_graph(graph)
                self._lexical.forget(graph)
            raise

    @staticmethod
    def _parse_dataset(path: Path, fmt: Format, name: URIRef) -> list[ox.Quad]:
        quads = parse_file(path, fmt, ox.NamedNode(str(name)), reserved=str(GRAPH))
        lang_tag_warning(str(path), path.read_bytes(), fmt.name)
        return quads

    def _run(self, query: str) -> object:
        # the default graph is the union of every graph, unless the query names its dataset
        union = not sparql.names_dataset(query)
        try:
            return self._store.query(query, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise QueryError(f"the query does not parse: {exc.msg}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def select(self, query: str) -> list[Row]:
        solutions = self._run(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("not a SELECT query: use ask() or construct()")
        # The store writes the results as SPARQL TSV in one call, and each distinct cell
        # becomes an rdflib term once: 4x faster than converting term objects one by one.
        try:
            data = solutions.serialize(format=ox.QueryResultsFormat.TSV) or b""
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc
        lines = data.decode("utf-8").split("\n")
        if not lines[0]:  # no variables: one empty row per solution
            return [{} for _ in lines[1:-1]]
        names = [name[1:] for name in lines[0].split("\t")]
        rows = [{name: from_tsv(cell)
                 for name, cell in zip(names, line.split("\t"), strict=True) if cell}
                for line in lines[1:-1]]
        terms = self._given_terms()
        if terms:
            rows = [{k: terms.get(v, v) for k, v in row.items()} for row in rows]
        return rows

    def _given_terms(self) -> dict[Node, Node]:
        """Canonical literal → the form it was given in, where that is certain."""
        if self._terms is None:
            uses = self._store.quads_for_pattern
            self._terms = {from_ox(k): from_ox(v) for k, v in self._lexical.terms(
                lambda kept: sum(1 for _ in uses(None, None, kept, None))).items()}
        return self._terms

    def ask(self, query: str) -> bool:
        answer = self._run(query)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def construct(self, query: str) -> Graph:
        triples = self._run(query)
        if not isinstance(triples, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        return add_ox(Graph(), self._lexical.restore_triples(triples))

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        return self._lexical.restore(iter(self._store))

    def quads_about(self, subject: Node) -> Iterator[ox.Quad]:
        return self._lexical.restore(
            iter(self._store.quads_for_pattern(to_ox(subject), None, None, None)))

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        self._store.flush()
        self._store = ox.Store()  # drop the on-disk store so its lock is released
        self._lexical, self._terms = Lexical(), None


def rewrites(terms: Iterable[Node]) -> int:
    """How many of ``terms`` (the constants a shapes graph compares data with, say) are typed
    literals the store would keep in another form, so that its SPARQL would compare other
    terms than those given."""
    literals = [to_ox(o) for o in set(terms) if isinstance(o, Literal) and o.datatype]
    return sum(a != b for a, b in zip(literals, canonical(literals), strict=True))
