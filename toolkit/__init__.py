"""Negotiation toolkit: what each party wants on each issue, with the quote that shows it.

The flow of data, one function per stage::

    documents  = load_documents(paths)              # source texts -> DataFrame
    statements = extract(documents, codebook)       # sentences -> who wants what, with quotes
    table      = positions(statements, codebook)    # one row per (party, issue)

Widgets (``toolkit.widgets``) need ipywidgets and are imported on their own.
"""

from .codebook import Codebook, Issue, Option, Party, load_codebook
from .errors import CodebookError, GoldError, OutputError, SourceError, ToolkitError
from .extract import extract
from .match import match
from .sources import documents_from_texts, load_documents

__all__ = [
    "Codebook",
    "CodebookError",
    "GoldError",
    "Issue",
    "Option",
    "OutputError",
    "Party",
    "SourceError",
    "ToolkitError",
    "documents_from_texts",
    "extract",
    "load_codebook",
    "load_documents",
    "match",
]

__version__ = "0.1.0"
