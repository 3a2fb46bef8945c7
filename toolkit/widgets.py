"""Interactive views for JupyterLab: thin ipywidgets shells over the analysis functions.

Each view computes nothing itself: on every change it calls functions from
:mod:`toolkit.positions` and :mod:`toolkit.compare`, keeps what they return in ``result``
(a DataFrame, so tests can drive a view by setting ``.value`` on its controls and check
``result`` without a browser) and shows it. Every string that comes from a source is
escaped before it reaches an ``HTML`` widget. In a notebook::

    from toolkit.widgets import PositionsExplorer
    explorer = PositionsExplorer(statements, documents, codebook)
    explorer.issue.value = "zaporizhzhia_npp"
    explorer.result                                         # the parties side by side
"""

from __future__ import annotations

import time
from html import escape

import pandas as pd

try:
    import ipywidgets as w
    import traitlets
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "toolkit.widgets needs ipywidgets: pip install 'negotiation-toolkit[lab]'"
    ) from exc

from .codebook import Codebook
from .compare import agreement, deal_model
from .plots import label_rows
from .positions import evidence, positions

__all__ = [
    "DealModelPanel",
    "HTMLView",
    "PartyPicker",
    "PositionsExplorer",
    "TwoPartyComparer",
    "highlight_quote",
    "scale_html",
    "sentence_trace",
]

_ALL = "__all__"


def highlight_quote(quote: str, cue_start: int, cue_end: int) -> str:
    """``quote`` as escaped HTML with the cue (offsets relative to the quote) in ``<mark>``."""
    if not (0 <= cue_start <= cue_end <= len(quote)):
        return escape(quote)
    return (
        escape(quote[:cue_start])
        + "<mark>"
        + escape(quote[cue_start:cue_end])
        + "</mark>"
        + escape(quote[cue_end:])
    )


#: The widget chart's scale is assumed this wide, and option names this wide per character,
#: to set in further rows the names that would overlap (a browser measures no text here).
_SCALE_PX, _CHAR_PX = 560, 6.6


def scale_html(
    rows: pd.DataFrame, codebook: Codebook, issue: str, deal: pd.DataFrame | None = None
) -> str:
    """One issue's 0–100 scale as HTML: a row per party with its dot, the deal as lines.

    The widget's light-weight twin of :func:`toolkit.plots.position_line` (a matplotlib
    figure takes ~50 ms to draw; this takes well under 1 ms), drawn the same way: each party
    has its own row, so none hides another; a party that only opposes gets an open crossed
    marker at what it opposes, labelled "against" (no position of its own, so the deal model
    leaves it out); option names that would overlap are set lower.
    """
    spec = codebook.issue(issue)
    if not spec.ordinal:
        return "<p><i>Categorical issue: no 0–100 scale.</i></p>"
    options = [(o.position, o.label) for o in spec.options if o.position is not None]
    lines = []
    if deal is not None:
        d = deal[deal["issue"].astype(str) == issue]
        if len(d):
            lines = [
                (float(d["compromise"].iloc[0]), "solid #000", "compromise"),
                (float(d["weighted_median"].iloc[0]), "dashed #666", "weighted median"),
            ]
    guides = "".join(  # light lines at the options, the deal's lines over them
        f'<span style="position:absolute;left:{x}%;top:0;bottom:0;border-left:{style}"></span>'
        for x, style in [(x, "1px solid #eee") for x, _ in options]
        + [(x, f"2px {style}") for x, style, _ in lines]
    )
    body, opposes_only, contested = [], False, False
    for r in rows.itertuples():
        party = codebook.party(str(r.party))
        stance, opposed = _stance_html(r, party, spec)
        opposes_only |= opposed
        contested |= getattr(r, "status", None) == "contested"
        body.append(
            f'<div style="color:{escape(party.color)};font-weight:600;padding-right:10px">'
            f"{escape(party.label)}</div>"
            '<div style="position:relative;height:24px;border-bottom:1px solid #eee">'
            f"{guides}{stance}</div>"
        )
    levels = label_rows(
        [x / 100 * _SCALE_PX for x, _ in options],
        [len(label) * _CHAR_PX for _, label in options],
        gap=10,
    )
    names = "".join(  # each name hangs from its option's tick
        f'<span style="position:absolute;left:{x}%;top:0;height:{4 + 16 * level}px;'
        'border-left:1px solid #bbb"></span>'
        f'<span style="position:absolute;left:{x}%;top:{4 + 16 * level}px;white-space:nowrap;'
        f"transform:translateX({0 if x <= 5 else -100 if x >= 95 else -50}%);"
        f'font-size:11px;color:#555">{escape(label)}</span>'
        for (x, label), level in zip(options, levels, strict=True)
    )
    key = [
        f"{'│' if style.startswith('solid') else '┆'} {name} {x:.0f}" for x, style, name in lines
    ]
    if contested:
        key.append("◌ contested")
    if opposes_only:
        key.append(
            "⊗ against: no position of its own"
            + ("; left out of the deal model" if deal is not None else "")
        )
    legend = (
        f"<div style='color:#555;font-size:11px;margin-top:4px'>{escape(' · '.join(key))}</div>"
        if key
        else ""
    )
    return (
        '<div style="max-width:760px;font-size:12px">'
        '<div style="display:grid;grid-template-columns:max-content 1fr;align-items:center;'
        f'padding-right:14px">{"".join(body)}<div></div>'
        f'<div style="position:relative;height:{8 + 16 * (max(levels, default=0) + 1)}px;'
        f'border-top:1px solid #999">{names}</div></div>{legend}</div>'
    )


