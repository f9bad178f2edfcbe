"""The W3C SHACL test suite (Core and SPARQL, vendored in ``tests/w3c/``) through the public API.

Every ``sht:Validate`` entry of the suite's manifests is loaded with :func:`glocal.load` (its
file's own IRI as the base, for the suite's relative IRIs) and validated with
``kg.validate(shapes=[…])`` by each engine. The test compares ``conforms`` and the results as a
multiset of (focus node, path, constraint component, severity, source shape), blank nodes as
wildcards, with the entry's expected ``sh:ValidationReport``. An entry whose expected result is
``sht:Failure`` must be refused with a :class:`~glocal.errors.ShapesError`.

``auto`` must be right on every entry. The SPARQL engine must be right on every entry it
accepts and refuse the rest with a :class:`~glocal.errors.ShapesError` (the refusals are
counted in ``docs/validation.md``). pySHACL, the reference engine, is held to the suite too;
where it is wrong the entry says why in :data:`PYSHACL_WRONG`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import BNode, Node

import glocal
from glocal.errors import ShapesError

SUITE = Path(__file__).resolve().parent / "w3c"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
ENGINES = ("pyshacl", "sparql", "auto")

#: Entries pySHACL gets wrong (so ``auto`` must not leave them to it), each with the reason.
PYSHACL_WRONG: dict[str, str] = {
    "core/property/uniqueLang-002": 'pySHACL takes "1"^^xsd:boolean for true and turns '
    "sh:uniqueLang on; SHACL turns it on with true only",
    "sparql/node/prefixes-001": "pySHACL reads the sh:declare of an owl:imports only when it "
    "may fetch imports, which glocal never lets it do; the SPARQL engine follows owl:imports "
    "within the shapes graph",
}
#: Entries glocal refuses on purpose, with every engine, each with the reason.
GLOCAL_REFUSES: dict[str, str] = {
    "core/property/qualifiedValueShape-001": "the file says sh:nodeShape, which is not a SHACL "
    "term; glocal refuses a misspelt SHACL term in a shapes file (engines silently ignore it)",
    "sparql/pre-binding/shapesGraph-001": "its query reads $shapesGraph, which neither engine "
    "supports (pySHACL refuses it, and the SPARQL engine runs on the data graph only)",
}


@dataclass(frozen=True)
class Entry:
    name: str  # the entry's path in the suite, e.g. core/node/equals-001
    data: Path
    shapes: Path
    failure: bool  # the suite expects the validator to refuse the shapes
    conforms: bool | None
    results: tuple[tuple[str, ...], ...]


def _key(graph: Graph, node: Node | None) -> str:
    """A term for comparison: a blank node is a wildcard, a path is its structure."""
    if node is None:
        return "-"
    if isinstance(node, BNode):
        if (node, RDF.first, None) in graph:
            return "(" + " / ".join(_key(graph, i) for i in Collection(graph, node)) + ")"
        for kind in (SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
            inner = graph.value(node, kind)
            if inner is not None:
                return f"{kind.fragment}({_key(graph, inner)})"
        alternatives = graph.value(node, SH.alternativePath)
        if alternatives is not None:
            return "alt" + _key(graph, alternatives)
        return "_:"
    return node.n3()


def _results(graph: Graph, report: Node) -> tuple[tuple[str, ...], ...]:
    out = []
    for r in graph.objects(report, SH.result):
        out.append(tuple(_key(graph, graph.value(r, p)) for p in (
            SH.focusNode, SH.resultPath, SH.sourceConstraintComponent, SH.resultSeverity,
            SH.sourceShape)))
    return tuple(sorted(out))


def _manifest_entries(manifest: Path) -> list[Entry]:
    graph = Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    entries: list[Entry] = []
    for included in graph.objects(None, MF.include):
        entries.extend(_manifest_entries(Path(str(included).removeprefix("file://"))))
    for listed in graph.objects(None, MF.entries):
        for entry in Collection(graph, listed):
            if (entry, RDF.type, SHT.Validate) not in graph:
                continue
            action = graph.value(entry, MF.action)
            data = Path(str(graph.value(action, SHT.dataGraph)).removeprefix("file://"))
            shapes = Path(str(graph.value(action, SHT.shapesGraph)).removeprefix("file://"))
            result = graph.value(entry, MF.result)
            failure = result == SHT.Failure
            conforms = graph.value(result, SH.conforms) if not failure else None
            name = str(manifest.parent.relative_to(SUITE) / str(entry).rsplit("/", 1)[-1])
            entries.append(Entry(
                name, data, shapes, failure,
                None if conforms is None else bool(cast_bool(conforms)),
                () if failure else _results(graph, result)))
    return entries


def cast_bool(term: Node) -> bool:
    assert isinstance(term, Literal)
    return bool(term.toPython())


@cache
def entries() -> tuple[Entry, ...]:
    found = [e for m in ("core", "sparql") for e in _manifest_entries(SUITE / m / "manifest.ttl")]
    return tuple(sorted(found, key=lambda e: e.name))


@dataclass(frozen=True)
class Outcome:
    engine: str  # the engine that ran, or "refused"
    conforms: bool | None
    results: tuple[tuple[str, ...], ...]
    error: str = ""


@cache
def outcome(entry: Entry, engine: str) -> Outcome:
    """The entry's outcome with ``engine``. pySHACL's is auto's where auto ran pySHACL: the same
    call on the same graphs (pySHACL's worker process is the slow part of the suite)."""
    if engine == "pyshacl":
        auto = outcome(entry, "auto")
        if auto.engine == "pyshacl":
            return auto
    return run(entry, engine)


def run(entry: Entry, engine: str) -> Outcome:
    kg = glocal.load(entry.data, base=entry.data.as_uri())
    try:
        report = kg.validate(shapes=[entry.shapes], engine=engine)  # type: ignore[arg-type]
    except ShapesError as exc:
        return Outcome("refused", None, (), str(exc))
    graph = Graph().parse(data=report.graph, format="nt")
    node = next(graph.subjects(RDF.type, SH.ValidationReport))
    conforms = graph.value(node, SH.conforms)
    assert cast_bool(conforms) == report.conforms, "the report graph and report.conforms differ"
    return Outcome(report.engine, report.conforms, _results(graph, node))


_MILD = (SH.Warning.n3(), SH.Info.n3())


def right(entry: Entry, outcome: Outcome) -> bool:
    """Whether ``outcome`` is the entry's expected one. glocal's ``conforms`` is true when no
    result is a violation (warnings and infos are gaps, not errors; a severity of the shapes'
    own counts as a violation), where SHACL's is true when there is no result at all."""
    if entry.failure:
        return outcome.engine == "refused"
    assert entry.conforms == (not entry.results), entry.name
    conforms = not any(r[3] not in _MILD for r in entry.results)
    return (outcome.engine != "refused" and outcome.conforms == conforms
            and Counter(outcome.results) == Counter(entry.results))


def test_the_suite_is_all_there() -> None:
    names = [e.name for e in entries()]
    assert len(names) == len(set(names)) >= 120
    assert {n.split("/")[0] for n in names} == {"core", "sparql"}


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.name)
@pytest.mark.parametrize("engine", ENGINES)
def test_w3c_entry(entry: Entry, engine: str) -> None:
    got = outcome(entry, engine)
    if entry.name in GLOCAL_REFUSES:
        assert got.engine == "refused", GLOCAL_REFUSES[entry.name]
        return
    if engine == "sparql" and got.engine == "refused" and not entry.failure:
        assert "SPARQL engine cannot run" in got.error, got.error
        return  # refused loudly: counted, not wrong
    if engine == "pyshacl" and entry.name in PYSHACL_WRONG:
        assert not right(entry, got), f"pySHACL is right now: {PYSHACL_WRONG[entry.name]}"
        return
    assert right(entry, got), (
        f"{engine} ran {got.engine}: conforms {got.conforms} (expected {entry.conforms}); "
        f"{got.error}\n got: {sorted(got.results)}\nwant: {sorted(entry.results)}")
    if engine == "auto" and entry.name in PYSHACL_WRONG:
        assert got.engine == "sparql", "auto left one of pySHACL's mistakes to it"
