"""No query makes glocal open a connection: a fuzzed corpus of SERVICE spellings against a
loopback listener, through the library, the CLI, the endpoint and validation.

Two layers are tested apart: the check (every spelling is refused) and the sandbox (a query
that got past the check still cannot connect from a worker). The corpus is shown to be live:
run straight on pyoxigraph, without glocal, its spellings do reach the listener.
"""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Graph

import glocal
from glocal.errors import ForbiddenQueryError, QueryError, ShapesError
from glocal.rdf import sparql
from services import BIN, glocal_serve


@dataclass
class Listener:
    """A loopback TCP listener that counts every connection made to it (and answers 500)."""

    url: str
    connections: list[int] = field(default_factory=list)


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    found = Listener(f"http://127.0.0.1:{server.getsockname()[1]}/sparql")
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            found.connections.append(1)
            with conn:
                conn.settimeout(1)
                try:
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 500 No\r\nContent-Length: 2\r\n\r\nno")
                except OSError:
                    pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield found
    stop.set()
    server.close()


# --- the corpus ------------------------------------------------------------------------------

KEYWORDS = ["SERVICE", "service", "SeRvIcE", r"\u0053ERVICE", r"\u0073\u0065rvice",
            r"\U00000053ERVICE", r"\\u0053ERVICE", r"\u0053ERVICE SILENT", "SERVICE SILENT"]
# what comes before the keyword: a triple ending in every kind of term, glued with "."
GLUES = ["", "?s ?p true.", "?s ?p false.", "?s ?p 1.", "?s ?p 1.5.", "?s ?p 1e3.",
         '?s ?p "a".', "?s ?p 'a'.", '?s ?p "a"@en.', '?s ?p "a"^^e:t.', '?s ?p """a""".',
         "?s ?p '''a'''.", "?s ?p <urn:x>.", "?s ?p ?o.", "?s ?p _:b.", "?s ?p e:a.",
         "?s ?p [].", "?s ?p ().", "BIND(<urn:x:\\u0041#> AS ?z)", "# a comment\n",
         "BIND('#' AS ?h)", "FILTER(?o<1)", "?s ?p ?o ."]


def _iris(url: str) -> list[str]:
    host = url.replace("http://", "")
    return [f"<{url}>", "e:q", "?u", f"<http\\u003A//{host}>", f"<\\u0068ttp://{host}>", ":q"]


def _wrap(form: str, body: str) -> str:
    return {
        "select": f"SELECT * WHERE {{ {body} }}",
        "subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ {body} }} }} }}",
        "exists": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ {body} }} }}",
        "not-exists": f"ASK {{ FILTER NOT EXISTS {{ {body} }} }}",
        "optional": f"SELECT * WHERE {{ OPTIONAL {{ {body} }} }}",
        "union": f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ {body} }} }}",
        "minus": f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ {body} }} }}",
        "graph": f"SELECT * WHERE {{ GRAPH ?g {{ {body} }} }}",
        "ask": f"ASK {{ {body} }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {body} }}",
        "construct-where": f"CONSTRUCT WHERE {{ {body} }}",
        "describe": f"DESCRIBE ?s WHERE {{ {body} }}",
    }[form]


FORMS = ["select", "subquery", "exists", "not-exists", "optional", "union", "minus", "graph",
         "ask", "construct", "construct-where", "describe"]


def prologue(url: str) -> str:
    base = url.rsplit("/", 1)[0]
    return f"PREFIX e: <{base}/> PREFIX : <{base}/> "


def bodies(url: str) -> list[str]:
    """Group bodies that call SERVICE: every keyword spelling, IRI spelling and glue."""
    out = []
    for keyword in KEYWORDS:
        for iri in _iris(url):
            bind = f"BIND(<{url}> AS ?u) " if iri == "?u" else ""
            for glue in GLUES:
                out.append(f"{bind}{glue} {keyword} {iri} {{ ?s ?p ?o }}")
                out.append(f"{bind}{glue}{keyword}{iri}{{}}")  # no space anywhere
    return out


def corpus(url: str, size: int | None = None, seed: int = 16) -> list[str]:
    """Every body in every query form (a sample of ``size``, the same each run, always
    starting with the plain spelling in every form)."""
    out = [prologue(url) + _wrap(form, body) for body in bodies(url) for form in FORMS]
    if size is None:
        return out
    return out[:len(FORMS)] + random.Random(seed).sample(out[len(FORMS):], size)


