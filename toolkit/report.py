"""The HTML report: one self-contained file that opens anywhere, built from one summary.

``summarise`` gathers everything the report shows into plain Python values (computed by the
toolkit's analysis functions, never typed in), and ``build_report`` renders that summary
with an autoescaping Jinja2 template:

- every string from a source or its metadata is escaped; links are made only for http(s)
  URLs (``javascript:`` and the like are shown as text);
- figures are embedded as SVG data URIs; there is no script, stylesheet, font or image from
  any network;
- the same inputs give the same bytes: the report is dated by its newest source, never by
  the clock, and figures carry no timestamps.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path

import jinja2
import pandas as pd

from . import plots
from .codebook import Codebook
from .compare import deal_model, gap_matrix, gaps
from .evaluate import evaluate, load_gold
from .extract import extract
from .positions import positions

__all__ = ["DEFAULT_GOLD", "build_report", "safe_url", "summarise", "terminal_summary"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Gold sets used by default when the report's sources include their documents.
DEFAULT_GOLD = (Path(__file__).resolve().parent.parent / "data" / "gold" / "seed.csv",)


def safe_url(url: object) -> str | None:
    """``url`` if it is an http(s) address, else None (``javascript:`` and others are dropped)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    ok = url.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in url)
    return url if ok else None


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


def _quote_parts(quote: str, cue_start: int, cue_end: int) -> tuple[str, str, str]:
    """The quote split around its cue, for highlighting (the template escapes each part)."""
    if not (0 <= cue_start <= cue_end <= len(quote)):
        return quote, "", ""
    return quote[:cue_start], quote[cue_start:cue_end], quote[cue_end:]


def summarise(
    documents: pd.DataFrame,
    codebook: Codebook,
    statements: pd.DataFrame,
    gold: Sequence[str | Path] | None = None,
) -> dict:
    """Everything the report shows, as plain values computed by the toolkit (no HTML)."""
    table = positions(statements, codebook)
    pair_gaps = gaps(table, codebook)
    matrix = gap_matrix(pair_gaps)
    deal = deal_model(table, codebook)
    dates = documents["date"].dropna()
    parties = list(codebook.party_keys)

    sources = [
        {
            "doc_id": d.doc_id,
            "title": d.title or d.doc_id,
            "date": _date(d.date),
            "outlet": d.outlet or "",
            "url": safe_url(d.url),
            "raw_url": "" if safe_url(d.url) or not isinstance(d.url, str) else d.url,
            "n_statements": int((statements["doc_id"] == d.doc_id).sum()),
        }
        for d in documents.itertuples(index=False)
    ]

    cells = table.set_index([table["issue"].astype(str), table["party"].astype(str)])
    evidence_rows = statements.assign(
        party=statements["party"].astype(str), issue=statements["issue"].astype(str)
    )
    issues = []
    for issue in codebook.issues:
        row_cells = []
        for party in parties:
            c = cells.loc[(issue.key, party)]
            quotes = []
            own = evidence_rows[
                (evidence_rows["party"] == party) & (evidence_rows["issue"] == issue.key)
            ]
            for r in own.itertuples():
                before, cue, after = _quote_parts(
                    r.quote, r.cue_start - r.start, r.cue_end - r.start
                )
                quotes.append(
                    {
                        "polarity": str(r.polarity),
                        "option": issue.option(str(r.option)).label,
                        "before": before,
                        "cue": cue,
                        "after": after,
                        "doc_id": r.doc_id,
                        "date": _date(r.date),
                    }
                )
            row_cells.append(
                {
                    "party": party,
                    "label": c["label"],
                    "status": c["status"],
                    "position": None if pd.isna(c["position"]) else float(c["position"]),
                    "quote": "" if not isinstance(c["quote"], str) else c["quote"],
                    "quotes": quotes,
                }
            )
        figure = None
        if issue.ordinal and any(x["position"] is not None for x in row_cells):
            figure = _svg_uri(plots.position_line(table, codebook, issue.key, deal=deal))
        issues.append(
            {
                "key": issue.key,
                "label": issue.label,
                "ordinal": issue.ordinal,
                "description": issue.description,
                "cells": row_cells,
                "figure": figure,
            }
        )

    outcomes = []
    for key, group in deal.groupby(deal["issue"].astype(str), sort=False):
        first = group.iloc[0]
        outcomes.append(
            {
                "issue": codebook.issue(key).label,
                "compromise": float(first["compromise"]),
                "median": float(first["weighted_median"]),
                "parties": [
                    {
                        "party": codebook.party(str(r.party)).label,
                        "position": float(r.position),
                        "weight": float(r.weight),
                        "distance": float(r.distance_compromise),
                    }
                    for r in group.itertuples()
                ],
            }
        )

    quality = _quality(statements, codebook, documents, gold)
    return {
        "title": f"Positions in the {codebook.name}",
        "as_of": _date(dates.max()) if len(dates) else "undated sources",
        "codebook": codebook,
        "parties": [{"key": p.key, "label": p.label, "color": p.color} for p in codebook.parties],
        "sources": sources,
        "n_statements": len(statements),
        "issues": issues,
        "matrix_figure": _svg_uri(plots.positions_matrix(table, codebook)),
        "gap_figure": _svg_uri(plots.gap_heatmap(matrix, codebook)),
        "gap_table": [
            {
                "party": codebook.party(str(a)).label,
                "values": ["–" if pd.isna(v) else f"{v:.0f}" for v in matrix.loc[a]],
            }
            for a in matrix.index
        ],
        "gap_columns": [codebook.party(str(b)).label for b in matrix.columns],
        "relations": (
            pair_gaps.assign(
                pair=pair_gaps["party_a"].astype(str) + "–" + pair_gaps["party_b"].astype(str)
            )
            .groupby(["pair", "relation"], observed=True)
            .size()
            .unstack(fill_value=0)
            .reset_index()
            .to_dict("records")
        ),
        "outcomes": outcomes,
        "quality": quality,
    }


