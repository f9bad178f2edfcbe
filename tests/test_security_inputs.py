"""Untrusted files: reference graphs they cannot touch, the SPARQL dataset they get, bounded
parsing, the error contract, well-formed XML out, atomic writes, named queries by name only."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

import glocal
from glocal.errors import InputError, QueryError, RDFSyntaxError
from glocal.rdf.formats import MAX_JSON_DEPTH, convert, write_atomic
from glocal.store.graph import GRAPH
from services import BIN

SDG17 = "http://metadata.un.org/sdg/17"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TITLE_17 = ("Stärka genomförandemedlen och återvitalisera det globala partnerskapet för "
            "hållbar utveckling")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _glocal(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "glocal"), *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


def _one_line_exit_2(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


# --- 2. reference graphs --------------------------------------------------------------------


@pytest.mark.parametrize("graph", [str(GRAPH.sdg), str(GRAPH.ontology),
                                   str(GRAPH["file/finspang.ttl"])])
@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_a_file_cannot_name_glocals_graphs(tmp_path: Path, graph: str, fmt: str) -> None:
    triple = f"<{SDG17}> <{SKOS}prefLabel> \"AAA\"@sv"
    text = {"trig": f"<{graph}> {{ {triple} . }}\n", "nq": f"{triple} <{graph}> .\n",
            "jsonld": json.dumps({"@id": graph, "@graph": [{"@id": SDG17, SKOS + "prefLabel": {
                "@value": "AAA", "@language": "sv"}}]})}[fmt]
    path = _write(tmp_path / f"evil.{fmt}", text)
    with pytest.raises(InputError, match="which is glocal's"):
        glocal.load(path)
    store = tmp_path / "store"
    with glocal.open(store) as kg:
        with pytest.raises(InputError, match="which is glocal's"):
            kg.add(path)
        assert kg.label(SDG17) == TITLE_17
        assert not kg.ask('ASK { ?s ?p "AAA"@sv }')
    done = _glocal("query", "--data", str(path), "-e", "ASK {}")
    assert "which is glocal's" in _one_line_exit_2(done)


def test_a_file_loaded_first_does_not_block_the_real_one(tmp_path: Path) -> None:
    first = _write(tmp_path / "first.trig",
                   f"<{GRAPH['file/real.ttl']}> {{ <urn:a> <urn:p> 1 . }}\n")
    real = _write(tmp_path / "real.ttl", "<urn:b> <urn:p> 2 .\n")
    with pytest.raises(InputError, match="another file's"):
        glocal.load(first, real)
    assert GRAPH["file/real.ttl"] in glocal.load(real).graphs()


def test_a_trig_file_may_name_its_own_graphs(tmp_path: Path) -> None:
    path = _write(tmp_path / "own.trig", "<urn:g> { <urn:a> <urn:p> 1 . } <urn:c> <urn:p> 2 .")
    kg = glocal.load(path)
    assert URIRef("urn:g") in kg.graphs()
    assert GRAPH["file/own.trig"] in kg.graphs()


def test_add_graph_refuses_a_reference_graph_name() -> None:
    kg = glocal.load()
    graph = Graph()
    graph.add((URIRef(SDG17), URIRef(SKOS + "prefLabel"), Literal("AAA", lang="sv")))
    with pytest.raises(InputError, match="reference graphs"):
        kg.add_graph(graph, name=GRAPH.sdg)


def test_reference_labels_win_over_a_users_label(tmp_path: Path) -> None:
    relabel = _write(tmp_path / "relabel.ttl",
                     f'<{SDG17}> <{SKOS}prefLabel> "AAA"@sv , "AAA"@en ; '
                     f'<http://www.w3.org/2000/01/rdf-schema#label> "AAA"@sv .\n')
    kg = glocal.load(relabel)
    assert kg.label(SDG17) == TITLE_17
    assert kg.label(SDG17, "en").startswith("Strengthen the means")
    coverage = kg.coverage()
    labels = [s.label for s in (*coverage.sdgs, *coverage.unserved) if s.notation == "17"]
    assert labels == [TITLE_17]
    # a user's own node keeps its own label
    mine = _write(tmp_path / "mine.ttl", f'<urn:x:m> <{SKOS}prefLabel> "Mitt"@sv .\n')
    assert glocal.load(mine).label("urn:x:m") == "Mitt"


# --- 3. FROM and FROM NAMED --------------------------------------------------------------------


def test_from_names_the_default_graph() -> None:
    kg = glocal.load()

    def count(query: str) -> int:
        return int(kg.query(query)[0]["n"])  # type: ignore[call-overload]

    everything = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    sdg = count(f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH.sdg}> WHERE {{ ?s ?p ?o }}")
    assert 0 < sdg < everything
    assert count("SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }") == 0
    both = count(f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH.sdg}> FROM <{GRAPH.ontology}> "
                 "WHERE { ?s ?p ?o }")
    assert sdg < both < everything
    named = kg.query(f"SELECT DISTINCT ?g FROM NAMED <{GRAPH.sdg}> WHERE {{ GRAPH ?g {{ }} }}")
    assert [r["g"] for r in named] == [GRAPH.sdg]
    # FROM NAMED alone: the default graph is empty, as the dataset rules say
    assert count(f"SELECT (COUNT(*) AS ?n) FROM NAMED <{GRAPH.sdg}> WHERE {{ ?s ?p ?o }}") == 0
    assert kg.ask(f"ASK FROM <{GRAPH.sdg}> {{ <{SDG17}> ?p ?o }}")
    assert not kg.ask(f"ASK FROM <{GRAPH.ontology}> {{ <{SDG17}> ?p ?o }}")
    # the word FROM in a string or IRI names no dataset
    assert count('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != "FROM <x>") }') > sdg


# --- 4. memory bombs -------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
 <rdf:Description rdf:about="http://example.org/a"><ex:p>&f;</ex:p></rdf:Description>
</rdf:RDF>
"""


