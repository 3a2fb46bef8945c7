"""Score extracted statements against a hand-coded gold set.

Evaluation is per document, over distinct tuples, as the coding scheme defines it:

- *tuple* level: ``(doc_id, party, issue, option, polarity)``;
- *pair* level: ``(doc_id, party, issue)``.

For an issue with exactly two options, opposing one is supporting the other, so both sides
are normalised to ``support`` of one option before comparing. A gold row with
``required=no`` marks an ambiguous tuple: finding it is not rewarded, missing it is not
punished.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import _check
from ._read import GOLD, GOLD_SETS, csv_records, read_text
from .codebook import Codebook
from .errors import ArgumentError, GoldError
from .schema import GOLD_COLUMNS, TUPLE_COLUMNS
from .sentences import split_sentences

__all__ = [
    "Evaluation",
    "GoldCoverageWarning",
    "GoldSet",
    "SetScore",
    "by_set",
    "evaluate",
    "load_gold",
    "load_gold_sets",
    "normalise_tuples",
    "per_issue",
    "score_sets",
    "sentence_table",
    "with_quotes",
]

_PAIR = ["doc_id", "party", "issue"]


class GoldCoverageWarning(UserWarning):
    """The gold file codes none of the documents being scored."""


@dataclass(frozen=True)
class Evaluation:
    """Scores, misses and extras of one evaluation; each a DataFrame."""

    scores: pd.DataFrame  # one row per level: tp, fp, fn, precision, recall, f1
    misses: pd.DataFrame  # gold tuples not found
    extras: pd.DataFrame  # found tuples not in gold
    per_document: pd.DataFrame  # tuple-level scores per document

    def _repr_html_(self) -> str:
        return self.scores.to_html(index=False, float_format=lambda x: f"{x:.3f}")

    def summary(self) -> str:
        """The scores as plain text, then every miss and every extra."""
        lines = []
        for row in self.scores.itertuples(index=False):
            lines.append(
                f"{row.level:<6} precision {row.precision:.3f}  recall {row.recall:.3f}  "
                f"F1 {row.f1:.3f}  (tp {row.tp}, fp {row.fp}, fn {row.fn})"
            )
        for title, frame in (("missed", self.misses), ("extra", self.extras)):
            lines.append(f"\n{title} ({len(frame)}):")
            for r in frame.itertuples(index=False):
                lines.append(f"  {r.doc_id}  {r.party} {r.issue} {r.option} {r.polarity}")
        return "\n".join(lines)


def load_gold(path: str | Path, codebook: Codebook) -> pd.DataFrame:
    """Read a gold CSV (``doc_id,party,issue,option,polarity[,required]``) and check its keys.

    Raises :class:`~toolkit.errors.GoldError` naming the file and line of the first bad row.
    """
    path = Path(_check.path(path, "path"))
    codebook = _check.codebook(codebook)
    text = read_text(path, GOLD)
    return parse_gold(text, codebook, source=str(path))


def parse_gold(text: str, codebook: Codebook, *, source: str = "<gold>") -> pd.DataFrame:
    """Validate gold CSV text; see :func:`load_gold`."""
    records = csv_records(text, source, GoldError)
    # the header is the first line that is not blank
    header_line, header = next(
        ((n, values) for n, values in records if any(v.strip() for v in values)), (1, [])
    )
    if not header:
        raise GoldError(
            "the gold file is empty",
            path=source,
            line=1,
            fix=f"start it with the header {','.join(GOLD_COLUMNS)}",
        )
    header = [h.strip() for h in header]
    missing = [c for c in TUPLE_COLUMNS if c not in header]
    if missing:
        raise GoldError(
            f"missing column(s) {missing}",
            path=source,
            line=header_line,
            fix=f"the header must name {','.join(TUPLE_COLUMNS)}[,required]",
        )
    unknown = [c for c in header if c not in GOLD_COLUMNS and c != "note"]
    if unknown:
        raise GoldError(
            f"unknown column(s) {unknown}",
            path=source,
            line=header_line,
            fix=f"allowed columns are {list(GOLD_COLUMNS)} and note",
        )
    doubled = sorted({h for h in header if header.count(h) > 1})
    if doubled:
        raise GoldError(
            f"column {doubled[0]!r} appears twice in the header",
            path=source,
            line=header_line,
            fix="keep one of the two columns",
        )
    rows = []
    for lineno, values in records:
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise GoldError(
                f"expected {len(header)} fields, found {len(values)}",
                path=source,
                line=lineno,
                fix="check for a missing or extra comma",
            )
        row = {h: v.strip() for h, v in zip(header, values, strict=True)}
        _check_row(row, codebook, source, lineno)
        required = row.get("required", "yes").lower() or "yes"
        rows.append({**{c: row[c] for c in TUPLE_COLUMNS}, "required": required != "no"})
    return pd.DataFrame(rows, columns=list(GOLD_COLUMNS)).astype({"required": bool})


def _check_row(row: dict, codebook: Codebook, source: str, line: int) -> None:
    def bad(message: str, fix: str) -> GoldError:
        return GoldError(message, path=source, line=line, fix=fix)

    if not row["doc_id"]:
        raise bad("empty doc_id", "give the document id (its front-matter id or file stem)")
    if row["party"] not in codebook.party_keys:
        raise bad(f"unknown party {row['party']!r}", f"use one of {list(codebook.party_keys)}")
    if row["issue"] not in codebook.issue_keys:
        raise bad(f"unknown issue {row['issue']!r}", f"use one of {list(codebook.issue_keys)}")
    options = codebook.issue(row["issue"]).option_keys
    if row["option"] not in options:
        raise bad(
            f"unknown option {row['option']!r} for issue {row['issue']!r}",
            f"use one of {list(options)}",
        )
    if row["polarity"] not in ("support", "oppose"):
        raise bad(f"unknown polarity {row['polarity']!r}", "use support or oppose")
    if row.get("required", "yes").lower() not in ("yes", "no", ""):
        raise bad(f"required must be yes or no, not {row['required']!r}", "write yes or no")


def normalise_tuples(frame: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Rewrite ``oppose X`` as ``support Y`` on two-option issues, as the scheme counts them."""
    out = frame.copy()
    out["option"] = out["option"].astype(object)
    out["polarity"] = out["polarity"].astype(object)
    for i in range(len(out)):
        if out["polarity"].iat[i] == "oppose":
            other = codebook.other_option(str(out["issue"].iat[i]), str(out["option"].iat[i]))
            if other is not None:
                out.iat[i, out.columns.get_loc("option")] = other
                out.iat[i, out.columns.get_loc("polarity")] = "support"
    return out


