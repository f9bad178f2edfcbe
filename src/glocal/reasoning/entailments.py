"""Reading HermiT's and Pellet's output into inferred triples.

:mod:`glocal.reasoning.reason` runs the reasoner; this module only reads what it prints: HermiT's
functional-syntax axioms (``SubClassOf``, ``Type`` …) and Pellet's ``realize`` tree, and turns
them into the facts the graph does not state yet.

>>> parsed = parse_hermit("Type( <http://x/a> <http://x/C> )")
>>> sorted(parsed.types["http://x/a"])
['http://x/C']
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import OWL, RDF, Graph
from rdflib.term import URIRef

from glocal.namespaces import PREFIXES
from glocal.reasoning.explain import closure

__all__ = ["Parsed", "inferred_facts", "parse_hermit", "parse_pellet"]


_Expr = tuple[str, bool]  # (property IRI, inverse?)


@dataclass
class Parsed:
    """What one reasoner printed: the classification, each individual's types, the object
    property hierarchy and (Pellet only) the property values."""

    superclasses: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    superproperties: dict[_Expr, set[_Expr]] = field(default_factory=lambda: defaultdict(set))
    values: set[tuple[str, str, str]] = field(default_factory=set)
    unsatisfiable: set[URIRef] = field(default_factory=set)
    object_properties: bool = False  # whether ``values`` is complete (Pellet) or not (HermiT)


_AXIOM = re.compile(r"^(\w+)\( (.*) \)\s*$")
_TOKEN = re.compile(r"ObjectInverseOf\( <([^>]+)> \)|<([^>]+)>|(owl:\w+)")
_NOTHING = str(OWL.Nothing)
_THING = str(OWL.Thing)


def _tokens(body: str) -> list[_Expr]:
    found: list[_Expr] = []
    for inverse, iri, builtin in _TOKEN.findall(body):
        if inverse:
            found.append((inverse, True))
        elif iri:
            found.append((iri, False))
        else:
            found.append((str(OWL) + builtin[4:], False))
    return found


def parse_hermit(output: str) -> Parsed:
    """HermiT's axioms (``SubClassOf``, ``EquivalentClasses``, ``Type`` …), one a line."""
    parsed = Parsed()
    for line in output.splitlines():
        m = _AXIOM.match(line)
        if not m:
            continue
        kind, terms = m.group(1), _tokens(m.group(2))
        if kind == "SubClassOf" and len(terms) == 2:
            parsed.superclasses[terms[0][0]].add(terms[1][0])
        elif kind == "EquivalentClasses":
            iris = [t[0] for t in terms]
            if _NOTHING in iris:
                parsed.unsatisfiable |= {URIRef(i) for i in iris if i != _NOTHING}
            for a in iris:
                parsed.superclasses[a] |= {b for b in iris if b != a}
        elif kind == "Type" and len(terms) == 2:
            parsed.types[terms[0][0]].add(terms[1][0])
        elif kind == "SubObjectPropertyOf" and len(terms) == 2:
            parsed.superproperties[terms[0]].add(terms[1])
        elif kind == "EquivalentObjectProperties":
            for t in terms:
                parsed.superproperties[t] |= {u for u in terms if u != t}
    return parsed


_PELLET_LINE = re.compile(r"^(\s*)(\S.*?)(?: - \((.*)\))?\s*$")
_PROPINST = re.compile(r"^PROPINST: (\S+) (\S+) (\S+)$")


def parse_pellet(output: str) -> Parsed:
    """Pellet's ``realize`` tree (classes by indentation, their direct instances) and values."""
    parsed = Parsed(object_properties=True)
    stack: list[tuple[int, list[str]]] = []
    for line in output.splitlines():
        prop = _PROPINST.match(line)
        if prop:
            parsed.values.add((prop.group(1), prop.group(2), prop.group(3)))
            continue
        m = _PELLET_LINE.match(line)
        if not line.strip() or not m or line.startswith(("PROP", "DATA")):
            continue
        depth = len(m.group(1))
        classes = [c.strip() for c in m.group(2).split(" = ")]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if _NOTHING in classes:
            parsed.unsatisfiable |= {URIRef(c) for c in classes if c != _NOTHING}
        for c in classes:
            parsed.superclasses[c] |= {d for d in classes if d != c}
            if stack:
                parsed.superclasses[c] |= set(stack[-1][1])
        if m.group(3):
            for individual in m.group(3).split(", "):
                if "Anonymous Individual" not in individual:
                    parsed.types[individual.strip()] |= set(classes)
        stack.append((depth, classes))
    return parsed


def inferred_facts(graph: Graph, parsed: Parsed) -> Graph:
    """The facts the reasoner entails about the individuals that the graph does not state.

    Types: each individual's types from the reasoner, with all their superclasses in the
    reasoner's classification. Relations between named individuals: Pellet's property values;
    for HermiT (whose command line gives no property values) the asserted values lifted
    through the reasoner's object property hierarchy (sub-, equivalent and inverse properties).
    """
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    skip = {_THING, _NOTHING, str(OWL.NamedIndividual)}
    for individual, classes in parsed.types.items():
        node = URIRef(individual)
        for c in classes | closure(classes, parsed.superclasses):
            if c not in skip and (node, RDF.type, URIRef(c)) not in graph:
                out.add((node, RDF.type, URIRef(c)))
    if parsed.object_properties:
        values = parsed.values
    else:
        values = set()
        for expr in list(parsed.superproperties):
            prop = URIRef(expr[0])
            for s, o in graph.subject_objects(prop):
                if not isinstance(s, URIRef) or not isinstance(o, URIRef):
                    continue
                pair = (str(o), str(s)) if expr[1] else (str(s), str(o))
                for iri, inverse in closure([expr], parsed.superproperties):
                    a, b = (pair[1], pair[0]) if inverse else pair
                    values.add((a, iri, b))
    top = {str(OWL.topObjectProperty), str(OWL.bottomObjectProperty)}
    for si, pi, oi in values:
        triple = (URIRef(si), URIRef(pi), URIRef(oi))
        if pi not in top and triple not in graph:
            out.add(triple)
    return out
