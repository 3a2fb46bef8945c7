"""Every public function, called with an empty and with a wrong-typed argument.

Either the call is valid and gives the result it should (no documents give no statements),
or it raises the toolkit's :class:`~toolkit.ArgumentError` (or another toolkit error) whose
message names the argument, shows the value and says what to pass: never a raw
``KeyError``, ``TypeError``, ``AttributeError`` or pandas error from deep inside.
"""

from __future__ import annotations

import inspect
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import toolkit as tk
from toolkit.errors import ArgumentError, ToolkitError

from .conftest import ROOT

CB = tk.load_codebook()
DOCS = tk.documents_from_texts(
    {"d": "Moscow demands all of Donbas. Kyiv rejected any handover of the Donetsk region."},
    date="2025-12-01",
)
ST = tk.extract(DOCS, CB)
TABLE = tk.positions(ST, CB)
GAPS = tk.gaps(TABLE, CB)
GOLD = tk.load_gold(ROOT / "data" / "gold" / "seed.csv", CB)
EMPTY = pd.DataFrame()
FIRST = ST.iloc[0]
REJECT = tk.new_decision(
    "reject",
    FIRST.doc_id,
    FIRST.start,
    FIRST.end,
    FIRST.quote,
    (str(FIRST.party), str(FIRST.issue), str(FIRST.option), str(FIRST.polarity)),
    timestamp="2026-01-05T14:03:00+00:00",
)
REVIEWED = tk.apply_reviews(ST, [REJECT], DOCS, CB)
UNWRITTEN = Path(tempfile.gettempdir()) / "toolkit-test-api-never-written.csv"


def ok(check):
    return ("ok", check)


def fails(pattern, cls=ArgumentError):
    return ("fails", cls, pattern)


