"""glocal at national scale, measured side by side with what a user would otherwise write.

One command runs every measurement and prints a table of medians and ratios:

    python bench/run.py --sizes 10k,100k,1M

For each size it generates (once, cached) a national graph with ``bench/generate.py`` and, for
each stack, starts a fresh worker process (so load times and peak memory are not shared):

- ``glocal``: ``glocal.load``, ``kg.trace`` of an activity, ``kg.contributors`` of an SDG
  target, ``kg.coverage()`` of the whole graph, ``kg.validate()`` end to end; and, on the same
  store, the exact SPARQL texts each call sent to pyoxigraph, run raw (the cost of glocal's own
  layer: binding, checks, term conversion, the walk in Python);
- ``oxigraph``: raw ``pyoxigraph.Store.load`` of the same files, alone (its memory); the glocal
  worker also times raw loads in turns with its own, and calls under 2 s in turns with their raw
  queries (the ratios in the table come from those turns);
- ``rdflib``: rdflib's ``Graph.parse``; the same trace, contributors and coverage with glocal's
  own queries and code run on rdflib's SPARQL engine (a ``KnowledgeGraph`` over an rdflib
  backend, so the answers can be compared); plain ``pyshacl.validate`` with glocal's shapes;
  its results are compared with glocal's, result by result.

It then starts ``glocal serve`` on the graph (loopback) and measures latency under a bounded
concurrent load. Every measurement is repeated (medians; fast ones many times) within a time
budget; the rdflib side is skipped above ``--rdflib-max`` triples and a measurement that ran out
of time is not tried at larger sizes (the table says so). Results go to
``bench/results/bench-<timestamp>.json``; a log–log plot of time against size to
``bench/results/bench-<timestamp>.png`` and ``.svg`` (matplotlib, the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, next to this file)

RESULTS = HERE / "results"
AS_OF = date.fromisoformat(generate.AS_OF.isoformat())
OPS = ("load", "trace", "contributors", "coverage", "validate")


# =================================================================================================
# the worker: one stack, one graph, one process
# =================================================================================================


class OutOfTimeError(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`OutOfTimeError` in this (main) thread after ``seconds``."""

    def ring(signum: int, frame: object) -> None:
        raise OutOfTimeError()

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def rss_kib(field: str = "VmHWM", pid: int | str = "self") -> int:
    """A memory figure of a process from /proc (kB): VmHWM is the peak resident set."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(fn: Callable[[], Any], *, repeats: int, budget: float,
            fast: float = 1.0) -> dict[str, Any]:
    """Time ``fn``: at least once, ``repeats`` times (5× as many if it is fast), within budget.

    A first call under ``fast`` seconds is a warm-up and not counted.
    """
    samples: list[float] = []
    started = time.perf_counter()
    result: Any = None
    try:
        with deadline(budget):
            t = time.perf_counter()
            result = fn()
            first = time.perf_counter() - t
            want = repeats * 5 if first < fast else repeats
            if first >= fast:
                samples.append(first)
            while len(samples) < want:
                spent = time.perf_counter() - started
                if samples and spent + statistics.median(samples) > budget * 0.9:
                    break
                if not samples and spent + first > budget * 0.9:
                    samples.append(first)
                    break
                t = time.perf_counter()
                result = fn()
                samples.append(time.perf_counter() - t)
    except OutOfTimeError:
        return {"status": "timeout", "budget": budget, "samples": samples,
                "median": statistics.median(samples) if samples else None}
    return {"status": "ok", "median": statistics.median(samples), "samples": samples,
            "n": len(samples), "_result": result}


def interleaved(fns: dict[str, Callable[[], Any]], *, rounds: int,
                budget: float) -> dict[str, dict[str, Any]]:
    """Time each of ``fns`` in turn, round after round, so that the machine's noise falls on
    all of them alike (the ratios are what to read); at least one round, within ``budget``."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    started = time.perf_counter()
    for _ in range(rounds):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - t)
        spent = time.perf_counter() - started
        if spent + spent / len(samples[next(iter(fns))]) > budget:
            break
    return {name: {"status": "ok", "median": statistics.median(v), "samples": v, "n": len(v),
                   "interleaved": True} for name, v in samples.items()}


