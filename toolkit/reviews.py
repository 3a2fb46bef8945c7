"""Analyst review: a person's decisions on the machine's statements, kept in a CSV file.

The machine codes first; an analyst then accepts, rejects or corrects each statement and adds
the ones it missed. Every decision is one row appended to a reviews CSV that the analyst
names, and :func:`apply_reviews` turns the extractor's statements into the reviewed ones,
which every table, chart, score and report then uses.

The file
--------
One row per decision, with the columns :data:`REVIEW_COLUMNS`:

- ``doc_id``, ``start``, ``end``, ``text_hash``: the sentence, by its offsets in the text and
  a hash of its text (:func:`text_hash`);
- ``party, issue, option, polarity``: the statement decided on (for ``add``, the one added);
- ``decision``: ``accept``, ``reject``, ``correct`` (the corrected values in ``new_party,
  new_issue, new_option, new_polarity``) or ``add``; ``complete`` and ``reopen`` mark a whole
  document reviewed or not (their span is the whole text, their hash the text's);
- ``note``, ``reviewer`` and ``timestamp`` (ISO 8601 with a time zone).

Decisions are keyed by content, not by row number: a decision finds its sentence by the hash
of the sentence's text (the occurrence nearest its recorded offsets when the sentence occurs
twice), so it survives re-extraction with another extractor or codebook, reordered sentences
and new documents. A decision whose sentence is no longer in its document's text is *stale*:
:func:`stale_reviews` lists it and :func:`apply_reviews` warns about it; it is never applied
and never deleted. Decisions on documents that are not loaded are simply not used.

How decisions combine
---------------------
The decisions on one sentence are replayed in time order (then file order) over the
statements the machine found in it, so the latest decision on a statement wins:

- ``accept``: the statement stands, as *confirmed* (also when the machine no longer finds it:
  the analyst vouched for it);
- ``reject``: the statement is removed;
- ``correct``: the statement is replaced by the corrected one, as *corrected*;
- ``add``: the statement is added, as *added*, with the sentence as its quote.

Writes (:func:`append_reviews`) are appends under a file lock, one ``write`` per batch and
an ``fsync``: two kernels writing the same file lose nothing, and a crash leaves whole lines.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import FileLock, Timeout

from . import _check
from ._read import REVIEWS, csv_records, read_text
from .codebook import Codebook
from .errors import ArgumentError, ReviewError
from .schema import DOCUMENT_COLUMNS, STATEMENT_COLUMNS, TUPLE_COLUMNS
from .sentences import split_sentences

__all__ = [
    "DECISIONS",
    "REVIEW_COLUMNS",
    "SOURCES",
    "StaleReviewWarning",
    "append_reviews",
    "apply_reviews",
    "load_reviews",
    "new_decision",
    "parse_reviews",
    "review_progress",
    "review_table",
    "reviews_to_gold",
    "stale_reviews",
    "text_hash",
]

#: The columns of a reviews CSV, in the order the toolkit writes them.
REVIEW_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "start",
    "end",
    "text_hash",
    "party",
    "issue",
    "option",
    "polarity",
    "decision",
    "new_party",
    "new_issue",
    "new_option",
    "new_polarity",
    "note",
    "reviewer",
    "timestamp",
)
_STATEMENT_DECISIONS = ("accept", "reject", "correct", "add")
_DOCUMENT_DECISIONS = ("complete", "reopen")
#: Every decision word a reviews file may hold.
DECISIONS: tuple[str, ...] = (*_STATEMENT_DECISIONS, *_DOCUMENT_DECISIONS)
#: What the ``source`` column of reviewed statements says about each row.
SOURCES: tuple[str, ...] = ("machine", "confirmed", "corrected", "added")
_SOURCE_OF = {"accept": "confirmed", "correct": "corrected", "add": "added"}
_KEY = ("party", "issue", "option", "polarity")
_NEW = ("new_party", "new_issue", "new_option", "new_polarity")
_HASH = re.compile(r"[0-9a-f]{16}\Z")
_INT = re.compile(r"\d{1,12}\Z")
# A cell starting with one of these is a formula in a spreadsheet; the file stores it behind
# a quote mark (as spreadsheets do), and reading takes the quote mark off again.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LOCK_TIMEOUT = 10.0


class StaleReviewWarning(UserWarning):
    """Some decisions name a sentence that is no longer in their document's text."""


