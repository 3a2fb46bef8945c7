"""positions, side_by_side, evidence and changes on small hand-built statements tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.positions import changes, evidence, positions, side_by_side
from toolkit.schema import POSITION_COLUMNS


def statements(*rows):
    """rows: (party, issue, option, polarity, date[, doc_id])"""
    out = []
    for k, (party, issue, option, polarity, date, *doc) in enumerate(rows):
        out.append(
            {
                "doc_id": doc[0] if doc else f"d{k}",
                "date": pd.Timestamp(date) if date else pd.NaT,
                "sentence": k,
                "party": party,
                "actor": party,
                "issue": issue,
                "option": option,
                "polarity": polarity,
                "position": np.nan,
                "cue": "cue",
                "condition": "",
                "quote": f"quote {k}",
                "start": 10 * k,
                "end": 10 * k + 7,
                "rule": "subject",
                "cue_start": 10 * k,
                "cue_end": 10 * k + 3,
            }
        )
    return pd.DataFrame(out)


def cell(table, party, issue):
    return table[(table["party"] == party) & (table["issue"] == issue)].iloc[0]


def test_every_party_and_issue_has_a_row(codebook):
    table = positions(
        statements(("UA", "territory", "freeze_front_line", "support", "2025-12-01")), codebook
    )
    assert list(table.columns) == list(POSITION_COLUMNS)
    assert len(table) == len(codebook.parties) * len(codebook.issues)
    assert cell(table, "RU", "sanctions")["status"] == "not stated"
    assert cell(table, "RU", "sanctions")["label"] == "not stated"
    ua = cell(table, "UA", "territory")
    assert (ua["status"], ua["option"], ua["position"], ua["quote"]) == (
        "stated",
        "freeze_front_line",
        35.0,
        "quote 0",
    )


def test_oppose_only_is_not_a_position(codebook):
    table = positions(
        statements(("UA", "territory", "cede_donbas", "oppose", "2025-12-01")), codebook
    )
    ua = cell(table, "UA", "territory")
    assert ua["status"] == "opposes only"
    assert np.isnan(ua["position"]) and ua["option"] is None
    assert ua["label"] == "against Cede Donbas" and ua["opposes"] == "cede_donbas"


def test_support_and_oppose_are_summarised_coherently(codebook):
    table = positions(
        statements(
            ("UA", "territory", "cede_donbas", "oppose", "2025-12-01"),
            ("UA", "territory", "freeze_front_line", "support", "2025-12-01"),
        ),
        codebook,
    )
    ua = cell(table, "UA", "territory")
    assert (ua["status"], ua["option"], ua["position"], ua["opposes"]) == (
        "stated",
        "freeze_front_line",
        35.0,
        "cede_donbas",
    )


def test_conflicting_statements_are_contested(codebook):
    rows = statements(
        ("RU", "ceasefire", "ceasefire_first", "support", "2025-12-01"),
        ("RU", "ceasefire", "no_ceasefire_before_deal", "support", "2025-12-01"),
        ("RU", "ceasefire", "no_ceasefire_before_deal", "support", "2025-12-01"),
    )
    ru = cell(positions(rows, codebook), "RU", "ceasefire")
    assert (ru["status"], ru["option"], ru["n_support"]) == (
        "contested",
        "no_ceasefire_before_deal",
        3,
    )
    assert len(evidence(rows, "RU", "ceasefire")) == 3


@pytest.mark.parametrize(
    ("undated", "status"),
    [
        (("RU", "territory", "freeze_front_line", "support", None), "contested"),
        (("RU", "territory", "cede_donbas", "oppose", None), "contested"),
        (("RU", "territory", "cede_donbas", "support", None), "stated"),
        (("RU", "territory", "restore_borders", "oppose", None), "stated"),
    ],
    ids=["supports another", "opposes the chosen", "agrees", "opposes another"],
)
def test_an_undated_statement_that_disagrees_marks_the_position_contested(
    codebook, undated, status
):
    """An undated statement cannot be placed before or after the dated one: the dated one
    still gives the option, but the cell says it is in doubt."""
    rows = statements(("RU", "territory", "cede_donbas", "support", "2025-12-01"), undated)
    ru = cell(positions(rows, codebook), "RU", "territory")
    assert (ru["option"], ru["status"]) == ("cede_donbas", status)


def test_latest_support_wins_and_as_of_cuts(codebook):
    rows = statements(
        ("UA", "territory", "restore_borders", "support", "2025-11-20"),
        ("UA", "territory", "freeze_front_line", "support", "2026-01-10"),
    )
    assert cell(positions(rows, codebook), "UA", "territory")["option"] == "freeze_front_line"
    early = cell(positions(rows, codebook, as_of="2025-12-31"), "UA", "territory")
    assert (early["option"], early["status"]) == ("restore_borders", "stated")
    assert (
        cell(positions(rows, codebook, as_of="2025-11-01"), "UA", "territory")["status"]
        == "not stated"
    )


def test_ties_break_by_count_then_codebook_order(codebook):
    rows = statements(
        ("US", "sanctions", "lift_sanctions", "support", "2025-12-01"),
        ("US", "sanctions", "phased_relief", "support", "2025-12-01"),
    )
    assert cell(positions(rows, codebook), "US", "sanctions")["option"] == "phased_relief"
    rows = statements(
        ("US", "sanctions", "lift_sanctions", "support", "2025-11-01"),
        ("US", "sanctions", "lift_sanctions", "support", "2025-12-01"),
        ("US", "sanctions", "phased_relief", "support", "2025-12-01"),
    )
    assert cell(positions(rows, codebook), "US", "sanctions")["option"] == "lift_sanctions"


def test_two_option_issue_is_normalised(codebook):
    rows = statements(("RU", "foreign_troops", "foreign_troops_allowed", "oppose", "2025-12-01"))
    ru = cell(positions(rows, codebook), "RU", "foreign_troops")
    assert (ru["status"], ru["option"], ru["position"]) == ("stated", "no_foreign_troops", 100.0)


def test_categorical_issue_has_no_position(codebook):
    rows = statements(("US", "deal_timeline", "quick_deal", "support", "2025-12-01"))
    us = cell(positions(rows, codebook), "US", "deal_timeline")
    assert us["label"] == "Quick deal" and np.isnan(us["position"])


def test_side_by_side_follows_the_callers_order(codebook):
    rows = statements(
        ("UA", "territory", "freeze_front_line", "support", "2025-12-01"),
        ("RU", "territory", "cede_donbas", "support", "2025-12-01"),
    )
    table = positions(rows, codebook)
    wide = side_by_side(table, parties=["RU", "UA"], issues=["territory", "sanctions"])
    assert list(wide.columns) == ["RU", "UA"] and list(wide.index) == ["territory", "sanctions"]
    assert wide.loc["territory", "RU"] == "Cede Donbas"
    assert (
        side_by_side(table, ["UA"], ["territory"], value="position").loc["territory", "UA"] == 35.0
    )
    with pytest.raises(KeyError, match=r"unknown party 'XX'; the parties are \['UA'"):
        side_by_side(table, parties=["XX"])


def test_changes_between_dates(codebook):
    rows = statements(
        ("UA", "territory", "restore_borders", "support", "2025-11-20", "a"),
        ("UA", "territory", "freeze_front_line", "support", "2026-01-10", "b"),
        ("RU", "territory", "cede_donbas", "support", "2025-11-20", "a"),
    )
    moved = changes(rows, codebook, since="2025-12-01")
    assert len(moved) == 1
    m = moved.iloc[0]
    assert (m["party"], m["from_option"], m["to_option"], m["shift"]) == (
        "UA",
        "restore_borders",
        "freeze_front_line",
        35.0,
    )
    assert (m["from_doc_id"], m["to_doc_id"]) == ("a", "b")


def test_inputs_are_not_mutated(codebook):
    rows = statements(("RU", "foreign_troops", "foreign_troops_allowed", "oppose", "2025-12-01"))
    before = rows.copy()
    table = positions(rows, codebook)
    table_before = table.copy()
    side_by_side(table)
    changes(rows, codebook, since="2025-11-01")
    pd.testing.assert_frame_equal(rows, before)
    pd.testing.assert_frame_equal(table, table_before)


def test_seed_positions_have_evidence(seed_documents, codebook):
    from toolkit import extract

    table = positions(extract(seed_documents, codebook), codebook)
    stated = table[table["status"] != "not stated"]
    assert {"UA", "RU", "US", "EU"} <= set(stated["party"].astype(str))
    text = seed_documents["text"].iloc[0]
    for row in stated.itertuples():
        assert text[row.start : row.end] == row.quote
