"""Whether the store's rewriting of literals can change what the shapes find.

The store keeps a typed literal in canonical form (``"5"^^xsd:nonNegativeInteger`` as
``"5"^^xsd:integer``, docs/sparql.md, "Literals"), and glocal's SPARQL engine asks the store,
so it sees the canonical form where pySHACL sees the literal as given. Most rewritten literals
are of that kind, on a property whose shapes only count its values and test each value's
datatype, as the offsets of an imported quote (``oa:start``, ``oa:end``) are. This module says
when the engine's answer is the same as pySHACL's for sure (:func:`why_not` gives None), and
otherwise why not; then ``validate(engine="auto")`` runs pySHACL, as before.

It errs only towards pySHACL. The engine runs when all of these hold:

- no two forms of one value on one subject and property merged into one triple (a count
  would differ);
- each property carrying a rewritten literal appears in the shapes only as the whole
  ``sh:path`` of property shapes (not in a longer path, a target, ``sh:equals``, a value
  list), and is neither ``rdf:type`` nor ``rdfs:subClassOf`` (which the compiled targets and
  class tests read);
- no ``sh:select`` (a SPARQL constraint or target) can read that property: each is parsed,
  and one that names it, has a variable or a negated property as a predicate, or does not
  parse, counts as reading it;
- each of those property shapes has only counts and value tests (``sh:datatype``,
  ``sh:nodeKind``, ``sh:in``, ``sh:class``, ``sh:languageIn``, ``sh:or``, ``sh:not`` of
  those, ``sh:hasValue``, ``sh:uniqueLang``), and its value tests pass on every literal both
  as given and as kept (a failing test would report the value in the store's form).

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import XSD
>>> shapes = Graph().parse(format="turtle", data='''
...     @prefix sh: <http://www.w3.org/ns/shacl#> .
...     @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
...     <urn:s> sh:targetClass <urn:C> ; sh:property [ sh:path <urn:start> ; sh:maxCount 1 ;
...         sh:or ( [ sh:datatype xsd:nonNegativeInteger ] [ sh:datatype xsd:integer ] ) ] .''')
>>> given = Literal("5", datatype=XSD.nonNegativeInteger)
>>> kept = Literal("5", datatype=XSD.integer)
>>> why_not(shapes, [(URIRef("urn:start"), kept, (given,))]) is None
True
>>> shape = next(shapes.objects(None, SH.property))
>>> _ = shapes.remove((shape, SH["or"], None)).add((shape, SH.datatype, XSD.nonNegativeInteger))
>>> print(why_not(shapes, [(URIRef("urn:start"), kept, (given,))]))
a value test of urn:start does not pass on both "5"^^xsd:nonNegativeInteger and "5"^^xsd:integer
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import BNode, Node, Variable

from glocal.namespaces import curie
from glocal.validation.sparql.compile import Unsupported, prefixes

__all__ = ["Rewritten", "why_not"]

#: A rewritten literal: its property, the form the store keeps, the forms it was given in.
Rewritten = tuple[URIRef, Literal, tuple[Literal, ...]]

# what a property shape on a rewritten property may say besides its path: counts, value
# tests, and words for people
_COUNTS = frozenset((SH.minCount, SH.maxCount, SH.uniqueLang))
_VALUE_TESTS = frozenset((SH.datatype, SH.nodeKind, SH["in"], SH["class"], SH.languageIn,
                          SH["or"], SH["not"]))
_ABOUT = frozenset((RDF.type, SH.path, SH.severity, SH.message, SH.name, SH.description,
                    SH.group, SH.order, SH.deactivated, RDFS.label, RDFS.comment,
                    SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                    SH.target))
_LITERAL_KINDS = frozenset((SH.Literal, SH.BlankNodeOrLiteral, SH.IRIOrLiteral))


def why_not(shapes: Graph, rewritten: Iterable[Rewritten]) -> str | None:
    """None if the engine finds on the store what pySHACL finds on the data as given, for sure;
    else the first reason it may not (see the module's text)."""
    # a value test answers alike on literals of one datatype and validity, unless a literal
    # of the shapes may be the same value: one pair of each kind is tried, those others each
    constants = {o for o in shapes.objects() if isinstance(o, Literal)}
    values = {_value(o) for o in constants}
    by_property: dict[URIRef, list[tuple[Literal, Literal]]] = {}
    tried: set[object] = set()
    for predicate, kept, given in rewritten:
        if len(given) != 1:
            return f"{len(given)} forms of one value of {curie(predicate)} are one triple"
        form = given[0]
        kind: object = (predicate, form.datatype, form.ill_typed, kept.datatype, kept.ill_typed)
        if any(t in constants or _value(t) in values for t in (form, kept)):
            kind = (predicate, form, kept)
        if kind not in tried:
            tried.add(kind)
            by_property.setdefault(predicate, []).append((form, kept))
    if not by_property:
        return None
    readers = _select_readers(shapes)
    for predicate, pairs in by_property.items():
        reason = _why_not_property(shapes, predicate, pairs, readers)
        if reason is not None:
            return reason
    return None


def _why_not_property(shapes: Graph, predicate: URIRef, pairs: Sequence[tuple[Literal, Literal]],
                      readers: set[URIRef] | None) -> str | None:
    name = curie(predicate)
    if predicate in (RDF.type, RDFS.subClassOf):
        return f"{name} is read by every class test"
    if readers is None or predicate in readers:
        return f"a SPARQL query of the shapes may read {name}"
    held = [(s, p) for s, p in shapes.subject_predicates(predicate)]
    if any(p != SH.path for _, p in held):
        return f"the shapes use {name} otherwise than as a property shape's path"
    for shape, _ in held:
        for parameter, value in shapes.predicate_objects(shape):
            if parameter in _ABOUT or parameter in _COUNTS:
                continue
            if parameter == SH.hasValue:
                if any(value in pair or _same_value(value, pair[0]) for pair in pairs):
                    return f"sh:hasValue {value.n3()} of {name} may match one form only"
                continue
            if parameter not in _VALUE_TESTS:
                return f"{curie(URIRef(str(parameter)))} on {name} may see the two forms apart"
            for given, kept in pairs:
                found = (_passes(shapes, parameter, value, given),
                         _passes(shapes, parameter, value, kept))
                if None in found or found != (True, True):
                    return (f"a value test of {name} does not pass on both {_n3(given)} "
                            f"and {_n3(kept)}")
    return None


def _value(literal: Literal) -> object:
    """A literal's value, to compare with the shapes' (itself where it has none or cannot be
    hashed)."""
    value = literal.toPython()
    try:
        hash(value)
    except TypeError:
        return literal
    return value


def _n3(literal: Literal) -> str:
    return f'"{literal}"^^{curie(literal.datatype)}' if literal.datatype else literal.n3()


def _same_value(value: Node, literal: Literal) -> bool:
    if not isinstance(value, Literal):
        return False
    try:
        return bool(value.eq(literal))
    except TypeError:
        return False


def _passes(shapes: Graph, parameter: Node, value: Node, literal: Literal) -> bool | None:
    """Whether the value test ``parameter value`` passes on ``literal``; None if not known."""
    if parameter == SH.datatype:
        return literal.datatype == value and not literal.ill_typed
    if parameter == SH.nodeKind:
        return value in _LITERAL_KINDS
    if parameter in (SH["class"], SH.languageIn):
        return False  # a typed literal is no instance and has no language tag
    if parameter == SH["in"]:
        members = _members(shapes, value)
        if members is None or any(_same_value(m, literal) for m in members):
            return None  # one form may be in the list and not the other: not decided here
        return any(m == literal for m in members)
    if parameter in (SH["or"], SH["not"]):
        shapes_of = [value] if parameter == SH["not"] else _members(shapes, value)
        if shapes_of is None:
            return None
        each = [_shape_passes(shapes, s, literal) for s in shapes_of]
        if None in each:
            return None
        return (not each[0]) if parameter == SH["not"] else any(each)
    return None


def _shape_passes(shapes: Graph, shape: Node, literal: Literal) -> bool | None:
    """Whether ``literal`` conforms to the node shape ``shape`` of value tests only."""
    result = True
    for parameter, value in shapes.predicate_objects(shape):
        if parameter in _ABOUT:
            continue
        passed = _passes(shapes, parameter, value, literal) if parameter in _VALUE_TESTS else None
        if passed is None:
            return None
        result = result and passed
    return result


def _members(shapes: Graph, head: Node) -> list[Node] | None:
    if not isinstance(head, BNode | URIRef):
        return None
    return list(Collection(shapes, head)) if head != RDF.nil else []


def _select_readers(shapes: Graph) -> set[URIRef] | None:
    """The properties the shapes' ``sh:select`` queries may read; None: any property."""
    out: set[URIRef] = set()
    for node, text in shapes.subject_objects(SH.select):
        try:
            declared = tuple(sorted(prefixes(shapes, node).items()))
        except Unsupported:  # declarations the engine refuses: read as "any"
            return None
        found = _reads(str(text), declared)
        if found is None:
            return None
        out |= found
    return out


@lru_cache(maxsize=256)
def _reads(text: str, prefixes: tuple[tuple[str, str], ...]) -> frozenset[URIRef] | None:
    """The properties a SELECT query reads; None if it may read any (a variable or negated
    property) or if rdflib cannot parse it."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        query = prepareQuery(text, initNs=dict(prefixes))
    except Exception:  # rdflib's grammar is not the store's: read as "any"
        return None
    found: set[URIRef] = set()
    for predicate in _predicates(query.algebra):
        if not isinstance(predicate, URIRef):
            return None
        found.add(predicate)
    return frozenset(found)


def _predicates(part: object) -> Iterator[object]:
    """Every predicate of the triple patterns in rdflib's algebra ``part``; a property path
    gives its properties, a negated one (``!p``: any other property) a variable."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
    from rdflib.plugins.sparql.parserutils import CompValue

    todo = [part]
    while todo:
        item = todo.pop()
        if isinstance(item, CompValue):
            for key, value in item.items():
                if key == "triples" and isinstance(value, list):
                    todo.extend(("triple", t) for t in value)
                else:
                    todo.append(value)
        elif isinstance(item, tuple) and len(item) == 2 and item[0] == "triple":
            triple = item[1]
            todo.append(("path", triple[1]) if len(triple) == 3 else Variable("any"))
        elif isinstance(item, tuple) and len(item) == 2 and item[0] == "path":
            path = item[1]
            if isinstance(path, NegatedPath):
                yield Variable("negated")
            elif isinstance(path, InvPath | MulPath):
                todo.append(("path", path.arg if isinstance(path, InvPath) else path.path))
            elif isinstance(path, SequencePath | AlternativePath):
                todo.extend(("path", p) for p in path.args)
            else:
                yield path
        elif isinstance(item, list | tuple):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
