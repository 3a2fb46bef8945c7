"""gaps, gap_matrix, agreement and the deal model, checked against hand computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.compare import agreement, deal_model, gap_matrix, gaps
from toolkit.positions import positions

from .test_positions import statements


@pytest.fixture
def table(codebook):
    rows = statements(
        ("UA", "territory", "freeze_front_line", "support", "2025-12-01"),  # 35
        ("UA", "territory", "cede_donbas", "oppose", "2025-12-01"),
        ("UA", "sanctions", "keep_sanctions", "support", "2025-12-01"),  # 0
        ("RU", "territory", "cede_donbas", "support", "2025-12-01"),  # 100
        ("RU", "territory", "cede_donbas", "support", "2025-12-02"),
        ("RU", "sanctions", "lift_sanctions", "support", "2025-12-01"),  # 100
        ("US", "territory", "demilitarized_zone", "support", "2025-12-01"),  # 65
        ("US", "deal_timeline", "quick_deal", "support", "2025-12-01"),
        ("EU", "deal_timeline", "no_deadline", "support", "2025-12-01"),
        ("EU", "territory", "freeze_front_line", "support", "2025-12-01"),  # 35
    )
    return positions(rows, codebook)


def relation(frame, issue, a, b):
    row = frame[(frame.issue == issue) & (frame.party_a == a) & (frame.party_b == b)].iloc[0]
    return row["relation"], row["distance"]


def test_gaps_relations(table, codebook):
    g = gaps(table, codebook)
    assert len(g) == len(codebook.issues) * 6
    assert relation(g, "territory", "UA", "RU") == ("opposed", 65.0)
    assert relation(g, "territory", "UA", "EU") == ("agree", 0.0)
    assert relation(g, "territory", "US", "EU") == ("apart", 30.0)
    rel, dist = relation(g, "deal_timeline", "US", "EU")
    assert rel == "apart" and np.isnan(dist)  # categorical: compared by option, no distance
    assert relation(g, "ceasefire", "UA", "RU")[0] == "unknown"


def test_gap_matrix_is_symmetric_mean_of_shared_issues(table, codebook):
    m = gap_matrix(gaps(table, codebook))
    assert list(m.index) == ["UA", "RU", "US", "EU"]
    pd.testing.assert_frame_equal(m, m.T, check_names=False)
    assert m.loc["UA", "RU"] == pytest.approx((65 + 100) / 2)
    assert m.loc["RU", "EU"] == 65.0
    counts = gap_matrix(gaps(table, codebook), value="count")
    assert counts.loc["UA", "RU"] == 2 and counts.loc["US", "EU"] == 1


def test_agreement_of_one_pair(table, codebook):
    a = agreement(table, "RU", "UA", codebook)
    assert a.loc["territory", "relation"] == "opposed"
    assert a.loc["territory", "label_RU"] == "Cede Donbas"
    assert list(a.columns) == [
        "label_RU",
        "label_UA",
        "relation",
        "distance",
        "quote_RU",
        "quote_UA",
    ]
    with pytest.raises(KeyError, match="unknown party 'XX'"):
        agreement(table, "XX", "UA", codebook)


def test_deal_model_against_hand_computation(table, codebook):
    deal = deal_model(table, codebook)
    terr = deal[deal.issue == "territory"].set_index("party")
    # salience = share of each party's statements on the issue:
    #   UA 2/3, RU 2/3, US 1/2, EU 1/2; capability 1 each.
    s = {"UA": 2 / 3, "RU": 2 / 3, "US": 1 / 2, "EU": 1 / 2}
    x = {"UA": 35, "RU": 100, "US": 65, "EU": 35}
    expected = sum(s[p] * x[p] for p in s) / sum(s.values())  # = 61.0714...
    assert terr["compromise"].iloc[0] == pytest.approx(expected)
    assert terr.loc["RU", "salience"] == pytest.approx(2 / 3)
    # weighted median: sorted 35 (UA .667 + EU .5 = 1.167), 65 (.5), 100 (.667); half = 1.167
    assert terr["weighted_median"].iloc[0] == 35.0
    assert terr.loc["RU", "distance_compromise"] == pytest.approx(100 - expected)
    assert "deal_timeline" not in set(deal.issue.astype(str))  # categorical issues are skipped


def test_deal_model_lists_oppose_only_parties_as_left_out(codebook):
    rows = statements(
        ("UA", "territory", "cede_donbas", "oppose", "2025-12-01"),  # opposes only
        ("RU", "territory", "cede_donbas", "support", "2025-12-01"),  # 100
        ("US", "territory", "freeze_front_line", "support", "2025-12-01"),  # 35
        ("EU", "sanctions", "lift_sanctions", "oppose", "2025-12-01"),  # nobody has a position
    )
    deal = deal_model(positions(rows, codebook), codebook)
    terr = deal[deal.issue == "territory"].set_index("party", drop=False)
    assert list(terr.party.astype(str)) == ["UA", "RU", "US"]  # codebook order, EU not stated
    ua = terr.loc["UA"]
    assert ua["status"] == "opposes only" and ua["label"] == "against Cede Donbas"
    assert not ua["included"] and np.isnan(ua["position"]) and ua["weight"] == 0.0
    assert np.isnan(ua["distance_compromise"])
    assert list(terr.included) == [False, True, True]
    # the predictions are those of RU and US alone
    alone = deal_model(positions(rows[rows.party != "UA"], codebook), codebook)
    assert terr["compromise"].iloc[0] == alone[alone.issue == "territory"]["compromise"].iloc[0]
    assert terr["compromise"].iloc[0] == pytest.approx((100 + 35) / 2)
    # an issue where some party only opposes and none has a position is not modelled
    assert "sanctions" not in set(deal.issue.astype(str))


def test_deal_model_overrides(table, codebook):
    deal = deal_model(
        table,
        codebook,
        capability={"RU": 3.0},
        salience={"UA": 1.0, "RU": 1.0, "US": 1.0, "EU": 1.0},
    )
    terr = deal[deal.issue == "territory"].iloc[0]
    assert terr["compromise"] == pytest.approx((35 + 3 * 100 + 65 + 35) / 6)
    # weights 35: UA 1 + EU 1, 65: US 1, 100: RU 3; half of 6 is reached at 65
    assert terr["weighted_median"] == 65.0
    deal = deal_model(table, codebook, salience={("RU", "territory"): 0.0})
    assert deal[(deal.issue == "territory") & (deal.party == "RU")]["weight"].iloc[0] == 0.0
    with pytest.raises(KeyError, match="unknown party 'XX' in capability"):
        deal_model(table, codebook, capability={"XX": 1})
    with pytest.raises(ValueError, match="weights must be >= 0"):
        deal_model(table, codebook, capability={"UA": -1})


def test_compare_does_not_mutate(table, codebook):
    before = table.copy()
    gaps(table, codebook)
    deal_model(table, codebook)
    agreement(table, "UA", "RU", codebook)
    pd.testing.assert_frame_equal(table, before)
