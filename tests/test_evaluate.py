"""Scoring against gold: the rules of the coding scheme, then the extractor on the gold sets.

The gold-set tests are the extractor's regression tests. The thresholds are the project's
targets, in ``data/gold/targets.yaml`` with the sets they are asserted on; the held-out sets
are measured by ``benchmarks/bench_quality.py``, never asserted on or tuned against.
"""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from toolkit import GoldError, evaluate
from toolkit.cli import main
from toolkit.evaluate import GoldCoverageWarning, load_gold_sets, parse_gold, score_sets

from .conftest import FIXTURES, ROOT

GOLD = "doc_id,party,issue,option,polarity,required\n"


def statements(rows):
    frame = pd.DataFrame(rows, columns=["doc_id", "party", "issue", "option", "polarity"])
    return frame


def scores(ev):
    return ev.scores.set_index("level")


def test_counts_distinct_tuples_and_pairs(codebook):
    gold = parse_gold(
        GOLD
        + "d,UA,territory,cede_donbas,oppose,yes\n"
        + "d,RU,territory,cede_donbas,support,yes\n"
        + "d,US,sanctions,phased_relief,support,yes\n",
        codebook,
    )
    found = statements(
        [
            ("d", "UA", "territory", "cede_donbas", "oppose"),
            ("d", "UA", "territory", "cede_donbas", "oppose"),  # a duplicate counts once
            ("d", "RU", "territory", "cede_donbas", "oppose"),  # right pair, wrong polarity
            ("d", "EU", "sanctions", "keep_sanctions", "support"),  # extra
        ]
    )
    s = scores(evaluate(found, gold, codebook))
    assert s.loc["tuple", ["tp", "fp", "fn"]].tolist() == [1, 2, 2]
    assert s.loc["pair", ["tp", "fp", "fn"]].tolist() == [2, 1, 1]
    assert s.loc["tuple", "precision"] == pytest.approx(1 / 3)
    assert s.loc["tuple", "recall"] == pytest.approx(1 / 3)
    assert s.loc["pair", "f1"] == pytest.approx(2 / 3)


def test_two_option_issues_count_oppose_as_support_of_the_other(codebook):
    gold = parse_gold(GOLD + "d,RU,foreign_troops,no_foreign_troops,support,yes\n", codebook)
    found = statements([("d", "RU", "foreign_troops", "foreign_troops_allowed", "oppose")])
    assert scores(evaluate(found, gold, codebook)).loc["tuple", "f1"] == 1.0


def test_ambiguous_gold_counts_neither_way(codebook):
    gold = parse_gold(
        GOLD
        + "d,UA,ceasefire,ceasefire_first,support,yes\nd,RU,recognition,de_jure_recognition,support,no\n",
        codebook,
    )
    with_it = statements(
        [
            ("d", "UA", "ceasefire", "ceasefire_first", "support"),
            ("d", "RU", "recognition", "de_jure_recognition", "support"),
        ]
    )
    without_it = with_it.iloc[:1]
    for found in (with_it, without_it):
        s = scores(evaluate(found, gold, codebook))
        assert s.loc["tuple", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]


def test_a_document_without_gold_counts_its_statements_as_extras(codebook):
    gold = parse_gold(GOLD + "d,UA,ceasefire,ceasefire_first,support,yes\n", codebook)
    found = statements(
        [
            ("d", "UA", "ceasefire", "ceasefire_first", "support"),
            ("other", "RU", "ceasefire", "ceasefire_first", "oppose"),
        ]
    )
    assert scores(evaluate(found, gold, codebook)).loc["tuple", "fp"] == 0
    ev = evaluate(found, gold, codebook, doc_ids=["d", "other"])
    assert scores(ev).loc["tuple", "fp"] == 1
    assert ev.extras["doc_id"].tolist() == ["other"]
    assert "extra (1):" in ev.summary()


