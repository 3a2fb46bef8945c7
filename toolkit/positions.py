"""Positions: each party's current stance on each issue, from its statements.

:func:`positions` turns the statements table into one row per (party, issue) for every party
and issue of the codebook; :func:`side_by_side` makes the issues x parties view;
:func:`evidence` lists the statements behind a cell; :func:`changes` says who moved between
two dates.

The rule that picks a party's current option on an issue
---------------------------------------------------------
1. Only statements dated on or before ``as_of`` count (when ``as_of`` is given, undated
   statements are left out, since they cannot be placed in time).
2. On an issue with exactly two options, opposing one is supporting the other, as the coding
   scheme counts it (``oppose foreign_troops_allowed`` = ``support no_foreign_troops``).
3. No statement at all: status ``not stated``.
4. Only opposition (e.g. "Kyiv rejects ceding Donbas"): status ``opposes only``; the row has no
   option and no position — opposing the option at 100 says where the party is *not*, not
   where it is. Its label says what it is against.
5. Otherwise the current option is one the party supported on the latest date it supported
   anything on this issue (undated statements count as older than dated ones). Among options
   supported on that date, the one with the most supporting statements that day wins, then
   the one with most supporting statements overall, then the first in codebook order.
6. The row is ``contested`` when, on that latest date, the party also supported another option
   or opposed the chosen one, or when an undated statement does so (it cannot be placed before
   or after the latest date); otherwise it is ``stated``.
7. The evidence shown is the chosen option's latest supporting statement (the first in
   document order among equals); all statements stay reachable through :func:`evidence`.
8. ``review`` says whether a person checked the statements behind the cell (the ``source``
   column that :func:`toolkit.apply_reviews` adds): ``reviewed`` when every one was
   confirmed, corrected or added by the analyst, ``partly reviewed`` when some were,
   ``machine only`` when none was (always so for statements straight from the extractor).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from . import _check
from .codebook import Codebook
from .errors import ArgumentError, UnknownKeyError
from .schema import POSITION_COLUMNS

__all__ = ["changes", "evidence", "positions", "side_by_side"]

STATUSES = ("stated", "contested", "opposes only", "not stated")


def _normalised(statements: pd.DataFrame, codebook: Codebook, as_of=None) -> pd.DataFrame:
    """Statements as plain strings, cut at ``as_of``, two-option issues normalised."""
    frame = statements.copy()
    for col in ("party", "issue", "option", "polarity", "doc_id"):
        frame[col] = frame[col].astype(object).astype(str)
    frame["date"] = pd.to_datetime(frame["date"])
    if as_of is not None:
        cut = pd.Timestamp(as_of)
        frame = frame[frame["date"].notna() & (frame["date"] <= cut)]
    options, polarity = frame["option"].to_numpy(copy=True), frame["polarity"].to_numpy(copy=True)
    issues = frame["issue"].to_numpy()
    for i in np.flatnonzero(polarity == "oppose"):
        other = codebook.other_option(issues[i], options[i])
        if other is not None:
            options[i], polarity[i] = other, "support"
    frame["option"], frame["polarity"] = options, polarity
    return frame


def positions(statements: pd.DataFrame, codebook: Codebook, as_of=None) -> pd.DataFrame:
    """One row per (party, issue) of the codebook: the party's current stance.

    See the module docstring for the rule. Columns: :data:`~toolkit.schema.POSITION_COLUMNS`
    (``evidence`` is the number of statements behind the cell; :func:`evidence` lists them).

    Examples
    --------
    >>> from toolkit import documents_from_texts, extract, load_codebook
    >>> codebook = load_codebook()
    >>> text = "Kyiv rejected any handover of the Donetsk region. Moscow demands all of Donbas."
    >>> statements = extract(documents_from_texts({"d": text}), codebook)
    >>> table = positions(statements, codebook)
    >>> table.query("issue == 'territory'")[["party", "status", "label"]]  # doctest: +NORMALIZE_WHITESPACE
       party        status                label
    0     UA  opposes only  against Cede Donbas
    14    RU        stated          Cede Donbas
    28    US    not stated           not stated
    42    EU    not stated           not stated
    """
    columns = [
        "party",
        "issue",
        "option",
        "polarity",
        "date",
        "doc_id",
        "quote",
        "start",
        "end",
        "cue",
    ]
    _check.frame(statements, "statements", columns)
    codebook = _check.codebook(codebook)
    frame = _normalised(statements, codebook, _check.date(as_of, "as_of"))
    if "source" in frame.columns:  # reviewed statements (toolkit.apply_reviews)
        columns.append("source")
    groups: dict[tuple[str, str], list[dict]] = {}
    for order, record in enumerate(frame[columns].to_dict("records")):
        record["order"] = order
        record["date"] = None if pd.isna(record["date"]) else record["date"]
        groups.setdefault((record["party"], record["issue"]), []).append(record)
    rows = [
        _row(party, issue, groups.get((party, issue.key), []))
        for party in codebook.party_keys
        for issue in codebook.issues
    ]
    out = pd.DataFrame(rows, columns=list(POSITION_COLUMNS))
    out["party"] = pd.Categorical(out["party"], categories=list(codebook.party_keys), ordered=True)
    out["issue"] = pd.Categorical(out["issue"], categories=list(codebook.issue_keys), ordered=True)
    out["status"] = pd.Categorical(out["status"], categories=list(STATUSES))
    out["position"] = out["position"].astype(float)
    for col in ("n_statements", "n_support", "n_oppose", "evidence", "start", "end"):
        out[col] = out[col].astype(np.int64)
    for col in ("first_date", "last_date"):
        out[col] = pd.to_datetime(out[col])
    return out


def _row(party: str, issue, records: list[dict]) -> dict:
    row = {
        "party": party,
        "issue": issue.key,
        "status": "not stated",
        "option": None,
        "polarity": None,
        "position": np.nan,
        "label": "not stated",
        "n_statements": 0,
        "n_support": 0,
        "n_oppose": 0,
        "first_date": pd.NaT,
        "last_date": pd.NaT,
        "doc_id": None,
        "quote": None,
        "start": -1,
        "end": -1,
        "cue": None,
        "opposes": "",
        "evidence": 0,
        "review": "",
    }
    if not records:
        return row
    checked = sum(str(r.get("source", "machine")) != "machine" for r in records)
    row["review"] = (
        "reviewed" if checked == len(records) else "partly reviewed" if checked else "machine only"
    )
    order = {key: i for i, key in enumerate(issue.option_keys)}
    support = [r for r in records if r["polarity"] == "support"]
    oppose = [r for r in records if r["polarity"] == "oppose"]
    opposes = sorted({r["option"] for r in oppose}, key=lambda o: order.get(o, len(order)))
    dates = [r["date"] for r in records if r["date"] is not None]
    row.update(
        n_statements=len(records),
        n_support=len(support),
        n_oppose=len(oppose),
        first_date=min(dates) if dates else pd.NaT,
        last_date=max(dates) if dates else pd.NaT,
        opposes=",".join(opposes),
        evidence=len(records),
    )
    if not support:
        labels = " and ".join(issue.option(o).label for o in opposes)
        row.update(status="opposes only", polarity="oppose", label=f"against {labels}")
        return _with_evidence(row, _latest_first(oppose))
    support_dates = [r["date"] for r in support if r["date"] is not None]
    latest = max(support_dates) if support_dates else None
    day_counts: dict[str, int] = {}
    all_counts: dict[str, int] = {}
    for r in support:
        all_counts[r["option"]] = all_counts.get(r["option"], 0) + 1
        if r["date"] == latest:
            day_counts[r["option"]] = day_counts.get(r["option"], 0) + 1
    chosen = min(
        day_counts, key=lambda o: (-day_counts[o], -all_counts[o], order.get(o, len(order)))
    )
    opposed_that_day = {r["option"] for r in oppose if r["date"] == latest}
    # an undated statement cannot be placed before or after the latest: if it disagrees,
    # the position is in doubt
    undated_against = latest is not None and any(
        r["date"] is None and (r["option"] != chosen) == (r["polarity"] == "support")
        for r in records
    )
    spec = issue.option(chosen)
    contested = len(day_counts) > 1 or chosen in opposed_that_day or undated_against
    row.update(
        status="contested" if contested else "stated",
        option=chosen,
        polarity="support",
        label=spec.label,
        position=np.nan if spec.position is None else spec.position,
    )
    return _with_evidence(row, _latest_first([r for r in support if r["option"] == chosen]))


def _latest_first(records: list[dict]) -> dict:
    """The latest-dated record (undated ones count as oldest), first in document order."""
    return min(
        records,
        key=lambda r: (
            r["date"] is None,
            -(r["date"].value if r["date"] is not None else 0),
            r["order"],
        ),
    )


def _with_evidence(row: dict, best: dict) -> dict:
    row.update(
        doc_id=best["doc_id"],
        quote=best["quote"],
        start=int(best["start"]),
        end=int(best["end"]),
        cue=best["cue"],
    )
    return row


def evidence(statements: pd.DataFrame, party: str, issue: str, as_of=None) -> pd.DataFrame:
    """Every statement behind one (party, issue) cell, by date, document and offset.

    Two-option issues are shown as found in the text (not normalised).
    """
    _check.frame(statements, "statements", ["party", "issue", "date", "doc_id", "start"])
    party, issue = _check.text(party, "party"), _check.text(issue, "issue")
    as_of = _check.date(as_of, "as_of")
    frame = statements.copy()
    frame = frame[(frame["party"].astype(str) == party) & (frame["issue"].astype(str) == issue)]
    if as_of is not None:
        dates = pd.to_datetime(frame["date"])
        frame = frame[dates.notna() & (dates <= pd.Timestamp(as_of))]
    return frame.sort_values(["date", "doc_id", "start"], kind="stable").reset_index(drop=True)


def side_by_side(
    positions: pd.DataFrame,
    parties: Sequence[str] | None = None,
    issues: Sequence[str] | None = None,
    value: str = "label",
) -> pd.DataFrame:
    """Issues as rows, the chosen parties as columns (in the caller's order), cells = ``value``.

    ``value`` is any column of :func:`positions` (``label``, ``position``, ``quote``,
    ``status`` …). Unknown party or issue keys raise ``KeyError`` naming the allowed ones.

    >>> from toolkit import documents_from_texts, extract, load_codebook, positions
    >>> codebook = load_codebook()
    >>> text = "Kyiv rejected any handover of the Donetsk region. Moscow demands all of Donbas."
    >>> table = positions(extract(documents_from_texts({"d": text}), codebook), codebook)
    >>> side_by_side(table, parties=["RU", "UA"], issues=["territory"])  # doctest: +NORMALIZE_WHITESPACE
    party               RU                   UA
    issue
    territory  Cede Donbas  against Cede Donbas
    """
    _check.frame(positions, "positions", ["party", "issue"])
    known_parties = list(positions["party"].astype(str).unique())
    known_issues = list(positions["issue"].astype(str).unique())
    if parties is None:
        parties = known_parties
    if issues is None:
        issues = known_issues
    parties = _check.keys(parties, "parties", known_parties, "party", "parties")
    issues = _check.keys(issues, "issues", known_issues, "issue", "issues")
    if not isinstance(value, str) or value not in positions.columns:
        raise UnknownKeyError(
            f"unknown value {value!r}; choose a column of positions: {list(positions.columns)}",
            fix="e.g. value='label', 'position' or 'status'",
        )
    wide = positions.assign(
        party=positions["party"].astype(str), issue=positions["issue"].astype(str)
    ).pivot(index="issue", columns="party", values=value)
    wide = wide.reindex(index=issues, columns=parties)
    wide.index.name, wide.columns.name = "issue", "party"
    return wide


def changes(statements: pd.DataFrame, codebook: Codebook, since, until=None) -> pd.DataFrame:
    """Who moved on which issue between ``since`` and ``until`` (default: the latest source).

    Compares ``positions(as_of=since)`` with ``positions(as_of=until)``; one row per (party,
    issue) whose option or status changed, with the evidence for both ends.
    """
    codebook = _check.codebook(codebook)
    _check.frame(statements, "statements", ["date"])
    if since is None:
        raise ArgumentError(
            "since must be a date, not None", fix="give a date such as '2025-12-03'"
        )
    since, until = _check.date(since, "since"), _check.date(until, "until")
    if until is not None and until < since:
        raise ArgumentError(
            f"until ({until.date()}) is before since ({since.date()})", fix="swap them"
        )
    if until is None:
        dates = pd.to_datetime(statements["date"]).dropna()
        until = dates.max() if len(dates) else pd.Timestamp(since)
    before = positions(statements, codebook, as_of=since)
    after = positions(statements, codebook, as_of=until)
    moved = (before["option"].fillna("") != after["option"].fillna("")) | (
        before["status"].astype(str) != after["status"].astype(str)
    )
    out = pd.DataFrame(
        {
            "party": after["party"],
            "issue": after["issue"],
            "from_status": before["status"].astype(str),
            "from_option": before["option"],
            "from_label": before["label"],
            "from_position": before["position"],
            "to_status": after["status"].astype(str),
            "to_option": after["option"],
            "to_label": after["label"],
            "to_position": after["position"],
            "shift": after["position"] - before["position"],
            "from_quote": before["quote"],
            "from_doc_id": before["doc_id"],
            "to_quote": after["quote"],
            "to_doc_id": after["doc_id"],
        }
    )
    return out[moved.to_numpy()].reset_index(drop=True)
