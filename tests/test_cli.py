"""The installed ``glocal`` console script, run as a user runs it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import ROOT

SCRIPT = shutil.which("glocal", path=str(Path(sys.executable).parent)) or shutil.which("glocal")

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the glocal console script is not installed")


def glocal(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, input=stdin,
                          cwd=cwd, env=env, timeout=300, check=False)


def test_help_lists_the_commands_and_imports_nothing_heavy():
    done = glocal("--help")
    assert done.returncode == 0
    for command in ("review", "query", "convert", "info"):
        assert command in done.stdout
    probe = subprocess.run(
        [sys.executable, "-c",
         "import sys\nfrom glocal.cli import main\n"
         "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
         "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl', 'owlready2', 'networkx')"
         " if m in sys.modules))"],
        capture_output=True, text=True, check=True)
    assert probe.stdout.strip().splitlines()[-1] == "[]"


def test_review_shows_every_bundled_document():
    done = glocal("review")
    assert done.returncode == 0, done.stderr
    for title in ("Internationellt program", "Internationellt arbete",
                  "Strategi för internationellt arbete", "Internationell strategi"):
        assert title in done.stdout
    for municipality in ("Finspångs kommun", "Tranås kommun", "Nässjö kommun",
                         "Linköpings kommun, Norrköpings kommun"):
        assert municipality in done.stdout


def test_review_json_is_machine_readable():
    done = glocal("review", "--format", "json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["documents"]) == 5
    assert report["statements"] > 0


def test_review_of_a_broken_file_names_it_without_a_traceback(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\n\nex:a ex:b .\n", encoding="utf-8")
    done = glocal("review", str(bad))
    assert done.returncode == 2
    assert f"{bad}:3:" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_file_is_exit_2():
    done = glocal("review", "no-such-file.ttl")
    assert done.returncode == 2
    assert "no-such-file.ttl: no such file" in done.stderr


def test_query_prints_a_table_json_and_csv():
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
             "SELECT ?n WHERE { <http://metadata.un.org/sdg/17.17> skos:notation ?n }")
    table = glocal("query", "-e", query)
    assert table.returncode == 0, table.stderr
    assert "17.17" in table.stdout
    assert "(1 rows)" in table.stdout
    as_json = json.loads(glocal("query", "-e", query, "--format", "json").stdout)
    assert as_json["results"]["bindings"] == [{"n": {"type": "literal", "value": "17.17"}}]
    assert glocal("query", "-e", query, "--format", "csv").stdout == "n\n17.17\n"


def test_query_binds_values_from_the_command_line():
    done = glocal("query", "--format", "csv", "--bind", "g=sdg:4", "-e",
                  "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                  "SELECT ?n WHERE { ?g skos:notation ?n }")
    assert done.stdout == "n\n4\n"


def test_query_from_a_file_and_ask(tmp_path):
    rq = tmp_path / "ask.rq"
    rq.write_text("ASK { <http://metadata.un.org/sdg/1> ?p ?o }", encoding="utf-8")
    assert glocal("query", str(rq)).stdout.strip() == "true"


def test_query_refuses_service_with_exit_2():
    done = glocal("query", "-e", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert done.returncode == 2
    assert "SERVICE is refused" in done.stderr


def test_named_queries_are_listed_and_run():
    listing = glocal("query", "--list")
    assert listing.returncode == 0
    assert "review-documents\t" in listing.stdout
    done = glocal("query", "--named", "review-documents", "--format", "json")
    assert len(json.loads(done.stdout)["results"]["bindings"]) == 5


def test_convert_writes_another_format(tmp_path):
    out = tmp_path / "actors.nt"
    done = glocal("convert", str(ROOT / "data" / "actors.ttl"), str(out))
    assert done.returncode == 0, done.stderr
    assert len(Graph().parse(out, format="nt")) == len(Graph().parse(ROOT / "data" / "actors.ttl"))


def test_convert_of_bad_input_writes_nothing(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    done = glocal("convert", str(bad), str(tmp_path / "out.nt"))
    assert done.returncode == 2
    assert not (tmp_path / "out.nt").exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_info_reports_versions_and_graphs():
    info = json.loads(glocal("info", "--format", "json").stdout)
    assert info["dependencies"].keys() == {"rdflib", "pyoxigraph", "pyshacl", "owlready2",
                                           "networkx"}
    assert "https://w3id.org/glocal/graph/sdg" in info["graphs"]


def test_loading_and_validating_show_progress_on_a_terminal_and_stay_quiet_when_piped():
    import pty

    quiet = glocal("review")
    assert "Läser in" not in quiet.stderr
    assert "Granskar" not in quiet.stderr
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([SCRIPT, "review"], stdout=subprocess.DEVNULL, stderr=follower,
                              timeout=300, check=False)
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0
    assert "Läser in" in shown.decode("utf-8", "replace")
    # the checks of the review, counted: "Granskar: 100% (30 av 30) klart"
    assert re.search(r"Granskar: 100% \((\d+) av \1\) klart", shown.decode("utf-8", "replace"))
