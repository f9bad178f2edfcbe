"""Find glocal's bundled ontology, shapes, data and queries, installed or in a checkout.

In a wheel the RDF artefacts live in ``glocal/_bundled/``; in a source checkout they are the
top-level ``ontology/``, ``shapes/`` and ``data/`` folders. Callers never care which.

>>> ontology_file().name
'glocal.ttl'
>>> sdg_file().name
'sdg.ttl'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from glocal.errors import QueryError

__all__ = [
    "data_files",
    "ontology_file",
    "query_file",
    "query_names",
    "read_query",
    "root",
    "sdg_file",
    "shape_files",
]

_PACKAGE = Path(str(resources.files("glocal")))


@cache
def root() -> Path:
    """The folder holding ``ontology/``, ``shapes/`` and ``data/``."""
    bundled = _PACKAGE / "_bundled"
    if (bundled / "ontology").is_dir():
        return bundled
    checkout = _PACKAGE.parent.parent
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError(  # a broken install, not a user mistake
        "glocal's bundled ontology is missing: reinstall the package"
    )


def ontology_file() -> Path:
    """The glocal ontology, ``ontology/glocal.ttl``."""
    return root() / "ontology" / "glocal.ttl"


def sdg_file() -> Path:
    """The UN SDG reference graph, ``data/sdg.ttl``."""
    return root() / "data" / "sdg.ttl"


def data_files() -> list[Path]:
    """The bundled documents and shared actors: ``data/*.ttl`` except the SDG graph."""
    return sorted(p for p in (root() / "data").glob("*.ttl") if p.name != "sdg.ttl")


def shape_files() -> list[Path]:
    """The bundled SHACL shapes, ``shapes/*.ttl``."""
    return sorted((root() / "shapes").glob("*.ttl"))


def query_names() -> list[str]:
    """The names of the named queries in ``glocal/queries/``."""
    return sorted(p.stem for p in (_PACKAGE / "queries").glob("*.rq"))


def query_file(name: str) -> Path:
    """The file of the named query ``name``."""
    path = _PACKAGE / "queries" / f"{name}.rq"
    if not path.is_file():
        raise QueryError(f"there is no named query {name!r}", name=name)
    return path


@cache
def read_query(name: str) -> str:
    """The text of the named query ``name`` (read once: the bundled queries do not change)."""
    return query_file(name).read_text(encoding="utf-8")
