"""Source texts -> the documents DataFrame.

A source is a ``.txt`` or ``.md`` file, optionally starting with YAML front-matter::

    ---
    id: kyiv-rejects-plan        # doc_id (default: the file name without extension)
    title: Kyiv rejects the plan
    date: 2025-12-03
    outlet: Example Wire
    url: https://example.org/a
    ---
    Article text ...

Files without front-matter take their metadata from a registry (``data/sources.yaml``,
keyed by file name), and their title from the first line of text. ``load_documents``
returns one row per file, columns :data:`~toolkit.schema.DOCUMENT_COLUMNS`, where ``text``
is the body after the front-matter: every offset in later tables indexes into it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _check, _read, _yaml
from ._resources import packaged
from .errors import ArgumentError, SourceError
from .schema import DOCUMENT_COLUMNS, check_columns

__all__ = [
    "DEFAULT_REGISTRY",
    "DEFAULT_SOURCES",
    "LOCAL_REGISTRY",
    "SUFFIXES",
    "EmptySourceWarning",
    "SkippedFilesWarning",
    "UndatedSourceWarning",
    "documents_from_texts",
    "load_documents",
    "read_source",
]

#: The embedded default sources: the seed texts.
DEFAULT_SOURCES = packaged("seeds")
#: Metadata for source files that carry no front-matter.
DEFAULT_REGISTRY = packaged("data", "sources.yaml")
#: File types read as sources.
SUFFIXES = (".txt", ".md")
#: Metadata for the files of one folder, in that folder (same form as ``data/sources.yaml``).
LOCAL_REGISTRY = "sources.yaml"
# data kept beside the texts (gold files, registries): not sources, and not worth a warning
_DATA_SUFFIXES = (".csv", ".yaml", ".yml")
_META_KEYS = ("id", "title", "date", "outlet", "url")
_META_EXAMPLES = {
    "id": "kyiv-rejects-plan",
    "title": "Kyiv rejects the plan",
    "date": "2025-12-03",
    "outlet": "Example Wire",
    "url": "https://example.org/a",
    "note": "checked by hand",
}
# pandas stores dates as nanoseconds since 1970: these are the first and last it can hold
_FIRST_DATE = pd.Timestamp.min.ceil("D").date()
_LAST_DATE = pd.Timestamp.max.floor("D").date()


# the first non-space character and the rest of its line (line ends as str.splitlines has them)
_FIRST_TEXT = re.compile(r"\S[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]{0,199}")
_FIRST_TEXT_MORE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # the line goes on
_TITLE_LENGTH = 200
_LINE_END = re.compile(r"\r\n|\r|\n")
# the line that closes front-matter, with the line end before it and its own
_FRONT_END = re.compile(r"(?:\r\n|\r|\n)(?:---|\.\.\.) *(?:\r\n|\r|\n|\Z)")


class EmptySourceWarning(UserWarning):
    """A source file holds no text; it is kept as a document with no statements."""


class SkippedFilesWarning(UserWarning):
    """A folder holds files that are not read (not ``.txt`` or ``.md``, or unreadable)."""


class UndatedSourceWarning(UserWarning):
    """Some documents have no date while others do; see :mod:`toolkit.positions`."""


def load_documents(
    paths: Iterable[str | Path] | str | Path | None = None,
    *,
    registry: str | Path | None = DEFAULT_REGISTRY,
    date: Any = None,
) -> pd.DataFrame:
    """Read source files and folders into the documents DataFrame.

    Parameters
    ----------
    paths:
        Files and folders (folders are searched recursively for ``.txt`` and ``.md``; what
        else they hold is listed in a warning). ``None`` means the embedded default, the
        ``seeds/`` folder. A file named twice is read once.
    registry:
        YAML file giving metadata for files without front-matter; ``None`` for none. A
        ``sources.yaml`` in a file's own folder comes before it, and front-matter before both.
    date:
        The date of every file that has none of its own (``YYYY-MM-DD``). Undated files
        left among dated ones get an :class:`UndatedSourceWarning`.

    Examples
    --------
    >>> docs = load_documents()              # the seed texts
    >>> list(docs.columns)
    ['doc_id', 'title', 'date', 'outlet', 'url', 'path', 'text']
    """
    if paths is None:
        paths = [DEFAULT_SOURCES]
    elif isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = _check.paths(paths, "paths")
    if not paths:
        raise ArgumentError(
            "paths is empty", fix="name at least one file or folder, or pass None for seeds/"
        )
    registry = _check.path(registry, "registry", optional=True)
    default_date = _parse_date(date, "date", None)
    files = _expand(paths)
    project = _load_registry(registry) if registry is not None else {}
    beside: dict[Path, dict[str, dict]] = {}  # each folder's own sources.yaml
    rows = []
    for f in files:
        if f.parent not in beside:
            local = f.parent / LOCAL_REGISTRY
            beside[f.parent] = _load_registry(local) if os.path.lexists(local) else {}
        meta = {f.name: {**project.get(f.name, {}), **beside[f.parent].get(f.name, {})}}
        row = read_source(f, registry=meta)
        if pd.isna(row["date"]):
            row["date"] = default_date
        rows.append(row)
    seen: dict[str, str] = {}
    for row in rows:
        if row["doc_id"] in seen:
            raise SourceError(
                f"document id {row['doc_id']!r} is used by two files (also {seen[row['doc_id']]})",
                path=row["path"],
                fix="give one of them a distinct `id:` in its front-matter, or rename the file",
            )
        seen[row["doc_id"]] = row["path"]
    undated = [row["path"] for row in rows if pd.isna(row["date"])]
    if undated and len(undated) < len(rows):
        warnings.warn(
            f"{_some(undated, 3)}: no date (no `date:` front-matter, no entry in a sources.yaml); "
            "undated statements count as older than every dated one, and a position they "
            "contradict is marked contested — date the files with `date:` front-matter, a "
            f"{LOCAL_REGISTRY} beside them, or --date YYYY-MM-DD",
            UndatedSourceWarning,
            stacklevel=2,
        )
    return _frame(rows)


def documents_from_texts(texts: dict[str, str], **meta: Any) -> pd.DataFrame:
    """Documents from in-memory strings (``{doc_id: text}``), e.g. for tests and notebooks.

    ``meta`` may give ``date``, ``title``, ``outlet`` or ``url`` for all of them.
    """
    if not isinstance(texts, Mapping):
        raise ArgumentError(
            f"texts must be a mapping of document ids to texts, not {_check.shown(texts)}",
            fix="pass a dict such as {'d1': 'Kyiv rejected the plan.'}",
        )
    unknown = sorted(set(meta) - {"date", "title", "outlet", "url"})
    if unknown:
        raise ArgumentError(
            f"unknown keyword {unknown[0]!r}",
            fix="give date, title, outlet or url (each applies to every text)",
        )
    for key in ("title", "outlet", "url"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise ArgumentError(
                f"{key} must be text (str), not {_check.shown(meta[key])}",
                fix=f"pass {key} as a str",
            )
    date = meta.get("date")
    if not (date is None or date is pd.NaT or (isinstance(date, float) and np.isnan(date))):
        date = _check.date(date, "date")
    rows = []
    for doc_id, text in texts.items():
        if not isinstance(text, str):
            raise SourceError(
                f"document {doc_id!r} is {type(text).__name__}, not text",
                fix="pass str values (decode bytes with .decode('utf-8') first)",
            )
        title = meta.get("title") or _first_line(text)
        rows.append(
            {
                "doc_id": str(doc_id),
                "title": title,
                "date": _parse_date(date, "<memory>", None),
                "outlet": meta.get("outlet"),
                "url": meta.get("url"),
                "path": None,
                "text": text,
            }
        )
    return _frame(rows)


def read_source(path: str | Path, *, registry: dict[str, dict] | None = None) -> dict[str, Any]:
    """Read one source file into a documents row (a dict); see :func:`load_documents`.

    Peak memory is twice the file's size: the bytes are dropped once decoded, and the text
    once the body after the front-matter is cut from it.
    """
    path = Path(path)
    text = _read.read_text(path, _read.SOURCE)
    front, front_lines, body = _split_front_matter(text, path)
    del text
    meta = dict((registry or {}).get(path.name, {}))
    meta.update(front)
    if _FIRST_TEXT.search(body) is None:  # only whitespace (no copy, unlike body.strip())
        warnings.warn(
            f"{path}: the file holds no text; it yields no statements",
            EmptySourceWarning,
            stacklevel=2,
        )
    doc_id = str(meta.get("id") or path.stem)
    return {
        "doc_id": doc_id,
        "title": _text_or_none(meta.get("title")) or _first_line(body) or doc_id,
        "date": _parse_date(meta.get("date"), path, front_lines.get(("date",))),
        "outlet": _text_or_none(meta.get("outlet")),
        "url": _text_or_none(meta.get("url")),
        "path": str(path),
        "text": body,
    }


# --------------------------------------------------------------------------- helpers


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    """The source files named by ``paths``, each once; folders are searched recursively."""
    files: list[Path] = []
    seen: set[tuple[int, int]] = set()  # (device, inode): one file under two names is one file
    for p in paths:
        p = Path(p)
        try:
            is_dir = stat.S_ISDIR(os.stat(p).st_mode)
        except (OSError, ValueError) as exc:
            if getattr(exc, "errno", None) == errno.ELOOP:
                raise SourceError(
                    "the path is a loop of symbolic links",
                    path=p,
                    fix="point the link at a real file or folder, or pass it itself",
                ) from None
            raise SourceError("no such file or folder", path=p, fix="check the path") from None
        found = _walk(p) if is_dir else [p]
        for f in found:
            try:
                info = os.stat(f)
                identity = (info.st_dev, info.st_ino)
            except OSError:  # read_source says what is wrong with it
                identity = (-1, len(seen))
            if identity not in seen:
                seen.add(identity)
                files.append(f)
    return files


def _walk(folder: Path) -> list[Path]:
    """The ``.txt`` and ``.md`` files under ``folder`` (hidden ones left out), sorted.

    Other files (but CSV and YAML files, which hold gold sets and registries), and subfolders
    that cannot be read, are named in a :class:`SkippedFilesWarning`: no document is passed
    over without a word.
    """
    found: list[Path] = []
    skipped: list[str] = []
    unreadable: list[OSError] = []
    for root, dirs, names in os.walk(folder, onerror=unreadable.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(root)
        for name in names:
            path = here / name
            if name.startswith(".") or path.suffix.lower() in _DATA_SUFFIXES:
                continue  # hidden files, and the gold files and registries kept beside texts
            if path.suffix.lower() in SUFFIXES and path.is_file():
                found.append(path)
            else:
                skipped.append(str(path.relative_to(folder)))
    for exc in unreadable:
        if Path(exc.filename) == folder:
            raise SourceError(
                f"cannot read the folder: {exc.strerror or exc}",
                path=folder,
                fix="check that it exists and that you may read it",
            )
    if not found:
        raise SourceError(
            "the folder holds no .txt or .md files",
            path=folder,
            fix="put source texts in it, or pass the files themselves",
        )
    if skipped:
        warnings.warn(
            f"{folder}: skipped {_some(sorted(skipped))} — only .txt and .md files are read; "
            "convert other documents (PDF, Word) to text to include them",
            SkippedFilesWarning,
            stacklevel=4,
        )
    if unreadable:
        names = sorted(str(Path(e.filename).relative_to(folder)) for e in unreadable)
        warnings.warn(
            f"{folder}: cannot read the folder(s) {_some(names)} ({unreadable[0].strerror}); "
            "the texts in them are left out — check that you may read them",
            SkippedFilesWarning,
            stacklevel=4,
        )
    return sorted(found)


def _some(names: list[str], limit: int = 5) -> str:
    """``a, b, c`` or ``a, b, c, d, e and 3 more``."""
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _split_front_matter(text: str, path: Path) -> tuple[dict, dict, str]:
    """Return ``(front_matter, its_lines, body)``; front-matter is optional.

    Lines may end in ``\\n``, ``\\r\\n`` or a lone ``\\r`` (old Mac files), as YAML allows.
    """
    first = _LINE_END.search(text)
    if text[: len(text) if first is None else first.start()].rstrip(" ") != "---":
        return {}, {}, text
    end = None if first is None else _FRONT_END.search(text, first.start())
    if end is None:
        raise SourceError(
            "front-matter starts with '---' but never ends",
            path=path,
            line=1,
            fix="close it with a line holding only '---'",
        )
    block = text[first.end() : max(end.start(), first.end())]  # without its last line end
    body = text[end.end() :]  # after the closing line and its line end
    data, where = _yaml.load(
        block, source=str(path), error=SourceError, line_offset=1, numbers_as_text=True
    )
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(
            f"front-matter must be a mapping, got {type(data).__name__}",
            path=path,
            line=2,
            fix="write `key: value` lines such as `date: 2025-12-01`",
        )
    unknown = sorted(set(data) - set(_META_KEYS))
    if unknown:
        raise SourceError(
            f"unknown front-matter key {unknown[0]!r}",
            path=path,
            line=where.get((unknown[0],)),
            fix=f"allowed keys are {list(_META_KEYS)}; check the spelling",
        )
    _check_meta_types(data, where, path, ())
    return data, where, body


def _check_meta_types(meta: dict, where: dict, path, prefix: tuple) -> None:
    """Metadata values are single values (text, numbers, dates), never lists or mappings."""
    for key, value in meta.items():
        if isinstance(value, (list, dict)):
            kind = "a list" if isinstance(value, list) else "a mapping"
            raise SourceError(
                f"`{key}` must be a single value, got {kind}",
                path=path,
                line=where.get((*prefix, key)),
                fix=f"write one value, e.g. `{key}: {_META_EXAMPLES[key]}`",
            )


def _parse_date(value: Any, path, line) -> pd.Timestamp:
    if value is None or value is pd.NaT or (isinstance(value, str) and not value.strip()):
        return pd.NaT
    if isinstance(value, (float, np.floating, np.datetime64)) and pd.isna(value):
        return pd.NaT  # NaN and NaT: pandas' "no date"
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise SourceError(
                f"unparseable date {value!r}",
                path=path,
                line=line,
                fix="write it as YYYY-MM-DD, e.g. 2025-12-03",
            ) from None
    if not _FIRST_DATE <= day <= _LAST_DATE:
        raise SourceError(
            f"date {day.isoformat()} is out of range",
            path=path,
            line=line,
            fix=f"dates must lie between {_FIRST_DATE} and {_LAST_DATE}; check the year",
        )
    return pd.Timestamp(day)


def _load_registry(path: str | Path) -> dict[str, dict]:
    path = Path(path)
    if not os.path.lexists(path):  # the project's registry is optional; a broken link is not
        return {}
    text = _read.read_text(path, _read.REGISTRY)
    data, where = _yaml.load(text, source=str(path), error=SourceError, numbers_as_text=True)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError(
            "the registry must map file names to metadata",
            path=path,
            line=1,
            fix="write `file.txt: {date: 2025-12-01, outlet: ...}` entries",
        )
    out = {}
    for name, meta in data.items():
        if not isinstance(meta, dict):
            raise SourceError(
                f"entry {name!r} must be a mapping",
                path=path,
                line=where.get((name,)),
                fix="write `date:`, `title:` ... under it",
            )
        unknown = sorted(set(meta) - set(_META_KEYS) - {"note"})
        if unknown:
            raise SourceError(
                f"unknown key {unknown[0]!r} for {name!r}",
                path=path,
                line=where.get((name, unknown[0])),
                fix=f"allowed keys are {[*_META_KEYS, 'note']}",
            )
        _check_meta_types(meta, where, path, (name,))
        _parse_date(meta.get("date"), path, where.get((name, "date")))  # fail here, with the line
        out[str(name)] = {k: v for k, v in meta.items() if k != "note"}
    return out


def _first_line(text: str) -> str | None:
    """The first line holding more than whitespace, stripped, without a Markdown ``#``; a line
    longer than :data:`_TITLE_LENGTH` characters (a text in one line) is cut with "…"."""
    found = _FIRST_TEXT.search(text)  # without splitting a 50 MB text into lines
    if not found:
        return None
    title = found.group().strip().lstrip("#").strip()
    return title + "…" if _FIRST_TEXT_MORE.match(text, found.end()) else title


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"])
    for col in ("doc_id", "title", "outlet", "url", "path", "text"):
        frame[col] = frame[col].astype(object)
    frame = frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return check_columns(frame, DOCUMENT_COLUMNS, "documents")
