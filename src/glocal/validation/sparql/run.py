"""Running the compiled checks on the store: the sh:ValidationReport graph, as pySHACL builds it.

:func:`run` sends each query of a :class:`~glocal.shacl.Compiled` to the embedded store and
turns its rows into ``sh:ValidationResult`` nodes: focus node, path, value, severity, source
shape and component, and the shape's messages or pySHACL's own default ones. Those show nodes
as pySHACL's ``stringify_node`` does; the caller passes it in (``stringify``), since only
:mod:`glocal.validation.validate` imports pySHACL.

>>> bad_filter([Literal("1.5", datatype=XSD.integer)], "?value")
'!(sameTerm(?value, "1.5"^^<http://www.w3.org/2001/XMLSchema#integer>))'
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from datetime import time as clock
from decimal import Decimal
from typing import TYPE_CHECKING

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import BNode, Node

from glocal.namespaces import PREFIXES
from glocal.namespaces import SHACL as SH
from glocal.validation.paths import Unsupported, copy_node, generic_message
from glocal.validation.sparql.compile import Compiled, _Check

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = ["Stringify", "bad_filter", "run"]

#: pySHACL's ``stringify_node(graph, node)``: a node of ``graph`` as its messages show it.
Stringify = Callable[[Graph, Node], str]

_ACTUAL: dict[URIRef, type | tuple[type, ...]] = {
    XSD.integer: int, XSD.float: float, XSD.decimal: Decimal, XSD.boolean: bool,
    XSD.date: date, XSD.time: clock, XSD.dateTime: datetime}
_BOOLEANS = frozenset({"true", "false", "1", "0"})
_BAD = re.compile(r"@@BAD:([^|@]+)\|(\?[A-Za-z0-9_]+)@@")


def run(compiled: Compiled, kg: KnowledgeGraph, stringify: Stringify,
        deadline: float | None = None,
        on_timeout: Callable[[], Exception] | None = None,
        advance: Callable[[], None] | None = None, subjects: str | None = None) -> Graph:
    """The ``sh:ValidationReport`` graph of ``kg`` against the compiled shapes; ``advance`` is
    called after each check (``compiled.checks``). ``subjects``, a group binding ``?this``,
    limits the search for ill-typed literals to those nodes' values (a scoped run whose
    datatype checks look no further: :func:`glocal.validation.scope.one_hop`)."""
    if not kg.backend.local_sparql:
        raise Unsupported("the SPARQL engine runs on the embedded store only")
    bad = _ill_typed(compiled, kg, subjects)
    out = Graph(store="SimpleMemory")  # no contexts: adds and N-Triples out are 1.3–2× faster
    report = BNode()
    out.add((report, RDF.type, SH.ValidationReport))
    strings = _Strings(kg, compiled.g, stringify)
    violated = False
    for check in compiled.checks:
        if deadline is not None and time.monotonic() > deadline and on_timeout is not None:
            raise on_timeout()
        query = _BAD.sub(lambda m: bad_filter(bad.get(m.group(1), ()), m.group(2)),
                         check.query)
        fixed = _Fixed(compiled.g, check)
        for row in kg.query(query):
            for result in _results(fixed, check, row, strings):
                violated |= fixed.violation
                out.add((report, SH.result, result[0]))
                for triple in result[1]:
                    out.add(triple)
        if advance is not None:
            advance()
    out.add((report, SH.conforms, Literal(not violated)))
    return out


def _ill_typed(compiled: Compiled, kg: KnowledgeGraph,
               subjects: str | None = None) -> dict[str, list[Literal]]:
    """For each datatype the shapes check, the literals pySHACL counts as not of it (of the
    ``subjects`` only, if given)."""
    if not compiled.datatypes:
        return {}
    listed = ", ".join(d.n3() for d in sorted(compiled.datatypes))
    out: dict[str, list[Literal]] = {}
    start = "?s" if subjects is None else f"{subjects} ?this"
    # the lexical form as the store has it (STR), not as a term conversion may rewrite it
    for row in kg.query(f"SELECT DISTINCT ?v (STR(?v) AS ?lexical) WHERE {{ {start} ?p ?v "
                        f"FILTER(isLiteral(?v) && datatype(?v) IN ({listed})) }}"):
        v, lexical = row["v"], str(row["lexical"])
        if isinstance(v, Literal) and v.datatype is not None:
            actual = _ACTUAL.get(v.datatype)
            if v.ill_typed is True or (actual is not None and not isinstance(v.value, actual)) \
                    or (v.datatype == XSD.boolean and lexical not in _BOOLEANS):
                out.setdefault(str(v.datatype), []).append(
                    Literal(lexical, datatype=v.datatype, normalize=False))
    return out


class _Fixed:
    """What every result of one check shares: read from the shapes once, not once a row."""

    __slots__ = ("copies", "g", "messages", "path", "path_triples", "severity", "violation")

    def __init__(self, g: Graph, check: _Check) -> None:
        self.g = g
        self.copies: set[Node] = set()  # the paths whose description the report has
        severity = g.value(check.shape, SH.severity)
        self.violation = severity in (None, SH.Violation)
        self.severity = severity or SH.Violation
        self.path = g.value(check.shape, SH.path)
        self.path_triples = self.copied(self.path)
        own = [m for m in g.objects(check.shape, SH.message) if isinstance(m, Literal)]
        self.messages = own if own and check.kind != "sparql" else None

    def copied(self, path: Node | None) -> list[tuple[Node, Node, Node]]:
        """The triples of a path's blank-node description."""
        if path is None:
            return []
        copied = Graph()
        copy_node(self.g, path, copied)
        return list(copied)


