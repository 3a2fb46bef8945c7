"""Figures: each function takes DataFrames (and an optional ``ax``) and returns the figure.

Figures are made with :class:`matplotlib.figure.Figure` directly, not through pyplot, so they
leak no global state: nothing is left open between notebook cells or tests, and rcParams are
only changed inside a context. Without pyplot, IPython's inline backend never learns about
them, so each function returns a :class:`ToolkitFigure`, which displays itself in Jupyter
(``_repr_mimebundle_``): as SVG, byte-identical for the same figure so that stored notebook
outputs can be compared, and as PNG for a viewer that does not show SVG (JupyterLab shows
only "safe" outputs such as PNG in a notebook it did not run itself).

Colours: ordinal positions use one diverging map from Kyiv's maximal aim (0, blue) to
Moscow's (100, red) as the codebook's scale defines them; parties use the codebook's colours;
"not stated" is light grey with hatching.
"""

from __future__ import annotations

import base64
import io
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine

from .codebook import Codebook

__all__ = [
    "ToolkitFigure",
    "figure_to_png",
    "figure_to_svg",
    "gap_heatmap",
    "issue_scores",
    "position_line",
    "positions_matrix",
    "timeline",
]

SCALE_CMAP = "coolwarm"
NOT_STATED = "#eeeeee"
_STYLE = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "negotiation-toolkit",  # stable ids: same figure, same SVG bytes
    "svg.fonttype": "none",  # text stays text: smaller, faster, searchable
    "text.parse_math": False,  # labels are plain text: "$5bn" is not mathematics
}


@contextmanager
def _style():
    with mpl.rc_context(_STYLE):
        yield


class ToolkitFigure(Figure):
    """A matplotlib figure that displays itself in Jupyter as SVG (and PNG), without pyplot.

    Nothing global is registered: the display comes from the object itself, so a figure
    shows when it ends a cell, in ``display(fig)``, or in any frontend that asks for a
    MIME bundle, and pyplot's state is never touched.
    """

    def settle(self) -> None:
        """Fix the layout once, measured as the PNG is drawn, before any output is made.

        Constrained layout refines itself a little on every draw and measures text with the
        renderer at hand (the SVG one at 72 dpi gives other margins than Agg at the figure's
        dpi), so without this a second rendering, or the PNG made after the SVG, would be
        laid out differently: labels could be cut at the edge, and bytes would change.
        """
        if isinstance(self.get_layout_engine(), ConstrainedLayoutEngine):
            with _style():
                self.draw_without_rendering()
            self.set_layout_engine("none")

    def __repr__(self) -> str:
        return super().__repr__().replace(type(self).__name__, "Figure", 1)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        bundle = {
            "image/svg+xml": lambda: figure_to_svg(self),
            "image/png": lambda: base64.b64encode(figure_to_png(self)).decode("ascii"),
            "text/plain": lambda: repr(self),  # "<Figure size 920x818 with 2 Axes>"
        }
        return {
            mime: render()
            for mime, render in bundle.items()
            if (include is None or mime in include) and (exclude is None or mime not in exclude)
        }


def _figure_and_ax(
    ax: Axes | None, size: tuple[float, float], margins: dict | None = None
) -> tuple[Figure, Axes]:
    """A new figure (constrained layout, or fixed ``margins``, which draw much faster) or the
    figure of the given ``ax``."""
    if ax is not None:
        return ax.figure, ax
    fig = ToolkitFigure(figsize=size, layout=None if margins else "constrained")
    if margins:
        fig.subplots_adjust(**margins)
    return fig, fig.add_subplot()


