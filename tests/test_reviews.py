"""Analyst review: the reviews file, apply_reviews, gold from reviews, and bad review files.

The documents are invented, coded with the tiny two-party codebook of the codebook tests, so
each test states exactly which statements the machine finds and what the analyst decided.
"""

from __future__ import annotations

import multiprocessing
import re
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit as tk
from toolkit.codebook import parse_codebook
from toolkit.errors import OutputError, ReviewError
from toolkit.reviews import (
    REVIEW_COLUMNS,
    StaleReviewWarning,
    append_reviews,
    apply_reviews,
    load_reviews,
    new_decision,
    parse_reviews,
    review_progress,
    review_table,
    reviews_to_gold,
    stale_reviews,
    text_hash,
)
from toolkit.sentences import split_sentences

from .test_codebook import MINIMAL

TEXT = "Alpha will keep the land.\n\nBeta wants to give up the land. Talks went on in the rain."
T1, T2, T3 = "2026-01-05T10:00:00+00:00", "2026-01-05T11:00:00+00:00", "2026-01-05T12:00:00+00:00"


@pytest.fixture(scope="module")
def cb():
    return parse_codebook(MINIMAL)


def setup(cb, text=TEXT, doc_id="d1"):
    documents = tk.documents_from_texts({doc_id: text})
    return documents, tk.extract(documents, cb)


def decide(decision, statements, i, correction=None, when=T1, **kw):
    r = statements.iloc[i]
    key = (str(r.party), str(r.issue), str(r.option), str(r.polarity))
    return new_decision(
        decision, r.doc_id, r.start, r.end, r.quote, key, correction, timestamp=when, **kw
    )


def add(documents, sentence_text, statement, when=T1, doc_id="d1"):
    text = documents.set_index("doc_id").loc[doc_id, "text"]
    start = text.index(sentence_text)
    return new_decision(
        "add", doc_id, start, start + len(sentence_text), sentence_text, statement, timestamp=when
    )


def tuples(frame):
    return [
        (str(r.party), str(r.option), str(r.polarity), str(r.source))
        for r in frame.itertuples(index=False)
    ]


# ----------------------------------------------------------------------------- each decision


def test_the_machine_finds_two_statements(cb):
    _, statements = setup(cb)
    assert [(str(p), str(o)) for p, o in zip(statements.party, statements.option, strict=True)] == [
        ("A", "keep"),
        ("B", "give"),
    ]


def test_no_decisions_mark_every_statement_machine(cb):
    documents, statements = setup(cb)
    out = apply_reviews(statements, None, documents, cb)
    assert tuples(out) == [("A", "keep", "support", "machine"), ("B", "give", "support", "machine")]
    assert list(out.columns) == [*statements.columns, "source", "reviewer", "note"]


def test_accept_confirms(cb):
    documents, statements = setup(cb)
    out = apply_reviews(
        statements, [decide("accept", statements, 0, reviewer="ana")], documents, cb
    )
    assert tuples(out)[0] == ("A", "keep", "support", "confirmed")
    assert out["reviewer"].iloc[0] == "ana"
    assert out["quote"].iloc[0] == statements["quote"].iloc[0]


def test_reject_removes(cb):
    documents, statements = setup(cb)
    out = apply_reviews(statements, [decide("reject", statements, 1)], documents, cb)
    assert tuples(out) == [("A", "keep", "support", "machine")]


def test_correct_carries_the_analysts_values(cb):
    documents, statements = setup(cb)
    fix = decide("correct", statements, 1, ("B", "land", "keep", "oppose"), note="misread")
    out = apply_reviews(statements, [fix], documents, cb)
    row = out.iloc[1]
    assert (row.party, row.issue, row.option, row.polarity, row.source) == (
        "B",
        "land",
        "keep",
        "oppose",
        "corrected",
    )
    assert row.position == 0.0  # the corrected option's place on the scale
    assert (row.quote, row.note, row.rule) == (
        "Beta wants to give up the land.",
        "misread",
        "review",
    )
    # the cue named the old option, so the corrected statement has none
    assert row.cue == "" and row.cue_start == row.cue_end == row.start


