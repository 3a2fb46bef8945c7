"""The installed package carries what it needs: built as a wheel, it runs from any folder.

``pip install .`` must give a toolkit whose ``python -m toolkit report`` works in an empty
folder: the default codebook, the seed texts, their metadata and the seed's gold travel inside
the package (``toolkit/_resources.py``), and nothing is read from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

SHIPPED = {
    "toolkit/data/codebook.yaml",
    "toolkit/data/sources.yaml",
    "toolkit/data/gold/seed.csv",
    "toolkit/templates/report.html.j2",
}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project built as a wheel by pip, from a copy (the checkout gets no build/ folder)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("toolkit", "data", "seeds"):
        shutil.copytree(
            ROOT / name, src / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
        )
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(src)],
        check=True,
        capture_output=True,
    )
    (path,) = dist.glob("*.whl")
    return path


def test_the_wheel_ships_the_codebook_seeds_and_gold(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert names >= SHIPPED, SHIPPED - names
    seeds = {n for n in names if n.startswith("toolkit/seeds/")}
    assert {f"toolkit/seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")} == seeds
    # the packaged files are the project's files, byte for byte
    with zipfile.ZipFile(wheel) as z:
        assert z.read("toolkit/data/codebook.yaml") == (ROOT / "data/codebook.yaml").read_bytes()


def test_installed_report_runs_from_an_empty_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(*args):
        return subprocess.run(
            [sys.executable, *args], cwd=work, env=env, capture_output=True, text=True
        )

    where = run("-c", "import toolkit; print(toolkit.__file__)")
    assert where.stdout.strip() == str(site / "toolkit" / "__init__.py"), where.stderr
    done = run("-m", "toolkit", "report")
    assert done.returncode == 0, done.stderr
    html = (work / "reports" / "report.html").read_text(encoding="utf-8")
    assert "gold set seed.csv" in html  # the packaged gold scored the packaged seed
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert f"<code>{seed.stem}</code>" in html
    assert ROOT.as_posix() not in html + done.stdout + done.stderr


def test_make_lab_starts_jupyterlab_as_root_only_when_root():
    """JupyterLab refuses root without --allow-root; `make lab` passes it exactly then."""
    shown = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    (line,) = [x for x in shown.splitlines() if "jupyter lab" in x]
    assert ("--allow-root" in line.split()) == (os.geteuid() == 0), line
