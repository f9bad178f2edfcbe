"""The report as PDF: the HTML file printed by headless Chromium (Debian's ``chromium``), with
the page's print styles, no network (every host resolves to nowhere) and a time limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from glocal.errors import BrowserNotFoundError
from glocal.rdf.formats import write_atomic

__all__ = ["chromium", "print_pdf"]

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str:
    """The Chromium to print with: ``GLOCAL_CHROMIUM``, else the first of :data:`_NAMES` on
    PATH; :class:`~glocal.errors.BrowserNotFoundError` when there is none."""
    configured = os.environ.get("GLOCAL_CHROMIUM")
    found = configured or next((p for p in map(shutil.which, _NAMES) if p), None)
    if not found or (not Path(found).exists() and shutil.which(found) is None):
        raise BrowserNotFoundError(
            "--pdf prints the report through headless Chromium and none was found: install it "
            "(Debian: apt-get install chromium) or set GLOCAL_CHROMIUM to its path; the HTML "
            "report needs no browser")
    return found


def print_pdf(html: str | Path, pdf: str | Path, *, timeout: float = 120.0) -> Path:
    """Print the HTML file ``html`` to ``pdf`` (written atomically) and return its path."""
    browser = chromium()
    source = Path(html).resolve()
    with tempfile.TemporaryDirectory(prefix="glocal-pdf-") as tmp:
        out = Path(tmp) / "report.pdf"
        command = [browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                   "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={tmp}/profile",
                   "--no-pdf-header-footer", f"--print-to-pdf={out}", source.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BrowserNotFoundError(
                f"Chromium did not print {source.name} within {timeout:g} s") from exc
        if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise BrowserNotFoundError(
                f"Chromium could not print {source.name} (exit {done.returncode}"
                f"{': ' + tail[0] if tail else ''})")
        write_atomic(pdf, [out.read_bytes()])
    return Path(pdf)
