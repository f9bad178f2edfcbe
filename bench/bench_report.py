"""How long ``glocal report --all`` takes on a national graph (issue 18: ≤ 30 s at 1M triples,
290 municipalities, on the project's 2-core machine).

    python bench/generate.py --triples 1M --seed 1 --municipalities 290 \\
        --out bench/results/data/national-1M.nt
    python bench/bench_report.py bench/results/data/national-1M.nt [--stages]

It loads the graph (timed apart, as every bench/ measurement does), then times
``glocal.report.write_report(kg, out, all=True)`` end to end: the review counts, coverage,
validation, the grouping by municipality, rendering and the atomic write; it prints one JSON
line with the seconds (wall clock and this process's CPU time: on a shared machine the CPU
seconds move less with other work), the municipalities and the size of the file.
``--stages`` first times each public call the report makes, one by one (``summarise``,
``coverage``, ``validate``, the report's own gathering, rendering).

To compare two versions side by side, run this script in turns with ``PYTHONPATH`` set to each
version's ``src`` (the machine's noise then falls on both alike).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import glocal
from glocal.report import write_report

AS_OF = date(2025, 6, 1)


def _timed(call: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = call()
    return value, {"wall_s": round(time.perf_counter() - wall, 2),
                   "cpu_s": round(time.process_time() - cpu, 2)}


def _stages(kg: glocal.KnowledgeGraph) -> dict[str, dict[str, float]]:
    """Each public call the report makes, timed on its own."""
    from glocal.report.html import render
    from glocal.report.model import gather

    out = {}
    _, out["summarise"] = _timed(kg.summarise)
    _, out["coverage"] = _timed(kg.coverage)
    _, out["validate"] = _timed(lambda: kg.validate(as_of=AS_OF))
    data, out["gather (all of the above and the report's own)"] = _timed(
        lambda: gather(kg, as_of=AS_OF, traces=False))
    _, out["render"] = _timed(lambda: render(data))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", help="a generated national graph (bench/generate.py)")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--stages", action="store_true",
                        help="also time each public call the report makes, one by one")
    args = parser.parse_args(argv)
    kg, loaded = _timed(lambda: glocal.load(args.graph))
    stages = _stages(kg) if args.stages else None
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "granskning.html"
        for _ in range(args.repeats):
            _, took = _timed(lambda: write_report(kg, out, all=True, as_of=AS_OF))
            runs.append(took)
        html = out.read_text(encoding="utf-8")
    print(json.dumps({"glocal": str(Path(glocal.__file__).parent), "triples": len(kg),
                      "load": loaded, "report": runs, "stages": stages,
                      "municipalities": html.count('class="municipality"'),
                      "html_bytes": len(html.encode("utf-8"))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