def _stance_html(r, party, spec) -> tuple[str, bool]:
    """One party's marker on its row of :func:`scale_html`; True if it only opposes."""
    # rows from the positions table have a status; bare (party, position) rows get one
    status = getattr(r, "status", None) or ("not stated" if pd.isna(r.position) else "stated")
    label = getattr(r, "label", status)
    title = escape(f"{party.label}: {label}")
    color = escape(party.color)
    if status in ("stated", "contested") and not pd.isna(r.position):
        ring = "outline:1.5px dashed #333;outline-offset:2px;" if status == "contested" else ""
        return (
            f'<span title="{title}" style="position:absolute;left:{float(r.position)}%;top:5px;'
            f"width:14px;height:14px;border-radius:7px;background:{color};{ring}"
            'transform:translateX(-50%);border:1px solid white"></span>'
        ), False
    opposed = [
        spec.option(o).position
        for o in str(getattr(r, "opposes", "") or "").split(",")
        if o in spec.option_keys and spec.option(o).position is not None
    ]
    if status == "opposes only" and opposed:
        marks = "".join(
            f'<span title="{title}" style="position:absolute;left:{x}%;top:4px;width:12px;'
            f"height:12px;border-radius:8px;border:2px solid {color};background:white;"
            f"color:{color};font-size:11px;line-height:12px;text-align:center;"
            'transform:translateX(-50%)">×</span>'
            for x in opposed
        )
        x = min(opposed)
        side = f"right:{100 - x}%;margin-right:14px" if x > 80 else f"left:{x}%;margin-left:14px"
        note = (
            f'<span style="position:absolute;{side};top:4px;font-style:italic;'
            f'font-size:11px;color:{color};background:white">against</span>'
        )
        return marks + note, True
    text = "not stated" if status == "not stated" else escape(str(label))
    return (
        f'<span style="position:absolute;left:0;top:4px;{_QUIET};font-size:11px">{text}</span>',
        False,
    )


# Inline styles: a widget's HTML gets none of the notebook's table CSS, and a <style> element
# would leak into the whole page, so each table carries its own look.
_TABLE = "border-collapse:collapse;font-size:12px;line-height:1.4;margin:4px 0 10px 0"
_CELL = "border:1px solid #d4d4d4;padding:4px 10px;text-align:left;vertical-align:top"
_HEAD = _CELL + ";background:#f3f3f3;font-weight:600"
_QUIET = "color:#888;font-style:italic"
_RELATION_COLOURS = {
    "agree": "#e3f4e1",
    "opposed": "#fbe0dc",
    "apart": "#fdf1d6",
    "unknown": "#f5f5f5",
}