def text_hash(text: str) -> str:
    """The hash that identifies a sentence (or a whole text): 16 hex digits of its SHA-256.

    >>> text_hash("An invented sentence.")
    'd5c562f6735adde5'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- the file


def new_decision(
    decision: str,
    doc_id: str,
    start: int,
    end: int,
    text: str,
    statement: Sequence[str] | None = None,
    correction: Sequence[str] | None = None,
    *,
    note: str = "",
    reviewer: str = "",
    timestamp: str | datetime | None = None,
) -> dict:
    """One decision as a row of the reviews file (a dict keyed by :data:`REVIEW_COLUMNS`).

    ``text`` is the sentence's text (for ``complete`` and ``reopen``, the document's) and
    gives the hash; ``statement`` is ``(party, issue, option, polarity)``, and ``correction``
    the corrected values for ``correct``. The timestamp defaults to now, in UTC. The
    arguments' types, the decision word and the offsets are checked here; the keys are
    checked against the codebook by :func:`append_reviews`, for every row before it writes.
    """
    if decision not in DECISIONS:
        raise ArgumentError(
            f"decision must be one of {', '.join(DECISIONS)}, not {_check.shown(decision)}",
            fix="pass the decision word as a str, e.g. 'accept'",
        )
    if not _check.text(doc_id, "doc_id").strip():
        raise ArgumentError("doc_id is empty", fix="give the document's id (documents['doc_id'])")
    start, end = _check.offset(start, "start"), _check.offset(end, "end")
    if end < start:
        raise ArgumentError(
            f"end ({end}) is before start ({start})", fix="give the sentence's offsets"
        )
    text = _check.text(text, "text")
    statement, correction = _keys(statement, "statement"), _keys(correction, "correction")
    note = "" if note is None else _check.text(note, "note")
    reviewer = "" if reviewer is None else _check.text(reviewer, "reviewer")
    if not isinstance(timestamp, (str, datetime)) and timestamp is not None:
        raise ArgumentError(
            f"timestamp must be a datetime or an ISO 8601 str, not {_check.shown(timestamp)}",
            fix="leave it out for now, or give e.g. '2026-01-05T14:03:00+00:00'",
        )
    if timestamp is None:
        timestamp = datetime.now(UTC)
    if isinstance(timestamp, datetime):
        timestamp = timestamp.isoformat(timespec="microseconds")
    row = dict.fromkeys(REVIEW_COLUMNS, "")
    row.update(
        doc_id=doc_id,
        start=start,
        end=end,
        text_hash=text_hash(text),
        decision=decision,
        note=_CONTROL.sub(" ", note),
        reviewer=_CONTROL.sub(" ", reviewer),
        timestamp=timestamp,
    )
    if statement is not None:
        row.update(zip(_KEY, (str(v) for v in statement), strict=True))
    if correction is not None:
        row.update(zip(_NEW, (str(v) for v in correction), strict=True))
    return row


def _keys(value, name: str) -> tuple[str, ...] | None:
    """``(party, issue, option, polarity)`` as four str (None stays None)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        values = None
    else:
        values = tuple(value)
    if values is None or len(values) != len(_KEY):
        raise ArgumentError(
            f"{name} must be the four keys (party, issue, option, polarity), "
            f"not {_check.shown(value)}",
            fix="pass a tuple such as ('A', 'land', 'keep', 'support')",
        )
    return tuple(str(v) for v in values)


def _decisions(value, name: str, what: str, fix: str) -> list[Mapping]:
    """``value`` as a list of decision rows (dicts such as :func:`new_decision` makes)."""
    if isinstance(value, (str, bytes, Mapping, pd.DataFrame)) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"{name} must be {what}, not {_check.shown(value)}",
            fix="wrap the one decision in a list: [decision]"
            if isinstance(value, Mapping)
            else fix,
        )
    rows = list(value)
    for n, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ArgumentError(
                f"{name}[{n}] must be a decision (a dict), not {_check.shown(row)}",
                fix="make each decision with toolkit.new_decision(...)",
            )
    return rows