def _wrap(text: str, width: int = 16) -> str:
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def positions_matrix(
    positions: pd.DataFrame,
    codebook: Codebook,
    *,
    parties: list[str] | None = None,
    issues: list[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Issues x parties, each cell coloured by the party's position and labelled with its option.

    Grey hatched cells are "not stated"; categorical issues (no scale) are pale, labelled only;
    an outlined cell is contested.
    """
    parties = list(parties or codebook.party_keys)
    issues = list(issues or codebook.issue_keys)
    table = positions.set_index(["issue", "party"])
    with _style():
        fig, ax = _figure_and_ax(ax, (1.6 + 1.9 * len(parties), 0.9 + 0.52 * len(issues)))
        cmap = mpl.colormaps[SCALE_CMAP]
        for r, issue in enumerate(issues):
            ordinal = codebook.issue(issue).ordinal
            for c, party in enumerate(parties):
                row = table.loc[(issue, party)] if (issue, party) in table.index else None
                status = "not stated" if row is None else row["status"]
                value = np.nan if row is None else row["position"]
                if status == "not stated":
                    face, hatch, text = NOT_STATED, "///", ""
                elif ordinal and not pd.isna(value):
                    face, hatch, text = cmap(value / 100), None, row["label"]
                else:
                    face, hatch, text = "#f7f7f7", None, row["label"]
                ax.add_patch(
                    mpl.patches.Rectangle(
                        (c, r), 1, 1, facecolor=face, hatch=hatch, edgecolor="white", linewidth=1.5
                    )
                )
                if status == "contested":
                    ax.add_patch(
                        mpl.patches.Rectangle(
                            (c + 0.04, r + 0.06),
                            0.92,
                            0.88,
                            fill=False,
                            edgecolor="black",
                            linewidth=1.2,
                            linestyle="--",
                        )
                    )
                if text:
                    dark = ordinal and not pd.isna(value) and abs(value - 50) > 30
                    ax.text(
                        c + 0.5,
                        r + 0.5,
                        _wrap(text),
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="white" if dark else "black",
                    )
        ax.set_xlim(0, len(parties))
        ax.set_ylim(len(issues), 0)
        ax.set_xticks(np.arange(len(parties)) + 0.5, [codebook.party(p).label for p in parties])
        ax.xaxis.tick_top()
        ax.set_yticks(np.arange(len(issues)) + 0.5, [codebook.issue(i).label for i in issues])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        sm = mpl.cm.ScalarMappable(norm=mpl.colors.Normalize(0, 100), cmap=cmap)
        bar = fig.colorbar(sm, ax=ax, orientation="horizontal", fraction=0.04, pad=0.02, aspect=40)
        bar.set_label(f"0 = {codebook.scale_low}   ·   100 = {codebook.scale_high}")
    return fig


def _text_width(text: str, size: float) -> float:
    """Width in inches of ``text`` (its widest line) at ``size`` points, as drawn: plain text,
    never mathtext."""
    renderer = RendererAgg(1, 1, 72)
    prop = FontProperties(size=size)
    return (
        max(
            renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
            for line in str(text).split("\n")
        )
        / 72
    )


def label_rows(centres: list[float], widths: list[float], gap: float) -> list[int]:
    """A row for each label (0 = nearest the axis) so that labels in one row never overlap.

    ``centres`` and ``widths`` are in one unit (inches, pixels), in any order; each label
    takes the lowest row whose labels so far end at least ``gap`` before it starts.
    """
    ends: list[float] = []  # per row: where its rightmost label ends
    rows = [0] * len(centres)
    for i in sorted(range(len(centres)), key=lambda i: centres[i]):
        start = centres[i] - widths[i] / 2
        row = next((r for r, end in enumerate(ends) if start >= end + gap), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = centres[i] + widths[i] / 2
        rows[i] = row
    return rows


_ROW = 0.3  # inches per party row
_PARTY_SIZE, _OPTION_SIZE, _NOTE_SIZE = 8.5, 7.5, 7.5
_LINE = 1.25 * _OPTION_SIZE / 72  # inches per line of an option label
_CLEAR = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}  # lines pass behind a note


def position_line(
    positions: pd.DataFrame,
    codebook: Codebook,
    issue: str,
    *,
    parties: list[str] | None = None,
    deal: pd.DataFrame | None = None,
    width: float = 7.5,
    ax: Axes | None = None,
) -> Figure:
    """One issue's 0–100 scale: a row per party, the options below it, the predicted deal.

    Each party has a row of its own, so parties at one place never hide each other:

    - a dot in its colour at the option it supports, ringed (dashed) when contested;
    - an open crossed marker, labelled "against", at each option it only opposes: such a
      party states no position, so it has no place on the scale and the deal model leaves it
      out (the legend says so);
    - "not stated" when the sources give it nothing on the issue.

    Option names that would overlap are set in further rows. ``deal`` is
    :func:`toolkit.compare.deal_model` output: its compromise (solid line) and weighted median
    (dashed) for this issue are drawn when given. ``width`` is the figure's width in inches
    (the report adds a narrow one for phones); the height follows from the content.
    """
    spec = codebook.issue(issue)
    parties = list(parties or codebook.party_keys)
    rows = positions[positions["issue"].astype(str) == issue]
    cells = {str(r["party"]): r for r in rows.to_dict("records")}
    ticks = [(o.position, _wrap(o.label, 16 if width >= 6 else 14)) for o in spec.options]
    ticks = [(x, label) for x, label in ticks if x is not None]
    with _style():
        names = [codebook.party(p).label for p in parties]
        left = max((_text_width(n, _PARTY_SIZE) for n in names), default=0) + 0.2
        label_w = [_text_width(label, _OPTION_SIZE) for _, label in ticks]
        own = ax is None
        if own:
            axis_w = width - left - 0.15
        else:  # the caller's axes: measure in its place
            fig, box = ax.figure, ax.get_position()
            width, left = fig.get_figwidth(), box.x0 * fig.get_figwidth()
            axis_w = box.width * width
        per_unit = axis_w / 108  # inches per scale unit: the axis runs from -4 to 104
        centres = []
        for (x, _), w in zip(ticks, label_w, strict=True):
            c = left + (x + 4) * per_unit  # in inches from the figure's left edge
            centres.append(min(max(c, w / 2 + 0.05), width - w / 2 - 0.05))
        tick_rows = label_rows(centres, label_w, gap=0.1)
        row_lines = [0] * (max(tick_rows, default=-1) + 1)  # lines in each row's tallest label
        for (_, label), r in zip(ticks, tick_rows, strict=True):
            row_lines[r] = max(row_lines[r], label.count("\n") + 1)
        row_top = [
            0.06 + sum(n * _LINE + 0.06 for n in row_lines[:r]) for r in range(len(row_lines))
        ]
        labels_h = 0.06 + sum(n * _LINE + 0.06 for n in row_lines)
        legend = _scale_legend(rows, parties, spec.ordinal, deal, issue)
        ncols, legend_lines = _legend_columns(
            [_text_width(t, _NOTE_SIZE) + 0.45 for _, t in legend], width - 0.2
        )
        legend_h = legend_lines * 0.19 + 0.12 if legend else 0.0
        if own:
            bottom = labels_h + legend_h + 0.05
            height = 0.4 + _ROW * len(parties) + bottom
            margins = {
                "left": left / width,
                "right": 1 - 0.15 / width,
                "top": 1 - 0.4 / height,
                "bottom": bottom / height,
            }
            fig, ax = _figure_and_ax(None, (width, height), margins=margins)
        axes_h = ax.get_position().height * fig.get_figheight()

        ax.set_title(spec.label, loc="left")
        ax.set_xlim(-4, 104)
        ax.set_ylim(len(parties) - 0.5, -0.5)
        ax.set_yticks(range(len(parties)), names, fontsize=_PARTY_SIZE)
        for tick, party in zip(ax.get_yticklabels(), parties, strict=True):
            tick.set_color(codebook.party(party).color)
        ax.tick_params(axis="y", length=0)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.spines["bottom"].set_color("#999999")
        if spec.ordinal:
            ax.set_xticks([x for x, _ in ticks], [""] * len(ticks))
            ax.grid(axis="x", color="#e8e8e8", linewidth=0.8, zorder=0)
            for (x, label), c, r in zip(ticks, centres, tick_rows, strict=True):
                shift = (c - (left + (x + 4) * per_unit)) * 72  # points moved off the edge
                ax.annotate(
                    label,
                    (x, 0),
                    xycoords=("data", "axes fraction"),
                    xytext=(shift, -row_top[r] * 72),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=_OPTION_SIZE,
                    color="#333333",
                    annotation_clip=False,
                    # a label set lower than the first row hangs from its tick by a thin line
                    arrowprops=(
                        {"arrowstyle": "-", "color": "#bbbbbb", "linewidth": 0.6, "shrinkA": 1}
                        if r
                        else None
                    ),
                )
        else:
            ax.set_xticks([])
            ax.text(50, -0.45, "categorical issue: no scale", ha="center", color="#666666")
        for y, party in enumerate(parties):
            ax.axhline(y, color="#f0f0f0", linewidth=0.8, zorder=0)
            _draw_stance(ax, y, cells.get(party), codebook.party(party).color, spec)
        if spec.ordinal and deal is not None:
            d = deal[deal["issue"].astype(str) == issue]
            if len(d):
                ax.axvline(d["compromise"].iloc[0], color="black", linewidth=1.3, zorder=2)
                ax.axvline(
                    d["weighted_median"].iloc[0],
                    color="#666666",
                    linewidth=1.3,
                    linestyle="--",
                    zorder=2,
                )
        if legend:
            ax.legend(
                [h for h, _ in legend],
                [t for _, t in legend],
                loc="upper left",
                bbox_to_anchor=(-(left - 0.1) / axis_w, -(labels_h + 0.05) / axes_h),
                ncols=ncols,
                fontsize=_NOTE_SIZE,
                frameon=False,
                borderaxespad=0,
                handlelength=1.6,
                columnspacing=1.2,
            )
    return fig


def _draw_stance(ax: Axes, y: int, cell: dict | None, color: str, spec) -> None:
    """One party's row of :func:`position_line`."""
    status = "not stated" if cell is None else cell["status"]
    position = np.nan if cell is None else cell["position"]
    if status in ("stated", "contested") and not pd.isna(position):
        ax.scatter([position], [y], s=70, color=color, edgecolor="white", linewidth=1, zorder=3)
        if status == "contested":
            ax.scatter(
                [position],
                [y],
                s=190,
                facecolors="none",
                edgecolors="#333333",
                linewidths=1,
                linestyles=(0, (2, 1.5)),
                zorder=3,
            )
        return
    opposed = [
        spec.option(o).position
        for o in str((cell or {}).get("opposes") or "").split(",")
        if o and o in spec.option_keys and spec.option(o).position is not None
    ]
    if status == "opposes only" and spec.ordinal and opposed:
        for x in opposed:
            ax.scatter(
                [x], [y], s=70, facecolors="white", edgecolors=color, linewidths=1.5, zorder=3
            )
            ax.scatter([x], [y], s=26, marker="x", color=color, linewidths=1.2, zorder=4)
        x = min(opposed)
        right = x > 80
        ax.text(
            x + (-3.5 if right else 3.5),
            y,
            "against",
            ha="right" if right else "left",
            va="center",
            fontsize=_NOTE_SIZE,
            style="italic",
            color=color,
            bbox=_CLEAR,
            zorder=5,
        )
        return
    text = "not stated" if status == "not stated" else str(cell["label"])
    ax.text(
        -3,
        y,
        text,
        va="center",
        fontsize=_NOTE_SIZE,
        style="italic",
        color="#888888",
        bbox=_CLEAR,
        zorder=5,
    )


def _legend_columns(widths: list[float], room: float) -> tuple[int, int]:
    """(columns, lines) for legend entries of these ``widths`` to fit in ``room`` inches.

    A matplotlib legend fills its columns top to bottom; each column is as wide as its widest
    entry. The most columns that fit win.
    """
    for ncols in range(len(widths), 0, -1):
        lines = -(-len(widths) // ncols)
        columns = [widths[c * lines : (c + 1) * lines] for c in range(ncols)]
        if sum(max(c) + 0.17 for c in columns if c) <= room or ncols == 1:
            return ncols, lines
    return 1, 0


def _scale_legend(rows, parties, ordinal, deal, issue) -> list[tuple]:
    """(handle, text) for what :func:`position_line` draws beyond the parties' dots."""
    from matplotlib.lines import Line2D

    shown = rows[rows["party"].astype(str).isin(parties)]
    status = set(shown["status"].astype(str))
    legend = []
    if ordinal and deal is not None:
        d = deal[deal["issue"].astype(str) == issue]
        if len(d):
            comp, med = d["compromise"].iloc[0], d["weighted_median"].iloc[0]
            legend.append((Line2D([], [], color="black", linewidth=1.3), f"compromise {comp:.0f}"))
            legend.append(
                (
                    Line2D([], [], color="#666666", linewidth=1.3, linestyle="--"),
                    f"weighted median {med:.0f}",
                )
            )
    if "contested" in status:
        ring = Line2D([], [], marker="o", markersize=11, markerfacecolor="none", linestyle="")
        ring.set_markeredgecolor("#333333")
        legend.append((ring, "contested"))
    if ordinal and "opposes only" in status:
        marker = (
            Line2D(
                [],
                [],
                marker="o",
                markersize=8,
                markerfacecolor="white",
                linestyle="",
                markeredgecolor="#555555",
                markeredgewidth=1.5,
            ),
            Line2D([], [], marker="x", markersize=5, color="#555555", linestyle=""),
        )
        legend.append(
            (
                marker,
                "against: no position of its own"
                + ("; left out of the deal model" if deal is not None else ""),
            )
        )
    return legend


def gap_heatmap(matrix: pd.DataFrame, codebook: Codebook, *, ax: Axes | None = None) -> Figure:
    """The pairwise mean distance between parties (0–100), annotated with its value.

    ``matrix`` is a party x party DataFrame of mean distances (NaN where no issue is shared).
    """
    keys = [str(k) for k in matrix.index]
    values = matrix.to_numpy(dtype=float)
    with _style():
        fig, ax = _figure_and_ax(ax, (1.6 + 0.8 * len(keys), 1.0 + 0.7 * len(keys)))
        image = ax.imshow(np.ma.masked_invalid(values), cmap="Purples", vmin=0, vmax=100)
        labels = [codebook.party(k).label if k in codebook.party_keys else k for k in keys]
        ax.set_xticks(range(len(keys)), labels, rotation=30, ha="right")
        ax.set_yticks(range(len(keys)), labels)
        for i in range(len(keys)):
            for j in range(len(keys)):
                v = values[i, j]
                ax.text(
                    j,
                    i,
                    "–" if np.isnan(v) else f"{v:.0f}",
                    ha="center",
                    va="center",
                    color="white" if not np.isnan(v) and v > 60 else "black",
                    fontsize=8,
                )
        ax.set_title("Mean distance on shared issues (0–100)", loc="left")
        fig.colorbar(image, ax=ax, fraction=0.046)
    return fig


def timeline(
    statements: pd.DataFrame,
    codebook: Codebook,
    issue: str,
    *,
    parties: list[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Each party's supported positions on one ordinal issue over time (one dot per statement,
    a line through the party's daily mean); opposed options are drawn as hollow markers."""
    spec = codebook.issue(issue)
    parties = list(parties or codebook.party_keys)
    rows = statements[
        (statements["issue"].astype(str) == issue)
        & statements["date"].notna()
        & statements["position"].notna()
    ]
    with _style():
        fig, ax = _figure_and_ax(ax, (7.5, 2.8))
        ax.set_title(f"{spec.label} over time", loc="left")
        ax.set_ylim(-5, 105)
        if spec.ordinal:
            ticks = [(o.position, o.label) for o in spec.options if o.position is not None]
            ax.set_yticks([t for t, _ in ticks], [label for _, label in ticks], fontsize=7.5)
        for party in parties:
            own = rows[rows["party"].astype(str) == party].sort_values("date", kind="stable")
            if own.empty:
                continue
            color = codebook.party(party).color
            support = own[own["polarity"].astype(str) == "support"]
            oppose = own[own["polarity"].astype(str) == "oppose"]
            if len(support):
                daily = support.groupby("date")["position"].mean()
                ax.plot(
                    daily.index,
                    daily.to_numpy(),
                    color=color,
                    marker="o",
                    label=codebook.party(party).label,
                )
            if len(oppose):
                ax.scatter(
                    oppose["date"],
                    oppose["position"],
                    facecolors="none",
                    edgecolors=color,
                    marker="o",
                    s=40,
                )
        if rows.empty:
            ax.text(
                0.5,
                0.5,
                "no dated statements on this issue",
                transform=ax.transAxes,
                ha="center",
                color="#666666",
            )
        else:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
            fig.autofmt_xdate()
    return fig


def figure_to_svg(fig: Figure) -> str:
    """The figure as SVG text with no date and stable ids: same figure, same bytes."""
    if isinstance(fig, ToolkitFigure):
        fig.settle()
    buffer = io.StringIO()
    with _style():
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def figure_to_png(fig: Figure) -> bytes:
    """The figure as PNG bytes (at the figure's dpi) with no software or date metadata."""
    if isinstance(fig, ToolkitFigure):
        fig.settle()
    buffer = io.BytesIO()
    with _style():
        fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


SET_COLORS = ("#4c72b0", "#dd8452", "#8c8c8c", "#55a868", "#c44e52")


def issue_scores(
    scores: pd.DataFrame,
    codebook: Codebook,
    *,
    level: str = "tuple",
    metric: str = "f1",
    ax: Axes | None = None,
) -> Figure:
    """One bar per issue and evaluated set: the extraction's ``metric`` (0–1) on that issue.

    ``scores`` is :func:`toolkit.evaluate.per_issue` output, or several of them stacked by
    :func:`toolkit.evaluate.by_set` (a ``set`` column). Each bar is labelled with its value and
    ``n``, the number of required gold tuples (or pairs) on the issue in that set: a score
    over two tuples says little. Issues follow the codebook's order.
    """
    if metric not in ("precision", "recall", "f1"):
        raise ValueError(f"metric must be precision, recall or f1, not {metric!r}")
    rows = scores[scores["level"] == level]
    if "set" not in rows.columns:
        rows = rows.assign(set="")
    sets = list(dict.fromkeys(rows["set"]))
    present = set(rows["issue"].astype(str))
    issues = [i for i in codebook.issue_keys if i in present]
    height = 0.8 / max(len(sets), 1)
    with _style():
        fig, ax = _figure_and_ax(ax, (7.5, 1.0 + (0.12 + 0.22 * len(sets)) * max(len(issues), 1)))
        for k, name in enumerate(sets):
            own = rows[rows["set"] == name].set_index(
                rows["issue"][rows["set"] == name].astype(str)
            )
            ys, values, labels = [], [], []
            for r, issue in enumerate(issues):
                if issue not in own.index:
                    continue
                row = own.loc[issue]
                ys.append(r - 0.4 + height * (k + 0.5))
                values.append(float(row[metric]))
                labels.append(f"{float(row[metric]):.2f}  n={int(row['tp'] + row['fn'])}")
            color = SET_COLORS[k % len(SET_COLORS)]
            ax.barh(ys, values, height=height * 0.9, color=color, label=name or None)
            for y, value, label in zip(ys, values, labels, strict=True):
                ax.text(value + 0.01, y, label, va="center", fontsize=7, color="#333333")
        ax.set_yticks(range(len(issues)), [codebook.issue(i).label for i in issues])
        ax.set_ylim(len(issues) - 0.5, -0.5)
        ax.set_xlim(0, 1.22)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(f"{'F1' if metric == 'f1' else metric} ({level} level)")
        if not issues:
            ax.text(0.5, 0.5, "nothing to score", transform=ax.transAxes, ha="center")
        if any(sets):
            ax.legend(
                loc="lower left",
                bbox_to_anchor=(0, 1.0),
                ncols=len(sets),
                fontsize=8,
                frameon=False,
                borderaxespad=0.2,
            )
    return fig
