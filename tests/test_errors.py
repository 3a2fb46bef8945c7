"""Bad input gets a clear error, and nothing a user wrote is ever lost.

The catalogue: each bad input, run through the command line, prints exactly one line
``error: FILE:LINE: what — fix`` on stderr and exits with 2, without a traceback; with
``--debug`` the same error is raised as the toolkit's own exception class. Then the
promises about files: every write goes through a temporary file and a rename, so an
interrupted run leaves the old file as it was, and nothing the user wrote is overwritten.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.util
import os
import re
import stat
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

import toolkit._io as io_module
import toolkit._read as read_module
from toolkit import documents_from_texts, extract, load_codebook, load_documents
from toolkit.cli import main
from toolkit.codebook import parse_codebook
from toolkit.errors import CodebookError, GoldError, OutputError, SourceError
from toolkit.sources import EmptySourceWarning

from .conftest import ROOT
from .test_codebook import MINIMAL

SEEDS = ROOT / "seeds"
GOLD_HEADER = "doc_id,party,issue,option,polarity\n"
DOC = "Alpha will keep the land.\n"

# ----------------------------------------------------------------------------- the catalogue
#
# Each case: the files to create in an empty folder (text, bytes, or None for a folder), the
# command line (run from that folder), the exception class, and the exact message. "{root}"
# stands for the project folder. Every message names the file (and line where there is one),
# what is wrong, and after the dash what to do.

CASES = [
    # --- source texts
    (
        "missing file",
        {},
        ["extract", "nope.txt"],
        SourceError,
        "nope.txt: no such file or folder — check the path",
    ),
    (
        "missing folder",
        {},
        ["extract", "articles/"],
        SourceError,
        "articles: no such file or folder — check the path",
    ),
    (
        "folder without texts",
        {"articles": None, "articles/notes.csv": "a,b\n"},
        ["extract", "articles"],
        SourceError,
        "articles: the folder holds no .txt or .md files — put source texts in it, "
        "or pass the files themselves",
    ),
    (
        "latin-1 text",
        {"latin.txt": "Talks\nCaf\u00e9 in Kyiv".encode("latin-1")},
        ["extract", "latin.txt"],
        SourceError,
        "latin.txt:2: not UTF-8: byte 0xe9 at byte offset 9 — "
        "save the file as UTF-8 (e.g. `iconv -f latin1 -t UTF-8`)",
    ),
    (
        "UTF-16 with BOM",
        {"utf16.txt": "Talks in Kyiv".encode("utf-16")},
        ["extract", "utf16.txt"],
        SourceError,
        "utf16.txt: the file is UTF-16 text, not UTF-8 (byte-order mark at byte offset 0) — "
        "save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)",
    ),
    (
        "binary file",
        {"scan.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        ["extract", "scan.txt"],
        SourceError,
        "scan.txt: binary file (NUL byte at byte offset 8) — pass a plain-text .txt or .md file "
        "(convert PDF or Word files to text first)",
    ),
    (
        "front-matter YAML syntax error",
        {"fm.md": "---\ntitle: x\ndate: [2025-12-03\n---\nBody"},
        ["extract", "fm.md"],
        SourceError,
        "fm.md:3: YAML syntax error: expected ',' or ']', but got '<stream end>' — "
        "check indentation, colons and quotes on that line (quote strings containing ': ' or '#')",
    ),
    (
        "front-matter not a mapping",
        {"list.md": "---\n- a\n- b\n---\nBody"},
        ["extract", "list.md"],
        SourceError,
        "list.md:2: front-matter must be a mapping, got list — "
        "write `key: value` lines such as `date: 2025-12-01`",
    ),
    (
        "front-matter never closed",
        {"open.md": "---\ntitle: x\nBody"},
        ["extract", "open.md"],
        SourceError,
        "open.md:1: front-matter starts with '---' but never ends — "
        "close it with a line holding only '---'",
    ),
    (
        "front-matter unknown key",
        {"key.md": "---\ntitle: x\ndtae: 2025-12-03\n---\nBody"},
        ["extract", "key.md"],
        SourceError,
        "key.md:3: unknown front-matter key 'dtae' — "
        "allowed keys are ['id', 'title', 'date', 'outlet', 'url']; check the spelling",
    ),
    (
        "front-matter duplicate key",
        {"dup.md": "---\ndate: 2025-12-03\ntitle: x\ndate: 2025-12-04\n---\nBody"},
        ["extract", "dup.md"],
        SourceError,
        "dup.md:4: duplicate key 'date' (first on line 2) — "
        "keep one of the two; YAML would silently drop the first",
    ),
    (
        "front-matter list value",
        {"id.md": "---\nid: [a, b]\n---\nBody"},
        ["extract", "id.md"],
        SourceError,
        "id.md:2: `id` must be a single value, got a list — write one value, "
        "e.g. `id: kyiv-rejects-plan`",
    ),
    (
        "front-matter control character",
        {"ctl.md": "---\ntitle: Kyiv\x07talks\n---\nBody"},
        ["extract", "ctl.md"],
        SourceError,
        "ctl.md:2: control character #x0007 is not allowed in YAML — delete it "
        '(it is often invisible), or write it as an escape such as "\\t" inside double quotes',
    ),
    (
        "date in another format",
        {"date.md": "---\ndate: 12/03/2025\n---\nBody"},
        ["extract", "date.md"],
        SourceError,
        "date.md:2: unparseable date '12/03/2025' — write it as YYYY-MM-DD, e.g. 2025-12-03",
    ),
    (
        "impossible date",
        {"feb.md": "---\ntitle: x\ndate: 2025-02-30\n---\nBody"},
        ["extract", "feb.md"],
        SourceError,
        "feb.md:3: date: '2025-02-30' cannot be read as a date: day is out of range for month — "
        "write a real date as YYYY-MM-DD, e.g. 2025-12-03",
    ),
    (
        "date out of range",
        {"old.md": "---\ndate: 1066-10-14\n---\nBody"},
        ["extract", "old.md"],
        SourceError,
        "old.md:2: date 1066-10-14 is out of range — "
        "dates must lie between 1677-09-22 and 2262-04-11; check the year",
    ),
    (
        "two files with one id",
        {"a.md": "---\nid: same\n---\nA", "b.md": "---\nid: same\n---\nB"},
        ["extract", "a.md", "b.md"],
        SourceError,
        "b.md: document id 'same' is used by two files (also a.md) — "
        "give one of them a distinct `id:` in its front-matter, or rename the file",
    ),
    # --- the codebook
    (
        "codebook missing",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml: codebook file not found — pass the path of an existing YAML codebook",
    ),
    (
        "codebook is a folder",
        {"doc.txt": DOC, "books": None},
        ["extract", "doc.txt", "--codebook", "books"],
        CodebookError,
        "books: this is a folder, not a codebook file — pass the YAML file itself",
    ),
    (
        "codebook not UTF-8",
        {"doc.txt": DOC, "talks.yaml": MINIMAL.replace("Beta]", "B\u00eata]").encode("latin-1")},
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:10: not UTF-8 text: byte 0xea at byte offset 158 — save the codebook as UTF-8",
    ),
    (
        "codebook YAML syntax error",
        {"doc.txt": DOC, "talks.yaml": MINIMAL.replace("    label: Land\n", "    label: [Land\n")},
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:14: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence from line 13) — "
        "check indentation, colons and quotes on that line (quote strings containing ': ' or '#')",
    ),
    (
        "codebook bad indentation",
        {"doc.txt": DOC, "talks.yaml": MINIMAL.replace("    label: Beta\n", "   label: Beta\n")},
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:9: YAML syntax error: mapping values are not allowed here — "
        "check indentation, colons and quotes on that line (quote strings containing ': ' or '#')",
    ),
    (
        "codebook unknown key",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL.replace("    scale: ordinal\n", "    scael: ordinal\n"),
        },
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:14: issues -> land -> scael: unknown key 'scael' — allowed keys here are "
        "['context', 'description', 'label', 'options', 'scale']; check the spelling",
    ),
    (
        "codebook duplicate key",
        {"doc.txt": DOC, "talks.yaml": MINIMAL.replace("  B:\n", "  A:\n")},
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:7: parties: duplicate key 'A' (first on line 3) — "
        "keep one of the two; YAML would silently drop the first",
    ),
    (
        "codebook missing key",
        {"doc.txt": DOC, "talks.yaml": MINIMAL.replace("    label: Beta\n", "")},
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:7: parties -> B: missing required key 'label' — add `label:`",
    ),
    (
        "invalid regex",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL.replace("['\\bkeep the land\\b']", "['keep (the land']"),
        },
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:19: issues -> land -> options -> keep -> patterns[0]: invalid regular "
        "expression 'keep (the land': missing ), unterminated subpattern at position 5 — "
        "fix the pattern (escape literal characters such as ( ) . ? with \\)",
    ),
    (
        "regex repeat too large",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL.replace("['\\bkeep the land\\b']", "['a{9999999999}']"),
        },
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:19: issues -> land -> options -> keep -> patterns[0]: invalid regular "
        "expression 'a{9999999999}': the repetition number is too large — "
        "fix the pattern (escape literal characters such as ( ) . ? with \\)",
    ),
    (
        "context patterns that clash",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL.replace(
                "    scale: ordinal\n", "    scale: ordinal\n    context: ['land', '(?i)soil']\n"
            ),
        },
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:15: issues -> land -> context[1]: the pattern '(?i)soil' cannot be combined "
        "with the ones before it: global flags not at the start of the expression at position 5 — "
        "these patterns are tried as one alternation: remove inline flags such as (?i) and "
        "named groups, or make them distinct",
    ),
    (
        "position not a number",
        {"doc.txt": DOC, "talks.yaml": MINIMAL.replace("position: 100", "position: .nan")},
        ["extract", "doc.txt", "--codebook", "talks.yaml"],
        CodebookError,
        "talks.yaml:22: issues -> land -> options -> give -> position: expected a number, "
        "got nan — write a number from 0 to 100",
    ),
    # --- gold CSV files
    (
        "gold missing",
        {"doc.txt": DOC, "talks.yaml": MINIMAL},
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv: gold file not found — check the path",
    ),
    (
        "gold is a folder",
        {"doc.txt": DOC, "talks.yaml": MINIMAL, "gold": None},
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold"],
        GoldError,
        "gold: this is a folder, not a gold CSV file — pass the CSV file itself",
    ),
    (
        "gold empty",
        {"doc.txt": DOC, "talks.yaml": MINIMAL, "gold.csv": ""},
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:1: the gold file is empty — start it with the header "
        "doc_id,party,issue,option,polarity,required",
    ),
    (
        "gold missing column",
        {"doc.txt": DOC, "talks.yaml": MINIMAL, "gold.csv": "doc_id,party,issue,option\n"},
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:1: missing column(s) ['polarity'] — "
        "the header must name doc_id,party,issue,option,polarity[,required]",
    ),
    (
        "gold unknown column",
        {"doc.txt": DOC, "talks.yaml": MINIMAL, "gold.csv": GOLD_HEADER.strip() + ",weight\n"},
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:1: unknown column(s) ['weight'] — allowed columns are "
        "['doc_id', 'party', 'issue', 'option', 'polarity', 'required'] and note",
    ),
    (
        "gold column twice",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL,
            "gold.csv": GOLD_HEADER.strip() + ",party\ndoc,A,land,keep,support,B\n",
        },
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:1: column 'party' appears twice in the header — keep one of the two columns",
    ),
    (
        "gold unknown party",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL,
            "gold.csv": GOLD_HEADER + "doc,A,land,keep,support\ndoc,C,land,give,oppose\n",
        },
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:3: unknown party 'C' — use one of ['A', 'B']",
    ),
    (
        "gold unknown option",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL,
            "gold.csv": GOLD_HEADER + "doc,A,land,sell,support\n",
        },
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:2: unknown option 'sell' for issue 'land' — use one of ['keep', 'give']",
    ),
    (
        "gold row with a missing comma",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL,
            "gold.csv": GOLD_HEADER + "doc,A,land keep,support\n",
        },
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:2: expected 5 fields, found 4 — check for a missing or extra comma",
    ),
    (
        "gold not UTF-8",
        {
            "doc.txt": DOC,
            "talks.yaml": MINIMAL,
            "gold.csv": (GOLD_HEADER + "d\u00f6c,A,land,keep,support\n").encode("latin-1"),
        },
        ["evaluate", "doc.txt", "--codebook", "talks.yaml", "--gold", "gold.csv"],
        GoldError,
        "gold.csv:2: not UTF-8: byte 0xf6 at byte offset 36 — save the CSV as UTF-8",
    ),
    # --- where the output goes
    (
        "output is a folder",
        {"doc.txt": DOC, "out": None},
        ["extract", "doc.txt", "--out", "out"],
        OutputError,
        "out: the output path is a folder — give a file name, e.g. reports/report.html",
    ),
    (
        "output inside seeds/",
        {},
        ["extract", "{root}/seeds", "--out", "{root}/seeds/statements.csv"],
        OutputError,
        "{root}/seeds/statements.csv: refusing to write inside seeds/: its files are written by "
        "hand — write the output somewhere else, e.g. reports/",
    ),
    (
        "output inside data/gold/",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--out", "{root}/data/gold/statements.csv"],
        OutputError,
        "{root}/data/gold/statements.csv: refusing to write inside gold/: its files are written "
        "by hand — write the output somewhere else, e.g. reports/",
    ),
    (
        "output equal to an input",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--out", "doc.txt"],
        OutputError,
        "doc.txt: the output path is one of the inputs — "
        "choose another output file; inputs are never overwritten",
    ),
    (
        "output equal to an input under another name",
        {"articles": None, "articles/doc.txt": DOC},
        ["extract", "articles", "--out", "articles/../articles/doc.txt"],
        OutputError,
        "articles/../articles/doc.txt: the output path is one of the inputs — "
        "choose another output file; inputs are never overwritten",
    ),
    (
        "output a new text in an input folder",
        {"articles": None, "articles/doc.txt": DOC},
        ["extract", "articles", "--out", "articles/statements.md"],
        OutputError,
        "articles/statements.md: the output path is one of the inputs — "
        "choose another output file; inputs are never overwritten",
    ),
    (
        "output equal to the codebook",
        {"doc.txt": DOC, "talks.yaml": MINIMAL},
        ["extract", "doc.txt", "--codebook", "talks.yaml", "--out", "talks.yaml"],
        OutputError,
        "talks.yaml: the output path is one of the inputs — "
        "choose another output file; inputs are never overwritten",
    ),
    (
        "output equal to the default codebook",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--out", "{root}/data/codebook.yaml"],
        OutputError,
        "{root}/data/codebook.yaml: the output path is one of the inputs — "
        "choose another output file; inputs are never overwritten",
    ),
    (
        "output equal to the gold file",
        {"doc.txt": DOC, "talks.yaml": MINIMAL, "gold.csv": GOLD_HEADER},
        [
            "report",
            "doc.txt",
            "--codebook",
            "talks.yaml",
            "--gold",
            "gold.csv",
            "--out",
            "gold.csv",
        ],
        OutputError,
        "gold.csv: the output path is one of the inputs — "
        "choose another output file; inputs are never overwritten",
    ),
    (
        "output over a gold file the run did not read",
        {"doc.txt": DOC, "mine.csv": GOLD_HEADER + "doc,UA,territory,cede_donbas,oppose\n"},
        ["extract", "doc.txt", "--out", "mine.csv"],
        OutputError,
        "mine.csv: refusing to overwrite a gold file (its header is "
        "doc_id,party,issue,option,polarity) — "
        "choose another output file; hand-coded gold is never overwritten",
    ),
    (
        "output over an existing Markdown file",
        {"doc.txt": DOC, "notes.md": "my notes\n"},
        ["extract", "doc.txt", "--out", "notes.md"],
        OutputError,
        "notes.md: refusing to overwrite an existing .md file (a source text or codebook) — "
        "the toolkit writes .csv or .html files; choose another output file",
    ),
    (
        "output over a gold file with a blank first line",
        {"doc.txt": DOC, "mine.csv": "\n" + GOLD_HEADER + "doc,UA,territory,cede_donbas,oppose\n"},
        ["extract", "doc.txt", "--out", "mine.csv"],
        OutputError,
        "mine.csv: refusing to overwrite a gold file (its header is "
        "doc_id,party,issue,option,polarity) — "
        "choose another output file; hand-coded gold is never overwritten",
    ),
    (
        "output over a file the toolkit did not write",
        {"doc.txt": DOC, "pyproject.toml": "[project]\nname = 'mine'\n"},
        ["extract", "doc.txt", "--out", "pyproject.toml"],
        OutputError,
        "pyproject.toml: refusing to replace a file the toolkit did not write (it has neither "
        "the toolkit's CSV header nor its report mark) — choose a new file name, or add --force "
        "to replace it",
    ),
    (
        "output over a CSV of the analyst's own",
        {"doc.txt": DOC, "notes.csv": "doc_id,my verdict\nd1,biased\n"},
        ["positions", "doc.txt", "--out", "notes.csv"],
        OutputError,
        "notes.csv: refusing to replace a file the toolkit did not write (it has neither "
        "the toolkit's CSV header nor its report mark) — choose a new file name, or add --force "
        "to replace it",
    ),
    (
        "output is a device",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--out", "/dev/null"],
        OutputError,
        "/dev/null: the output path is a device, FIFO or socket, not a file — give the name of a "
        "regular file, e.g. reports/report.html; to see the output without keeping it, leave "
        "out --out",
    ),
    (
        "report written to a .csv name",
        {"doc.txt": DOC},
        ["report", "doc.txt", "--out", "positions.csv"],
        OutputError,
        "positions.csv: the report is HTML, but the output name ends in .csv — "
        "name it .html, e.g. reports/report.html",
    ),
    (
        "statements written to an .html name",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--out", "statements.html"],
        OutputError,
        "statements.html: the statements table is CSV, but the output name ends in .html — "
        "name it .csv, e.g. statements.csv",
    ),
    (
        "positions written to a name without an ending",
        {"doc.txt": DOC},
        ["positions", "doc.txt", "--out", "positions"],
        OutputError,
        "positions: the positions table is CSV, but the output name has no file-type ending — "
        "name it .csv, e.g. positions.csv",
    ),
    (
        "codebook is a device",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--codebook", "/dev/zero"],
        CodebookError,
        "/dev/zero: not a regular file (a device, pipe or socket) — pass the codebook's YAML file",
    ),
    (
        "gold is a device",
        {"doc.txt": DOC},
        ["evaluate", "doc.txt", "--gold", "/dev/urandom"],
        GoldError,
        "/dev/urandom: not a regular file (a device, pipe or socket) — pass the gold CSV file",
    ),
    (
        "a file name with a terminal escape sequence",
        {"\x1b[2J\x1b[31mnews.txt": "Caf\u00e9".encode("latin-1")},
        ["extract", "\x1b[2J\x1b[31mnews.txt"],
        SourceError,
        "\\x1b[2J\\x1b[31mnews.txt:1: not UTF-8: byte 0xe9 at byte offset 3 — "
        "save the file as UTF-8 (e.g. `iconv -f latin1 -t UTF-8`)",
    ),
    (
        "a file name with a line break",
        {"two\nlines.txt": "Caf\u00e9".encode("latin-1")},
        ["extract", "two\nlines.txt"],
        SourceError,
        "two\\nlines.txt:1: not UTF-8: byte 0xe9 at byte offset 3 — "
        "save the file as UTF-8 (e.g. `iconv -f latin1 -t UTF-8`)",
    ),
    (
        "a date on the command line in another format",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--date", "03/12/2025"],
        SourceError,
        "date: unparseable date '03/12/2025' — write it as YYYY-MM-DD, e.g. 2025-12-03",
    ),
    (
        "output folder is a file",
        {"doc.txt": DOC},
        ["extract", "doc.txt", "--out", "doc.txt/statements.csv"],
        OutputError,
        "doc.txt/statements.csv: doc.txt is a file, not a folder — "
        "choose an output path inside a folder",
    ),
]


def _make(folder: Path, files: dict) -> None:
    for name, content in files.items():
        path = folder / name
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            path.write_bytes(data)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def project_files():
    """Hashes of everything in seeds/ and data/: a test asserts none of it changed."""

    def digest():
        return {
            str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in (ROOT / "seeds", ROOT / "data")
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    before = digest()
    yield
    assert digest() == before


@pytest.mark.parametrize(
    ("files", "argv", "cls", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_bad_input_prints_one_line_and_exits_2(
    tmp_path, monkeypatch, capsys, project_files, files, argv, cls, message
):
    _make(tmp_path, files)
    before = _snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    argv = [a.replace("{root}", str(ROOT)) for a in argv]
    message = message.replace("{root}", str(ROOT))

    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err == f"error: {message}\n"
    assert "Traceback" not in captured.err
    assert captured.out == ""
    # the same error, as the toolkit's own exception, with --debug
    with pytest.raises(cls, match=f"^{re.escape(message)}$"):
        main(["--debug", *argv])
    # whatever went wrong, no file the user had was touched, and no file was left behind
    assert _snapshot(tmp_path) == before


def test_the_catalogue_covers_the_issue():
    """Each kind of bad input the issue names has at least one case above."""
    names = " | ".join(case[0] for case in CASES)
    for kind in [
        "missing file",
        "missing folder",
        "latin-1",
        "UTF-16",
        "binary",
        "front-matter YAML syntax",
        "front-matter not a mapping",
        "date",
        "codebook YAML syntax",
        "unknown key",
        "duplicate key",
        "invalid regex",
        "gold missing column",
        "gold unknown",
        "is a folder",
        "inside seeds/",
        "equal to an input",
        # issue 13
        "gold file with a blank first line",
        "file the toolkit did not write",
        "output is a device",
        "codebook is a device",
        "gold is a device",
        "report written to a .csv name",
        "terminal escape sequence",
        "line break",
    ]:
        assert kind in names, kind


def test_subprocess_bad_input_is_one_line_exit_2(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "extract", "latin.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "error: latin.txt:1: not UTF-8: byte 0xe9 at byte offset 3 — "
        "save the file as UTF-8 (e.g. `iconv -f latin1 -t UTF-8`)\n"
    )
    assert proc.stdout == ""


def test_debug_shows_the_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "--debug", "extract", "nope.txt"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr
    assert proc.stderr.rstrip().endswith(
        "toolkit.errors.SourceError: nope.txt: no such file or folder — check the path"
    )


def test_an_unexpected_bug_shows_a_traceback_and_exits_1(tmp_path):
    """A bug is not the user's fault: it is not dressed up as an input error."""
    (tmp_path / "doc.txt").write_text("Kyiv rejected any handover of Donbas.", encoding="utf-8")
    script = (
        "import importlib, sys\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('simulated bug')\n"
        "importlib.import_module('toolkit.extract').extract = broken\n"
        "from toolkit.cli import main\n"
        "sys.exit(main(['extract', 'doc.txt']))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr
    assert proc.stderr.rstrip().endswith("RuntimeError: simulated bug")
    assert "error: " not in proc.stderr


def test_an_unexpected_bug_propagates_from_main(monkeypatch, tmp_path):
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(sys.modules["toolkit.extract"], "extract", broken)
    with pytest.raises(RuntimeError, match="simulated bug"):
        main(["extract", str(tmp_path / "doc.txt")])


# ----------------------------------------------------------------------------- empty files


def test_empty_file_is_a_document_with_no_statements_and_a_warning(tmp_path, monkeypatch, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("---\ntitle: Nothing yet\n---\n\n  \n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "empty.txt", "blank.md"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "warning: empty.txt: the file holds no text; it yields no statements\n"
        "warning: blank.md: the file holds no text; it yields no statements\n"
    )
    assert captured.out.startswith("doc_id,") and captured.out.count("\n") == 1  # header only

    with pytest.warns(EmptySourceWarning, match=r"^empty\.txt: the file holds no text"):
        docs = load_documents(["empty.txt"])
    assert list(docs["doc_id"]) == ["empty"]
    assert docs["text"].iloc[0] == ""
    assert extract(docs, load_codebook()).empty


# ----------------------------------------------------------------------------- the library


YAML_CASES = [
    (
        "an alias inside itself",
        "name: &a [x, *a]\n",
        r"^talks\.yaml:1: name\[1\]: an alias refers to a list or mapping that contains it — ",
    ),
    (
        "aliases that explode",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        r"^talks\.yaml:\d+: .*the YAML expands to more than 200,000 values through aliases — "
        r"write the values out",
    ),
    (
        "nesting too deep",
        "name: " + "[" * 3000 + "]" * 3000 + "\n",
        r"^talks\.yaml: the YAML is nested too deeply to read — flatten",
    ),
    (
        "a number too long to read",
        "name: talks\nversion: " + "9" * 5000 + "\n",
        r"^talks\.yaml:2: version: '9{75}\.\.\.' cannot be read as a whole number: "
        r"Exceeds the limit \(4300 digits\) for integer string conversion — put it in quotes",
    ),
    (
        "a NUL byte",
        "name: talks\x00\n",
        r"^talks\.yaml:1: control character #x0000 is not allowed in YAML",
    ),
    (
        "a bad tag",
        "name: !!python/object:os.system talks\n",
        r"^talks\.yaml:1: YAML syntax error: could not determine a constructor for the tag",
    ),
    ("an empty file", "# nothing\n", r"^talks\.yaml: the codebook is empty — start from"),
    ("a list", "- a\n- b\n", r"^talks\.yaml:1: expected a mapping, got list"),
    (
        "a second document",
        "name: a\n---\nname: b\n",
        r"^talks\.yaml:2: YAML syntax error: but found another document",
    ),
]


@pytest.mark.parametrize(("text", "message"), [pytest.param(*c[1:], id=c[0]) for c in YAML_CASES])
def test_codebook_yaml_that_pyyaml_would_crash_on(text, message):
    with pytest.raises(CodebookError, match=message):
        parse_codebook(text, source="talks.yaml")


def test_registry_errors_name_the_registry_and_line(tmp_path):
    (tmp_path / "a.txt").write_text("Body", encoding="utf-8")
    registry = tmp_path / "sources.yaml"
    registry.write_text("a.txt:\n  date: 2025-13-01\n", encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"sources\.yaml:2: a\.txt -> date: '2025-13-01' cannot be read as a date"
    ):
        load_documents([tmp_path / "a.txt"], registry=registry)
    registry.write_text("a.txt:\n  date: 12/01/2025\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"sources\.yaml:2: unparseable date '12/01/2025'"):
        load_documents([tmp_path / "a.txt"], registry=registry)
    registry.write_text("a.txt:\n  outlet: [a, b]\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"sources\.yaml:2: `outlet` must be a single value"):
        load_documents([tmp_path / "a.txt"], registry=registry)
    registry.write_bytes("a.txt:\n  outlet: Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(SourceError, match=r"sources\.yaml:2: not UTF-8: byte 0xe9 at byte offset"):
        load_documents([tmp_path / "a.txt"], registry=registry)


def test_unreadable_files_are_source_errors(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Body", encoding="utf-8")

    def denied(name, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(name))

    monkeypatch.setattr(read_module.os, "open", denied)  # the one reader every file goes through
    with pytest.raises(
        SourceError, match=r"locked\.txt: cannot read the file: Permission denied — check"
    ):
        load_documents([path], registry=None)
    with pytest.raises(CodebookError, match=r"cannot read the codebook: Permission denied"):
        load_codebook(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match=r"pipe\.txt: not a regular file"):
        load_documents([fifo])


def test_documents_from_texts_refuses_bytes():
    with pytest.raises(SourceError, match=r"document 'a' is bytes, not text — pass str values"):
        documents_from_texts({"a": b"Kyiv"})


def test_a_nul_byte_late_in_a_file_is_binary(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(b"x" * 100_000 + b"\x00")
    with pytest.raises(SourceError, match=r"binary file \(NUL byte at byte offset 100000\)"):
        load_documents([path])


# ----------------------------------------------------------------------------- nothing lost


OLD = "doc_id,date,sentence,party\nold,2025-12-01,0,UA\n"  # an earlier statements table
OLD_REPORT = f"<!DOCTYPE html>\n<head>{io_module.GENERATOR}</head><p>yesterday's report</p>"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_replaces_the_file(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text(OLD, encoding="utf-8")
    io_module.write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert _leftovers(tmp_path) == []


def _interrupt_after_first_chunk(monkeypatch, exc: BaseException):
    """Make os.write store one chunk and then fail, as a full disk or Ctrl-C would."""
    real_write = os.write
    calls = []

    def write(fd, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise exc
        return real_write(fd, data)

    monkeypatch.setattr(io_module.os, "write", write)
    return calls


@pytest.mark.parametrize(
    ("exc", "raised", "message"),
    [
        (KeyboardInterrupt(), KeyboardInterrupt, None),
        (
            OSError(errno.ENOSPC, "No space left on device"),
            OutputError,
            r"out\.csv: cannot write: No space left on device — .*the previous file, if any, "
            r"is unchanged",
        ),
    ],
    ids=["interrupt", "disk full"],
)
def test_a_write_that_fails_midway_leaves_the_old_file(tmp_path, monkeypatch, exc, raised, message):
    target = tmp_path / "out.csv"
    target.write_text(OLD, encoding="utf-8")
    with monkeypatch.context() as m:
        calls = _interrupt_after_first_chunk(m, exc)
        with pytest.raises(raised, match=message):
            io_module.write_atomic(target, "x" * (3 * io_module._CHUNK))
    assert len(calls) == 2  # one chunk was written to the temporary file before the failure
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_a_failed_rename_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text(OLD, encoding="utf-8")

    def replace(src, dst):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(io_module.os, "replace", replace)
    with pytest.raises(OutputError, match=r"cannot write: Input/output error"):
        io_module.write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    io_module.write_atomic(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640

    fresh = tmp_path / "fresh.csv"
    io_module.write_atomic(fresh, "new\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0o600


def test_cli_extract_interrupted_midway_keeps_the_old_csv(tmp_path, monkeypatch, capsys):
    (tmp_path / "doc.txt").write_text(
        "Kyiv rejected any handover of the Donetsk region. " * 2000, encoding="utf-8"
    )
    out = tmp_path / "statements.csv"
    out.write_text(OLD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(io_module, "_CHUNK", 4096)  # the CSV spans several chunks
    with monkeypatch.context() as m:
        _interrupt_after_first_chunk(m, OSError(errno.ENOSPC, "No space left on device"))
        assert main(["extract", "doc.txt", "--out", "statements.csv"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: statements.csv: cannot write: No space left on device"
    )
    assert out.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []

    assert main(["extract", "doc.txt", "--out", "statements.csv"]) == 0  # and then it works
    assert out.read_text(encoding="utf-8").startswith("doc_id,date,sentence,party")


def test_cli_report_interrupted_keeps_the_old_html(tmp_path, monkeypatch, capsys):
    out = tmp_path / "report.html"
    out.write_text(OLD_REPORT, encoding="utf-8")
    with monkeypatch.context() as m:
        _interrupt_after_first_chunk(m, KeyboardInterrupt())
        m.setattr(io_module, "_CHUNK", 4096)
        assert main(["report", "--out", str(out)]) == 130
    assert capsys.readouterr().err == (
        "interrupted — an output file being written keeps its previous contents\n"
    )
    assert out.read_text(encoding="utf-8") == OLD_REPORT
    assert _leftovers(tmp_path) == []


def test_commands_never_touch_seeds_data_or_inputs(tmp_path, monkeypatch, project_files):
    """Every command, run on the seed and on user files: only the named output changes."""
    _make(
        tmp_path,
        {
            "articles/doc.md": "---\ndate: 2025-12-03\n---\nKyiv rejected any handover of Donbas.\n",
            "gold.csv": GOLD_HEADER + "doc,UA,territory,cede_donbas,oppose\n",
        },
    )
    before = _snapshot(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "--out", "out/statements.csv", "articles"]) == 0
    assert main(["positions", "--out", "out/positions.csv"]) == 0
    assert main(["evaluate", "--gold", "gold.csv", "articles"]) == 0
    assert main(["report", "articles", "--gold", "gold.csv", "--out", "out/report.html"]) == 0
    after = _snapshot(tmp_path)
    written = {k for k in after if k.startswith("out")}
    assert written == {"out/statements.csv", "out/positions.csv", "out/report.html"}
    assert {k: v for k, v in after.items() if k not in written} == before


def _load_run_notebooks():
    spec = importlib.util.spec_from_file_location(
        "run_notebooks", ROOT / "scripts" / "run_notebooks.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def notebook(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("1 + 1"))
    path = tmp_path / "analysis.ipynb"
    nbformat.write(nb, path)
    return path


class _FakeClient:
    """Stands in for nbclient: 'executes' by adding an output, or fails like a broken cell."""

    fail = False

    def __init__(self, nb, **kwargs):
        self.nb = nb

    def execute(self):
        if self.fail:
            raise RuntimeError("a cell raised")
        import nbformat

        for cell in self.nb.cells:
            cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"})]
            cell.execution_count = 1


def test_regenerated_notebook_is_renamed_into_place(notebook, monkeypatch):
    run_notebooks = _load_run_notebooks()
    monkeypatch.setattr(run_notebooks, "NotebookClient", _FakeClient)
    run_notebooks.run(notebook, timeout=10)
    import nbformat

    stored = nbformat.read(notebook, as_version=4)
    assert stored.cells[0].outputs[0]["data"]["text/plain"] == "2"
    assert _leftovers(notebook.parent) == []


def test_a_failed_notebook_run_leaves_the_notebook(notebook, monkeypatch):
    run_notebooks = _load_run_notebooks()
    before = notebook.read_bytes()
    monkeypatch.setattr(run_notebooks, "NotebookClient", type("F", (_FakeClient,), {"fail": True}))
    with pytest.raises(RuntimeError, match="a cell raised"):
        run_notebooks.run(notebook, timeout=10)
    assert notebook.read_bytes() == before


def test_a_notebook_write_interrupted_midway_leaves_the_notebook(notebook, monkeypatch):
    run_notebooks = _load_run_notebooks()
    before = notebook.read_bytes()
    monkeypatch.setattr(run_notebooks, "NotebookClient", _FakeClient)
    monkeypatch.setattr(io_module, "_CHUNK", 64)
    with monkeypatch.context() as m:
        _interrupt_after_first_chunk(m, KeyboardInterrupt())
        with pytest.raises(KeyboardInterrupt):
            run_notebooks.run(notebook, timeout=10)
    assert notebook.read_bytes() == before
    assert _leftovers(notebook.parent) == []


def test_hard_link_to_an_input_is_refused(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text(DOC, encoding="utf-8")
    link = tmp_path / "copy.csv"
    os.link(src, link)
    with pytest.raises(OutputError, match=r"copy\.csv: the output path is one of the inputs"):
        io_module.check_output(link, [src])


def test_statements_csv_is_not_mistaken_for_gold(tmp_path):
    """Re-running extract over its own earlier output is allowed."""
    out = tmp_path / "statements.csv"
    out.write_text("doc_id,date,sentence,party,actor,issue,option,polarity,quote\n", "utf-8")
    assert io_module.check_output(out) == out.resolve()


# ----------------------------------------------------------------------------- big inputs


def _neutral_text(n_bytes: int) -> str:
    """Plain news prose, ~2% of it coded sentences, about ``n_bytes`` long."""
    sentences = [
        "Talks resumed in Geneva on Monday.",
        "Drones struck a depot near Kharkiv overnight.",
        "Officials met in Berlin to review the schedule.",
        "Kyiv rejected any handover of the Donetsk region.",
    ]
    paragraph = " ".join(sentences[i % 3] for i in range(49)) + " " + sentences[3] + "\n\n"
    return paragraph * (n_bytes // len(paragraph) + 1)


def test_a_50_mb_file_loads_in_twice_its_size(tmp_path):
    """Reading a 50 MB text holds at most the bytes and the text at once (about 2× its size)."""
    path = tmp_path / "archive.md"
    body = _neutral_text(50_000_000)
    path.write_text("---\ntitle: Archive\ndate: 2025-12-03\n---\n" + body, encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        docs = load_documents([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert docs["text"].iloc[0] == body
    assert docs["title"].iloc[0] == "Archive"
    assert peak < 2.2 * size, f"peak {peak / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("TOOLKIT_SLOW"),
    reason="extracting 50 MB takes a few minutes; set TOOLKIT_SLOW=1 to run it",
)
def test_a_50_mb_text_extracts(tmp_path, monkeypatch, capsys):
    (tmp_path / "archive.txt").write_text(_neutral_text(50_000_000), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "archive.txt", "--out", "statements.csv"]) == 0
    import pandas as pd

    text = (tmp_path / "archive.txt").read_text(encoding="utf-8")
    frame = pd.read_csv(tmp_path / "statements.csv", keep_default_na=False)
    assert len(frame) > 10_000
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.quote


def _documents(n: int, coded: bool):
    sentences = [
        "Talks resumed in Geneva on Monday.",
        "Drones struck a depot near Kharkiv overnight.",
        "Officials met in Berlin to review the schedule.",
    ]
    extra = " Kyiv rejected any handover of the Donetsk region." if coded else ""
    return documents_from_texts(
        {f"d{i:04d}": " ".join(sentences[(i + k) % 3] for k in range(30)) + extra for i in range(n)}
    )


def _extract_memory(documents, codebook) -> tuple[int, int]:
    """``(peak bytes allocated during extract, bytes its result holds)``."""
    tracemalloc.start()
    try:
        result = extract(documents, codebook)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, int(result.memory_usage(deep=True).sum())


@pytest.mark.parametrize("coded", [False, True], ids=["no statements", "one per document"])
def test_extract_memory_does_not_grow_with_documents_beyond_the_output(codebook, coded):
    """Twice the documents cost no more memory than twice the output (documents stream)."""
    n = 40
    small, large = _documents(n, coded), _documents(2 * n, coded)
    extract(large, codebook)  # compile the codebook's rules and warm caches first
    peak_small, out_small = _extract_memory(small, codebook)
    peak_large, out_large = _extract_memory(large, codebook)
    growth = peak_large - peak_small
    allowed = 2 * (out_large - out_small) + 64_000
    assert growth <= allowed, (
        f"peak {peak_small / 1e3:.0f} kB for {n} documents, {peak_large / 1e3:.0f} kB for "
        f"{2 * n}; output {out_small / 1e3:.0f} kB -> {out_large / 1e3:.0f} kB"
    )


def test_a_bad_pattern_is_shown_as_written():
    """Backslashes are not doubled: the pattern in the message is the one in the codebook."""
    broken = MINIMAL.replace("['\\bkeep the land\\b']", "['\\bkeep (the land\\b']")
    with pytest.raises(
        CodebookError,
        match=re.escape(r"invalid regular expression '\bkeep (the land\b': missing ),"),
    ):
        parse_codebook(broken, source="talks.yaml")


def test_reading_a_folder_as_a_file(tmp_path):
    from toolkit.sources import read_source

    with pytest.raises(
        SourceError, match=r": this is a folder where a file was expected — pass a \.txt or \.md"
    ):
        read_source(tmp_path)


def test_errors_survive_pickling():
    """Hypothesis and multiprocessing pass exceptions between processes."""
    import pickle

    error = CodebookError("bad", path="a.yaml", line=3, location="issues -> x", fix="fix it")
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is CodebookError
    assert str(again) == str(error) == "a.yaml:3: issues -> x: bad — fix it"