def load_reviews(path: str | Path, codebook: Codebook, *, missing_ok: bool = False) -> pd.DataFrame:
    """Read and check a reviews CSV (see the module docstring for its columns).

    Returns one row per decision with the file's columns, ``line`` (where the row is in the
    file) and ``when`` (the timestamp in UTC). A missing file is an error, or no decisions
    with ``missing_ok``. Raises :class:`~toolkit.errors.ReviewError` naming the file and line
    of the first bad row: an unknown column, a party or option the codebook lacks, an unknown
    decision word, a bad timestamp.
    """
    path = Path(_check.path(path, "path"))
    codebook = _check.codebook(codebook)
    if missing_ok and not path.exists():
        return _frame([], str(path))
    text = read_text(path, REVIEWS)
    return parse_reviews(text, codebook, source=str(path))


def parse_reviews(text: str, codebook: Codebook, *, source: str = "<reviews>") -> pd.DataFrame:
    """Check reviews CSV text; see :func:`load_reviews`."""
    rows: list[dict] = []
    header: list[str] | None = None
    for line, values in csv_records(text, source, ReviewError):
        if any(v.strip() for v in values):
            if header is None:
                header = _check_header([v.strip() for v in values], source, line)
            else:
                if len(values) != len(header):
                    raise ReviewError(
                        f"expected {len(header)} fields, found {len(values)}",
                        path=source,
                        line=line,
                        fix="check for a missing or extra comma; a line cut short by a crash "
                        "can be deleted (it holds one decision)",
                    )
                row = {h: _unescape(v) for h, v in zip(header, values, strict=True)}
                rows.append(_checked(row, codebook, source, line))
    return _frame(rows, source)


def _check_header(header: list[str], source: str, line: int) -> list[str]:
    unknown = [h for h in header if h not in REVIEW_COLUMNS]
    if unknown:
        raise ReviewError(
            f"unknown column(s) {unknown}",
            path=source,
            line=line,
            fix=f"the columns of a reviews file are {','.join(REVIEW_COLUMNS)}",
        )
    missing = [c for c in REVIEW_COLUMNS if c not in header]
    if missing:
        raise ReviewError(
            f"missing column(s) {missing}",
            path=source,
            line=line,
            fix=f"the header must name {','.join(REVIEW_COLUMNS)}",
        )
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        raise ReviewError(
            f"column {doubled[0]!r} appears twice in the header",
            path=source,
            line=line,
            fix="keep one of the two columns",
        )
    return header


def _checked(row: Mapping, codebook: Codebook, source: str, line: int | None) -> dict:
    """``row`` with its values stripped and typed, or a :class:`ReviewError` naming the fault."""

    def bad(message: str, fix: str) -> ReviewError:
        if line is None:
            return ReviewError(message, path=source, location="new decision", fix=fix)
        return ReviewError(message, path=source, line=line, fix=fix)

    row = {c: str(row.get(c, "")).strip() for c in REVIEW_COLUMNS}
    decision = row["decision"]
    if decision not in DECISIONS:
        raise bad(f"unknown decision {decision!r}", f"use one of {', '.join(DECISIONS)}")
    if not row["doc_id"]:
        raise bad("empty doc_id", "give the document id (its front-matter id or file stem)")
    for col in ("start", "end"):
        if not _INT.match(row[col]):
            raise bad(
                f"{col} must be a whole number, not {row[col]!r}", "write the offset, e.g. 120"
            )
    start, end = int(row["start"]), int(row["end"])
    if end < start:
        raise bad(f"end ({end}) is before start ({start})", "write the sentence's offsets")
    if not _HASH.match(row["text_hash"]):
        raise bad(
            f"text_hash must be 16 hex digits, not {row['text_hash']!r}",
            "copy it from the row the toolkit wrote (it identifies the sentence)",
        )
    if decision in _STATEMENT_DECISIONS:
        _check_tuple(row, _KEY, codebook, bad)
    if decision == "correct":
        _check_tuple(row, _NEW, codebook, bad)
    for col in (_NEW if decision != "correct" else ()) + (
        _KEY if decision in _DOCUMENT_DECISIONS else ()
    ):
        if row[col]:
            raise bad(
                f"{col} is set on a {decision} decision",
                f"leave {col} empty: it is only for "
                + ("correct decisions" if col in _NEW else "decisions on a statement"),
            )
    try:
        when = datetime.fromisoformat(row["timestamp"])
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise bad(
            f"bad timestamp {row['timestamp']!r}",
            "write ISO 8601 with a time zone, e.g. 2026-01-05T14:03:00+00:00",
        )
    return {**row, "start": start, "end": end, "line": line or 0, "when": when.astimezone(UTC)}


