"""The HTML report: one self-contained file that opens anywhere, built from one summary.

``summarise`` gathers everything the report shows into plain Python values (computed by the
toolkit's analysis functions, never typed in), and ``build_report`` renders that summary
with an autoescaping Jinja2 template (``templates/report.html.j2``):

- every string from a source or its metadata is escaped; links are made only for http(s)
  URLs, and a link's text is the host a browser will visit (:func:`check_url`; anything
  else, ``javascript:`` included, is shown as text, never as a link);
- figures are embedded as SVG data URIs; there is no script at all, and no stylesheet, font
  or image from any network (a Content-Security-Policy in the page forbids them too);
- the same inputs give the same bytes: the report is dated by its newest source, never by
  the clock, and figures carry no timestamps.

>>> html = build_report(load_documents(), load_codebook())          # doctest: +SKIP
>>> write_report("reports/report.html", html)                      # doctest: +SKIP
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import ada_url
import jinja2
import pandas as pd

from . import _check, plots
from ._resources import packaged
from .codebook import Codebook, load_codebook
from .compare import deal_model, gap_matrix, gaps
from .errors import GoldError, ToolkitError
from .evaluate import evaluate, load_gold
from .extract import extract
from .positions import positions
from .schema import DOCUMENT_COLUMNS, STATEMENT_COLUMNS

__all__ = [
    "DEFAULT_GOLD",
    "build_report",
    "check_url",
    "render",
    "safe_url",
    "summarise",
    "terminal_summary",
    "write_report",
]

_COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")  # the only colours put into a style attribute
_ABSOLUTE = re.compile(r"https?://[^/]", re.IGNORECASE)  # the only addresses linked
_TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Gold sets used by default when the report's sources include their documents.
DEFAULT_GOLD = (packaged("data", "gold", "seed.csv"),)
#: Width in inches of the scale charts shown on phones (the others are 7.5).
NARROW_FIGURE = 3.8
#: What each relation of :func:`toolkit.compare.gaps` means, in the report's words.
RELATIONS = {
    "agree": "same option",
    "apart": "different options",
    "opposed": "one supports what the other opposes",
    "unknown": "a position is missing",
}


def safe_url(url: object) -> str | None:
    """``url`` (stripped) if the report may link it, else None; see :func:`check_url`."""
    return check_url(url)[0]


def check_url(url: object) -> tuple[str | None, str]:
    """``(url, host)`` for an address the report links, ``(None, why)`` for one it shows as
    text.

    The address is parsed as a browser parses it (the WHATWG URL standard, with ``ada-url``),
    and ``host`` is the host the browser will visit, as it will visit it (lower case,
    ``xn--`` for a non-ASCII name, ``127.0.0.1`` for ``0x7f.1``): the link's text can then
    never name one host while the link goes to another. Refused: anything but an absolute
    http(s) address with a host; a user name or password (``https://trusted.example@evil.example``);
    a backslash, which browsers read as ``/`` (``https://evil.example\\@trusted.example``);
    and whitespace or control characters anywhere, which browsers silently drop. Forms that
    browsers repair (``http:host``, ``https:///host``) are refused too.
    """
    if not isinstance(url, str) or not url.strip():
        return None, "no address"
    url = url.strip()
    if any(c.isspace() or not c.isprintable() for c in url):
        return None, "it holds spaces or control characters"
    if "\\" in url:
        return None, "it holds a backslash, which browsers read as /"
    if not _ABSOLUTE.match(url):  # browsers also take "http:host" and "https:///host"
        return None, "not an http(s) address"
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return None, "not a valid web address"
    if parsed.username or parsed.password:
        return None, "it holds a user name or password"
    if not parsed.hostname:
        return None, "it names no host"
    return url, parsed.host


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _svg_uri(fig) -> str:
    data = plots.figure_to_svg(fig).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")


def _date(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _quote_parts(quote: str, cue_start: int, cue_end: int) -> tuple[str, str, str]:
    """The quote split around its cue, for highlighting (the template escapes each part)."""
    if not (0 <= cue_start <= cue_end <= len(quote)):
        return quote, "", ""
    return quote[:cue_start], quote[cue_start:cue_end], quote[cue_end:]


def _label(lookup, key, attr: str = "label") -> str:
    """A codebook label for ``key``, or the key itself if the codebook lacks it."""
    try:
        return getattr(lookup(str(key)), attr)
    except KeyError:
        return str(key)


# --------------------------------------------------------------------------- summary


def summarise(
    documents: pd.DataFrame,
    codebook: Codebook,
    statements: pd.DataFrame,
    gold: Sequence[str | Path] | None = None,
    extracted: pd.DataFrame | None = None,
) -> dict:
    """Everything the report shows, as plain values computed by the toolkit (no HTML).

    ``gold`` lists gold CSV files to score extraction against; None uses
    :data:`DEFAULT_GOLD` where it covers the documents. When ``statements`` are reviewed
    (:func:`toolkit.apply_reviews`), ``extracted`` are the extractor's own statements, which
    the quality section scores (by default, ``statements``).
    """
    table = positions(statements, codebook)
    pair_gaps = gaps(table, codebook)
    deal = deal_model(table, codebook)
    dates = documents["date"].dropna()
    cells = {(str(r["issue"]), str(r["party"])): r for r in table.to_dict("records")}
    parties = [
        {"key": p.key, "label": p.label, "color": p.color if _COLOR.match(p.color) else "#999999"}
        for p in codebook.parties
    ]

    issues = []
    for issue in codebook.issues:
        row = []
        for party in codebook.parties:
            c = cells[(issue.key, party.key)]
            row.append(
                {
                    "party": party.key,
                    "party_label": party.label,
                    "label": c["label"],
                    "status": c["status"],
                    "position": _number(c["position"]),
                    "review": c["review"],
                    "quotes": _quotes(statements, codebook, party.key, issue.key),
                }
            )
        figure = None
        if issue.ordinal and any(x["status"] != "not stated" for x in row):
            figure = {  # the narrow one is shown on phones
                size: _svg_uri(plots.position_line(table, codebook, issue.key, deal=deal, width=w))
                for size, w in (("wide", 7.5), ("narrow", NARROW_FIGURE))
            }
        issues.append(
            {
                "key": issue.key,
                "label": issue.label,
                "ordinal": issue.ordinal,
                "description": issue.description,
                "cells": row,
                "figure": figure,
                "has_evidence": any(x["quotes"] for x in row),
            }
        )

    return {
        "title": f"Positions in the {codebook.name}",
        "as_of": _date(dates.max()) if len(dates) else "",
        "codebook": {
            "name": codebook.name,
            "version": codebook.version,
            "scale_low": codebook.scale_low,
            "scale_high": codebook.scale_high,
            "description": codebook.description,
        },
        "parties": parties,
        "sources": _sources(documents, statements),
        "n_statements": len(statements),
        "review": _review(statements),
        "issues": issues,
        "matrix_figure": _svg_uri(plots.positions_matrix(table, codebook)),
        "gaps": _gaps(pair_gaps, codebook),
        "deal": _deal(deal, codebook),
        "quality": _quality(
            statements if extracted is None else extracted, codebook, documents, gold
        ),
    }


def _sources(documents: pd.DataFrame, statements: pd.DataFrame) -> list[dict]:
    counts = statements["doc_id"].astype(str).value_counts()
    out = []
    for d in documents.itertuples(index=False):
        url, host = check_url(d.url)
        out.append(
            {
                "doc_id": str(d.doc_id),
                "title": _text(d.title) or str(d.doc_id),
                "date": _date(d.date),
                "outlet": _text(d.outlet),
                "url": url,
                "host": host if url else "",
                # an address that is not linked is still shown, as text, with the reason
                "unsafe_url": "" if url else _text(d.url).strip(),
                "why_not_linked": "" if url else host,
                "n_statements": int(counts.get(str(d.doc_id), 0)),
            }
        )
    return out


def _review(statements: pd.DataFrame) -> dict | None:
    """How many statements an analyst checked (None for statements straight from the extractor)."""
    if "source" not in statements.columns:
        return None
    counts = statements["source"].astype(str).value_counts()
    return {k: int(counts.get(k, 0)) for k in ("machine", "confirmed", "corrected", "added")}


def _quotes(statements: pd.DataFrame, codebook: Codebook, party: str, issue: str) -> list[dict]:
    """Every statement of ``party`` on ``issue``, in document order, ready for the template."""
    own = statements[
        (statements["party"].astype(str) == party) & (statements["issue"].astype(str) == issue)
    ]
    spec = codebook.issue(issue)
    out = []
    for r in own.itertuples(index=False):
        before, cue, after = _quote_parts(r.quote, r.cue_start - r.start, r.cue_end - r.start)
        out.append(
            {
                "polarity": str(r.polarity),
                "option": _label(spec.option, r.option),
                "before": before,
                "cue": cue,
                "after": after,
                "condition": _text(getattr(r, "condition", "")),
                "doc_id": str(r.doc_id),
                "date": _date(r.date),
                "source": str(getattr(r, "source", "")),
            }
        )
    return out


def _gaps(pair_gaps: pd.DataFrame, codebook: Codebook) -> dict:
    """The pairwise gap matrix (mean distance and shared issues) and relation counts."""
    mean, count = gap_matrix(pair_gaps), gap_matrix(pair_gaps, "count")
    keys = [str(k) for k in mean.index]
    rows = []
    for a in keys:
        values = []
        for b in keys:
            m, n = mean.loc[a, b], count.loc[a, b]
            if a == b:
                values.append({"mean": "—", "n": ""})
            else:
                values.append({"mean": "–" if pd.isna(m) else f"{m:.0f}", "n": f"{n:.0f}"})
        rows.append({"party": _label(codebook.party, a), "values": values})
    relations = []
    grouped = pair_gaps.groupby(["party_a", "party_b"], observed=True, sort=True)
    for (a, b), group in grouped:
        counts = group["relation"].astype(str).value_counts()
        relations.append(
            {
                "pair": f"{_label(codebook.party, a)} – {_label(codebook.party, b)}",
                "counts": [int(counts.get(k, 0)) for k in RELATIONS],
            }
        )
    return {
        "figure": _svg_uri(plots.gap_heatmap(mean, codebook)),
        "columns": [_label(codebook.party, k) for k in keys],
        "rows": rows,
        "relation_names": list(RELATIONS.items()),
        "relations": relations,
    }


def _deal(deal: pd.DataFrame, codebook: Codebook) -> dict:
    """Deal-model predictions per ordinal issue, the parties left out, and the assumptions."""
    outcomes = []
    for key, group in deal.groupby(deal["issue"].astype(str), sort=False):
        first = group.iloc[0]
        outcomes.append(
            {
                "issue": _label(codebook.issue, key),
                "compromise": float(first["compromise"]),
                "median": float(first["weighted_median"]),
                "parties": [
                    {
                        "party": _label(codebook.party, r.party),
                        "position": float(r.position),
                        "capability": float(r.capability),
                        "salience": float(r.salience),
                        "weight": float(r.weight),
                    }
                    for r in group.itertuples()
                    if r.included
                ],
                "left_out": [
                    {"party": _label(codebook.party, r.party), "stance": str(r.label)}
                    for r in group.itertuples()
                    if not r.included
                ],
            }
        )
    modelled = {str(k) for k in deal["issue"]}
    return {
        "outcomes": outcomes,
        "left_out": [
            f"{p['party']} on {o['issue']} ({p['stance']})" for o in outcomes for p in o["left_out"]
        ],
        "capability": [(p.label, float(p.capability)) for p in codebook.parties],
        "equal_capability": len({p.capability for p in codebook.parties}) <= 1,
        "unmodelled": [i.label for i in codebook.issues if i.ordinal and i.key not in modelled],
        "categorical": [i.label for i in codebook.issues if not i.ordinal],
    }


def _quality(statements, codebook, documents, gold) -> list[dict]:
    """Scores against each gold set that covers some of the documents.

    A gold set passed explicitly that covers none of them is listed with a note. The default
    gold is used only with the default codebook (its keys are that codebook's), and only for
    the documents it covers; it is skipped silently otherwise (it belongs to other sources).
    """
    explicit = gold is not None
    if explicit:
        paths = list(gold)
    elif _is_default(codebook):
        paths = [p for p in DEFAULT_GOLD if p.exists()]
    else:
        paths = []
    doc_ids = set(documents["doc_id"].astype(str))
    out = []
    for path in paths:
        try:
            frame = load_gold(path, codebook)
        except GoldError:
            if explicit:
                raise
            continue  # the project's gold, for another codebook than this run's
        frame = frame[frame["doc_id"].astype(str).isin(doc_ids)]
        entry = {"gold": Path(path).name, "documents": int(frame["doc_id"].nunique())}
        if frame.empty:
            if explicit:
                out.append({**entry, "scores": [], "misses": [], "extras": []})
            continue
        result = evaluate(statements, frame, codebook)
        out.append(
            {
                **entry,
                "scores": result.scores.to_dict("records"),
                "misses": _tuples(result.misses, codebook),
                "extras": _tuples(result.extras, codebook),
            }
        )
    return out


def _is_default(codebook: Codebook) -> bool:
    """Whether ``codebook`` is the project's own (read from it, or equal to it)."""
    try:
        return codebook == load_codebook()
    except ToolkitError:  # the default codebook is missing or broken: nothing is default
        return False


def _tuples(frame: pd.DataFrame, codebook: Codebook) -> list[dict]:
    out = []
    for r in frame.astype(str).to_dict("records"):
        try:
            option = codebook.issue(r["issue"]).option(r["option"]).label
        except KeyError:
            option = r["option"]
        out.append(
            {
                "doc_id": r["doc_id"],
                "party": _label(codebook.party, r["party"]),
                "issue": _label(codebook.issue, r["issue"]),
                "option": option,
                "polarity": r["polarity"],
            }
        )
    return out


# --------------------------------------------------------------------------- outputs


def build_report(
    documents: pd.DataFrame,
    codebook: Codebook,
    *,
    statements: pd.DataFrame | None = None,
    gold: Sequence[str | Path] | None = None,
    extracted: pd.DataFrame | None = None,
) -> str:
    """Render the report as one HTML string (see the module docstring for its guarantees).

    ``statements`` defaults to ``extract(documents, codebook)``; ``gold`` and ``extracted``
    as in :func:`summarise`.
    """
    documents = _check.frame(documents, "documents", DOCUMENT_COLUMNS)
    codebook = _check.codebook(codebook)
    if statements is None:
        statements = extract(documents, codebook)
    _check.frame(statements, "statements", [*STATEMENT_COLUMNS, "cue_start", "cue_end"])
    if gold is not None:
        gold = _check.paths(gold, "gold")
    return render(summarise(documents, codebook, statements, gold, extracted))


def render(summary: dict) -> str:
    """The report's HTML for a :func:`summarise` result (autoescaped template)."""
    return _environment().get_template("report.html.j2").render(**summary)


def write_report(
    path: str | Path, html: str, *, inputs: Iterable[str | Path] = (), force: bool = False
) -> Path:
    """Write ``html`` to ``path`` atomically; refuses ``seeds/``, any of ``inputs``, and an
    existing file the toolkit did not write (unless ``force``).

    Raises :class:`~toolkit.errors.OutputError` saying where to write instead.
    """
    from ._io import write_atomic

    return write_atomic(path, html, inputs=inputs, force=force)


def terminal_summary(statements: pd.DataFrame, codebook: Codebook, width: int = 24) -> str:
    """A short plain-text positions table for the terminal.

    Issues where some party has a position, one line each, with a column per party (its key;
    the legend below gives the labels); labels longer than ``width`` are cut with "…", and a
    contested cell is marked with "*".
    Issues with no position at all are named on one line.
    """
    table = positions(statements, codebook)
    cells = {(str(r["issue"]), str(r["party"])): r for r in table.to_dict("records")}

    def cell(issue: str, party: str) -> str:
        c = cells[(issue, party)]
        text = "·" if c["status"] == "not stated" else str(c["label"])
        text = text if len(text) <= width else text[: width - 1] + "…"
        return text + "*" if c["status"] == "contested" else text

    keys = list(codebook.party_keys)
    shown = [
        i for i in codebook.issue_keys if any(cells[(i, p)]["status"] != "not stated" for p in keys)
    ]
    silent = [i for i in codebook.issue_keys if i not in shown]
    lines = []
    if shown:
        rows = [[i, *(cell(i, p) for p in keys)] for i in shown]
        widths = [max(len(r[k]) for r in [["issue", *keys], *rows]) for k in range(len(keys) + 1)]
        for r in [["issue", *keys], *rows]:
            lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
        lines.append("")
    else:
        lines.append("No party's position was found on any issue.")
    lines.append(
        "parties: "
        + ", ".join(f"{p.key} = {p.label}" for p in codebook.parties)
        + "; * contested; · not stated"
    )
    if silent:
        lines.append("no position found on: " + ", ".join(silent))
    return "\n".join(lines)
