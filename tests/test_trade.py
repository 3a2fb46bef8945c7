"""Acceptance: a second negotiation, defined only in YAML, works end to end.

tests/fixtures/trade holds an invented three-party trade talk: its own codebook (with a
named list and placeholders), three short articles and their gold. The command line runs
``extract``, ``positions`` and ``report`` on it with ``--codebook``; no Python is written
for it, and nothing of the Ukraine talks shows up.
"""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from .conftest import ROOT

TRADE = ROOT / "tests" / "fixtures" / "trade"
CODEBOOK = TRADE / "codebook.yaml"
ARTICLES = TRADE / "articles"


def _cli(*args: str, cwd) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", *args, str(ARTICLES), "--codebook", str(CODEBOOK)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def statements(tmp_path_factory) -> pd.DataFrame:
    out = _cli("extract", cwd=tmp_path_factory.mktemp("trade")).stdout
    return pd.read_csv(io.StringIO(out), dtype=str)


def test_extract_finds_every_gold_statement(statements):
    gold = pd.read_csv(TRADE / "gold.csv", dtype=str)
    keys = ["doc_id", "party", "issue", "option", "polarity"]
    found = set(statements[keys].itertuples(index=False, name=None))
    assert found == set(gold[keys].itertuples(index=False, name=None))
    # the quote is the sentence the statement was read from, with its provenance
    row = statements[statements["issue"] == "fish_quota"].iloc[0]
    assert row["quote"].startswith("Estavia insists on closing Kessel Bay")
    assert row["cue"] == "closing Kessel Bay to Norlandic trawlers"  # {HARBOURS}, {PARTY.…}


def test_positions_table(tmp_path):
    out = _cli("positions", cwd=tmp_path).stdout
    table = pd.read_csv(io.StringIO(out), dtype=str).set_index(["party", "issue"])
    assert set(table.index.get_level_values("party")) == {"NL", "ES", "SU"}
    assert table.loc[("NL", "tariffs"), "option"] == "abolish_tariffs"
    assert table.loc[("ES", "tariffs"), "option"] == "keep_tariffs"
    assert table.loc[("ES", "tariffs"), "opposes"] == "abolish_tariffs"
    assert table.loc[("SU", "fish_quota"), "position"] == "50.0"
    assert table.loc[("NL", "disputes"), "status"] == "not stated"


def test_report_names_the_three_parties(tmp_path):
    proc = _cli("report", "--out", "trade.html", cwd=tmp_path)
    assert "NL = Norland, ES = Estavia, SU = Southern Union" in proc.stdout
    html = (tmp_path / "trade.html").read_text(encoding="utf-8")
    assert "Positions in the Tri-Coast trade talks" in html
    for label in ("Norland", "Estavia", "Southern Union", "Closed harbours", "full protection"):
        assert label in html
    for word in ("Ukrain", "Russia", "Kyiv", "Donbas"):
        assert word not in html
