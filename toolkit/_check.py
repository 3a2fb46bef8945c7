"""Argument checks for the public functions: a wrong argument is an :class:`ArgumentError`
naming the argument, the value given and what to pass instead, before any work is done.

Each check returns the value (converted where that is its job, as a date is), so a function
starts with lines such as ``codebook = _check.codebook(codebook)``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._yaml import short
from .errors import ArgumentError, UnknownKeyError

#: What makes each table the functions take, for the messages.
MADE_BY = {
    "documents": "toolkit.load_documents(paths) or toolkit.documents_from_texts({id: text})",
    "statements": "toolkit.extract(documents, codebook)",
    "positions": "toolkit.positions(statements, codebook)",
    "gaps": "toolkit.gaps(positions, codebook)",
    "gold": "toolkit.load_gold(path, codebook)",
    "reviews": "toolkit.load_reviews(path, codebook)",
    "review table": "toolkit.reviews.review_table(statements, reviews, documents, codebook)",
}


def shown(value: Any) -> str:
    """A value as a message shows it: its type and a short form (``str 'a.yaml'``)."""
    if value is None:
        return "None"
    if isinstance(value, pd.DataFrame):
        if value.empty and not len(value.columns):
            return "an empty DataFrame"
        return f"a DataFrame with columns {list(map(str, value.columns))[:8]}"
    return f"{type(value).__name__} {short(value, 60)}"


def codebook(value: Any, name: str = "codebook"):
    from .codebook import Codebook

    if isinstance(value, Codebook):
        return value
    if isinstance(value, (str, os.PathLike)):
        fix = f"load it first: toolkit.load_codebook({str(value)!r})"
    else:
        fix = "pass the codebook toolkit.load_codebook() returns"
    raise ArgumentError(f"{name} must be a Codebook, not {shown(value)}", fix=fix)


def frame(value: Any, name: str, columns: Iterable[str], kind: str | None = None) -> pd.DataFrame:
    """``value`` if it is a DataFrame with ``columns``; ``kind`` names the table it should be."""
    kind = kind or name
    fix = f"pass the table {MADE_BY[kind]} returns"
    if not isinstance(value, pd.DataFrame):
        raise ArgumentError(f"{name} must be a DataFrame, not {shown(value)}", fix=fix)
    missing = [c for c in columns if c not in value.columns]
    if missing:
        raise ArgumentError(
            f"{name} is not a {kind} table: it lacks the column(s) {missing} ({shown(value)})",
            fix=fix,
        )
    return value


def cells(positions: pd.DataFrame, codebook, name: str = "positions") -> None:
    """A positions table must hold a row for every party and issue of ``codebook``."""
    have = set(zip(positions["party"].astype(str), positions["issue"].astype(str), strict=True))
    for party in codebook.party_keys:
        for issue in codebook.issue_keys:
            if (party, issue) not in have:
                raise ArgumentError(
                    f"{name} has no row for party {party!r} on issue {issue!r}",
                    fix=f"pass the table {MADE_BY['positions']} returns, made with this codebook",
                )


def date(value: Any, name: str) -> pd.Timestamp | None:
    """``value`` as a Timestamp (None stays None)."""
    if value is None:
        return None
    if isinstance(value, (str, dt.date, np.datetime64)) and not (
        isinstance(value, str) and not value.strip()
    ):
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError, OverflowError):
            stamp = pd.NaT
        if stamp is not pd.NaT:
            return stamp
    raise ArgumentError(
        f"{name} must be a date, not {shown(value)}",
        fix="give a date such as '2025-12-03' (YYYY-MM-DD) or a pandas Timestamp, or None",
    )


def key(value: Any, name: str, allowed: Iterable[str], what: str, plural: str = "") -> str:
    """``value`` if it is one of ``allowed`` (party or issue keys)."""
    allowed = list(allowed)
    if not isinstance(value, str):
        raise ArgumentError(
            f"{name} must be a {what} key (str), not {shown(value)}",
            fix=f"use one of {allowed}",
        )
    if value not in allowed:
        raise UnknownKeyError(
            f"unknown {what} {value!r}; the {plural or what + ' keys'} are {allowed}",
            fix=f"pass one of them as {name}",
        )
    return value


def keys(
    values: Any, name: str, allowed: Iterable[str], what: str, plural: str = ""
) -> list[str] | None:
    """A list of keys (None stays None); a single str is refused, as it is a likely slip."""
    if values is None:
        return None
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ArgumentError(
            f"{name} must be a list of {what} keys, not {shown(values)}",
            fix=f"wrap it in a list, e.g. [{values!r}]"
            if isinstance(values, str)
            else f"pass a list of {what} keys",
        )
    return [key(v, name, allowed, what, plural) for v in values]


def text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise ArgumentError(
            f"{name} must be text (str), not {shown(value)}",
            fix=f"pass {name} as a str"
            + (" (decode bytes with .decode('utf-8'))" if isinstance(value, bytes) else ""),
        )
    return value


def offset(value: Any, name: str) -> int:
    """``value`` as an int if it is a whole number >= 0 (a character offset)."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= 0:
        return int(value)
    raise ArgumentError(
        f"{name} must be a whole number >= 0, not {shown(value)}",
        fix="give the character offset in the text, e.g. 120",
    )


def path(value: Any, name: str, optional: bool = False):
    if (optional and value is None) or isinstance(value, (str, os.PathLike)):
        if isinstance(value, str) and not value.strip():
            raise ArgumentError(f"{name} is an empty path", fix="give the path of a file")
        return value
    raise ArgumentError(
        f"{name} must be a path (str or pathlib.Path), not {shown(value)}",
        fix="give the path of a file" + (", or None" if optional else ""),
    )


def paths(value: Any, name: str) -> list:
    """A list of paths; a single str or Path is not accepted where a list is expected."""
    if isinstance(value, (str, os.PathLike)):
        raise ArgumentError(
            f"{name} must be a list of paths, not {shown(value)}",
            fix=f"wrap it in a list: {name}=[{str(value)!r}]",
        )
    if not isinstance(value, Iterable) or isinstance(value, (Mapping, bytes)):
        raise ArgumentError(
            f"{name} must be a list of paths, not {shown(value)}", fix="pass a list of paths"
        )
    return [path(v, name) for v in value]


def weights(value: Any, name: str) -> Mapping | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ArgumentError(
            f"{name} must be a mapping of weights, not {shown(value)}",
            fix="pass a dict such as {'UA': 1.0, 'RU': 2.0}",
        )
    for k, v in value.items():
        if isinstance(v, bool) or not isinstance(v, (int, float, np.number)) or not v >= 0:
            raise ArgumentError(
                f"{name} of {k!r} is {shown(v)}; weights must be >= 0",
                fix="give each a number such as 1.0",
            )
    return value