# (function name, the call, what must happen)
CASES = [
    ("extract", lambda: tk.extract(EMPTY, CB), fails(r"^documents is not a documents table")),
    ("extract", lambda: tk.extract(DOCS.iloc[:0], CB), ok(lambda r: r.empty)),
    (
        "extract",
        lambda: tk.extract(DOCS, "data/codebook.yaml"),
        fails(
            r"^codebook must be a Codebook, not str 'data/codebook\.yaml' — load it first: "
            r"toolkit\.load_codebook\('data/codebook\.yaml'\)$"
        ),
    ),
    ("extract", lambda: tk.extract("articles/", CB), fails(r"^documents must be a DataFrame")),
    ("positions", lambda: tk.positions(EMPTY, CB), fails(r"^statements is not a statements table")),
    (
        "positions",
        lambda: tk.positions(ST.iloc[:0], CB),
        ok(lambda r: set(r["status"].astype(str)) == {"not stated"}),
    ),
    (
        "positions",
        lambda: tk.positions(ST, CB, as_of="x"),
        fails(r"^as_of must be a date, not str 'x' — give a date such as '2025-12-03'"),
    ),
    ("positions", lambda: tk.positions(ST, None), fails(r"^codebook must be a Codebook, not None")),
    (
        "gaps",
        lambda: tk.gaps(TABLE.iloc[:0], CB),
        fails(r"^positions has no row for party 'UA' on issue 'territory' — pass the table"),
    ),
    ("gaps", lambda: tk.gaps([], CB), fails(r"^positions must be a DataFrame, not list \[\]")),
    ("gap_matrix", lambda: tk.gap_matrix(EMPTY), fails(r"^gaps is not a gaps table")),
    (
        "gap_matrix",
        lambda: tk.gap_matrix(GAPS, value=3),
        fails(r"^value must be 'mean' or 'count', not int 3"),
    ),
    (
        "agreement",
        lambda: tk.agreement(TABLE, "", "RU", CB),
        fails(r"^unknown party ''; the parties are \['UA', ", KeyError),
    ),
    (
        "agreement",
        lambda: tk.agreement(TABLE, 1, "RU", CB),
        fails(r"^a must be a party key \(str\), not int 1 — use one of \['UA'"),
    ),
    ("deal_model", lambda: tk.deal_model(TABLE, CB, capability={}), ok(lambda r: len(r) > 0)),
    (
        "deal_model",
        lambda: tk.deal_model(TABLE, CB, capability="UA"),
        fails(r"^capability must be a mapping of weights, not str 'UA'"),
    ),
    (
        "deal_model",
        lambda: tk.deal_model(TABLE, CB, salience={"UA": "high"}),
        fails(r"^salience of 'UA' is str 'high'; weights must be >= 0"),
    ),
    (
        "changes",
        lambda: tk.changes(ST, CB, since=""),
        fails(r"^since must be a date, not str ''"),
    ),
    (
        "changes",
        lambda: tk.changes(ST, CB, since="2025-11-01", until=5),
        fails(r"^until must be a date, not int 5"),
    ),
    ("documents_from_texts", lambda: tk.documents_from_texts({}), ok(lambda r: r.empty)),
    (
        "documents_from_texts",
        lambda: tk.documents_from_texts({"a": "Text."}, date=pd.NaT),
        ok(lambda r: r["date"].isna().all()),
    ),
    (
        "documents_from_texts",
        lambda: tk.documents_from_texts("Kyiv rejected the plan."),
        fails(r"^texts must be a mapping of document ids to texts, not str"),
    ),
    (
        "documents_from_texts",
        lambda: tk.documents_from_texts({"a": "Text."}, dat="2025-12-01"),
        fails(r"^unknown keyword 'dat' — give date, title, outlet or url"),
    ),
    (
        "documents_from_texts",
        lambda: tk.documents_from_texts({"a": "Text."}, date="soon"),
        fails(r"^date must be a date, not str 'soon'"),
    ),
    ("evaluate", lambda: tk.evaluate(ST, EMPTY, CB), fails(r"^gold is not a gold table")),
    ("evaluate", lambda: tk.evaluate(EMPTY, GOLD, CB), fails(r"^statements is not a statements")),
    (
        "evaluate",
        lambda: tk.evaluate(ST, GOLD, CB, doc_ids="d"),
        fails(r"^doc_ids must be a list of document ids, not str 'd'"),
    ),
    ("evidence", lambda: tk.evidence(EMPTY, "UA", "territory"), fails(r"^statements is not a")),
    (
        "evidence",
        lambda: tk.evidence(ST, None, "territory"),
        fails(r"^party must be text \(str\), not None"),
    ),
    ("load_codebook", lambda: tk.load_codebook(""), fails(r"^path is an empty path")),
    (
        "load_codebook",
        lambda: tk.load_codebook(42),
        fails(r"^path must be a path \(str or pathlib\.Path\), not int 42"),
    ),
    ("load_documents", lambda: tk.load_documents([]), fails(r"^paths is empty — name at least")),
    (
        "load_documents",
        lambda: tk.load_documents(42),
        fails(r"^paths must be a list of paths, not int 42"),
    ),
    (
        "load_documents",
        lambda: tk.load_documents(registry=42),
        fails(r"^registry must be a path .*, not int 42"),
    ),
    ("load_gold", lambda: tk.load_gold("", CB), fails(r"^path is an empty path")),
    (
        "load_gold",
        lambda: tk.load_gold("gold.csv", "data/codebook.yaml"),
        fails(r"^codebook must be a Codebook, not str"),
    ),
    ("load_gold_sets", lambda: tk.load_gold_sets(""), fails(r"^path is an empty path")),
    ("load_gold_sets", lambda: tk.load_gold_sets(3), fails(r"^path must be a path")),
    ("match", lambda: tk.match("", CB), ok(lambda r: r == [])),
    ("match", lambda: tk.match(None, CB), fails(r"^sentence must be text \(str\), not None")),
    ("match", lambda: tk.match("Kyiv said no.", {}), fails(r"^codebook must be a Codebook")),
    ("score_sets", lambda: tk.score_sets(CB, sets=[]), ok(lambda r: r == {})),
    (
        "score_sets",
        lambda: tk.score_sets(CB, sets="dev"),
        fails(r"^sets must be a list of GoldSet"),
    ),
    ("score_sets", lambda: tk.score_sets("cb"), fails(r"^codebook must be a Codebook, not str")),
    ("side_by_side", lambda: tk.side_by_side(EMPTY), fails(r"^positions is not a positions table")),
    ("side_by_side", lambda: tk.side_by_side(TABLE, parties=[]), ok(lambda r: r.shape[1] == 0)),
    (
        "side_by_side",
        lambda: tk.side_by_side(TABLE, parties="UA"),
        fails(r"^parties must be a list of party keys, not str 'UA' — wrap it in a list"),
    ),
    (
        "build_report",
        lambda: tk.build_report(EMPTY, CB),
        fails(r"^documents is not a documents table"),
    ),
    (
        "build_report",
        lambda: tk.build_report(DOCS, CB, gold="seed.csv"),
        fails(r"^gold must be a list of paths, not str 'seed\.csv' — wrap it in a list"),
    ),
    (
        "build_report",
        lambda: tk.build_report(DOCS, CB, statements=EMPTY),
        fails(r"^statements is not a statements table"),
    ),
    (
        "new_decision",
        lambda: tk.new_decision("complete", "d", 0, 0, ""),
        ok(lambda r: r["end"] == 0),
    ),
    (
        "new_decision",
        lambda: tk.new_decision("", "d", 0, 0, ""),
        fails(
            r"^decision must be one of accept, reject, correct, add, complete, reopen, not str ''"
        ),
    ),
    (
        "new_decision",
        lambda: tk.new_decision("accept", "d", "0", 5, "Text."),
        fails(r"^start must be a whole number >= 0, not str '0' — give the character offset"),
    ),
    (
        "new_decision",
        lambda: tk.new_decision("accept", "d", 0, 5, None),
        fails(r"^text must be text \(str\), not None"),
    ),
    (
        "new_decision",
        lambda: tk.new_decision("accept", "d", 0, 5, "Text.", "UA"),
        fails(r"^statement must be the four keys \(party, issue, option, polarity\), not str 'UA'"),
    ),
    ("load_reviews", lambda: tk.load_reviews("", CB), fails(r"^path is an empty path")),
    (
        "load_reviews",
        lambda: tk.load_reviews(UNWRITTEN, CB, missing_ok=True),
        ok(lambda r: r.empty),
    ),
    (
        "load_reviews",
        lambda: tk.load_reviews(42, CB),
        fails(r"^path must be a path .*, not int 42"),
    ),
    (
        "load_reviews",
        lambda: tk.load_reviews(UNWRITTEN, "data/codebook.yaml"),
        fails(r"^codebook must be a Codebook, not str"),
    ),
    ("append_reviews", lambda: tk.append_reviews(UNWRITTEN, [], CB), ok(lambda r: not r.exists())),
    (
        "append_reviews",
        lambda: tk.append_reviews(UNWRITTEN, REJECT, CB),
        fails(r"^decisions must be a list of decisions, not dict .* — wrap the one decision in a"),
    ),
    (
        "append_reviews",
        lambda: tk.append_reviews(42, [REJECT], CB),
        fails(r"^path must be a path .*, not int 42"),
    ),
    (
        "append_reviews",
        lambda: tk.append_reviews(UNWRITTEN, [], CB, inputs="a.txt"),
        fails(r"^inputs must be a list of paths, not str 'a\.txt' — wrap it in a list"),
    ),
    (
        "apply_reviews",
        lambda: tk.apply_reviews(ST.iloc[:0], None, DOCS, CB),
        ok(lambda r: r.empty and "source" in r.columns),
    ),
    (
        "apply_reviews",
        lambda: tk.apply_reviews(ST, [], DOCS, CB),
        ok(lambda r: list(r["source"]) == ["machine"] * len(ST)),
    ),
    (
        "apply_reviews",
        lambda: tk.apply_reviews(ST, 42, DOCS, CB),
        fails(r"^reviews must be a path, a reviews table or a list of decisions, not int 42"),
    ),
    ("apply_reviews", lambda: tk.apply_reviews(ST, "", DOCS, CB), fails(r"^reviews is an empty")),
    (
        "apply_reviews",
        lambda: tk.apply_reviews(EMPTY, None, DOCS, CB),
        fails(r"^statements is not a statements table"),
    ),
    (
        "apply_reviews",
        lambda: tk.apply_reviews(REVIEWED, None, DOCS, CB),
        fails(r"^statements already went through apply_reviews .* — pass the extractor's"),
    ),
    ("candidates", lambda: tk.candidates(DOCS.iloc[:0], ST.iloc[:0], CB), ok(lambda r: r.empty)),
    (
        "candidates",
        lambda: tk.candidates(DOCS, EMPTY, CB),
        fails(r"^statements is not a statements table"),
    ),
    (
        "candidates",
        lambda: tk.candidates(DOCS, ST, "data/codebook.yaml"),
        fails(r"^codebook must be a Codebook, not str"),
    ),
    (
        "review_progress",
        lambda: tk.review_progress(ST.iloc[:0], None, DOCS, CB),
        ok(lambda r: r["statements"].tolist() == [0] and not r["complete"].any()),
    ),
    (
        "review_progress",
        lambda: tk.review_progress(ST, None, EMPTY, CB),
        fails(r"^documents is not a documents table"),
    ),
    (
        "review_progress",
        lambda: tk.review_progress(ST, None, DOCS, CB, table=[]),
        fails(r"^table must be a DataFrame, not list \[\] — pass the table toolkit\.reviews"),
    ),
    ("reviews_to_gold", lambda: tk.reviews_to_gold(ST, [], DOCS, CB), ok(lambda r: r.empty)),
    (
        "reviews_to_gold",
        lambda: tk.reviews_to_gold(ST, [42], DOCS, CB),
        fails(r"^reviews\[0\] must be a decision \(a dict\), not int 42"),
    ),
    (
        "reviews_to_gold",
        lambda: tk.reviews_to_gold(ST, None, DOCS, None),
        fails(r"^codebook must be a Codebook, not None"),
    ),
    ("stale_reviews", lambda: tk.stale_reviews(None, DOCS, CB), ok(lambda r: r.empty)),
    (
        "stale_reviews",
        lambda: tk.stale_reviews(EMPTY, DOCS, CB),
        fails(r"^reviews is not a reviews table"),
    ),
    (
        "stale_reviews",
        lambda: tk.stale_reviews(None, "articles/", CB),
        fails(r"^documents must be a DataFrame, not str 'articles/'"),
    ),
]


