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
from matplotlib.figure import Figure
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


def position_line(
    positions: pd.DataFrame,
    codebook: Codebook,
    issue: str,
    *,
    parties: list[str] | None = None,
    deal: pd.DataFrame | None = None,
    ax: Axes | None = None,
) -> Figure:
    """One issue's 0–100 scale with each party's marker, the options as ticks, and the deal.

    ``deal`` is :func:`toolkit.compare.deal_model` output; its compromise (diamond) and
    weighted median (triangle) for this issue are drawn when given.
    """
    spec = codebook.issue(issue)
    parties = list(parties or codebook.party_keys)
    rows = positions[
        (positions["issue"].astype(str) == issue) & positions["party"].astype(str).isin(parties)
    ]
    with _style():
        fig, ax = _figure_and_ax(
            ax, (7.5, 2.3), margins={"left": 0.03, "right": 0.98, "bottom": 0.3, "top": 0.88}
        )
        ax.axhline(0, color="#999999", linewidth=1, zorder=1)
        ax.set_xlim(-4, 104)
        ax.set_ylim(-1.2, 1.4)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        if spec.ordinal:
            ticks = [(o.position, o.label) for o in spec.options if o.position is not None]
            ax.set_xticks(
                [t for t, _ in ticks], [_wrap(label, 14) for _, label in ticks], fontsize=7.5
            )
        else:
            ax.set_xticks([])
            ax.text(50, 0.9, "categorical issue: no scale", ha="center", color="#666666")
        ax.set_title(spec.label, loc="left")
        placed: dict[float, int] = {}
        missing = []
        for party in parties:
            row = rows[rows["party"].astype(str) == party]
            value = row["position"].iloc[0] if len(row) else np.nan
            if pd.isna(value):
                missing.append(codebook.party(party).label)
                continue
            level = placed.get(round(value), 0)
            placed[round(value)] = level + 1
            y = 0.35 + 0.32 * level
            ax.scatter(
                [value],
                [0],
                s=90,
                color=codebook.party(party).color,
                zorder=3,
                edgecolor="white",
                linewidth=1,
            )
            ax.annotate(
                codebook.party(party).label,
                (value, 0),
                (value, y),
                ha="center",
                fontsize=8,
                color=codebook.party(party).color,
                arrowprops={"arrowstyle": "-", "color": "#bbbbbb", "linewidth": 0.6},
            )
        if deal is not None and spec.ordinal:
            d = deal[deal["issue"].astype(str) == issue]
            if len(d):
                comp, med = d["compromise"].iloc[0], d["weighted_median"].iloc[0]
                ax.scatter(
                    [comp],
                    [0],
                    marker="D",
                    s=60,
                    color="black",
                    zorder=4,
                    label=f"compromise {comp:.0f}",
                )
                ax.scatter(
                    [med],
                    [0],
                    marker="^",
                    s=60,
                    color="#555555",
                    zorder=4,
                    label=f"weighted median {med:.0f}",
                )
                ax.legend(loc="lower right", fontsize=7, frameon=False, ncols=2)
        if missing:
            ax.text(-4, -1.05, "not stated: " + ", ".join(missing), fontsize=7, color="#666666")
    return fig


def gap_heatmap(matrix: pd.DataFrame, codebook: Codebook, *, ax: Axes | None = None) -> Figure:
    """The pairwise mean distance between parties (0–100), annotated with its value.

    ``matrix`` is a party x party DataFrame of mean distances (NaN where no issue is shared).
    """
    keys = [str(k) for k in matrix.index]
    values = matrix.to_numpy(dtype=float)
    with _style():
        fig, ax = _figure_and_ax(ax, (1.2 + 1.1 * len(keys), 0.8 + 0.9 * len(keys)))
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
