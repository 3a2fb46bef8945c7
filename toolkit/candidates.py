"""Candidates: sentences that name a party and an issue but gave no statement.

The extractor finds about half of what a careful reader codes. The rest is mostly in
sentences that name a party and talk about an issue in words its rules do not read. This
module lists those sentences for an analyst to review, most promising first, using only the
codebook's vocabulary: its parties' aliases and demonyms, each issue's context words and each
option's cue patterns.

A sentence's score adds up what it holds:

- 3 for an issue one of whose options it names (an option's cue matches; a context-only cue
  counts when the issue's context words are there too), else 1 for an issue's context words;
- 1 for each party named by an alias (at most two), 0.5 if a party is named only by a
  demonym ("the Ruritanian side").

Only the best issue counts, so a sentence naming two issues does not outrank one that names
an option. Ties keep document order. Each candidate carries a guess (the first party named,
the best issue, the option named) to start the analyst's entry from.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from . import _check
from ._prefilter import anchors
from .codebook import Codebook
from .schema import DOCUMENT_COLUMNS
from .sentences import split_sentences

__all__ = ["CANDIDATE_COLUMNS", "candidates"]

#: The columns of :func:`candidates`.
CANDIDATE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "sentence",
    "start",
    "end",
    "text",
    "score",
    "parties",
    "issues",
    "party",
    "issue",
    "option",
)


class _Rules:
    """The codebook's words, compiled once per codebook."""

    def __init__(self, codebook: Codebook) -> None:
        def words(names) -> re.Pattern | None:
            names = sorted({n for n in names if n}, key=len, reverse=True)
            if not names:
                return None
            return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")

        self.parties = [(p.key, words(p.aliases), words(p.demonyms)) for p in codebook.parties]
        self.issues = [
            (
                issue.key,
                _any_of(issue.context),
                _options(issue, lambda o: (*o.patterns, *o.negative_patterns)),
                _options(issue, lambda o: o.context_patterns),
            )
            for issue in codebook.issues
        ]


def _any_of(patterns) -> re.Pattern | None:
    patterns = [p for p in patterns if p]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


def _options(issue, cues) -> list[tuple[str, list[tuple[frozenset[str] | None, re.Pattern]]]]:
    """Each option's cue patterns, with the literals one of which every match holds (a
    substring test is far cheaper than a scan, and most sentences name no option)."""
    return [
        (o.key, [(anchors(p), re.compile(p, re.I)) for p in cues(o)])
        for o in issue.options
        if cues(o)
    ]


def _named(options, text: str, lower: str) -> str | None:
    """The first option (in the codebook's order) that ``text`` names."""
    for key, patterns in options:
        for needed, pattern in patterns:
            if (needed is None or any(a in lower for a in needed)) and pattern.search(text):
                return key
    return None


@lru_cache(maxsize=8)
def _rules(codebook: Codebook) -> _Rules:
    return _Rules(codebook)


def _score_sentence(text: str, rules: _Rules) -> dict | None:
    named, demonym_only = [], []
    for key, aliases, demonyms in rules.parties:
        hit = aliases.search(text) if aliases else None
        if hit:
            named.append((hit.start(), key))
        elif demonyms and demonyms.search(text):
            demonym_only.append(key)
    if not named and not demonym_only:
        return None
    best = None  # (score, issue, option)
    found_issues = []
    lower = text.lower()
    for key, context, cues, in_context in rules.issues:
        has_context = bool(context and context.search(text))
        option = _named(cues, text, lower) or (
            _named(in_context, text, lower) if has_context else None
        )
        score = 3 if option else 1 if has_context else 0
        if score:
            found_issues.append(key)
            if best is None or score > best[0]:
                best = (score, key, option)
    if best is None:
        return None
    parties = [k for _, k in sorted(named)] + demonym_only
    score = best[0] + min(len(named), 2) + (0.5 if not named else 0)
    return {
        "score": float(score),
        "parties": ",".join(parties),
        "issues": ",".join(found_issues),
        "party": parties[0],
        "issue": best[1],
        "option": best[2],
    }


@lru_cache(maxsize=512)
def _scored(text: str, rules: _Rules) -> tuple[dict, ...]:
    """Every sentence of ``text`` that could hold a statement, with its score (cached: a
    review panel asks again after every decision, and only the statements change)."""
    out = []
    for index, sent in enumerate(split_sentences(text)):
        found = _score_sentence(text[sent.start : sent.end], rules)
        if found:
            out.append(
                {
                    "sentence": index,
                    "start": sent.start,
                    "end": sent.end,
                    "text": text[sent.start : sent.end],
                    **found,
                }
            )
    return tuple(out)


def candidates(
    documents: pd.DataFrame, statements: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """Sentences that name a party and an issue's words but hold no statement, best first.

    ``statements`` is the extractor's output or the reviewed statements
    (:func:`toolkit.apply_reviews`): a sentence holding any statement is left out, so a
    candidate the analyst has added a statement to drops off the list. Columns
    :data:`CANDIDATE_COLUMNS`: the sentence (``doc_id, sentence, start, end, text``), its
    ``score`` (see the module docstring), the ``parties`` and ``issues`` it names, and a
    guess to start from (``party, issue, option``; ``option`` is None when the sentence names
    the issue but none of its options).

    >>> from toolkit import documents_from_texts, extract, load_codebook
    >>> codebook = load_codebook()
    >>> docs = documents_from_texts({"d": "Kyiv spoke about the sanctions at length."})
    >>> candidates(docs, extract(docs, codebook), codebook)[["party", "issue", "score"]]
      party      issue  score
    0    UA  sanctions    2.0
    """
    _check.frame(documents, "documents", DOCUMENT_COLUMNS)
    _check.frame(statements, "statements", ["doc_id", "start"])
    rules = _rules(_check.codebook(codebook))
    taken = set(zip(statements["doc_id"].astype(str), statements["start"], strict=True))
    rows = []
    for doc in documents.itertuples(index=False):
        text = doc.text if isinstance(doc.text, str) else ""
        for found in _scored(text, rules):
            if (str(doc.doc_id), found["start"]) not in taken:
                rows.append({"doc_id": str(doc.doc_id), **found})
    frame = pd.DataFrame(rows, columns=list(CANDIDATE_COLUMNS))
    frame["score"] = frame["score"].astype(float)
    frame["option"] = frame["option"].astype(object).where(frame["option"].notna(), None)
    return frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
