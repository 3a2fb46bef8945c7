"""Figures: they draw what they are given, leak no state, and give the same SVG twice."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

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


def notes(ax) -> list:
    """The texts drawn in the axes, apart from the option names under the scale."""
    return [t for t in ax.texts if not isinstance(t, Annotation)]


def dots(ax) -> list[tuple[float, float]]:
    return sorted((float(x), float(y)) for c in ax.collections for x, y in c.get_offsets())


def test_position_line_gives_each_party_a_row_and_draws_the_deal(table, codebook):
    deal = pd.DataFrame({"issue": ["territory"], "compromise": [66.7], "weighted_median": [65.0]})
    fig = plots.position_line(table, codebook, "territory", deal=deal)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [p.label for p in codebook.parties]
    # rows 0-3 are UA, RU, US, EU: Russia and the United States no longer share a point;
    # the contested United States also has its ring
    assert dots(ax) == [(35.0, 0.0), (65.0, 2.0), (65.0, 2.0), (100.0, 1.0)]
    assert [(t.get_text(), t.get_position()[1]) for t in notes(ax)] == [("not stated", 3)]
    lines = {(ln.get_xdata()[0], ln.get_linestyle()) for ln in ax.lines if ln.get_xdata()[0] > 0}
    assert lines == {(66.7, "-"), (65.0, "--")}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["compromise 67", "weighted median 65", "contested"]


def test_position_line_shows_what_a_party_only_opposes(codebook):
    table = pd.DataFrame(
        {
            "party": ["UA", "RU"],
            "issue": ["territory", "territory"],
            "status": ["opposes only", "stated"],
            "label": ["against Cede Donbas", "Cede Donbas"],
            "position": [np.nan, 100.0],
            "opposes": ["cede_donbas", ""],
        }
    )
    deal = pd.DataFrame({"issue": ["territory"], "compromise": [100.0], "weighted_median": [100.0]})
    ax = plots.position_line(table, codebook, "territory", deal=deal).axes[0]
    # an open marker and a cross at 100 in Ukraine's row, Russia's dot in its own
    assert dots(ax) == [(100.0, 0.0), (100.0, 0.0), (100.0, 1.0)]
    shown = {(t.get_text(), t.get_position()[1]) for t in notes(ax)}
    assert shown == {("against", 0), ("not stated", 2), ("not stated", 3)}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-1] == "against: no position of its own; left out of the deal model"
    # without a deal, the legend does not speak of one
    ax = plots.position_line(table, codebook, "territory").axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "against: no position of its own"
    ]


@pytest.mark.parametrize("width", [7.5, 3.8])
def test_position_line_labels_neither_overlap_nor_leave_the_figure(codebook, width):
    """Every ordinal issue of the codebook, with parties at every option: option names,
    party names, notes and legend all inside the figure, and no two option names overlap."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for issue in (i for i in codebook.issues if i.ordinal):
        options = [o for o in issue.options if o.position is not None]
        table = pd.DataFrame(
            {
                "party": list(codebook.party_keys),
                "issue": issue.key,
                "status": ["stated", "contested", "opposes only", "not stated"],
                "label": "x",
                "position": [options[0].position, options[-1].position, np.nan, np.nan],
                "opposes": ["", "", options[-1].key, ""],
            }
        )
        deal = pd.DataFrame({"issue": [issue.key], "compromise": [50.0], "weighted_median": [0.0]})
        fig = plots.position_line(table, codebook, issue.key, deal=deal, width=width)
        assert fig.get_figwidth() == width
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        ax = fig.axes[0]
        names = [t for t in ax.texts if isinstance(t, Annotation)]  # the option names
        assert len(names) == len(options), issue.key
        boxes = [Text.get_window_extent(t, renderer) for t in names]  # the words alone
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b), (issue.key, a, b)
        # a label set lower hangs from its tick by a line that crosses no other label
        for t in names:
            if t.arrow_patch is not None:
                line = t.arrow_patch.get_window_extent(renderer)
                own = Text.get_window_extent(t, renderer)
                assert not any(line.overlaps(b) for b in boxes if b != own), (issue.key, t)
        page = fig.bbox
        shown = [*ax.texts, *ax.get_yticklabels(), ax.title, *ax.get_legend().get_texts()]
        for t in shown:
            box = t.get_window_extent(renderer)
            assert page.x0 <= box.x0 and box.x1 <= page.x1, (issue.key, t.get_text())
            assert page.y0 <= box.y0 and box.y1 <= page.y1, (issue.key, t.get_text())


def test_label_rows_stack_only_what_would_overlap():
    # centres 0, 1, 1.5, 5 with width 1: the second and third touch, the fourth is free
    # width 1, gap 0.1: the label at 1.5 would touch the one at 1.2; the one at 5 is free
    assert plots.label_rows([0, 1.2, 1.5, 5], [1, 1, 1, 1], gap=0.1) == [0, 0, 1, 0]
    assert plots.label_rows([1.5, 1.2, 0], [1, 1, 1], gap=0.1) == [1, 0, 0]  # any order


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
