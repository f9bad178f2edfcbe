"""The wheel: built from this checkout, installed in a fresh venv, it runs the main job."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=900, check=False)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT,
               cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    (path,) = out.glob("glocal-*.whl")
    return path


def test_the_wheel_carries_the_rdf_artefacts_and_queries(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"glocal/_bundled/ontology/glocal.ttl", "glocal/_bundled/data/sdg.ttl",
                "glocal/queries/review-documents.rq", "glocal/py.typed"}
    expected |= {f"glocal/_bundled/data/{p.name}" for p in (ROOT / "data").glob("*.ttl")}
    expected |= {f"glocal/_bundled/shapes/{p.name}" for p in (ROOT / "shapes").glob("*.ttl")}
    assert expected <= names
    assert not any(n.startswith("glocal/_bundled/data/sources/sdg/") and n.endswith(".pyc")
                   for n in names)


def test_the_installed_wheel_runs_review_in_a_fresh_venv(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    done = run(python, "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    review = run(env_dir / "bin" / "glocal", "review", cwd=tmp_path)
    assert review.returncode == 0, review.stderr[-3000:]
    assert "Finspångs kommun" in review.stdout
    probe = run(python, "-c",
                "import glocal, glocal.resources as r; kg = glocal.load(); "
                "print(len(kg)); print(r.root())", cwd=tmp_path)
    assert probe.returncode == 0, probe.stderr
    size, root = probe.stdout.split()
    assert int(size) > 5_000
    assert Path(root).parts[-2:] == ("glocal", "_bundled")
    assert str(ROOT) not in root
