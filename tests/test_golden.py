"""Every CLI command's output on the bundled data, byte for byte (issue 13: the move into
subpackages changes no output). Regenerate deliberately with ``GLOCAL_GOLDEN=write pytest
tests/test_golden.py`` after a change that is meant to alter an output, and review the diff."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from glocal.cli import main

GOLDEN = Path(__file__).parent / "golden"
TRACED = "Vi utvecklar samverkan med civilsamhället genom exempelvis Idéburet offentligt partnerskap (IOP)"

CASES: dict[str, list[str]] = {
    # the review's date is fixed: a golden file must not change with the calendar
    "review-sv": ["review", "--as-of", "2026-01-01"],
    "review-en": ["review", "--as-of", "2026-01-01", "--lang", "en"],
    "review-json": ["review", "--as-of", "2026-01-01", "--format", "json"],
    "validate-table-sv": ["validate", "--as-of", "2026-01-01"],
    "validate-table-en": ["validate", "--as-of", "2026-01-01", "--lang", "en"],
    "validate-json": ["validate", "--as-of", "2026-01-01", "--format", "json"],
    "validate-markdown": ["validate", "--as-of", "2026-01-01", "--format", "markdown"],
    "validate-turtle": ["validate", "--as-of", "2026-01-01", "--format", "turtle",
                        "--engine", "sparql"],
    "validate-pyshacl": ["validate", "--as-of", "2026-01-01", "--engine", "pyshacl"],
    "trace-tree": ["trace", TRACED],
    "trace-table-en": ["trace", TRACED, "--format", "table", "--lang", "en"],
    "trace-json": ["trace", TRACED, "--format", "json"],
    "contributors-tree": ["contributors", "17.17"],
    "contributors-json": ["contributors", "17.17", "--format", "json"],
    "coverage-table": ["coverage"],
    "coverage-en": ["coverage", "--lang", "en", "--municipality", "Finspångs kommun"],
    "coverage-json": ["coverage", "--format", "json"],
    "coverage-csv": ["coverage", "--format", "csv"],
    "query-list": ["query", "--list"],
    "query-named": ["query", "-n", "cq-all-twin-towns"],
    "query-named-json": ["query", "-n", "cq-all-twin-towns", "--format", "json"],
    "trace-unknown": ["trace", "Finspong internationell"],
    "validate-bad-date": ["validate", "--as-of", "2026-13-01"],
    "query-csv": ["query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format",
                  "csv"],
}


def _normalise(text: str) -> str:
    # the review's timing lines and versions are not part of the contract
    return re.sub(r"glocal \d+\.\d+\.\d+\S*", "glocal VERSION", text)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(CASES[name])
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    out = _normalise(captured.out) + "--- stderr\n" + captured.err
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("GLOCAL_GOLDEN") == "write":
        path.write_text(f"exit {code}\n{out}", encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if name.endswith("turtle"):  # blank nodes come out in any order: compare the graphs
        expected_code, _, expected_out = expected.partition("\n")
        assert f"exit {code}" == expected_code
        assert _results(out) == _results(expected_out)
    else:
        assert f"exit {code}\n{out}" == expected


def _results(text: str) -> list[tuple[str, ...]]:
    """Each result's focus node, shape, component, severity and messages; the report repeats a
    result's path structure as blank nodes, shared or copied, so the graphs are not compared."""
    graph = Graph().parse(data=text.partition("--- stderr\n")[0], format="turtle")
    keys = (SH.focusNode, SH.sourceShape, SH.sourceConstraintComponent, SH.resultSeverity)
    return sorted(
        (*(str(graph.value(result, key)) for key in keys),
         *sorted(f"{m}@{m.language}" for m in graph.objects(result, SH.resultMessage)))
        for result in graph.objects(None, SH.result))
