"""The SPARQL endpoint, ``glocal serve``: stock clients, refusals, limits, load, the query page.

Most tests talk over loopback to one ``glocal serve`` started with the installed console
script; the protocol details use Starlette's in-process test client on the same app factory.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

import glocal
from glocal import resources
from glocal.store.graph import GRAPH
from services import Service, alive, children, cpu_seconds, glocal_serve

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

TIMEOUT = 2.0  # the served time limit, seconds
MAX_RESULTS = 5000  # under the 9,000-odd statements of the bundled graph
MAX_RESPONSE = 300_000
MAX_QUERY = 16 * 1024  # rdflib's SPARQLStore sends its ~30 bound prefixes with each query
SIMPLE = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?label WHERE { <http://metadata.un.org/sdg/17> skos:prefLabel ?label }"""
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.fixture(scope="module")
def embedded() -> glocal.KnowledgeGraph:
    return glocal.load()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with glocal_serve(tmp_path_factory.mktemp("serve"), "--timeout", str(TIMEOUT),
                      "--workers", "2", "--max-results", str(MAX_RESULTS),
                      "--max-response-bytes", str(MAX_RESPONSE),
                      "--max-query-bytes", str(MAX_QUERY)) as service:
        yield service


def _endpoint(server: Service) -> str:
    return server.url + "/sparql"


def _worker_pids(server: Service) -> list[int]:
    pids: list[int] = httpx.get(server.url + "/health", timeout=5).json()["worker_pids"]
    return pids


# --- stock clients ---------------------------------------------------------------------------


def test_SPARQLWrapper_reads_every_result_format(server: Service,
                                                 embedded: glocal.KnowledgeGraph) -> None:
    from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

    expected = {str(r["label"]) for r in embedded.query(SIMPLE)}
    client = SPARQLWrapper(_endpoint(server))
    client.setQuery(SIMPLE)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert {r["label"]["value"] for r in rows} == expected
    assert {r["label"]["xml:lang"] for r in rows} >= {"sv", "en"}
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert {n.firstChild.data for n in document.getElementsByTagName("literal")} == expected
    client.setMethod("POST")
    client.setReturnFormat(CSV)
    assert client.query().convert().decode("utf-8").splitlines()[0] == "label"
    client.setReturnFormat(TSV)
    assert client.query().convert().decode("utf-8").splitlines()[0] == "?label"

    client.setQuery("ASK { <http://metadata.un.org/sdg/17.17> ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True  # type: ignore[index,call-overload]

    client.setQuery("CONSTRUCT WHERE { <http://metadata.un.org/sdg/17> ?p ?o }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    expected_graph = embedded.construct("CONSTRUCT WHERE { <http://metadata.un.org/sdg/17> ?p ?o }")
    assert len(graph) > 5
    assert set(graph) == set(expected_graph)


def test_rdflib_SPARQLStore_gives_the_embedded_answers(server: Service,
                                                       embedded: glocal.KnowledgeGraph) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(_endpoint(server), returnFormat="json")
    graph = Graph(store=store)
    text = resources.read_query("review-documents")
    result = graph.query(text)
    names = [str(v) for v in result.vars or ()]
    remote = sorted(tuple(str(v) if v is not None else "" for v in row)
                    for row in result)  # type: ignore[union-attr]
    local = sorted(tuple(str(r.get(n, "")) for n in names) for r in embedded.query(text))
    assert remote == local
    assert graph.query("ASK { ?s a ?o }").askAnswer is True
    store.close()


# --- protocol details, in process ------------------------------------------------------------


@pytest.fixture(scope="module")
def app_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    with glocal.open(path) as kg:
        kg.add(*resources.data_files())
    return path


def _client(store: Path, **settings: object) -> Iterator[object]:
    from starlette.testclient import TestClient

    from glocal.serve.app import Settings, create_app

    app = create_app(store, Settings(**settings))  # type: ignore[arg-type]
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture(scope="module")
def client(app_store: Path) -> Iterator[object]:
    yield from _client(app_store, timeout=5.0, workers=1)


def test_content_negotiation(client: httpx.Client) -> None:
    query = {"query": SIMPLE}
    for accept, media in [("application/sparql-results+json", "application/sparql-results+json"),
                          ("application/json", "application/sparql-results+json"),
                          ("application/sparql-results+xml", "application/sparql-results+xml"),
                          ("text/csv", "text/csv"),
                          ("text/tab-separated-values", "text/tab-separated-values"),
                          ("text/*;q=0.5, application/sparql-results+xml;q=0.9",
                           "application/sparql-results+xml"),
                          ("*/*", "application/sparql-results+json")]:
        response = client.get("/sparql", params=query, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media
    assert client.get("/sparql", params=query, headers={"Accept": "image/png"}).status_code == 406

    construct = {"query": "CONSTRUCT WHERE { <http://metadata.un.org/sdg/17> ?p ?o }"}
    graphs = []
    for accept, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
        response = client.post("/sparql", data=construct, headers={"Accept": accept})
        assert response.headers["content-type"].split(";")[0] == accept
        graphs.append(Graph().parse(data=response.content, format=fmt))
    assert len(graphs[0]) > 5
    assert all(set(g) == set(graphs[0]) for g in graphs)

    direct = client.post("/sparql", content=SIMPLE.encode(),
                         headers={"Content-Type": "application/sparql-query",
                                  "Accept": "text/csv"})
    assert direct.status_code == 200
    assert direct.text.startswith("label\r\n")
    ask = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "text/csv"})
    assert ask.status_code == 406


def test_service_description_and_dataset(client: httpx.Client,
                                         embedded: glocal.KnowledgeGraph) -> None:
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    description = Graph().parse(data=response.text, format="turtle")
    service = next(description.subjects(RDF.type, URIRef(SD + "Service")))
    assert (service, URIRef(SD + "endpoint"), URIRef("http://127.0.0.1/sparql")) in description
    names = set(description.objects(None, URIRef(SD + "name")))
    assert names == set(embedded.graphs())
    browser = client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False)
    assert browser.status_code == 303

    sdg = str(GRAPH.sdg)
    only_sdg = client.get("/sparql", params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/glocal/ontology#Goal> }",
        "default-graph-uri": sdg}, headers={"Accept": "text/csv"})
    assert only_sdg.text.split()[1] == "0"
    named = client.get("/sparql", params={
        "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": sdg},
        headers={"Accept": "text/csv"})
    assert named.text.split() == ["g", sdg]


