"""Comparisons between parties: agreement, distances, and where a deal could land.

All functions take the :func:`toolkit.positions.positions` table and return DataFrames.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import _check
from .codebook import Codebook
from .errors import ArgumentError, UnknownKeyError

__all__ = ["agreement", "deal_model", "gap_matrix", "gaps"]

_HAS_POSITION = ("stated", "contested")
_CELL_COLUMNS = ("party", "issue", "status", "option", "position", "opposes")


def _positions(positions, codebook) -> tuple[pd.DataFrame, Codebook]:
    """The arguments every comparison takes, checked: a positions table for this codebook."""
    codebook = _check.codebook(codebook)
    _check.frame(positions, "positions", _CELL_COLUMNS)
    _check.cells(positions, codebook)
    return positions, codebook


def _cells(positions: pd.DataFrame) -> dict[tuple[str, str], dict]:
    frame = positions.assign(
        party=positions["party"].astype(str),
        issue=positions["issue"].astype(str),
        status=positions["status"].astype(str),
    )
    return {(r["party"], r["issue"]): r for r in frame.to_dict("records")}


def _relation(a: dict, b: dict) -> str:
    """agree | opposed | apart | unknown for two cells of one issue."""
    a_opposes = set(filter(None, (a.get("opposes") or "").split(",")))
    b_opposes = set(filter(None, (b.get("opposes") or "").split(",")))
    a_has, b_has = a["status"] in _HAS_POSITION, b["status"] in _HAS_POSITION
    if (a_has and a["option"] in b_opposes) or (b_has and b["option"] in a_opposes):
        return "opposed"
    if a_has and b_has:
        return "agree" if a["option"] == b["option"] else "apart"
    if a["status"] == b["status"] == "opposes only" and a_opposes & b_opposes:
        return "agree"
    return "unknown"


def gaps(positions: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Every pair of parties on every issue: their relation and distance.

    One row per (issue, party_a, party_b) with ``party_a`` before ``party_b`` in codebook
    order. ``relation`` is ``agree`` (same option), ``opposed`` (one supports what the other
    opposes), ``apart`` (different options) or ``unknown`` (a position is missing).
    ``distance`` is |position_a - position_b| on the 0–100 scale when both have one (ordinal
    issues only); categorical issues are compared by option alone.

    Examples
    --------
    >>> from toolkit import documents_from_texts, extract, load_codebook, positions
    >>> cb = load_codebook()
    >>> text = "Kyiv wants an immediate ceasefire. Moscow insists there will be no truce until a full settlement is signed."
    >>> table = positions(extract(documents_from_texts({"d": text}), cb), cb)
    >>> g = gaps(table, cb)
    >>> g.loc[g["issue"] == "ceasefire", ["party_a", "party_b", "relation", "distance"]].head(1)
       party_a party_b relation  distance
    60      UA      RU    apart     100.0
    """
    positions, codebook = _positions(positions, codebook)
    cells = _cells(positions)
    keys = list(codebook.party_keys)
    rows = []
    for issue in codebook.issues:
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                ca, cb = cells[(a, issue.key)], cells[(b, issue.key)]
                distance = np.nan
                if issue.ordinal and not (pd.isna(ca["position"]) or pd.isna(cb["position"])):
                    distance = abs(float(ca["position"]) - float(cb["position"]))
                rows.append(
                    {
                        "issue": issue.key,
                        "party_a": a,
                        "party_b": b,
                        "relation": _relation(ca, cb),
                        "distance": distance,
                    }
                )
    out = pd.DataFrame(rows, columns=["issue", "party_a", "party_b", "relation", "distance"])
    out["issue"] = pd.Categorical(out["issue"], categories=list(codebook.issue_keys), ordered=True)
    for col in ("party_a", "party_b"):
        out[col] = pd.Categorical(out[col], categories=keys, ordered=True)
    out["relation"] = pd.Categorical(
        out["relation"], categories=["agree", "apart", "opposed", "unknown"]
    )
    out["distance"] = out["distance"].astype(float)
    return out