def evaluate(
    statements: pd.DataFrame,
    gold: pd.DataFrame,
    codebook: Codebook,
    doc_ids: list[str] | None = None,
) -> Evaluation:
    """Precision, recall and F1 of ``statements`` against ``gold``.

    Documents scored are those in ``gold`` plus any in ``doc_ids`` (a document with no gold
    rows then counts every statement found in it as an extra).

    >>> ev = evaluate(statements, load_gold("data/gold/seed.csv", cb), cb)  # doctest: +SKIP
    >>> ev.scores                                                            # doctest: +SKIP
    """
    _check.frame(statements, "statements", TUPLE_COLUMNS)
    _check.frame(gold, "gold", GOLD_COLUMNS)
    codebook = _check.codebook(codebook)
    if doc_ids is not None:
        doc_ids = _doc_ids(doc_ids)
    scope = set(gold["doc_id"]) | set(doc_ids or [])
    _warn_if_disjoint(gold, statements, doc_ids)
    found = statements[list(TUPLE_COLUMNS)].astype(object)
    found = found[found["doc_id"].isin(scope)]
    found = normalise_tuples(found, codebook).drop_duplicates()
    gold = normalise_tuples(gold, codebook)
    # A tuple marked ambiguous anywhere is ambiguous; required wins only if never marked no.
    gold = gold.groupby(list(TUPLE_COLUMNS), as_index=False, sort=True)["required"].min()

    scores, per_doc = [], None
    misses = extras = None
    for level, keys in (("tuple", list(TUPLE_COLUMNS)), ("pair", _PAIR)):
        g = gold.groupby(keys, as_index=False, sort=True)["required"].max()
        f = found[keys].drop_duplicates()
        merged = g.merge(f, on=keys, how="outer", indicator=True)
        tp = int(((merged["_merge"] == "both") & merged["required"].eq(True)).sum())
        fn = int(((merged["_merge"] == "left_only") & merged["required"].eq(True)).sum())
        fp = int((merged["_merge"] == "right_only").sum())
        scores.append({"level": level, **_prf(tp, fp, fn)})
        if level == "tuple":
            misses = merged[(merged["_merge"] == "left_only") & merged["required"].eq(True)][keys]
            extras = merged[merged["_merge"] == "right_only"][keys]
            per_doc = _per_document(merged, scope)
    return Evaluation(
        scores=pd.DataFrame(scores),
        misses=misses.sort_values(keys[:1] + keys[1:]).reset_index(drop=True),
        extras=extras.sort_values(list(TUPLE_COLUMNS)).reset_index(drop=True),
        per_document=per_doc,
    )


