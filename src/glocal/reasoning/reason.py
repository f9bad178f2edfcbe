"""OWL reasoning over the graph with HermiT or Pellet (through owlready2): safely and bounded.

This is the only module that imports owlready2. What it does, in order:

1. refuses input it will not hand to a reasoner: a graph too large (``max_triples``), any
   ``owl:imports`` triple, any of owlready2's own annotation IRIs (``python_module`` makes
   owlready2 import a Python module named in the data);
2. serialises the graph (the ontology, the SDGs and the data) as N-Triples with rdflib, after
   turning literals whose datatype is outside the OWL 2 datatype map (``xsd:date``,
   ``xsd:gYear`` …) into plain strings, and loads it into a fresh owlready2 ``World``;
3. runs the reasoner bundled with owlready2 as a Java process that is killed when ``timeout``
   runs out;
4. returns a :class:`ReasoningResult`: consistent or not, a readable explanation when not, the
   unsatisfiable classes, and the inferred facts (read from the reasoner's output by
   :mod:`glocal.reasoning.entailments`) as their own rdflib ``Graph`` with provenance.

>>> import glocal
>>> kg = glocal.load()
>>> result = kg.reason()                                  # doctest: +SKIP
>>> result.consistent                                     # doctest: +SKIP
True
>>> kg.add_graph(result.inferred, name=result.graph_name) # doctest: +SKIP
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import OWL, PROV, RDF, RDFS, XSD, Graph
from rdflib.term import Literal as RDFLiteral
from rdflib.term import Node, URIRef

from glocal.errors import InputError, JavaNotFoundError, ReasoningError
from glocal.options import REASONER_MAX_TRIPLES, REASONER_TIMEOUT, REASONERS, Reasoner
from glocal.reasoning.entailments import inferred_facts, parse_hermit, parse_pellet
from glocal.reasoning.explain import Clash, explain, node_name

if TYPE_CHECKING:
    from glocal.store.graph import KnowledgeGraph

__all__ = [
    "OWLREADY",
    "Clash",
    "ReasoningResult",
    "find_java",
    "reason",
]

#: owlready2's own annotation namespace (``python_module``, ``python_name`` …): never accepted.
OWLREADY = "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#"

_GRAPHS = "https://w3id.org/glocal/graph/"
_INSTALL_JAVA = ("install a Java runtime (11 or newer), e.g. `sudo apt-get install "
                 "default-jre-headless` on Debian or Ubuntu, or set owlready2.JAVA_EXE to "
                 "java's path")

#: The datatypes of the OWL 2 datatype map (OWL 2 Structural Specification, section 4).
_OWL2_DATATYPES = frozenset(
    [str(XSD[n]) for n in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger",
        "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
        "unsignedShort", "unsignedByte", "double", "float", "string", "normalizedString",
        "token", "language", "Name", "NCName", "NMTOKEN", "boolean", "hexBinary",
        "base64Binary", "anyURI", "dateTime", "dateTimeStamp")]
    + [str(OWL.real), str(OWL.rational), str(RDFS.Literal),
       "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral",
       "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral",
       "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"]
)


# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class ReasoningResult:
    """What the reasoner found. Merge ``inferred`` with ``kg.add_graph(r.inferred,
    name=r.graph_name)`` so that SPARQL and ``trace`` see it."""

    consistent: bool
    reasoner: str
    explanation: tuple[Clash, ...]
    unsatisfiable: tuple[URIRef, ...]
    inferred: Graph
    graph_name: URIRef
    triples: int
    seconds: float
    reasoner_output: str = field(default="")

    @property
    def facts(self) -> int:
        """How many inferred facts ``inferred`` holds, not counting its provenance."""
        return sum(1 for s, _, _ in self.inferred if not str(s).startswith(_GRAPHS))

    def to_dict(self) -> dict[str, Any]:
        return {
            "consistent": self.consistent,
            "reasoner": self.reasoner,
            "explanation": [c.to_dict() for c in self.explanation],
            "unsatisfiable": [str(c) for c in self.unsatisfiable],
            "inferred": self.facts,
            "graph": str(self.graph_name),
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
        }


# --- Java ------------------------------------------------------------------------------------


def find_java() -> str:
    """The Java executable owlready2 would run (``owlready2.JAVA_EXE``, found on ``PATH``)."""
    import owlready2

    configured = str(owlready2.JAVA_EXE)
    found = configured if os.path.isfile(configured) else shutil.which(configured)
    if found is None:
        raise JavaNotFoundError(
            f"the reasoners HermiT and Pellet run on Java, and {configured!r} was not found: "
            + _INSTALL_JAVA
        )
    return found


# --- the entry point -------------------------------------------------------------------------


def reason(
    kg: KnowledgeGraph,
    *,
    reasoner: Reasoner = "hermit",
    timeout: float = REASONER_TIMEOUT,
    max_triples: int = REASONER_MAX_TRIPLES,
) -> ReasoningResult:
    """Run ``reasoner`` over everything ``kg`` holds; see the module docstring."""
    if reasoner not in REASONERS:
        raise ReasoningError(f"unknown reasoner {reasoner!r}: use 'hermit' or 'pellet'")
    size = len(kg)
    if size > max_triples:
        raise ReasoningError(
            f"the graph holds {size} statements, more than the {max_triples} glocal reasons over "
            "at once (a larger graph can exhaust the reasoner's memory): reason over one "
            "document at a time (`glocal reason data/<document>.ttl`), or raise max_triples "
            "(--max-triples) if the machine has memory to spare"
        )
    _refuse_unsafe(kg)
    java = find_java()
    graph = kg.to_rdflib()
    started = datetime.now(UTC)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="glocal-reason-") as tmp:
        world_file = _load_into_world(graph, Path(tmp))
        run = _Run(java, reasoner, world_file, timeout, t0)
        output = run.classify()
        if output is None:  # inconsistent
            explanation = list(explain(kg, graph))
            raw = run.explain() if reasoner == "pellet" else ""
            if not explanation:
                explanation = [Clash("reasoner", (), (), "(see the reasoner's output)",
                                     raw.strip() or "the reasoner found the graph inconsistent "
                                     "but glocal's search names no clash")]
            return ReasoningResult(False, reasoner, tuple(explanation), (), Graph(),
                                   _graph_name(reasoner), size, time.monotonic() - t0, raw)
    parsed = parse_hermit(output) if reasoner == "hermit" else parse_pellet(output)
    inferred = inferred_facts(graph, parsed)
    name = _graph_name(reasoner)
    _add_provenance(inferred, name, reasoner, kg, started, datetime.now(UTC))
    return ReasoningResult(True, reasoner, (), tuple(sorted(parsed.unsatisfiable)), inferred,
                           name, size, time.monotonic() - t0, output)


def _graph_name(reasoner: str) -> URIRef:
    return URIRef(f"{_GRAPHS}inferred/{reasoner}")


# --- refusing unsafe input -------------------------------------------------------------------


def _refuse_unsafe(kg: KnowledgeGraph) -> None:
    """Refuse ``owl:imports`` and owlready2's annotations, naming the file that holds them."""
    checks = (
        ("?s <http://www.w3.org/2002/07/owl#imports> ?o",
         "holds an owl:imports triple ({s} imports {o}); glocal never follows imports and "
         "does not reason over data that asks for them: remove the triple"),
        (f"?s ?o ?x FILTER(STRSTARTS(STR(?o), \"{OWLREADY}\"))",
         "uses owlready2's annotation {o} on {s}, which would make owlready2 run Python code "
         "named in the data: remove it"),
        (f"?s ?x ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), \"{OWLREADY}\"))",
         "refers to owlready2's term {o} (from {s}), which would make owlready2 run Python "
         "code named in the data: remove it"),
        (f"?o ?x ?y FILTER(STRSTARTS(STR(?o), \"{OWLREADY}\")) BIND(?o AS ?s)",
         "describes owlready2's term {o}, which would make owlready2 run Python code named "
         "in the data: remove it"),
    )
    for pattern, message in checks:
        rows = kg.query(f"SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ {pattern} }} }} LIMIT 1")
        if rows:
            row = rows[0]
            graph = str(row["g"])
            source = graph.rsplit("/file/", 1)[-1] if "/file/" in graph else graph
            raise InputError(source, message.format(s=node_name(row["s"]), o=node_name(row["o"])))