def test_correcting_only_the_party_keeps_the_cue(cb):
    documents, statements = setup(cb)
    fix = decide("correct", statements, 1, ("A", "land", "give", "support"))
    row = apply_reviews(statements, [fix], documents, cb).iloc[1]
    assert row.party == "A" and row.cue == statements.iloc[1].cue and row.actor == ""


def test_add_quotes_the_sentence(cb):
    documents, statements = setup(cb)
    new = add(documents, "Talks went on in the rain.", ("B", "land", "keep", "oppose"))
    out = apply_reviews(statements, [new], documents, cb)
    row = out.iloc[2]
    assert (row.party, row.option, row.polarity, row.source) == ("B", "keep", "oppose", "added")
    assert TEXT[row.start : row.end] == row.quote == "Talks went on in the rain."
    assert row.sentence == 2 and row.position == 0.0 and str(row.date) == "NaT"


def test_rejected_rows_stay_visible_to_the_panel(cb):
    documents, statements = setup(cb)
    table = review_table(statements, [decide("reject", statements, 1)], documents, cb)
    assert tuples(table)[1] == ("B", "give", "support", "rejected")


def test_positions_and_comparisons_take_reviewed_statements(cb):
    documents, statements = setup(cb)
    decisions = [
        decide("accept", statements, 0),
        decide("correct", statements, 1, ("B", "land", "keep", "support")),
    ]
    out = apply_reviews(statements, decisions, documents, cb)
    table = tk.positions(out, cb)
    assert list(tk.side_by_side(table, value="label").loc["land"]) == ["Keep", "Keep"]
    assert list(tk.side_by_side(table, value="review").loc["land"]) == ["reviewed", "reviewed"]
    assert tk.gaps(table, cb)["relation"].astype(str).tolist() == ["agree"]
    assert len(tk.deal_model(table, cb)) == 2
    assert tk.changes(out, cb, since="2026-01-01").empty


def test_a_machine_only_position_is_marked_so(cb):
    documents, statements = setup(cb)
    out = apply_reviews(statements, [decide("accept", statements, 0)], documents, cb)
    review = tk.side_by_side(tk.positions(out, cb), value="review").loc["land"]
    assert list(review) == ["reviewed", "machine only"]


def test_apply_reviews_does_not_change_its_inputs(cb):
    documents, statements = setup(cb)
    before_s, before_d = statements.copy(), documents.copy()
    apply_reviews(statements, [decide("reject", statements, 0)], documents, cb)
    pd.testing.assert_frame_equal(statements, before_s)
    pd.testing.assert_frame_equal(documents, before_d)


def test_reviewed_statements_cannot_be_reviewed_twice(cb):
    documents, statements = setup(cb)
    out = apply_reviews(statements, None, documents, cb)
    with pytest.raises(ValueError, match="already went through apply_reviews"):
        apply_reviews(out, None, documents, cb)


# ----------------------------------------------------------------------------- order, staleness


def test_the_latest_of_two_decisions_wins(cb):
    documents, statements = setup(cb)
    accept, reject = (
        decide("accept", statements, 0, when=T2),
        decide("reject", statements, 0, when=T1),
    )
    # written in the other order: the timestamps decide
    assert tuples(apply_reviews(statements, [accept, reject], documents, cb))[0][3] == "confirmed"
    assert tuples(apply_reviews(statements, [reject, accept], documents, cb))[0][3] == "confirmed"
    later_reject = decide("reject", statements, 0, when=T3)
    out = apply_reviews(statements, [accept, reject, later_reject], documents, cb)
    assert tuples(out) == [("B", "give", "support", "machine")]


def test_a_rejected_then_corrected_statement_is_corrected(cb):
    documents, statements = setup(cb)
    decisions = [
        decide("reject", statements, 1, when=T1),
        decide("correct", statements, 1, ("B", "land", "keep", "oppose"), when=T2),
    ]
    assert tuples(apply_reviews(statements, decisions, documents, cb))[1] == (
        "B",
        "keep",
        "oppose",
        "corrected",
    )


