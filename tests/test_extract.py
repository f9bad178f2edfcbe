"""glocal extract on documents made by real LibreOffice from the five source texts, and on
hostile or broken input (issue 17, part 1)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, Namespace

import office
from glocal.authoring import SourceText, extract
from glocal.errors import DocumentError, EncodingError, InputError
from glocal.quotes import normalise

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
NAMES = sorted(p.name for p in SOURCES.glob("*.txt"))
OA = Namespace("http://www.w3.org/ns/oa#")
SOURCE_NS = "https://w3id.org/glocal/id/source/"
FORMATS = ("pdf", "docx", "odt")


def _quotes() -> dict[str, set[str]]:
    """Every oa:exact quote of data/*.ttl, by the source text its document cites."""
    graph = Graph()
    for path in (ROOT / "data").glob("*.ttl"):
        graph.parse(path, format="turtle")
    found: dict[str, set[str]] = {}
    for selector, quote in graph.subject_objects(OA.exact):
        document = graph.value(selector, DCTERMS.source)
        source = graph.value(document, DCTERMS.source) if document is not None else None
        if source is not None and str(source).startswith(SOURCE_NS):
            found.setdefault(str(source)[len(SOURCE_NS):], set()).add(str(quote))
    return found


QUOTES = _quotes()


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The five sources as DOCX, ODT and PDF, a scanned PDF and DOCX, an encrypted PDF."""
    office.soffice()
    work = tmp_path_factory.mktemp("office")
    flat = []
    for name in NAMES:
        target = work / f"{Path(name).stem}.fodt"
        target.write_text(office.fodt(office.chunk((SOURCES / name).read_text("utf-8"))),
                          encoding="utf-8")
        flat.append(target)
    scan = work / "scan.fodt"
    scan.write_text(office.fodt([[""]], header=None, image=office.noise_png()), encoding="utf-8")
    out: dict[str, Path] = {}
    for suffix in FORMATS:
        for path in office.convert([*flat, scan], suffix, work / suffix, work / "profile"):
            out[f"{path.stem}.{suffix}"] = path
    import pypdf

    writer = pypdf.PdfWriter(clone_from=out[f"{Path(NAMES[1]).stem}.pdf"])
    writer.encrypt("hemligt", algorithm="AES-256")
    out["encrypted.pdf"] = work / "encrypted.pdf"
    with out["encrypted.pdf"].open("wb") as handle:
        writer.write(handle)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_extract_keeps_every_quote_pages_and_provenance(
        made: dict[str, Path], name: str, suffix: str) -> None:
    path = made[f"{Path(name).stem}.{suffix}"]
    source_text = (SOURCES / name).read_text("utf-8")
    chunks = office.chunk(source_text)
    found = extract(path)
    text = normalise(found.text)
    missing = [q for q in QUOTES.get(name, ()) if normalise(q) not in text]
    assert not missing, f"{len(missing)} quotes of {name} not found, e.g. {missing[:2]}"
    assert QUOTES.get(name), name  # the check above checked something
    assert text == normalise(source_text)
    assert found.pages == len(chunks) > 1
    for number, chunk in enumerate(chunks, start=1):
        assert normalise(found.page_text(number)) == normalise("\n".join(chunk)), number
    assert found.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert found.source_file == path.name
    assert found.media_type == {"pdf": "application/pdf",
                                "docx": "application/vnd.openxmlformats-officedocument."
                                        "wordprocessingml.document",
                                "odt": "application/vnd.oasis.opendocument.text"}[suffix]


@pytest.mark.slow
def test_running_header_and_footer_removed_from_the_pdf(made: dict[str, Path]) -> None:
    path = made[f"{Path(NAMES[0]).stem}.pdf"]
    import pypdf

    raw = pypdf.PdfReader(path).pages[1].extract_text()
    assert office.HEADER in raw  # the fixture has them
    assert re.search(r"Sida 2\b", raw)
    found = extract(path)
    assert found.pages > 3
    assert office.HEADER not in found.text
    assert not re.search(rf"^{office.FOOTER} \d+$", found.text, re.MULTILINE)


@pytest.mark.slow
def test_cli_extract_writes_text_and_sidecar(made: dict[str, Path], tmp_path: Path) -> None:
    path = made[f"{Path(NAMES[3]).stem}.pdf"]
    target = tmp_path / "program.txt"
    done = subprocess.run([str(Path(sys.executable).parent / "glocal"), "extract", str(path),
                           "-o", str(target), "--lang", "en"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{path.name} → {target}" in done.stdout
    assert "pages" in done.stdout
    meta = json.loads((tmp_path / "program.txt.meta.json").read_text("utf-8"))
    assert meta["source_file"] == path.name
    assert meta["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert meta["media_type"] == "application/pdf"
    read = SourceText.read(target)
    assert read.pages == meta["pages"] == len(office.chunk((SOURCES / NAMES[3]).read_text()))
    assert read.matches_original(path)
    assert read.text == extract(path).text

def test_plain_text_keeps_its_form_feeds(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Sida ett\r\nmed ﬁnansiering\fSida två\u00ad\n".encode())
    found = extract(path)
    assert found.pages == 2
    assert found.page_text(1) == "Sida ett\nmed finansiering\n"
    assert found.page_text(2) == "Sida två\n"
    assert found.media_type == "text/plain"


# --- bad input ---------------------------------------------------------------------------------


def _refused(path: Path, reason: str, *words: str) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        extract(path)
    error = caught.value
    assert error.reason == reason
    assert error.source == str(path)
    assert str(error).startswith(f"{path}: ")
    assert "\n" not in str(error)
    for text in words:
        assert text in str(error)
    return error


@pytest.mark.slow
def test_scanned_pdf_says_it_needs_ocr(made: dict[str, Path]) -> None:
    _refused(made["scan.pdf"], "scanned", "no text layer", "OCR")
    _refused(made["scan.docx"], "scanned", "OCR")


@pytest.mark.slow
def test_encrypted_pdf(made: dict[str, Path]) -> None:
    _refused(made["encrypted.pdf"], "encrypted", "password", "unprotected copy")


@pytest.mark.slow
def test_owner_password_only_pdf_is_read(made: dict[str, Path], tmp_path: Path) -> None:
    """A PDF that only restricts printing or copying (empty user password) opens and reads."""
    import pypdf

    plain = made[f"{Path(NAMES[1]).stem}.pdf"]
    writer = pypdf.PdfWriter(clone_from=plain)
    writer.encrypt(user_password="", owner_password="hemligt", algorithm="AES-256")
    locked = tmp_path / "skyddad.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert pypdf.PdfReader(locked).is_encrypted
    assert extract(locked).text == extract(plain).text


def test_pdf_with_an_end_but_no_body_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "trasig.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage\ntrailer\n%%EOF\n")
    _refused(path, "damaged", "broken or truncated", "Data format error")


@pytest.mark.slow
@pytest.mark.parametrize("suffix", FORMATS)
def test_truncated_file(made: dict[str, Path], tmp_path: Path, suffix: str) -> None:
    data = made[f"{Path(NAMES[2]).stem}.{suffix}"].read_bytes()
    path = tmp_path / f"cut.{suffix}"
    path.write_bytes(data[: len(data) // 2])
    _refused(path, "damaged", "broken or truncated")


def test_unknown_types(tmp_path: Path) -> None:
    png = tmp_path / "bild.pdf"
    png.write_bytes(office.noise_png(8, 8))
    _refused(png, "unknown-type", "PNG", "save it as PDF, DOCX or ODT")
    doc = tmp_path / "gammal.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    _refused(doc, "unknown-type", ".doc")
    sheet = tmp_path / "tabell.xlsx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    _refused(sheet, "unknown-type", "Excel workbook")
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    _refused(binary, "unknown-type")


def test_absurd_size_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from glocal.authoring import extract as module

    monkeypatch.setattr(sys.modules[module.__module__], "MAX_DOCUMENT_BYTES", 1000)
    path = tmp_path / "stor.txt"
    path.write_text("ord " * 1000, encoding="utf-8")
    _refused(path, "too-large", "more than glocal reads")


def _docx(members: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return path


def test_zip_bomb_refused_by_name(tmp_path: Path) -> None:
    bomb = _docx({"word/document.xml": b"<w/>", "word/media/big.bin": bytes(60_000_000)},
                 tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 200_000
    _refused(bomb, "zip-bomb", "zip bomb")


def test_xml_entities_refused(tmp_path: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
              b'main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    path = _docx({"[Content_Types].xml": b"<Types/>", "word/document.xml": laughs},
                 tmp_path / "laughs.docx")
    _refused(path, "unsafe", "DTD or entities")


def test_broken_zip(tmp_path: Path) -> None:
    path = tmp_path / "trasig.odt"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _refused(path, "damaged")


def test_text_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Rad ett\nMål två".encode("cp1252"))
    with pytest.raises(EncodingError) as caught:
        extract(path)
    assert "line 2, column 2" in str(caught.value)
    assert caught.value.looks_like == "windows-1252"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        extract(tmp_path / "saknas.pdf")
    with pytest.raises(InputError, match="is a folder"):
        extract(tmp_path)


def test_cli_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bild.pdf"
    path.write_bytes(office.noise_png(8, 8))
    done = subprocess.run([str(Path(sys.executable).parent / "glocal"), "extract", str(path),
                           "-o", str(tmp_path / "out.txt")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert str(path) in done.stderr
    assert not (tmp_path / "out.txt").exists()


# --- the source text file ----------------------------------------------------------------------


def test_source_text_round_trip_and_sidecar_checks(tmp_path: Path) -> None:
    source = SourceText("p.txt", "ett\ftvå\ftre", sha256="a" * 64, source_file="p.pdf",
                        media_type="application/pdf", glocal_extract="0.1.0")
    target = tmp_path / "p.txt"
    source.write(target)
    assert SourceText.read(target) == source
    assert [source.page_at(i) for i in (0, 3, 4, 8, len(source.text))] == [1, 1, 2, 3, 3]
    sidecar = tmp_path / "p.txt.meta.json"
    meta = json.loads(sidecar.read_text())
    sidecar.write_text(json.dumps({**meta, "pages": 5}))
    with pytest.raises(InputError, match="records 5 pages"):
        SourceText.read(target)
    sidecar.write_text('{"pages": 3,\n "sha256": }')
    with pytest.raises(InputError, match="line 2, column"):
        SourceText.read(target)
    SourceText("p.txt", "ett").write(target)  # a plain source removes the stale sidecar
    assert not sidecar.exists()
    assert SourceText.read(target).sha256 is None


def test_bundled_sources_read_as_plain_sources() -> None:
    for name in NAMES:
        found = SourceText.read(SOURCES / name)
        assert (found.pages, found.sha256, found.name) == (1, None, name)
