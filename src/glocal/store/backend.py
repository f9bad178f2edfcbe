"""The ``Backend`` protocol: where the triples live, behind :class:`~glocal.KnowledgeGraph`.

Two backends ship: the embedded pyoxigraph store (:mod:`glocal.store.embedded`, in memory or on
disk) and any SPARQL 1.1 store over HTTP (:mod:`glocal.store.remote`). The graph talks to them
only through this protocol, so a wrapped or new backend works everywhere the graph does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rdflib.term import Literal, Node, URIRef

if TYPE_CHECKING:
    import pyoxigraph as ox
    from rdflib import Graph, URIRef

    from glocal.rdf.formats import Format

__all__ = ["Backend", "FileToLoad", "Row"]

#: One SELECT solution: variable names (without ``?``) to rdflib terms.
Row = dict[str, Node]
#: A file to load, its format and the named graph it loads into.
FileToLoad = tuple[Path, "Format", "URIRef"]


class Backend(Protocol):
    """Where the triples live. Queries arrive checked and with their values bound."""

    #: Whether glocal's own SHACL engine may run here: the store evaluates SPARQL in process
    #: with pyoxigraph's semantics (the embedded store), so set-wise checks are fast and exact.
    local_sparql: bool

    def add(self, quads: Sequence[ox.Quad]) -> None:
        """Add every quad or none."""

    def load_files(self, files: Sequence[FileToLoad],
                   advance: Callable[[float], None] | None = None) -> None:
        """Load each file into its named graph, all or none; ``advance`` gets bytes read."""

    def select(self, query: str) -> list[Row]:
        """The solutions of a SELECT query."""

    def ask(self, query: str) -> bool:
        """The answer of an ASK query."""

    def construct(self, query: str) -> Graph:
        """The triples of a CONSTRUCT or DESCRIBE query, as a fresh rdflib graph."""

    def graphs(self) -> list[URIRef]:
        """The named graphs, sorted."""

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad."""

    def quads_about(self, subject: Node) -> Iterator[ox.Quad]:
        """Every quad whose subject is ``subject`` (an IRI or one of the store's blank nodes)."""

    def rewritten_literals(self) -> int:
        """How many literals the store keeps in another form than they were given (0 where
        it cannot tell); :meth:`quads` gives them back as given."""

    def rewritten_forms(self) -> list[tuple[URIRef, Literal, tuple[Literal, ...]]]:
        """Each literal the store keeps in another form, once: its property, the form kept,
        the forms given to one subject and property (empty where it cannot tell)."""

    def __len__(self) -> int:
        """The number of quads."""

    def close(self) -> None:
        """Flush and release the store."""
