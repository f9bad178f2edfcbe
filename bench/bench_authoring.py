"""Benchmarks of the workbook import (glocal.authoring), run on demand.

    python bench/bench_authoring.py rows            # 1,000 rows against a 100-page source
    python bench/bench_authoring.py national --municipalities 290

``rows`` builds a 100-page source (the five bundled sources repeated, pages split by form
feeds) and a workbook of 1,000 activities, each quoting one sentence of it, and times
``import_workbook`` (reading, every quote located, the shapes run); target <= 2 s.

``national`` generates a national graph with bench/generate.py (290 municipalities, 290 ×
1,100 triples: 358 documents, round-robin), exports each document to a workbook, makes its
source text from what the workbook says (its quotes and its dates), imports every workbook
against its source and loads all into one store; it reports the time per document and in
total, how many import clean and the kinds of problem that keep the others from it, then
validates the store as loaded (the offsets as written, literals the store rewrites) and, with
``--compare``, with pySHACL too.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD
from rdflib.term import Node

import glocal
from glocal.authoring import export_workbook, import_workbook
from glocal.authoring.template import build, save
from glocal.namespaces import GLOCAL, OA

ROOT = Path(__file__).resolve().parent.parent
_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


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
        runs = []
        for _ in range(3):  # the machine is shared: the best of three, and each
            start = time.perf_counter()
            result = import_workbook(book, source)
            runs.append(time.perf_counter() - start)
        seconds = min(runs)
        print(f"rows: {count} rows, 100 pages ({source.stat().st_size // 1024} KiB): "
              f"{seconds:.2f} s (runs: {', '.join(f'{r:.2f}' for r in runs)}), "
              f"{result.quotes} quotes, {len(result.problems)} problems (target <= 2 s)")
        start = time.perf_counter()
        turtle = result.to_turtle()
        print(f"  and then the graph as Turtle (result.to_turtle, what -o writes): "
              f"{time.perf_counter() - start:.2f} s ({len(turtle) // 1024} KiB)")
        _phases(book, source)
        return seconds


def _phases(book: Path, source_path: Path) -> None:
    """The import's phases one after the other, and openpyxl's full reader of the same
    workbook beside glocal's (the reader the import used before), in one run."""
    import openpyxl

    from glocal.authoring import SourceText
    from glocal.authoring.api import _shape_problems
    from glocal.authoring.importer import Offset, add_offsets, read_rows, to_graph

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
    kg = glocal.load(ROOT / "data" / "actors.ttl")
    kg.add_graph(graph, name="https://w3id.org/glocal/graph/import")
    kg.add_graph(add_offsets(Graph(), offsets, XSD.integer), name="https://w3id.org/glocal/graph/import")
    start = time.perf_counter()
    engine = kg.validate(lang=found).engine
    times[f"  of which kg.validate alone ({engine} engine)"] = time.perf_counter() - start
    kg.close()
    for name, took in times.items():
        print(f"  {name}: {took:.2f} s")
    print(f"  ({cells:,} values; {len(graph):,} triples)")