def _rows_digest(rows: list[tuple[str, ...]]) -> str:
    return hashlib.sha256("\n".join(sorted("\t".join(r) for r in rows)).encode()).hexdigest()[:16]


def _term(node: Any) -> str:
    from rdflib import BNode

    return "_:" if isinstance(node, BNode) or str(node).startswith(
        "https://w3id.org/glocal/.well-known/genid/") else str(node)


def _files(graph: Path) -> list[Path]:
    from glocal import resources

    return [resources.ontology_file(), resources.sdg_file(), graph]


def _answers(kind: str, answer: Any) -> dict[str, Any]:
    """What an answer holds, for comparing stacks: sizes and a digest of its content."""
    if kind == "trace":
        paths = [(*(_term(n.iri) for n in t.nodes), t.end) for t in answer]
        return {"paths": len(paths), "digest": _rows_digest(paths)}
    if kind == "contributors":
        nodes = [(_term(n.iri),) for n in answer]
        return {"nodes": len(nodes), "paths": len(answer.traces), "digest": _rows_digest(nodes)}
    if kind == "coverage":
        rows = [(str(s.sdg), _term(x.node), str(x.via), x.basis) for s in answer.sdgs
                for x in s.served_by]
        return {"sdgs": len(answer.sdgs), "served": len(rows), "digest": _rows_digest(rows)}
    return {}


def _validation_keys(results: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    by_shape: dict[str, int] = {}
    for _, shape, severity, _ in results:
        key = f"{shape.rsplit('#', 1)[-1]} ({severity})"
        by_shape[key] = by_shape.get(key, 0) + 1
    return {"results": len(results), "digest": _rows_digest(results),
            "by_shape": dict(sorted(by_shape.items()))}


class Capture:
    """Wraps a glocal backend: records every query text it runs (to replay them raw)."""

    def __init__(self, backend: Any) -> None:
        self.backend, self.queries, self.on = backend, [], False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.backend, name)

    def select(self, query: str) -> Any:
        if self.on:
            self.queries.append(query)
        return self.backend.select(query)

    def ask(self, query: str) -> Any:
        if self.on:
            self.queries.append(query)
        return self.backend.ask(query)


def _raw(store: Any, queries: list[str]) -> int:
    """Run ``queries`` on a pyoxigraph store directly; touch every term of every answer."""
    import pyoxigraph as ox

    touched = 0
    for q in queries:
        answer = store.query(q, use_default_graph_as_union=True)
        if isinstance(answer, ox.QuerySolutions):
            for solution in answer:  # the fastest way to read every term of a solution
                for term in solution:
                    if term is not None:
                        touched += len(term.value)
        else:
            touched += bool(answer)
    return touched


def measured(op: str, call: Callable[[], Any], args: argparse.Namespace, out: dict[str, Any],
             validation_keys: Callable[[Any], list[tuple[str, str, str, str]]],
             ) -> tuple[dict[str, Any], Any] | None:
    """Time ``call`` into ``out[op]`` with a digest of its answer (validation results by
    ``validation_keys``); the cell and the answer, or None if skipped or out of time."""
    if op in args.skip:
        out[op] = {"status": "skipped"}
        return None
    m = measure(call, repeats=args.repeats, budget=args.budget)
    answer = m.pop("_result", None)
    out[op] = m
    if answer is None:
        return None
    try:
        m["answer"] = (_validation_keys(validation_keys(answer)) if op == "validate"
                       else _answers(op, answer))
    except Exception as exc:
        m["answer"] = {"error": f"{type(exc).__name__}: {exc}"}
    return m, answer