def _check_tuple(row: dict, columns: Sequence[str], codebook: Codebook, bad) -> None:
    party, issue, option, polarity = (row[c] for c in columns)
    if party not in codebook.party_keys:
        raise bad(f"unknown {columns[0]} {party!r}", f"use one of {list(codebook.party_keys)}")
    if issue not in codebook.issue_keys:
        raise bad(f"unknown {columns[1]} {issue!r}", f"use one of {list(codebook.issue_keys)}")
    options = codebook.issue(issue).option_keys
    if option not in options:
        raise bad(
            f"unknown {columns[2]} {option!r} for issue {issue!r}", f"use one of {list(options)}"
        )
    if polarity not in ("support", "oppose"):
        raise bad(f"unknown {columns[3]} {polarity!r}", "use support or oppose")


def _frame(rows: list[dict], source: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*REVIEW_COLUMNS, "line", "when"])
    frame = frame.astype({"start": np.int64, "end": np.int64, "line": np.int64})
    frame["when"] = pd.to_datetime(frame["when"], utc=True)
    frame.attrs["path"] = source
    return frame


def _escape(value) -> str:
    text = str(value)
    return "'" + text if _FORMULA.match(text) else text


def _unescape(value: str) -> str:
    return value[1:] if value.startswith("'") and _FORMULA.match(value) else value


