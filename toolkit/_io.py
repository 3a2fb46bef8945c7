"""Safe writing: outputs never clobber inputs, never land in ``seeds/``, never half-written.

Everything the toolkit writes goes to a temporary file in the target folder and is renamed
into place, so an interrupted run leaves the previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError
from .sources import DEFAULT_SOURCES

__all__ = ["check_output", "write_atomic"]


def check_output(
    path: str | Path,
    inputs: Iterable[str | Path] = (),
    protected: Iterable[str | Path] = (DEFAULT_SOURCES,),
) -> Path:
    """Return ``path`` resolved, or raise :class:`OutputError` if writing there is unsafe."""
    out = Path(path).expanduser().resolve()
    if out.is_dir():
        raise OutputError(
            "the output path is a folder",
            path=path,
            fix="give a file name, e.g. reports/report.html",
        )
    for folder in protected:
        folder = Path(folder).resolve()
        if out == folder or folder in out.parents:
            raise OutputError(
                f"refusing to write inside {folder.name}/, which holds source texts",
                path=path,
                fix="write the output somewhere else, e.g. reports/",
            )
    for item in inputs:
        item_path = Path(item).expanduser().resolve()
        if out == item_path or (
            item_path.is_dir()
            and item_path in out.parents
            and out.suffix.lower() in (".txt", ".md")
        ):
            raise OutputError(
                "the output path is one of the inputs",
                path=path,
                fix="choose another output file; inputs are never overwritten",
            )
    return out


def write_atomic(
    path: str | Path,
    data: str | bytes,
    *,
    inputs: Iterable[str | Path] = (),
    protected: Iterable[str | Path] = (DEFAULT_SOURCES,),
) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    out = check_output(path, inputs, protected)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputError(
            f"cannot write: {exc.strerror or exc}",
            path=path,
            fix="check that the folder exists and is writable",
        ) from None
    return out
