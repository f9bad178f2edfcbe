"""Every literal comes back out as it went in: through the store, the term conversion,
``kg.dump``, ``glocal convert``, ``glocal push``, an on-disk store and the endpoint's results.

pyoxigraph's store rewrites typed literals to canonical forms (``"007"^^xsd:integer`` to
``"7"``); glocal keeps the quads it rewrites beside the canonical ones. The comparisons here are
of N-Triples lines, lexical forms included: rdflib's isomorphism compares values and would pass
a store that rewrote every one.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

import glocal
from glocal import resources
from glocal.cli import main
from glocal.errors import LexicalFormWarning, ShapesError
from glocal.store.lexical import FILE_NAME, may_rewrite

FIXTURES = Path(__file__).parent / "fixtures" / "literals"
ODD = FIXTURES / "odd.ttl"
SHAPES = FIXTURES / "shapes.ttl"
EX = "https://example.org/literals/"
XSD = "http://www.w3.org/2001/XMLSchema#"
_BLANK = re.compile(r"_:\S+")
# the odd-forms fixture gives "007", "+5" and "7" to one property: its one warning is tested once
pytestmark = pytest.mark.filterwarnings("ignore:.*one triple:glocal.errors.LexicalFormWarning")


def lines(data: bytes | Path, fmt: ox.RdfFormat | None = None, *, only: str | None = EX
          ) -> list[str]:
    """The statements of ``data`` as sorted N-Triples lines (blank nodes as ``_:b``), those
    that mention ``only``."""
    source = {"path": str(data)} if isinstance(data, Path) else {"input": data}
    found = (_BLANK.sub("_:b", str(q.triple if isinstance(q, ox.Quad) else q))
             for q in ox.parse(**source, format=fmt))  # type: ignore[arg-type]
    return sorted(line for line in found if only is None or only in line)


def given() -> list[str]:
    return lines(ODD)


def test_the_store_itself_rewrites_them_which_is_why_glocal_keeps_them():
    store = ox.Store()
    store.load(path=str(ODD))
    canonical = sorted(_BLANK.sub("_:b", str(q.triple)) for q in store)
    assert canonical != given()
    assert '<https://example.org/literals/odd> <https://example.org/literals/integer> ' \
        '"7"^^<http://www.w3.org/2001/XMLSchema#integer>' in canonical
    assert len(store) < len(given())  # "007", "+5" and "7" are one term to the store


def test_load_counts_what_the_store_rewrote_and_not_the_ill_typed():
    kg = glocal.load(ODD)
    assert kg.backend.rewritten_literals() == 38
    assert glocal.load().backend.rewritten_literals() == 0  # the bundled data is canonical


@pytest.mark.parametrize("ext", ["nt", "ttl", "nq", "trig", "jsonld", "rdf"])
def test_load_then_dump_gives_every_literal_as_written(tmp_path, ext):
    kg = glocal.load(ODD)
    out = tmp_path / f"out.{ext}"
    kg.dump(out)
    assert lines(out) == given()


def test_a_prefix_declared_again_later_still_keeps_the_literals_it_names(tmp_path):
    # the byte check reads the first declaration of x:, under which nothing is rewritten; the
    # second makes "007"^^x:integer an xsd:integer, which the store writes as "7"
    data = (f"@prefix x: <{EX}not-xsd#> .\n<{EX}a> <{EX}p> \"1\"^^x:integer .\n"
            f"@prefix x: <{XSD}> .\n<{EX}a> <{EX}q> \"007\"^^x:integer .\n").encode()
    assert may_rewrite(data, "turtle")
    path = tmp_path / "again.ttl"
    path.write_bytes(data)
    out = tmp_path / "out.nt"
    glocal.load(path).dump(out)
    assert f'<{EX}a> <{EX}q> "007"^^<{XSD}integer>' in lines(out)
    assert lines(out) == lines(path)


def test_to_rdflib_and_queries_carry_the_given_forms():
    kg = glocal.load(ODD)
    graph = kg.to_rdflib()
    odd = URIRef(EX + "odd")
    assert Literal("007", datatype=URIRef(XSD + "integer"), normalize=False) in set(
        graph.objects(odd, URIRef(EX + "integer")))
    none = next(iter(graph.objects(URIRef(EX + "ill"), URIRef(EX + "boolean"))))
    assert isinstance(none, Literal)
    [row] = kg.query(f"SELECT ?v WHERE {{ <{EX}odd> <{EX}long> ?v }}")
    assert (str(row["v"]), str(row["v"].datatype)) == ("0100", XSD + "long")
    rows = kg.query(f"SELECT ?v WHERE {{ <{EX}odd> <{EX}integer> ?v }}")
    # "007", "+5", "-0" and "7": the store holds "7" once for two of them, which a solution
    # cannot tell apart, so it stays as the store has it
    assert {str(r["v"]) for r in rows} == {"7", "5", "0"}
    built = kg.construct(f"CONSTRUCT {{ <{EX}odd> ?p ?v }} WHERE {{ <{EX}odd> ?p ?v }}")
    assert lines(built.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES) == [
        line for line in given() if line.startswith(f"<{EX}odd>")]


def test_an_on_disk_store_keeps_them_when_opened_again(tmp_path):
    with glocal.open(tmp_path / "store") as kg:
        kg.add(ODD)
    assert (tmp_path / "store" / FILE_NAME).exists()
    with glocal.open(tmp_path / "store") as kg:
        assert kg.backend.rewritten_literals() == 38
        kg.dump(tmp_path / "out.nt")
    assert lines(tmp_path / "out.nt") == given()


def test_a_failed_load_forgets_what_it_kept(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<urn:x:a> <urn:x:p> 1.50 .\n<urn:x:a> <urn:x:p> .\n")
    kg = glocal.load()
    with pytest.raises(glocal.RDFSyntaxError):
        kg.add(ODD, bad)
    assert kg.backend.rewritten_literals() == 0


def test_bundled_data_round_trips_line_for_line(tmp_path):
    kg = glocal.load()
    kg.dump(tmp_path / "all.nt")
    files = [resources.ontology_file(), resources.sdg_file(), *resources.data_files()]
    expected = sorted(set().union(*(lines(f, only=None) for f in files)))
    assert sorted(set(lines(tmp_path / "all.nt", only=None))) == expected


def test_convert_keeps_every_literal(tmp_path, capsys):
    for ext in ("nt", "ttl", "jsonld", "rdf"):
        out = tmp_path / f"odd.{ext}"
        assert main(["convert", str(ODD), str(out)]) == 0
        assert lines(out) == given()


def test_a_capital_in_a_language_tag_warns_once_with_file_and_line(tmp_path, capsys):
    data = tmp_path / "tags.ttl"
    data.write_text('<urn:x:a> <urn:x:p> "a"@sv .\n<urn:x:a> <urn:x:p> "b"@SV-se , "c"@EN .\n')
    with pytest.warns(LexicalFormWarning) as caught:
        glocal.load(data)
    assert len(caught) == 1
    assert str(caught[0].message).startswith(f"{data}:2: the language tag 'SV-se' becomes "
                                             "'sv-se' (and 1 more in the file)")
    assert main(["convert", str(data), str(tmp_path / "tags.nt")]) == 0
    err = capsys.readouterr().err
    assert f"glocal: warning: {data}:2: the language tag 'SV-se'" in err
    assert "Traceback" not in err
    assert "warnings.warn" not in err


def test_a_file_of_canonical_literals_is_not_parsed_twice():
    assert not may_rewrite(resources.data_files()[0].read_bytes(), "turtle")
    assert not may_rewrite(b'<a> <b> "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .',
                           "ntriples")
    assert may_rewrite(b'<a> <b> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .', "ntriples")
    assert may_rewrite(b'<a> <b> "x" , 007 .', "turtle")
    assert not may_rewrite(b'<a> <b> "Region 007 1.50" , 7 .', "turtle")


# --- validation answers on the data as given ----------------------------------------------------


@pytest.mark.parametrize("engine", ["pyshacl", "auto"])
def test_valid_data_as_written_passes(engine):
    kg = glocal.load(FIXTURES / "valid.ttl")
    report = kg.validate(shapes=[SHAPES], engine=engine)
    assert report.conforms, [r.message for r in report.results]
    assert report.engine == "pyshacl"


@pytest.mark.parametrize("engine", ["pyshacl", "auto"])
def test_invalid_data_as_written_fails_on_each_value(engine):
    kg = glocal.load(FIXTURES / "invalid.ttl")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib: "Parsing weird boolean"
        report = kg.validate(shapes=[SHAPES], engine=engine)
    assert not report.conforms
    paths = sorted(str(r.path) for r in report.results)
    assert paths == [EX + "code", EX + "flag", EX + "int", EX + "price"]


@pytest.mark.parametrize("data", ["valid.ttl", "invalid.ttl"])
def test_the_sparql_engine_refuses_rather_than_answer_on_rewritten_values(data):
    kg = glocal.load(FIXTURES / data)
    with pytest.raises(ShapesError, match="another form than they were given"):
        kg.validate(shapes=[SHAPES], engine="sparql")



# --- the SPARQL engine on rewritten literals the shapes cannot tell apart (sparql/rewritten.py)

_PRE = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/literals/> .
"""
_SELECTOR = """ex:S a sh:NodeShape ; sh:targetClass ex:Position ; sh:property [ sh:path ex:start ;
    sh:maxCount 1 ; sh:or ( [ sh:datatype xsd:nonNegativeInteger ] [ sh:datatype xsd:integer ] ) ;
    sh:message "one start"@en ] .
"""
# two selectors: one start each (both as xsd:nonNegativeInteger, which the store keeps as
# xsd:integer), and a second start on the second, which sh:maxCount finds on either form
_DATA = """ex:a a ex:Position ; ex:start "5"^^xsd:nonNegativeInteger .
ex:b a ex:Position ; ex:start "6"^^xsd:nonNegativeInteger , "8"^^xsd:nonNegativeInteger .
"""
_SPARQL = """ex:Q a sh:NodeShape ; sh:targetClass ex:Position ; sh:sparql [ sh:prefixes ex:P ;
    sh:message "a sparql finding"@en ; sh:select "{select}" ] .
ex:P sh:declare [ sh:prefix "ex" ; sh:namespace "https://example.org/literals/"^^xsd:anyURI ] ,
    [ sh:prefix "xsd" ; sh:namespace "http://www.w3.org/2001/XMLSchema#"^^xsd:anyURI ] .
"""