def test_the_corpus_is_live_straight_on_pyoxigraph(listener: Listener) -> None:
    """Without glocal, pyoxigraph sends many of these spellings to the listener."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal(1)))
    before = len(listener.connections)
    for query in corpus(listener.url, 150):
        try:
            result = store.query(query)
            list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
        except (SyntaxError, OSError, RuntimeError, ValueError):
            pass
    assert len(listener.connections) - before > 20


def test_every_spelling_an_engine_would_send_is_refused(listener: Listener) -> None:
    """The whole corpus: what the check lets through, pyoxigraph and rdflib (pySHACL's
    engine), run directly, do not send anywhere either (they read it as no SERVICE call)."""
    queries = corpus(listener.url)
    assert len(queries) > 10_000
    passed = []
    for query in queries:
        try:
            sparql.check(query)
        except ForbiddenQueryError:
            continue
        passed.append(query)
    assert len(passed) < len(queries) / 4
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal(1)))
    graph = Graph().parse(data='<urn:a> <urn:p> "1" .', format="nt")
    before = len(listener.connections)
    sent = []
    for query in passed:
        for engine in (store.query, graph.query):
            at = len(listener.connections)
            try:
                result = engine(query)
                list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
            except Exception:  # a spelling that does not parse is fine
                pass
            if len(listener.connections) > at:
                sent.append(query)
    assert sent == []
    assert len(listener.connections) == before


def test_words_that_only_look_like_service_still_run() -> None:
    kg = glocal.load()
    rows = kg.query('PREFIX ex: <http://example.org/> SELECT ?x WHERE { '
                    'BIND("SERVICE <http://x/>" AS ?x) OPTIONAL { ex:SERVICE ex:services ?o } '
                    "OPTIONAL { ?s <http://example.org/#SERVICE> ?q } } # SERVICE <x> {}")
    assert str(rows[0]["x"]) == "SERVICE <http://x/>"
    assert sparql.form(r'SELECT ?x WHERE { BIND("\u0053" AS ?x) }') == "SELECT"


def test_library_sends_nothing(listener: Listener) -> None:
    kg = glocal.load()
    before = len(listener.connections)
    refused = 0
    for query in corpus(listener.url, 600):
        run = {"SELECT": kg.query, "ASK": kg.ask}.get(sparql.shape(query).form or "",
                                                     kg.construct)
        try:
            run(query)
        except ForbiddenQueryError:
            refused += 1
        except QueryError:
            pass  # a spelling no engine reads as SERVICE, and that does not parse
    assert refused > 400
    assert len(listener.connections) == before


def test_cli_sends_nothing(listener: Listener, tmp_path: Path) -> None:
    before = len(listener.connections)
    data = tmp_path / "one.ttl"
    data.write_text("<urn:a> <urn:p> 1 .\n", encoding="utf-8")
    for query in corpus(listener.url, 8, seed=3):
        done = subprocess.run([str(BIN / "glocal"), "query", "--data", str(data), "-e", query],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1
        assert "refused" in done.stderr or "does not parse" in done.stderr
    assert len(listener.connections) == before


def test_cli_process_cannot_connect_even_past_the_check(listener: Listener) -> None:
    """The sandbox glocal query installs, on its own: pyoxigraph's client gets EPERM."""
    out = _service_in_sandbox(listener, "import pyoxigraph as ox",
                              "ox.Store().query('SELECT * WHERE { SERVICE <URL> {} }')", "OSError")
    assert "not permitted" in out


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("uvicorn")
    with glocal_serve(tmp_path_factory.mktemp("serve"), "--workers", "1") as service:
        yield service.url


def test_endpoint_sends_nothing(listener: Listener, endpoint: str) -> None:
    before = len(listener.connections)
    refused = 0
    with httpx.Client(timeout=30) as client:
        for i, query in enumerate(corpus(listener.url, 400, seed=7)):
            if i % 2:
                response = client.post(endpoint + "/sparql", data={"query": query})
            else:
                response = client.get(endpoint + "/sparql", params={"query": query})
            assert response.status_code in (200, 400), (query, response.text)
            refused += "refused" in response.text
        assert refused > 250
        assert client.get(endpoint + "/health").json()["network_denied"] is True
    assert len(listener.connections) == before


