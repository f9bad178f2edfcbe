"""Render the workbook template as LibreOffice shows it, for docs/authoring.md.

Exports Tranås's bundled document to a workbook, keeps the Aktiviteter sheet, has LibreOffice
Calc (headless) print it to PDF and pdftoppm turn the first page into docs/img/mall.png.

    python scripts/render_template.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

import glocal
from glocal.authoring import export_workbook

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "img" / "mall.png"
SHEET = "Aktiviteter"


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("needs LibreOffice and pdftoppm: scripts/install-test-services.sh", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book_path = work / "mall.xlsx"
        kg = glocal.load()
        export_workbook(kg, "https://w3id.org/glocal/id/tranas/internationellt-arbete", book_path)
        kg.close()
        book = openpyxl.load_workbook(book_path)
        for name in book.sheetnames:
            if name != SHEET:
                del book[name]
        ws = book[SHEET]
        ws.page_setup.orientation = "landscape"
        ws.print_area = "A1:J8"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1
        book.save(book_path)
        subprocess.run([soffice, f"-env:UserInstallation=file://{work / 'home'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(book_path)],
                       check=True, capture_output=True, timeout=180)
        subprocess.run(["pdftoppm", "-png", "-r", "220", "-f", "1", "-l", "1", "-singlefile",
                        "-x", "140", "-y", "200", "-W", "2140", "-H", "180",
                        str(work / "mall.pdf"), str(work / "mall")], check=True)
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "mall.png", TARGET)
    print(TARGET.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
