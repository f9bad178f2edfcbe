"""Make the README's picture of the review report (docs/report-agenda.png) from the browser
test's screenshot: runs tests/test_report.py's Chromium test, which saves the Agenda 2030
section of the Swedish report on the bundled data where GLOCAL_REPORT_SCREENSHOT says.

    python scripts/report_picture.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "report-agenda.png"


def main() -> int:
    env = {**os.environ, "GLOCAL_REPORT_SCREENSHOT": str(OUT)}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(ROOT / "tests" / "test_report.py"), "-k", "offline"],
                          env=env, cwd=ROOT, check=False)
    if done.returncode != 0 or not OUT.exists():
        print("report_picture: the browser test failed; no picture written", file=sys.stderr)
        return 1
    print(f"report_picture: wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
