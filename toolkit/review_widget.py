"""The review panel: accept, reject, correct and add statements in JupyterLab.

A thin ipywidgets shell over :mod:`toolkit.reviews` and :mod:`toolkit.candidates`: every
click becomes one decision appended to the reviews file (:func:`toolkit.append_reviews`), and
what the panel shows is :func:`toolkit.reviews.review_table` of the file as it now is. In a
notebook::

    from toolkit.review_widget import ReviewPanel
    panel = ReviewPanel(documents, statements, codebook, "my_reviews.csv", reviewer="ana")
    panel                       # pick a document, select a statement, click Accept ...
    panel.reject(2)             # the same from code: reject statement [2] of the document
    panel.result                # the document's statements after review, rejected ones too

The choices offered for a correction or an addition are the codebook's parties, issues,
the options of the chosen issue, and support or oppose; nothing else can be written.
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path

import pandas as pd

try:
    import ipywidgets as w
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "toolkit.review_widget needs ipywidgets: pip install 'negotiation-toolkit[notebooks]'"
    ) from exc

from .candidates import candidates
from .codebook import Codebook
from .errors import ToolkitError
from .reviews import (
    append_reviews,
    load_reviews,
    new_decision,
    review_progress,
    review_table,
    stale_reviews,
)
from .sentences import split_sentences

__all__ = ["ReviewPanel"]

#: How each kind of statement is shown in the text and the list.
_LOOK = {
    "machine": ("#fff3a3", "to review"),
    "confirmed": ("#d4f0d0", "confirmed"),
    "corrected": ("#d3e5fa", "corrected"),
    "added": ("#ead7f5", "added"),
    "rejected": ("#eeeeee", "rejected"),
}
_CANDIDATE = "border-bottom:2px dotted #c77700"


class ReviewPanel:
    """Review one document at a time; every decision is appended to ``reviews_path``.

    Parameters
    ----------
    documents, statements, codebook:
        The sources, the extractor's statements for them, and the codebook.
    reviews_path:
        The reviews CSV (created on the first decision; an existing one is only appended to).
    reviewer:
        Written with each decision.
    doc_id:
        The document to open first (default: the first).

    ``result`` is the open document's statements after review (:func:`review_table`: rejected
    rows kept, with source ``rejected``), ``candidates`` its candidate sentences and
    ``progress`` the progress of every document. ``last_persist_ms`` and ``last_update_ms``
    time the last write and the last redraw.
    """

    def __init__(
        self,
        documents: pd.DataFrame,
        statements: pd.DataFrame,
        codebook: Codebook,
        reviews_path: str | Path,
        *,
        reviewer: str = "",
        doc_id: str | None = None,
    ) -> None:
        self.documents = documents.reset_index(drop=True)
        self.statements = statements
        self.codebook = codebook
        self.path = Path(reviews_path)
        self.last_persist_ms = 0.0
        self.last_update_ms = 0.0
        # the reviews file must never be one of these
        self._inputs = [p for p in self.documents["path"] if isinstance(p, str) and p]
        if codebook.path:
            self._inputs.append(codebook.path)
        self._by_doc = {
            str(d): g for d, g in statements.groupby(statements["doc_id"].astype(str), sort=False)
        }
        self.reviews = load_reviews(self.path, codebook, missing_ok=True)
        self.progress = review_progress(statements, self.reviews, self.documents, codebook)

        ids = [str(d) for d in self.documents["doc_id"]]
        self.document = w.Dropdown(
            options=[(self._doc_label(i), i) for i in ids],
            value=doc_id if doc_id is not None else ids[0],
            description="Document",
            layout=w.Layout(width="100%"),
        )
        self.reviewer = w.Text(value=reviewer, description="Reviewer", placeholder="your name")
        self.progress_line = w.HTML()
        self.text = w.HTML(layout=w.Layout(max_height="460px", overflow="auto", flex="1"))
        self.statement = w.Select(description="Statement", rows=8, layout=w.Layout(width="100%"))
        self.statement.add_class("review-statement")
        self.accept_button = _button("Accept", "success", "the statement is right")
        self.reject_button = _button("Reject", "danger", "the sentence does not say this")
        self.correct_button = _button("Correct", "info", "replace it by the values below")
        self.party = w.Dropdown(options=[(p.label, p.key) for p in codebook.parties])
        self.issue = w.Dropdown(options=[(i.label, i.key) for i in codebook.issues])
        self.option = w.Dropdown()
        self.polarity = w.Dropdown(options=[("supports", "support"), ("opposes", "oppose")])
        for control, name in (
            (self.party, "party"),
            (self.issue, "issue"),
            (self.option, "option"),
            (self.polarity, "polarity"),
        ):
            control.description = name.capitalize()
            control.add_class(f"review-{name}")
        self.note = w.Text(description="Note", placeholder="optional")
        self.sentence = w.Dropdown(description="Sentence", layout=w.Layout(width="100%"))
        self.sentence.add_class("review-sentence")
        self.add_button = _button(
            "Add statement", "primary", "add the values above on this sentence"
        )
        self.candidate = w.Select(description="Candidates", rows=6, layout=w.Layout(width="100%"))
        self.candidate.add_class("review-candidate")
        self.complete_button = _button("Mark document complete", "", "every statement is reviewed")
        self.message = w.HTML()
        self.stale = w.HTML()
        self.result = pd.DataFrame()
        self.candidates = pd.DataFrame()
        self.stale.value = self._stale_html()

        self._options_for(self.issue.value)
        self.issue.observe(lambda change: self._options_for(change["new"]), names="value")
        self.document.observe(lambda _change: self.update(), names="value")
        self.statement.observe(lambda change: self._prefill_statement(change["new"]), names="value")
        self.candidate.observe(lambda change: self._prefill_candidate(change["new"]), names="value")
        self.accept_button.on_click(lambda _b: self.accept())
        self.reject_button.on_click(lambda _b: self.reject())
        self.correct_button.on_click(lambda _b: self.correct())
        self.add_button.on_click(lambda _b: self.add())
        self.complete_button.on_click(lambda _b: self.toggle_complete())

        form = w.VBox(
            [
                w.HTML("<b>Party, issue, option and polarity</b> (for Correct and Add)"),
                self.party,
                self.issue,
                self.option,
                self.polarity,
                self.note,
            ]
        )
        controls = w.VBox(
            [
                self.statement,
                w.HBox([self.accept_button, self.reject_button, self.correct_button]),
                form,
                w.HTML("<b>Add a statement the machine missed</b>"),
                self.candidate,
                self.sentence,
                self.add_button,
                self.message,
            ],
            layout=w.Layout(flex="1", min_width="480px"),
        )
        self.root = w.VBox(
            [
                w.HBox([self.document]),
                w.HBox([self.reviewer, self.complete_button]),
                self.progress_line,
                w.HBox([self.text, controls]),
                self.stale,
            ]
        )
        self.update()

    # ------------------------------------------------------------------ display

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.root._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/plain"] = repr(self)  # what shows where the widget cannot
        return bundle

    def __repr__(self) -> str:
        return f"<ReviewPanel: {self._progress_text()} · reviews file {self.path.name}>"

    def _doc_label(self, doc_id: str) -> str:
        row = self.documents[self.documents["doc_id"].astype(str) == doc_id].iloc[0]
        title = row["title"] if isinstance(row["title"], str) and row["title"] else doc_id
        done = self.progress.set_index("doc_id")["complete"].get(doc_id, False)
        return f"{'✓ ' if done else ''}{title[:70]} ({doc_id})"

    def _progress_text(self) -> str:
        p = self.progress
        return (
            f"{int(p['reviewed'].sum())} of {int(p['statements'].sum())} statements reviewed · "
            f"{int(p['complete'].sum())} of {len(p)} documents complete"
        )

    def update(self, recount: bool = False) -> None:
        """Recompute the open document's review from the file's decisions and redraw
        (``recount``: and its line in ``progress``, after a decision)."""
        start = time.perf_counter()
        doc_id = self.document.value
        doc = self.documents[self.documents["doc_id"].astype(str) == doc_id]
        mine = self._by_doc.get(doc_id, self.statements.iloc[0:0])
        mine_reviews = self.reviews[self.reviews["doc_id"] == doc_id]
        self.result = review_table(mine, mine_reviews, doc, self.codebook)
        if recount:
            row = review_progress(mine, mine_reviews, doc, self.codebook, table=self.result)
            self.progress = (
                pd.concat([self.progress[self.progress["doc_id"] != doc_id], row])
                .set_index("doc_id")
                .loc[self.progress["doc_id"]]
                .reset_index()
            )
        shown = self.result[self.result["source"] != "rejected"]
        self.candidates = candidates(doc, shown, self.codebook)
        text = doc["text"].iloc[0] if isinstance(doc["text"].iloc[0], str) else ""
        self._sentences = split_sentences(text)
        self._text = text

        self.text.value = self._text_html(self._rows())
        rows = self._rows()
        self.statement.options = [(self._statement_label(n, r), n) for n, r in enumerate(rows, 1)]
        self.candidate.options = [
            (f"{r.score:g} · {self._guess(r)} · {_cut(r.text, 90)}", int(r.sentence))
            for r in self.candidates.itertuples()
        ]
        self.sentence.options = [
            (f"{i}: {_cut(text[s.start : s.end], 110)}", i) for i, s in enumerate(self._sentences)
        ]
        done = bool(self.progress.set_index("doc_id")["complete"].get(doc_id, False))
        self.complete_button.description = "Reopen document" if done else "Mark document complete"
        self.progress_line.value = (
            f"<b>{escape(self._progress_text())}</b> · this document: "
            f"{int((self.result['source'] != 'machine').sum())} of {len(self.result)} "
            f"reviewed{' · complete' if done else ''}"
        )
        self.last_update_ms = (time.perf_counter() - start) * 1e3

    def _rows(self) -> list[tuple[str, ...]]:
        """``(party, issue, option, polarity, source, sentence)`` of each row of ``result``."""
        columns = ("party", "issue", "option", "polarity", "source", "sentence")
        return list(zip(*(self.result[c].astype(str).tolist() for c in columns), strict=True))

    def _statement_label(self, n: int, row: tuple[str, ...]) -> str:
        party, issue_key, option, polarity, source, _ = row
        issue = self.codebook.issue(issue_key)
        verb = "supports" if polarity == "support" else "opposes"
        return (
            f"[{n}] {self.codebook.party(party).label} {verb} {issue.option(option).label} "
            f"({issue.label}) — {_LOOK[source][1]}"
        )

    def _guess(self, r) -> str:
        party = self.codebook.party(r.party).label
        issue = self.codebook.issue(r.issue)
        option = f": {issue.option(r.option).label}" if isinstance(r.option, str) else ""
        return f"{party} · {issue.label}{option}"

    def _text_html(self, rows: list[tuple[str, ...]]) -> str:
        """The document, sentence by sentence: sentences with statements tinted by their
        review and numbered as in the list, candidates underlined with dots."""
        numbers: dict[int, list[tuple[int, str]]] = {}
        for n, (*_, source, sentence) in enumerate(rows, 1):
            numbers.setdefault(int(sentence), []).append((n, source))
        ranks = {int(s): k for k, s in enumerate(self.candidates["sentence"], 1)}
        parts, paragraph = [], 0
        for i, s in enumerate(self._sentences):
            if s.paragraph != paragraph:
                parts.append("<br><br>")
                paragraph = s.paragraph
            body = escape(self._text[s.start : s.end])
            found = numbers.get(i)
            if found:
                colour = _LOOK[_weakest(src for _, src in found)][0]
                tags = "".join(
                    f'<sup style="color:#333;font-weight:600">[{n}]</sup>' for n, _ in found
                )
                style = f"background:{colour}"
                if all(src == "rejected" for _, src in found):
                    style += ";text-decoration:line-through"
                parts.append(f'<span style="{style}" title="sentence {i}">{body}</span>{tags} ')
            elif i in ranks:
                parts.append(
                    f'<span style="{_CANDIDATE}" title="candidate {ranks[i]}, sentence {i}">'
                    f'{body}</span><sup style="color:#c77700">c{ranks[i]}</sup> '
                )
            else:
                parts.append(f"{body} ")
        key = " ".join(
            f'<span style="background:{c};padding:0 4px">{escape(name)}</span>'
            for c, name in _LOOK.values()
        )
        return (
            f'<div style="font-size:13px;line-height:1.55;padding:4px 10px 4px 0">{"".join(parts)}'
            f'</div><p style="font-size:11px;color:#555">{key} '
            f'<span style="{_CANDIDATE}">candidate</span></p>'
        )

    def _stale_html(self) -> str:
        stale = stale_reviews(self.reviews, self.documents, self.codebook)
        if stale.empty:
            return ""
        items = "".join(
            f"<li>line {r.line}: {escape(r.decision)} {escape(' '.join(v for v in (r.party, r.issue, r.option, r.polarity) if v))}"
            f" in {escape(str(r.doc_id))} at {r.start}–{r.end}</li>"
            for r in stale.itertuples()
        )
        return (
            f"<p><b>{len(stale)} stale decision(s)</b>: their sentence is no longer in the "
            f"document's text, so they are not applied. They stay in the file.</p><ul>{items}</ul>"
        )

    # ------------------------------------------------------------------ form

    def _options_for(self, issue: str) -> None:
        spec = self.codebook.issue(issue)
        keep = self.option.value
        self.option.options = [(o.label, o.key) for o in spec.options]
        self.option.value = keep if keep in spec.option_keys else spec.option_keys[0]

    def _set_form(self, party: str, issue: str, option: str | None, polarity: str) -> None:
        self.party.value = party
        self.issue.value = issue
        if option:
            self.option.value = option
        self.polarity.value = polarity

    def _prefill_statement(self, n) -> None:
        if n is None:
            return
        r = self.result.iloc[n - 1]
        self._set_form(str(r["party"]), str(r["issue"]), str(r["option"]), str(r["polarity"]))
        self.sentence.value = int(r["sentence"])

    def _prefill_candidate(self, sentence) -> None:
        if sentence is None:
            return
        r = self.candidates[self.candidates["sentence"] == sentence].iloc[0]
        option = r["option"] if isinstance(r["option"], str) else None
        self._set_form(r["party"], r["issue"], option, "support")
        self.sentence.value = int(sentence)

    # ------------------------------------------------------------------ decisions

    def _row(self, n: int | None):
        n = self.statement.value if n is None else n
        if n is None or not 1 <= n <= len(self.result):
            raise ValueError(
                f"no statement [{n}] in this document; choose one of 1–{len(self.result)}"
            )
        return self.result.iloc[n - 1]

    def _form(self) -> tuple[str, str, str, str]:
        return (self.party.value, self.issue.value, self.option.value, self.polarity.value)

    def _decide(self, decision: str, n: int | None = None, correction=None) -> None:
        r = self._row(n)
        key = (str(r["party"]), str(r["issue"]), str(r["option"]), str(r["polarity"]))
        self._write(
            new_decision(
                decision,
                r["doc_id"],
                r["start"],
                r["end"],
                r["quote"],
                key,
                correction,
                note=self.note.value,
                reviewer=self.reviewer.value,
            )
        )

    def accept(self, n: int | None = None) -> None:
        """Confirm statement ``[n]`` (default: the one selected)."""
        self._decide("accept", n)

    def reject(self, n: int | None = None) -> None:
        """Reject statement ``[n]`` (default: the one selected)."""
        self._decide("reject", n)

    def correct(self, n: int | None = None, **values: str) -> None:
        """Replace statement ``[n]`` by the form's party, issue, option and polarity (or the
        ``party=``, ``issue=``, ``option=``, ``polarity=`` given here, which fill the form)."""
        if n is not None:
            self._prefill_statement(n)
        self._fill(values)
        self._decide("correct", n, self._form())

    def add(self, sentence: int | None = None, **values: str) -> None:
        """Add the form's statement on sentence ``sentence`` (default: the one chosen)."""
        self._fill(values)
        index = self.sentence.value if sentence is None else sentence
        s = self._sentences[index]
        self._write(
            new_decision(
                "add",
                self.document.value,
                s.start,
                s.end,
                self._text[s.start : s.end],
                self._form(),
                note=self.note.value,
                reviewer=self.reviewer.value,
            )
        )

    def toggle_complete(self) -> None:
        """Mark the open document complete, or reopen it when it is complete."""
        doc_id = self.document.value
        done = bool(self.progress.set_index("doc_id")["complete"].get(doc_id, False))
        self._write(
            new_decision(
                "reopen" if done else "complete",
                doc_id,
                0,
                len(self._text),
                self._text,
                note=self.note.value,
                reviewer=self.reviewer.value,
            )
        )

    def _fill(self, values: dict) -> None:
        unknown = set(values) - {"party", "issue", "option", "polarity"}
        if unknown:
            raise TypeError(
                f"unknown field(s) {sorted(unknown)}: use party, issue, option, polarity"
            )
        if "issue" in values:
            self.issue.value = values["issue"]
        for name in ("party", "option", "polarity"):
            if name in values:
                getattr(self, name).value = values[name]

    def _write(self, decision: dict) -> None:
        start = time.perf_counter()
        try:
            append_reviews(self.path, [decision], self.codebook, inputs=self._inputs)
        except ToolkitError as exc:
            self.message.value = f'<p style="color:#a40000">error: {escape(str(exc))}</p>'
            raise
        self.last_persist_ms = (time.perf_counter() - start) * 1e3
        self.reviews = load_reviews(self.path, self.codebook)
        self.stale.value = self._stale_html()
        doc_id = self.document.value
        selected = self.statement.value
        self.update(recount=True)
        label = dict((v, k) for k, v in self.document.options)
        if label.get(doc_id) != self._doc_label(doc_id):
            self._relabel_documents()
        if selected is not None and selected <= len(self.result):
            self.statement.value = selected
        self.message.value = (  # last: the panel is up to date when this shows
            f"<p style='color:#1b5e20'>saved: {escape(decision['decision'])} "
            f"({escape(self.path.name)}, {len(self.reviews)} decisions)</p>"
        )

    def _relabel_documents(self) -> None:
        value = self.document.value
        with self.document.hold_trait_notifications():
            self.document.options = [
                (self._doc_label(str(d)), str(d)) for d in self.documents["doc_id"]
            ]
            self.document.value = value


def _button(text: str, style: str, tooltip: str) -> w.Button:
    button = w.Button(description=text, button_style=style, tooltip=tooltip)
    button.add_class("review-" + text.split()[0].lower())
    return button


def _cut(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _weakest(sources) -> str:
    """The look of a sentence with several statements: unreviewed ones show first."""
    order = ["machine", "corrected", "added", "confirmed", "rejected"]
    return min(sources, key=order.index)
