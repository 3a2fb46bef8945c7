"""Looking inside an evaluation: scores per issue and per set, errors with their sentence, and
every sentence with the number of statements it gave."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import documents_from_texts, evaluate, extract
from toolkit.evaluate import by_set, per_issue, sentence_table, with_quotes
from toolkit.schema import TUPLE_COLUMNS


def frame(rows, required=None):
    out = pd.DataFrame(rows, columns=list(TUPLE_COLUMNS))
    if required is not None:
        out["required"] = required
    return out


@pytest.fixture
def case():
    gold = frame(
        [
            ("d1", "RU", "territory", "cede_donbas", "support"),
            ("d1", "UA", "territory", "cede_donbas", "oppose"),
            ("d1", "US", "zaporizhzhia_npp", "joint_management", "support"),
            ("d2", "RU", "ceasefire", "ceasefire_first", "oppose"),
        ],
        required=[True, True, True, False],
    )
    found = frame(
        [
            ("d1", "RU", "territory", "cede_donbas", "support"),
            ("d1", "US", "zaporizhzhia_npp", "russian_control", "support"),
            ("d2", "EU", "sanctions", "keep_sanctions", "support"),
        ]
    ).assign(sentence=[0, 1, 0], actor=["Moscow", "Washington", "Brussels"], cue="c", rule="r")
    found["quote"] = ["Moscow demands Donbas.", "Washington: Russian control.", "Keep them."]
    return found, gold


def test_per_issue_splits_the_overall_counts(case, codebook):
    found, gold = case
    table = per_issue(found, gold, codebook)
    tuple_level = table[table.level == "tuple"].set_index("issue")
    # codebook order; the ceasefire issue has only an ambiguous gold row and no statement
    assert list(tuple_level.index) == ["territory", "zaporizhzhia_npp", "sanctions"]
    assert tuple_level.loc["territory", ["tp", "fp", "fn"]].tolist() == [1, 0, 1]
    assert tuple_level.loc["zaporizhzhia_npp", ["tp", "fp", "fn"]].tolist() == [0, 1, 1]
    # the extra in d2 counts although d2 has no required gold row on sanctions
    assert tuple_level.loc["sanctions", ["tp", "fp", "fn", "f1"]].tolist() == [0, 1, 0, 0.0]
    pair = table[table.level == "pair"].set_index("issue")
    assert pair.loc["zaporizhzhia_npp", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    overall = evaluate(found, gold, codebook).scores.set_index("level")
    for level in ("tuple", "pair"):
        sums = table[table.level == level][["tp", "fp", "fn"]].sum()
        assert sums.tolist() == overall.loc[level, ["tp", "fp", "fn"]].tolist()


def test_per_issue_of_nothing_is_empty(codebook):
    empty = frame([]).assign(required=pd.Series([], dtype=bool))
    table = per_issue(frame([]), empty, codebook)
    assert table.empty and list(table.columns)[:2] == ["issue", "level"]


def test_by_set_stacks_evaluations_and_tables(case, codebook):
    found, gold = case
    ev = evaluate(found, gold, codebook)
    stacked = by_set({"dev": ev, "held-out": ev})
    assert list(stacked.columns[:2]) == ["set", "level"]
    assert stacked["set"].tolist() == ["dev", "dev", "held-out", "held-out"]
    issues = by_set({"dev": per_issue(found, gold, codebook)})
    assert list(issues.columns[:2]) == ["set", "issue"]


def test_with_quotes_finds_the_sentence_of_each_extra(case, codebook):
    found, gold = case
    before = found.copy()
    ev = evaluate(found, gold, codebook, doc_ids=["d2"])
    explained = with_quotes(ev.extras, found, codebook)
    assert len(explained) == len(ev.extras) == 2
    row = explained.set_index("party").loc["US"]
    assert row["quote"] == "Washington: Russian control." and row["actor"] == "Washington"
    pd.testing.assert_frame_equal(found, before)


def test_with_quotes_matches_two_option_issues_in_normal_form(codebook):
    issue = next(i for i in codebook.issues if len(i.options) == 2)
    first, second = issue.option_keys
    found = frame([("d", "US", issue.key, first, "oppose")]).assign(
        sentence=3, actor="Washington", cue="c", rule="r", quote="Q"
    )
    ev = evaluate(found, frame([]).assign(required=pd.Series([], dtype=bool)), codebook, ["d"])
    explained = with_quotes(ev.extras, found, codebook)
    assert explained[["option", "polarity", "quote"]].values.tolist() == [[second, "support", "Q"]]


def test_sentence_table_covers_every_sentence(codebook):
    docs = documents_from_texts(
        {"a": "Talks resumed on Monday. Moscow demands all of Donbas. Nothing else was said."}
    )
    statements = extract(docs, codebook)
    table = sentence_table(docs, statements)
    assert table["sentence"].tolist() == [0, 1, 2]
    assert table["n_statements"].tolist() == [0, len(statements), 0]
    text = docs["text"].iloc[0]
    assert all(text[r.start : r.end] == r.text for r in table.itertuples())
    merged = statements.merge(table, on=["doc_id", "sentence"])
    assert (merged["quote"] == merged["text"]).all()
