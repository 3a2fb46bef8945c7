"""Negotiation toolkit: what each party wants on each issue, with the quote that shows it.

The flow of data, one function per stage::

    documents  = load_documents(paths)              # source texts -> DataFrame
    statements = extract(documents, codebook)       # sentences -> who wants what, with quotes
    table      = positions(statements, codebook)    # one row per (party, issue)

An analyst's decisions (``toolkit.reviews``) turn the machine's statements into reviewed ones::

    statements = apply_reviews(statements, "my_reviews.csv", documents, codebook)

Widgets (``toolkit.widgets``) need ipywidgets and are imported on their own.
"""

from .candidates import candidates
from .codebook import Codebook, Issue, Option, Party, load_codebook
from .compare import agreement, deal_model, gap_matrix, gaps
from .errors import (
    ArgumentError,
    CodebookError,
    GoldError,
    OutputError,
    ReviewError,
    SourceError,
    ToolkitError,
)
from .evaluate import evaluate, load_gold, load_gold_sets, score_sets
from .extract import extract
from .match import match
from .positions import changes, evidence, positions, side_by_side
from .report import build_report
from .reviews import (
    append_reviews,
    apply_reviews,
    load_reviews,
    new_decision,
    review_progress,
    reviews_to_gold,
    stale_reviews,
)
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
    "ReviewError",
    "SourceError",
    "ToolkitError",
    "agreement",
    "append_reviews",
    "apply_reviews",
    "build_report",
    "candidates",
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
    "load_reviews",
    "match",
    "new_decision",
    "positions",
    "review_progress",
    "reviews_to_gold",
    "score_sets",
    "side_by_side",
    "stale_reviews",
]

__version__ = "0.1.0"