def _cell_text(value) -> str:
    """One value as escaped text: blank for missing, one decimal for non-integral floats."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.1f}"
    return escape(str(value))


def _table_html(frame: pd.DataFrame, codebook: Codebook | None = None, *, corner: str = "") -> str:
    """A DataFrame as a self-styled HTML table, every cell escaped.

    With a codebook, a column named by a party key is headed by the party's label over a bar
    in its colour, and a row named by an issue key by the issue's label. ``corner`` fills the
    top-left cell. A ``relation`` column is tinted (agree, opposed, apart, unknown).
    """
    parties = {p.key: p for p in codebook.parties} if codebook else {}
    issues = {i.key: i for i in codebook.issues} if codebook else {}
    head = [f'<th style="{_HEAD}">{escape(corner)}</th>']
    for column in frame.columns:
        party = parties.get(str(column))
        if party is not None:
            head.append(
                f'<th style="{_HEAD};border-bottom:3px solid {escape(party.color)}">'
                f"{escape(party.label)}</th>"
            )
        else:
            head.append(f'<th style="{_HEAD}">{escape(str(column).replace("_", " "))}</th>')
    body = []
    for key, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        issue = issues.get(str(key))
        name = escape(issue.label if issue is not None else str(key))
        cells = [f'<th style="{_HEAD}" title="{escape(str(key))}">{name}</th>']
        for column, value in zip(frame.columns, row, strict=True):
            style = _CELL
            if value == "not stated":
                style += ";" + _QUIET
            if str(column).startswith("quote"):
                style += ";font-size:11px;color:#444;max-width:320px"
            if column == "relation" and value in _RELATION_COLOURS:
                style += f";background:{_RELATION_COLOURS[value]}"
            cells.append(f'<td style="{style}">{_cell_text(value)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="toolkit-table" style="{_TABLE}"><thead><tr>{"".join(head)}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


class HTMLView:
    """Ready-made, escaped HTML that displays itself in Jupyter (and in a stored notebook)."""

    def __init__(self, html: str, summary: str) -> None:
        self.html = html
        self.summary = summary

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"<{self.summary}>"


_CUE_MARK = "background:#ffe58a;padding:0 1px;border-radius:2px"


def _marked(text: str, cues: list[tuple[int, int]], actors: list[tuple[int, int, str]]) -> str:
    """``text`` escaped, with the ``cues`` spans in ``<mark>`` and the ``actors`` spans
    underlined in the party's colour (offsets relative to ``text``; overlaps are fine)."""
    cue = [False] * len(text)
    under: list[str | None] = [None] * len(text)
    for s, e in cues:
        for i in range(max(s, 0), min(e, len(text))):
            cue[i] = True
    for s, e, color in actors:
        for i in range(max(s, 0), min(e, len(text))):
            under[i] = under[i] or color
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and cue[j] == cue[i] and under[j] == under[i]:
            j += 1
        chunk = escape(text[i:j])
        if under[i]:
            chunk = f'<span style="border-bottom:2px solid {escape(under[i])}">{chunk}</span>'
        if cue[i]:
            chunk = f'<mark style="{_CUE_MARK}">{chunk}</mark>'
        out.append(chunk)
        i = j
    return "".join(out)


