"""The one file reader behind sources, codebooks, gold files and registries (``toolkit._read``).

Each check runs through every reader, so none of them can fall behind: a device, a FIFO, a
huge or a binary file is refused before it is read in full, with the reader's own error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from toolkit import load_codebook, load_documents, load_gold
from toolkit.errors import CodebookError, GoldError, SourceError, ToolkitError
from toolkit.evaluate import load_gold_sets

from .test_codebook import MINIMAL

CODEBOOK = load_codebook()


def _registry(path):
    return load_documents([_a_source(path.parent)], registry=path)


def _a_source(folder: Path) -> Path:
    source = folder / "a.txt"
    source.write_text("Alpha will keep the land.\n", encoding="utf-8")
    return source


# (reader, its error class); each takes a path
READERS = [
    pytest.param(lambda p: load_documents([p], registry=None), SourceError, id="source"),
    pytest.param(lambda p: load_codebook(p), CodebookError, id="codebook"),
    pytest.param(lambda p: load_gold(p, CODEBOOK), GoldError, id="gold"),
    pytest.param(_registry, SourceError, id="registry"),
    pytest.param(lambda p: load_gold_sets(p), GoldError, id="gold sets"),
]


@pytest.mark.parametrize(("read", "error"), READERS)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_before_it_is_read(read, error, device):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    with pytest.raises(error, match=rf"^{device}: not a regular file \(a device, pipe or socket\)"):
        read(Path(device))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    "argv",
    [
        ["extract", "doc.txt", "--codebook", "pipe"],
        ["evaluate", "doc.txt", "--gold", "pipe"],
        ["extract", "pipe"],
    ],
    ids=["codebook", "gold", "source"],
)
def test_a_fifo_is_refused_and_nothing_hangs(tmp_path, argv):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "doc.txt").write_text("Alpha will keep the land.\n", encoding="utf-8")
    proc = subprocess.run(  # in a process of its own: a hang fails the test, not the run
        [sys.executable, "-m", "toolkit", *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("error: pipe: not a regular file (a device, pipe or socket)")


@pytest.mark.parametrize(("read", "error"), READERS)
def test_a_file_over_the_limit_is_refused_with_the_limit_named(tmp_path, monkeypatch, read, error):
    path = tmp_path / "big.txt"
    path.write_text("Alpha will keep the land. " * 100, encoding="utf-8")  # 2.6 kB
    monkeypatch.setenv("TOOLKIT_MAX_FILE_MB", "0.001")
    with pytest.raises(
        error,
        match=r"big\.txt: the file is 2\.6 kB, more than the limit of 1\.0 kB — split it into "
        r"smaller files, or raise the limit with TOOLKIT_MAX_FILE_MB=<MB> if it really is one text",
    ):
        read(path)
    monkeypatch.setenv("TOOLKIT_MAX_FILE_MB", "1")
    try:
        read(path)  # under the limit: read (and then, for most readers, found to be wrong)
    except ToolkitError as exc:
        assert "more than the limit" not in str(exc)


def test_an_8_gb_source_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "archive.txt"
    with path.open("wb") as fh:
        fh.truncate(8 * 10**9)  # sparse: takes no disk space
    tracemalloc.start()
    try:
        with pytest.raises(
            SourceError, match=r"archive\.txt: the file is 8,000 MB, more than the limit of 200 MB"
        ):
            load_documents([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000  # not the file: imports and caches only


def test_a_large_binary_is_refused_from_its_first_bytes(tmp_path, monkeypatch):
    """A 1.5 GB binary under a raised limit is refused after reading a few kB, not 1.5 GB."""
    monkeypatch.setenv("TOOLKIT_MAX_FILE_MB", "2000")
    path = tmp_path / "video.txt"
    with path.open("wb") as fh:
        fh.write(b"\x1aE\xdf\xa3\x01\x00\x00\x00")  # a Matroska header
        fh.truncate(1_500_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(SourceError, match=r"binary file \(NUL byte at byte offset 5\)"):
            load_documents([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10_000_000  # not the file: imports and caches only


@pytest.mark.parametrize(("read", "error"), READERS)
def test_every_reader_refuses_binary_and_utf16(tmp_path, read, error):
    path = tmp_path / "data.bin"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00")  # a .docx is a zip
    with pytest.raises(error, match=r"data\.bin: binary file \(NUL byte at byte offset 5\)"):
        read(path)
    path.write_bytes("name: talks\n".encode("utf-16"))
    with pytest.raises(error, match=r"data\.bin: the file is UTF-16 text, not UTF-8"):
        read(path)


@pytest.mark.parametrize(("read", "error"), READERS)
def test_a_symlink_loop_is_named_as_such(tmp_path, read, error):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    with pytest.raises(error, match=r"loop\.yaml: the path is a loop of symbolic links — "):
        read(loop)


def test_a_bad_limit_setting_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_MAX_FILE_MB", "lots")
    with pytest.raises(ToolkitError, match=r"TOOLKIT_MAX_FILE_MB='lots' is not a size in MB"):
        load_codebook()


def test_a_file_without_a_size_is_read_in_full(tmp_path):
    """Files that report size 0 (in /proc) or grow while read are read to their end."""
    stat = Path("/proc/self/status")
    if not stat.exists() or stat.stat().st_size:
        pytest.skip("needs a /proc file that reports no size")
    from toolkit import _read

    text = _read.read_text(stat, _read.SOURCE)
    assert text.startswith("Name:") and text.endswith("\n")


def test_the_codebook_still_reads(tmp_path):
    path = tmp_path / "talks.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_codebook(path).party_keys == ("A", "B")