def test_named_queries_listed_for_the_page(client: httpx.Client) -> None:
    listed = client.get("/queries").json()
    assert [q["name"] for q in listed] == resources.query_names()
    review = next(q for q in listed if q["name"] == "review-documents")
    assert review["title"].startswith("Each governing document")
    assert review["sv"]
    page = client.get("/")
    assert page.status_code == 200
    assert "static/query.js" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/query.js").status_code == 200


def test_cors_is_closed_unless_origins_are_given(client: httpx.Client, app_store: Path) -> None:
    origin = {"Origin": "https://dashboard.example.org"}
    closed = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert "access-control-allow-origin" not in closed.headers
    for open_client in _client(app_store, workers=1,
                               cors_origins=("https://dashboard.example.org",)):
        assert isinstance(open_client, httpx.Client)
        answer = open_client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
        assert answer.headers["access-control-allow-origin"] == origin["Origin"]
        other = open_client.get("/sparql", params={"query": "ASK {}"},
                                headers={"Origin": "https://elsewhere.example.org"})
        assert "access-control-allow-origin" not in other.headers


def test_bad_requests_get_clear_answers(client: httpx.Client) -> None:
    cases = [
        (client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x }"}), 400,
         "does not parse"),
        (client.get("/sparql", params={"query": "SELEKT nothing"}), 400, "not a SPARQL query"),
        (client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]), 400,
         "exactly one"),
        (client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}),
         415, "application/sparql-query"),
        (client.post("/sparql", data={"format": "json"}), 400, "no query"),
        (client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"}),
         400, "not an IRI"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.text
        assert words in response.text
        assert response.headers["content-type"].startswith("text/plain")


# --- refusals and limits over loopback -------------------------------------------------------


def _ask(url: str, **kwargs: object) -> httpx.Response:
    return httpx.post(url, timeout=30, **kwargs)  # type: ignore[arg-type]


def test_refusals_while_a_second_client_answers_quickly(server: Service) -> None:
    """SERVICE, updates, oversized requests and a runaway query are refused; meanwhile another
    client's simple query answers at once, and the runaway's worker is killed at the limit."""
    url = _endpoint(server)
    before = _worker_pids(server)
    started = time.monotonic()
    refusals = {
        "service": lambda: _ask(url, data={
            "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}),
        "update": lambda: _ask(url, data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
        "update-body": lambda: _ask(url, content=b"DROP ALL",
                                    headers={"Content-Type": "application/sparql-update"}),
        "update-in-query": lambda: _ask(url, data={"query": "DELETE WHERE { ?s ?p ?o }"}),
        "oversized-post": lambda: _ask(url, data={"query": "ASK {}" + " " * (4 * MAX_QUERY)}),
        "oversized-get": lambda: httpx.get(url, params={"query": "ASK {" + " " * MAX_QUERY + "}"},
                                           timeout=30),
        "runaway": lambda: _ask(url, data={"query": RUNAWAY}),
    }
    simple_times: list[float] = []
    with ThreadPoolExecutor(len(refusals)) as pool:
        futures = {name: pool.submit(call) for name, call in refusals.items()}
        time.sleep(0.3)  # the runaway now holds one worker
        while not futures["runaway"].done() and time.monotonic() - started < 3 * TIMEOUT:
            t0 = time.monotonic()
            answer = _ask(url, data={"query": SIMPLE}, headers={"Accept": "text/csv"})
            simple_times.append(time.monotonic() - t0)
            assert answer.status_code == 200
            time.sleep(0.1)
        answers = {name: f.result() for name, f in futures.items()}
    expected = {"service": (400, "SERVICE is refused"), "update": (403, "read-only"),
                "update-body": (403, "read-only"), "update-in-query": (400, "update"),
                "oversized-post": (413, "limit"), "oversized-get": (414, "limit"),
                "runaway": (503, f"limit of {TIMEOUT:g} s")}
    for name, (status, words) in expected.items():
        assert answers[name].status_code == status, (name, answers[name].text)
        assert words in answers[name].text, (name, answers[name].text)
    # never queued behind the runaway (it holds its worker for TIMEOUT seconds): every simple
    # query answers well inside the limit, most at once (a busy machine may delay one)
    assert len(simple_times) >= 5
    assert max(simple_times) < TIMEOUT / 2, simple_times
    assert sorted(simple_times)[len(simple_times) // 2] < 0.5, simple_times

    # the runaway's worker was killed, not left spinning: its pid is gone, a fresh worker
    # took its place, and the server's processes are idle again
    after = _worker_pids(server)
    killed = set(before) - set(after)
    assert len(killed) == 1
    assert not any(alive(pid) for pid in killed)
    assert len(after) == 2
    spawned = [p for p in children(server.process.pid) if alive(p)]
    assert set(after) <= set(spawned)
    assert len(spawned) <= 3
    usage = sum(cpu_seconds(p) for p in [server.process.pid, *spawned])
    time.sleep(1.0)
    assert sum(cpu_seconds(p) for p in [server.process.pid, *spawned]) - usage < 0.3
    t0 = time.monotonic()
    assert _ask(url, data={"query": SIMPLE}).status_code == 200
    assert time.monotonic() - t0 < 0.5


def test_health_answers_while_every_worker_is_busy(server: Service) -> None:
    url = _endpoint(server)
    with ThreadPoolExecutor(2) as pool:
        runaways = [pool.submit(_ask, url, data={"query": RUNAWAY}) for _ in range(2)]
        time.sleep(0.5)
        t0 = time.monotonic()
        health = httpx.get(server.url + "/health", timeout=5)
        # answered while both workers were still held (idle 0), long before they are freed
        # at TIMEOUT: /health never waits for a worker (a loaded machine may take 0.4 s)
        assert time.monotonic() - t0 < TIMEOUT / 2
        assert health.json()["idle"] == 0
        assert [f.result().status_code for f in runaways] == [503, 503]
    deadline = time.monotonic() + 10
    while httpx.get(server.url + "/health").json()["idle"] < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert httpx.get(server.url + "/health").json()["idle"] == 2


def test_result_caps(server: Service) -> None:
    url = _endpoint(server)
    rows = _ask(url, data={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert rows.status_code == 422
    assert f"{MAX_RESULTS} rows" in rows.text
    triples = _ask(url, data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert triples.status_code == 422
    assert "triples" in triples.text
    size = _ask(url, data={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 4000"})
    assert size.status_code == 422
    assert f"{MAX_RESPONSE} bytes" in size.text
    assert _ask(url, data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"}).status_code == 200


def test_load_twenty_clients_for_ten_seconds(server: Service) -> None:
    url = _endpoint(server)
    queries = [SIMPLE, resources.read_query("review-documents"),
               "ASK { ?s a <https://w3id.org/glocal/ontology#Goal> }"]
    stop = time.monotonic() + 10
    failures: list[str] = []
    counts = [0] * 20
    lock = threading.Lock()

    def client(i: int) -> None:
        with httpx.Client(timeout=30) as http:
            n = 0
            while time.monotonic() < stop and n < 10_000:
                response = http.post(url, data={"query": queries[(i + n) % len(queries)]})
                if response.status_code != 200:
                    with lock:
                        failures.append(f"{response.status_code} {response.text[:200]}")
                n += 1
            counts[i] = n

    threads = [threading.Thread(target=client, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
    assert all(n > 0 for n in counts), counts
    assert sum(counts) > 200, counts
    health = httpx.get(server.url + "/health").json()
    assert health["status"] == "ok"
    assert health["workers"] == 2


# --- the query page in a real browser --------------------------------------------------------


def test_query_page_in_headless_chromium(server: Service, tmp_path: Path,
                                         embedded: glocal.KnowledgeGraph) -> None:
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("Chromium is not installed: run scripts/install-test-services.sh")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options,
                               service=webdriver.ChromeService(executable_path=driver_path))
    try:
        browser.set_page_load_timeout(20)
        browser.get(server.url + "/")
        wait = WebDriverWait(browser, 15)
        wait.until(lambda b: b.find_elements(By.CSS_SELECTOR,
                                             "#examples button[data-name='review-documents']"))
        browser.find_element(By.CSS_SELECTOR,
                             "#examples button[data-name='review-documents']").click()
        assert "PREFIX" in (browser.find_element(By.ID, "query").get_attribute("value") or "")
        browser.find_element(By.ID, "run").click()
        wait.until(lambda b: "rows" in b.find_element(By.ID, "status").text)
        rows = browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
        assert len(rows) == len(embedded.named_query("review-documents"))
        browser.save_screenshot(str(tmp_path / "query-page.png"))

        query = browser.find_element(By.ID, "query")
        query.clear()
        query.send_keys("SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")
        browser.find_element(By.ID, "run").click()
        wait.until(lambda b: "Refused" in b.find_element(By.ID, "status").text)
        assert "SERVICE is refused" in browser.find_element(By.ID, "results").text
        logs = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"
                and "400" not in e["message"]]
        assert logs == []
    finally:
        browser.quit()
    assert (tmp_path / "query-page.png").stat().st_size > 10_000


# --- the command: store, bad input, shutdown -------------------------------------------------


def test_serve_a_store_and_stop_cleanly_on_SIGTERM(tmp_path: Path, app_store: Path) -> None:
    with glocal_serve(tmp_path, "--store", str(app_store), "--timeout", "30") as service:
        count = httpx.post(service.url + "/sparql", headers={"Accept": "text/csv"},
                           data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        assert count.status_code == 200
        assert int(count.text.split()[1]) > 5000
        workers = _worker_pids(service)
        with ThreadPoolExecutor(1) as pool:
            busy = pool.submit(_ask, service.url + "/sparql", data={"query": RUNAWAY})
            time.sleep(0.5)
            t0 = time.monotonic()
            assert service.stop(15) == 0
            assert time.monotonic() - t0 < 10
            try:
                cut = busy.result()
                assert cut.status_code == 503
                assert "shutting down" in cut.text
            except httpx.HTTPError:
                pass  # or the connection was closed under it
    assert not any(alive(pid) for pid in workers)
    assert "Finished server process" in service.log_text()


def test_unreadable_data_and_busy_port_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    glocal_exe = str(Path(sys.executable).parent / "glocal")
    done = subprocess.run([glocal_exe, "serve", "--data", str(bad), "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "bad.ttl:2:" in done.stderr
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([glocal_exe, "serve", "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert f"127.0.0.1:{port}: cannot listen there" in done.stderr


def test_accepted_connections_send_at_once() -> None:
    # Without TCP_NODELAY each keep-alive response waited ~40 ms for a delayed ACK.
    import socket

    from glocal.serve.app import listen

    with listen("127.0.0.1", 0) as listener, socket.create_connection(
            listener.getsockname()[:2]):
        accepted, _ = listener.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