def _csv_lines(rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([_escape(v) for v in row])
    return buffer.getvalue()


_HEADER = _csv_lines([REVIEW_COLUMNS])


def append_reviews(
    path: str | Path,
    decisions: Iterable[Mapping],
    codebook: Codebook,
    *,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Append ``decisions`` (rows made by :func:`new_decision`) to the reviews file ``path``.

    Every row is checked first: one bad row and nothing is written. The file is created with
    its header if it does not exist; an existing file must start with a reviews header, so a
    source text, a gold file, a statements table or the codebook is never appended to, nor
    any of ``inputs``. The append holds a lock (a ``.NAME.lock`` file beside it), goes out in
    one write and is flushed to disk before this returns.
    """
    from ._io import check_output

    path = _check.path(path, "path")
    decisions = _decisions(
        decisions,
        "decisions",
        "a list of decisions",
        "pass a list of rows made by toolkit.new_decision(...)",
    )
    codebook = _check.codebook(codebook)
    # an append replaces nothing, so an existing file need not be one the toolkit wrote
    # (force); it must start with a reviews header instead (_continue)
    out = check_output(path, _check.paths(inputs, "inputs"), force=True)
    rows = [_checked(d, codebook, str(path), None) for d in decisions]
    if not rows:
        return out
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(out.parent / f".{out.name}.lock", timeout=_LOCK_TIMEOUT):
            fd = os.open(out, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
            try:
                size = os.fstat(fd).st_size
                prefix, columns = _HEADER, list(REVIEW_COLUMNS)
                if size:
                    prefix, columns = _continue(out, size, str(path))
                payload = prefix + _csv_lines([[r[c] for c in columns] for r in rows])
                data = payload.encode("utf-8")
                while data:
                    data = data[os.write(fd, data) :]
                os.fsync(fd)
            finally:
                os.close(fd)
    except Timeout:
        raise ReviewError(
            f"another process has held the file's lock for {_LOCK_TIMEOUT:.0f} s",
            path=path,
            fix="try again; if no other notebook or command is writing, delete "
            f".{out.name}.lock beside it",
        ) from None
    except OSError as exc:
        raise ReviewError(
            f"cannot write: {exc.strerror or exc}",
            path=path,
            fix="check that the folder is writable and the disk is not full; "
            "the decisions already in the file are unchanged",
        ) from None
    return out


def _continue(path: Path, size: int, source: str) -> tuple[str, list[str]]:
    """What goes before new rows in an existing file (a newline if its last line lacks one),
    and the order of its columns. Refuses a file that does not start with a reviews header.
    """
    with path.open("rb") as fh:
        first = fh.read(4096).decode("utf-8", errors="replace").lstrip("\ufeff")
        fh.seek(size - 1)
        last = fh.read(1)
    header = next(csv.reader([first.split("\n", 1)[0]]), [])
    if sorted(h.strip() for h in header) != sorted(REVIEW_COLUMNS):
        raise ReviewError(
            "refusing to append: this file is not a reviews file (its first line is not the "
            "reviews header)",
            path=source,
            line=1,
            fix="name a new file for your decisions, e.g. my_reviews.csv",
        )
    return ("" if last == b"\n" else "\n"), [h.strip() for h in header]


# --------------------------------------------------------------------------- resolving


class _Doc:
    """A document's text, sentences and sentence hashes (the hashes made on first use)."""

    def __init__(self, doc_id: str, text: str, date) -> None:
        self.doc_id, self.text, self.date = doc_id, text, date
        self.sentences = split_sentences(text)
        self._hashes: dict[str, list[int]] | None = None

    def find(self, digest: str, start: int) -> int | None:
        """The index of the sentence with hash ``digest`` nearest ``start``, or None."""
        if self._hashes is None:
            self._hashes = {}
            for i, s in enumerate(self.sentences):
                self._hashes.setdefault(text_hash(self.text[s.start : s.end]), []).append(i)
        found = self._hashes.get(digest)
        if not found:
            return None
        return min(found, key=lambda i: (abs(self.sentences[i].start - start), i))


def _docs(documents: pd.DataFrame) -> dict[str, _Doc]:
    return {
        str(d.doc_id): _Doc(str(d.doc_id), d.text if isinstance(d.text, str) else "", d.date)
        for d in documents.itertuples(index=False)
    }


def _arguments(
    statements: pd.DataFrame | None, reviews, documents: pd.DataFrame, codebook: Codebook
) -> tuple[pd.DataFrame, pd.DataFrame, Codebook]:
    """The checked ``reviews`` (as a table), ``documents`` and ``codebook``; ``statements``
    (unless None) must be the extractor's statements, not reviewed ones."""
    if statements is not None:
        _check.frame(statements, "statements", STATEMENT_COLUMNS)
        if "source" in statements.columns:
            raise ArgumentError(
                "statements already went through apply_reviews (they have a source column)",
                fix=f"pass the extractor's statements, the table {_check.MADE_BY['statements']} "
                "returns",
            )
    documents = _check.frame(documents, "documents", DOCUMENT_COLUMNS)
    codebook = _check.codebook(codebook)
    return _as_reviews(reviews, codebook), documents, codebook


def _as_reviews(reviews, codebook: Codebook) -> pd.DataFrame:
    if reviews is None:
        return _frame([], "<no reviews>")
    if isinstance(reviews, str | os.PathLike):
        return load_reviews(_check.path(reviews, "reviews"), codebook)
    if isinstance(reviews, pd.DataFrame):
        return _check.frame(reviews, "reviews", [*REVIEW_COLUMNS, "line", "when"])
    rows = _decisions(
        reviews,
        "reviews",
        "a path, a reviews table or a list of decisions",
        "pass the path of a reviews CSV, toolkit.load_reviews(path, codebook), a list of "
        "rows made by toolkit.new_decision(...), or None",
    )
    rows = [_checked(r, codebook, "<decisions>", n) for n, r in enumerate(rows, 1)]
    return _frame(rows, "<decisions>")


def _resolved(reviews: pd.DataFrame, docs: dict[str, _Doc]) -> pd.DataFrame:
    """``reviews`` with ``status`` (applied, stale, absent) and the ``sentence`` found."""
    status, sentence = [], []
    columns = (reviews[c].tolist() for c in ("doc_id", "decision", "text_hash", "start"))
    for doc_id, decision, digest, start in zip(*columns, strict=True):
        doc = docs.get(str(doc_id))
        if doc is None:
            status.append("absent")
            sentence.append(-1)
        elif decision in _DOCUMENT_DECISIONS:
            status.append("applied" if text_hash(doc.text) == digest else "stale")
            sentence.append(-1)
        else:
            index = doc.find(digest, start)
            status.append("stale" if index is None else "applied")
            sentence.append(-1 if index is None else index)
    out = reviews.assign(status=status, sentence=np.asarray(sentence, dtype=np.int64))
    # the time order decisions are replayed in; file order breaks ties
    return out.sort_values(["when", "line"], kind="stable")


def stale_reviews(reviews, documents: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """The decisions whose sentence (or, for ``complete``, whose text) is no longer in their
    document. They are kept in the file and never applied; this lists them, in file order.

    ``reviews`` is :func:`load_reviews` output or a path.
    """
    reviews, documents, codebook = _arguments(None, reviews, documents, codebook)
    resolved = _resolved(reviews, _docs(documents))
    stale = resolved[resolved["status"] == "stale"].sort_values("line", kind="stable")
    return stale[[*REVIEW_COLUMNS, "line"]].reset_index(drop=True)


# --------------------------------------------------------------------------- applying


def review_table(
    statements: pd.DataFrame, reviews, documents: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """The statements with every decision replayed, rejected ones kept with source ``rejected``.

    This is what the review panel shows (a rejected statement stays visible, so it can be
    accepted again); :func:`apply_reviews` is this without the rejected rows.
    """
    reviews, documents, codebook = _arguments(statements, reviews, documents, codebook)
    docs = _docs(documents)
    resolved = _resolved(reviews, docs)
    events = resolved[
        (resolved["status"] == "applied") & resolved["decision"].isin(_STATEMENT_DECISIONS)
    ]
    frame = statements.assign(source="machine", reviewer="", note="")
    if events.empty:
        return _typed(frame, codebook, list(frame.columns))
    doc_ids = frame["doc_id"].astype(str).to_numpy()
    starts = frame["start"].to_numpy()
    touched: set[tuple[str, int]] = set()
    rebuilt: list[dict] = []
    for (doc_id, index), group in events.groupby(["doc_id", "sentence"], sort=False):
        doc = docs[str(doc_id)]
        sent = doc.sentences[int(index)]
        touched.add((str(doc_id), sent.start))
        mask = (doc_ids == str(doc_id)) & (starts == sent.start)
        machine = frame[mask].to_dict("records")
        rebuilt += _replay(machine, group, doc, int(index), codebook, list(frame.columns))
    keep = np.fromiter(
        ((d, s) not in touched for d, s in zip(doc_ids, starts, strict=True)),
        dtype=bool,
        count=len(frame),
    )
    columns = list(frame.columns)
    out = pd.concat([frame[keep], pd.DataFrame(rebuilt, columns=columns)], ignore_index=True)
    return _typed(out, codebook, columns)


def _replay(
    machine: list[dict],
    events: pd.DataFrame,
    doc: _Doc,
    index: int,
    codebook: Codebook,
    columns: list[str],
) -> list[dict]:
    """The statements of one sentence after its decisions, in time order."""
    current = {tuple(str(r[c]) for c in _KEY): r for r in machine}
    rejected: dict[tuple, dict] = {}
    for e in events.to_dict("records"):
        key = tuple(e[c] for c in _KEY)
        stamp = {"reviewer": e["reviewer"], "note": e["note"]}
        decision = e["decision"]
        if decision == "reject":
            if key in current:
                rejected[key] = {**current.pop(key), **stamp, "source": "rejected"}
            continue
        base = current.pop(key, None) or rejected.pop(key, None)
        if decision == "correct":
            new = tuple(e[c] for c in _NEW)
            rejected.pop(new, None)
            current[new] = (
                _human(new, base, doc, index, codebook, columns) | stamp | {"source": "corrected"}
            )
            continue
        row = base if base is not None else _human(key, None, doc, index, codebook, columns)
        source = _SOURCE_OF[decision]
        if decision == "add" and base is not None and base["source"] == "machine":
            source = "confirmed"  # adding what the machine found confirms it
        current[key] = {**row, **stamp, "source": source}
    return [*current.values(), *rejected.values()]


def _human(
    key: tuple, base: dict | None, doc: _Doc, index: int, codebook: Codebook, columns: list[str]
) -> dict:
    """A statement a person made: the sentence as its quote; cue and actor kept from ``base``
    (the statement corrected) where the correction left the option or the party alone."""
    party, issue, option, polarity = key
    sent = doc.sentences[index]
    row = dict.fromkeys(columns) if base is None else dict(base)
    same_option = base is not None and (str(base["issue"]), str(base["option"])) == (issue, option)
    same_party = base is not None and str(base["party"]) == party
    position = codebook.position(issue, option)
    row.update(
        doc_id=doc.doc_id,
        date=doc.date,
        sentence=index,
        party=party,
        issue=issue,
        option=option,
        polarity=polarity,
        position=np.nan if position is None else position,
        quote=doc.text[sent.start : sent.end],
        start=sent.start,
        end=sent.end,
        actor=row["actor"] if same_party else "",
        cue=row["cue"] if same_option else "",
        condition=row["condition"] if same_option else "",
    )
    if "rule" in row:
        row["rule"] = "review"
    if "cue_start" in row and not same_option:
        row["cue_start"] = row["cue_end"] = sent.start
    return row


def _typed(frame: pd.DataFrame, codebook: Codebook, columns: list[str]) -> pd.DataFrame:
    frame = frame[columns].copy()
    frame["date"] = pd.to_datetime(frame["date"])
    frame["party"] = pd.Categorical(frame["party"].astype(object), list(codebook.party_keys))
    frame["issue"] = pd.Categorical(frame["issue"].astype(object), list(codebook.issue_keys))
    options = list(dict.fromkeys(o.key for i in codebook.issues for o in i.options))
    frame["option"] = pd.Categorical(frame["option"].astype(object), options)
    frame["polarity"] = pd.Categorical(frame["polarity"].astype(object), ["support", "oppose"])
    frame["position"] = frame["position"].astype(float)
    for col in ("sentence", "start", "end", "cue_start", "cue_end"):
        if col in frame.columns:
            frame[col] = frame[col].astype(np.int64)
    frame["source"] = pd.Categorical(frame["source"], [*SOURCES, "rejected"])
    order = [c for c in ("doc_id", "sentence", "cue_start", *_KEY) if c in frame.columns]
    return frame.sort_values(order, kind="stable").reset_index(drop=True)


def apply_reviews(
    statements: pd.DataFrame, reviews, documents: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """The reviewed statements: the analyst's decisions applied to the extractor's statements.

    Parameters
    ----------
    statements:
        :func:`~toolkit.extract` output for ``documents``.
    reviews:
        :func:`load_reviews` output, the path of a reviews CSV, a list of rows made by
        :func:`new_decision`, or None (no decisions).
    documents:
        The documents the statements come from (decisions find their sentences in them).
    codebook:
        Gives the positions of corrected and added statements.

    Returns
    -------
    The statements with rejected rows removed, corrected rows carrying the analyst's values,
    added rows quoting their sentence, and three more columns: ``source`` (machine,
    confirmed, corrected or added), ``reviewer`` and ``note``. :func:`~toolkit.positions`,
    :func:`~toolkit.side_by_side`, :func:`~toolkit.gaps`, :func:`~toolkit.deal_model` and
    :func:`~toolkit.changes` take it as they take the extractor's output.

    Stale decisions (their sentence has gone from the text) are not applied; a
    :class:`StaleReviewWarning` says how many, and :func:`stale_reviews` lists them.

    Examples
    --------
    >>> from toolkit import documents_from_texts, extract, load_codebook
    >>> codebook = load_codebook()
    >>> docs = documents_from_texts({"d": "Moscow rejected a ceasefire."})
    >>> statements = extract(docs, codebook)
    >>> row = statements.iloc[0]
    >>> decision = new_decision("correct", "d", row.start, row.end, row.quote,
    ...     ("RU", "ceasefire", "ceasefire_first", "oppose"),
    ...     ("RU", "ceasefire", "no_ceasefire_before_deal", "support"),
    ...     timestamp="2026-01-05T14:03:00+00:00")
    >>> apply_reviews(statements, [decision], docs, codebook)[["party", "option", "source"]]
      party                    option     source
    0    RU  no_ceasefire_before_deal  corrected
    """
    reviews, documents, codebook = _arguments(statements, reviews, documents, codebook)
    table = review_table(statements, reviews, documents, codebook)
    stale = _resolved(reviews, _docs(documents)).query("status == 'stale'")
    if len(stale):
        first = stale.sort_values("line").iloc[0]
        warnings.warn(
            StaleReviewWarning(
                f"{_printable(reviews.attrs.get('path', '<reviews>'))}: {len(stale)} decision(s) "
                f"are stale and not applied: their sentence is no longer in the document "
                f"(first: line {first['line']}, {first['decision']} in "
                f"{_printable(first['doc_id'])}) — they stay in the file; "
                "`python -m toolkit reviews status` lists them"
            ),
            stacklevel=2,
        )
    out = table[table["source"] != "rejected"].reset_index(drop=True)
    out["source"] = out["source"].cat.remove_unused_categories().cat.set_categories(SOURCES)
    return out


def _printable(value) -> str:
    return _CONTROL.sub("?", str(value))


# --------------------------------------------------------------------------- progress, gold


def review_progress(
    statements: pd.DataFrame,
    reviews,
    documents: pd.DataFrame,
    codebook: Codebook,
    *,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """How far the review has come, per document: ``doc_id, statements, reviewed, confirmed,
    corrected, added, rejected, complete``.

    ``statements`` counts every statement shown for review (the machine's, rejected and added
    ones included); ``reviewed`` those a person decided on; ``complete`` whether the latest
    ``complete``/``reopen`` decision on the document (for its current text) is ``complete``.
    ``table``, when the caller has it, is :func:`review_table` of the same arguments.
    """
    reviews, documents, codebook = _arguments(statements, reviews, documents, codebook)
    if table is None:
        table = review_table(statements, reviews, documents, codebook)
    else:
        _check.frame(table, "table", ["doc_id", "source"], kind="review table")
    resolved = _resolved(reviews, _docs(documents))
    marks = resolved[
        (resolved["status"] == "applied") & resolved["decision"].isin(_DOCUMENT_DECISIONS)
    ]
    complete = marks.groupby("doc_id", sort=False)["decision"].last().eq("complete")
    counts = pd.crosstab(table["doc_id"].astype(str), table["source"].astype(str))
    rows = []
    for doc_id in documents["doc_id"].astype(str):
        c = counts.loc[doc_id] if doc_id in counts.index else pd.Series(dtype=int)
        n = {k: int(c.get(k, 0)) for k in (*SOURCES, "rejected")}
        rows.append(
            {
                "doc_id": doc_id,
                "statements": sum(n.values()),
                "reviewed": sum(n.values()) - n["machine"],
                "confirmed": n["confirmed"],
                "corrected": n["corrected"],
                "added": n["added"],
                "rejected": n["rejected"],
                "complete": bool(complete.get(doc_id, False)),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "doc_id",
            "statements",
            "reviewed",
            "confirmed",
            "corrected",
            "added",
            "rejected",
            "complete",
        ],
    )


def reviews_to_gold(
    statements: pd.DataFrame, reviews, documents: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """A gold table (``doc_id, party, issue, option, polarity``) from the documents marked
    complete: the distinct tuples of their reviewed statements, sorted.

    Scoring the extractor against it with :func:`~toolkit.evaluate` measures it on the
    analyst's own corpus.
    """
    reviews, documents, codebook = _arguments(statements, reviews, documents, codebook)
    progress = review_progress(statements, reviews, documents, codebook)
    done = set(progress.loc[progress["complete"], "doc_id"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StaleReviewWarning)  # review_progress counts them
        reviewed = apply_reviews(statements, reviews, documents, codebook)
    gold = reviewed[reviewed["doc_id"].astype(str).isin(done)][list(TUPLE_COLUMNS)]
    gold = gold.astype(str).drop_duplicates().sort_values(list(TUPLE_COLUMNS), kind="stable")
    return gold.reset_index(drop=True)