@pytest.mark.parametrize(("shapes", "data", "engine"), [
    # the offsets of an import: counted, and each a whole number in either form
    (_SELECTOR, _DATA, "sparql"),
    (_SELECTOR + _SPARQL.format(select="SELECT $this WHERE { $this a ex:Position }"), _DATA,
     "sparql"),
    # only the form given passes: the store's form would fail
    (_SELECTOR.replace("sh:or ( [ sh:datatype xsd:nonNegativeInteger ] [ sh:datatype "
                       "xsd:integer ] )", "sh:datatype xsd:nonNegativeInteger"), _DATA,
     "pyshacl"),
    # "007" and "7" on one subject are one triple in the store: a count would differ
    (_SELECTOR.replace("nonNegativeInteger", "integer"),
     'ex:c a ex:Position ; ex:start "007"^^xsd:integer , "7"^^xsd:integer .', "pyshacl"),
    # a value list with the store's form of the value
    ('ex:S a sh:NodeShape ; sh:targetClass ex:Position ; sh:property [ sh:path ex:start ; '
     'sh:or ( [ sh:in ( 5 ) ] [ sh:datatype xsd:nonNegativeInteger ] ) ] .', _DATA, "pyshacl"),
    # the property in a longer path, or read by a SPARQL constraint
    (_SELECTOR + 'ex:L a sh:NodeShape ; sh:targetClass ex:Position ; sh:property [ sh:path '
     '( ex:start ex:start ) ; sh:maxCount 0 ] .', _DATA, "pyshacl"),
    (_SELECTOR + _SPARQL.format(select="SELECT $this ?value WHERE { $this ex:start ?value "
                                "FILTER(datatype(?value) = xsd:integer) }"), _DATA, "pyshacl"),
    (_SELECTOR + _SPARQL.format(select="SELECT $this WHERE { $this ?p ?o FILTER(isLiteral(?o)) "
                                "}"), _DATA, "pyshacl"),
])
def test_rewritten_literals_leave_the_engine_only_when_the_shapes_may_tell(
        tmp_path: Path, shapes: str, data: str, engine: str) -> None:
    """Where the shapes cannot tell a literal as given from the store's form of it, the SPARQL
    engine runs on the store; elsewhere pySHACL on the data as given. Either way the report is
    pySHACL's."""
    (tmp_path / "shapes.ttl").write_text(_PRE + shapes, encoding="utf-8")
    (tmp_path / "data.ttl").write_text(_PRE + data, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexicalFormWarning)  # "007" and "7": one triple
        kg = glocal.load(tmp_path / "data.ttl")
    assert kg.backend.rewritten_literals() > 0
    found = kg.validate(shapes=[tmp_path / "shapes.ttl"], engine="auto")
    reference = kg.validate(shapes=[tmp_path / "shapes.ttl"], engine="pyshacl")
    assert found.engine == engine
    assert found == reference
    if engine == "pyshacl":
        with pytest.raises(ShapesError, match="another form than they were given"):
            kg.validate(shapes=[tmp_path / "shapes.ttl"], engine="sparql")