def test_a_decision_whose_sentence_is_gone_is_stale_listed_and_not_applied(cb, tmp_path):
    _documents, statements = setup(cb)
    path = tmp_path / "reviews.csv"
    append_reviews(path, [decide("reject", statements, 1)], cb)
    before = path.read_bytes()
    edited = TEXT.replace("give up the land", "give away the land")
    documents2, statements2 = setup(cb, edited)
    with pytest.warns(StaleReviewWarning, match=r"reviews.csv: 1 decision\(s\) are stale"):
        out = apply_reviews(statements2, path, documents2, cb)
    assert [str(o) for o in out.option] == ["keep"]  # the edited sentence is no longer found
    stale = stale_reviews(path, documents2, cb)
    assert stale[["line", "decision", "party", "start"]].values.tolist() == [[2, "reject", "B", 27]]
    assert path.read_bytes() == before  # kept, never deleted


def test_decisions_on_documents_not_loaded_are_neither_applied_nor_stale(cb):
    documents, statements = setup(cb)
    other = new_decision("reject", "elsewhere", 0, 5, "Other", ("A", "land", "keep", "support"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = apply_reviews(statements, [other], documents, cb)
    assert len(out) == 2 and stale_reviews([other], documents, cb).empty


def test_re_extraction_with_a_changed_codebook_keeps_decisions(cb):
    documents, statements = setup(cb)
    decisions = [
        decide("reject", statements, 0),
        decide("accept", statements, 1),
        add(documents, "Talks went on in the rain.", ("A", "land", "give", "oppose")),
    ]
    # the new codebook no longer reads "give up the land", and knows a new word for keeping
    changed = parse_codebook(
        MINIMAL.replace("\\bgive (?:up )?the land\\b", "\\bcede the land\\b").replace(
            "\\bkeep the land\\b", "\\b(?:keep|hold) the land\\b"
        )
    )
    statements2 = tk.extract(documents, changed)
    assert [str(o) for o in statements2.option] == ["keep"]
    out = apply_reviews(statements2, decisions, documents, changed)
    assert tuples(out) == [
        ("B", "give", "support", "confirmed"),  # vouched for by the analyst
        ("A", "give", "oppose", "added"),
    ]


def test_an_added_statement_whose_sentence_moved_is_found_by_its_hash(cb):
    documents, _statements = setup(cb)
    new = add(documents, "Talks went on in the rain.", ("B", "land", "keep", "oppose"))
    moved = "A new opening paragraph.\n\n" + TEXT.replace(" Talks went on in the rain.", "")
    moved += "\n\nTalks went on in the rain."
    documents2, statements2 = setup(cb, moved)
    out = apply_reviews(statements2, [new], documents2, cb)
    row = out[out["source"] == "added"].iloc[0]
    assert moved[row.start : row.end] == row.quote == "Talks went on in the rain."
    assert row.start != new["start"] and row.sentence == 3


def test_a_sentence_occurring_twice_takes_the_occurrence_nearest_its_offsets(cb):
    text = "Alpha will keep the land.\n\nOn it goes.\n\nAlpha will keep the land."
    documents, statements = setup(cb, text)
    out = apply_reviews(statements, [decide("reject", statements, 1)], documents, cb)
    assert out["start"].tolist() == [0] and out["source"].tolist() == ["machine"]


# ----------------------------------------------------------------------------- progress and gold


def complete(documents, doc_id="d1", decision="complete", when=T3):
    text = documents.set_index("doc_id").loc[doc_id, "text"]
    return new_decision(decision, doc_id, 0, len(text), text, timestamp=when)


def test_progress_counts_reviewed_statements_and_complete_documents(cb):
    documents, statements = setup(cb)
    decisions = [
        decide("reject", statements, 0),
        add(documents, "Talks went on in the rain.", ("B", "land", "keep", "oppose")),
        complete(documents),
    ]
    p = review_progress(statements, decisions, documents, cb).iloc[0]
    assert (p.statements, p.reviewed, p.rejected, p.added, p.confirmed, bool(p.complete)) == (
        3,
        2,
        1,
        1,
        0,
        True,
    )
    reopened = [*decisions, complete(documents, decision="reopen", when="2026-02-01T00:00:00Z")]
    assert not review_progress(statements, reopened, documents, cb)["complete"].iloc[0]


def test_a_complete_mark_on_an_older_text_is_stale(cb):
    documents, _ = setup(cb)
    documents2, statements2 = setup(cb, TEXT + " One more sentence.")
    mark = complete(documents)
    assert not review_progress(statements2, [mark], documents2, cb)["complete"].iloc[0]
    assert stale_reviews([mark], documents2, cb)["decision"].tolist() == ["complete"]


def test_gold_holds_only_documents_marked_complete(cb):
    documents = tk.documents_from_texts({"d1": TEXT, "d2": "Beta will keep the land."})
    statements = tk.extract(documents, cb)
    decisions = [decide("reject", statements, 0), complete(documents, "d1")]
    gold = reviews_to_gold(statements, decisions, documents, cb)
    assert gold.values.tolist() == [["d1", "B", "land", "give", "support"]]


def test_the_gold_command_closes_the_loop_with_evaluate(cb, tmp_path, capsys):
    from toolkit.cli import main

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "d1.txt").write_text(TEXT)
    (tmp_path / "cb.yaml").write_text(MINIMAL)
    documents = tk.load_documents([folder])
    statements = tk.extract(documents, cb)
    reviews = tmp_path / "reviews.csv"
    append_reviews(
        reviews,
        [
            decide("reject", statements, 1),
            add(documents, "Talks went on in the rain.", ("B", "land", "keep", "support")),
            complete(documents),
        ],
        cb,
    )
    common = [str(folder), "--codebook", str(tmp_path / "cb.yaml")]
    gold = tmp_path / "gold.csv"
    assert main(["reviews", "gold", str(reviews), *common, "--out", str(gold)]) == 0
    assert gold.read_text().splitlines() == [
        "doc_id,party,issue,option,polarity",
        "d1,A,land,keep,support",
        "d1,B,land,keep,support",
    ]
    capsys.readouterr()
    assert main(["evaluate", "--gold", str(gold), *common]) == 0
    # the machine found keep (right) and give (rejected: wrong), and missed the added one
    assert "tuple  precision 0.500  recall 0.500" in capsys.readouterr().out
    assert main(["reviews", "status", str(reviews), *common]) == 0
    assert "2 of 3 statements reviewed; 1 of 1 documents complete" in capsys.readouterr().out
    # exported gold is never overwritten
    assert main(["reviews", "gold", str(reviews), *common, "--out", str(gold)]) == 2
    assert "refusing to overwrite a gold file" in capsys.readouterr().err


def test_the_gold_command_without_complete_documents_says_what_to_do(cb, tmp_path, capsys):
    from toolkit.cli import main

    (tmp_path / "d1.txt").write_text(TEXT)
    (tmp_path / "cb.yaml").write_text(MINIMAL)
    documents = tk.load_documents([tmp_path / "d1.txt"])
    append_reviews(tmp_path / "r.csv", [decide("accept", tk.extract(documents, cb), 0)], cb)
    args = ["reviews", "gold", str(tmp_path / "r.csv"), str(tmp_path / "d1.txt")]
    assert main([*args, "--codebook", str(tmp_path / "cb.yaml")]) == 2
    assert "no document is marked complete" in capsys.readouterr().err


# whole-document review: every statement decided, then gold from it scores F1 = 1.0
_DECISION = st.sampled_from(["accept", "reject", "correct"])
_TUPLE = st.tuples(
    st.sampled_from(["A", "B"]),
    st.just("land"),
    st.sampled_from(["keep", "give"]),
    st.sampled_from(["support", "oppose"]),
)
_PROPERTY_TEXT = (
    "Alpha will keep the land. Beta wants to give up the land.\n\n"
    "Beta will keep the land. Talks went on.\n\nAlpha wants to give the land."
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    choices=st.lists(st.tuples(_DECISION, _TUPLE), min_size=8, max_size=8),
    adds=st.lists(st.tuples(st.integers(0, 4), _TUPLE), min_size=1, max_size=4),
)
def test_reviewing_every_statement_then_exporting_gold_gives_f1_one(cb, choices, adds):
    documents = tk.documents_from_texts({"d1": _PROPERTY_TEXT})
    statements = tk.extract(documents, cb)
    assert 2 <= len(statements) <= len(choices)
    decisions = [
        decide(kind, statements, i, new if kind == "correct" else None)
        for i, (kind, new) in zip(range(len(statements)), choices, strict=False)
    ]
    sentences = split_sentences(_PROPERTY_TEXT)
    for index, statement in adds:
        s = sentences[index]
        decisions.append(add(documents, _PROPERTY_TEXT[s.start : s.end], statement, when=T2))
    decisions.append(complete(documents))
    gold = reviews_to_gold(statements, decisions, documents, cb).assign(required=True)
    reviewed = apply_reviews(statements, decisions, documents, cb)
    result = tk.evaluate(reviewed, gold, cb, doc_ids=["d1"])
    assert result.per_document["f1"].tolist() == [1.0]
    assert result.scores["f1"].tolist() == [1.0, 1.0]


def test_review_of_the_seed_exported_as_gold_scores_one(codebook, seed_documents):
    statements = tk.extract(seed_documents, codebook)
    decisions = [
        decide("reject" if i % 3 == 0 else "accept", statements, i) for i in range(len(statements))
    ]
    decisions.append(complete(seed_documents, seed_documents["doc_id"].iloc[0]))
    gold = reviews_to_gold(statements, decisions, seed_documents, codebook).assign(required=True)
    reviewed = apply_reviews(statements, decisions, seed_documents, codebook)
    assert tk.evaluate(reviewed, gold, codebook).scores["f1"].tolist() == [1.0, 1.0]


# ----------------------------------------------------------------------------- the file


def test_decisions_round_trip_through_the_file(cb, tmp_path):
    _documents, statements = setup(cb)
    path = tmp_path / "r.csv"
    rows = [
        decide(
            "correct", statements, 1, ("B", "land", "keep", "oppose"), note='=cmd|" /c calc"!A1'
        ),
        decide("accept", statements, 0, note="@SUM(1)", reviewer="+ana"),
    ]
    append_reviews(path, rows[:1], cb)
    append_reviews(path, rows[1:], cb)
    text = path.read_text()
    assert text.splitlines()[0] == ",".join(REVIEW_COLUMNS)
    assert text.count("\n") == 3
    # no cell starts a spreadsheet formula; reading takes the guard off again
    assert "'=cmd" in text and ",'@SUM(1),'+ana," in text
    frame = load_reviews(path, cb)
    assert frame["note"].tolist() == ['=cmd|" /c calc"!A1', "@SUM(1)"]
    assert frame["reviewer"].tolist() == ["", "+ana"]
    assert frame["line"].tolist() == [2, 3]
    assert frame["text_hash"].tolist() == [
        text_hash("Beta wants to give up the land."),
        text_hash("Alpha will keep the land."),
    ]


def test_appending_after_a_line_without_newline_starts_a_new_line(cb, tmp_path):
    _documents, statements = setup(cb)
    path = tmp_path / "r.csv"
    append_reviews(path, [decide("accept", statements, 0)], cb)
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    append_reviews(path, [decide("accept", statements, 1)], cb)
    assert len(load_reviews(path, cb)) == 2


def test_a_missing_file_is_no_decisions_only_when_asked(cb, tmp_path):
    assert load_reviews(tmp_path / "none.csv", cb, missing_ok=True).empty
    with pytest.raises(ReviewError, match=r"none\.csv: reviews file not found — check the path"):
        load_reviews(tmp_path / "none.csv", cb)


def _append_many(path: str, who: str, n: int) -> None:
    cb = parse_codebook(MINIMAL)
    for i in range(n):
        row = new_decision(
            "accept", "d1", 0, 25, "Alpha will keep the land.", ("A", "land", "keep", "support")
        )
        append_reviews(path, [{**row, "note": f"{who}-{i}"}], cb)


@pytest.mark.slow
def test_two_processes_appending_500_decisions_each_lose_none(cb, tmp_path):
    path = str(tmp_path / "shared.csv")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append_many, args=(path, w, 500)) for w in ("p", "q")]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=300)
        assert p.exitcode == 0
    frame = load_reviews(path, cb)
    assert len(frame) == 1000
    assert sorted(frame["note"]) == sorted(f"{w}-{i}" for w in "pq" for i in range(500))
    with open(path) as fh:
        assert fh.read().count("doc_id,start") == 1  # one header


