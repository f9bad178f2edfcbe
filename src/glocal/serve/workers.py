"""Run SPARQL queries in worker processes that can be stopped: the endpoint's time and size limits.

pyoxigraph evaluates a query in native code that Python cannot interrupt, so the endpoint runs
each query in one of a small pool of worker processes. Every worker opens the same store on disk
read-only. A worker whose query overruns the time limit is killed and replaced, so no core stays
busy after the limit; a result over the row or byte cap is refused, never cut short silently.

Each worker takes away its own network before it opens the store
(:func:`glocal.sandbox.deny_network`), so a query cannot make it connect anywhere even if a
``SERVICE`` got past the endpoint's check,
and caps its own memory (``Limits.max_memory_bytes``): a query that needs more is stopped with
a clear error, its worker replaced.

This module imports neither rdflib nor the ASGI stack, so a worker starts in a fraction of a
second. The endpoint (``glocal.serve.app``) has already refused updates and ``SERVICE``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from glocal import sandbox
from glocal.errors import (
    BusyError,
    MemoryLimitError,
    QueryError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoppedError,
)
from glocal.rdf.results import (
    ASK_FORMATS,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    write_graph,
    write_solutions,
)
from glocal.store.lexical import Lexical

__all__ = ["Limits", "WorkerPool"]

_STARTUP_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may cost: wall-clock seconds, result rows (or triples), response bytes,
    and the memory of the worker running it (bytes of address space; None: no cap)."""

    timeout: float = 10.0
    max_results: int = 10_000
    max_response_bytes: int = 16 * 1024 * 1024
    max_memory_bytes: int | None = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class _Request:
    query: str
    format: str
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    union: bool  # the query names no dataset: its default graph is the union of all graphs