def worker_glocal(graph: Path, manifest: dict[str, Any], args: argparse.Namespace) -> dict:
    from rdflib import URIRef

    import glocal

    out: dict[str, Any] = {}
    glocal.load().close()  # warm-up: imports and the bundled graphs, not counted
    m = measure(lambda: glocal.load(graph), repeats=1, budget=args.budget)
    kg = m.pop("_result", None)
    out["load"] = m
    if kg is None:
        return out
    # glocal.load and raw Store.load of the same files, in turns in this one process
    del kg
    loads = interleaved({"load": lambda: glocal.load(graph), "load_raw": lambda: _raw_load(graph)},
                        rounds=args.repeats, budget=args.budget * 2)
    out.update(loads)
    kg = glocal.load(graph)
    out["rss_after_load_kib"] = rss_kib("VmRSS")
    capture = Capture(kg._backend)
    kg._backend = capture
    store = capture.backend._store
    calls = {
        "trace": lambda: kg.trace(URIRef(manifest["sample_activity"])),
        "contributors": lambda: kg.contributors(URIRef(manifest["sample_target"])),
        "coverage": lambda: kg.coverage(),
        "validate": lambda: kg.validate(as_of=AS_OF),
    }
    def report_keys(report: Any) -> list[tuple[str, str, str, str]]:
        return [(_term(r.focus), r.shape, r.severity, "" if r.value is None else _term(r.value))
                for r in report.results]

    for op, call in calls.items():
        # validate on the store itself: behind the capturing wrapper glocal would not see its
        # embedded store and would fall back to pySHACL
        kg._backend = capture.backend if op == "validate" else capture
        done = measured(op, call, args, out, report_keys)
        if done is None:
            continue
        m, answer = done
        if op == "validate":
            m["engine"] = answer.engine
            continue
        # the same query texts, run raw on the same store
        capture.queries, capture.on = [], True
        call()
        capture.on = False
        texts = list(capture.queries)

        def raw(texts: list[str] = texts) -> int:
            return _raw(store, texts)

        def query(texts: list[str] = texts, backend: Any = capture.backend) -> list[Any]:
            # glocal's query call alone (run, convert rows), without the walk
            return [backend.select(t) if "SELECT" in t.upper() else backend.ask(t)
                    for t in texts]

        if m["median"] < 2.0:  # the call, its raw queries and its query call, in turns
            kg._backend = capture.backend
            cells = interleaved({op: call, "raw": raw, "query": query},
                                rounds=200 if m["median"] < 0.1 else args.repeats * 3,
                                budget=args.budget)
            kg._backend = capture
            m.update(cells[op])
            r, q = cells["raw"], cells["query"]
        else:
            r = measure(raw, repeats=args.repeats, budget=args.budget)
            q = measure(query, repeats=args.repeats, budget=args.budget)
            r.pop("_result", None)
            q.pop("_result", None)
        r["queries"] = len(texts)
        out[f"{op}_raw"] = r
        out[f"{op}_query"] = q
    out["peak_rss_kib"] = rss_kib("VmHWM")
    return out


def _raw_load(graph: Path) -> Any:
    """Raw pyoxigraph: ``Store.load`` of the ontology, the SDG graph and ``graph``."""
    import pyoxigraph as ox

    formats = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
    store = ox.Store()
    for i, path in enumerate(_files(graph)):
        store.load(path=str(path), format=formats[path.suffix],
                   to_graph=ox.NamedNode(f"https://w3id.org/glocal/graph/bench/{i}"))
    return store


def worker_oxigraph(graph: Path, manifest: dict[str, Any], args: argparse.Namespace) -> dict:
    m = measure(lambda: _raw_load(graph), repeats=args.repeats, budget=args.budget)
    m.pop("_result", None)
    return {"load": m, "rss_after_load_kib": rss_kib("VmRSS"), "peak_rss_kib": rss_kib()}