def gap_matrix(gaps: pd.DataFrame, value: str = "mean") -> pd.DataFrame:
    """Party x party matrix from :func:`gaps`: the ``mean`` distance over issues where both
    have a position (NaN where none), or the ``count`` of those issues. Symmetric; the
    diagonal is 0 (mean) or the number of issues either could share (count: NaN).

    Examples
    --------
    >>> from toolkit import documents_from_texts, extract, load_codebook, positions
    >>> cb = load_codebook()
    >>> text = "Kyiv wants an immediate ceasefire. Moscow insists there will be no truce until a full settlement is signed."
    >>> table = positions(extract(documents_from_texts({"d": text}), cb), cb)
    >>> gap_matrix(gaps(table, cb)).loc[["UA", "RU"], ["UA", "RU"]]  # doctest: +NORMALIZE_WHITESPACE
    party     UA     RU
    party
    UA       0.0  100.0
    RU     100.0    0.0
    """
    _check.frame(gaps, "gaps", ["party_a", "party_b", "distance"])
    if value not in ("mean", "count"):
        raise ArgumentError(
            f"value must be 'mean' or 'count', not {_check.shown(value)}",
            fix="value='mean' for the mean distance, 'count' for the issues both have",
        )
    keys = (
        list(gaps["party_a"].cat.categories)
        if hasattr(gaps["party_a"], "cat")
        else sorted(set(gaps["party_a"]) | set(gaps["party_b"]))
    )
    both = pd.concat(
        [
            gaps[["party_a", "party_b", "distance"]].astype({"party_a": str, "party_b": str}),
            gaps[["party_b", "party_a", "distance"]]
            .rename(columns={"party_b": "party_a", "party_a": "party_b"})
            .astype({"party_a": str, "party_b": str}),
        ]
    )
    grouped = both.groupby(["party_a", "party_b"])["distance"]
    stat = grouped.mean() if value == "mean" else grouped.count()
    matrix = stat.unstack().reindex(index=keys, columns=keys).astype(float)
    for k in keys:
        matrix.loc[k, k] = 0.0 if value == "mean" else np.nan
    matrix.index.name, matrix.columns.name = "party", "party"
    return matrix


def agreement(positions: pd.DataFrame, a: str, b: str, codebook: Codebook) -> pd.DataFrame:
    """Issue by issue, how parties ``a`` and ``b`` relate: labels, relation, distance, quotes.

    Examples
    --------
    >>> from toolkit import documents_from_texts, extract, load_codebook, positions
    >>> cb = load_codebook()
    >>> text = "Kyiv wants an immediate ceasefire. Moscow insists there will be no truce until a full settlement is signed."
    >>> table = positions(extract(documents_from_texts({"d": text}), cb), cb)
    >>> agreement(table, "UA", "RU", cb).loc[["ceasefire"], ["relation", "distance"]]  # doctest: +NORMALIZE_WHITESPACE
              relation  distance
    issue
    ceasefire    apart     100.0
    """
    positions, codebook = _positions(positions, codebook)
    _check.key(a, "a", codebook.party_keys, "party", "parties")
    _check.key(b, "b", codebook.party_keys, "party", "parties")
    cells = _cells(positions)
    rows = []
    for issue in codebook.issues:
        ca, cb = cells[(a, issue.key)], cells[(b, issue.key)]
        distance = np.nan
        if issue.ordinal and not (pd.isna(ca["position"]) or pd.isna(cb["position"])):
            distance = abs(float(ca["position"]) - float(cb["position"]))
        rows.append(
            {
                "issue": issue.key,
                f"label_{a}": ca["label"],
                f"label_{b}": cb["label"],
                "relation": _relation(ca, cb),
                "distance": distance,
                f"quote_{a}": ca["quote"],
                f"quote_{b}": cb["quote"],
            }
        )
    return pd.DataFrame(rows).set_index("issue")