def _results(fixed: _Fixed, check: _Check, row: dict[str, Node],
             strings: _Strings) -> Iterator[tuple[BNode, list[tuple[Node, Node, Node]]]]:
    shape = check.shape
    focus = row["this"]
    path_node = fixed.path
    value: Node | None = row.get("value")
    if check.kind == "value" and path_node is None:
        value = focus
    elif check.kind == "focus":
        value = None
    extra: dict[str, Node] = {}
    if check.kind == "sparql":
        extra = {k: v for k, v in row.items() if k not in ("this", "path", "value")}
        if value is None and path_node is None:
            value = focus
        if row.get("path") is not None:
            path_node = row["path"]
    r = BNode()
    triples: list[tuple[Node, Node, Node]] = [
        (r, RDF.type, SH.ValidationResult),
        (r, SH.sourceConstraintComponent, check.component),
        (r, SH.sourceShape, shape),
        (r, SH.resultSeverity, fixed.severity),
        (r, SH.focusNode, focus)]
    if value is not None:
        triples.append((r, SH.value, value))
    if path_node is not None:
        triples.append((r, SH.resultPath, path_node))
        if path_node not in fixed.copies:  # the same blank nodes: once is enough
            fixed.copies.add(path_node)
            triples.extend(fixed.path_triples if path_node == fixed.path
                           else fixed.copied(path_node))
    if check.sparql is not None:
        triples.append((r, SH.sourceConstraint, check.sparql))
    messages = fixed.messages if fixed.messages is not None else _messages(
        fixed.g, check, focus, value, row, extra, strings)
    for message in messages:
        triples.append((r, SH.resultMessage, message))
    yield r, triples


def _messages(g: Graph, check: _Check, focus: Node, value: Node | None, row: dict[str, Node],
              extra: dict[str, Node], strings: _Strings) -> list[Literal]:
    own = [m for m in g.objects(check.shape, SH.message) if isinstance(m, Literal)]
    if check.kind != "sparql":
        if own:
            return own
        path = g.value(check.shape, SH.path)
        return [generic_message(check.component, g, check.shape, path, check.parameter,
                                focus, value, strings.data, strings.shape)]
    bound: dict[str, Node] = dict(extra)
    for key, term in (("this", focus), ("path", row.get("path")), ("value", value)):
        if term is not None:
            bound[key] = term
    out = []
    extras = [m for m in g.objects(check.sparql, SH.message) if isinstance(m, Literal)]
    for m in [*(m for m in extras if m not in own), *own]:
        text = str(m.value) if isinstance(m.value, str) else str(m)
        for var, val in bound.items():
            text = re.sub("{[?$]" + var + "}", str(val), text)
        out.append(Literal(text))
    return out


def bad_filter(literals: list[Literal] | tuple[()], x: str) -> str:
    """``true``, or an expression excluding each listed literal."""
    if not literals:
        return "true"
    return "!(" + " || ".join(f"sameTerm({x}, {v.n3()})" for v in literals) + ")"


class _Strings:
    """Nodes as pySHACL's default messages show them: ``stringify`` over the data or shapes."""

    def __init__(self, kg: KnowledgeGraph, shapes: Graph, stringify: Stringify) -> None:
        self.kg = kg
        self.shapes = shapes
        self.stringify = stringify
        self.graph = Graph()
        for prefix, ns in PREFIXES.items():
            self.graph.bind(prefix, ns)
        self.fetched: set[Node] = set()

    def _fetch(self, node: Node, depth: int = 0) -> None:
        if not isinstance(node, BNode) or node in self.fetched or depth > 12:
            return
        from glocal.rdf.terms import from_ox

        self.fetched.add(node)
        for q in self.kg.backend.quads_about(node):
            o = from_ox(q.object)
            self.graph.add((node, from_ox(q.predicate), o))
            self._fetch(o, depth + 1)

    def data(self, node: Node) -> str:
        self._fetch(node)
        return self.stringify(self.graph, node)

    def shape(self, node: Node) -> str:
        return self.stringify(self.shapes, node)