class RdflibBackend:
    """glocal's ``Backend`` protocol over one rdflib ``Graph`` and rdflib's SPARQL engine."""

    def __init__(self, graph: Any) -> None:
        self.graph = graph

    def select(self, query: str) -> list[dict[str, Any]]:
        result = self.graph.query(query)
        names = [str(v) for v in result.vars]
        return [{n: row[i] for i, n in enumerate(names) if row[i] is not None} for row in result]

    def ask(self, query: str) -> bool:
        return bool(self.graph.query(query).askAnswer)

    def graphs(self) -> list[Any]:
        return []

    def __len__(self) -> int:
        return len(self.graph)


def rdflib_kg(graph: Any) -> Any:
    """A ``KnowledgeGraph`` running glocal's own code and queries on rdflib's SPARQL engine.

    Values are passed as rdflib's ``initBindings`` (what an rdflib user writes), not as glocal's
    ``VALUES`` block, which rdflib's engine evaluates more slowly.
    """
    from glocal.rdf import sparql
    from glocal.store.graph import KnowledgeGraph

    class RdflibKnowledgeGraph(KnowledgeGraph):
        def query(self, query: str, *, bindings: Any = None) -> Any:
            sparql.check(query)
            result = graph.query(query, initBindings=dict(bindings or {}))
            names = [str(v) for v in result.vars]
            return [{n: row[i] for i, n in enumerate(names) if row[i] is not None}
                    for row in result]

        def ask(self, query: str, *, bindings: Any = None) -> bool:
            sparql.check(query)
            return bool(graph.query(query, initBindings=dict(bindings or {})).askAnswer)

    return RdflibKnowledgeGraph(RdflibBackend(graph))


def bound_shapes(as_of: date) -> Any:
    """glocal's shapes as plain pySHACL takes them: the review dates written into the queries."""
    from rdflib import Graph, Literal
    from rdflib.namespace import SH

    from glocal import resources
    from glocal.validation.validate import review_dates

    shapes = Graph()
    for path in resources.shape_files():
        shapes.parse(path, format="turtle")
    dates = review_dates(as_of)
    for node, text in list(shapes.subject_objects(SH.select)):
        used = sorted(set(re.findall(r"[?$](asOf|fourYearsBefore|sinceYearAfterElection)\b",
                                     str(text))))
        if used:
            where = re.search(r"\bWHERE\s*\{", str(text), re.IGNORECASE)
            assert where is not None
            binds = "".join(f" BIND({Literal(dates[v]).n3()} AS ?{v})" for v in used)
            shapes.set((node, SH.select, Literal(str(text)[:where.end()] + binds
                                                 + str(text)[where.end():])))
    return shapes


def worker_rdflib(graph: Path, manifest: dict[str, Any], args: argparse.Namespace) -> dict:
    from rdflib import RDF, Graph, URIRef
    from rdflib.namespace import SH

    formats = {".ttl": "turtle", ".nt": "nt"}

    def load() -> Graph:
        g = Graph()
        for path in _files(graph):
            g.parse(path, format=formats[path.suffix])
        return g

    out: dict[str, Any] = {}
    m = measure(load, repeats=args.repeats, budget=args.budget)
    g = m.pop("_result", None)
    out["load"] = m
    if g is None:
        return out
    out["rss_after_load_kib"] = rss_kib("VmRSS")
    kg = rdflib_kg(g)  # glocal's own code, rdflib's engine underneath
    shapes = bound_shapes(AS_OF)

    def validate() -> Graph:
        from pyshacl import validate as shacl

        _, results, _ = shacl(g, shacl_graph=shapes, inference="none", advanced=True,
                              allow_warnings=True, do_owl_imports=False, js=False)
        return results

    calls = {
        "trace": lambda: kg.trace(URIRef(manifest["sample_activity"])),
        "contributors": lambda: kg.contributors(URIRef(manifest["sample_target"])),
        "coverage": lambda: kg.coverage(),
        "validate": validate,
    }
    def report_keys(answer: Graph) -> list[tuple[str, str, str, str]]:
        keys = []
        details = set(answer.objects(None, SH.detail))
        for r in set(answer.subjects(RDF.type, SH.ValidationResult)) - details:
            focus = answer.value(r, SH.focusNode)
            value = answer.value(r, SH.value)
            severity = str(answer.value(r, SH.resultSeverity)).rsplit("#", 1)[-1].lower()
            keys.append((_term(focus), str(answer.value(r, SH.sourceShape)), severity,
                         "" if value is None or value == focus else _term(value)))
        return keys

    for op, call in calls.items():
        measured(op, call, args, out, report_keys)
    out["peak_rss_kib"] = rss_kib("VmHWM")
    return out


