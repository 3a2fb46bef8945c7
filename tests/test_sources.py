"""Source texts -> documents: front-matter, the registry, and clear errors for bad files."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from toolkit import SourceError, load_documents
from toolkit.schema import DOCUMENT_COLUMNS
from toolkit.sources import EmptySourceWarning, UndatedSourceWarning

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