# --- handing the graph to owlready2 ----------------------------------------------------------


def _owl2_literals(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """Every triple, literals outside the OWL 2 datatype map as plain strings; no imports."""
    for s, p, o in graph:
        if p == OWL.imports:
            continue
        if (isinstance(o, RDFLiteral) and o.datatype is not None
                and str(o.datatype) not in _OWL2_DATATYPES):
            o = RDFLiteral(str(o))
        yield s, p, o


def _load_into_world(graph: Graph, tmp: Path) -> Path:
    """N-Triples → a fresh owlready2 ``World`` → the N-Triples file the reasoner reads."""
    import owlready2

    clean = Graph()
    for triple in _owl2_literals(graph):
        clean.add(triple)
    source = tmp / "input.nt"
    clean.serialize(source, format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        world.get_ontology(source.as_uri()).load(format="ntriples", only_local=True)
        target = tmp / "world.nt"
        world.save(str(target), format="ntriples")
    except (TypeError, ValueError, owlready2.OwlReadyError) as exc:
        raise ReasoningError(f"owlready2 cannot read the graph: {exc}") from exc
    finally:
        world.close()
    return target


# --- running the reasoner --------------------------------------------------------------------


class _Run:
    """One reasoner run over ``world_file``; Java is killed when the time is up."""

    def __init__(self, java: str, reasoner: str, world_file: Path, timeout: float,
                 t0: float) -> None:
        import owlready2.reasoning as owr

        self.java = java
        self.reasoner = reasoner
        self.file = world_file
        self.deadline = t0 + timeout
        self.timeout = timeout
        self.memory = f"-Xmx{owr.JAVA_MEMORY}M"
        self.hermit = owr._HERMIT_CLASSPATH
        self.pellet = owr._PELLET_CLASSPATH

    def classify(self) -> str | None:
        """The reasoner's output, or None if it finds the graph inconsistent."""
        if self.reasoner == "hermit":
            # -c -O -I: classify classes and object properties, realise the individuals.
            cmd = [self.java, self.memory, "-cp", self.hermit,
                   "org.semanticweb.HermiT.cli.CommandLine", "-c", "-O", "-I", self.file.as_uri()]
        else:
            # OWLAPIv3 loader: the Jena that owlready2 bundles needs a newer Java than 17.
            cmd = [self.java, self.memory, "-cp", self.pellet, "pellet.Pellet", "realize",
                   "--loader", "OWLAPIv3", "--ignore-imports", "--infer-prop-values",
                   self.file.as_uri()]
        code, out, err = self._java(cmd)
        if code != 0:
            if "nconsistent" in err or "nconsistent" in out:
                return None
            raise ReasoningError(f"{self.reasoner} failed (exit code {code}): "
                                 + _last_lines(err or out))
        return out

    def explain(self) -> str:
        """Pellet's own explanation of an inconsistency (empty if there is no time left)."""
        try:
            code, out, _ = self._java([self.java, self.memory, "-cp", self.pellet,
                                         "pellet.Pellet", "explain", "--ignore-imports",
                                         self.file.as_uri()])
        except ReasoningError:
            return ""
        return out if code == 0 else ""

    def _java(self, cmd: list[str]) -> tuple[int, str, str]:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self._too_slow()
        posix = os.name == "posix"
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=posix)
        except OSError as exc:
            raise JavaNotFoundError(f"cannot run Java ({self.java}): {exc.strerror}; "
                                    + _INSTALL_JAVA) from exc
        try:
            out, err = proc.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            _kill(proc, posix)
            raise self._too_slow() from None
        except BaseException:
            _kill(proc, posix)
            raise
        return proc.returncode, _decode(out), _decode(err)

    def _too_slow(self) -> ReasoningError:
        return ReasoningError(
            f"{self.reasoner} did not finish within {self.timeout:g} s and was stopped: reason "
            "over one document at a time, or allow more time (--timeout)"
        )


def _kill(proc: subprocess.Popen[bytes], posix: bool) -> None:
    try:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except ProcessLookupError:  # pragma: no cover - it ended on its own meanwhile
        pass
    proc.communicate()


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").replace("\r", "")


def _last_lines(text: str, n: int = 6) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[:2] + (["…"] if len(lines) > n else []) + lines[2:][-(n - 2):])