# --- the endpoint and push ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def odd_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("literals") / "store"
    with glocal.open(path) as kg:
        kg.add(ODD)
    return path


def test_the_endpoint_answers_in_the_given_forms(odd_store):
    from starlette.testclient import TestClient

    from glocal.serve.app import Settings, create_app

    app = create_app(odd_store, Settings(workers=1, timeout=10.0))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), '{EX}')) }}"
        response = client.post("/sparql", data={"query": query},
                               headers={"Accept": "application/n-triples"})
        assert response.status_code == 200, response.text
        assert lines(response.content, ox.RdfFormat.N_TRIPLES) == given()
        select = f"SELECT ?v WHERE {{ <{EX}odd> <{EX}long> ?v }}"
        response = client.get("/sparql", params={"query": select},
                              headers={"Accept": "application/sparql-results+json"})
        [binding] = response.json()["results"]["bindings"]
        assert binding["v"] == {"type": "literal", "value": "0100", "datatype": XSD + "long"}


RECEIVED: dict[str, bytes] = {}


class _GraphStore(BaseHTTPRequestHandler):
    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        RECEIVED[self.path] = body
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def graph_store() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GraphStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def test_push_sends_the_given_forms(graph_store):
    from glocal.store.remote import push

    kg = glocal.load(ODD)
    [name] = [g for g in kg.graphs() if g.endswith("odd.ttl")]
    RECEIVED.clear()
    push(kg, graph_store, graphs=[name])
    [body] = RECEIVED.values()
    assert lines(body, ox.RdfFormat.N_TRIPLES) == given()