WORKERS = {"glocal": worker_glocal, "oxigraph": worker_oxigraph, "rdflib": worker_rdflib}


def run_worker(args: argparse.Namespace) -> int:
    graph = Path(args.graph)
    manifest = json.loads(graph.with_name(graph.name + ".manifest.json").read_text())
    if args.profile_to:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
    result = WORKERS[args.worker](graph, manifest, args)
    if args.profile_to:
        profiler.stop()
        target = Path(args.profile_to)
        target.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    result["status"] = "ok"
    print("BENCH-RESULT " + json.dumps(result, default=str))
    return 0


# =================================================================================================
# glocal serve under load
# =================================================================================================

LABEL_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label WHERE { ?node skos:prefLabel ?label }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree_peak_kib(pid: int) -> int:
    """Peak RSS of a process and its children (each one's VmHWM, summed)."""
    total = rss_kib("VmHWM", pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            total += _tree_peak_kib(int(stat.parent.name))
    return total


def bench_serve(graph: Path, manifest: dict[str, Any], *, requests: int, concurrency: int,
                timeout: float) -> dict[str, Any]:
    """Start ``glocal serve`` on ``graph``; fire ``requests`` queries, ``concurrency`` at once."""
    # the server's log goes to a file: a pipe nobody reads fills up (64 KiB of access log)
    # and blocks the server mid-run
    with tempfile.TemporaryFile() as log:
        return _serve(graph, manifest, log, requests=requests, concurrency=concurrency,
                      timeout=timeout)


def _serve(graph: Path, manifest: dict[str, Any], log: Any, *, requests: int,
           concurrency: int, timeout: float) -> dict[str, Any]:
    import httpx
    from rdflib import URIRef

    from glocal import resources
    from glocal.rdf.sparql import bind

    port = _free_port()
    code = ("import sys; from glocal.serve.app import serve, Settings; "
            f"serve(sys.argv[1], settings=Settings(port={port}))")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", code, str(graph)],
                              stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    out: dict[str, Any] = {}
    try:
        while True:
            if server.poll() is not None:
                log.seek(0)
                return {"status": "error", "detail": log.read().decode(errors="replace")[-2000:]}
            if time.perf_counter() - started > timeout:
                return {"status": "timeout", "budget": timeout}
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        out["startup_s"] = time.perf_counter() - started
        # what a page over the endpoint asks: the subgraph of a trace, and a node's label,
        # for activities spread over the graph
        starts = manifest.get("sample_activities") or [manifest["sample_activity"]]
        queries = [q for a in starts for q in (
            bind(resources.read_query("trace-graph"), {"start": URIRef(a)}),
            bind(LABEL_QUERY, {"node": URIRef(a)}))]

        async def fire() -> tuple[list[float], dict[int, int]]:
            latencies: list[float] = []
            statuses: dict[int, int] = {}
            gate = asyncio.Semaphore(concurrency)
            limits = httpx.Limits(max_connections=concurrency)
            async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
                async def one(i: int) -> None:
                    async with gate:
                        t = time.perf_counter()
                        r = await client.post("/sparql",
                                              data={"query": queries[i % len(queries)]},
                                              headers={"Accept":
                                                       "application/sparql-results+json"})
                        latencies.append(time.perf_counter() - t)
                        statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

                for i in range(concurrency):  # warm-up: one round, not counted
                    await one(i)
                latencies.clear()
                statuses.clear()
                t0 = time.perf_counter()
                await asyncio.gather(*(one(i) for i in range(requests)))
                out["wall_s"] = time.perf_counter() - t0
            return latencies, statuses

        latencies, statuses = asyncio.run(fire())
        latencies.sort()
        out.update({
            "status": "ok", "requests": requests, "concurrency": concurrency,
            "p50": latencies[len(latencies) // 2],
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
            "throughput_rps": requests / out["wall_s"], "http_status": statuses,
            "peak_rss_kib": _tree_peak_kib(server.pid),
        })
        return out
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# =================================================================================================
# the orchestrator
# =================================================================================================


def _label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k"


def graph_for(size: int, seed: int) -> Path:
    path = RESULTS / "data" / f"national-{_label(size)}-seed{seed}.nt"
    if not path.with_name(path.name + ".manifest.json").exists():
        print(f"  generating {path.name} …", file=sys.stderr, flush=True)
        generate.generate(path, triples=size, seed=seed)
    return path


def spawn(stack: str, graph: Path, args: argparse.Namespace, skip: set[str],
          profile: Path | None) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", stack, "--graph",
           str(graph), "--repeats", str(args.repeats), "--budget", str(args.budget)]
    if skip:
        cmd += ["--skip", ",".join(sorted(skip))]
    if profile is not None:
        cmd += ["--profile-to", str(profile)]
    limit = args.budget * (3 * len(OPS) + 2) + 120
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit,
                              env={**os.environ, "PYTHONHASHSEED": "0"})
    except subprocess.TimeoutExpired:
        return {"status": "timeout", "detail": f"the worker ran over {limit:.0f} s"}
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return dict(json.loads(line[len("BENCH-RESULT "):]))
    return {"status": "error", "detail": (done.stderr or "")[-3000:],
            "returncode": done.returncode}


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    mem = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = int(line.split()[1])
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    packages = {}
    for name in ("glocal", "pyoxigraph", "rdflib", "pyshacl", "httpx", "uvicorn", "starlette"):
        try:
            packages[name] = version(name)
        except Exception:
            packages[name] = None
    return {"nproc": os.cpu_count(), "memory_gib": round(mem / 1024 / 1024, 1), "cpu": cpu,
            "python": platform.python_version(), "platform": platform.platform(),
            "packages": packages}


