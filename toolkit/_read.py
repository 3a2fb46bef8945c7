"""Reading one input file: the one ladder every reader climbs (sources, codebook, gold, registry).

In order, each step refusing with the caller's own error class and words:

1. the path exists, and is not a loop of symbolic links;
2. it is a regular file: a folder, a device (``/dev/zero``), a FIFO or a socket is refused
   before it is opened, so nothing hangs or reads forever;
3. it is no larger than the limit (:func:`max_bytes`; ``TOOLKIT_MAX_FILE_MB`` sets it), so
   an 8 GB file is refused at once, not after filling memory;
4. its first bytes are text: a UTF-16 or UTF-32 byte-order mark or a NUL byte there refuses a
   binary file before the rest of it is read; a NUL byte further on is caught after;
5. it decodes as UTF-8 (a leading byte-order mark is dropped), else the error names the byte,
   its offset and its line.

Peak memory is the file's size twice over (its bytes, then its text), as with
``Path.read_bytes().decode()``.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import CodebookError, GoldError, ReviewError, SourceError, ToolkitError

__all__ = [
    "CODEBOOK",
    "DEFAULT_MAX_MB",
    "GOLD",
    "GOLD_SETS",
    "REGISTRY",
    "SOURCE",
    "Kind",
    "max_bytes",
    "read_text",
]

#: The largest file read, in MB (10**6 bytes), unless ``TOOLKIT_MAX_FILE_MB`` says otherwise.
DEFAULT_MAX_MB = 200
_ENV = "TOOLKIT_MAX_FILE_MB"
_SNIFF = 8192  # bytes looked at for a binary file before reading the rest
_CHUNK = 1 << 20

_BOMS = (  # longest first: the UTF-32 little-endian mark starts with the UTF-16 one
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


@dataclass(frozen=True)
class Kind:
    """What a file is to its reader: the error to raise and the words of each message."""

    error: type[ToolkitError]
    missing: str  # "codebook file not found"
    missing_fix: str
    folder: str  # "this is a folder, not a codebook file"
    folder_fix: str
    unreadable: str  # "cannot read the codebook"
    unreadable_fix: str
    not_utf8: str  # "not UTF-8" or "not UTF-8 text"
    utf8_fix: str
    wanted: str  # what to pass instead of a device, a binary or a huge file


SOURCE = Kind(
    error=SourceError,
    missing="file not found",
    missing_fix="check the path",
    folder="this is a folder where a file was expected",
    folder_fix="pass a .txt or .md file",
    unreadable="cannot read the file",
    unreadable_fix="check that it exists and that you may read it",
    not_utf8="not UTF-8",
    utf8_fix="save the file as UTF-8 (e.g. `iconv -f latin1 -t UTF-8`)",
    wanted="pass a plain-text .txt or .md file (convert PDF or Word files to text first)",
)
CODEBOOK = Kind(
    error=CodebookError,
    missing="codebook file not found",
    missing_fix="pass the path of an existing YAML codebook",
    folder="this is a folder, not a codebook file",
    folder_fix="pass the YAML file itself",
    unreadable="cannot read the codebook",
    unreadable_fix="check that it is a file you may read",
    not_utf8="not UTF-8 text",
    utf8_fix="save the codebook as UTF-8",
    wanted="pass the codebook's YAML file",
)
GOLD = Kind(
    error=GoldError,
    missing="gold file not found",
    missing_fix="check the path",
    folder="this is a folder, not a gold CSV file",
    folder_fix="pass the CSV file itself",
    unreadable="cannot read the gold file",
    unreadable_fix="check that it is a file you may read",
    not_utf8="not UTF-8",
    utf8_fix="save the CSV as UTF-8",
    wanted="pass the gold CSV file",
)
GOLD_SETS = Kind(
    error=GoldError,
    missing="gold-set list not found",
    missing_fix="check the path",
    folder="this is a folder, not a gold-set list",
    folder_fix="pass the YAML file itself, e.g. data/gold/sets.yaml",
    unreadable="cannot read the gold-set list",
    unreadable_fix="check that it is a file you may read",
    not_utf8="not UTF-8",
    utf8_fix="save the list as UTF-8",
    wanted="pass a YAML file such as data/gold/sets.yaml",
)
REVIEWS = Kind(
    error=ReviewError,
    missing="reviews file not found",
    missing_fix="check the path; the review panel (05_review) creates the file on the first decision",
    folder="this is a folder, not a reviews file",
    folder_fix="pass the CSV file itself",
    unreadable="cannot read the reviews file",
    unreadable_fix="check that it is a file you may read",
    not_utf8="not UTF-8",
    utf8_fix="save the CSV as UTF-8",
    wanted="pass the reviews CSV file",
)
REGISTRY = Kind(
    error=SourceError,
    missing="source registry not found",
    missing_fix="check the path",
    folder="this is a folder, not a source registry",
    folder_fix="pass the sources.yaml file itself",
    unreadable="cannot read the source registry",
    unreadable_fix="check that it is a file you may read",
    not_utf8="not UTF-8",
    utf8_fix="save the registry as UTF-8",
    wanted="pass a YAML file such as sources.yaml",
)


def max_bytes() -> int:
    """The size limit of an input file: ``TOOLKIT_MAX_FILE_MB`` megabytes, default 200."""
    value = os.environ.get(_ENV, "").strip()
    if not value:
        return DEFAULT_MAX_MB * 10**6
    try:
        mb = float(value)
        if not mb > 0 or mb == float("inf"):
            raise ValueError
    except ValueError:
        raise ToolkitError(
            f"{_ENV}={value!r} is not a size in MB",
            fix=f"set it to a positive number such as {DEFAULT_MAX_MB}, or unset it",
        ) from None
    return int(mb * 10**6)


def read_text(path: str | Path, kind: Kind) -> str:
    """The text of the file at ``path``, or ``kind.error`` saying why it cannot be had."""
    path = Path(path)
    raw = read_bytes(path, kind)
    nul = raw.find(b"\x00")  # text never holds NUL; a scan of 50 MB takes milliseconds
    if nul >= 0:
        raise _binary(path, kind, nul)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise kind.error(
            f"{kind.not_utf8}: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}",
            path=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
            fix=kind.utf8_fix,
        ) from None
    del raw
    return text.removeprefix("\ufeff")


def read_bytes(path: Path, kind: Kind) -> bytearray:
    """The bytes of a regular file within the size limit whose first bytes are not binary."""
    limit = max_bytes()
    try:
        info = os.stat(path)  # follows links; a FIFO is not opened, so nothing blocks
        if stat.S_ISDIR(info.st_mode):
            raise kind.error(kind.folder, path=path, fix=kind.folder_fix)
        if not stat.S_ISREG(info.st_mode):
            raise kind.error(
                "not a regular file (a device, pipe or socket)", path=path, fix=kind.wanted
            )
        if info.st_size > limit:
            raise _too_big(path, kind, info.st_size, limit)
        # O_NONBLOCK: should the path have become a FIFO since, opening does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb", buffering=0) as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise kind.error(
                    "not a regular file (a device, pipe or socket)", path=path, fix=kind.wanted
                )
            return _read_checked(fh, path, kind, info.st_size, limit)
    except (FileNotFoundError, ValueError):  # ValueError: a NUL character in the path
        raise kind.error(kind.missing, path=path, fix=kind.missing_fix) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise kind.error(
                "the path is a loop of symbolic links",
                path=path,
                fix="point the link at a real file, or pass the file itself",
            ) from None
        raise kind.error(
            f"{kind.unreadable}: {exc.strerror or exc}", path=path, fix=kind.unreadable_fix
        ) from None


def _read_checked(fh, path: Path, kind: Kind, size: int, limit: int) -> bytearray:
    """Sniff the first bytes, then read the rest into one buffer of the file's size."""
    head = fh.read(_SNIFF)
    _sniff(head, path, kind)
    buf = bytearray(max(size, len(head)))
    buf[: len(head)] = head
    with memoryview(buf) as view:
        done = len(head) + _fill(fh, view[len(head) :])
    del buf[done:]  # the file shrank while being read
    if done >= size:  # it may also have grown, or report no size at all (files in /proc)
        while chunk := fh.read(_CHUNK):
            buf += chunk
            if len(buf) > limit:
                raise _too_big(path, kind, len(buf), limit)
    return buf