def test_endpoint_worker_cannot_connect_even_past_the_check(listener: Listener,
                                                            tmp_path: Path) -> None:
    """A query handed to the worker pool directly, as if the check had missed it."""
    import asyncio

    from glocal.errors import QueryError
    from glocal.serve.workers import Limits, WorkerPool

    store = ox.Store(str(tmp_path / "store"))
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal(1),
                      ox.NamedNode("urn:g")))
    store.flush()
    del store
    before = len(listener.connections)

    async def run() -> list[str]:
        pool = WorkerPool(tmp_path / "store", size=1, limits=Limits(timeout=20), prefixes={})
        await pool.start()
        errors = []
        try:
            assert pool.network_denied
            for query in (f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                          f"ASK {{ SERVICE SILENT <{listener.url}> {{ }} FILTER(false) }}"):
                try:
                    await pool.run(query, "json")
                except QueryError as exc:
                    errors.append(str(exc))
                else:
                    errors.append("answered")
        finally:
            pool.close()
        return errors

    errors = asyncio.run(run())
    assert len(listener.connections) == before
    assert "not permitted" in errors[0]


SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
  sh:sparql [ sh:select \"\"\"SELECT $this WHERE {{ {body} }}\"\"\" ] .
"""


def test_validation_refuses_every_spelling_in_a_shapes_file(listener: Listener,
                                                            tmp_path: Path) -> None:
    kg = glocal.load(_data(tmp_path))
    before = len(listener.connections)
    selects = [prologue(listener.url) + "SELECT $this WHERE { " + body + " }"
               for body in bodies(listener.url)]
    for i, select in enumerate(random.Random(5).sample([s for s in selects if _refused(s)], 12)):
        shapes = tmp_path / f"s{i}.ttl"
        shapes.write_text(_shapes(select), encoding="utf-8")
        for engine in ("pyshacl", "sparql"):
            with pytest.raises(ShapesError, match="refused"):
                kg.validate(shapes=[shapes], engine=engine)  # type: ignore[arg-type]
    assert len(listener.connections) == before


def _refused(query: str) -> bool:
    try:
        sparql.check(query)
    except ForbiddenQueryError:
        return True
    return False


def _shapes(select: str) -> str:
    """A shapes file with ``select`` as a SPARQL constraint, written as a Turtle string."""
    text = select.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
            "ex:S a sh:NodeShape ; sh:targetClass ex:C ;\n"
            f'  sh:sparql [ sh:select "{text}" ] .\n')


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "c.ttl"
    data.write_text("<http://example.org/x> a <http://example.org/C> .\n", encoding="utf-8")
    return data


def test_pyshacl_worker_cannot_fetch_even_past_the_check(listener: Listener,
                                                         tmp_path: Path) -> None:
    """Shapes handed to the pySHACL worker directly, as if glocal's check had missed them."""
    from glocal.validation.validate import _in_worker

    data = Graph().parse(_data(tmp_path))
    before = len(listener.connections)
    for select in (f"SELECT $this WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                   f"SELECT $this WHERE {{ ?s ?p true.SERVICE <{listener.url}> {{ }} }}"):
        shapes = Graph().parse(data=_shapes(select), format="turtle")
        with pytest.raises(ShapesError, match="SERVICE"):
            _in_worker(data, shapes, 60, "s.ttl")
    # a SPARQL-based target, which pySHACL does not check for SERVICE itself
    target = _shapes("SELECT ?this WHERE { ?this ?p ?o . SERVICE <" + listener.url + "> { } }")
    target = target.replace("sh:targetClass ex:C ;\n  sh:sparql [ sh:select",
                            "sh:target [ a sh:SPARQLTarget ; sh:select").replace(
        "] .", "] ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .")
    with pytest.raises(ShapesError, match="SERVICE is refused"):
        _in_worker(data, Graph().parse(data=target, format="turtle"), 60, "s.ttl")
    assert len(listener.connections) == before


def test_rdflib_in_the_sandbox_cannot_connect(listener: Listener) -> None:
    """The second layer of the pySHACL worker alone: rdflib's own SERVICE client gets EPERM."""
    out = _service_in_sandbox(listener, "from rdflib import Graph",
                              "Graph().query('SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }')")
    assert "not permitted" in out, out


def _service_in_sandbox(listener: Listener, imports: str, query: str,
                        catch: str = "Exception") -> str:
    """Run ``query`` (``URL`` standing for the listener's) in a fresh interpreter after
    glocal's sandbox is installed; what it printed of the ``catch`` it raised, and no
    connection made (any other exception fails the run)."""
    before = len(listener.connections)
    script = (f"{imports}\nfrom glocal import sandbox\nassert sandbox.deny_network()\n"
              f"try:\n    list({query.replace('URL', listener.url)})\n"
              f"except {catch} as e:\n    print(type(e).__name__, e)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=True)
    assert len(listener.connections) == before
    return done.stdout