def _median(cell: dict[str, Any] | None) -> float | None:
    if not cell or cell.get("status") != "ok":
        return None
    return float(cell["median"])


def _fmt_time(cell: dict[str, Any] | None, *, note_skip: str = "") -> str:
    if cell is None:
        return note_skip or "—"
    status = cell.get("status")
    if status == "timeout":
        return f"> {cell.get('budget', 0):.0f} s (timeout)"
    if status == "skipped":
        return cell.get("why", "skipped")
    if status != "ok":
        return status or "—"
    return _seconds(float(cell["median"]))


def _seconds(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.2f}×"


def table(results: dict[str, Any]) -> str:
    lines = ["| size | measurement | glocal | rdflib + pySHACL | rdflib ÷ glocal | raw pyoxigraph "
             "| glocal ÷ raw |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for size, row in results["sizes"].items():
        g, r, o = row.get("glocal", {}), row.get("rdflib", {}), row.get("oxigraph", {})
        r_note = row.get("rdflib_note", "")
        label = f"{size} ({row['triples']:,} triples)".replace(",", " ")
        for op in OPS:
            gc, rc = g.get(op), r.get(op) if r else None
            raw = (g.get("load_raw") or o.get("load")) if op == "load" else g.get(f"{op}_raw")
            lines.append(
                f"| {label} | {op} | {_fmt_time(gc)} | "
                f"{_fmt_time(rc, note_skip=r_note or '—')} | {_ratio(_median(rc), _median(gc))} | "
                f"{_fmt_time(raw) if raw else '—'} | {_ratio(_median(gc), _median(raw))} |")
            label = ""
        for op in ("trace", "contributors", "coverage"):
            q, raw = g.get(f"{op}_query"), g.get(f"{op}_raw")
            if q:
                lines.append(f"| | {op}: glocal's query call only | {_fmt_time(q)} | | | "
                             f"{_fmt_time(raw)} | {_ratio(_median(q), _median(raw))} |")
        mem = [f"{(s.get('peak_rss_kib') or 0) / 1024:.0f} MiB" if s else "—" for s in (g, r, o)]
        after = [f"{(s.get('rss_after_load_kib') or 0) / 1024:.0f} MiB" if s else "—"
                 for s in (g, r, o)]
        lines.append(f"| | memory after load | {after[0]} | {after[1] if r else r_note or '—'} "
                     f"| | {after[2]} | |")
        lines.append(f"| | peak memory (whole run) | {mem[0]} | {mem[1] if r else r_note or '—'} "
                     f"| | {mem[2]} | |")
        s = row.get("serve")
        if s and s.get("status") == "ok":
            lines.append(f"| | serve p50 / p99 ({s['concurrency']} at once, {s['requests']} "
                         f"requests) | {_seconds(s['p50'])} / {_seconds(s['p99'])} | | | | |")
            lines.append(f"| | serve startup · throughput · peak memory | "
                         f"{s['startup_s']:.1f} s · {s['throughput_rps']:.0f}/s · "
                         f"{s['peak_rss_kib'] / 1024:.0f} MiB | | | | |")
        elif s:
            lines.append(f"| | serve | {s.get('status')} | | | | |")
        v = row.get("validate_same")
        engine = (g.get("validate") or {}).get("engine")
        if v is not None or engine:
            lines.append(f"| | validate: glocal's engine · same results as pySHACL | "
                         f"{engine or '—'} · {v or 'not compared'} | | | | |")
    return "\n".join(lines)


def plot(results: dict[str, Any], stem: Path) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no plot",
              file=sys.stderr)
        return []
    fig, axes = plt.subplots(1, len(OPS), figsize=(4 * len(OPS), 4), sharex=True)
    for ax, op in zip(axes, OPS, strict=True):
        for stack, style in (("glocal", "o-"), ("rdflib", "s--"), ("oxigraph", "^:")):
            xs, ys = [], []
            for row in results["sizes"].values():
                g = row.get("glocal") or {}
                if stack == "oxigraph":  # raw: the same files, or the same query texts
                    cell = (g.get("load_raw") or (row.get("oxigraph") or {}).get("load")
                            if op == "load" else g.get(f"{op}_raw"))
                else:
                    cell = (row.get(stack) or {}).get(op)
                y = _median(cell)
                if y is not None:
                    xs.append(row["triples"])
                    ys.append(y)
            if xs:
                name = {"rdflib": "rdflib + pySHACL", "oxigraph": "raw pyoxigraph"}.get(stack,
                                                                                        stack)
                ax.plot(xs, ys, style, label=name)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(op)
        ax.set_xlabel("triples")
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylabel("median time (s)")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    written = []
    for ext in ("png", "svg"):
        path = stem.with_suffix("." + ext)
        fig.savefig(path, dpi=120)
        written.append(str(path))
    plt.close(fig)
    return written