def sentence_trace(
    sentences: pd.DataFrame,
    statements: pd.DataFrame,
    codebook: Codebook,
    *,
    only_with_statements: bool = False,
) -> HTMLView:
    """Sentence by sentence, the statements the extractor took from it, as an HTML table.

    ``sentences`` is :func:`toolkit.evaluate.sentence_table` output, ``statements`` is
    :func:`toolkit.extract` output for the same documents. In each sentence the cue (the
    words that named the option) is highlighted, and the words that named the party are
    underlined in its colour where they occur once in the sentence (a pronoun's referent is
    shown in brackets in the statement line). Every string from a source is escaped.
    """
    parties = {p.key: p for p in codebook.parties}
    grouped = {
        key: group
        for key, group in statements.groupby(
            [statements["doc_id"].astype(str), statements["sentence"]], sort=False
        )
    }
    several_docs = sentences["doc_id"].nunique() > 1
    rows, current_doc, shown = [], None, 0
    for sent in sentences.itertuples(index=False):
        found = grouped.get((str(sent.doc_id), sent.sentence))
        if found is None and only_with_statements:
            continue
        if several_docs and sent.doc_id != current_doc:
            current_doc = sent.doc_id
            rows.append(f'<tr><th colspan="3" style="{_HEAD}">{escape(str(sent.doc_id))}</th></tr>')
        number = f'<td style="{_CELL};color:#888">{int(sent.sentence)}</td>'
        if found is None:
            rows.append(
                f'<tr>{number}<td style="{_CELL};color:#999">{escape(sent.text)}</td>'
                f'<td style="{_CELL};color:#bbb">—</td></tr>'
            )
            continue
        shown += 1
        cues, actors, lines = [], [], []
        for r in found.itertuples(index=False):
            party = parties[str(r.party)]
            cues.append((r.cue_start - sent.start, r.cue_end - sent.start))
            named = str(r.actor).split(" (")[0]
            if named and sent.text.count(named) == 1:
                at = sent.text.index(named)
                actors.append((at, at + len(named), party.color))
            issue = codebook.issue(str(r.issue))
            verb = "supports" if str(r.polarity) == "support" else "opposes"
            condition = (
                f" · if {escape(str(r.condition))}"
                if isinstance(r.condition, str) and r.condition
                else ""
            )
            lines.append(
                f'<div style="margin:1px 0"><span style="background:{escape(party.color)};'
                f'color:white;border-radius:3px;padding:0 5px">{escape(party.label)}</span> '
                f"{verb} <b>{escape(issue.option(str(r.option)).label)}</b> "
                f'<span style="color:#666">on {escape(issue.label)} · named as '
                f"“{escape(str(r.actor))}” · cue “{escape(str(r.cue))}” · rule "
                f"{escape(str(r.rule))}{condition}</span></div>"
            )
        rows.append(
            f'<tr>{number}<td style="{_CELL};max-width:460px">'
            f"{_marked(sent.text, cues, actors)}</td>"
            f'<td style="{_CELL}">{"".join(lines)}</td></tr>'
        )
    head = "".join(
        f'<th style="{_HEAD}">{name}</th>'
        for name in ("#", "sentence (cue highlighted, party underlined)", "statements")
    )
    html = (
        f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return HTMLView(html, f"sentence trace: {len(sentences)} sentences, {shown} with statements")


class PartyPicker(w.VBox):
    """A checkbox per party; ``value`` is the tuple of the chosen parties' keys.

    Setting ``value`` from code ticks the boxes (and keeps the order given); ticking a box
    sets ``value`` in codebook order. Unlike a multiple-select list, what is chosen is plain
    to see whatever the theme.
    """

    value = traitlets.Tuple()

    def __init__(self, codebook: Codebook, **kwargs) -> None:
        self._boxes = {
            p.key: w.Checkbox(
                value=True, description=p.label, indent=False, layout=w.Layout(width="auto")
            )
            for p in codebook.parties
        }
        self._syncing = False
        super().__init__([w.HTML("<b>Parties</b>"), *self._boxes.values()], **kwargs)
        self.value = tuple(codebook.party_keys)
        for box in self._boxes.values():
            box.observe(self._from_boxes, names="value")
        self.observe(self._to_boxes, names="value")

    def _from_boxes(self, _change) -> None:
        if not self._syncing:
            self.value = tuple(k for k, box in self._boxes.items() if box.value)

    def _to_boxes(self, change) -> None:
        self._syncing = True
        try:
            for key, box in self._boxes.items():
                box.value = key in change["new"]
        finally:
            self._syncing = False


class _View:
    """Common plumbing: a root widget, a timer, and display in Jupyter."""

    root: w.Widget
    last_update_ms: float = 0.0

    def _repr_mimebundle_(self, **kwargs):
        return self.root._repr_mimebundle_(**kwargs)

    def _timed(self, update) -> None:
        start = time.perf_counter()
        update()
        self.last_update_ms = (time.perf_counter() - start) * 1e3


class PositionsExplorer(_View):
    """Pick an issue, parties, a source and an "as of" date; see the parties side by side,
    their evidence quotes with the cue highlighted, and the issue's position line.

    ``result`` is the side-by-side table for the chosen issue: one row per chosen party with
    its label, status, position, evidence and ``review`` (whether a person checked the
    statements behind it: give it statements from :func:`toolkit.apply_reviews`).
    """

    def __init__(
        self,
        statements: pd.DataFrame,
        documents: pd.DataFrame,
        codebook: Codebook,
        *,
        issue: str | None = None,
        chart: bool = True,
    ) -> None:
        self.statements = statements
        self.documents = documents
        self.codebook = codebook
        self.chart_enabled = chart
        # statements grouped once per (party, issue): each update only filters small frames
        self._cells = {
            (str(p), str(i)): g
            for (p, i), g in statements.groupby(
                [statements["party"].astype(str), statements["issue"].astype(str)], sort=False
            )
        }
        self.issue = w.Dropdown(
            options=[(i.label, i.key) for i in codebook.issues],
            value=issue or codebook.issue_keys[0],
            description="Issue",
        )
        self.parties = PartyPicker(codebook)
        self.source = w.Dropdown(
            options=[("All sources", _ALL)]
            + [(f"{d.doc_id}: {str(d.title)[:60]}", d.doc_id) for d in documents.itertuples()],
            value=_ALL,
            description="Source",
        )
        dates = sorted({d.strftime("%Y-%m-%d") for d in documents["date"].dropna()})
        self.as_of = w.Dropdown(
            options=[("latest", _ALL)] + [(d, d) for d in dates], value=_ALL, description="As of"
        )
        self.table = w.HTML()
        self.quotes = w.HTML()
        self.chart = w.HTML()
        self.result = pd.DataFrame()
        for control in (self.issue, self.parties, self.source, self.as_of):
            control.observe(lambda _change: self.update(), names="value")
        self.root = w.VBox(
            [
                w.HBox([w.VBox([self.issue, self.source, self.as_of]), self.parties]),
                self.table,
                self.chart,
                self.quotes,
            ]
        )
        self.update()

    def _statements(self) -> pd.DataFrame:
        chosen = self.statements
        if self.source.value != _ALL:
            chosen = chosen[chosen["doc_id"] == self.source.value]
        return chosen

    def update(self) -> None:
        """Recompute ``result`` from the controls and redraw."""
        self._timed(self._update)

    def _update(self) -> None:
        issue = self.issue.value
        parties = list(self.parties.value)
        as_of = None if self.as_of.value == _ALL else self.as_of.value
        chosen = self._statements()
        table = positions(chosen, self.codebook, as_of=as_of)
        rows = table[
            (table["issue"].astype(str) == issue) & table["party"].astype(str).isin(parties)
        ]
        rows = rows.set_index(rows["party"].astype(str)).reindex(parties)
        self.result = rows[
            ["status", "label", "position", "n_statements", "doc_id", "review", "quote"]
        ]
        label = escape(self.codebook.issue(issue).label)
        self.table.value = f"<h4>{label}</h4>" + (
            _table_html(self._side_by_side(), self.codebook, corner=label)
            if parties
            else "<p>Choose at least one party.</p>"
        )
        self.quotes.value = self._evidence_html(issue, parties, as_of)
        if self.chart_enabled and parties:
            self.chart.value = scale_html(
                rows.reset_index(drop=True).assign(party=parties), self.codebook, issue
            )
        else:
            self.chart.value = ""

    def _side_by_side(self) -> pd.DataFrame:
        """``result`` turned on its side for display: one column per party."""
        shown = self.result[["label", "status", "position", "n_statements", "doc_id", "review"]]
        return shown.T.rename(
            index={
                "label": "stance",
                "position": "scale (0–100)",
                "n_statements": "statements",
                "doc_id": "evidence in",
                "review": "checked by a person",
            }
        )

    def _evidence_html(self, issue, parties, as_of) -> str:
        parts = []
        for party in parties:
            cell = self._cells.get((party, issue), self.statements.iloc[0:0])
            if self.source.value != _ALL:
                cell = cell[cell["doc_id"] == self.source.value]
            rows = evidence(cell, party, issue, as_of=as_of)
            label = escape(self.codebook.party(party).label)
            if rows.empty:
                parts.append(f"<p><b>{label}</b>: no statement.</p>")
                continue
            items = "".join(
                f"<li>{escape(str(r.polarity))} <i>{escape(self._option_label(issue, r.option))}</i>: "
                f"“{highlight_quote(r.quote, r.cue_start - r.start, r.cue_end - r.start)}” "
                f"<small>({escape(str(r.doc_id))})</small></li>"
                for r in rows.itertuples()
            )
            parts.append(f"<p><b>{label}</b></p><ul>{items}</ul>")
        return "".join(parts)

    def _option_label(self, issue: str, option: str) -> str:
        return self.codebook.issue(issue).option(str(option)).label


class TwoPartyComparer(_View):
    """Pick two parties; see, issue by issue, where they agree, are opposed or apart.

    ``result`` is :func:`toolkit.compare.agreement` for the chosen pair.
    """

    def __init__(
        self,
        statements: pd.DataFrame,
        codebook: Codebook,
        *,
        a: str | None = None,
        b: str | None = None,
    ) -> None:
        self.codebook = codebook
        self.table = positions(statements, codebook)
        options = [(p.label, p.key) for p in codebook.parties]
        self.a = w.Dropdown(
            options=options, value=a or codebook.party_keys[0], description="Party A"
        )
        self.b = w.Dropdown(
            options=options, value=b or codebook.party_keys[1], description="Party B"
        )
        self.output = w.HTML()
        self.result = pd.DataFrame()
        for control in (self.a, self.b):
            control.observe(lambda _change: self.update(), names="value")
        self.root = w.VBox([w.HBox([self.a, self.b]), self.output])
        self.update()

    def update(self) -> None:
        self._timed(self._update)

    def _update(self) -> None:
        self.result = agreement(self.table, self.a.value, self.b.value, self.codebook)
        counts = self.result["relation"].value_counts()
        summary = ", ".join(f"{escape(str(k))}: {v}" for k, v in counts.items())
        self.output.value = f"<p>{summary}</p>" + _table_html(self._shown(), self.codebook)

    def _shown(self) -> pd.DataFrame:
        """``result`` for display: each party's stance under its own name, then the quotes."""
        a, b = self.a.value, self.b.value
        labels = {p.key: p.label for p in self.codebook.parties}
        return pd.DataFrame(
            {
                a: self.result[f"label_{a}"],
                b: self.result[f"label_{b}"],
                "relation": self.result["relation"],
                "distance": self.result["distance"],
                f"quote ({labels[a]})": self.result[f"quote_{a}"],
                f"quote ({labels[b]})": self.result[f"quote_{b}"],
            },
            index=self.result.index,
        )


class DealModelPanel(_View):
    """Capability and salience sliders per party; the predicted outcome per issue updates.

    ``result`` is :func:`toolkit.compare.deal_model` with the sliders' weights. Salience
    sliders scale each party's default (text-derived) salience on every issue.
    """

    def __init__(self, statements: pd.DataFrame, codebook: Codebook, *, issue: str | None = None):
        self.codebook = codebook
        self.table = positions(statements, codebook)
        ordinal = [i for i in codebook.issues if i.ordinal]
        self.issue = w.Dropdown(
            options=[(i.label, i.key) for i in ordinal],
            value=issue or ordinal[0].key,
            description="Chart",
        )
        # wide enough for the longest party name, so that none is cut short
        names = {
            "description_width": f"{0.6 * max(len(p.label) for p in codebook.parties) + 1:.1f}em"
        }
        self.capability = {
            p.key: w.FloatSlider(
                value=p.capability,
                min=0,
                max=5,
                step=0.1,
                description=p.label,
                style=names,
                continuous_update=False,
            )
            for p in codebook.parties
        }
        self.salience = {
            p.key: w.FloatSlider(
                value=1.0,
                min=0,
                max=3,
                step=0.1,
                description=p.label,
                style=names,
                continuous_update=False,
            )
            for p in codebook.parties
        }
        self.output = w.HTML()
        self.chart = w.HTML()
        self.result = pd.DataFrame()
        for control in (self.issue, *self.capability.values(), *self.salience.values()):
            control.observe(lambda _change: self.update(), names="value")
        self.root = w.VBox(
            [
                w.HBox(
                    [
                        w.VBox([w.HTML("<b>Capability</b>"), *self.capability.values()]),
                        w.VBox(
                            [w.HTML("<b>Salience (× text-derived)</b>"), *self.salience.values()]
                        ),
                    ]
                ),
                self.issue,
                self.chart,
                self.output,
            ]
        )
        self.update()

    def update(self) -> None:
        self._timed(self._update)

    def _update(self) -> None:
        capability = {k: s.value for k, s in self.capability.items()}
        base = deal_model(self.table, self.codebook)
        salience = {
            (str(r.party), str(r.issue)): r.salience * self.salience[str(r.party)].value
            for r in base.itertuples()
        }
        self.result = deal_model(
            self.table, self.codebook, capability=capability, salience=salience
        )
        outcomes = (
            self.result.drop_duplicates("issue")[["issue", "compromise", "weighted_median"]]
            .set_index("issue")
            .round(1)
        )
        # a party that only opposes has no position: say that it is not in the prediction
        out = self.result[~self.result["included"]]
        labels = {p.key: p.label for p in self.codebook.parties}
        left_out = {
            issue: "; ".join(f"{labels[str(r.party)]} ({r.label})" for r in group.itertuples())
            for issue, group in out.groupby(out["issue"].astype(str), sort=False)
        }
        outcomes["left out (only opposes)"] = [left_out.get(str(i), "—") for i in outcomes.index]
        self.output.value = _table_html(outcomes, self.codebook, corner="predicted outcome")
        issue = self.issue.value
        rows = self.table[self.table["issue"].astype(str) == issue]
        self.chart.value = scale_html(rows, self.codebook, issue, deal=self.result)
