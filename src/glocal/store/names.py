"""Names to nodes: an IRI, a CURIE, an SDG code or a label in Swedish or English.

>>> import glocal
>>> kg = glocal.load()
>>> str(resolve(kg, "SDG 17.17"))
'http://metadata.un.org/sdg/17.17'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib.term import Literal, URIRef

from glocal.errors import AmbiguousNodeError, IRIError, NodeNotFoundError
from glocal.namespaces import SDG, as_iri, curie

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["resolve"]

_SDG_NAME = re.compile(r"(?:sdg|fn-mål|mål|delmål|goal|target)?\s*(\d{1,2}(?:\.[0-9a-z]{1,2})?)",
                       re.IGNORECASE)

def resolve(kg: KnowledgeGraph, name: str) -> URIRef:
    """The node ``name`` names: an IRI, a CURIE, an SDG code or a label (sv or en, any case).

    An SDG is named by its code (``"17.17"``, ``"SDG 17"``, ``"sdg:17"``). A label that names
    several nodes raises :class:`AmbiguousNodeError` listing them; a name the graph does not
    hold raises :class:`NodeNotFoundError` with near matches.
    """
    text = name.strip()
    code = _SDG_NAME.fullmatch(text)
    iri: URIRef | None = SDG[code.group(1).lower()] if code else None
    if iri is None:
        try:
            iri = as_iri(text)
        except IRIError:
            iri = None
    if iri is not None:
        if kg.ask("ASK WHERE { ?node ?p ?o }", bindings={"node": iri}):
            return iri
        raise NodeNotFoundError(text)
    rows = kg.named_query("names-matching", bindings={"needle": Literal(text.lower())})
    found = sorted({r["node"] for r in rows if isinstance(r["node"], URIRef)})
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousNodeError(text, tuple(f"{curie(n)} “{_short(kg.label(n))}”" for n in found))
    raise NodeNotFoundError(text, _suggestions(kg, text))


def _suggestions(kg: KnowledgeGraph, text: str, n: int = 5) -> tuple[str, ...]:
    import difflib

    names: dict[str, set[URIRef]] = {}
    for row in kg.named_query("names-all"):
        node, label = row["node"], str(row["label"])
        if isinstance(node, URIRef):
            names.setdefault(label.lower(), set()).add(node)
    needle = text.lower()
    close = [k for k in names if needle in k]
    close.sort(key=lambda k: (len(k), k))
    close += difflib.get_close_matches(needle, list(names), n=n, cutoff=0.6)
    out: dict[URIRef, str] = {}
    for key in close:
        for node in sorted(names[key]):
            out.setdefault(node, f"{curie(node)} “{_short(kg.label(node))}”")
    return tuple(list(out.values())[:n])


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