def orchestrate(args: argparse.Namespace) -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    results: dict[str, Any] = {"started": stamp, "machine": machine(), "command": sys.argv,
                               "settings": {k: v for k, v in vars(args).items()
                                            if k in ("sizes", "repeats", "budget", "seed",
                                                     "rdflib_max", "requests", "concurrency")},
                               "sizes": {}}
    skip: dict[str, set[str]] = {"glocal": set(), "rdflib": set(), "oxigraph": set()}
    for size in args.sizes:
        label = _label(size)
        graph = graph_for(size, args.seed)
        manifest = json.loads(graph.with_name(graph.name + ".manifest.json").read_text())
        row: dict[str, Any] = {"triples": manifest["triples"], "graph": str(graph.relative_to(ROOT)),
                               "manifest": {k: manifest[k] for k in (
                                   "municipalities", "documents", "faults", "sample_activity",
                                   "sample_target")}}
        results["sizes"][label] = row
        for stack in ("oxigraph", "glocal", "rdflib"):
            if stack == "rdflib" and size > args.rdflib_max:
                row["rdflib_note"] = f"not run above {_label(args.rdflib_max)}"
                continue
            print(f"[{label}] {stack} …", file=sys.stderr, flush=True)
            profile = (RESULTS / f"profile-{stamp}-{label}-{stack}.txt"
                       if args.profile and stack != "oxigraph" else None)
            t = time.perf_counter()
            row[stack] = spawn(stack, graph, args, skip[stack], profile)
            print(f"[{label}] {stack} done in {time.perf_counter() - t:.0f} s", file=sys.stderr,
                  flush=True)
            for op in OPS:
                cell = row[stack].get(op)
                if cell and cell.get("status") == "timeout":
                    skip[stack].add(op)
            for op in skip[stack]:
                if row[stack].get(op, {}).get("status") == "skipped":
                    row[stack][op]["why"] = "skipped: out of time at a smaller size"
        g, r = row.get("glocal", {}), row.get("rdflib", {})
        gv, rv = (g.get("validate") or {}).get("answer"), (r.get("validate") or {}).get("answer")
        if gv and rv:
            row["validate_same"] = "yes" if gv["digest"] == rv["digest"] else (
                f"NO: glocal {gv['results']} results, pySHACL {rv['results']}")
        for op in ("trace", "contributors", "coverage"):
            ga, ra = (g.get(op) or {}).get("answer"), (r.get(op) or {}).get("answer")
            if ga and ra:
                row[f"{op}_same"] = ga["digest"] == ra["digest"]
        if not args.no_serve:
            print(f"[{label}] serve …", file=sys.stderr, flush=True)
            row["serve"] = bench_serve(graph, manifest, requests=args.requests,
                                       concurrency=args.concurrency,
                                       timeout=max(args.budget * 2 + 60,
                                                   manifest["triples"] / 1e6 * 120))
        _write(results, stamp)
    text = table(results)
    results["table"] = text
    json_path = _write(results, stamp)
    images = plot(results, RESULTS / f"bench-{stamp}")
    print(text)
    print()
    m = results["machine"]
    print(f"machine: {m['nproc']} cores, {m['memory_gib']} GiB, {m['cpu']}; Python {m['python']}; "
          + ", ".join(f"{k} {v}" for k, v in m["packages"].items()))
    print(f"results: {json_path}")
    for image in images:
        print(f"plot: {image}")
    return 0


