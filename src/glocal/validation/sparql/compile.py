"""A SHACL engine over the embedded store: shapes compiled to SPARQL, results as pySHACL's.

pySHACL is glocal's reference engine (:mod:`glocal.validation.validate`); it walks an in-memory
rdflib
copy of the graph focus node by focus node, which is slow at national scale. This engine
compiles the shapes graph into SPARQL queries run by the embedded pyoxigraph store through
``kg.query``: one query per shape and constraint, set-wise over all focus nodes (``FILTER NOT
EXISTS`` or ``MINUS`` for ``sh:minCount 1``, see ``Compiled._lacking``; ``GROUP BY … HAVING``
for other counts). :mod:`glocal.validation.sparql.run` runs them and builds the same
``sh:ValidationReport`` graph pySHACL builds (focus nodes, paths, values, severities, source
shapes and components, and pySHACL's own default messages where a shape has none), which
``tests/test_shacl_parity.py`` checks on the bundled data and on generated graphs with faults.

Only the constraint components glocal's shapes use are compiled (see :data:`PREDICATES`); a
shapes graph with anything else raises :class:`Unsupported`, and ``validate(engine="auto")``
then runs pySHACL instead. Constants in the queries are ``.n3()`` of terms taken from the shapes
graph; the only text pasted in is a shape's own ``sh:select``, which glocal has checked (no
``SERVICE``, no ``FROM``) as it does for pySHACL.
"""

from __future__ import annotations

import re
from itertools import count
from typing import TYPE_CHECKING

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from glocal.namespaces import PREFIXES
from glocal.validation.paths import Unsupported, read_path

if TYPE_CHECKING:
    pass

__all__ = ["PREDICATES", "Compiled", "Unsupported", "prefixes"]

#: The SHACL predicates this engine understands; any other makes a shapes graph pySHACL's.
_NAMES = ("targetClass targetNode targetSubjectsOf targetObjectsOf target select prefixes declare "
          "prefix namespace path inversePath alternativePath zeroOrMorePath oneOrMorePath "
          "zeroOrOnePath property minCount maxCount class datatype nodeKind languageIn hasValue "
          "in equals uniqueLang qualifiedValueShape qualifiedMinCount qualifiedMaxCount or not "
          "node sparql deactivated severity message order group name description")
PREDICATES = frozenset(SH[n] for n in _NAMES.split(" "))
_TYPES = frozenset((SH.NodeShape, SH.PropertyShape, SH.PropertyGroup, SH.SPARQLConstraint,
                    SH.SPARQLTarget, SH.PrefixDeclaration))
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
_VALUE_TESTS = (SH["class"], SH.datatype, SH.nodeKind, SH.languageIn, SH["in"], SH["not"],
                SH["or"], SH.node)
_COMPONENT = {SH["class"]: "Class", SH.datatype: "Datatype", SH.nodeKind: "NodeKind",
              SH.languageIn: "LanguageIn", SH["in"]: "In", SH["not"]: "Not", SH["or"]: "Or",
              SH.node: "Node", SH.minCount: "MinCount", SH.maxCount: "MaxCount",
              SH.hasValue: "HasValue", SH.equals: "Equals",
              SH.uniqueLang: "UniqueLang"}
_TYPE_OF = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"
_KINDS = {SH.IRI: "isIRI({0})", SH.BlankNode: "isBlank({0})", SH.Literal: "isLiteral({0})",
          SH.BlankNodeOrIRI: "(isIRI({0}) || isBlank({0}))",
          SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
          SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))"}
_FORBIDDEN_WORDS = frozenset({"PREFIX", "BASE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET",
                              "MINUS", "SERVICE", "FROM", "GRAPH", "VALUES"})
_VARS = re.compile(r"[?$]([A-Za-z0-9_]+)")


class _Check:
    """One query and how to turn its rows into results."""

    __slots__ = ("component", "kind", "parameter", "query", "shape", "sparql")

    def __init__(self, shape: Node, component: URIRef, parameter: Node, query: str,
                 kind: str, sparql: Node | None = None) -> None:
        self.shape, self.component, self.parameter = shape, component, parameter
        self.query, self.kind, self.sparql = query, kind, sparql


