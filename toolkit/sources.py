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
import re
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from . import _yaml
from ._resources import packaged
from .errors import SourceError
from .schema import DOCUMENT_COLUMNS, check_columns

__all__ = [
    "DEFAULT_REGISTRY",
    "DEFAULT_SOURCES",
    "SUFFIXES",
    "EmptySourceWarning",
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
_FIRST_TEXT = re.compile(r"\S[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*")
# the line that closes front-matter
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[\r ]*$", re.MULTILINE)


class EmptySourceWarning(UserWarning):
    """A source file holds no text; it is kept as a document with no statements."""


def load_documents(
    paths: Iterable[str | Path] | str | Path | None = None,
    *,
    registry: str | Path | None = DEFAULT_REGISTRY,
) -> pd.DataFrame:
    """Read source files and folders into the documents DataFrame.

    Parameters
    ----------
    paths:
        Files and folders (folders are searched recursively for ``.txt`` and ``.md``).
        ``None`` means the embedded default, the ``seeds/`` folder.
    registry:
        YAML file giving metadata for files without front-matter; ``None`` for none.

    Examples
    --------
    >>> docs = load_documents()              # the seed texts
    >>> list(docs.columns)
    ['doc_id', 'title', 'date', 'outlet', 'url', 'path', 'text']
    """
    if paths is None:
        paths = [DEFAULT_SOURCES]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    files = _expand(paths)
    meta = _load_registry(registry) if registry is not None else {}
    rows = [read_source(f, registry=meta) for f in files]
    seen: dict[str, str] = {}
    for row in rows:
        if row["doc_id"] in seen:
            raise SourceError(
                f"document id {row['doc_id']!r} is used by two files (also {seen[row['doc_id']]})",
                path=row["path"],
                fix="give one of them a distinct `id:` in its front-matter, or rename the file",
            )
        seen[row["doc_id"]] = row["path"]
    return _frame(rows)


def documents_from_texts(texts: dict[str, str], **meta: Any) -> pd.DataFrame:
    """Documents from in-memory strings (``{doc_id: text}``), e.g. for tests and notebooks.

    ``meta`` may give ``date``, ``title``, ``outlet`` or ``url`` for all of them.
    """
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
                "date": _parse_date(meta.get("date"), "<memory>", None),
                "outlet": meta.get("outlet"),
                "url": meta.get("url"),
                "path": None,
                "text": text,
            }
        )
    return _frame(rows)


def read_source(path: str | Path, *, registry: dict[str, dict] | None = None) -> dict[str, Any]:
    """Read one source file into a documents row (a dict); see :func:`load_documents`."""
    path = Path(path)
    return _source_row(_read_bytes(path), path, registry)


def _source_row(raw: bytes, path: Path, registry: dict[str, dict] | None) -> dict[str, Any]:
    """The documents row of a file's bytes (split out so it can be tested on any bytes).

    Peak memory is twice the file's size: the bytes are dropped once decoded, and the text
    once the body after the front-matter is cut from it.
    """
    text = _decode(raw, path)
    del raw
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
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise SourceError("no such file or folder", path=p, fix="check the path")
        if p.is_dir():
            found = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not found:
                raise SourceError(
                    "the folder holds no .txt or .md files",
                    path=p,
                    fix="put source texts in it, or pass the files themselves",
                )
            files.extend(found)
        else:
            files.append(p)
    return files


def _read_bytes(path: Path) -> bytes:
    """The bytes of a source file, or a :class:`SourceError` saying why they cannot be read."""
    if not path.exists():
        raise SourceError("file not found", path=path, fix="check the path")
    if path.is_dir():
        raise SourceError(
            "this is a folder where a file was expected", path=path, fix="pass a .txt or .md file"
        )
    if not path.is_file():
        raise SourceError(
            "not a regular file (a device, pipe or socket)",
            path=path,
            fix="pass a .txt or .md file",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(
            f"cannot read the file: {exc.strerror or exc}",
            path=path,
            fix="check that it exists and that you may read it",
        ) from None


_BOMS = (  # longest first: the UTF-32 little-endian mark starts with the UTF-16 one
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _decode(raw: bytes, path: Path) -> str:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise SourceError(
                f"the file is {encoding} text, not UTF-8 (byte-order mark at byte offset 0)",
                path=path,
                fix=f"save it as UTF-8 (e.g. `iconv -f {encoding} -t UTF-8`)",
            )
    nul = raw.find(b"\x00")  # text never holds NUL; a scan of 50 MB takes milliseconds
    if nul >= 0:
        raise SourceError(
            f"binary file (NUL byte at byte offset {nul})",
            path=path,
            fix="pass a plain-text .txt or .md file (convert PDF or Word files to text first)",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}",
            path=path,
            line=line,
            fix="save the file as UTF-8 (e.g. `iconv -f latin1 -t UTF-8`)",
        ) from None
    return text.removeprefix("\ufeff")


def _split_front_matter(text: str, path: Path) -> tuple[dict, dict, str]:
    """Return ``(front_matter, its_lines, body)``; front-matter is optional."""
    first_nl = text.find("\n")
    first = text if first_nl < 0 else text[:first_nl]
    if first.rstrip("\r ") != "---":
        return {}, {}, text
    end = _FRONT_END.search(text, first_nl + 1) if first_nl >= 0 else None
    if end is None:
        raise SourceError(
            "front-matter starts with '---' but never ends",
            path=path,
            line=1,
            fix="close it with a line holding only '---'",
        )
    block = text[first_nl + 1 : max(end.start() - 1, first_nl + 1)]  # without its last newline
    body = text[end.end() + 1 :]  # after the closing line and its newline
    data, where = _yaml.load(block, source=str(path), error=SourceError, line_offset=1)
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
    if value is None or value == "":
        return pd.NaT
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
    if not path.exists():
        return {}
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}",
            path=path,
            line=raw.count(b"\n", 0, exc.start) + 1,
            fix="save the registry as UTF-8",
        ) from None
    data, where = _yaml.load(text.removeprefix("\ufeff"), source=str(path), error=SourceError)
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
    """The first line holding more than whitespace, stripped, without a Markdown ``#``."""
    found = _FIRST_TEXT.search(text)  # without splitting a 50 MB text into lines
    return found.group().strip().lstrip("#").strip() if found else None


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
