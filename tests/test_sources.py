"""Source texts -> documents: front-matter, the registry, and clear errors for bad files."""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from toolkit import SourceError, load_documents
from toolkit.schema import DOCUMENT_COLUMNS
from toolkit.sources import EmptySourceWarning, SkippedFilesWarning, UndatedSourceWarning

from .conftest import ROOT

SEED = ROOT / "seeds" / "000_f32b177836f06d03.txt"
SEED_SHA256 = "d2dc0486d6af668356ca3506ebc50a5c124b42f0e3d17b42df41081941e8dc84"


def test_seed_is_verbatim():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_seed_document_takes_metadata_from_the_registry(seed_documents):
    assert list(seed_documents.columns) == list(DOCUMENT_COLUMNS)
    doc = seed_documents.iloc[0]
    assert doc.doc_id == "000_f32b177836f06d03"
    assert doc.title == "Zelenskyy Reveals Urgent Details on U.S.-Led Peace Talks with Russia"
    assert doc.date == pd.Timestamp("2025-12-11")
    assert doc.text == SEED.read_text(encoding="utf-8")


def test_front_matter(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\nid: custom\ntitle: A title\ndate: 2025-12-03\noutlet: Wire\nurl: https://e.org/a\n---\nBody.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Plain headline\n\nBody text.", encoding="utf-8")
    with pytest.warns(UndatedSourceWarning, match=r"b\.txt: no date"):
        docs = load_documents([tmp_path], registry=None)
    assert list(docs["doc_id"]) == ["b", "custom"]
    a = docs.set_index("doc_id").loc["custom"]
    assert (a.title, a.outlet, a.url, a.text) == ("A title", "Wire", "https://e.org/a", "Body.\n")
    assert a.date == pd.Timestamp("2025-12-03")
    b = docs.set_index("doc_id").loc["b"]
    assert b.title == "Plain headline" and pd.isna(b.date)


def write(tmp_path, name, data):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "latin.txt",
            "Caf\u00e9 talks".encode("latin-1"),
            r"latin.txt:1: not UTF-8: byte 0xe9 at byte offset 3",
        ),
        (
            "utf16.txt",
            "\ufeffhello".encode("utf-16"),
            r"utf16.txt: the file is UTF-16 text, not UTF-8 \(byte-order mark at byte offset 0\) — save it as UTF-8",
        ),
        (
            "bin.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00",
            r"bin.txt: binary file \(NUL byte at byte offset 8\)",
        ),
        ("fm.md", "---\ntitle: [unclosed\n---\nBody", r"fm.md:\d+: YAML syntax error"),
        (
            "list.md",
            "---\n- a\n- b\n---\nBody",
            r"list.md:2: front-matter must be a mapping, got list",
        ),
        (
            "date.md",
            "---\ndate: 12/03/2025\n---\nBody",
            r"date.md:2: unparseable date '12/03/2025' — write it as YYYY-MM-DD",
        ),
        ("key.md", "---\ntitel: x\n---\nBody", r"key.md:2: unknown front-matter key 'titel'"),
        (
            "open.md",
            "---\ntitle: x\nBody",
            r"open.md:1: front-matter starts with '---' but never ends",
        ),
    ],
)
def test_bad_sources_raise_source_error(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    with pytest.raises(SourceError, match=message):
        load_documents([path], registry=None)


def test_missing_path(tmp_path):
    with pytest.raises(SourceError, match=r"nope: no such file or folder — check the path"):
        load_documents([tmp_path / "nope"])


def test_folder_without_texts(tmp_path):
    (tmp_path / "notes.csv").write_text("x")
    with pytest.raises(SourceError, match=r"the folder holds no \.txt or \.md files"):
        load_documents([tmp_path])


def test_duplicate_ids(tmp_path):
    write(tmp_path, "a.md", "---\nid: same\n---\nA")
    write(tmp_path, "b.md", "---\nid: same\n---\nB")
    with pytest.raises(SourceError, match="document id 'same' is used by two files"):
        load_documents([tmp_path])


def test_empty_file_warns_and_yields_a_document(tmp_path):
    write(tmp_path, "empty.txt", "")
    with pytest.warns(EmptySourceWarning, match="holds no text"):
        docs = load_documents([tmp_path / "empty.txt"])
    assert list(docs["doc_id"]) == ["empty"]


# --------------------------------------------------------------------------- metadata rules


def test_front_matter_with_lone_cr_line_ends_is_read(tmp_path):
    """Old Mac files end lines with a lone CR; their front-matter is front-matter too."""
    path = write(
        tmp_path, "mac.md", "---\rtitle: Old Mac\rdate: 2025-12-03\r---\rBody text.\rMore.\r"
    )
    doc = load_documents([path], registry=None).iloc[0]
    assert (doc.title, doc.date, doc.text) == (
        "Old Mac",
        pd.Timestamp("2025-12-03"),
        "Body text.\rMore.\r",
    )


@pytest.mark.parametrize("written", ["010", "0x1F", "1e3", "no", "0o17", "1_000", "12:30"])
def test_ids_and_titles_are_read_as_written(tmp_path, written):
    path = write(tmp_path, "a.md", f"---\nid: {written}\ntitle: {written}\n---\nBody.\n")
    doc = load_documents([path], registry=None).iloc[0]
    assert (doc.doc_id, doc.title) == (written, written)
    registry = write(tmp_path, "reg.yaml", f"b.txt:\n  id: {written}\n  outlet: {written}\n")
    other = load_documents([write(tmp_path, "b.txt", "Body.\n")], registry=registry).iloc[0]
    assert (other.doc_id, other.outlet) == (written, written)


def test_a_very_long_first_line_makes_a_short_title(tmp_path):
    path = write(tmp_path, "one.txt", "Word " * 100_000)
    title = load_documents([path], registry=None).iloc[0].title
    assert len(title) <= 201 and title.startswith("Word Word") and title.endswith("…")


# --------------------------------------------------------------------------- what is read


def test_what_a_folder_holds_besides_texts_is_listed(tmp_path):
    folder = tmp_path / "articles"
    for name in ("a.txt", "report.docx", "scan.pdf", "gold.csv", "sources.yaml", ".DS_Store"):
        write(folder, name, "Body.\n" if name != "sources.yaml" else "{}\n")
    with pytest.warns(SkippedFilesWarning) as caught:
        docs = load_documents([folder], registry=None)
    assert list(docs["doc_id"]) == ["a"]
    assert [str(w.message) for w in caught] == [
        f"{folder}: skipped report.docx, scan.pdf — only .txt and .md files are read; "
        "convert other documents (PDF, Word) to text to include them"
    ]


def test_an_unreadable_subfolder_is_listed(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    write(folder, "a.txt", "Body.\n")
    write(folder / "private", "b.txt", "Body.\n")
    real = os.scandir

    def scandir(path):  # as for a folder without read permission (root may read anything)
        if Path(path).name == "private":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.warns(
        SkippedFilesWarning,
        match=r"articles: cannot read the folder\(s\) private \(Permission denied\); the texts "
        r"in them are left out",
    ):
        docs = load_documents([folder], registry=None)
    assert list(docs["doc_id"]) == ["a"]


def test_a_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path / "articles", "a.txt", "Body.\n")
    (tmp_path / "link.txt").symlink_to(path)
    docs = load_documents(
        [path, tmp_path / "articles", str(path), tmp_path / "link.txt"], registry=None
    )
    assert list(docs["doc_id"]) == ["a"]
    assert docs["path"].iloc[0] == str(path)


# --------------------------------------------------------------------------- dates


def test_a_sources_yaml_beside_the_files_dates_them(tmp_path):
    folder = tmp_path / "mine"
    write(folder, "a.txt", "Headline\n\nBody.\n")
    write(folder, "b.md", "---\ndate: 2025-12-05\n---\nBody.\n")
    write(
        folder,
        "sources.yaml",
        "a.txt: {date: 2025-12-03, outlet: Wire}\nb.md: {date: 2025-01-01}\n",
    )
    project = write(
        tmp_path, "project.yaml", "a.txt: {date: 2020-01-01, title: From the project}\n"
    )
    docs = load_documents([folder], registry=project).set_index("doc_id")
    assert docs.loc["a", "date"] == pd.Timestamp("2025-12-03")  # beside the file wins
    assert docs.loc["a", "title"] == "From the project"  # what it does not say still counts
    assert docs.loc["a", "outlet"] == "Wire"
    assert docs.loc["b", "date"] == pd.Timestamp("2025-12-05")  # front-matter wins over both


def test_date_dates_only_the_undated(tmp_path):
    a = write(tmp_path, "a.txt", "Body.\n")
    b = write(tmp_path, "b.md", "---\ndate: 2025-12-05\n---\nBody.\n")
    docs = load_documents([a, b], registry=None, date="2025-12-01").set_index("doc_id")
    assert list(docs["date"]) == [pd.Timestamp("2025-12-01"), pd.Timestamp("2025-12-05")]


def test_undated_sources_among_dated_ones_are_warned_about(tmp_path):
    a = write(tmp_path, "a.txt", "Body.\n")
    b = write(tmp_path, "b.md", "---\ndate: 2025-12-05\n---\nBody.\n")
    with pytest.warns(UndatedSourceWarning, match=r"a\.txt: no date .*--date YYYY-MM-DD$"):
        load_documents([a, b], registry=None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_documents([a], registry=None)  # all undated: nothing is older than anything
        load_documents([a, b], registry=None, date="2025-12-01")