def _quality(statements, codebook, documents, gold) -> list[dict]:
    paths = list(gold) if gold is not None else [p for p in DEFAULT_GOLD if p.exists()]
    out = []
    doc_ids = set(documents["doc_id"])
    for path in paths:
        frame = load_gold(path, codebook)
        frame = frame[frame["doc_id"].isin(doc_ids)]
        if frame.empty:
            continue
        result = evaluate(statements, frame, codebook)
        out.append(
            {
                "gold": Path(path).name,
                "documents": int(frame["doc_id"].nunique()),
                "scores": result.scores.to_dict("records"),
                "misses": result.misses.astype(str).to_dict("records"),
                "extras": result.extras.astype(str).to_dict("records"),
            }
        )
    return out


def build_report(
    documents: pd.DataFrame,
    codebook: Codebook,
    *,
    statements: pd.DataFrame | None = None,
    gold: Sequence[str | Path] | None = None,
) -> str:
    """Render the report as one HTML string (see the module docstring for its guarantees)."""
    if statements is None:
        statements = extract(documents, codebook)
    summary = summarise(documents, codebook, statements, gold)
    return _environment().get_template("report.html.j2").render(**summary)


def terminal_summary(statements: pd.DataFrame, codebook: Codebook) -> str:
    """A short plain-text positions table for the terminal: issues x parties."""
    table = positions(statements, codebook)
    wide = table.assign(
        party=table["party"].astype(str),
        issue=table["issue"].astype(str),
        cell=table["label"].where(table["status"] != "not stated", "·"),
    ).pivot(index="issue", columns="party", values="cell")
    wide = wide.reindex(index=list(codebook.issue_keys), columns=list(codebook.party_keys))
    wide.columns = [codebook.party(p).label for p in wide.columns]
    return wide.to_string()
