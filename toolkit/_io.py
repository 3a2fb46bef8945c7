"""Safe writing: outputs never clobber inputs, never land in ``seeds/``, never half-written.

Everything the toolkit writes goes to a temporary file in the target folder and is renamed
into place, so an interrupted run leaves the previous file intact. Before that,
:func:`check_output` refuses any path where writing would lose something a person wrote:

- a folder, or a file inside a protected folder (``seeds/`` and ``data/gold/``);
- one of the run's inputs (a source text, the codebook, a gold file), or the same file
  under another name (a hard or symbolic link);
- the project's codebook and source registry, even when the run did not read them;
- an existing source text or YAML file (``.txt``, ``.md``, ``.yaml``, ``.yml``): the
  toolkit writes CSV and HTML, never those;
- an existing gold CSV (a file whose header is a gold header), wherever it lives.
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from ._resources import packaged
from .errors import OutputError
from .sources import DEFAULT_REGISTRY, DEFAULT_SOURCES

__all__ = ["PROTECTED", "check_output", "write_atomic"]

#: Folders the toolkit never writes into: the seed texts and the hand-coded gold sets.
PROTECTED = (DEFAULT_SOURCES, packaged("data", "gold"))
#: Files the toolkit never overwrites, whether or not a run read them.
_USER_FILES = (packaged("data", "codebook.yaml"), DEFAULT_REGISTRY)
#: Suffixes of files people write by hand: never overwritten when they exist.
_HAND_WRITTEN = (".txt", ".md", ".yaml", ".yml")
_GOLD_HEADER = {"doc_id", "party", "issue", "option", "polarity"}
_CHUNK = 1 << 20


def check_output(
    path: str | Path,
    inputs: Iterable[str | Path] = (),
    protected: Iterable[str | Path] = PROTECTED,
) -> Path:
    """Return ``path`` resolved, or raise :class:`OutputError` if writing there is unsafe."""
    out = Path(path).expanduser().resolve()
    if out.is_dir():
        raise OutputError(
            "the output path is a folder",
            path=path,
            fix="give a file name, e.g. reports/report.html",
        )
    parent = next(p for p in out.parents if p.exists())  # the root always exists
    if not parent.is_dir():
        raise OutputError(
            f"{parent.name} is a file, not a folder",
            path=path,
            fix="choose an output path inside a folder",
        )
    for folder in protected:
        folder = Path(folder).resolve()
        if out == folder or folder in out.parents:
            raise OutputError(
                f"refusing to write inside {folder.name}/: its files are written by hand",
                path=path,
                fix="write the output somewhere else, e.g. reports/",
            )
    for item in [*inputs, *_USER_FILES]:
        item_path = Path(item).expanduser().resolve()
        if (
            out == item_path
            or _same_file(out, item_path)
            or (
                item_path.is_dir()
                and item_path in out.parents
                and out.suffix.lower() in _HAND_WRITTEN
            )
        ):
            raise OutputError(
                "the output path is one of the inputs",
                path=path,
                fix="choose another output file; inputs are never overwritten",
            )
    if out.is_file() and out.suffix.lower() in _HAND_WRITTEN:
        raise OutputError(
            f"refusing to overwrite an existing {out.suffix} file (a source text or codebook)",
            path=path,
            fix="the toolkit writes .csv or .html files; choose another output file",
        )
    if out.is_file() and _is_gold(out):
        raise OutputError(
            "refusing to overwrite a gold file (its header is doc_id,party,issue,option,polarity)",
            path=path,
            fix="choose another output file; hand-coded gold is never overwritten",
        )
    return out


def write_atomic(
    path: str | Path,
    data: str | bytes,
    *,
    inputs: Iterable[str | Path] = (),
    protected: Iterable[str | Path] = PROTECTED,
) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    The temporary file sits next to the target (so the rename never crosses file systems)
    and is removed if anything fails, an interrupt included; the target then still holds
    its old contents. A replaced file keeps its permissions; a new one gets the usual ones.
    """
    out = check_output(path, inputs, protected)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    tmp: Path | None = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        mode = out.stat().st_mode & 0o7777 if out.exists() else 0o666  # umask applies to 0o666
        tmp = out.parent / f".{out.name}.{secrets.token_hex(4)}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(payload)
            for start in range(0, len(view), _CHUNK):
                chunk = view[start : start + _CHUNK]
                while chunk:
                    chunk = chunk[os.write(fd, chunk) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if out.exists():
            os.chmod(tmp, mode)  # O_CREAT applied the umask; keep the old file's mode
        os.replace(tmp, out)
        tmp = None
        _fsync_folder(out.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write: {exc.strerror or exc}",
            path=path,
            fix="check that the folder is writable and the disk is not full; "
            "the previous file, if any, is unchanged",
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _is_gold(path: Path) -> bool:
    """Whether ``path`` starts with a gold CSV header (statements tables have more columns)."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            header = next(csv.reader([fh.readline(65536)]), [])
    except OSError:
        return False
    names = {h.strip() for h in header}
    return _GOLD_HEADER <= names <= _GOLD_HEADER | {"required", "note"}


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