def deal_model(
    positions: pd.DataFrame,
    codebook: Codebook,
    capability: Mapping[str, float] | None = None,
    salience: Mapping | None = None,
) -> pd.DataFrame:
    """Where a deal would land on each ordinal issue, by two classic models.

    - **Compromise model**: the mean of the parties' positions weighted by capability x
      salience (Stokman & van Oosten 1994; Achen 2006). In Thomson, Stokman, Achen & König
      (eds.), *The European Union Decides* (Cambridge University Press, 2006) it predicted EU
      legislative outcomes better than procedural and expected-utility models.
    - **Weighted median**: the smallest position at which the parties at or below it hold at
      least half of the total weight (Black's median-voter logic): no weighted majority
      prefers to move the outcome either way.

    Assumptions (override per call):

    - ``capability`` (``{party: weight}``) defaults to each party's ``capability`` in the
      codebook (1 unless set): equal power.
    - ``salience`` (``{party: s}`` or ``{(party, issue): s}``) defaults to the share of the
      party's statements that concern the issue: a party that talks about an issue more is
      taken to care about it more.
    - Only parties with a position (``stated`` or ``contested``) enter the model. A party that
      only opposes (``opposes only``: "against Russian control") has no place on the scale —
      opposing the option at 100 does not say where it stands — so it is **left out** of both
      predictions: its row has ``included`` False, no position and weight 0. Read the
      predictions as the outcome among the parties that stated a position. ``not stated``
      parties have no row. If every weight on an issue is zero, included parties count equally.

    Returns one row per (ordinal issue, party with a position or an ``opposes only`` stance)
    on the issues where some party has a position: ``issue, party, status, label, included,
    position, capability, salience, weight, compromise, weighted_median,
    distance_compromise, distance_median`` (the issue-level values repeated on each row).

    Examples
    --------
    >>> from toolkit import documents_from_texts, extract, load_codebook, positions
    >>> cb = load_codebook()
    >>> text = "Kyiv wants an immediate ceasefire. Moscow insists there will be no truce until a full settlement is signed."
    >>> table = positions(extract(documents_from_texts({"d": text}), cb), cb)
    >>> deal = deal_model(table, cb)
    >>> deal.loc[deal["issue"] == "ceasefire", ["party", "included", "position", "compromise"]]
      party  included  position  compromise
    0    UA      True       0.0        50.0
    1    RU      True     100.0        50.0
    """
    positions, codebook = _positions(positions, codebook)
    keys = list(codebook.party_keys)
    caps = {p.key: p.capability for p in codebook.parties}
    for k, v in (_check.weights(capability, "capability") or {}).items():
        if k not in caps:
            raise UnknownKeyError(
                f"unknown party {k!r} in capability; the parties are {keys}",
                fix="key capability by party, e.g. {'" + keys[0] + "': 2.0}",
            )
        caps[k] = float(v)
    salience = _check.weights(salience, "salience")
    cells = _cells(positions)
    totals = {p: sum(cells[(p, i)]["n_statements"] for i in codebook.issue_keys) for p in keys}
    rows = []
    for issue in codebook.issues:
        if not issue.ordinal:
            continue
        stances = []  # (party, cell, position, salience, included) in codebook order
        for p in keys:
            c = cells[(p, issue.key)]
            if c["status"] == "not stated":
                continue
            s = c["n_statements"] / totals[p] if totals[p] else 0.0
            s = _salience_override(salience, p, issue.key, s, keys, codebook)
            has = c["status"] in _HAS_POSITION and not pd.isna(c["position"])
            stances.append((p, c, float(c["position"]) if has else np.nan, s, has))
        members = [m for m in stances if m[4]]
        if not members:
            continue
        weights = np.array([caps[p] * s for p, _, _, s, _ in members])
        xs = np.array([x for _, _, x, _, _ in members])
        if weights.sum() <= 0:
            weights = np.ones_like(weights)
        compromise = float(np.dot(weights, xs) / weights.sum())
        median = _weighted_median(xs, weights)
        weight_of = {m[0]: float(wgt) for m, wgt in zip(members, weights, strict=True)}
        for p, c, x, s, included in stances:
            rows.append(
                {
                    "issue": issue.key,
                    "party": p,
                    "status": c["status"],
                    "label": c["label"],
                    "included": included,
                    "position": x,
                    "capability": caps[p],
                    "salience": s,
                    "weight": weight_of.get(p, 0.0),
                    "compromise": compromise,
                    "weighted_median": median,
                    "distance_compromise": abs(x - compromise),
                    "distance_median": abs(x - median),
                }
            )
    columns = [
        "issue",
        "party",
        "status",
        "label",
        "included",
        "position",
        "capability",
        "salience",
        "weight",
        "compromise",
        "weighted_median",
        "distance_compromise",
        "distance_median",
    ]
    out = pd.DataFrame(rows, columns=columns)
    out["issue"] = pd.Categorical(out["issue"], categories=list(codebook.issue_keys), ordered=True)
    out["party"] = pd.Categorical(out["party"], categories=keys, ordered=True)
    out["included"] = out["included"].astype(bool)
    for col in ("position", "capability", "salience", "weight"):
        out[col] = out[col].astype(float)
    return out


def _salience_override(salience, party, issue, default, keys, codebook) -> float:
    if not salience:
        return default
    for key in salience:
        if isinstance(key, tuple):
            if len(key) != 2 or key[0] not in keys or key[1] not in codebook.issue_keys:
                raise UnknownKeyError(
                    f"unknown (party, issue) {key!r} in salience; parties are {keys}",
                    fix="key salience by party or by (party, issue), e.g. ('UA', 'territory')",
                )
        elif key not in keys:
            raise UnknownKeyError(
                f"unknown party {key!r} in salience; the parties are {keys}",
                fix="key salience by party or by (party, issue)",
            )
    return float(salience.get((party, issue), salience.get(party, default)))


def _weighted_median(xs: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(xs, kind="stable")
    cum = np.cumsum(weights[order])
    return float(xs[order][np.searchsorted(cum, cum[-1] / 2.0)])
