"""Benchmarks of the workbook import (glocal.authoring), run on demand.

    python bench/bench_authoring.py rows            # 1,000 rows against a 100-page source
    python bench/bench_authoring.py national --documents 290

``rows`` builds a 100-page source (the five bundled sources repeated, pages split by form
feeds) and a workbook of 1,000 activities, each quoting one sentence of it, and times
``import_workbook`` (reading, every quote located, the shapes run); target <= 2 s.

``national`` generates a national graph with bench/generate.py (290 municipalities), makes a
source text for each document from its own quotes, exports each document to a workbook,
imports every workbook against its source and loads all into one store; it reports the time
per document and in total.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF

import glocal
from glocal.authoring import export_workbook, import_workbook
from glocal.authoring.template import build, save
from glocal.namespaces import GLOCAL, OA

ROOT = Path(__file__).resolve().parent.parent


def _source(folder: Path, pages: int = 100) -> tuple[Path, list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))]
    words = " ".join(" ".join(texts).split()).split(" ")
    chunk = 400  # words per page, about 2,800 characters
    out, sentences = [], []
    for n in range(pages):
        start = (n * chunk) % max(1, len(words) - chunk)
        page = f"Sida {n + 1}. " + " ".join(words[start:start + chunk])
        out.append(page)
        sentences.extend(s.strip() for s in re.split(r"(?<=[.!?])\s", page) if len(s) > 60)
    path = folder / "source.txt"
    path.write_text("\f".join(out), encoding="utf-8")
    return path, sentences


def rows(count: int = 1000) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, sentences = _source(folder)
        document = {"municipality": "bench", "document_id": "program", "title": "Program",
                    "doctype": "program", "publisher": "finspang", "review_rule":
                    "minst en gång per mandatperiod"}
        activities = [{"id": f"activity-{i + 1}", "text": f"Aktivitet {i + 1}",
                       "position": str(i + 1), "quote": sentences[i % len(sentences)]}
                      for i in range(count)]
        book = folder / "bench.xlsx"
        save(build(document=document, rows={"activity": activities}), book)
        import_workbook(book, source)  # warm up: the vocabulary, the shapes
        start = time.perf_counter()
        result = import_workbook(book, source)
        seconds = time.perf_counter() - start
        print(f"rows: {count} rows, 100 pages ({source.stat().st_size // 1024} KiB): "
              f"{seconds:.2f} s, {result.quotes} quotes, {len(result.problems)} problems "
              f"(target <= 2 s)")
        _phases(book, source)
        return seconds


def _phases(book: Path, source_path: Path) -> None:
    """The import's phases one after the other, and openpyxl's full reader of the same
    workbook beside glocal's (the reader the import used before), in one run."""
    import openpyxl

    from glocal.authoring import SourceText
    from glocal.authoring.api import _shape_problems
    from glocal.authoring.importer import Offset, read_rows, to_graph

    source = SourceText.read(source_path)
    times: dict[str, float] = {}
    start = time.perf_counter()
    book_ = openpyxl.load_workbook(book, read_only=False, data_only=False)
    cells = sum(1 for ws in book_.worksheets for row in ws.iter_rows() for c in row
                if c.value is not None)
    times["openpyxl full reader (before)"] = time.perf_counter() - start
    start = time.perf_counter()
    rows, problems, found = read_rows(book)
    times["read: glocal's reader + rows"] = time.perf_counter() - start
    start = time.perf_counter()
    offsets: list[Offset] = []
    graph, _, nodes, _ = to_graph(rows, source, found, problems, layout=found, offsets=offsets)
    times["rows to triples, quotes located"] = time.perf_counter() - start
    start = time.perf_counter()
    _shape_problems(graph, offsets, nodes, found)
    times["shapes (store, validate, map to cells)"] = time.perf_counter() - start
    for name, took in times.items():
        print(f"  {name}: {took:.2f} s")
    print(f"  ({cells:,} values; {len(graph):,} triples)")


def national(documents: int) -> float:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "national.nt"
        generate(data, triples=documents * 1100, seed=1)
        g = Graph().parse(data)
        docs = sorted(g.subjects(RDF.type, GLOCAL.GoverningDocument))[:documents]
        store = glocal.load(ROOT / "data" / "actors.ttl")
        start = time.perf_counter()
        imported = 0
        for n, doc in enumerate(docs):
            quotes = sorted({str(g.value(q, OA.exact)) for q in g.subjects(DCTERMS.source, doc)
                             if g.value(q, OA.exact) is not None})
            src_name = str(g.value(doc, DCTERMS.source)).rsplit("/", 1)[-1] or f"doc-{n}.txt"
            source = folder / src_name
            source.write_text(". ".join(quotes), encoding="utf-8")
            book = folder / f"doc-{n}.xlsx"
            export_workbook(g, str(doc), book)
            result = import_workbook(book, source, shapes=False)
            store.add_graph(result.graph, name=f"https://w3id.org/glocal/graph/bench/{n}")
            imported += result.ok
        seconds = time.perf_counter() - start
        print(f"national: {len(docs)} documents exported and imported into one store in "
              f"{seconds:.1f} s ({seconds / max(1, len(docs)):.2f} s each), {imported} clean, "
              f"{len(store)} triples")
        store.close()
        return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("rows", "national"))
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--documents", type=int, default=290)
    args = parser.parse_args(argv)
    if args.what == "rows":
        rows(args.rows)
    else:
        national(args.documents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