def _doc_ids(value) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"doc_ids must be a list of document ids, not {_check.shown(value)}",
            fix="pass a list, e.g. list(documents['doc_id'])",
        )
    return [str(v) for v in value]


def _warn_if_disjoint(gold: pd.DataFrame, statements: pd.DataFrame, doc_ids) -> None:
    """A gold file about other documents scores 0 without meaning it: say so."""
    documents = set(map(str, statements["doc_id"] if doc_ids is None else doc_ids))
    coded = set(map(str, gold["doc_id"]))
    if documents and coded and not documents & coded:
        warnings.warn(
            f"the gold codes none of the {len(documents)} document(s) scored (gold: "
            f"{_some(coded)}; documents: {_some(documents)}), so every statement counts as an "
            "extra and every gold row as a miss — check that the gold's doc_id column uses the "
            "documents' ids (the front-matter `id:`, or the file name without its extension)",
            GoldCoverageWarning,
            stacklevel=3,
        )


def _some(names: set[str], limit: int = 3) -> str:
    shown = sorted(names)
    return ", ".join(shown[:limit]) + (
        f" and {len(shown) - limit} more" if len(shown) > limit else ""
    )


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def _per_document(merged: pd.DataFrame, scope: set[str]) -> pd.DataFrame:
    rows = []
    for doc in sorted(scope):
        d = merged[merged["doc_id"] == doc]
        tp = int(((d["_merge"] == "both") & d["required"].eq(True)).sum())
        fn = int(((d["_merge"] == "left_only") & d["required"].eq(True)).sum())
        fp = int((d["_merge"] == "right_only").sum())
        rows.append({"doc_id": doc, **_prf(tp, fp, fn)})
    return pd.DataFrame(rows, columns=["doc_id", "tp", "fp", "fn", "precision", "recall", "f1"])


# --- Looking inside an evaluation: per issue, per set, per sentence -------------------------