def _rdfxml(entities: str, body: str) -> str:
    return ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + entities + "\n]>\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">\n' + body + "\n</rdf:RDF>\n")


def test_billion_laughs_is_refused_by_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "laughs.rdf", LAUGHS)
    assert path.stat().st_size < 1200
    with pytest.raises(RDFSyntaxError, match="refers to other entities") as caught:
        glocal.load(path)
    assert caught.value.line == 4
    assert "laughs.rdf:4" in _one_line_exit_2(_glocal("query", "--data", str(path),
                                                       "-e", "ASK {}"))
    with pytest.raises(RDFSyntaxError):
        convert(path, tmp_path / "out.ttl")


def test_quadratic_entity_expansion_is_refused(tmp_path: Path) -> None:
    big = "x" * 100_000
    body = ('<rdf:Description rdf:about="http://example.org/a"><ex:p>'
            + "&big;" * 2000 + "</ex:p></rdf:Description>")
    path = _write(tmp_path / "quadratic.rdf", _rdfxml(f'<!ENTITY big "{big}">', body))
    assert path.stat().st_size < 250_000
    with pytest.raises(RDFSyntaxError, match="would expand to 200000000 characters"):
        glocal.load(path)
    assert "expansion bomb" in _one_line_exit_2(_glocal("convert", str(path),
                                                        str(tmp_path / "q.ttl")))


def test_external_and_parameter_entities_are_refused(tmp_path: Path) -> None:
    body = '<rdf:Description rdf:about="http://example.org/a"><ex:p>&x;</ex:p></rdf:Description>'
    for declaration in ('<!ENTITY x SYSTEM "file:///etc/passwd">', '<!ENTITY % x "y">'):
        path = _write(tmp_path / "e.rdf", _rdfxml(declaration, body))
        with pytest.raises(RDFSyntaxError, match="parameter or external"):
            glocal.load(path)