# --- the worker process ----------------------------------------------------------------------


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the endpoint process dies, however it dies."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def _work(conn: Connection, store_path: str, limits: Limits, prefixes: dict[str, str]) -> None:
    """The worker's main loop: open the store read-only, then answer requests until EOF."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the endpoint, which stops us
    denied = sandbox.deny_network()
    store = ox.Store.read_only(store_path)
    given = _Given(store, store_path)
    sandbox.limit_memory(limits.max_memory_bytes)
    conn.send(("ready", (os.getpid(), denied)))
    while True:
        try:
            request: _Request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", _answer(store, request, limits, prefixes, given)))
        except ResultTooLargeError as exc:
            conn.send(("too-large", (exc.limit, exc.unit)))
        except MemoryError:
            conn.send(("memory", None))
        except SyntaxError as exc:
            conn.send(("query", f"the query does not parse: {exc.msg}"))
        except (OSError, RuntimeError, ValueError, QueryError) as exc:
            conn.send(("query", f"the query failed: {exc}"))


class _Given:
    """The literals the store keeps in another form than they were given
    (:mod:`glocal.store.lexical`), to answer in the form given."""

    def __init__(self, store: ox.Store, store_path: str) -> None:
        self.lexical = Lexical(store_path)
        self.terms = self.lexical.terms(
            lambda kept: sum(1 for _ in store.quads_for_pattern(None, None, kept, None)))

    def rows(self, variables: Sequence[str], rows: list[ox.QuerySolution]) -> list[Any]:
        if not self.terms:
            return rows
        terms = self.terms
        return [{v: terms.get(row[v], row[v]) for v in variables} for row in rows]


def _answer(store: ox.Store, request: _Request, limits: Limits, prefixes: dict[str, str],
            given: _Given) -> bytes:
    options: dict[str, Any] = {}
    if request.default_graphs or request.named_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    elif request.union:
        options["use_default_graph_as_union"] = True
    results = store.query(request.query, **options)
    if isinstance(results, ox.QueryBoolean):
        if request.format not in ASK_FORMATS:
            raise QueryError(f"an ASK answer cannot be written as {request.format}")
        body = results.serialize(format=ASK_FORMATS[request.format]) or b""
    elif isinstance(results, ox.QuerySolutions):
        if request.format not in RESULT_FORMATS:
            raise QueryError(f"a SELECT result cannot be written as {request.format}")
        variables = [v.value for v in results.variables]
        rows = list(itertools.islice(results, limits.max_results + 1))
        if len(rows) > limits.max_results:
            raise ResultTooLargeError(limits.max_results, "rows")
        body = write_solutions(request.format, variables, given.rows(variables, rows))
    else:
        if request.format not in GRAPH_FORMATS:
            raise QueryError(f"a graph cannot be written as {request.format}")
        triples = list(itertools.islice(results, limits.max_results + 1))
        if len(triples) > limits.max_results:
            raise ResultTooLargeError(limits.max_results, "triples")
        body = write_graph(request.format, given.lexical.restore_triples(triples), prefixes)
    if len(body) > limits.max_response_bytes:
        raise ResultTooLargeError(limits.max_response_bytes, "bytes")
    return body


# --- the pool, on the endpoint's side --------------------------------------------------------


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection, pid: int) -> None:
        self.process = process
        self.conn = conn
        self.pid = pid

    def stop(self) -> None:
        """Kill the process at once (SIGKILL: native code cannot ignore it) and reap it."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the read-only store at ``store_path``.

    ``await pool.run(query, format)`` hands the query to an idle worker and returns the
    serialised answer; it raises :class:`QueryTimeoutError`, :class:`ResultTooLargeError`,
    :class:`BusyError` or :class:`~glocal.errors.QueryError`.
    """

    def __init__(self, store_path: Path, *, size: int, limits: Limits,
                 prefixes: dict[str, str]) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self.limits = limits
        self._store_path = str(store_path)
        self._prefixes = prefixes
        self._context = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="glocal-query")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        self._replacing = 0
        #: Whether the workers run without a network (False where seccomp is not available).
        self.network_denied = False

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start every worker and wait until each has opened the store."""
        self._loop = asyncio.get_running_loop()
        started = await asyncio.gather(
            *(self._loop.run_in_executor(self._threads, self._spawn) for _ in range(self.size))
        )
        for worker in started:
            self._idle.put_nowait(worker)

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_work, args=(child, self._store_path, self.limits, self._prefixes),
            name="glocal-query-worker", daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent, process.pid or 0)
        if not parent.poll(_STARTUP_SECONDS):
            worker.stop()
            raise RuntimeError(f"a query worker did not start within {_STARTUP_SECONDS:g} s")
        try:
            _, (pid, denied) = parent.recv()
        except EOFError:
            worker.stop()
            raise RuntimeError(
                f"a query worker could not open the store at {self._store_path}"
            ) from None
        worker.pid = pid
        self.network_denied = denied
        with self._lock:
            self._workers.add(worker)
        return worker

    def close(self) -> None:
        """Stop every worker, busy or idle; no process is left behind."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop()
        self._threads.shutdown(wait=False, cancel_futures=True)

    # -- state -------------------------------------------------------------------------------

    @property
    def pids(self) -> list[int]:
        """The process ids of the live workers."""
        with self._lock:
            return sorted(w.pid for w in self._workers)

    @property
    def idle(self) -> int:
        return self._idle.qsize()

    @property
    def replacing(self) -> int:
        """Workers being started in place of ones that were stopped."""
        with self._lock:
            return self._replacing

    # -- running -----------------------------------------------------------------------------

    async def run(self, query: str, format: str, *, default_graphs: Sequence[str] = (),
                  named_graphs: Sequence[str] = (), union: bool = True) -> bytes:
        """The answer to ``query`` written in ``format`` (a key of the format tables).

        Without ``default_graphs`` or ``named_graphs`` (the protocol's dataset), the query's
        default graph is the union of all graphs if ``union``, else what its ``FROM`` names.
        """
        if self._loop is None or self._closed:
            raise StoppedError
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.limits.timeout)
        except TimeoutError:
            raise BusyError(self.limits.timeout) from None
        request = _Request(query, format, tuple(default_graphs), tuple(named_graphs), union)
        future = self._loop.run_in_executor(self._threads, self._exchange, worker, request)
        future.add_done_callback(_retrieve)  # a cancelled request must not leak an error
        status, payload = await asyncio.shield(future)  # the worker is handed back regardless
        if status == "ok":
            assert isinstance(payload, bytes)
            return payload
        if status == "timeout":
            raise QueryTimeoutError(self.limits.timeout)
        if status == "stopped":
            raise StoppedError
        if status == "too-large":
            limit, unit = payload
            raise ResultTooLargeError(limit, unit)
        if status == "memory":
            raise MemoryLimitError(self.limits.max_memory_bytes or 0)
        raise QueryError(str(payload))

    def _exchange(self, worker: _Worker, request: _Request) -> tuple[str, Any]:
        """In a thread: send, wait at most the time limit, then hand back or replace the worker."""
        try:
            worker.conn.send(request)
            if worker.conn.poll(self.limits.timeout):
                reply: tuple[str, Any] = worker.conn.recv()
                self._release(worker)
                return reply
            outcome: tuple[str, Any] = ("timeout", None)
        except (EOFError, OSError, BrokenPipeError):
            if self._closed:
                return ("stopped", None)
            worker.process.join(1)
            # native code that cannot allocate aborts (SIGABRT); the kernel's OOM killer kills
            if self.limits.max_memory_bytes is not None and worker.process.exitcode in (
                    -signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV):
                outcome = ("memory", None)
            else:
                outcome = ("query", "the query worker stopped unexpectedly; it has been replaced")
        self._replace(worker)
        return outcome

    def _release(self, worker: _Worker) -> None:
        assert self._loop is not None
        if self._closed:
            worker.stop()
            return
        self._loop.call_soon_threadsafe(self._idle.put_nowait, worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._workers.discard(worker)
            self._replacing += 1
        try:
            worker.stop()
            if self._closed:
                return
            with contextlib.suppress(RuntimeError):  # else the pool runs one short: /health
                self._release(self._spawn())
        finally:
            with self._lock:
                self._replacing -= 1


def _retrieve(future: asyncio.Future[tuple[str, Any]]) -> None:
    if not future.cancelled():
        future.exception()