def per_issue(
    statements: pd.DataFrame,
    gold: pd.DataFrame,
    codebook: Codebook,
    doc_ids: list[str] | None = None,
) -> pd.DataFrame:
    """:func:`evaluate`'s scores issue by issue: one row per (issue, level).

    Each issue is scored as :func:`evaluate` scores everything, over the same documents (those
    in ``gold`` plus ``doc_ids``), with the statements and gold rows of that issue alone.
    Issues that neither the gold nor the statements mention are left out; rows follow the
    codebook's order. Columns: ``issue, level, tp, fp, fn, precision, recall, f1``.
    """
    scope = sorted(set(gold["doc_id"]) | set(doc_ids or []))
    found_issue = statements["issue"].astype(str)
    gold_issue = gold["issue"].astype(str)
    rows = []
    for issue in codebook.issue_keys:
        mine, theirs = statements[found_issue == issue], gold[gold_issue == issue]
        scores = evaluate(mine, theirs, codebook, doc_ids=scope).scores
        if (scores[["tp", "fp", "fn"]].to_numpy().sum()) == 0:
            continue
        rows.append(scores.assign(issue=issue))
    columns = ["issue", "level", "tp", "fp", "fn", "precision", "recall", "f1"]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.concat(rows, ignore_index=True)[columns]


def by_set(results: Mapping[str, Evaluation | pd.DataFrame]) -> pd.DataFrame:
    """Several evaluations (or :func:`per_issue` tables) stacked, with their name in ``set``.

    >>> by_set({"development": dev_eval, "held-out": heldout_eval})  # doctest: +SKIP
    """
    frames = [
        (result.scores if isinstance(result, Evaluation) else result).assign(set=name)
        for name, result in results.items()
    ]
    if not frames:
        return pd.DataFrame(columns=["set"])
    stacked = pd.concat(frames, ignore_index=True)
    return stacked[["set", *(c for c in stacked.columns if c != "set")]]