def test_two_forms_of_one_value_on_one_property_say_so_at_load(tmp_path):
    path = tmp_path / "merged.ttl"
    path.write_text(f'@prefix xsd: <{XSD}> .\n<{EX}a> <{EX}p> "007"^^xsd:integer ,\n'
                    f'    "7"^^xsd:integer .\n', encoding="utf-8")
    with pytest.warns(LexicalFormWarning, match=rf"^{re.escape(str(path))}:3: .*007.* and .*7"):
        kg = glocal.load(path)
    assert len(kg.query(f"SELECT ?o WHERE {{ <{EX}a> <{EX}p> ?o }}")) == 1  # the store's one
    out = tmp_path / "out.nt"
    kg.dump(out)
    assert lines(out) == lines(path)  # each as written
    with warnings.catch_warnings():  # one form of each: nothing to say
        warnings.simplefilter("error", LexicalFormWarning)
        path.write_text(f'@prefix xsd: <{XSD}> .\n<{EX}a> <{EX}p> "007"^^xsd:integer .\n',
                        encoding="utf-8")
        glocal.load(path)


def test_two_forms_of_a_value_in_two_graphs_leave_the_engine(tmp_path: Path) -> None:
    """The form "007" in one file and "7" in another, on one subject and property: two graphs, one
    triple for a query over their union, so a count may differ; pySHACL runs."""
    (tmp_path / "shapes.ttl").write_text(_PRE + _SELECTOR.replace("nonNegativeInteger",
                                                                  "integer"), encoding="utf-8")
    (tmp_path / "a.ttl").write_text(_PRE + 'ex:c a ex:Position ; ex:start "007"^^xsd:integer .',
                                    encoding="utf-8")
    (tmp_path / "b.ttl").write_text(_PRE + 'ex:c ex:start 7 .', encoding="utf-8")
    kg = glocal.load(tmp_path / "a.ttl", tmp_path / "b.ttl")
    assert kg.backend.rewritten_literals() == 1
    found = kg.validate(shapes=[tmp_path / "shapes.ttl"], engine="auto")
    assert found.engine == "pyshacl"
    assert found == kg.validate(shapes=[tmp_path / "shapes.ttl"], engine="pyshacl")
