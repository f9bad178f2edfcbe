"""The code stays lint-clean and strictly typed; the README's commands stay the ones CI runs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT


def test_ruff_finds_nothing():
    folders = [d for d in ("src", "tests", "scripts", "bench") if (ROOT / d).is_dir()]
    done = subprocess.run([sys.executable, "-m", "ruff", "check", *folders], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_mypy_strict_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) >= 2, "the README shows its two commands in ```sh blocks"
    main_job, tests = commands[0], commands[1]
    assert main_job.rstrip().endswith("glocal review")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == tests