def test_plain_entities_as_protege_writes_them_still_load(tmp_path: Path) -> None:
    body = ('<rdf:Description rdf:about="&ex;a"><ex:p rdf:resource="&owl;Thing"/>'
            "</rdf:Description>")
    path = _write(tmp_path / "protege.rdf", _rdfxml(
        '<!ENTITY owl "http://www.w3.org/2002/07/owl#" >\n'
        '<!ENTITY ex "http://example.org/" >', body))
    kg = glocal.load(path)
    assert kg.ask("ASK { <http://example.org/a> ?p <http://www.w3.org/2002/07/owl#Thing> }")


def test_deep_json_ld_is_refused_before_parsing(tmp_path: Path) -> None:
    deep = ('{"@id": "http://example.org/a", "http://example.org/p": '
            + "[" * 50_000 + "1" + "]" * 50_000 + "}")
    path = _write(tmp_path / "deep.jsonld", deep)
    started = time.monotonic()
    with pytest.raises(RDFSyntaxError, match=f"50001 deep, over the limit of {MAX_JSON_DEPTH}"):
        glocal.load(path)
    assert time.monotonic() - started < 30
    assert "deep.jsonld" in _one_line_exit_2(_glocal("query", "--data", str(path),
                                                     "-e", "ASK {}"))
    # brackets inside strings do not count
    fine = _write(tmp_path / "fine.jsonld", '{"@id": "http://example.org/a", '
                  '"http://example.org/p": "' + "[" * 5000 + '"}')
    assert len(glocal.load(fine)) > 0


# --- 5. the error contract -------------------------------------------------------------------


def test_a_literal_over_16_mib_loads_whole(tmp_path: Path) -> None:
    """pyoxigraph's streaming parser stops at 16 MiB (MemoryError); glocal reads it anyway."""
    size = 20 * 1024 * 1024
    text = "x" * size + "\n" + "y" * 10
    turtle = tmp_path / "big.ttl"
    turtle.write_text('<urn:a> <urn:p> """' + text + '""" .\n', encoding="utf-8")
    quads = tmp_path / "big.nq"
    quads.write_text('<urn:a> <urn:q> "' + text.replace("\n", "\\n") + '" <urn:g> .\n',
                     encoding="utf-8")
    kg = glocal.load(turtle, quads)
    rows = kg.query("SELECT ?p ?o WHERE { <urn:a> ?p ?o } ORDER BY ?p")
    assert [str(r["o"]) for r in rows] == [text, text]
    with glocal.open(tmp_path / "store") as stored:
        stored.add(turtle)
        assert stored.ask(f"ASK {{ <urn:a> ?p ?o FILTER(STRLEN(?o) = {len(text)}) }}")
    done = _glocal("query", "--data", str(turtle), "-e",
                   "SELECT (STRLEN(?o) AS ?n) WHERE { ?s ?p ?o }")
    assert done.returncode == 0, done.stderr
    assert str(len(text)) in done.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_as_user(tmp_path: Path) -> None:  # pragma: no cover - not as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(InputError, match="cannot write"):
        write_atomic(folder / "x.ttl", [b""])


def test_output_into_a_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = _write(tmp_path / "a-file", "")
    source = _write(tmp_path / "in.ttl", "<urn:a> <urn:p> 1 .\n")
    # a folder that is a file: FileExistsError / NotADirectoryError, whoever runs the test
    with pytest.raises(InputError, match="cannot write the file"):
        write_atomic(blocker / "sub" / "x.ttl", [b""])
    with pytest.raises(InputError, match="cannot write the file"):
        glocal.load(source).dump(blocker / "x.ttl")
    stderr = _one_line_exit_2(_glocal("convert", str(source), str(blocker / "out.nt")))
    assert "cannot write the file" in stderr
    if os.geteuid() != 0:  # pragma: no cover
        return
    # as root, a read-only file system is what refuses: /proc
    with pytest.raises(InputError, match="cannot write the file"):
        write_atomic("/proc/glocal-test.ttl", [b""])


