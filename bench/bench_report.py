"""How long ``glocal report --all`` takes on a national graph (issue 18: ≤ 30 s at 1M triples,
290 municipalities, on the project's 2-core machine).

    python bench/generate.py --triples 1M --seed 1 --municipalities 290 \\
        --out bench/results/data/national-1M.nt
    python bench/bench_report.py bench/results/data/national-1M.nt

It loads the graph (timed apart, as every bench/ measurement does), then times
``glocal.report.write_report(kg, out, all=True)`` end to end: the review counts, coverage,
validation, the grouping by municipality, rendering and the atomic write; it prints one JSON
line with the seconds, the municipalities and the size of the file.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import glocal
from glocal.report import write_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", help="a generated national graph (bench/generate.py)")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    kg = glocal.load(args.graph)
    loaded = time.perf_counter() - started
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "granskning.html"
        for _ in range(args.repeats):
            started = time.perf_counter()
            write_report(kg, out, all=True, as_of=date(2025, 6, 1))
            runs.append(time.perf_counter() - started)
        html = out.read_text(encoding="utf-8")
    print(json.dumps({"triples": len(kg), "load_s": round(loaded, 2),
                      "report_s": [round(r, 2) for r in runs],
                      "municipalities": html.count('class="municipality"'),
                      "html_bytes": len(html.encode("utf-8"))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
