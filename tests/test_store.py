"""The store: loading all or nothing, clear errors for bad input, safe queries, atomic dumps."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import glocal
from conftest import ROOT, Tripwire
from glocal.errors import (
    EncodingError,
    ForbiddenQueryError,
    InputError,
    QueryError,
    RDFSyntaxError,
    UnknownFormatError,
)
from glocal.rdf.formats import write_atomic
from glocal.store.graph import GRAPH

EX = "http://example.org/"
GOOD = f"""@prefix ex: <{EX}> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:a skos:prefLabel "Mål A"@sv, "Goal A"@en .
ex:b skos:prefLabel "Mål B"@sv .
"""


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.fixture(scope="module")
def bundled() -> glocal.KnowledgeGraph:
    return glocal.load()


def test_load_holds_the_ontology_the_sdgs_and_the_bundled_documents(bundled):
    graphs = set(bundled.graphs())
    assert {GRAPH.ontology, GRAPH.sdg} <= graphs
    data = {p.name for p in (ROOT / "data").glob("*.ttl")} - {"sdg.ttl"}
    assert {GRAPH["file/" + n] for n in data} <= graphs
    assert bundled.ask("ASK { <http://metadata.un.org/sdg/17> ?p ?o }")
    assert bundled.ask("ASK { <https://w3id.org/glocal/ontology#Goal> ?p ?o }")


def test_load_with_sources_holds_only_those_besides_the_reference_graphs(tmp_path):
    kg = glocal.load(write(tmp_path / "mine.ttl", GOOD))
    assert set(kg.graphs()) == {GRAPH.ontology, GRAPH.sdg, GRAPH["file/mine.ttl"]}
    rows = kg.query("SELECT ?l WHERE { ?s ?p ?l } ", bindings={"s": URIRef(EX + "b")})
    assert [str(r["l"]) for r in rows] == ["Mål B"]


def test_a_folder_means_its_rdf_files(tmp_path):
    write(tmp_path / "a.ttl", GOOD)
    write(tmp_path / "b.nt", f"<{EX}c> <{EX}p> \"x\" .\n")
    write(tmp_path / "notes.txt", "not RDF")
    kg = glocal.load(tmp_path)
    assert {GRAPH["file/a.ttl"], GRAPH["file/b.nt"]} <= set(kg.graphs())


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("g.trig", f"<{EX}g> {{ <{EX}a> <{EX}p> <{EX}b> . }}"),
        ("g.nq", f"<{EX}a> <{EX}p> <{EX}b> <{EX}g> .\n"),
        ("g.rdf", f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="{EX}a"><rdf:value>x</rdf:value></rdf:Description></rdf:RDF>'),
        ("g.jsonld", f'{{"@id": "{EX}a", "{EX}p": "x"}}'),
        ("g.nt", f"<{EX}a> <{EX}p> \"x\" .\n"),
    ],
)
def test_every_format_loads_by_its_extension(tmp_path, name, text):
    kg = glocal.load(write(tmp_path / name, text))
    assert kg.ask(f"ASK {{ <{EX}a> ?p ?o }}")


def test_a_syntax_error_names_file_line_and_column(tmp_path):
    bad = write(tmp_path / "bad.ttl", GOOD + 'ex:c skos:prefLabel "unterminated .\n')
    with pytest.raises(RDFSyntaxError) as info:
        glocal.load(bad)
    err = info.value
    assert (err.source, err.line, err.column) == (str(bad), 5, 21)
    assert str(err).startswith(f"{bad}:5:21: ")


def test_an_undeclared_prefix_is_a_syntax_error_at_its_place(tmp_path):
    bad = write(tmp_path / "bad.ttl", "\n\nfoo:a foo:b foo:c .\n")
    with pytest.raises(RDFSyntaxError) as info:
        glocal.load(bad)
    assert (info.value.line, info.value.column) == (3, 1)
    assert "foo" in info.value.detail


@pytest.mark.parametrize("on_disk", [False, True], ids=["memory", "disk"])
def test_a_failed_load_adds_nothing(tmp_path, on_disk):
    # on disk the bulk loader is not one transaction: what a failed file left must be dropped
    if on_disk:
        kg = glocal.open(tmp_path / "store")
        kg.add(write(tmp_path / "first.ttl", GOOD))
    else:
        kg = glocal.load(write(tmp_path / "first.ttl", GOOD))
    before, graphs = len(kg), kg.graphs()
    good = write(tmp_path / "good.ttl", f"<{EX}new> <{EX}p> 1 .")
    valid = "".join(f"<{EX}s{i}> <{EX}p> {i} .\n" for i in range(20_000))
    bad = write(tmp_path / "worse.nt", valid + "<a> <b> .\n")
    with pytest.raises(RDFSyntaxError):
        kg.add(good, bad)
    assert len(kg) == before
    assert kg.graphs() == graphs
    assert not kg.ask(f"ASK {{ <{EX}new> ?p ?o }}")
    assert not kg.ask(f"ASK {{ <{EX}s1> ?p ?o }}")
    kg.close()


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as info:
        glocal.load(tmp_path / "nowhere.ttl")
    assert info.value.source == str(tmp_path / "nowhere.ttl")
    assert "no such file" in str(info.value)


def test_an_unknown_extension_is_named(tmp_path):
    with pytest.raises(UnknownFormatError) as info:
        glocal.load(write(tmp_path / "data.csv", "a,b\n"))
    assert "'.csv'" in str(info.value)
    assert glocal.load(write(tmp_path / "data.txt", GOOD), format="turtle").ask(
        f"ASK {{ <{EX}a> ?p ?o }}")


def test_an_unknown_format_name_is_refused(tmp_path):
    with pytest.raises(UnknownFormatError, match="unknown format 'yaml'"):
        glocal.load(write(tmp_path / "a.ttl", GOOD), format="yaml")


def test_a_byte_order_mark_is_refused_with_advice(tmp_path):
    bom = write(tmp_path / "bom.ttl", b"\xef\xbb\xbf" + GOOD.encode())
    with pytest.raises(EncodingError) as info:
        glocal.load(bom)
    assert info.value.looks_like == "UTF-8 with BOM"
    assert "without BOM" in str(info.value)


def test_a_latin1_file_says_which_encoding_it_looks_like(tmp_path):
    latin = write(tmp_path / "latin.ttl", GOOD.encode("cp1252"))
    with pytest.raises(EncodingError) as info:
        glocal.load(latin)
    assert info.value.looks_like == "Windows-1252 (Latin-1)"
    assert "line 3, column" in str(info.value)


def test_a_utf16_file_is_named_as_such(tmp_path):
    with pytest.raises(EncodingError) as info:
        glocal.load(write(tmp_path / "wide.ttl", GOOD.encode("utf-16")))
    assert info.value.looks_like == "UTF-16"


def test_a_file_twice_is_refused(tmp_path):
    kg = glocal.load(write(tmp_path / "a.ttl", GOOD))
    with pytest.raises(InputError, match="already in the graph"):
        kg.add(tmp_path / "a.ttl")


def test_a_remote_jsonld_context_is_never_fetched(tmp_path, tripwire: Tripwire):
    doc = write(tmp_path / "remote.jsonld",
                f'{{"@context": "{tripwire.url}/ctx.jsonld", "@id": "{EX}a", "name": "x"}}')
    with pytest.raises(RDFSyntaxError, match="remote JSON-LD @context is not fetched"):
        glocal.load(doc)
    assert tripwire.requests == []


def test_owl_imports_and_xml_entities_are_never_followed(tmp_path, tripwire: Tripwire):
    imports = write(tmp_path / "imports.ttl",
                    f"<{EX}o> <http://www.w3.org/2002/07/owl#imports> <{tripwire.url}/o.ttl> .")
    kg = glocal.load(imports)
    assert kg.ask(f"ASK {{ <{EX}o> ?p <{tripwire.url}/o.ttl> }}")
    entity = write(tmp_path / "entity.rdf", (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE r [<!ENTITY x SYSTEM "{tripwire.url}/x">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="{EX}a"><rdf:value>&x;</rdf:value></rdf:Description>'
        "</rdf:RDF>"))
    with pytest.raises(RDFSyntaxError):
        glocal.load(entity)
    assert tripwire.requests == []


def test_service_is_refused_and_nothing_is_sent(bundled, tripwire: Tripwire):
    for query in (f"SELECT * WHERE {{ SERVICE <{tripwire.url}/sparql> {{ ?s ?p ?o }} }}",
                  f"select * {{ ?a ?b ?c . service silent <{tripwire.url}/q> {{ ?s ?p ?o }} }}"):
        with pytest.raises(ForbiddenQueryError, match="SERVICE is refused"):
            bundled.query(query)
    assert tripwire.requests == []


def test_the_word_service_in_a_literal_or_iri_is_no_service_call(bundled):
    rows = bundled.query(
        'SELECT ?x WHERE { BIND("SERVICE <http://x/>" AS ?x) '
        'OPTIONAL { <http://example.org/SERVICE> ?p ?o } }')
    assert str(rows[0]["x"]) == "SERVICE <http://x/>"


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "LOAD <http://example.org/x>",
])
def test_updates_are_refused(bundled, update):
    size = len(bundled)
    with pytest.raises(ForbiddenQueryError, match="read-only"):
        bundled.query(update)
    assert len(bundled) == size


def test_bound_values_cannot_change_the_query(tmp_path):
    sneaky = 'x" } ; DROP ALL ; SELECT * { ?s ?p "'
    kg = glocal.load(write(tmp_path / "a.ttl",
                           f'<{EX}a> <{EX}p> "plain" . <{EX}b> <{EX}p> "{sneaky.replace(chr(34), chr(92) + chr(34))}" .'))
    rows = kg.query(f"SELECT ?s WHERE {{ ?s <{EX}p> ?v }}", bindings={"v": Literal(sneaky)})
    assert [r["s"] for r in rows] == [URIRef(EX + "b")]


def test_a_bad_query_is_a_query_error(bundled):
    with pytest.raises(QueryError, match="does not parse"):
        bundled.query("SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryError, match="no named query 'nope'"):
        bundled.named_query("nope")


def test_rows_carry_rdflib_terms(tmp_path):
    kg = glocal.load(write(tmp_path / "a.ttl",
                           f'<{EX}a> <{EX}n> 42 ; <{EX}d> "2020-04-22"^^<http://www.w3.org/2001/XMLSchema#date> .'))
    row = kg.query(f"SELECT ?n ?d WHERE {{ <{EX}a> <{EX}n> ?n ; <{EX}d> ?d }}")[0]
    assert row["n"].toPython() == 42
    assert str(row["d"].toPython()) == "2020-04-22"


XSD = "http://www.w3.org/2001/XMLSchema#"
TERMS = [  # (Turtle object, the rdflib term a query must give back)
    ('"tab\\there\\nnew \\"quoted\\" back\\\\slash\\r"',
     Literal('tab\there\nnew "quoted" back\\slash\r')),
    ('"Mål"@sv-SE', Literal("Mål", lang="sv-se")),
    ('"\\u00e5 \\U0001F30D"', Literal("å \U0001F30D")),
    ('""', Literal("")),
    ('"a\'b"', Literal("a'b")),
    ('"1"', Literal("1")),
    # as written, not as the store keeps them ("-7", "1.5", "1000"): see docs/sparql.md
    ('-07', Literal("-07", datatype=URIRef(XSD + "integer"), normalize=False)),
    ('1.50', Literal("1.50", datatype=URIRef(XSD + "decimal"), normalize=False)),
    ('1e3', Literal("1e3", datatype=URIRef(XSD + "double"), normalize=False)),
    ('true', Literal(True)),
    (f'"2020-04-22"^^<{XSD}date>', Literal("2020-04-22", datatype=URIRef(XSD + "date"))),
    (f'"x"^^<{EX}dt>', Literal("x", datatype=URIRef(EX + "dt"))),
    (f'"1"^^<{XSD}string>', Literal("1")),
    (f"<{EX}ä?q=1#f>", URIRef(EX + "ä?q=1#f")),
]


@pytest.mark.parametrize(("turtle", "expected"), TERMS, ids=[t for t, _ in TERMS])
def test_every_kind_of_term_comes_back_as_written(tmp_path, turtle, expected):
    kg = glocal.load(write(tmp_path / "t.ttl", f"<{EX}a> <{EX}p> {turtle} ."))
    [row] = kg.query(f"SELECT ?o ?unbound WHERE {{ <{EX}a> <{EX}p> ?o }}")
    assert row == {"o": expected}
    assert type(row["o"]) is type(expected)
    if isinstance(expected, Literal):
        assert (row["o"].datatype, row["o"].language) == (expected.datatype, expected.language)


def test_blank_nodes_keep_their_identity_across_rows(tmp_path):
    kg = glocal.load(write(tmp_path / "b.ttl", f"<{EX}a> <{EX}p> _:x . <{EX}b> <{EX}p> _:x ."))
    rows = kg.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}")
    assert len(rows) == 2
    assert rows[0]["o"] == rows[1]["o"]
    assert kg.query(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }} LIMIT 0") == []
    assert kg.query("SELECT * WHERE {}") == [{}]


def test_label_prefers_the_asked_language(tmp_path):
    kg = glocal.load(write(tmp_path / "a.ttl", GOOD))
    assert kg.label(EX + "a", "sv") == "Mål A"
    assert kg.label(EX + "a", "en") == "Goal A"
    assert kg.label(EX + "b", "en") == "Mål B"
    assert kg.label("sdg:17", "sv").startswith("Stärka genomförandemedlen")


def test_dump_round_trips_and_writes_atomically(tmp_path):
    kg = glocal.load(write(tmp_path / "a.ttl", GOOD))
    out = tmp_path / "out" / "all.ttl"
    kg.dump(out)
    assert len(Graph().parse(out)) == len(kg.to_rdflib())
    kg.dump(tmp_path / "all.nq")
    assert (tmp_path / "all.nq").read_text(encoding="utf-8").count("\n") == len(kg)
    out.write_text("old", encoding="utf-8")
    with pytest.raises(UnknownFormatError):
        kg.dump(out, format="nonsense")
    assert out.read_text(encoding="utf-8") == "old"


def test_write_atomic_leaves_the_old_file_whole_when_writing_fails(tmp_path):
    target = write(tmp_path / "x.ttl", "old")

    def chunks():
        yield b"new, half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, chunks())
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ttl"]


def test_a_persistent_store_keeps_its_data_and_reference_graphs_once(tmp_path):
    path = tmp_path / "store"
    with glocal.open(path) as kg:
        kg.add(write(tmp_path / "a.ttl", GOOD))
        size = len(kg)
    with glocal.open(path) as again:
        assert len(again) == size
        assert again.label(EX + "a") == "Mål A"


def test_to_rdflib_is_a_fresh_graph_each_time(tmp_path):
    kg = glocal.load(write(tmp_path / "a.ttl", GOOD))
    first = kg.to_rdflib()
    first.remove((None, None, None))
    assert len(kg.to_rdflib()) > 0