def test_evaluate_does_not_mutate_its_inputs(codebook):
    gold = parse_gold(GOLD + "d,RU,foreign_troops,no_foreign_troops,support,yes\n", codebook)
    found = statements([("d", "RU", "foreign_troops", "foreign_troops_allowed", "oppose")])
    before = (found.copy(), gold.copy())
    evaluate(found, gold, codebook)
    pd.testing.assert_frame_equal(found, before[0])
    pd.testing.assert_frame_equal(gold, before[1])


# --------------------------------------------------------------------------- gold sets

SETS = [s.key for s in load_gold_sets()]


@pytest.fixture(scope="module")
def scored(codebook):
    return score_sets(codebook)


def test_the_registry_lists_every_gold_file():
    listed = {s.gold.resolve() for s in load_gold_sets()}
    # a folder with its own codebook is another negotiation (tests/fixtures/trade)
    on_disk = {
        p.resolve()
        for p in FIXTURES.glob("*/gold.csv")
        if not (p.parent / "codebook.yaml").exists()
    } | {ROOT / "data" / "gold" / "seed.csv"}
    assert on_disk <= listed, "a gold file missing from data/gold/sets.yaml"
    roles = {s.role for s in load_gold_sets()}
    assert roles == {"seed", "development", "held-out"}


@pytest.mark.parametrize("name", SETS)
def test_every_gold_document_is_a_source(scored, name):
    documents, gold = scored[name].documents, scored[name].gold
    assert set(gold["doc_id"]) <= set(documents["doc_id"])
    assert set(documents["doc_id"]) <= set(gold["doc_id"]), "a source without gold rows"


def test_gold_sets_cover_every_party_and_issue(scored, codebook):
    gold = pd.concat([s.gold for s in scored.values()])
    assert set(gold["party"]) == set(codebook.party_keys)
    assert set(gold["issue"]) == set(codebook.issue_keys)


def test_a_bad_gold_set_list_names_the_entry(tmp_path):
    bad = tmp_path / "sets.yaml"
    bad.write_text("mine:\n  label: mine\n  role: tuning\n  articles: a\n  gold: a.csv\n")
    with pytest.raises(GoldError, match=r"sets.yaml:1: mine: unknown role 'tuning'"):
        load_gold_sets(bad)


TARGETS = yaml.safe_load((ROOT / "data" / "gold" / "targets.yaml").read_text(encoding="utf-8"))
ROLES = {s.key: s.role for s in load_gold_sets()}


@pytest.mark.parametrize(
    ("name", "level", "target"),
    [
        (name, level, target)
        for name in TARGETS["asserted"]
        for level, target in TARGETS["targets"][ROLES[name]].items()
    ],
)
def test_extraction_meets_its_targets(scored, name, level, target):
    ev = scored[name].evaluation
    f1 = scores(ev).loc[level, "f1"]
    assert f1 >= target, f"{name} {level} F1 {f1:.3f} < {target}\n{ev.summary()}"


def test_gold_for_other_documents_is_warned_about(codebook, tmp_path, monkeypatch, capsys):
    found = statements([("mine", "UA", "territory", "cede_donbas", "oppose")])
    gold = parse_gold(GOLD + "theirs,UA,territory,cede_donbas,oppose,yes\n", codebook)
    with pytest.warns(
        GoldCoverageWarning,
        match=r"^the gold codes none of the 1 document\(s\) scored \(gold: theirs; documents: "
        r"mine\), so every statement counts as an extra",
    ):
        ev = evaluate(found, gold, codebook, doc_ids=["mine"])
    assert scores(ev).loc["tuple", "f1"] == 0
    (tmp_path / "mine.txt").write_text("Kyiv rejected any handover of Donbas.", encoding="utf-8")
    (tmp_path / "gold.csv").write_text(GOLD + "theirs,UA,territory,cede_donbas,oppose,yes\n")
    monkeypatch.chdir(tmp_path)
    assert main(["evaluate", "mine.txt", "--gold", "gold.csv"]) == 0
    assert capsys.readouterr().err.startswith("warning: the gold codes none of the 1 document")
