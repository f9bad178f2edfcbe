"""Every sentence of the five texts is in the graph or in a recorded editorial decision (issue 14).

A sentence is covered when at least half of its characters fall in some ``oa:exact`` quote whose
``dcterms:source`` is its document. A sentence that is not covered must be listed, with the
reason, in ``data/editorial/sentences.tsv`` (see ``data/editorial/README.md``); a listed sentence
that the graph covers, or that the text no longer has, is a stale decision. The share of each
text's sentences covered by a quote is reported in the README, and checked here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from glocal.namespaces import OA
from glocal.quotes import normalise

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "data" / "sources"
DECISIONS = REPO / "data" / "editorial" / "sentences.tsv"
ID = "https://w3id.org/glocal/id/"
DOCUMENTS = {
    "000_063182793bb327c4.txt": ID + "finspang/internationellt-program",
    "001_b1ae21d98ef60b9e.txt": ID + "linkoping-norrkoping/riktlinje-for-internationellt-arbete",
    "002_35427d06caa9381f.txt": ID + "tranas/internationellt-arbete",
    "003_0d99bc0ea2b53663.txt": ID + "nassjo/strategi-for-internationellt-arbete",
    "004_040a7913594e06ec.txt": ID + "linkoping-norrkoping/internationell-strategi",
}
KINDS = frozenset({"lead-in", "heading", "repeat", "page", "parts"})

# A sentence ends at . ! ? or : before a capital, a quotation mark, a bullet or a numbered
# heading; every list item (a bullet: -, •, or the PDF's private-use bullet U+F0B7) starts one.
_SPLIT = re.compile(
    r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ”\"(•\uf0b7#]|-\s|\d+\.\s)"
    r"|\s+(?=[•\uf0b7]\s|-\s(?=[A-ZÅÄÖa-zåäö]))"
)


def sentences(raw: str) -> list[str]:
    """The sentences of a source text, normalised, without bullets and Markdown heading marks.

    >>> sentences("Mål:\\n- Ett mål.\\n- Ett annat.\\n\\n### Nästa rubrik")
    ['Mål:', 'Ett mål.', 'Ett annat.', 'Nästa rubrik']
    """
    out = []
    for piece in _SPLIT.split(normalise(raw)):
        piece = re.sub(r"^(?:[-•\uf0b7]|\d+\.)\s+", "", piece.strip().lstrip("#").strip())
        if re.search(r"\w", piece):
            out.append(piece.strip())
    return out


@pytest.fixture(scope="module")
def graph() -> Graph:
    g = Graph()
    for path in sorted((REPO / "data").glob("*.ttl")):
        if path.name != "sdg.ttl":
            g.parse(path)
    return g


def coverage(graph: Graph, name: str) -> list[tuple[str, bool]]:
    """Each sentence of a text and whether the graph's quotes of that text cover it."""
    raw = (SOURCES / name).read_text(encoding="utf-8")
    text = normalise(raw)
    quoted = [False] * len(text)
    for selector in graph.subjects(DCTERMS.source, URIRef(DOCUMENTS[name])):
        for exact in graph.objects(selector, OA.exact):
            quote = normalise(str(exact))
            start = text.find(quote)
            while start >= 0:
                quoted[start:start + len(quote)] = [True] * len(quote)
                start = text.find(quote, start + 1)
    found, at = [], 0
    for sentence in sentences(raw):
        start = text.find(sentence, at)
        assert start >= 0, f"{name}: sentence not found in order: {sentence!r}"
        at = start + len(sentence)
        chars = [k for k in range(start, at) if not text[k].isspace()]
        found.append((sentence, 2 * sum(quoted[k] for k in chars) >= len(chars)))
    return found


def decisions() -> dict[tuple[str, str], str]:
    with DECISIONS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert rows, "data/editorial/sentences.tsv is empty"
    bad = [r for r in rows if r["source"] not in DOCUMENTS or r["decision"] not in KINDS
           or not r["note"].strip()]
    assert bad == [], "every decision names a source text, a known decision and a note"
    return {(r["source"], r["sentence"]): r["decision"] for r in rows}


def shares(graph: Graph) -> dict[str, tuple[int, int]]:
    """Per source text: (sentences covered by a quote, sentences)."""
    out = {}
    for name in DOCUMENTS:
        found = coverage(graph, name)
        out[name] = (sum(covered for _, covered in found), len(found))
    return out


def test_issue_14_every_sentence_is_in_the_graph_or_decided(graph: Graph) -> None:
    decided = decisions()
    undecided, stale = [], []
    for name in DOCUMENTS:
        found = coverage(graph, name)
        for sentence, covered in found:
            if not covered and (name, sentence) not in decided:
                undecided.append(f"{name}: {sentence}")
            if covered and (name, sentence) in decided:
                stale.append(f"{name}: covered, yet decided: {sentence}")
        listed = {s for (n, s) in decided if n == name}
        stale += [f"{name}: no such sentence: {s}" for s in listed - {s for s, _ in found}]
    assert undecided == [], "sentences neither quoted nor decided (data/editorial/sentences.tsv)"
    assert stale == []


def test_issue_14_the_readme_reports_each_texts_coverage(graph: Graph) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, (covered, total) in shares(graph).items():
        row = f"| `{name}` | {total} | {covered} | {round(100 * covered / total)} % |"
        assert row in readme, f"README.md should have the row {row}"
