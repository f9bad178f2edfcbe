"""The embedded store: pyoxigraph, in memory or on disk.

>>> backend = OxigraphBackend()
>>> backend.local_sparql, len(backend)
(True, 0)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node, URIRef

from glocal.errors import QueryError
from glocal.rdf.formats import load_file, parse_file
from glocal.rdf.terms import from_ox, from_tsv, to_ox
from glocal.store.backend import FileToLoad, Row

__all__ = ["OxigraphBackend"]


class OxigraphBackend:
    """The embedded store: in memory, or on disk when given a path."""

    local_sparql = True

    def __init__(self, path: str | Path | None = None) -> None:
        self._store = ox.Store(str(path)) if path is not None else ox.Store()
        self._on_disk = path is not None

    def add(self, quads: Sequence[ox.Quad]) -> None:
        self._store.extend(quads)

    def load_files(self, files: Sequence[FileToLoad],
                   advance: Callable[[float], None] | None = None) -> None:
        """Load each file into its named graph, all or none, at the parser's own speed.

        Files of triples stream straight into the store (on disk through the bulk loader);
        their graphs are new, so undoing a failed load is removing them. Files that carry named
        graphs are parsed first and added last, in one transaction.
        """
        datasets = [q for path, fmt, name in files if fmt.datasets
                    for q in parse_file(path, fmt, ox.NamedNode(str(name)))]
        loaded: list[ox.NamedNode] = []
        try:
            for path, fmt, name in files:
                if not fmt.datasets:
                    graph = ox.NamedNode(str(name))
                    loaded.append(graph)
                    load_file(self._store, path, fmt, graph, bulk=self._on_disk)
                    if advance is not None:
                        advance(path.stat().st_size)
            self._store.extend(datasets)
        except BaseException:
            for graph in loaded:
                self._store.remove_graph(graph)
            raise

    def _run(self, query: str) -> object:
        try:
            return self._store.query(query, use_default_graph_as_union=True)
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
        return [{name: from_tsv(cell)
                 for name, cell in zip(names, line.split("\t"), strict=True) if cell}
                for line in lines[1:-1]]

    def ask(self, query: str) -> bool:
        answer = self._run(query)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(answer)

    def construct(self, query: str) -> Graph:
        triples = self._run(query)
        if not isinstance(triples, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        for t in triples:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def quads_about(self, subject: Node) -> Iterator[ox.Quad]:
        return iter(self._store.quads_for_pattern(to_ox(subject), None, None, None))

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        self._store.flush()
        self._store = ox.Store()  # drop the on-disk store so its lock is released
