"""Negotiation toolkit: what each party wants on each issue, with the quote that shows it.

The flow of data, one function per stage::

    documents  = load_documents(paths)              # source texts -> DataFrame
    statements = extract(documents, codebook)       # sentences -> who wants what, with quotes
    table      = positions(statements, codebook)    # one row per (party, issue)

Widgets (``toolkit.widgets``) need ipywidgets and are imported on their own.
"""

from .codebook import Codebook, Issue, Option, Party, load_codebook
from .compare import agreement, deal_model, gap_matrix, gaps
from .errors import (
    ArgumentError,
    CodebookError,
    GoldError,
    OutputError,
    SourceError,
    ToolkitError,
)
from .evaluate import evaluate, load_gold, load_gold_sets, score_sets
from .extract import extract
from .match import match
from .positions import changes, evidence, positions, side_by_side
from .report import build_report
from .sources import documents_from_texts, load_documents

__all__ = [
    "ArgumentError",
    "Codebook",
    "CodebookError",
    "GoldError",
    "Issue",
    "Option",
    "OutputError",
    "Party",
    "SourceError",
    "ToolkitError",
    "agreement",
    "build_report",
    "changes",
    "deal_model",
    "documents_from_texts",
    "evaluate",
    "evidence",
    "extract",
    "gap_matrix",
    "gaps",
    "load_codebook",
    "load_documents",
    "load_gold",
    "load_gold_sets",
    "match",
    "positions",
    "score_sets",
    "side_by_side",
]

__version__ = "0.1.0"
