"""The endpoint's memory under refused and accepted queries: flat, not growing per request.

    python bench/bench_security.py            # 1,000 refused + 1,000 accepted, loopback only

It starts ``glocal serve`` on the bundled data (127.0.0.1, a free port), sends 1,000 queries of
about 60 KiB that are refused (``SERVICE`` at the end, each text different, so no cache can
answer them), then 1,000 small accepted queries, and reads the resident memory (VmRSS) of the
endpoint process and of its workers from ``/proc`` before, between and after. While the refused
queries run it also times ``/health`` from a second client (the check runs off the event loop).
It prints one JSON object and writes nothing else; the numbers go into bench/README.md.
"""

from __future__ import annotations

import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _memory(base: str, pid: int) -> dict[str, int]:
    workers = httpx.get(base + "/health", timeout=10).json()["worker_pids"]
    return {"endpoint_kib": _rss_kib(pid), "workers_kib": sum(_rss_kib(w) for w in workers)}


def _refused(i: int) -> str:
    body = " ".join(f"?s{i}_{k} <urn:p> 'v{k}' ." for k in range(2150))
    return f"SELECT * WHERE {{ {body} SERVICE <http://127.0.0.1:9/{i}> {{ }} }}"


ACCEPTED = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?label WHERE { "
            "<http://metadata.un.org/sdg/17> skos:prefLabel ?label FILTER(?label != \"%d\") }")


def main() -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "serve.log"
        with log.open("wb") as out:
            server = subprocess.Popen([str(BIN / "glocal"), "serve", "--port", str(port)],
                                      stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(log.read_text())
                time.sleep(0.2)
            print(json.dumps(_run(base, server.pid), indent=2))
        finally:
            server.terminate()
            server.wait(30)


def _run(base: str, pid: int) -> dict[str, object]:
    with httpx.Client(timeout=60) as client:
        for i in range(50):  # warm up both paths
            client.post(base + "/sparql", data={"query": _refused(10_000 + i)})
            client.get(base + "/sparql", params={"query": ACCEPTED % i})
        start = _memory(base, pid)
        health: list[float] = []
        stop = threading.Event()

        def probe() -> None:
            with httpx.Client(timeout=30) as other:
                while not stop.is_set():
                    t0 = time.perf_counter()
                    other.get(base + "/health")
                    health.append(time.perf_counter() - t0)
                    time.sleep(0.05)

        prober = threading.Thread(target=probe)
        prober.start()
        t0 = time.perf_counter()
        statuses = {}
        for i in range(1000):
            r = client.post(base + "/sparql", data={"query": _refused(i)})
            statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
        refused_seconds = time.perf_counter() - t0
        stop.set()
        prober.join()
        after_refused = _memory(base, pid)
        t0 = time.perf_counter()
        accepted = {}
        for i in range(1000):
            r = client.get(base + "/sparql", params={"query": ACCEPTED % i},
                           headers={"Accept": "application/sparql-results+json"})
            accepted[r.status_code] = accepted.get(r.status_code, 0) + 1
        accepted_seconds = time.perf_counter() - t0
        after_accepted = _memory(base, pid)
    return {
        "refused_query_bytes": len(_refused(999).encode()),
        "refused_statuses": statuses, "accepted_statuses": accepted,
        "memory_start": start, "memory_after_1000_refused": after_refused,
        "memory_after_1000_accepted": after_accepted,
        "refused_seconds": round(refused_seconds, 2),
        "accepted_seconds": round(accepted_seconds, 2),
        "health_during_refused_ms": {
            "median": round(statistics.median(health) * 1000, 1),
            "max": round(max(health) * 1000, 1), "samples": len(health)},
    }


if __name__ == "__main__":
    main()