def test_a_pyshacl_failure_object_is_a_shapes_error(tmp_path: Path) -> None:
    """pySHACL hands back a ValidationFailure (not a graph) for a MINUS in a constraint."""
    from glocal.errors import ShapesError

    data = _write(tmp_path / "d.ttl", "<http://example.org/x> a <http://example.org/C> .\n")
    shapes = _write(tmp_path / "s.ttl", """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
  sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o MINUS { $this a ex:D } }" ] .
""")
    with pytest.raises(ShapesError, match="must not contain a MINUS clause"):
        glocal.load(data).validate(shapes=[shapes], engine="pyshacl")
    stderr = _one_line_exit_2(_glocal("validate", str(data), "--shapes", str(shapes),
                                      "--no-default-shapes", "--engine", "pyshacl"))
    assert "MINUS" in stderr


# --- 6. XML 1.0 ------------------------------------------------------------------------------


def test_rdfxml_output_refuses_characters_xml_forbids(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.nt", '<urn:a> <urn:p> "a\\u0001b\\u000Cc" .\n')
    with pytest.raises(InputError, match=r"U\+0001, which XML 1\.0 cannot carry"):
        convert(bad, tmp_path / "out.rdf")
    assert not (tmp_path / "out.rdf").exists()
    with pytest.raises(InputError, match=r"XML 1\.0"):
        glocal.load(bad).dump(tmp_path / "dump.rdf")
    assert "XML 1.0" in _one_line_exit_2(_glocal("convert", str(bad), str(tmp_path / "o.rdf")))
    convert(bad, tmp_path / "out.ttl")  # Turtle carries it
    assert "\\u0001" in (tmp_path / "out.ttl").read_text(encoding="utf-8") or \
        "\x01" in (tmp_path / "out.ttl").read_text(encoding="utf-8")


# --- atomic writes ---------------------------------------------------------------------------


def test_an_existing_files_mode_is_kept_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    target = _write(tmp_path / "x.ttl", "old")
    target.chmod(0o644)
    write_atomic(target, [b"new"])
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    write_atomic(target, [b"newer"])
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.ttl", [b"x"])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) == 0o640


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    real = _write(tmp_path / "real.ttl", "old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_atomic(link, [b"new"])
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_a_killed_writers_temp_file_is_swept_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "x.ttl"
    script = ("import sys, time\nfrom glocal.rdf.formats import write_atomic\n"
              "def chunks():\n    yield b'half'\n    print('writing', flush=True)\n"
              "    time.sleep(60)\n    yield b'rest'\n"
              f"write_atomic({str(target)!r}, chunks())\n")
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    temps = list(tmp_path.glob(".x.ttl.*.glocal-tmp"))
    assert len(temps) == 1
    write_atomic(target, [b"meanwhile"])  # a live writer's temp file is left alone
    assert temps[0].exists()
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert temps[0].exists()  # what SIGKILL leaves
    old = time.time() - 60
    os.utime(temps[0], (old, old))
    write_atomic(target, [b"after"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.ttl"]
    assert target.read_text() == "after"


# --- named queries ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../queries/sdg-goals", "/etc/passwd", "sdg-goals.rq",
                                  "queries/sdg-goals", ""])
def test_named_queries_are_bundled_names_only(tmp_path: Path, name: str) -> None:
    kg = glocal.load()
    with pytest.raises(QueryError, match="no named query"):
        kg.named_query(name)


def test_cli_named_query_refuses_a_path(tmp_path: Path) -> None:
    rq = _write(tmp_path / "x.rq", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    for name in (str(rq.with_suffix("")), f"../../{rq.with_suffix('')}"):
        assert "no named query" in _one_line_exit_2(_glocal("query", "-n", name))
    assert _glocal("query", "-n", "sdg-goals").returncode == 0


def test_the_store_opened_read_only_after_a_refused_load_is_unchanged(tmp_path: Path) -> None:
    path = _write(tmp_path / "evil.nq", f"<urn:a> <urn:p> 1 <{GRAPH.sdg}> .\n")
    store = tmp_path / "store"
    with glocal.open(store) as kg:
        before = len(kg)
        with pytest.raises(InputError):
            kg.add(path)
        assert len(kg) == before
    reopened = ox.Store.read_only(str(store))
    assert not any(q.subject == ox.NamedNode("urn:a") for q in reopened)
