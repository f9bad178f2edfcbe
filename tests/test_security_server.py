"""The endpoint under attack: DNS rebinding, slow clients, invalid UTF-8, memory bombs,
workers being replaced, FROM, XML results, what a killed server leaves behind; and the
library's query check keeping nothing per refused query."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from xml.dom import minidom

import httpx
import pytest
from rdflib import Graph, URIRef

import glocal
from glocal import resources
from glocal.store.graph import GRAPH
from services import BIN, Service, free_port, glocal_serve, wait_until_up

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

SD = "http://www.w3.org/ns/sparql-service-description#"
CSV = {"Accept": "text/csv"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    data = tmp_path_factory.mktemp("data") / "odd.nt"
    data.write_text('<urn:x:odd> <urn:x:p> "a\\u0001b\\u000Cc" .\n', encoding="utf-8")
    with glocal.open(path) as kg:
        kg.add(*resources.data_files(), data)
    return path


def _client(store: Path, base_url: str = "http://127.0.0.1", **settings: object) -> object:
    from starlette.testclient import TestClient

    from glocal.serve.app import Settings, create_app

    return TestClient(create_app(store, Settings(**settings)),  # type: ignore[arg-type]
                      base_url=base_url)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, store: Path) -> Iterator[Service]:
    with glocal_serve(tmp_path_factory.mktemp("serve"), "--store", str(store),
                      "--workers", "2", "--timeout", "2", "--header-timeout", "1",
                      "--body-timeout", "1", "--max-memory-bytes", str(768 * 1024 * 1024)
                      ) as service:
        yield service


# --- Host and the service description --------------------------------------------------------


def test_only_the_served_host_names_are_answered(store: Path) -> None:
    with _client(store, workers=1) as client:  # type: ignore[attr-defined]
        for host in ("127.0.0.1", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
            assert client.get("/health", headers={"Host": host}).status_code == 200, host
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""):
            response = client.get("/sparql", params={"query": "ASK {}"},
                                  headers={"Host": host})
            assert response.status_code == 400, host
            assert "Host header" in response.text
    with _client(store, base_url="http://data.example", workers=1,
                 allowed_hosts=("data.example",)) as client:  # type: ignore[attr-defined]
        assert client.get("/health").status_code == 200
        assert client.get("/health", headers={"Host": "localhost"}).status_code == 400


def test_the_service_description_never_reflects_an_unchecked_host(store: Path) -> None:
    with _client(store, base_url="http://evil.example", workers=1, host="0.0.0.0",
                 port=8123) as client:  # type: ignore[attr-defined]
        text = client.get("/sparql", headers={"Accept": "text/turtle"}).text
        assert "evil.example" not in text
        description = Graph().parse(data=text, format="turtle")
        endpoint = next(description.objects(None, URIRef(SD + "endpoint")))
        assert str(endpoint) == f"http://{socket.gethostname()}:8123/sparql"


# --- protocol details ------------------------------------------------------------------------


def test_invalid_utf8_in_a_get_is_refused_as_in_a_post(store: Path) -> None:
    with _client(store, workers=1) as client:  # type: ignore[attr-defined]
        get = client.get("/sparql?query=ASK%20%7B%7D%FF")
        assert get.status_code == 400
        assert "not UTF-8" in get.text
        post = client.post("/sparql", content=b"query=ASK%20%7B%7D%FF",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert post.status_code == 400
        assert "not UTF-8" in post.text
        assert client.get("/sparql?query=ASK%20%7B%7D%C3%A5").status_code == 400  # no å}
        assert client.get("/sparql", params={"query": 'ASK { FILTER("å" != "") }'},
                          headers={"Accept": "application/json"}).status_code == 200


def test_from_and_from_named_on_the_endpoint(store: Path) -> None:
    with _client(store, workers=1) as client:  # type: ignore[attr-defined]
        def count(query: str, **extra: str) -> int:
            response = client.get("/sparql", params={"query": query, **extra}, headers=CSV)
            assert response.status_code == 200, response.text
            return int(response.text.split()[1])

        everything = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        sdg = count(f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH.sdg}> WHERE {{ ?s ?p ?o }}")
        assert 0 < sdg < everything
        assert count("SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }") == 0
        # the protocol's default-graph-uri wins over the query's FROM
        assert count("SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }",
                     **{"default-graph-uri": str(GRAPH.sdg)}) == sdg


def test_xml_results_stay_well_formed(store: Path) -> None:
    with _client(store, workers=1) as client:  # type: ignore[attr-defined]
        query = "SELECT ?o WHERE { <urn:x:odd> ?p ?o }"
        xml = client.get("/sparql", params={"query": query},
                         headers={"Accept": "application/sparql-results+xml"})
        assert xml.status_code == 400
        assert "U+0001, which XML 1.0 cannot carry" in xml.text
        as_json = client.get("/sparql", params={"query": query},
                             headers={"Accept": "application/sparql-results+json"})
        assert as_json.json()["results"]["bindings"][0]["o"]["value"] == "a\x01b\x0cc"
        rdfxml = client.get("/sparql", params={"query": "CONSTRUCT WHERE { <urn:x:odd> ?p ?o }"},
                            headers={"Accept": "application/rdf+xml"})
        assert rdfxml.status_code == 400
        assert "XML 1.0" in rdfxml.text
        fine = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"},
                          headers={"Accept": "application/sparql-results+xml"})
        minidom.parseString(fine.content)  # well-formed


# --- slow clients ----------------------------------------------------------------------------


def _host(server: Service) -> tuple[str, int]:
    host, port = server.url.removeprefix("http://").split(":")
    return host, int(port)


def test_a_client_that_sends_its_headers_slowly_is_cut_off(server: Service) -> None:
    idle = socket.create_connection(_host(server))
    slow = socket.create_connection(_host(server))
    slow.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    started = time.monotonic()
    for conn in (idle, slow):
        conn.settimeout(10)
        assert _closed(conn)
    assert time.monotonic() - started < 8
    # a keep-alive connection gets the deadline again for its next request
    with socket.create_connection(_host(server)) as conn:
        conn.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        conn.settimeout(10)
        answer = b""
        while not answer.endswith(b"}"):
            answer += conn.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200")
        conn.sendall(b"GET /health HTTP/1.1\r\n")
        assert _closed(conn)


def _closed(conn: socket.socket) -> bool:
    try:
        return conn.recv(1024) == b""
    except ConnectionResetError:
        return True


def test_a_client_that_sends_its_body_slowly_gets_408(server: Service) -> None:
    with socket.create_connection(_host(server)) as conn:
        conn.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK")
        conn.settimeout(10)
        answer = conn.recv(65536)
    assert answer.startswith(b"HTTP/1.1 408"), answer


# --- workers ---------------------------------------------------------------------------------


def test_a_query_over_the_memory_cap_gets_a_clear_error(server: Service) -> None:
    bomb = ('SELECT (STRLEN(?x26) AS ?n) WHERE { BIND("' + "x" * 64 + '" AS ?x0) '
            + " ".join(f"BIND(CONCAT(?x{i},?x{i}) AS ?x{i + 1})" for i in range(26)) + " }")
    response = httpx.post(server.url + "/sparql", data={"query": bomb}, timeout=30)
    assert response.status_code in (422, 503), response.text
    assert "memory" in response.text or "longer than the limit" in response.text
    ok = httpx.get(server.url + "/sparql", params={"query": "ASK {}"},
                   headers={"Accept": "application/json"}, timeout=30)
    assert ok.json()["boolean"] is True


def test_health_counts_workers_being_replaced(server: Service) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    answers: list[httpx.Response] = []
    threads = [threading.Thread(target=lambda: answers.append(httpx.post(
        server.url + "/sparql", data={"query": runaway}, timeout=30))) for _ in range(2)]
    for thread in threads:
        thread.start()
    seen = []
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and (any(t.is_alive() for t in threads) or len(seen) < 5):
        health = httpx.get(server.url + "/health", timeout=5)
        seen.append((health.status_code, health.json()))
        time.sleep(0.02)
    for thread in threads:
        thread.join(30)
    assert all(a.status_code == 503 for a in answers)
    assert all(code == 200 for code, _ in seen), seen
    assert all(h["workers"] + h["replacing"] == 2 for _, h in seen), seen
    assert any(h["status"] == "replacing" for _, h in seen) or all(
        h["status"] == "ok" for _, h in seen)


# --- a killed server -------------------------------------------------------------------------


def _serve_in(tmp: Path) -> subprocess.Popen[bytes]:
    port = free_port()
    log = tmp / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(BIN / "glocal"), "serve", "--port", str(port),
                                    "--workers", "1"], stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, "TMPDIR": str(tmp)})
    wait_until_up(f"http://127.0.0.1:{port}/health", process, log, 60)
    return process


def test_the_data_copy_of_a_killed_server_is_removed_by_the_next(tmp_path: Path) -> None:
    first = _serve_in(tmp_path)
    copies = list(tmp_path.glob("glocal-serve-*"))
    assert len(copies) == 1
    first.send_signal(signal.SIGKILL)
    first.wait(10)
    assert copies[0].exists()
    second = _serve_in(tmp_path)
    try:
        now = list(tmp_path.glob("glocal-serve-*"))
        assert copies[0] not in now
        assert len(now) == 1
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    assert list(tmp_path.glob("glocal-serve-*")) == []


# --- the check keeps nothing -----------------------------------------------------------------


def test_refused_queries_leave_no_memory_behind() -> None:
    from glocal.rdf import sparql

    def refused(i: int) -> str:
        return f"SELECT * WHERE {{ {'?s ?p ?o . ' * 5000} FILTER(?o = {i}) SERVICE <x:> {{}} }}"

    for i in range(20):  # warm up
        sparql.shape(refused(i))
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(300):
        with pytest.raises(glocal.ForbiddenQueryError):
            sparql.check(refused(1000 + i))
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(s.size_diff for s in after.compare_to(before, "filename"))
    assert grown < 2 * 1024 * 1024, grown  # 300 queries of 60 KiB: a cache would keep 18 MB


def test_validate_has_a_default_time_limit() -> None:
    import inspect

    from glocal.options import VALIDATION_TIMEOUT as DEFAULT_TIMEOUT
    from glocal.validation.validate import validate

    assert inspect.signature(validate).parameters["timeout"].default == DEFAULT_TIMEOUT
    assert inspect.signature(glocal.KnowledgeGraph.validate).parameters[
        "timeout"].default == DEFAULT_TIMEOUT


def test_owlready2_never_sees_its_own_namespace() -> None:
    from rdflib import Literal

    from glocal.reasoning.reason import OWLREADY, _owl2_literals

    graph = Graph()
    graph.add((URIRef("urn:x:a"), URIRef(OWLREADY + "python_module"), Literal("os")))
    graph.add((URIRef(OWLREADY + "python_module"), URIRef("urn:x:p"), Literal("x")))
    graph.add((URIRef("urn:x:a"), URIRef("urn:x:p"), URIRef(OWLREADY + "python_name")))
    graph.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("x", datatype=URIRef(
        OWLREADY + "t"))))
    graph.add((URIRef("urn:x:a"), URIRef("urn:x:p"), Literal("kept")))
    assert [str(o) for _, _, o in _owl2_literals(graph)] == ["kept"]
