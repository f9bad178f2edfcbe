"""glocal report (issue 18): the numbers in the HTML are the API's, the page loads in a real
headless Chromium with the network blocked and no console error, axe-core finds no serious or
critical violation, and the PDF holds the sections and the documents' titles."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import URIRef

import glocal
from glocal.report import write_report
from glocal.validation.report import SEVERITIES
from glocal.words import Lang, word

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 6, 1)
SECTIONS = ("summary", "agenda", "fix", "completeness", "versions")


class _Numbers(HTMLParser):
    """Every number the report marks, with the municipality and document it stands under."""

    def __init__(self) -> None:
        super().__init__()
        self.municipality = ""
        self.document = ""
        self.part = ""
        self.goal = ""
        self.open: list[tuple[str, str]] = []
        self.found: list[dict[str, str]] = []
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if "data-municipality" in a:
            self.municipality = a["data-municipality"]
        if "data-part" in a:
            self.part, self.document = a["data-part"], ""
        if "data-document" in a:
            self.document = a["data-document"]
        if "data-goal" in a:
            self.goal = a["data-goal"]
        for key in ("data-count", "data-measure", "data-state", "data-severity", "data-result"):
            if key in a:
                entry = {"m": self.municipality, "doc": self.document, "part": self.part,
                         "key": key, "name": a[key], "n": a.get("data-n", "")}
                self.found.append(entry)
                self.open.append((tag, key))
                return
        self.open.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            t, _ = self.open.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][1] and self.found:
            self.found[-1]["text"] = self.found[-1].get("text", "") + data


def _numbers(html: str) -> _Numbers:
    parser = _Numbers()
    parser.feed(html)
    return parser


def _publisher(kg: glocal.KnowledgeGraph, doc: str) -> URIRef:
    rows = kg.query("SELECT ?p WHERE { ?d <http://purl.org/dc/terms/publisher> ?p } ORDER BY ?p",
                    bindings={"d": URIRef(doc)})
    return rows[0]["p"]  # type: ignore[return-value]


def _check_numbers(kg: glocal.KnowledgeGraph, html: str, *, traced: bool = True) -> None:
    """Every marked number equals the review model, kg.coverage() and kg.validate()."""
    found = _numbers(html).found
    summaries = {s.iri: s for s in kg.summarise()}  # by URIRef: the HTML's IRIs are strings
    counts = [f for f in found if f["part"] == "summary" and f["key"] == "data-count"]
    assert counts
    for f in counts:
        assert int(f["text"]) == getattr(summaries[URIRef(f["doc"])], f["name"]), f
    assert {URIRef(f["doc"]) for f in counts} == set(summaries)
    documents = {str(d.document): d for d in kg.coverage().documents}
    measures = [f for f in found if f["key"] == "data-measure"]
    for f in measures:
        assert int(f["text"]) == getattr(documents[f["doc"]], f["name"]), f
    assert {f["doc"] for f in measures} == {d for d, c in documents.items() if c.goals}
    validation = kg.validate(as_of=AS_OF)
    pages: dict[str, set[str]] = {}
    for f in counts:
        pages.setdefault(f["m"], set()).add(f["doc"])
    for name, docs in pages.items():
        results = [r for r in validation.results
                   if {x.iri for x in r.documents} & {URIRef(d) for d in docs}]
        shown = {f["name"]: int(f["n"]) for f in found
                 if f["m"] == name and f["key"] == "data-severity"}
        expected = {s: sum(r.severity == s for r in results) for s in SEVERITIES}
        assert shown == (expected if results else {}), name
        rows = [f for f in found if f["m"] == name and f["key"] == "data-result"]
        assert len(rows) == len(results)
        order = [SEVERITIES.index(f["name"]) for f in rows]
        assert order[0] == min(order, default=0)
        # the wheel's states are kg.coverage(municipality=...)'s
        coverage = kg.coverage(municipality=_publisher(kg, sorted(docs)[0]))
        by_goal = {c.notation: c for c in coverage.sdgs if c.is_goal}
        states = [f for f in found if f["m"] == name and f["key"] == "data-state"
                  and f["part"] == "agenda"]
        table = [f for f in states if f.get("text")]
        wheel = [f for f in states if not f.get("text")]
        assert len(table) == 17
        assert [f["name"] for f in wheel] == [f["name"] for f in table]
        for goal, f in zip(range(1, 18), table, strict=True):
            c = by_goal.get(str(goal))
            bases = {s.basis for s in c.served_by} if c else set()
            expected_state = ("explicit" if "explicit" in bases else
                              "interpreted" if bases else "none")
            assert f["name"] == expected_state, (name, goal)


@pytest.fixture(scope="module")
def kg() -> glocal.KnowledgeGraph:
    return glocal.load()


@pytest.fixture(scope="module")
def reports(kg: glocal.KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    return {lang: write_report(kg, out / f"granskning-{lang}.html", as_of=AS_OF, lang=lang)
            for lang in ("sv", "en")}


def test_the_numbers_are_the_apis_on_the_bundled_data(kg: glocal.KnowledgeGraph,
                                                      reports: dict[str, Path]) -> None:
    for path in reports.values():
        _check_numbers(kg, path.read_text(encoding="utf-8"))


def test_each_municipality_and_document_has_its_sections(kg: glocal.KnowledgeGraph,
                                                         reports: dict[str, Path]) -> None:
    for lang, path in reports.items():
        html = path.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        for s in kg.summarise(lang=lang):
            assert s.title in html
        for key in ("report.summary", "report.agenda", "report.fix", "report.completeness",
                    "report.versions", "report.index"):
            assert word(key, lang) in html
        # headings in order: never a jump of more than one level down
        levels = [int(c) for c in re.findall(r"<h([1-6])", html)]
        assert levels[0] == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
        # every interpreted link shows its rationale and approval state; evidence is quoted
        assert word("report.rationale", lang) in html
        assert word("report.unapproved", lang) in html
        assert "<blockquote>" in html
        # no reference to any other host: no URL in a src, href or url()
        assert "src=" not in html
        assert "url(http" not in html
        assert 'href="http' not in html


def test_past_due_revision_is_flagged_as_of_the_date(kg: glocal.KnowledgeGraph,
                                                     tmp_path: Path) -> None:
    rows = kg.query("SELECT ?d ?due WHERE { ?d <https://w3id.org/glocal/ontology#revisionDue> "
                    "?due }")
    assert rows
    due = min(date.fromisoformat(str(r["due"])) for r in rows)
    before = write_report(kg, tmp_path / "a.html", as_of=due.replace(year=due.year - 1))
    after = write_report(kg, tmp_path / "b.html", as_of=due.replace(year=due.year + 1))
    assert 'data-past-due="true"' not in before.read_text(encoding="utf-8")
    assert 'data-past-due="true"' in after.read_text(encoding="utf-8")


def test_one_municipality_and_one_document(kg: glocal.KnowledgeGraph, tmp_path: Path) -> None:
    first = kg.summarise()[0]
    one = write_report(kg, tmp_path / "m.html", municipality=first.publishers[0], as_of=AS_OF)
    found = _numbers(one.read_text(encoding="utf-8")).found
    assert {f["m"] for f in found} == {first.municipality}
    doc = write_report(kg, tmp_path / "d.html", document=first.iri, as_of=AS_OF)
    docs = {f["doc"] for f in _numbers(doc.read_text(encoding="utf-8")).found if f["doc"]}
    assert {URIRef(d) for d in docs} == {first.iri}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "national.nt"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--triples", "20k",
                    "--municipalities", "6", "--seed", "3", "--out", str(out)], check=True,
                   capture_output=True)
    return out


def test_the_numbers_are_the_apis_on_a_generated_graph(generated: Path, tmp_path: Path) -> None:
    kg = glocal.load(generated)
    html = write_report(kg, tmp_path / "national.html", as_of=AS_OF, all=True)
    _check_numbers(kg, html.read_text(encoding="utf-8"), traced=False)


def test_versions_are_compared_statement_by_statement_as_glocal_diff_does(
        kg: glocal.KnowledgeGraph, reports: dict[str, Path]) -> None:
    """The bundled 001/004 pair (two versions of Linköping and Norrköping's work): the section
    shows glocal.authoring.diff_versions's counts and each change with its kinds."""
    from glocal.authoring import diff_versions

    lnn = "https://w3id.org/glocal/id/linkoping-norrkoping/"
    old, new = lnn + "riktlinje-for-internationellt-arbete", lnn + "internationell-strategi"
    expected = diff_versions(kg, old, new)
    assert expected.changes  # the pair differs, so the test can see a wrong count
    for lang, path in reports.items():
        html = path.read_text(encoding="utf-8")
        start = html.index(f'<article class="versions" data-old="{old}" data-new="{new}">')
        part = html[start:html.index("</article>", start)]
        assert word("report.version_pair", lang, old="Riktlinje för internationellt arbete",
                    new="Internationell strategi") in unescape(part)
        shown = {k: int(n) for k, n in re.findall(r'data-change-count="(\w+)">(\d+)<', part)}
        assert shown == expected.counts()
        kinds = re.findall(r'<li data-change="([\w ]+)">', part)
        assert kinds == (["document"] if expected.links_added or expected.links_removed
                         else []) + [" ".join(c.kinds) for c in expected.changes]
        for c in expected.changes:
            assert _e(c.statement.label or c.statement.wording) in part
        assert html.count('<article class="versions"') == 1  # no other work has versions


def _e(text: str) -> str:
    from html import escape

    return escape(text, quote=True)


def _paged_copy(tmp_path: Path) -> Path:
    """Tranås's document with a page on every quote, as ``glocal import`` writes them
    (schema:pageStart and schema:pageEnd on the quote): pages 1, 2–3, 3, 4–5, …"""
    text = (ROOT / "data" / "tranas-internationellt-arbete.ttl").read_text(encoding="utf-8")
    n = itertools.count(1)

    def pages(match: re.Match[str]) -> str:
        i = next(n)
        return f"{match.group(0)} ; schema:pageStart {i} ; schema:pageEnd {i + i % 2}"

    paged = re.sub(r"dcterms:source tranas:internationellt-arbete(?= \])", pages, text)
    assert next(n) > 20  # the pattern found the quotes
    out = tmp_path / "tranas-paged.ttl"
    out.write_text("@prefix schema: <https://schema.org/> .\n" + paged, encoding="utf-8")
    return out


def test_each_quote_shows_the_pages_it_stands_on(tmp_path: Path) -> None:
    kg = glocal.load(_paged_copy(tmp_path))
    rows = kg.query("""SELECT ?exact ?start ?end WHERE { ?n <http://www.w3.org/ns/prov#wasDerivedFrom>
        ?q . ?q <http://www.w3.org/ns/oa#exact> ?exact ; <https://schema.org/pageStart> ?start ;
        <https://schema.org/pageEnd> ?end }""")
    expected = {str(r["exact"]): (int(r["start"]), int(r["end"])) for r in rows}
    for lang, one, many in (("sv", "s. {}", "s. {}–{}"), ("en", "p. {}", "pp. {}–{}")):
        html = write_report(kg, tmp_path / f"{lang}.html", as_of=AS_OF, lang=lang
                            ).read_text(encoding="utf-8")
        found = re.findall(r'<blockquote>([^<]*) <span class="page" data-pages="(\d+)-(\d+)">'
                           r"\(([^)]*)\)</span></blockquote>", html)
        assert "<blockquote>" in html
        assert len(found) == html.count("<blockquote>")  # every quote here has its pages
        kinds = set()
        for exact, start, end, shown in found:
            pages = expected[unescape(exact)]
            assert (int(start), int(end)) == pages
            kinds.add(pages[0] == pages[1])
            assert shown == (one.format(pages[0]) if pages[0] == pages[1] else
                             many.format(*pages))
        assert kinds == {True, False}  # both one page and a range are shown
    # a graph without pages shows none
    plain = write_report(glocal.load(ROOT / "data" / "tranas-internationellt-arbete.ttl"),
                         tmp_path / "plain.html", as_of=AS_OF).read_text(encoding="utf-8")
    assert "<blockquote>" in plain
    assert 'class="page"' not in plain


# --- the browser -----------------------------------------------------------------------------


def _browser(tmp_path: Path) -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        pytest.skip("Chromium is not installed: run scripts/install-test-services.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path / 'profile'}",
                 "--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    browser = webdriver.Chrome(options=options,
                               service=webdriver.ChromeService(executable_path=driver_path))
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    yield from _browser(tmp_path)


def _not_blank(png: bytes) -> bool:
    """Whether a PNG has more than one colour (its pixel bytes are not all alike)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    data, i = b"", 8
    while i < len(png):
        length = int.from_bytes(png[i:i + 4], "big")
        if png[i + 4:i + 8] == b"IDAT":
            data += png[i + 8:i + 8 + length]
        i += 12 + length
    pixels = zlib.decompress(data)
    return len(set(pixels)) > 8


def _requests(browser: object, page: str = "") -> list[str]:
    """The URLs the page ``page`` asked for (its own document and everything it loads)."""
    urls = []
    for entry in browser.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if (message["method"] == "Network.requestWillBeSent"
                and message["params"].get("documentURL") == page):
            urls.append(message["params"]["request"]["url"])
    return urls


def test_the_page_in_headless_chromium_offline(reports: dict[str, Path], browser: object,
                                               tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    for lang, path in reports.items():
        _requests(browser)  # what the browser asked for before: its own start page
        browser.get_log("browser")  # type: ignore[attr-defined]
        browser.get(path.as_uri())  # type: ignore[attr-defined]
        parts = browser.find_elements(By.CSS_SELECTOR, "div.part")  # type: ignore[attr-defined]
        assert {p.get_attribute("data-part") for p in parts} == set(SECTIONS)
        for part in parts:
            browser.execute_script("arguments[0].scrollIntoView()", part)  # type: ignore[attr-defined]
            png = part.screenshot_as_png
            assert _not_blank(png), part.get_attribute("data-part")
        first = parts[1]
        (tmp_path / f"agenda-{lang}.png").write_bytes(first.screenshot_as_png)
        requests = _requests(browser, path.as_uri())
        assert path.as_uri() in requests  # the log sees the page's own request
        leaving = [u for u in requests if not u.startswith(("file:", "data:"))]
        assert leaving == []
        errors = [e for e in browser.get_log("browser")  # type: ignore[attr-defined]
                  if e["level"] == "SEVERE"]
        assert errors == []
        # the log would see a request to another host: one made on purpose shows up, blocked
        browser.execute_script(  # type: ignore[attr-defined]
            "const i = new Image(); i.src = 'http://report.invalid/x.png';"
            "document.body.append(i);")
        time.sleep(0.5)
        assert "http://report.invalid/x.png" in _requests(browser, path.as_uri())
    # the README's picture is this screenshot: scripts/report_picture.py asks for it here
    wanted = os.environ.get("GLOCAL_REPORT_SCREENSHOT")
    if wanted:
        browser.get(reports["sv"].as_uri())  # type: ignore[attr-defined]
        browser.set_window_size(1100, 1000)  # type: ignore[attr-defined]
        part = browser.find_elements(By.CSS_SELECTOR, "div.part")[1]  # type: ignore[attr-defined]
        Path(wanted).write_bytes(part.screenshot_as_png)


def _axe() -> Path:
    """axe-core from the npm registry, installed once into a cache folder."""
    cache = Path.home() / ".cache" / "glocal-test" / "axe"
    script = cache / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: axe-core cannot be fetched")
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund",
                        "axe-core@4"], check=True, capture_output=True, timeout=300)
    return script


def test_axe_core_finds_no_serious_violation(reports: dict[str, Path], browser: object) -> None:
    axe = _axe().read_text(encoding="utf-8")
    for path in reports.values():
        browser.get(path.as_uri())  # type: ignore[attr-defined]
        browser.execute_script(axe)  # type: ignore[attr-defined]
        result = browser.execute_async_script(  # type: ignore[attr-defined]
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
            ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length])))")
        serious = [v for v in result if v[1] in ("serious", "critical")]
        assert serious == []


# --- PDF and the command ---------------------------------------------------------------------


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.slow
def test_glocal_report_writes_html_and_pdf(kg: glocal.KnowledgeGraph, tmp_path: Path) -> None:
    if shutil.which("chromium") is None or shutil.which("pdftotext") is None:
        pytest.skip("Chromium or pdftotext (poppler-utils) is not installed")
    glocal_cmd = Path(sys.executable).parent / "glocal"
    for lang in ("sv", "en"):
        html, pdf = tmp_path / f"g-{lang}.html", tmp_path / f"g-{lang}.pdf"
        done = subprocess.run([str(glocal_cmd), "report", "--lang", lang, "--as-of",
                               AS_OF.isoformat(), "-o", str(html), "--pdf", str(pdf)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        text = " ".join(_pdf_text(pdf).split())
        for key in ("report.summary", "report.agenda", "report.fix", "report.completeness",
                    "report.versions"):
            assert word(key, lang) in text
        for s in kg.summarise(lang=lang):
            assert " ".join(s.title.split()) in text


def test_pdf_without_chromium_is_one_clear_line(tmp_path: Path) -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "glocal"), "report",
                           "--municipality", "Tranås kommun", "-o", str(tmp_path / "a.html"),
                           "--pdf", str(tmp_path / "a.pdf")],
                          capture_output=True, text=True, timeout=300,
                          env={"PATH": "/nonexistent", "GLOCAL_CHROMIUM": ""})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("glocal: error: --pdf prints")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "a.pdf").exists()


def test_a_new_report_gets_the_umasks_mode_and_an_existing_one_keeps_its_own(
        kg: glocal.KnowledgeGraph, tmp_path: Path) -> None:
    """The report is written through a temporary file (never half a page), yet a new file gets
    the mode a plain open() would give it, 0666 less the umask, not the temporary file's 0600."""
    import stat

    old = os.umask(0o022)
    try:
        new = write_report(kg, tmp_path / "new.html", municipality="Tranås kommun", as_of=AS_OF)
    finally:
        os.umask(old)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    new.chmod(0o600)
    write_report(kg, new, municipality="Tranås kommun", as_of=AS_OF)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


# --- versions (issue 18): the order the graph states, and what changed links name --------------

VERSIONS = ROOT / "tests" / "fixtures" / "report" / "versions.ttl"
TV = "https://w3id.org/glocal/id/test-versions/"


def _pairs(html: str) -> list[tuple[str, str]]:
    return [(old.removeprefix(TV), new.removeprefix(TV)) for old, new in re.findall(
        r'<article class="versions" data-old="([^"]*)" data-new="([^"]*)">', html)]


def test_issue_18_versions_follow_the_revisions_the_graph_states(tmp_path: Path) -> None:
    """A chain A <- B <- C (prov:wasRevisionOf) comes out A, B, C though dated C, B, A; a work
    with no revision stated is ordered by date, then version number; two documents linked by
    a revision alone are versions of one another."""
    from glocal.report.model import gather

    kg = glocal.load(VERSIONS)
    issued = {str(r["d"]).removeprefix(TV): str(r["i"]) for r in kg.query(
        "SELECT ?d ?i WHERE { ?d <http://purl.org/dc/terms/issued> ?i }")}
    assert issued["c"] < issued["b"] < issued["a"]  # the dates alone would give C, B, A
    assert issued["h"] < issued["g"]
    expected = [("a", "b"), ("b", "c"), ("d", "e"), ("e", "f"), ("g", "h")]
    (page,) = gather(kg, as_of=AS_OF).pages
    assert [(v.old_document.removeprefix(TV), v.new_document.removeprefix(TV))
            for v in page.versions] == expected
    html = write_report(kg, tmp_path / "v.html", as_of=AS_OF).read_text(encoding="utf-8")
    assert _pairs(html) == expected
    # the bundled 001/004 pair, with no revision stated, still comes out as before
    lnn = "https://w3id.org/glocal/id/linkoping-norrkoping/"
    bundled = [(v.old_document, v.new_document) for p in gather(glocal.load(), as_of=AS_OF).pages
               for v in p.versions]
    assert bundled == [(lnn + "riktlinje-for-internationellt-arbete",
                        lnn + "internationell-strategi")]


def test_issue_18_changed_links_name_their_objects_by_the_graphs_labels(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relinked statement's new SDG target and goal are named by their labels in the
    report's language (read in one query for all, none one by one); a node with no label
    keeps its CURIE."""
    from glocal.namespaces import curie

    kg = glocal.load(VERSIONS)
    objects = [URIRef("http://metadata.un.org/sdg/17.17"), URIRef(TV + "outer-goal"),
               URIRef("http://metadata.un.org/sdg/17.16")]
    asked: list[object] = []
    batches: list[set[object] | None] = []
    named_query, read_labels = kg.named_query, kg.labels

    def spy(name: str, **kw: object) -> object:
        if name == "node-labels":
            asked.append((kw.get("bindings") or {}).get("node"))  # type: ignore[attr-defined]
        return named_query(name, **kw)  # type: ignore[arg-type]

    def labels_spy(lang: str = "sv", nodes: object = None) -> object:
        batches.append(None if nodes is None else set(nodes))  # type: ignore[call-overload]
        return read_labels(lang, nodes)  # type: ignore[arg-type]

    def labels_asked(run: Callable[[], object]) -> tuple[list[str], int]:
        """The bound node-labels queries ``run`` makes for ``objects``, and how many times it
        reads labels in batches (never every label of the graph)."""
        asked.clear()
        batches.clear()
        run()
        assert None not in batches
        return sorted(str(n) for n in asked if n in objects), len(batches)

    def checks(lang: Lang) -> None:
        kg.coverage()
        kg.validate(as_of=AS_OF, lang=lang)

    monkeypatch.setattr(kg, "named_query", spy)
    monkeypatch.setattr(kg, "labels", labels_spy)
    lang: Lang
    for lang in ("sv", "en"):
        out = tmp_path / f"{lang}.html"
        # coverage and validation name some of these nodes themselves; the section asks
        # for none of them one by one, but for all it names in one batch
        base, calls = labels_asked(partial(checks, lang))
        assert labels_asked(partial(write_report, kg, out, as_of=AS_OF, lang=lang)) == (
            base, calls + 1)
        html = out.read_text(encoding="utf-8")
        start = html.index(f'<article class="versions" data-old="{TV}a" data-new="{TV}b">')
        part = unescape(html[start:html.index("</article>", start)])
        added, removed = (re.search(rf"{re.escape(word(key, lang))}:</span> ([^<]*)<",
                                    part).group(1)  # type: ignore[union-attr]
                          for key in ("report.links_added", "report.links_removed"))
        names = {o: kg.label(o, lang) for o in objects}
        assert all(n != curie(o) for o, n in names.items())  # each has a label to show
        assert names[objects[1]] == {"sv": "Ett mål utanför dokumenten",
                                     "en": "A goal outside the documents"}[lang]
        assert added == ", ".join([f"glocal:alignedWith {names[objects[0]]}",
                                   f"glocal:contributesTo {curie(TV + 'nameless')}",
                                   f"glocal:contributesTo {names[objects[1]]}"])
        assert removed == f"glocal:alignedWith {names[objects[2]]}"


def test_issue_18_a_cycle_of_revisions_is_broken_at_the_earliest(tmp_path: Path) -> None:
    """Two documents that each say they revise the other: the earlier by date comes first."""
    from glocal.report.model import gather

    path = tmp_path / "cycle.ttl"
    path.write_text(VERSIONS.read_text(encoding="utf-8").split("\nt:a a ")[0] + """
t:x a glocal:GoverningDocument ; dcterms:title "X"@sv ; dcterms:publisher t:town ;
    dcterms:issued "2021-01-01"^^xsd:date ; prov:wasRevisionOf t:y .
t:y a glocal:GoverningDocument ; dcterms:title "Y"@sv ; dcterms:publisher t:town ;
    dcterms:issued "2020-01-01"^^xsd:date ; prov:wasRevisionOf t:x .
""", encoding="utf-8")
    (page,) = gather(glocal.load(path), as_of=AS_OF).pages
    assert [(v.old_document.removeprefix(TV), v.new_document.removeprefix(TV))
            for v in page.versions] == [("y", "x")]