def national(municipalities: int, compare: bool = False) -> float:
    """Import every document of a generated national graph (``municipalities`` × 1,100
    triples) into one store; print the time, how many import clean and why the others do not."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "national.nt"
        generate(data, triples=municipalities * 1100, seed=1, municipalities=municipalities)
        g = Graph().parse(data)
        docs = sorted(g.subjects(RDF.type, GLOCAL.GoverningDocument))
        store = glocal.load(ROOT / "data" / "actors.ttl")
        start = time.perf_counter()
        clean, seeded, other, why = 0, 0, 0, Counter[str]()
        for n, doc in enumerate(docs):
            _quote_actors(g, doc)
            book = folder / f"doc-{n}.xlsx"
            exported = export_workbook(g, str(doc), book)
            source = folder / str(g.value(doc, DCTERMS.source)).rsplit("/", 1)[-1]
            source.write_text(_national_source(exported.carried), encoding="utf-8")
            result = import_workbook(book, source, shapes=False)
            store.add_graph(result.graph, name=f"https://w3id.org/glocal/graph/bench/{n}")
            clean += result.ok
            faulty = _dangling(g, doc)
            seeded += faulty
            other += not result.ok and not faulty
            why.update({_kind(p.message) for p in result.problems})
        seconds = time.perf_counter() - start
        print(f"national: {len(docs)} documents of {municipalities} municipalities exported and "
              f"imported into one store in {seconds:.1f} s ({seconds / max(1, len(docs)):.2f} s "
              f"each), {clean} clean, {len(store)} triples; {seeded} documents hold a seeded "
              f"fault no workbook can carry (an SDG link to sdg:<goal>.99); {other} others "
              f"are not clean")
        for kind, count in why.most_common():
            print(f"  {count} documents: {kind}")
        # the imported graphs as written: their offsets (xsd:nonNegativeInteger) are literals
        # the store rewrites; the SPARQL engine runs where the shapes cannot tell them apart
        start = time.perf_counter()
        report = store.validate(engine="auto")
        print(f"validate (auto) of the one store: {time.perf_counter() - start:.1f} s, the "
              f"{report.engine} engine, {store.backend.rewritten_literals():,} rewritten "
              f"literals, {len(report.results):,} results")
        if compare:  # pySHACL on the data as given: the reference
            start = time.perf_counter()
            reference = store.validate(engine="pyshacl")
            print(f"validate (pyshacl): {time.perf_counter() - start:.1f} s, "
                  f"{len(reference.results):,} results, the same report: {reference == report}")
        store.close()
        return seconds


def _quote_actors(g: Graph, doc: Node) -> None:
    """Give each actor that ``doc`` refers to and glocal does not know a quote in ``doc``: its
    name, as a document names its bodies (the generator declares them without one, and the
    import asks a new actor for the passage that names it)."""
    from glocal.authoring.vocab import vocabulary

    known = vocabulary().known_iris
    stated = {doc, *g.subjects(GLOCAL.statedIn, doc)}
    actors = {o for s in stated for o in g.objects(s) if isinstance(o, URIRef)
              and str(o).startswith("https://w3id.org/glocal/id/actor/") and str(o) not in known}
    for actor in sorted(actors):
        quoted = any((q, DCTERMS.source, doc) in g for q in g.objects(actor, _DERIVED))
        name = g.value(actor, SKOS.prefLabel)
        if quoted or name is None:
            continue
        quote = BNode()
        g.add((actor, _DERIVED, quote))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(str(name))))
        g.add((quote, DCTERMS.source, doc))


def _dangling(g: Graph, doc: Node) -> bool:
    """Whether ``doc`` holds one of the generator's seeded ``dangling_sdg_links``."""
    return any(str(o).endswith(".99") for s in g.subjects(GLOCAL.statedIn, doc)
               for p in (GLOCAL.alignedWith, GLOCAL.sdg) for o in g.objects(s, p))


def _national_source(carried: Graph) -> str:
    """The source text of a document: each quote its workbook carries, then the dates it gives
    (issued, adopted, revision due, approvals), so that the import can find them."""
    quotes = sorted({str(o) for o in carried.objects(None, OA.exact)})
    dates = sorted({str(o) for o in carried.objects() if isinstance(o, Literal)
                    and o.datatype in (XSD.date, XSD.gYear, XSD.gYearMonth)})
    return ". ".join(quotes) + ".\n\n" + " ".join(f"Datum {d}." for d in dates) + "\n"


def _kind(message: str) -> str:
    """A problem's message without the values it names (a kind of problem)."""
    return re.sub(r'"[^"]*"|\d[\d.:-]*', "…", message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("rows", "national"))
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--municipalities", type=int, default=290)
    parser.add_argument("--compare", action="store_true",
                        help="national: validate with pySHACL too and compare the reports")
    args = parser.parse_args(argv)
    if args.what == "rows":
        rows(args.rows)
    else:
        national(args.municipalities, args.compare)
    return 0


if __name__ == "__main__":
    sys.exit(main())
