"""Real servers on loopback for the server and remote tests: glocal serve, Oxigraph, Virtuoso.

Each helper starts its server as a subprocess on free 127.0.0.1 ports in a temporary folder,
waits (boundedly) until it answers, and stops it on the way out. Virtuoso and Chromium come
from Debian (``scripts/install-test-services.sh``); a test that needs a missing one is skipped
with that hint.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
INSTALL_HINT = "run scripts/install-test-services.sh (as root) to install it"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Service:
    """A server running as a subprocess: its base URL, the process and its log file."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self, seconds: float = 20.0) -> int:
        """SIGTERM, then SIGKILL if it has not exited within ``seconds``; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path,
                  seconds: float = 30.0) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it dies or never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}):\n"
                        + log.read_text(encoding="utf-8", errors="replace"))
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    process.kill()
    pytest.fail(f"{url} did not answer within {seconds} s:\n"
                + log.read_text(encoding="utf-8", errors="replace"))


def _start(command: list[str], workdir: Path, ready: str, url: str,
           seconds: float = 30.0) -> Service:
    log = workdir / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=workdir,
                                   stdin=subprocess.DEVNULL)
    wait_until_up(ready, process, log, seconds)
    return Service(url, process, log)


@contextmanager
def glocal_serve(workdir: Path, *options: str) -> Iterator[Service]:
    """``glocal serve OPTIONS`` (the installed console script) on a free loopback port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    service = _start([str(BIN / "glocal"), "serve", "--port", str(port), *options], workdir,
                     f"{base}/health", base)
    try:
        yield service
    finally:
        service.stop()


@contextmanager
def oxigraph_server(workdir: Path) -> Iterator[Service]:
    """Oxigraph server (PyPI ``oxigraph``) with a store in ``workdir``; base URL without path.

    Its SPARQL endpoints are ``/query`` and ``/update``, its Graph Store endpoint ``/store``;
    its default graph is the union of the named graphs, as glocal's documentation advises.
    """
    executable = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if executable is None:
        pytest.skip("the Oxigraph server is not installed: pip install oxigraph")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    service = _start([executable, "serve", "--location", str(workdir / "oxigraph"),
                      "--bind", f"127.0.0.1:{port}", "--union-default-graph"], workdir, f"{base}/query?query=ASK%7B%7D",
                     base)
    try:
        yield service
    finally:
        service.stop()


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@dataclass
class Virtuoso(Service):
    """A Virtuoso instance: ``/sparql`` and ``/sparql-graph-crud`` (and their ``-auth`` twins)."""

    sql_port: int = 0

    def isql(self, statement: str) -> str:
        isql = shutil.which("isql-vt") or shutil.which("isql")
        assert isql is not None
        done = subprocess.run([isql, f"127.0.0.1:{self.sql_port}", "dba", "dba",
                               f"exec={statement}"], capture_output=True, text=True,
                              timeout=30, check=True)
        return done.stdout


@contextmanager
def virtuoso_server(workdir: Path) -> Iterator[Virtuoso]:
    """Virtuoso Open Source (Debian ``virtuoso-opensource``) with its own database in ``workdir``.

    The anonymous SPARQL user may update (for the unauthenticated endpoints); user ``dba`` with
    password ``dba`` uses the ``-auth`` endpoints (Digest authentication).
    """
    executable = shutil.which("virtuoso-t")
    if executable is None or shutil.which("isql-vt") is None:
        pytest.skip(f"Virtuoso is not installed: {INSTALL_HINT}")
    sql_port, http_port = free_port(), free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=workdir, sql_port=sql_port, http_port=http_port),
                   encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    started = _start([executable, "+foreground", "+configfile", str(ini)], workdir,
                     f"{base}/sparql?query=ASK%7B%7D", base, seconds=90)
    service = Virtuoso(started.url, started.process, started.log, sql_port)
    try:
        service.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
        yield service
    finally:
        service.stop(30)


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (Linux ``/proc``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of process ``pid`` so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
