"""The command line: outputs, and errors as one line on stderr with exit code 2."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from toolkit.cli import main

from .conftest import ROOT

SEED = ROOT / "seeds" / "000_f32b177836f06d03.txt"


def test_extract_writes_csv(tmp_path, capsys):
    out = tmp_path / "statements.csv"
    assert main(["extract", str(SEED), "--out", str(out)]) == 0
    frame = pd.read_csv(out)
    assert {"doc_id", "party", "issue", "option", "polarity", "quote", "start", "end"} <= set(
        frame.columns
    )
    assert len(frame) > 0
    text = SEED.read_text(encoding="utf-8")
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.quote


def test_extract_prints_csv_without_out(capsys):
    assert main(["extract", str(SEED)]) == 0
    assert capsys.readouterr().out.startswith("doc_id,date,sentence,party")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "missing.txt"], "error: missing.txt: no such file or folder — check the path"),
        (
            ["extract", str(SEED), "--codebook", "nope.yaml"],
            "error: nope.yaml: codebook file not found",
        ),
        (["extract", str(SEED), "--out", str(SEED)], "refusing to write inside seeds/"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err


def test_output_equal_to_an_input_is_refused(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Kyiv rejected any handover of Donbas.", encoding="utf-8")
    assert main(["extract", str(src), "--out", str(src)]) == 2
    assert "the output path is one of the inputs" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == "Kyiv rejected any handover of Donbas."


def test_module_entry_point_runs_in_a_subprocess():
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "extract", "nope.txt"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: nope.txt: no such file or folder — check the path"


def test_report_command(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "report written to" in capsys.readouterr().out
