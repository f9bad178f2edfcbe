"""Extracting a 100-page PDF (issue 17; target: at most 3 s on the project machine).

The PDF is made by LibreOffice Writer headless (``scripts/install-test-services.sh``) from the
five bundled source texts, repeated until there are 100 pages, with a running header and a page
number footer on each page (tests/office.py lays it out). Then ``glocal.authoring.extract`` reads
it ``--repeats`` times in this process; the median and the slowest are printed. With
``--compare``, each run is followed by one with pypdf as the text engine (glocal's engine up to
December 2026, needs ``pip install pypdf``), in turns, so both see the same load on the machine.

    python bench/bench_extract.py [--pages 100] [--repeats 5] [--compare]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import office  # noqa: E402  (the fixture layout the tests use)
from glocal.authoring import extract, pdf  # noqa: E402


def make_pdf(pages: int, folder: Path) -> Path:
    chunks: list[list[str]] = []
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))]
    while len(chunks) < pages:
        for text in texts:
            chunks.extend(office.chunk(text))
    flat = folder / f"bench-{pages}.fodt"
    flat.write_text(office.fodt(chunks[:pages]), encoding="utf-8")
    (made,) = office.convert([flat], "pdf", folder / "pdf", folder / "profile")
    return made


def _pypdf_pages(data: bytes, name: str, progress: object = None) -> list[str]:
    """The old engine: pypdf's pure-Python extract_text, page by page."""
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


@contextlib.contextmanager
def _engine(name: str):  # type: ignore[no-untyped-def]
    saved = pdf.pdf_pages
    if name == "pypdf":
        pdf.pdf_pages = _pypdf_pages  # type: ignore[assignment]
    try:
        yield
    finally:
        pdf.pdf_pages = saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--compare", action="store_true", help="also time pypdf, in turns")
    args = parser.parse_args()
    engines = ("pypdfium2", "pypdf") if args.compare else ("pypdfium2",)
    times: dict[str, list[float]] = {e: [] for e in engines}
    texts: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        made = make_pdf(args.pages, Path(tmp))
        for _ in range(args.repeats):
            for engine in engines:
                with _engine(engine):
                    started = time.perf_counter()
                    found = extract(made)
                    times[engine].append(time.perf_counter() - started)
                texts[engine] = found.text
        size = made.stat().st_size
    print(f"extract: {found.pages} pages, {size / 1e6:.2f} MB PDF, {len(found.text):,} characters")
    for engine in engines:
        print(f"{engine}: median {statistics.median(times[engine]):.2f} s, slowest "
              f"{max(times[engine]):.2f} s over {args.repeats} runs (target: at most 3 s)")
    if args.compare:
        ratio = statistics.median(times["pypdf"]) / statistics.median(times["pypdfium2"])
        same = texts["pypdf"] == texts["pypdfium2"]
        print(f"pypdf / pypdfium2: {ratio:.1f}x; the same source text: {same}")
    return 0 if found.pages == args.pages else 1


if __name__ == "__main__":
    sys.exit(main())