def with_quotes(tuples: pd.DataFrame, statements: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Found tuples (e.g. an evaluation's ``extras``) with the first statement that gave each:
    its ``sentence``, ``actor``, ``cue``, ``rule`` and ``quote``, so an error can be read in
    its sentence. Two-option issues are matched in the normalised form :func:`evaluate` uses.
    """
    keys = list(TUPLE_COLUMNS)
    extra = ["sentence", "actor", "cue", "rule", "quote"]
    found = statements[keys + [c for c in extra if c in statements.columns]].astype(
        {k: object for k in keys}
    )
    found = normalise_tuples(found, codebook).drop_duplicates(keys, keep="first")
    left = tuples[keys].astype(object)
    return left.merge(found, on=keys, how="left").reset_index(drop=True)


def sentence_table(documents: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Every sentence of every document, as the extractor splits them, and how many
    statements each gave: ``doc_id, sentence, start, end, text, n_statements``.

    ``sentence`` is the index the statements table uses, so the two join on
    ``(doc_id, sentence)``; ``text[start:end]`` of the document is the sentence.
    """
    counts = statements.groupby(
        [statements["doc_id"].astype(str), statements["sentence"]], sort=False
    ).size()
    rows = []
    for doc in documents.itertuples(index=False):
        text = doc.text if isinstance(doc.text, str) else ""
        for index, sent in enumerate(split_sentences(text)):
            rows.append(
                (
                    doc.doc_id,
                    index,
                    sent.start,
                    sent.end,
                    text[sent.start : sent.end],
                    int(counts.get((str(doc.doc_id), index), 0)),
                )
            )
    return pd.DataFrame(
        rows, columns=["doc_id", "sentence", "start", "end", "text", "n_statements"]
    )


# --------------------------------------------------------------------------- gold sets

#: The project's gold sets (see ``data/gold/sets.yaml``).
_PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD_SETS = _PROJECT / "data" / "gold" / "sets.yaml"
_ROLES = ("seed", "development", "held-out")


@dataclass(frozen=True)
class GoldSet:
    """One hand-coded set: its articles (a file or folder) and the gold CSV that codes them."""

    key: str
    label: str
    role: str  # seed | development | held-out
    articles: Path
    gold: Path
    # the scores the set got when it arrived, before anyone tuned on it:
    # {"tuple_f1": float, "pair_f1": float, "reader": str, "date": str}
    on_arrival: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class SetScore:
    """A gold set read, extracted and scored."""

    gold_set: GoldSet
    documents: pd.DataFrame
    statements: pd.DataFrame
    gold: pd.DataFrame
    evaluation: Evaluation


def load_gold_sets(
    path: str | Path = DEFAULT_GOLD_SETS, root: str | Path | None = None
) -> list[GoldSet]:
    """The gold sets listed in ``path`` (YAML: ``key: {label, role, articles, gold}``), in
    file order. Paths are relative to ``root``: by default the project folder for the
    project's own list, else the list's own folder.

    Raises :class:`~toolkit.errors.GoldError` naming the file, key and line of a bad entry.
    """
    from . import _yaml

    path = Path(_check.path(path, "path"))
    root = _check.path(root, "root", optional=True)
    data, lines = _yaml.load(read_text(path, GOLD_SETS), source=str(path), error=GoldError)
    if not isinstance(data, dict):
        raise GoldError("expected a mapping of set names", path=path, fix="write `name: {...}`")
    if root is None:
        root = _PROJECT if path.resolve() == DEFAULT_GOLD_SETS else path.resolve().parent
    root = Path(root)
    sets = []
    for key, spec in data.items():
        where = {"path": path, "line": lines.get((key,)), "location": str(key)}
        fields = {"label", "role", "articles", "gold"}
        if not isinstance(spec, dict) or not fields <= set(spec) <= fields | {"on_arrival"}:
            raise GoldError(
                f"a gold set needs exactly the keys {sorted(fields)} (and may have on_arrival)",
                **where,
                fix="give label, role, articles and gold",
            )
        arrival = spec.get("on_arrival", {})
        if not isinstance(arrival, dict):
            raise GoldError(
                "on_arrival must be a mapping", **where, fix="write `on_arrival: {tuple_f1: …}`"
            )
        if spec["role"] not in _ROLES:
            raise GoldError(
                f"unknown role {spec['role']!r}", **where, fix=f"use one of {list(_ROLES)}"
            )
        sets.append(
            GoldSet(
                str(key),
                str(spec["label"]),
                spec["role"],
                root / spec["articles"],
                root / spec["gold"],
                tuple(sorted(arrival.items())),
            )
        )
    return sets


def score_sets(
    codebook: Codebook, sets: list[GoldSet] | None = None, *, reader: str | None = None
) -> dict[str, SetScore]:
    """Extract and score every gold set (default: :func:`load_gold_sets`), keyed by set.

    Each set is scored over its own documents, so a document with no gold rows counts its
    statements as extras. Sets whose gold file does not exist yet are skipped. ``reader``
    is passed to :func:`~toolkit.extract.extract`.

    >>> from toolkit import load_codebook
    >>> scores = score_sets(load_codebook())                        # doctest: +SKIP
    >>> by_set({k: s.evaluation for k, s in scores.items()})         # doctest: +SKIP
    """
    from .extract import DEFAULT_READER, extract
    from .sources import load_documents

    codebook = _check.codebook(codebook)
    if sets is not None and (
        isinstance(sets, (str, GoldSet)) or not all(isinstance(s, GoldSet) for s in sets)
    ):
        raise ArgumentError(
            f"sets must be a list of GoldSet, not {_check.shown(sets)}",
            fix="pass toolkit.load_gold_sets(path), or None for the project's sets",
        )
    out = {}
    for gold_set in load_gold_sets() if sets is None else sets:
        if not gold_set.gold.exists():
            continue
        documents = load_documents([gold_set.articles])
        statements = extract(documents, codebook, reader=reader or DEFAULT_READER)
        gold = load_gold(gold_set.gold, codebook)
        ev = evaluate(statements, gold, codebook, doc_ids=list(documents["doc_id"]))
        out[gold_set.key] = SetScore(gold_set, documents, statements, gold, ev)
    return out
