"""glocal: Swedish municipal governing documents on international work and Agenda 2030 as a
knowledge graph that can be checked, queried and traced.

>>> import glocal
>>> kg = glocal.load()               # the ontology, the SDGs and the bundled documents
>>> len(kg) > 5_000
True

The names below load on first use, so ``glocal --help`` starts without rdflib or pyoxigraph.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glocal.errors import (
        AmbiguousNodeError,
        EncodingError,
        ForbiddenQueryError,
        GlocalError,
        InputError,
        NodeNotFoundError,
        QueryError,
        RDFSyntaxError,
        UnknownFormatError,
    )
    from glocal.store.graph import KnowledgeGraph, Row, load
    from glocal.store.graph import open_store as open
    from glocal.store.remote import connect

try:
    __version__ = version("glocal")
except PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0.0.0+unknown"

_LAZY = {
    "AmbiguousNodeError": ("errors", "AmbiguousNodeError"),
    "EncodingError": ("errors", "EncodingError"),
    "ForbiddenQueryError": ("errors", "ForbiddenQueryError"),
    "GlocalError": ("errors", "GlocalError"),
    "InputError": ("errors", "InputError"),
    "NodeNotFoundError": ("errors", "NodeNotFoundError"),
    "QueryError": ("errors", "QueryError"),
    "RDFSyntaxError": ("errors", "RDFSyntaxError"),
    "UnknownFormatError": ("errors", "UnknownFormatError"),
    "KnowledgeGraph": ("store.graph", "KnowledgeGraph"),
    "Row": ("store.graph", "Row"),
    "load": ("store.graph", "load"),
    "open": ("store.graph", "open_store"),
    "connect": ("store.remote", "connect"),
}

__all__ = [
    "AmbiguousNodeError",
    "EncodingError",
    "ForbiddenQueryError",
    "GlocalError",
    "InputError",
    "KnowledgeGraph",
    "NodeNotFoundError",
    "QueryError",
    "RDFSyntaxError",
    "Row",
    "UnknownFormatError",
    "__version__",
    "connect",
    "load",
    "open",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'glocal' has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