def _add_provenance(inferred: Graph, name: URIRef, reasoner: str, kg: KnowledgeGraph,
                    started: datetime, ended: datetime) -> None:
    import owlready2

    activity = URIRef(f"{name}#activity")
    agent = URIRef(f"{_GRAPHS}reasoner/{reasoner}")
    inferred.add((name, RDF.type, PROV.Bundle))
    inferred.add((name, PROV.wasGeneratedBy, activity))
    inferred.add((activity, RDF.type, PROV.Activity))
    inferred.add((activity, RDFS.label, RDFLiteral(
        f"OWL reasoning by {'HermiT' if reasoner == 'hermit' else 'Pellet'} "
        f"(owlready2 {owlready2.VERSION})", lang="en")))
    inferred.add((activity, PROV.wasAssociatedWith, agent))
    inferred.add((agent, RDF.type, PROV.SoftwareAgent))
    inferred.add((activity, PROV.startedAtTime, RDFLiteral(started.isoformat(),
                                                           datatype=XSD.dateTime)))
    inferred.add((activity, PROV.endedAtTime, RDFLiteral(ended.isoformat(),
                                                         datatype=XSD.dateTime)))
    for graph in kg.graphs():
        if not str(graph).startswith(f"{_GRAPHS}inferred/"):
            inferred.add((activity, PROV.used, graph))
