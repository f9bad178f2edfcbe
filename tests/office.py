"""Office documents made by real LibreOffice Writer (headless) for the extract tests.

A source text is laid out as a flat OpenDocument text (``.fodt``) that we write ourselves: its
lines in chunks, one chunk a page (an explicit page break before each next chunk, a small font so
that no chunk overflows its page), a running header and a footer with the page number on every
page. LibreOffice then saves it as DOCX, ODT and PDF, as an officer's word processor would.
LibreOffice comes from Debian (``libreoffice-writer-nogui``, ``scripts/install-test-services.sh``);
without it the tests that need it are skipped with that hint.
"""

from __future__ import annotations

import base64
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

INSTALL_HINT = "run scripts/install-test-services.sh (as root) to install LibreOffice Writer"
HEADER = "Linköpings kommun – Internationell strategi"
FOOTER = "Sida"  # followed by the page number field
LINES_PER_PAGE = 38
CHARACTERS_PER_PAGE = 2_400

# How LibreOffice names each target: ``--convert-to`` argument per suffix.
FILTERS = {
    "docx": "docx:MS Word 2007 XML",
    "odt": "odt",
    "pdf": "pdf:writer_pdf_Export",
}


def soffice() -> str:
    """The LibreOffice binary, or skip the test with the install hint."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip(f"LibreOffice is not installed: {INSTALL_HINT}")
    return found


def chunk(text: str) -> list[list[str]]:
    """The source text's lines in page-sized chunks, each chunk ending at a line boundary."""
    pages: list[list[str]] = [[]]
    size = 0
    for line in text.split("\n"):
        if pages[-1] and (len(pages[-1]) >= LINES_PER_PAGE or size + len(line) > CHARACTERS_PER_PAGE):
            pages.append([])
            size = 0
        pages[-1].append(line)
        size += len(line)
    return pages


def _paragraph(line: str, style: str) -> str:
    # ODF collapses runs of spaces in text:p; text:s keeps them, so the text stays the text.
    body = re.sub(r"  +", lambda m: f' <text:s text:c="{len(m.group()) - 1}"/>', escape(line))
    return f'<text:p text:style-name="{style}">{body}</text:p>'


def fodt(pages: Sequence[Sequence[str]], *, header: str | None = HEADER, image: bytes | None = None) -> str:
    """A flat ODT: each page's lines as paragraphs, a page break before each next page."""
    body: list[str] = []
    for number, lines in enumerate(pages):
        for i, line in enumerate(lines):
            style = "Break" if number and not i else "Body"
            body.append(_paragraph(line, style))
    if image is not None:
        data = base64.b64encode(image).decode("ascii")
        body.append(
            '<text:p text:style-name="Body"><draw:frame svg:width="16cm" svg:height="22cm" '
            'text:anchor-type="as-char"><draw:image><office:binary-data>'
            f"{data}</office:binary-data></draw:image></draw:frame></text:p>"
        )
    head = ""
    if header is not None:
        head = (
            f'<style:header><text:p text:style-name="Edge">{escape(header)}</text:p></style:header>'
            f'<style:footer><text:p text:style-name="Edge">{FOOTER} '
            '<text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>'
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls/>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
  <style:text-properties style:font-name="DejaVu Sans" fo:font-family="'DejaVu Sans'" fo:font-size="8.5pt" fo:language="sv" fo:country="SE"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Body" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Edge" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Break" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page"/>
 </style:style>
 <style:page-layout style:name="Page">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.8cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Page">{head}</style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body>
</office:document>
"""


def convert(sources: Sequence[Path], suffix: str, outdir: Path, profile: Path) -> list[Path]:
    """Save each ``.fodt`` as ``suffix`` with LibreOffice headless; the files it wrote."""
    binary = soffice()
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        binary,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        "--convert-to", FILTERS.get(suffix, suffix), "--outdir", str(outdir),
        *(str(s) for s in sources),
    ]
    done = subprocess.run(command, capture_output=True, timeout=600, check=False)
    made = [outdir / f"{s.stem}.{suffix}" for s in sources]
    missing = [p.name for p in made if not p.is_file()]
    if done.returncode or missing:
        raise RuntimeError(
            f"LibreOffice did not make {missing} (exit {done.returncode}): "
            f"{done.stderr.decode(errors='replace')[-2000:]}"
        )
    return made


def noise_png(width: int = 400, height: int = 300) -> bytes:
    """A grey PNG picture with some structure: a stand-in for a scanned page."""
    rows = b"".join(
        b"\x00" + bytes(((x * 7 + y * 13) % 256) for x in range(width)) for y in range(height)
    )

    def block(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + block(b"IHDR", header) + block(b"IDAT", zlib.compress(rows)) + block(b"IEND", b"")
