"""``validate(document=…)`` inside a national graph, and whole-graph ``validate`` against a baseline.

Run on demand, never in the unit tests:

    python bench/bench_validate_scope.py --size 1M --documents 20 --repeats 3 \\
        --baseline ../main/src

It generates (or reuses) the benchmark's national graph (``bench/generate.py``, seed 1, 290
municipalities) in ``bench/results/data/``, loads it once and:

1. times ``kg.validate(document=D)`` (the SPARQL engine, as ``auto`` picks it) for
   ``--documents`` documents spread over the graph, ``--repeats`` times each, and checks each
   report against the whole graph's report filtered to the document's nodes (the same results);
2. with ``--baseline SRC`` (the ``src`` folder of another checkout, e.g. main), times
   whole-graph ``validate()`` in child processes, this checkout's and the baseline's in turns,
   the order swapped every round (A B, B A, A B …), each loading the graph and validating it
   once per round, so that the machine's drift falls on both alike; the ratio is taken round
   by round and its median quoted (``--together``: both at the same time, one core each).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))

from generate import AS_OF, generate, parse_size  # noqa: E402
from rdflib import URIRef  # noqa: E402

_CHILD = """
import json, sys, time
from datetime import date
import glocal
kg = glocal.load(sys.argv[1])
started = time.perf_counter()
report = kg.validate(as_of=date.fromisoformat(sys.argv[2]), engine="sparql")
print(json.dumps({"seconds": time.perf_counter() - started, "results": len(report.results),
                  "code": glocal.__file__}))
"""


def _start(src: Path, path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.Popen([sys.executable, "-c", _CHILD, str(path), AS_OF.isoformat()],
                            stdout=subprocess.PIPE, text=True, env=env)


def _answer(child: subprocess.Popen[str], src: Path) -> dict[str, object]:
    out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"the child for {src} failed")
    answer: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    if not str(answer["code"]).startswith(str(src)):
        raise SystemExit(f"the child imported {answer['code']}, not the code under {src}")
    return answer


def _whole(src: Path, path: Path) -> dict[str, object]:
    return _answer(_start(src, path), src)


def _scoped(path: Path, documents: int, repeats: int) -> list[tuple[str, float, int, bool]]:
    sys.path.insert(0, str(SRC))
    import glocal
    from glocal.validation.scope import scope

    kg = glocal.load(path)
    rows = kg.query("PREFIX glocal: <https://w3id.org/glocal/ontology#> "
                    "SELECT ?d WHERE { ?d a glocal:GoverningDocument } ORDER BY ?d")
    every = [URIRef(str(r["d"])) for r in rows]
    step = max(1, len(every) // documents)
    chosen = every[::step][:documents]
    started = time.perf_counter()
    full = kg.validate(as_of=AS_OF)
    print(f"  whole graph in-process: {time.perf_counter() - started:.2f} s, "
          f"{len(full.results)} results", file=sys.stderr, flush=True)
    out = []
    for doc in chosen:
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            report = kg.validate(as_of=AS_OF, document=doc)
            times.append(time.perf_counter() - started)
        where = scope(kg, document=doc)
        assert where is not None
        same = report.results == tuple(r for r in full.results if r.focus in where.nodes)
        out.append((str(doc), statistics.median(times), len(report.results), same))
        print(f"  {doc}: {statistics.median(times):.3f} s, {len(report.results)} results, "
              f"same as filtered: {same}", file=sys.stderr, flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1M")
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3, help="whole-graph rounds (A B each)")
    parser.add_argument("--baseline", type=Path, default=None,
                        help="the src folder of the checkout to compare whole-graph validate with")
    parser.add_argument("--data", default=str(HERE / "results" / "data"))
    parser.add_argument("--together", action="store_true",
                        help="run the two checkouts' whole-graph validations at the same time "
                             "(one core each on a 2-core machine) instead of in turns")
    parser.add_argument("--whole-only", action="store_true",
                        help="only the whole-graph comparison with --baseline")
    args = parser.parse_args(argv)
    path = Path(args.data) / f"national-{args.size}-seed1.nt"
    if not path.exists():
        generate(path, triples=parse_size(args.size), seed=1)
    if not args.whole_only:
        scoped = _scoped(path, args.documents, args.repeats)
        times = [s for _, s, _, _ in scoped]
        print(f"| one document, {args.size} | median {statistics.median(times):.3f} s | "
              f"max {max(times):.3f} s | {len(scoped)} documents × {args.repeats} | "
              f"same as filtered: {all(s for *_, s in scoped)} |")
    if args.baseline is not None:
        mine, theirs = [], []
        for i in range(args.rounds):
            if args.together:  # both at once: the same load at the same moment on both
                base = args.baseline.resolve()
                a, b = _start(SRC, path), _start(base, path)
                mine.append(_answer(a, SRC))
                theirs.append(_answer(b, base))
            elif i % 2:
                theirs.append(_whole(args.baseline.resolve(), path))
                mine.append(_whole(SRC, path))
            else:
                mine.append(_whole(SRC, path))
                theirs.append(_whole(args.baseline.resolve(), path))
            print(f"  round: this {mine[-1]['seconds']} s, baseline "
                  f"{theirs[-1]['seconds']} s", file=sys.stderr, flush=True)
        a_s = [float(str(a["seconds"])) for a in mine]
        b_s = [float(str(b["seconds"])) for b in theirs]
        ratios = [a / b for a, b in zip(a_s, b_s, strict=True)]
        print(f"| whole graph, {args.size} | this {statistics.median(a_s):.2f}"
              f" s | baseline {statistics.median(b_s):.2f} s | "
              f"ratio (median of rounds) {statistics.median(ratios):.3f} | "
              f"results {mine[0]['results']} / {theirs[0]['results']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
