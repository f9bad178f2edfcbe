"""The choices and defaults that the API's keywords, the facade on ``KnowledgeGraph`` and the
``glocal`` command's flags share, defined once (a test checks that each facade method's
signature is its function's).

>>> ENGINES, REASONERS
(('auto', 'pyshacl', 'sparql'), ('hermit', 'pellet'))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

__all__ = [
    "ENDPOINT",
    "ENGINES",
    "MAX_PATHS",
    "REASONERS",
    "REASONER_MAX_TRIPLES",
    "REASONER_TIMEOUT",
    "VALIDATION_TIMEOUT",
    "EndpointDefaults",
    "Engine",
    "Reasoner",
]

#: The SHACL engines: ``auto`` (the SPARQL engine when it compiles every shape and the graph is
#: embedded, else pySHACL), ``pyshacl`` (the reference) or ``sparql`` (glocal's own).
Engine = Literal["auto", "pyshacl", "sparql"]
ENGINES: Final[tuple[Engine, ...]] = ("auto", "pyshacl", "sparql")

#: The OWL reasoners owlready2 bundles.
Reasoner = Literal["hermit", "pellet"]
REASONERS: Final[tuple[Reasoner, ...]] = ("hermit", "pellet")
#: Seconds a reasoner may run before its Java process is killed.
REASONER_TIMEOUT: Final = 120.0
#: Triples (ontology + SDGs + data) above which reasoning is refused: see docs/reasoning.md.
REASONER_MAX_TRIPLES: Final = 150_000

#: Paths a trace or a contributors call lists at most (``truncated`` says when there are more).
MAX_PATHS: Final = 10_000

#: Seconds ``glocal validate`` gives the checks by default before it stops them.
VALIDATION_TIMEOUT: Final = 300.0


@dataclass(frozen=True, slots=True)
class EndpointDefaults:
    """The defaults of ``glocal serve``'s limits (``glocal.serve.app.Settings`` and the
    command's flags both take theirs from here)."""

    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0  # seconds one query may run before its worker is killed
    max_results: int = 10_000  # rows of a SELECT, triples of a CONSTRUCT or DESCRIBE
    max_response_bytes: int = 16 * 1024 * 1024
    max_query_bytes: int = 64 * 1024
    workers: int = 2  # worker processes, so queries running at once


ENDPOINT: Final = EndpointDefaults()
