"""The workbook: template, import against the source text, export, round trip, hostile input."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import glocal
from glocal.authoring import export_workbook, import_workbook, template
from glocal.authoring.export import located
from glocal.authoring.spec import TEMPLATE_VERSION
from glocal.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
TRANAS = "https://w3id.org/glocal/id/tranas/internationellt-arbete"
TRANAS_SOURCE = SOURCES / "002_35427d06caa9381f.txt"
DOCUMENTS = {
    "https://w3id.org/glocal/id/finspang/internationellt-program": "000_063182793bb327c4.txt",
    "https://w3id.org/glocal/id/linkoping-norrkoping/riktlinje-for-internationellt-arbete":
        "001_b1ae21d98ef60b9e.txt",
    TRANAS: "002_35427d06caa9381f.txt",
    "https://w3id.org/glocal/id/nassjo/strategi-for-internationellt-arbete":
        "003_0d99bc0ea2b53663.txt",
    "https://w3id.org/glocal/id/linkoping-norrkoping/internationell-strategi":
        "004_040a7913594e06ec.txt",
}
# What a workbook cannot carry (docs/authoring.md lists the same): anything else must survive.
NOT_CARRIED = {
    "http://www.w3.org/2004/02/skos/core#prefLabel",  # labels in languages other than sv/en
    "http://www.w3.org/2004/02/skos/core#hiddenLabel",
    "https://schema.org/contactPoint",  # contact points (nested nodes)
    "http://www.w3.org/ns/org#resultedFrom",  # organisational change events (nested nodes)
}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SCRIPT = shutil.which("glocal", path=str(Path(sys.executable).parent)) or shutil.which("glocal")


@pytest.fixture(scope="module")
def bundled() -> Graph:
    kg = glocal.load()
    try:
        return kg.to_rdflib()
    finally:
        kg.close()


@pytest.fixture(scope="module")
def tranas_book(bundled: Graph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tranas") / "tranas.xlsx"
    export_workbook(bundled, TRANAS, path)
    return path


def _strip(graph: Graph) -> Graph:
    """The graph less what the import adds to locate each quote (prefix, suffix, page, offsets)."""
    locating = {t for q in graph.subjects(glocal.namespaces.OA.exact, None)
                for t in located(graph, q)}
    out = Graph()
    for triple in graph:
        if triple not in locating:
            out.add(triple)
    return out


# --- the template --------------------------------------------------------------------------


def test_template_sheets_headers_lists_and_protection(tmp_path: Path) -> None:
    path = tmp_path / "mall.xlsx"
    template(path)
    book = openpyxl.load_workbook(path)
    for name in ("Dokument", "Mål", "Områden", "Strategier", "Aktiviteter", "Indikatorer",
                 "Ansvar", "Agenda 2030", "Aktörer", "Partnerskap", "Instruktioner"):
        assert name in book.sheetnames
    assert book["Listor"].sheet_state == "hidden"
    goals = book["Mål"]
    assert goals["A1"].value == "Id *"
    assert goals["B1"].value == "Text *"
    assert "bidrar till" in (goals["E1"].comment.text or "").lower() or goals["E1"].comment
    assert goals["A2"].value == "goal-1"
    assert goals["A2"].protection.locked
    assert not goals["B2"].protection.locked
    assert goals.protection.sheet
    agenda = book["Agenda 2030"]
    sdg_col = next(c.column_letter for c in agenda[1] if str(c.value).startswith("Globalt mål"))
    assert agenda[f"{sdg_col}2"].number_format == "@"  # "17.10" stays text
    lists = [dv.formula1 for dv in agenda.data_validations.dataValidation]
    assert any("Listor" in f for f in lists)
    doc = book["Dokument"]
    assert doc["A2"].value.startswith("Mallversion")
    assert doc["B2"].value == TEMPLATE_VERSION
    english = tmp_path / "template.xlsx"
    template(english, lang="en")
    assert "Goals" in openpyxl.load_workbook(english).sheetnames


def test_empty_template_names_every_required_field(tmp_path: Path) -> None:
    path = tmp_path / "mall.xlsx"
    template(path)
    result = import_workbook(path, TRANAS_SOURCE)
    assert not result.ok
    lines = [p.line() for p in result.problems]
    assert "Dokument!B5: värde saknas i obligatorisk kolumn Titel" in lines


# --- the round trip -------------------------------------------------------------------------


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_round_trip(document: str, bundled: Graph, tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    exported = export_workbook(bundled, document, path)
    assert {str(p) for _, p, _ in exported.dropped} <= NOT_CARRIED
    assert len(exported.dropped) <= 30
    assert len(exported.carried) > 500
    result = import_workbook(path, SOURCES / DOCUMENTS[document])
    assert not [p for p in result.problems if "citat" in p.message], result.problems
    got = _strip(result.graph)
    if not isomorphic(got, exported.carried):
        _, only_import, only_export = graph_diff(to_isomorphic(got),
                                                  to_isomorphic(exported.carried))
        pytest.fail(f"import {sorted(only_import)[:5]} / export {sorted(only_export)[:5]}")
    # every quote is located: a prefix, a suffix and the page on the quote itself, its
    # offsets on an oa:TextPositionSelector beside it in one oa:SpecificResource of the source
    _assert_located(result.graph, SOURCES / DOCUMENTS[document])


def _assert_located(graph: Graph, source: Path) -> None:
    from rdflib.namespace import RDF

    from glocal.namespaces import OA, SCHEMA, SOURCE
    from glocal.quotes import normalise

    text = " ".join(normalise(page) for page in source.read_text("utf-8").split("\f"))
    quotes = list(graph.subjects(OA.exact, None))
    assert quotes
    for q in quotes:
        assert graph.value(q, SCHEMA.pageStart) is not None  # the report helper's contract
        assert graph.value(q, OA.start) is None  # offsets belong to the position selector
        (segment,) = graph.subjects(OA.hasSelector, q)
        assert (segment, RDF.type, OA.SpecificResource) in graph
        assert graph.value(segment, OA.hasSource) == SOURCE[source.name]
        (position,) = (s for s in graph.objects(segment, OA.hasSelector) if s != q)
        assert (position, RDF.type, OA.TextPositionSelector) in graph
        start = int(graph.value(position, OA.start).toPython())
        end = int(graph.value(position, OA.end).toPython())
        assert text[start:end] == normalise(str(graph.value(q, OA.exact)))


def test_single_file_documents_are_the_bundled_files(bundled: Graph, tmp_path: Path) -> None:
    """For a document in one file, what the workbook carries is that file (less the list)."""
    exported = export_workbook(bundled, TRANAS, tmp_path / "t.xlsx")
    own = Graph().parse(ROOT / "data" / "tranas-internationellt-arbete.ttl")
    both = exported.carried + Graph()
    for triple in exported.dropped:
        both.add(triple)
    _, only_file, only_export = graph_diff(to_isomorphic(own), to_isomorphic(both))
    assert not only_export
    assert not only_file


# --- hostile and mistaken workbooks ---------------------------------------------------------


def _edit(src: Path, dst: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    book = openpyxl.load_workbook(src)
    change(book)
    book.save(dst)
    return dst


def _column(ws: Worksheet, header: str) -> str:
    for cell in ws[1]:
        if str(cell.value or "").removesuffix(" *") == header:
            return str(cell.column_letter)
    raise KeyError(header)


def _lines(path: Path, lang: str = "sv") -> list[str]:
    result = import_workbook(path, TRANAS_SOURCE, lang=lang)
    assert not result.ok
    return [p.line() for p in result.problems]


def _set(sheet: str, header: str, row: int, value: object) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        ws = book[sheet]
        ws[f"{_column(ws, header)}{row}"] = value

    return change


def test_unknown_sdg_code(tranas_book: Path, tmp_path: Path) -> None:
    bad = _edit(tranas_book, tmp_path / "b.xlsx",
                _set("Agenda 2030", "Globalt mål eller delmål", 7, "17.99"))
    assert 'Agenda 2030!C7: okänt mål eller delmål "17.99"' in _lines(bad)
    assert 'Agenda 2030!C7: unknown SDG goal or target "17.99"' in _lines(bad, "en")


def test_code_stored_as_number(tranas_book: Path, tmp_path: Path) -> None:
    bad = _edit(tranas_book, tmp_path / "b.xlsx",
                _set("Agenda 2030", "Globalt mål eller delmål", 2, 17.1))
    assert any(line.startswith("Agenda 2030!C2: koden 17.1 är lagrad som ett tal")
               for line in _lines(bad))


def test_contributes_to_an_id_that_does_not_exist(tranas_book: Path, tmp_path: Path) -> None:
    bad = _edit(tranas_book, tmp_path / "b.xlsx", _set("Aktiviteter", "Bidrar till", 2,
                                                         "goal-99"))
    assert 'Aktiviteter!E2: "goal-99" finns inte (inget sådant id, ingen sådan aktör eller plan)' \
        in _lines(bad)


def test_duplicate_id(tranas_book: Path, tmp_path: Path) -> None:
    bad = _edit(tranas_book, tmp_path / "b.xlsx", _set("Mål", "Id", 3, "goal-1"))
    assert 'Mål!A3: id "goal-1" finns redan på Mål!A2' in _lines(bad)


def test_required_value_missing(tranas_book: Path, tmp_path: Path) -> None:
    bad = _edit(tranas_book, tmp_path / "b.xlsx", _set("Mål", "Text", 2, None))
    assert "Mål!B2: värde saknas i obligatorisk kolumn Text" in _lines(bad)


def test_date_not_a_date_and_not_in_the_text(tranas_book: Path, tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        ws = book["Dokument"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "Utfärdad":
                row[1].value = "i våras"
            if row[0].value == "Ska revideras":
                row[1].value = "2031-01-01"

    lines = _lines(_edit(tranas_book, tmp_path / "b.xlsx", change))
    assert 'Dokument!B13: "i våras" är inget datum (ÅÅÅÅ-MM-DD)' in lines
    assert "Dokument!B15: datumet 2031-01-01 står inte i källtexten" in lines


def test_formula_is_not_evaluated(tranas_book: Path, tmp_path: Path) -> None:
    bad = _edit(tranas_book, tmp_path / "b.xlsx", _set("Mål", "Text", 2, '=CONCAT("a","b")'))
    assert any(line.startswith("Mål!B2: en formel (=CONCAT") for line in _lines(bad))


def test_merged_cells(tranas_book: Path, tmp_path: Path) -> None:
    bad = _edit(tranas_book, tmp_path / "b.xlsx", lambda b: b["Mål"].merge_cells("B2:C2"))
    assert "Mål!B2: sammanfogade celler (B2:C2); dela upp dem" in _lines(bad)


def test_content_in_a_hidden_row(tranas_book: Path, tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["Mål"].row_dimensions[3].hidden = True

    lines = _lines(_edit(tranas_book, tmp_path / "b.xlsx", change))
    assert "Mål!B3: innehåll i en dold rad; visa raden eller töm den" in lines


def test_unknown_sheet_and_column(tranas_book: Path, tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book.create_sheet("Kladd")["A1"] = "x"
        ws = book["Mål"]
        ws.cell(1, ws.max_column + 1, "Budget")

    lines = _lines(_edit(tranas_book, tmp_path / "b.xlsx", change))
    assert 'Kladd!A1: okänt blad "Kladd"' in lines
    assert any(line.endswith('okänd kolumn "Budget"') and line.startswith("Mål!")
               for line in lines)


def test_quote_not_in_the_text_shows_the_nearest_passage(tranas_book: Path,
                                                         tmp_path: Path) -> None:
    book = openpyxl.load_workbook(tranas_book)
    ws = book["Mål"]
    col = _column(ws, "Citat")
    quote = str(ws[f"{col}2"].value)
    ws[f"{col}2"] = quote.replace("a", "e", 2)
    book.save(tmp_path / "b.xlsx")
    lines = _lines(tmp_path / "b.xlsx")
    line = next(line for line in lines if line.startswith(f"Mål!{col}2: "))
    assert "närmast är sidan 1 (likhet" in line
    assert quote[:20] in line


def test_other_template_version_is_refused_in_one_line(tranas_book: Path,
                                                       tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:
        book["Dokument"]["B2"] = "0"

    bad = _edit(tranas_book, tmp_path / "b.xlsx", change)
    with pytest.raises(InputError, match="mallversion 0, den här glocal läser version 1"):
        import_workbook(bad, TRANAS_SOURCE)


def test_macros_and_zip_bombs_are_refused(tranas_book: Path, tmp_path: Path) -> None:
    xlsm = tmp_path / "b.xlsm"
    shutil.copy(tranas_book, xlsm)
    with pytest.raises(InputError, match="makron"):
        import_workbook(xlsm, TRANAS_SOURCE)
    hidden_macro = tmp_path / "m.xlsx"
    shutil.copy(tranas_book, hidden_macro)
    with zipfile.ZipFile(hidden_macro, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\0" * 100)
    with pytest.raises(InputError, match="makron"):
        import_workbook(hidden_macro, TRANAS_SOURCE)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 2**20))
    with pytest.raises(InputError, match="zip-bomb"):
        import_workbook(bomb, TRANAS_SOURCE)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="kan inte läsas som arbetsbok"):
        import_workbook(broken, TRANAS_SOURCE)


def test_shapes_results_map_to_their_cell(tranas_book: Path, tmp_path: Path) -> None:
    def change(book: openpyxl.Workbook) -> None:  # an interpreted link needs its rationale
        ws = book["Agenda 2030"]
        for header in ("Motivering", "Motivering på engelska"):
            ws[f"{_column(ws, header)}2"] = None

    result = import_workbook(_edit(tranas_book, tmp_path / "b.xlsx", change), TRANAS_SOURCE)
    cells = {(p.sheet, p.cell[0]) for p in result.problems}
    assert ("Agenda 2030", "A") in cells or ("Agenda 2030", "E") in cells, result.problems


def test_annotated_copy_marks_each_bad_cell(tranas_book: Path, tmp_path: Path) -> None:
    from glocal.authoring.annotate import annotate

    bad = _edit(tranas_book, tmp_path / "b.xlsx", _set("Mål", "Id", 3, "goal-1"))
    result = import_workbook(bad, TRANAS_SOURCE)
    annotate(bad, result.problems, tmp_path / "marked.xlsx")
    marked = openpyxl.load_workbook(tmp_path / "marked.xlsx")["Mål"]["A3"]
    assert marked.comment is not None
    assert "goal-1" in marked.comment.text


# --- real components --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed: "
                    "scripts/install-test-services.sh")
def test_libreoffice_saved_workbooks_import(tranas_book: Path, tmp_path: Path) -> None:
    """LibreOffice Calc opens the workbook and saves it as .ods and .xlsx; both import."""
    home = tmp_path / "home"
    for target in ("ods", "xlsx"):
        out = tmp_path / target
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{home}", "--headless",
                        "--convert-to", target, "--outdir", str(out), str(tranas_book)],
                       check=True, capture_output=True, timeout=180)
        saved = out / f"tranas.{target}"
        result = import_workbook(saved, TRANAS_SOURCE)
        assert result.ok, [p.line() for p in result.problems][:5]
        assert result.statements >= 40
    empty = tmp_path / "mall.xlsx"
    template(empty)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{home}", "--headless",
                    "--convert-to", "ods", "--outdir", str(tmp_path / "m"), str(empty)],
                   check=True, capture_output=True, timeout=180)
    result = import_workbook(tmp_path / "m" / "mall.ods", TRANAS_SOURCE)
    assert "Dokument!B5: värde saknas i obligatorisk kolumn Titel" in [
        p.line() for p in result.problems]


@pytest.mark.slow
@pytest.mark.skipif(SCRIPT is None, reason="the glocal console script is not installed")
def test_console_script_end_to_end(tranas_book: Path, tmp_path: Path) -> None:
    assert SCRIPT is not None
    run = subprocess.run([SCRIPT, "template", "-o", str(tmp_path / "mall.xlsx")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0
    assert (tmp_path / "mall.xlsx").is_file()
    run = subprocess.run([SCRIPT, "export", TRANAS, "-o", str(tmp_path / "t.xlsx")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "t.ttl"
    run = subprocess.run([SCRIPT, "import", str(tmp_path / "t.xlsx"), "--source",
                          str(TRANAS_SOURCE), "-o", str(out)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    kg = glocal.load(out)
    assert kg.validate().conforms
    kg.close()
    bad = _edit(tranas_book, tmp_path / "b.xlsx", _set("Mål", "Id", 3, "goal-1"))
    run = subprocess.run([SCRIPT, "import", str(bad), "--source", str(TRANAS_SOURCE), "-o",
                          str(tmp_path / "bad.ttl")], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 1
    assert 'Mål!A3: id "goal-1" finns redan på Mål!A2' in run.stdout
    assert not (tmp_path / "bad.ttl").exists()
    run = subprocess.run([SCRIPT, "import", str(tmp_path / "none.xlsx"), "--source",
                          str(TRANAS_SOURCE)], capture_output=True, text=True, check=False)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1


def test_dry_run_against_an_existing_graph_shows_each_statement_changed(
        tranas_book: Path, tmp_path: Path) -> None:
    assert SCRIPT is not None
    out = tmp_path / "t.ttl"
    result = import_workbook(tranas_book, TRANAS_SOURCE)
    result.write(out)
    before = out.read_bytes()
    book = openpyxl.load_workbook(tranas_book)
    goals = book["Mål"]
    text = _column(goals, "Text")
    old_label = str(goals[f"{text}2"].value)
    goals[f"{text}2"] = old_label + " och hela världen"
    goals.delete_rows(3)
    changed = tmp_path / "ändrad.xlsx"
    book.save(changed)
    run = subprocess.run([SCRIPT, "import", str(changed), "--source", str(TRANAS_SOURCE),
                          "-o", str(out), "--dry-run", "--lang", "en"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert out.read_bytes() == before  # a dry run writes nothing
    assert "  0 added, 1 removed, 1 reworded, 0 relinked, 59 unchanged\n" in run.stdout
    assert (f"  reworded: gid:tranas/internationellt-arbete/goal-1 (Goal)\n"
            f"      - {old_label}\n      + {old_label} och hela världen\n") in run.stdout
    assert "  removed: gid:tranas/internationellt-arbete/goal-2 (Goal)\n" in run.stdout
    same = subprocess.run([SCRIPT, "import", str(tranas_book), "--source", str(TRANAS_SOURCE),
                           "-o", str(out), "--dry-run", "--lang", "en"],
                          capture_output=True, text=True, check=False)
    assert same.returncode == 0, same.stderr
    assert "  0 added, 0 removed, 0 reworded, 0 relinked, 61 unchanged\n" in same.stdout
    assert same.stdout.endswith("no differences\n")