def _const(term: Node) -> str:
    if isinstance(term, URIRef | Literal):
        return term.n3()
    raise Unsupported(f"a blank node or variable as a constant: {term!r}")


def _is_true(node: Node | None) -> bool:
    return isinstance(node, Literal) and node.toPython() is True


def prefixes(shapes: Graph, node: Node) -> dict[str, str]:
    """The prefixes of a SPARQL node's ``sh:prefixes``: their ``sh:declare`` and those of what
    they ``owl:import`` (in the shapes graph only: nothing is fetched)."""
    out: dict[str, str] = {}
    todo, seen = list(shapes.objects(node, SH.prefixes)), set()
    while todo:
        ontology = todo.pop()
        if ontology in seen:
            continue
        seen.add(ontology)
        todo.extend(shapes.objects(ontology, OWL.imports))
        for declaration in shapes.objects(ontology, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is None or namespace is None:
                raise Unsupported("an incomplete sh:declare")
            if out.get(str(prefix), str(namespace)) != str(namespace):
                raise Unsupported("one prefix declared for two namespaces")
            out[str(prefix)] = str(namespace)
    return out


class Compiled:
    """The shapes graph as SPARQL checks; :meth:`run` them on a knowledge graph."""

    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.checks: list[_Check] = []
        self.datatypes: set[URIRef] = set()
        self._fresh = count()
        self._open: set[Node] = set()  # the nested shapes being compiled (a cycle is refused)
        # a report in the shapes graph (the W3C suite keeps its expected ones there) is no shape
        reports = {s for t in (SH.ValidationReport, SH.ValidationResult)
                   for s in shapes.subjects(RDF.type, t)}
        for s, p, o in shapes:
            if s in reports:
                continue
            if str(p).startswith(str(SH)) and p not in PREDICATES:
                raise Unsupported(f"{p} is not compiled")
            if p == RDF.type and str(o).startswith(str(SH)) and o not in _TYPES:
                raise Unsupported(f"{o} is not compiled")
        classes = (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class"))
        if any((s, RDF.type, c) in shapes for s in shapes.subjects(RDF.type, SH.NodeShape)
               for c in classes):
            raise Unsupported("implicit class targets")
        for shape in sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str):
            focus = self._targets(shape)
            self._shape(shape, focus)

    # --- compiling -----------------------------------------------------------------------

    def _var(self) -> str:
        return f"?_g{next(self._fresh)}"

    def _select(self, node: Node, *, this: bool) -> tuple[str, dict[str, str], list[str]]:
        """A shape's ``sh:select``, checked to be embeddable; its prefixes and projection."""
        texts = list(self.g.objects(node, SH.select))
        if len(texts) != 1 or not isinstance(texts[0], Literal):
            raise Unsupported("a SPARQL node without exactly one sh:select")
        text = str(texts[0])
        stripped = re.sub(r'<[^<>\s]*>|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|#[^\n]*', " ", text)
        words = {w.upper() for w in re.findall(r"(?<![?$:\w])[A-Za-z]+(?![:\w])", stripped)}
        head = re.match(r"\s*SELECT\s+(DISTINCT\s+|REDUCED\s+)?((?:[?$]\w+\s*)+)WHERE\s*\{",
                        stripped, re.IGNORECASE)
        if head is None or words & _FORBIDDEN_WORDS or stripped.upper().count("SELECT") != 1:
            raise Unsupported("a sh:select glocal cannot embed")
        # SHACL pre-binds $this in every group; glocal binds it once, at the top of WHERE, so a
        # group other than an EXISTS one (a UNION, OPTIONAL or plain group) would not see it
        body = stripped[head.end():]
        if any(not body[:m.start()].rstrip().upper().endswith("EXISTS")
               for m in re.finditer(r"\{", body)):
            raise Unsupported("a sh:select with a group other than EXISTS { … }")
        projected = _VARS.findall(head.group(2))
        used = set(_VARS.findall(stripped))
        if (this and "this" not in projected) or used & {"currentShape", "shapesGraph",
                                                          "failure"}:
            raise Unsupported("a sh:select with unsupported variables")
        return text, prefixes(self.g, node), projected

    def _targets(self, shape: Node) -> tuple[str, dict[str, str]]:
        parts: list[str] = []
        prefixes: dict[str, str] = {}
        for c in self.g.objects(shape, SH.targetClass):
            parts.append(f"?this {_TYPE_OF} {_const(c)} .")
        for n in self.g.objects(shape, SH.targetNode):
            parts.append(f"VALUES ?this {{ {_const(n)} }}")
        for p in self.g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"?this {_const(p)} [] .")
        for p in self.g.objects(shape, SH.targetObjectsOf):
            parts.append(f"[] {_const(p)} ?this .")
        for target in self.g.objects(shape, SH.target):
            if (target, RDF.type, SH.SPARQLTarget) not in self.g:
                raise Unsupported("a sh:target that is not a sh:SPARQLTarget")
            text, declared, _ = self._select(target, this=True)
            if any(prefixes.get(k, v) != v for k, v in declared.items()):
                raise Unsupported("conflicting prefixes")
            prefixes |= declared
            parts.append(f"{{ {text} }}")
        union = " UNION ".join(f"{{ {p} }}" for p in parts)
        return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}", prefixes

    def _path(self, shape: Node) -> str | None:
        path = self.g.value(shape, SH.path)
        return None if path is None else read_path(self.g, path).sparql

    def _lacking(self, shape: Node, pattern: str) -> str:
        """Keep the focus nodes (``?this``) with no match of ``pattern`` along the shape's path.

        ``FILTER NOT EXISTS`` evaluates the pattern once per focus node, from the bound
        ``?this``. But oxigraph splits a sequence path (``(^p)*/q``) into a join and plans it
        without knowing that ``?this`` is bound: it scans every ``q`` triple and walks the
        closure back for each focus node, so the check grows with the square of the graph
        (50 s for 9,000 goals at 1M triples). ``MINUS`` evaluates such a pattern once for the
        whole graph and removes the focus nodes it reaches (0.1 s). The focus pattern binds
        only ``?this``, so the two agree, except on a path that can be empty, where a focus node
        absent from the data still reaches itself: those keep ``FILTER NOT EXISTS``, as do
        other paths, which oxigraph walks well from a bound start and expensively from an
        unbound one (``p+``).
        """
        path = self.g.value(shape, SH.path)
        if path is not None and (walk := read_path(self.g, path)).kind == "sequence" \
                and not walk.nullable:
            return f"MINUS {{ {pattern} }}"
        return f"FILTER NOT EXISTS {{ {pattern} }}"

    def _one(self, shape: Node, predicate: URIRef) -> Node | None:
        values = list(self.g.objects(shape, predicate))
        if len(values) > 1:
            raise Unsupported(f"more than one {predicate}")
        return values[0] if values else None

    def _count(self, shape: Node, predicate: URIRef) -> int | None:
        value = self._one(shape, predicate)
        if value is None:
            return None
        if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
            raise Unsupported(f"{predicate} is not an integer")
        return int(value.toPython())

    def _test(self, predicate: URIRef, parameter: Node, x: str) -> str:
        """A SPARQL expression: the node in ``x`` passes this value test."""
        if predicate == SH["class"]:
            return f"EXISTS {{ {x} {_TYPE_OF} {_const(parameter)} }}"
        if predicate == SH.datatype:
            return self._datatype(parameter, x)
        if predicate == SH.nodeKind:
            if not isinstance(parameter, URIRef) or parameter not in _KINDS:
                raise Unsupported("an unknown sh:nodeKind")
            return _KINDS[parameter].format(x)
        if predicate == SH.languageIn:
            langs = [i for i in Collection(self.g, parameter)]
            if not all(isinstance(i, Literal) and isinstance(i.value, str) for i in langs):
                raise Unsupported("sh:languageIn items that are not strings")
            tags = ", ".join(Literal(str(i).lower()).n3() for i in langs)
            has = f'isLiteral({x}) && lang({x}) != ""'
            if "*" in {str(i) for i in langs}:
                return f"({has})"
            if not langs:
                return "false"
            return (f'({has} && (LCASE(lang({x})) IN ({tags}) || '
                    f'LCASE(STRBEFORE(CONCAT(lang({x}), "-"), "-")) IN ({tags})))')
        if predicate == SH["in"]:
            items = [f"sameTerm({x}, {_const(i)})" for i in Collection(self.g, parameter)]
            return "(" + (" || ".join(items) or "false") + ")"
        if predicate == SH["not"]:
            return f"!{self._conforms(parameter, x)}"
        if predicate == SH["or"]:
            items = [self._conforms(i, x) for i in Collection(self.g, parameter)]
            return "(" + (" || ".join(items) or "false") + ")"
        if predicate == SH.node:
            return self._conforms(parameter, x)
        raise Unsupported(f"{predicate} as a value test")

    def _datatype(self, datatype: Node, x: str) -> str:
        if not isinstance(datatype, URIRef):
            raise Unsupported("a sh:datatype that is not an IRI")
        if datatype == RDFS.Literal:
            return f"isLiteral({x})"
        if datatype == RDFS.Datatype:
            return (f"(isLiteral({x}) && datatype({x}) != {XSD.string.n3()} && "
                    f"datatype({x}) != {RDF.langString.n3()})")
        if datatype == RDF.langString:
            return f'(isLiteral({x}) && lang({x}) != "")'
        if datatype == XSD.string:
            return f"(isLiteral({x}) && datatype({x}) = {XSD.string.n3()})"
        self.datatypes.add(datatype)  # the run fills in @@BAD…@@ (ill-typed literals)
        return f"(isLiteral({x}) && datatype({x}) = {datatype.n3()} && @@BAD:{datatype}|{x}@@)"

    def _conforms(self, shape: Node, x: str) -> str:
        """A SPARQL expression: the node in ``x`` conforms to the nested ``shape``.

        A shape that nests itself (``sh:node`` back to a shape being compiled) is refused:
        SHACL leaves recursive shapes undefined, and a query cannot unfold them.
        """
        if shape in self._open:
            raise Unsupported("a recursive shape (it reaches itself through sh:node, sh:property, "
                              "sh:not, sh:or or sh:qualifiedValueShape)")
        self._open.add(shape)
        try:
            return self._nested(shape, x)
        finally:
            self._open.discard(shape)

    def _nested(self, shape: Node, x: str) -> str:
        if any(self.g.value(shape, p) is not None
               for p in (SH.deactivated, SH.sparql, SH.equals, SH.uniqueLang)):
            raise Unsupported("a nested shape with sh:deactivated, sh:sparql, sh:equals or "
                              "sh:uniqueLang")
        path = self._path(shape)
        parts: list[str] = []
        v = self._var()
        for predicate in _VALUE_TESTS:
            for parameter in self.g.objects(shape, predicate):
                test = self._test(predicate, parameter, v if path else x)
                parts.append(f"NOT EXISTS {{ {x} {path} {v} FILTER(!{test}) }}" if path
                             else test)
        for prop in self.g.objects(shape, SH.property):
            if path:
                parts.append(f"NOT EXISTS {{ {x} {path} {v} FILTER(!{self._conforms(prop, v)}) }}")
            else:
                parts.append(self._conforms(prop, x))
        for h in self.g.objects(shape, SH.hasValue):
            parts.append(f"EXISTS {{ {x} {path} {v} FILTER(sameTerm({v}, {_const(h)})) }}" if path
                         else f"sameTerm({x}, {_const(h)})")
        low, high = self._count(shape, SH.minCount), self._count(shape, SH.maxCount)
        quality = self._one(shape, SH.qualifiedValueShape)
        qlow = self._count(shape, SH.qualifiedMinCount)
        qhigh = self._count(shape, SH.qualifiedMaxCount)
        if not path and (low or high is not None or quality is not None):
            raise Unsupported("counts on a nested node shape")
        if path:
            w = self._var()
            if (low or 0) > 1 or (high or 0) > 1:
                raise Unsupported("a nested count above 1")
            if low == 1:
                parts.append(f"EXISTS {{ {x} {path} {v} }}")
            if high == 0:
                parts.append(f"NOT EXISTS {{ {x} {path} {v} }}")
            if high == 1:
                parts.append(f"NOT EXISTS {{ {x} {path} {v}, {w} FILTER(!sameTerm({v}, {w})) }}")
            if quality is not None:
                if (qlow or 0) > 1 or qhigh not in (None, 0):
                    raise Unsupported("a nested qualified count above 1")
                inner = f"{x} {path} {v} FILTER({self._conforms(quality, v)})"
                if qlow == 1:
                    parts.append(f"EXISTS {{ {inner} }}")
                if qhigh == 0:
                    parts.append(f"NOT EXISTS {{ {inner} }}")
        return "(" + (" && ".join(parts) or "true") + ")"

    def _shape(self, shape: Node, focus: tuple[str, dict[str, str]]) -> None:
        """The checks of a shape with its focus nodes given by ``focus`` (binds ``?this``)."""
        if _is_true(self.g.value(shape, SH.deactivated)):
            return
        f, prefixes = focus
        path = self._path(shape)
        values = f"?this {path} ?value ." if path else "BIND(?this AS ?value)"
        head = _head(prefixes)

        def add(component: str, parameter: Node, body: str, kind: str) -> None:
            self.checks.append(_Check(shape, SH[component + "ConstraintComponent"], parameter,
                                      head + body, kind))

        for predicate in _VALUE_TESTS:
            if predicate != SH["class"]:
                self._one(shape, predicate)  # pySHACL words the message of several its own way
            for parameter in self.g.objects(shape, predicate):
                add(_COMPONENT[predicate], parameter,
                    f"SELECT DISTINCT ?this ?value WHERE {{ {f} {values} "
                    f"FILTER(!{self._test(predicate, parameter, '?value')}) }}", "value")
        low, high = self._count(shape, SH.minCount), self._count(shape, SH.maxCount)
        if (low is not None or high is not None) and not path:
            raise Unsupported("sh:minCount or sh:maxCount on a node shape")
        minimum = self.g.value(shape, SH.minCount)
        if low == 1 and minimum is not None:
            add("MinCount", minimum, f"SELECT DISTINCT ?this WHERE {{ {f} "
                f"{self._lacking(shape, f'?this {path} ?value')} }}", "focus")
        elif low and minimum is not None:
            add("MinCount", minimum, f"SELECT ?this WHERE {{ {f} OPTIONAL {{ {values} }} }} "
                f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {low})", "focus")
        maximum = self.g.value(shape, SH.maxCount)
        if high is not None and maximum is not None:
            add("MaxCount", maximum, f"SELECT ?this WHERE {{ {f} {values} }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?value) > {high})", "focus")
        for h in self.g.objects(shape, SH.hasValue):
            if len(list(self.g.objects(shape, SH.hasValue))) > 1:
                raise Unsupported("more than one sh:hasValue")
            test = (self._lacking(shape, f"{values} FILTER(sameTerm(?value, {_const(h)}))")
                    if path else f"FILTER(!sameTerm(?this, {_const(h)}))")
            add("HasValue", h, f"SELECT DISTINCT ?this WHERE {{ {f} {test} }}", "focus")
        for other in self.g.objects(shape, SH.equals):
            add("Equals", other, self._equals(shape, f, path, _const(other)), "focus-value")
        for unique in self.g.objects(shape, SH.uniqueLang):
            if not path:
                raise Unsupported("sh:uniqueLang on a node shape")
            if unique == Literal(True):  # only true turns it on ("1" does not)
                add("UniqueLang", unique, f"SELECT DISTINCT ?this ?lang WHERE {{ {f} ?this {path} "
                    f"?value , ?other FILTER(isLiteral(?value) && lang(?value) != \"\" && "
                    f"!sameTerm(?value, ?other) && LCASE(lang(?value)) = LCASE(lang(?other))) "
                    f"BIND(LCASE(lang(?value)) AS ?lang) }}", "focus")
        self._qualified(shape, f, path, head)
        for sparql in self.g.objects(shape, SH.sparql):
            self._sparql(shape, sparql, f, path, prefixes)
        for prop in self.g.objects(shape, SH.property):
            if path:  # SHACL reports its results once per focus node of the outer shape
                raise Unsupported("a property shape inside a property shape")
            if self.g.value(prop, SH.path) is None:
                raise Unsupported("a sh:property without a sh:path")
            self._shape(prop, focus)

    def _equals(self, shape: Node, f: str, path: str | None, p: str) -> str:
        """The ``sh:equals p`` check: values of the path not values of ``p`` and the reverse.

        On a property shape each branch binds ``?this`` and ``?value``, so ``MINUS`` (the other
        side evaluated once, set-wise) removes the same rows as ``FILTER NOT EXISTS``. On a node
        shape the value is the focus node itself, so each branch binds ``?this`` from the focus
        pattern first (a ``BIND`` of an unbound ``?this`` would compare nothing).
        """
        if path:
            mine = self._lacking(shape, f"?this {path} ?value")
            return (f"SELECT DISTINCT ?this ?value WHERE {{ {f} {{ ?this {path} ?value "
                    f"MINUS {{ ?this {p} ?value }} }} UNION {{ ?this {p} ?value {mine} }} }}")
        return (f"SELECT DISTINCT ?this ?value WHERE {{ {{ {f} BIND(?this AS ?value) "
                f"FILTER NOT EXISTS {{ ?this {p} ?value }} }} UNION {{ {f} ?this {p} ?value "
                f"FILTER(!sameTerm(?value, ?this)) }} }}")

    def _qualified(self, shape: Node, f: str, path: str | None, head: str) -> None:
        quality = self._one(shape, SH.qualifiedValueShape)
        if quality is None:
            return
        if not path:
            raise Unsupported("sh:qualifiedValueShape on a node shape")
        conforms = self._conforms(quality, "?value")
        for key, op, name in ((SH.qualifiedMinCount, "<", "QualifiedMinCount"),
                              (SH.qualifiedMaxCount, ">", "QualifiedMaxCount")):
            n = self._count(shape, key)
            if n is None:
                continue
            matched = f"?this {path} ?value FILTER({conforms})"
            body = (f"SELECT DISTINCT ?this WHERE {{ {f} {self._lacking(shape, matched)} }}"
                    if op == "<" and n == 1 else
                    f"SELECT ?this WHERE {{ {f} OPTIONAL {{ {matched} }} }} GROUP BY ?this "
                    f"HAVING (COUNT(DISTINCT ?value) {op} {n})")
            self.checks.append(_Check(shape, SH[name + "ConstraintComponent"], quality,
                                      head + body, "focus"))

    def _sparql(self, shape: Node, node: Node, f: str, path: str | None,
                prefixes: dict[str, str]) -> None:
        if _is_true(self.g.value(node, SH.deactivated)):
            return
        text, declared, _ = self._select(node, this=True)
        if "$PATH" in text:
            if not path:
                raise Unsupported("$PATH in a node shape")
            text = text.replace("$PATH", path)
        where = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
        assert where is not None
        text = re.sub(r"^\s*SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?", "SELECT DISTINCT ", text,
                      count=1, flags=re.IGNORECASE)
        where = re.search(r"\bWHERE\s*\{", text, re.IGNORECASE)
        assert where is not None
        merged = {**prefixes}
        for k, v in declared.items():
            if merged.get(k, v) != v:
                raise Unsupported("conflicting prefixes")
            merged[k] = v
        head = _head(merged)
        body = text[:where.end()] + f" {f} " + text[where.end():]
        self.checks.append(_Check(shape, SH.SPARQLConstraintComponent, node, head + body,
                                  "sparql", node))


def _head(declared: dict[str, str]) -> str:
    """PREFIX lines: the data graph's namespaces (rdflib's ``initNs`` for pySHACL's queries),
    then the shape's own ``sh:declare``."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    known = {p: str(n) for p, n in graph.namespaces() if p} | declared
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in known.items())