def _write(results: dict[str, Any], stamp: str) -> Path:
    path = RESULTS / f"bench-{stamp}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k,1M",
                        help="graph sizes in triples, comma-separated (default 10k,100k,1M)")
    parser.add_argument("--repeats", type=int, default=5,
                        help="timed runs of each slow measurement; 5× as many for fast ones "
                             "(default 5)")
    parser.add_argument("--budget", type=float, default=90.0,
                        help="seconds one measurement may take in all (default 90)")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--rdflib-max", type=generate.parse_size, default=generate.parse_size("1M"),
                        help="do not run the rdflib side above this size (default 1M)")
    parser.add_argument("--requests", type=int, default=400,
                        help="queries sent to glocal serve per size (default 400)")
    parser.add_argument("--concurrency", type=int, default=8,
                        help="queries in flight at once (default 8)")
    parser.add_argument("--no-serve", action="store_true", help="skip the glocal serve load")
    parser.add_argument("--profile", action="store_true",
                        help="profile each worker with pyinstrument (bench/results/profile-*.txt)")
    # the worker side (internal)
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--graph", help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="", help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        args.skip = set(filter(None, args.skip.split(",")))
        return run_worker(args)
    args.sizes = [generate.parse_size(s) for s in args.sizes.split(",")]
    return orchestrate(args)


if __name__ == "__main__":
    sys.exit(main())
