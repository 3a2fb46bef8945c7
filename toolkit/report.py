"""The HTML report: one self-contained file that opens anywhere, built from one summary.

``build_report`` gathers everything into a plain dict (the summary), then renders it with an
autoescaping Jinja2 template: every string from a source or its metadata is escaped, links are
made only for http(s) URLs, figures are embedded as inline SVG, and nothing is fetched from a
network. The same inputs give the same bytes (the report is dated by its newest source, never
by the clock).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2
import pandas as pd

from .codebook import Codebook
from .extract import extract

__all__ = ["build_report", "safe_url", "terminal_summary", "write_report"]

_TEMPLATES = Path(__file__).resolve().parent / "templates"


def safe_url(url: object) -> str | None:
    """``url`` if it is an http(s) address, else None (``javascript:`` and others are dropped)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) and " " not in url else None


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def summarise(documents: pd.DataFrame, codebook: Codebook, statements: pd.DataFrame) -> dict:
    """Everything the report shows, as plain Python values (no HTML)."""
    dates = documents["date"].dropna()
    sources = [
        {
            "doc_id": d.doc_id,
            "title": d.title or d.doc_id,
            "date": "" if pd.isna(d.date) else d.date.strftime("%Y-%m-%d"),
            "outlet": d.outlet or "",
            "url": safe_url(d.url),
            "n_statements": int((statements["doc_id"] == d.doc_id).sum()),
        }
        for d in documents.itertuples(index=False)
    ]
    rows = [
        {
            "doc_id": r.doc_id,
            "party": codebook.party(str(r.party)).label,
            "party_key": str(r.party),
            "color": codebook.party(str(r.party)).color,
            "issue": codebook.issue(str(r.issue)).label,
            "option": codebook.issue(str(r.issue)).option(str(r.option)).label,
            "polarity": str(r.polarity),
            "quote": r.quote,
            "cue": r.cue,
            "actor": r.actor,
        }
        for r in statements.itertuples(index=False)
    ]
    return {
        "title": f"Positions in the {codebook.name}",
        "as_of": dates.max().strftime("%Y-%m-%d") if len(dates) else "undated sources",
        "codebook": codebook,
        "sources": sources,
        "statements": rows,
    }


def build_report(
    documents: pd.DataFrame,
    codebook: Codebook,
    *,
    statements: pd.DataFrame | None = None,
    gold: Sequence[str | Path] | None = None,
) -> str:
    """Render the report as one HTML string."""
    if statements is None:
        statements = extract(documents, codebook)
    summary = summarise(documents, codebook, statements)
    return _environment().get_template("report.html.j2").render(**summary)


def write_report(path: str | Path, html: str, inputs: Sequence[str | Path] = ()) -> Path:
    """Write ``html`` to ``path`` atomically, refusing to overwrite an input."""
    from ._io import write_atomic

    return write_atomic(path, html, inputs=inputs)


def terminal_summary(statements: pd.DataFrame, codebook: Codebook) -> str:
    """A short plain-text table for the terminal: party x issue, the options supported."""
    if statements.empty:
        return "no statements found"
    support = statements[statements["polarity"] == "support"]
    table = (
        support.groupby(["issue", "party"], observed=True)["option"]
        .agg(lambda s: ", ".join(sorted(set(map(str, s)))))
        .unstack("party")
        .reindex(columns=list(codebook.party_keys))
        .fillna("")
    )
    return table.to_string()