# ----------------------------------------------------------------------------- never overwrite


def test_a_gold_file_a_source_the_codebook_or_an_input_is_never_appended_to(cb, tmp_path):
    from toolkit.codebook import DEFAULT_CODEBOOK

    _documents, statements = setup(cb)
    row = [decide("accept", statements, 0)]
    gold = tmp_path / "gold.csv"
    gold.write_text("doc_id,party,issue,option,polarity\n")
    source = tmp_path / "a.txt"
    source.write_text(TEXT)
    table = tmp_path / "statements.csv"
    table.write_text("doc_id,party\n")
    for path, message in (
        (gold, "refusing to overwrite a gold file"),
        (source, "refusing to overwrite an existing .txt file"),
        (DEFAULT_CODEBOOK, "the output path is one of the inputs"),
        (table, "this file is not a reviews file"),
    ):
        before = path.read_bytes()
        with pytest.raises((OutputError, ReviewError), match=message):
            append_reviews(path, row, cb)
        assert path.read_bytes() == before
    other = tmp_path / "other.csv"
    with pytest.raises(OutputError, match="one of the inputs"):
        append_reviews(other, row, cb, inputs=[other])
    assert not other.exists()


def test_one_bad_decision_and_nothing_is_written(cb, tmp_path):
    _documents, statements = setup(cb)
    path = tmp_path / "r.csv"
    bad = {**decide("accept", statements, 1), "party": "C"}
    with pytest.raises(ReviewError, match=r"r.csv: new decision: unknown party 'C' — use one of"):
        append_reviews(path, [decide("accept", statements, 0), bad], cb)
    assert not path.exists()


