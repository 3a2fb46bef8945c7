"""Column names of the DataFrames handed between stages, declared once.

Each stage checks its output with :func:`check_columns` before handing it on, so a
renamed column fails where it is made, not three stages later.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = [
    "DOCUMENT_COLUMNS",
    "GOLD_COLUMNS",
    "POSITION_COLUMNS",
    "STATEMENT_COLUMNS",
    "TUPLE_COLUMNS",
    "check_columns",
]

#: One row per source text.
DOCUMENT_COLUMNS: tuple[str, ...] = ("doc_id", "title", "date", "outlet", "url", "path", "text")

#: One row per (sentence, party, issue, option, polarity) found in a document.
STATEMENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "date",
    "sentence",
    "party",
    "actor",
    "issue",
    "option",
    "polarity",
    "position",
    "cue",
    "condition",
    "quote",
    "start",
    "end",
)

#: What an evaluation compares: the distinct coded tuples of a document.
TUPLE_COLUMNS: tuple[str, ...] = ("doc_id", "party", "issue", "option", "polarity")

#: A gold-standard CSV file (``required`` is optional in the file).
GOLD_COLUMNS: tuple[str, ...] = (*TUPLE_COLUMNS, "required")

#: One row per (party, issue): the party's current stance.
POSITION_COLUMNS: tuple[str, ...] = (
    "party",
    "issue",
    "status",
    "option",
    "polarity",
    "position",
    "label",
    "n_statements",
    "n_support",
    "n_oppose",
    "first_date",
    "last_date",
    "doc_id",
    "quote",
    "start",
    "end",
    "cue",
    "opposes",
    "evidence",
    "review",
)


def check_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> pd.DataFrame:
    """Return ``frame`` unchanged if it has every column in ``columns``, else raise.

    This guards the hand-over between stages; it is a programming check, so it raises
    ``ValueError`` (a bug or a wrongly built frame), not a user-input error.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} is missing column(s) {missing}; it has {list(frame.columns)}. "
            f"Build it with the toolkit function that makes {what}, or add the columns."
        )
    return frame
