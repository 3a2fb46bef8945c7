"""Safe writing: outputs never clobber inputs, never land in ``seeds/``, never half-written.

Everything the toolkit writes goes to a temporary file in the target folder and is renamed
into place, so an interrupted run leaves the previous file intact. Before that,
:func:`check_output` refuses any path where writing would lose something a person wrote:

- a folder, a device, a FIFO or a socket (``/dev/null`` is never replaced by a file);
- a file inside a protected folder (``seeds/`` and ``data/gold/``);
- one of the run's inputs (a source text, the codebook, a gold file), or the same file
  under another name (a hard or symbolic link);
- the project's codebook and source registry, even when the run did not read them;
- an existing source text or YAML file (``.txt``, ``.md``, ``.yaml``, ``.yml``): the
  toolkit writes CSV and HTML, never those;
- an existing gold CSV (a file whose header is a gold header), wherever it lives;
- any other existing file that the toolkit did not write itself (:func:`written_by_toolkit`:
  its own CSV header, or the report's generator mark), unless ``force`` is given.
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ._resources import packaged
from .errors import OutputError
from .schema import POSITION_COLUMNS, STATEMENT_COLUMNS
from .sources import DEFAULT_REGISTRY, DEFAULT_SOURCES

__all__ = [
    "FORMULA_START",
    "GENERATOR",
    "PROTECTED",
    "check_output",
    "csv_text",
    "write_atomic",
    "written_by_toolkit",
]

#: Folders the toolkit never writes into: the seed texts and the hand-coded gold sets.
PROTECTED = (DEFAULT_SOURCES, packaged("data", "gold"))
#: Files the toolkit never overwrites, whether or not a run read them.
_USER_FILES = (packaged("data", "codebook.yaml"), DEFAULT_REGISTRY)
#: Suffixes of files people write by hand: never overwritten when they exist.
_HAND_WRITTEN = (".txt", ".md", ".yaml", ".yml")
_GOLD_HEADER = {"doc_id", "party", "issue", "option", "polarity"}
#: How the CSV files the toolkit writes begin (the statements and positions tables).
_OWN_HEADERS = (STATEMENT_COLUMNS[:4], POSITION_COLUMNS[:4])
#: The mark in the ``<head>`` of every report the toolkit writes.
GENERATOR = '<meta name="generator" content="negotiation-toolkit">'
_HEAD = 65536  # bytes read to recognise a file
_CHUNK = 1 << 20


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text, as every CSV the toolkit writes: no index, ``\\n`` line ends,
    dates as ``YYYY-MM-DD``, and no cell a spreadsheet would run as a formula.

    A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
    a ``'`` in front, as OWASP advises against CSV injection: a spreadsheet then shows the
    text instead of running it. Remove that one ``'`` to get the text back; the ``start`` and
    ``end`` offsets still point at the text in the source. Numbers are left as they are.
    """
    safe = frame.copy()
    lone_cr = False
    for column in safe.columns:
        values = safe[column]
        if not (
            pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values)
        ):
            safe[column] = values = values.astype(object).map(_neutralise)
            lone_cr = lone_cr or any(isinstance(v, str) and "\r" in v for v in values)
    # Python's csv module quotes a cell holding "\n" but not one holding a lone "\r", which
    # readers take for a line end: then every text cell is quoted
    quoting = csv.QUOTE_NONNUMERIC if lone_cr else csv.QUOTE_MINIMAL
    return safe.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d", quoting=quoting)


def _neutralise(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def check_output(
    path: str | Path,
    inputs: Iterable[str | Path] = (),
    protected: Iterable[str | Path] = PROTECTED,
    *,
    force: bool = False,
) -> Path:
    """Return ``path`` resolved, or raise :class:`OutputError` if writing there is unsafe.

    ``force`` allows replacing an existing file the toolkit did not write; nothing else.
    """
    out = _resolve(path, path)
    if out.is_dir():
        raise OutputError(
            "the output path is a folder",
            path=path,
            fix="give a file name, e.g. reports/report.html",
        )
    if out.exists() and not out.is_file():
        raise OutputError(
            "the output path is a device, FIFO or socket, not a file",
            path=path,
            fix="give the name of a regular file, e.g. reports/report.html; to see the output "
            "without keeping it, leave out --out",
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
        try:
            item_path = Path(item).expanduser().resolve()
        except (OSError, RuntimeError):  # a loop of links: not the output, which resolved
            continue
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
    if not out.is_file():
        return out
    if out.suffix.lower() in _HAND_WRITTEN:
        raise OutputError(
            f"refusing to overwrite an existing {out.suffix} file (a source text or codebook)",
            path=path,
            fix="the toolkit writes .csv or .html files; choose another output file",
        )
    if _is_gold(out):
        raise OutputError(
            "refusing to overwrite a gold file (its header is doc_id,party,issue,option,polarity)",
            path=path,
            fix="choose another output file; hand-coded gold is never overwritten",
        )
    if not force and not written_by_toolkit(out):
        raise OutputError(
            "refusing to replace a file the toolkit did not write (it has neither the "
            "toolkit's CSV header nor its report mark)",
            path=path,
            fix="choose a new file name, or add --force to replace it",
        )
    return out


def _resolve(path: str | Path, shown: str | Path) -> Path:
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links (Python 3.11)
        raise OutputError(
            "the output path is a loop of symbolic links",
            path=shown,
            fix="remove the link, or choose another output file",
        ) from None


def written_by_toolkit(path: str | Path) -> bool:
    """Whether ``path`` is a file the toolkit wrote: a report (its ``<head>`` holds
    :data:`GENERATOR`), or a CSV whose header starts as the statements or positions table's."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
    except OSError:
        return False
    if GENERATOR.encode() in head.split(b"</head>", 1)[0] and head.lstrip().startswith(
        b"<!DOCTYPE html>"
    ):
        return True
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    columns = tuple(next(csv.reader([first]), []))
    return any(columns[: len(start)] == start for start in _OWN_HEADERS)


def write_atomic(
    path: str | Path,
    data: str | bytes,
    *,
    inputs: Iterable[str | Path] = (),
    protected: Iterable[str | Path] = PROTECTED,
    force: bool = False,
) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    :func:`check_output` decides first whether ``path`` may be written (``force``: an existing
    file the toolkit did not write may be replaced).

    The temporary file sits next to the target (so the rename never crosses file systems)
    and is removed if anything fails, an interrupt included; the target then still holds
    its old contents. A replaced file keeps its permissions; a new one gets the usual ones.
    """
    out = check_output(path, inputs, protected, force=force)
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
    """Whether ``path`` starts with a gold CSV header (statements tables have more columns).

    The header is the first line that is not blank, as :func:`toolkit.evaluate.parse_gold`
    reads it.
    """
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            lines = fh.read(_HEAD).splitlines()
    except OSError:
        return False
    first = next((line for line in lines if line.strip(" \t,")), "")
    names = {h.strip() for h in next(csv.reader([first]), [])}
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
