"""``validate`` side by side: pySHACL (the reference) and the SPARQL engine (``glocal.validation.sparql.compile``).

Run on demand, never in the unit tests:

    python bench/bench_validate.py --sizes 10k,100k,1M --repeats 3

For each size it generates (or reuses) a national graph with seeded faults
(``bench/generate.py``, seed 1) in ``bench/results/data/``, loads it once with ``glocal.load``,
and times ``validate(engine=...)`` for each engine; it checks that both engines give the same
results, and prints the medians, the ratio and the SPARQL engine end to end (load + validate).
pySHACL runs ``--pyshacl-repeats`` times (default 1) and is skipped above ``--pyshacl-max``
triples (default 1M), where one run takes minutes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from generate import AS_OF, generate, parse_size  # noqa: E402

import glocal  # noqa: E402
from glocal.validation.validate import validate  # noqa: E402


def _timed(run: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()  # type: ignore[operator]
    return time.perf_counter() - started, result


def _key(report: object) -> set[tuple[object, ...]]:
    return {(r.focus, r.path, r.value, r.severity, r.shape, r.component, r.message)
            for r in report.results}  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pyshacl-repeats", type=int, default=1)
    parser.add_argument("--pyshacl-max", type=parse_size, default=parse_size("1M"))
    parser.add_argument("--data", default=str(HERE / "results" / "data"))
    args = parser.parse_args(argv)
    as_of: date = AS_OF
    rows = []
    for size in args.sizes.split(","):
        path = Path(args.data) / f"national-{size}-seed1.nt"
        if not path.exists():
            generate(path, triples=parse_size(size), seed=1)
        load, kg = _timed(lambda: glocal.load(path))  # noqa: B023
        times: dict[str, list[float]] = {"sparql": [], "pyshacl": []}
        reports = {}
        for engine in ("sparql", "pyshacl"):
            if engine == "pyshacl" and parse_size(size) > args.pyshacl_max:
                continue
            for _ in range(args.repeats if engine == "sparql" else args.pyshacl_repeats):
                seconds, reports[engine] = _timed(
                    lambda e=engine, k=kg: validate(k, as_of=as_of, engine=e))  # type: ignore[misc]
                times[engine].append(seconds)
                print(f"  {size} {engine}: {seconds:.2f} s", file=sys.stderr, flush=True)
        same = ("—" if "pyshacl" not in reports
                else "yes" if _key(reports["pyshacl"]) == _key(reports["sparql"]) else "NO")
        fast = statistics.median(times["sparql"])
        slow = statistics.median(times["pyshacl"]) if times["pyshacl"] else None
        rows.append((size, len(kg), load, fast, slow, same,
                     len(reports["sparql"].results)))  # type: ignore[attr-defined]
    print("| size | quads | load (s) | validate sparql (s) | validate pySHACL (s) | ratio | "
          "sparql end to end (s) | same results | results |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for size, quads, load, fast, slow, same, n in rows:
        ratio = f"{slow / fast:.1f}×" if slow else "—"
        shown = f"{slow:.2f}" if slow else "—"
        print(f"| {size} | {quads} | {load:.2f} | {fast:.2f} | {shown} | {ratio} | "
              f"{load + fast:.2f} | {same} | {n} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
