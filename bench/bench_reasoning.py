"""How long OWL reasoning takes, and how much memory Java uses, as the graph grows.

Run on demand (never in the unit tests)::

    python bench/bench_reasoning.py                      # HermiT, default sizes
    python bench/bench_reasoning.py --reasoner pellet --sizes 10 100 400

Each size is a number of generated glocal-shaped documents (goals, strategies, activities,
indicators, SDG alignments, actors, quotes: about 150 triples each), reasoned over together with
the ontology and the SDG graph, each size in a fresh process so that its Java's peak memory
(max RSS of the child processes) can be read. The results guide ``DEFAULT_MAX_TRIPLES`` in
``glocal.reasoning.reason``; see docs/reasoning.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PREFIXES = """@prefix glocal: <https://w3id.org/glocal/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix sdg: <http://metadata.un.org/sdg/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix b: <https://example.org/bench/> .
"""


def document(i: int) -> str:
    """One generated document: 3 goals, 4 strategies, 6 activities, 3 indicators, 3 alignments."""
    d = f"b:doc-{i}"
    out = [f"{d} a glocal:GoverningDocument ; dcterms:title \"Dokument {i}\"@sv ;",
           f"  glocal:adoptedBy b:council-{i} ; glocal:steeredBy b:plan-{i % 7} ;",
           f"  dcterms:issued \"2020-01-{1 + i % 28:02d}\"^^xsd:date .",
           f"b:council-{i} a org:OrganizationalUnit ; org:unitOf b:municipality-{i % 50} .",
           f"b:municipality-{i % 50} a org:FormalOrganization , glocal:Municipality ."]

    def statement(kind: str, n: int, extra: str) -> None:
        node = f"b:doc-{i}-{kind.lower()}-{n}"
        out.append(f"{node} a glocal:{kind} ; skos:prefLabel \"{kind} {n} i {i}\"@sv ; "
                   f"glocal:statedIn {d} ; glocal:position {n} ;")
        out.append(f"  prov:wasDerivedFrom [ a oa:TextQuoteSelector ; oa:exact \"text {n}\" ] "
                   f"{extra} .")

    for n in range(1, 4):
        statement("Goal", n, f"; glocal:measuredBy b:doc-{i}-indicator-{n}")
    for n in range(1, 5):
        statement("Strategy", n, f"; glocal:contributesTo b:doc-{i}-goal-{1 + n % 3}")
    for n in range(1, 7):
        statement("Activity", n, f"; glocal:contributesTo b:doc-{i}-strategy-{1 + n % 4} ; "
                                 f"glocal:responsible b:council-{i}")
    for n in range(1, 4):
        statement("Indicator", n, "")
    for n in range(1, 4):
        out.append(f"b:doc-{i}-alignment-{n} a glocal:SDGAlignment ; "
                   f"glocal:alignmentOf b:doc-{i}-goal-{n} ; glocal:sdg sdg:{1 + (i + n) % 17} ; "
                   f"glocal:basis glocal:Interpreted ; prov:wasAttributedTo b:editors .")
        out.append(f"b:doc-{i}-goal-{n} glocal:alignedWith sdg:{1 + (i + n) % 17} .")
    return "\n".join(out) + "\n"


def generate(documents: int, path: Path) -> None:
    path.write_text(PREFIXES + "".join(document(i) for i in range(documents)), encoding="utf-8")


def one(documents: int, reasoner: str, timeout: float) -> dict[str, object]:
    """Reason over ``documents`` generated documents in this process; print one JSON line."""
    import glocal
    from glocal.errors import ReasoningError

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "bench.ttl"
        generate(documents, data)
        kg = glocal.load(data)
        t0 = time.monotonic()
        try:
            result = kg.reason(reasoner=reasoner, timeout=timeout,  # type: ignore[arg-type]
                               max_triples=10**9)
            status = "consistent" if result.consistent else "inconsistent"
            facts = result.facts
        except ReasoningError as exc:
            status, facts = f"error: {exc}", 0
        seconds = time.monotonic() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"documents": documents, "triples": len(kg), "reasoner": reasoner,
            "seconds": round(seconds, 1), "java_peak_mib": round(peak / 1024), "status": status,
            "inferred": facts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--reasoner", choices=("hermit", "pellet"), default="hermit")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 300, 1000, 3000])
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(one(args.one, args.reasoner, args.timeout)))
        return 0
    print(f"{'documents':>9} {'triples':>9} {'seconds':>8} {'Java MiB':>9}  status")
    for size in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(size), "--reasoner",
                               args.reasoner, "--timeout", str(args.timeout)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{size:>9} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(done.stdout)
        print(f"{row['documents']:>9} {row['triples']:>9} {row['seconds']:>8} "
              f"{row['java_peak_mib']:>9}  {row['status']} ({row['inferred']} inferred)",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