def _fill(fh, view: memoryview) -> int:
    """Read into ``view`` until it is full or the file ends; the number of bytes read."""
    done = 0
    while done < len(view):
        got = fh.readinto(view[done:])
        if not got:
            break
        done += got
    return done


def _sniff(head: bytes, path: Path, kind: Kind) -> None:
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            raise kind.error(
                f"the file is {encoding} text, not UTF-8 (byte-order mark at byte offset 0)",
                path=path,
                fix=f"save it as UTF-8 (e.g. `iconv -f {encoding} -t UTF-8`)",
            )
    nul = head.find(b"\x00")
    if nul >= 0:
        raise _binary(path, kind, nul)


def _binary(path: Path, kind: Kind, offset: int) -> ToolkitError:
    return kind.error(f"binary file (NUL byte at byte offset {offset})", path=path, fix=kind.wanted)


def _too_big(path: Path, kind: Kind, size: int, limit: int) -> ToolkitError:
    return kind.error(
        f"the file is {_size(size)}, more than the limit of {_size(limit)}",
        path=path,
        fix=f"split it into smaller files, or raise the limit with {_ENV}=<MB> if it really is "
        "one text",
    )


def _size(n: int) -> str:
    """``8,000 MB``, ``2.5 MB``, ``2.6 kB``."""
    if n >= 10**7:
        return f"{n / 10**6:,.0f} MB"
    return f"{n / 10**6:.1f} MB" if n >= 10**6 else f"{n / 1000:.1f} kB"


def csv_records(
    text: str, source: str, error: type[ToolkitError]
) -> Iterator[tuple[int, list[str]]]:
    """``(line, values)`` for each CSV record of ``text``, ``line`` being where the record
    starts; a malformed record is ``error`` naming that line."""
    reader = csv.reader(io.StringIO(text))
    line = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise error(
                f"malformed CSV: {exc}",
                path=source,
                line=line,
                fix='check this line for an unclosed quote (")',
            ) from None
        yield line, values
        line = reader.line_num + 1
