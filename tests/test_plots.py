"""Figures: they draw what they are given, leak no state, and give the same SVG twice."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from toolkit import plots


@pytest.fixture
def table(codebook):
    rows = []
    for issue in codebook.issues:
        for party in codebook.parties:
            rows.append(
                {
                    "party": party.key,
                    "issue": issue.key,
                    "status": "not stated",
                    "option": None,
                    "label": "not stated",
                    "position": np.nan,
                }
            )
    frame = pd.DataFrame(rows)

    def put(party, issue, option, status="stated"):
        i = frame.index[(frame.party == party) & (frame.issue == issue)][0]
        opt = codebook.issue(issue).option(option)
        frame.loc[i, ["status", "option", "label", "position"]] = [
            status,
            option,
            opt.label,
            opt.position,
        ]

    put("UA", "territory", "freeze_front_line")
    put("RU", "territory", "cede_donbas")
    put("US", "territory", "demilitarized_zone", "contested")
    put("US", "deal_timeline", "quick_deal")
    return frame


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_positions_matrix_labels_cells(table, codebook):
    before = table.copy()
    fig = plots.positions_matrix(table, codebook)
    assert isinstance(fig, Figure)
    labels = texts(fig)
    assert "Cede Donbas" in labels and "Quick deal" in labels
    assert any("Freeze" in t for t in labels)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Ukraine",
        "Russia",
        "United States",
        "Europe",
    ]
    assert len(ax.get_yticklabels()) == len(codebook.issues)
    pd.testing.assert_frame_equal(table, before)


def test_position_line_places_parties_and_deal(table, codebook):
    deal = pd.DataFrame({"issue": ["territory"], "compromise": [66.7], "weighted_median": [65.0]})
    fig = plots.position_line(table, codebook, "territory", deal=deal)
    ax = fig.axes[0]
    xs = sorted(float(c.get_offsets()[0][0]) for c in ax.collections)
    assert xs == [35.0, 65.0, 65.0, 66.7, 100.0]
    assert any("not stated: Europe" in t for t in texts(fig))


def test_gap_heatmap_annotates_values(codebook):
    m = pd.DataFrame([[0, 65.0], [65.0, 0]], index=["UA", "RU"], columns=["UA", "RU"])
    fig = plots.gap_heatmap(m, codebook)
    assert sorted(texts(fig)) == ["0", "0", "65", "65"]


def test_timeline(codebook):
    st = pd.DataFrame(
        {
            "party": ["UA", "UA", "RU"],
            "issue": ["territory"] * 3,
            "date": pd.to_datetime(["2025-12-01", "2026-01-10", "2025-12-01"]),
            "position": [0.0, 35.0, 100.0],
            "polarity": ["support", "support", "oppose"],
        }
    )
    fig = plots.timeline(st, codebook, "territory")
    assert len(fig.axes[0].lines) == 1  # Ukraine's supported positions; Russia's is hollow


def test_no_global_state_leaks(table, codebook):
    import matplotlib.pyplot as plt

    before = dict(mpl.rcParams)
    plots.positions_matrix(table, codebook)
    plots.position_line(table, codebook, "territory")
    assert plt.get_fignums() == []
    assert dict(mpl.rcParams) == before


def test_svg_is_deterministic(table, codebook):
    fig = plots.positions_matrix(table, codebook)
    a = plots.figure_to_svg(fig)
    b = plots.figure_to_svg(plots.positions_matrix(table, codebook))
    assert a == b and a.lstrip().startswith("<?xml")
    # drawing the same figure again (a second display) gives the same bytes too
    assert plots.figure_to_svg(fig) == a


def test_figures_display_as_images_in_jupyter(table, codebook):
    """A returned figure renders as an image in IPython without pyplot or the inline backend."""
    import base64

    import matplotlib.pyplot as plt
    from IPython.core.formatters import DisplayFormatter

    before = dict(mpl.rcParams)
    formatter = DisplayFormatter()
    figures = [
        plots.positions_matrix(table, codebook),
        plots.position_line(table, codebook, "territory"),
        plots.gap_heatmap(
            pd.DataFrame([[0.0, 65.0], [65.0, 0.0]], index=["UA", "RU"], columns=["UA", "RU"]),
            codebook,
        ),
    ]
    for fig in figures:
        data, _ = formatter.format(fig)
        assert data["image/svg+xml"].lstrip().startswith("<?xml")
        assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG")
        assert data["text/plain"].startswith("<Figure size")
    # the same figure gives the same bytes, so stored notebook outputs can be compared
    again, _ = formatter.format(plots.positions_matrix(table, codebook))
    first, _ = formatter.format(figures[0])
    assert again == first
    assert formatter.format(figures[0], include={"image/svg+xml"})[0].keys() == {"image/svg+xml"}
    # the layout is measured once, as the PNG is drawn: making the SVG (at 72 dpi) first must
    # not push labels off the PNG's edge
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for fig in figures:
        renderer = FigureCanvasAgg(fig).get_renderer()
        labels = fig.axes[0].get_yticklabels() + fig.axes[0].get_xticklabels()
        assert min(t.get_window_extent(renderer).x0 for t in labels if t.get_text()) >= 0
    assert plt.get_fignums() == []
    assert dict(mpl.rcParams) == before


def test_figure_drawn_on_a_given_ax_is_that_ax_figure(table, codebook):
    fig = Figure()
    ax = fig.add_subplot()
    assert plots.position_line(table, codebook, "territory", ax=ax) is fig


def test_issue_scores_one_bar_per_issue_and_set(codebook):
    scores = pd.DataFrame(
        {
            "set": ["dev", "dev", "dev", "held-out"],
            "issue": ["sanctions", "territory", "territory", "territory"],
            "level": ["tuple", "tuple", "pair", "tuple"],
            "tp": [1, 3, 4, 0],
            "fp": [0, 1, 0, 1],
            "fn": [1, 1, 0, 4],
            "precision": [1.0, 0.75, 1.0, 0.0],
            "recall": [0.5, 0.75, 1.0, 0.0],
            "f1": [2 / 3, 0.75, 1.0, 0.0],
        }
    )
    before = scores.copy()
    fig = plots.issue_scores(scores, codebook)
    ax = fig.axes[0]
    # codebook order: territory before sanctions
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Territory (Donbas)",
        "Sanctions on Russia",
    ]
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert widths == [0.0, 0.67, 0.75]
    assert "0.75  n=4" in texts(fig) and "0.00  n=4" in texts(fig)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["dev", "held-out"]
    pd.testing.assert_frame_equal(scores, before)
    with pytest.raises(ValueError, match="metric must be"):
        plots.issue_scores(scores, codebook, metric="accuracy")