@pytest.mark.parametrize(
    ("call", "expected"),
    [pytest.param(c[1], c[2], id=f"{c[0]}-{i}") for i, c in enumerate(CASES)],
)
def test_each_public_function_checks_its_arguments(call, expected):
    if expected[0] == "ok":
        assert expected[1](call())
        return
    _, cls, pattern = expected
    with pytest.raises(ToolkitError) as caught:
        call()
    assert isinstance(caught.value, cls), type(caught.value)
    assert re.search(pattern, str(caught.value)), str(caught.value)
    assert " — " in str(caught.value), "the message says what to do"


def test_every_public_function_is_tried_empty_and_wrong():
    functions = {
        name
        for name in tk.__all__
        if inspect.isfunction(getattr(tk, name)) and not name.startswith("_")
    }
    tried: dict[str, list[str]] = {}
    for name, _, expected in CASES:
        tried.setdefault(name, []).append(expected[0])
    assert set(tried) == functions
    for name, outcomes in tried.items():
        assert "fails" in outcomes and len(outcomes) >= 2, name


def test_an_argument_error_is_also_a_type_and_value_error():
    """Code written to catch what pandas or Python raised before goes on working."""
    with pytest.raises(TypeError):
        tk.match(None, CB)
    with pytest.raises(ValueError):
        tk.positions(ST, CB, as_of="x")
    with pytest.raises(KeyError):
        tk.side_by_side(TABLE, parties=["XX"])