HEADER = ",".join(REVIEW_COLUMNS)
GOOD = "d1,0,25,{h},A,land,keep,support,accept,,,,,,ana,2026-01-05T10:00:00+00:00".format(
    h=text_hash("Alpha will keep the land.")
)


BAD_FILES = [
    (
        HEADER + ",colour\n" + GOOD + ",red\n",
        r"r.csv:1: unknown column\(s\) \['colour'\] — the columns of a reviews file are doc_id,",
    ),
    (
        HEADER.replace(",note", "") + "\n",
        r"r.csv:1: missing column\(s\) \['note'\] — the header must name",
    ),
    (
        HEADER + "\n" + GOOD.replace(",A,", ",C,") + "\n",
        r"r.csv:2: unknown party 'C' — use one of \['A', 'B'\]",
    ),
    (
        HEADER + "\n" + GOOD.replace(",keep,", ",share,") + "\n",
        r"r.csv:2: unknown option 'share' for issue 'land' — use one of \['keep', 'give'\]",
    ),
    (
        HEADER + "\n" + GOOD + "\n" + GOOD.replace(",accept,", ",acept,") + "\n",
        r"r.csv:3: unknown decision 'acept' — use one of accept, reject, correct, add, "
        r"complete, reopen",
    ),
    (
        HEADER + "\n" + GOOD.replace("2026-01-05T10:00:00+00:00", "yesterday") + "\n",
        r"r.csv:2: bad timestamp 'yesterday' — write ISO 8601 with a time zone",
    ),
    (
        HEADER + "\n" + GOOD.replace("+00:00", "") + "\n",
        r"r.csv:2: bad timestamp '2026-01-05T10:00:00' — write ISO 8601 with a time zone",
    ),
    (
        HEADER + "\n" + GOOD.replace(",accept,,,,,", ",correct,B,land,keep,,") + "\n",
        r"r.csv:2: unknown new_polarity '' — use support or oppose",
    ),
    (
        HEADER + "\n" + GOOD.replace(",accept,,", ",accept,B,") + "\n",
        r"r.csv:2: new_party is set on a accept decision — leave new_party empty",
    ),
    (
        HEADER + "\n" + GOOD[:40] + "\n" + GOOD + "\n",
        r"r.csv:2: expected 16 fields, found \d+ — check for a missing or extra comma",
    ),
    (
        HEADER + "\n" + GOOD.replace(",0,25,", ",zero,25,") + "\n",
        r"r.csv:2: start must be a whole number, not 'zero'",
    ),
    (
        HEADER + '\n"d1,0\n',
        r"r.csv:2: malformed CSV|r.csv:2: expected 16 fields",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_review_files_name_the_file_line_and_fix(cb, tmp_path, text, message):
    path = tmp_path / "r.csv"
    path.write_text(text)
    with pytest.raises(ReviewError, match=message):
        load_reviews(path, cb)


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_the_cli_refuses_a_bad_reviews_file_and_writes_nothing(tmp_path, capsys, text, message):
    from toolkit.cli import main

    (tmp_path / "cb.yaml").write_text(MINIMAL)
    (tmp_path / "d1.txt").write_text(TEXT)
    reviews = tmp_path / "r.csv"
    reviews.write_text(text)
    out = tmp_path / "positions.csv"
    code = main(
        [
            "positions",
            str(tmp_path / "d1.txt"),
            "--codebook",
            str(tmp_path / "cb.yaml"),
            "--reviews",
            str(reviews),
            "--out",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"error: {reviews}:") and err.count("\n") == 1 and " — " in err
    assert re.search(message, err)
    assert not out.exists() and reviews.read_text() == text


@pytest.mark.parametrize("command", ["extract", "positions", "report"])
def test_cli_commands_apply_the_reviews_and_never_overwrite_the_file(tmp_path, capsys, command):
    from toolkit.cli import main

    cb = parse_codebook(MINIMAL)
    (tmp_path / "cb.yaml").write_text(MINIMAL)
    (tmp_path / "d1.txt").write_text(TEXT)
    documents = tk.load_documents([tmp_path / "d1.txt"])
    statements = tk.extract(documents, cb)
    reviews = tmp_path / "r.csv"
    append_reviews(reviews, [decide("reject", statements, 0)], cb)
    before = reviews.read_bytes()
    base = [command, str(tmp_path / "d1.txt"), "--codebook", str(tmp_path / "cb.yaml")]
    base += ["--reviews", str(reviews)]
    assert main([*base, "--out", str(reviews)]) == 2
    assert "the output path is one of the inputs" in capsys.readouterr().err
    assert reviews.read_bytes() == before
    out = tmp_path / ("out.html" if command == "report" else "out.csv")
    assert main([*base, "--out", str(out)]) == 0
    written = out.read_text()
    if command == "extract":
        assert "Alpha will keep" not in written and ",machine," in written
    elif command == "positions":
        assert "A,land,not stated" in written
    else:
        assert "Reviewed by an analyst: 0 of 1 statement(s)" in written


def test_parse_reviews_accepts_a_header_in_another_order(cb):
    columns = list(reversed(REVIEW_COLUMNS))
    values = dict(zip(REVIEW_COLUMNS, GOOD.split(","), strict=True))
    text = ",".join(columns) + "\n" + ",".join(values[c] for c in columns) + "\n"
    assert parse_reviews(text, cb)["decision"].tolist() == ["accept"]


def test_appending_to_a_file_with_its_columns_in_another_order_follows_its_order(cb, tmp_path):
    _documents, statements = setup(cb)
    path = tmp_path / "r.csv"
    path.write_text(",".join(reversed(REVIEW_COLUMNS)) + "\n")
    append_reviews(path, [decide("reject", statements, 1, reviewer="ana")], cb)
    frame = load_reviews(path, cb)
    assert frame[["decision", "party", "reviewer"]].values.tolist() == [["reject", "B", "ana"]]


def test_a_device_as_the_reviews_file_is_refused_before_it_is_read(codebook):
    # the shared reader: a device, FIFO or socket is refused (a FIFO would block forever)
    with pytest.raises(ReviewError, match=r"^/dev/null: .*pass the reviews CSV file"):
        load_reviews("/dev/null", codebook)
