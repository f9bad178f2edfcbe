"""glocal diff: the bundled Linköping–Norrköping pair (001 riktlinje, 004 strategi) as two
versions of one work, and two graphs of one document (issue 17, part 3)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import glocal
from glocal.authoring import DocumentDiff, diff, diff_versions
from glocal.errors import NodeNotFoundError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GID = "https://w3id.org/glocal/id/"
OLD = f"{GID}linkoping-norrkoping/riktlinje-for-internationellt-arbete"   # 001
NEW = f"{GID}linkoping-norrkoping/internationell-strategi"                # 004
GLOCAL = "https://w3id.org/glocal/ontology#"
NASSJO = DATA / "nassjo-strategi-for-internationellt-arbete.ttl"


@pytest.fixture(scope="module")
def versions() -> DocumentDiff:
    return diff_versions(glocal.load(), OLD, NEW)


def _by_new(found: DocumentDiff, local: str) -> list:
    return [c for c in found.changes if c.new is not None and c.new.iri.endswith(local)]


def test_the_two_versions_titles_and_counts(versions: DocumentDiff) -> None:
    assert (versions.old_title, versions.new_title) == (
        "Riktlinje för internationellt arbete", "Internationell strategi")
    counts = versions.counts()
    assert counts["removed"] == 0  # everything 001 says, 004 says too, in some wording
    assert counts["unchanged"] > 20  # the shared statements


def test_principle_4_reworded_by_its_hyphens(versions: DocumentDiff) -> None:
    (change,) = _by_new(versions, "/internationell-strategi/principle-4")
    assert change.kinds == ("reworded",)
    assert change.old is not None
    assert change.old.iri == f"{OLD}/principle-4"
    assert "mål- och projektorienterat arbete" in change.old.wording
    assert "mål och projekt orienterat arbete" in change.new.wording
    assert change.matched_by in ("wording", "correspondence")
    assert change.similarity > 0.95


def test_principle_7_reworded_and_split(versions: DocumentDiff) -> None:
    (change,) = _by_new(versions, "/internationell-strategi/principle-7")
    assert change.kinds == ("reworded",)
    assert change.old.iri == f"{OLD}/principle-7"
    assert "(så kallade biståndsprojekt)" in change.old.wording
    assert "(så kallade kommunala partnerskap)" in change.new.wording
    assert change.links_added == change.links_removed == ()  # still aligned with SDG 16.7
    assert any(link.object.endswith("/16.7") for link in change.new.links)
    # the second sentence of 001's item 7 is 004's item 8: added in 004
    (split,) = _by_new(versions, "/internationell-strategi/principle-8")
    assert split.kinds == ("added",)
    assert split.new.wording.startswith("Såväl som i annat internationellt arbete")
    assert split.new.wording in change.old.wording
    assert split.counterpart in (None, change.old.iri)  # named once the graph links them


def test_steering_plan_reworded(versions: DocumentDiff) -> None:
    (change,) = _by_new(versions, "koalition-for-linkopings-overgripande-mal-2015-2018")
    assert change.old.iri.endswith("/linkoping-kommunfullmaktiges-plan-med-overgripande-mal")
    assert change.old.label == "Kommunfullmäktiges plan med övergripande mål"
    assert change.new.label == "Koalition för Linköpings övergripande mål 2015-2018"
    assert "reworded" in change.kinds


def test_shared_statement_with_a_spelling_slip(versions: DocumentDiff) -> None:
    (change,) = _by_new(versions, "/partnership-1")
    assert change.matched_by == "iri"
    assert "informationsspridning" in change.old.wording
    assert "informations spridning" in change.new.wording


def test_back_page_only_in_the_strategy(versions: DocumentDiff) -> None:
    added = [c.new.wording for c in versions.of_kind("added")]
    assert any("Sveriges fjärde storstadsregion" in text for text in added)
    assert not versions.of_kind("removed")


def test_document_type_relinked(versions: DocumentDiff) -> None:
    removed = {(x.predicate, x.object) for x in versions.links_removed}
    added = {(x.predicate, x.object) for x in versions.links_added}
    assert ("http://purl.org/dc/terms/type", f"{GLOCAL}GuidelineDocument") in removed
    assert ("http://purl.org/dc/terms/type", f"{GLOCAL}StrategyDocument") in added


def test_to_dict_is_json(versions: DocumentDiff) -> None:
    data = json.loads(json.dumps(versions.to_dict()))
    assert data["counts"] == versions.counts()
    assert len(data["changes"]) == len(versions.changes)


def test_a_stated_correspondence_pairs_and_names_the_split(tmp_path: Path) -> None:
    links = tmp_path / "links.ttl"
    links.write_text(
        f"<{OLD}/principle-7> <{GLOCAL}correspondsTo> <{NEW}/principle-7> , <{NEW}/principle-8> .\n",
        encoding="utf-8")
    found = diff_versions(glocal.load(*_bundled(), links),
                          OLD, NEW)
    (change,) = _by_new(found, "/internationell-strategi/principle-7")
    assert change.matched_by == "correspondence"
    (split,) = _by_new(found, "/internationell-strategi/principle-8")
    assert split.counterpart == f"{OLD}/principle-7"


def _bundled() -> list[Path]:
    return sorted(p for p in DATA.glob("*.ttl") if p.name != "sdg.ttl")


# --- two graphs --------------------------------------------------------------------------------


def test_two_graphs_of_one_document(tmp_path: Path) -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import SKOS

    graph = Graph().parse(NASSJO)
    statements = sorted({s for s in graph.subjects(URIRef(f"{GLOCAL}statedIn"), None)
                         if (s, URIRef(f"{GLOCAL}contributesTo"), None) in graph})
    relinked = statements[0]
    graph.remove((relinked, URIRef(f"{GLOCAL}contributesTo"), None))
    reworded = sorted(s for s in graph.subjects(SKOS.prefLabel, None)
                      if (s, URIRef(f"{GLOCAL}statedIn"), None) in graph and s != relinked)[0]
    graph.set((reworded, SKOS.prefLabel, Literal("Ett nytt mål", lang="sv")))
    removed = sorted(set(graph.subjects(URIRef(f"{GLOCAL}statedIn"), None)) - {relinked, reworded})[0]
    graph.remove((removed, None, None))
    document = graph.value(reworded, URIRef(f"{GLOCAL}statedIn"))
    added = URIRef(f"{document}/goal-99")
    graph.add((added, URIRef(f"{GLOCAL}statedIn"), document))
    graph.add((added, SKOS.prefLabel, Literal("Ett mål till", lang="sv")))
    new_file = tmp_path / "ny.ttl"
    graph.serialize(new_file, format="turtle")

    result = diff(glocal.load(NASSJO), glocal.load(new_file))
    assert result.only_old == result.only_new == ()
    (found,) = result.documents
    assert found.old_document == found.new_document == str(document)
    kinds = {c.statement.iri: c.kinds for c in found.changes}
    assert kinds[str(added)] == ("added",)
    assert kinds[str(removed)] == ("removed",)
    assert "reworded" in kinds[str(reworded)]
    assert kinds[str(relinked)] == ("relinked",)
    (change,) = [c for c in found.changes if c.statement.iri == str(relinked)]
    assert change.links_added == ()
    assert {x.predicate for x in change.links_removed} == {f"{GLOCAL}contributesTo"}
    same = diff(glocal.load(NASSJO), glocal.load(NASSJO))
    assert not same.changed


def test_unknown_document_is_an_error() -> None:
    with pytest.raises(NodeNotFoundError):
        diff_versions(glocal.load(), OLD, "gid:nowhere/none")


# --- the command -------------------------------------------------------------------------------


def _glocal(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(Path(sys.executable).parent / "glocal"), *args],
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.slow
def test_cli_diff_versions_text_and_json() -> None:
    done = _glocal("diff", OLD, NEW, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Riktlinje för internationellt arbete → Internationell strategi" in done.stdout
    assert "[-biståndsprojekt),-]{+kommunala partnerskap),+}" in done.stdout
    assert "added: " in done.stdout
    assert "reworded: " in done.stdout
    sv = _glocal("diff", OLD, NEW, "--exit-code")
    assert sv.returncode == 1
    assert "omformulerad" in sv.stdout
    data = json.loads(_glocal("diff", OLD, NEW, "--format", "json").stdout)
    assert data["changed"] is True
    assert data["documents"][0]["counts"]["removed"] == 0


@pytest.mark.slow
def test_cli_diff_two_files() -> None:
    done = _glocal("diff", str(NASSJO), str(NASSJO), "--exit-code", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "no differences" in done.stdout
    missing = _glocal("diff", str(NASSJO), str(NASSJO), "--document", "gid:nowhere/none")
    assert missing.returncode == 2
    assert missing.stderr.startswith("glocal: error: ")
