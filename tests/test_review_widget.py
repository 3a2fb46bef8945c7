"""The review panel driven from Python as a user drives it (setting values, clicking buttons),
and the candidate sentences it lists."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit as tk
from toolkit.candidates import candidates
from toolkit.codebook import parse_codebook
from toolkit.review_widget import ReviewPanel
from toolkit.reviews import load_reviews

from .conftest import ROOT
from .test_codebook import MINIMAL

# the tiny codebook, with words that say a sentence is about the issue
CONTEXT = MINIMAL.replace(
    "    scale: ordinal\n", "    scale: ordinal\n    context: ['\\bland\\b']\n"
)
TEXT = (
    "Alpha will keep the land.\n\nBeta wants to give up the land. Talks went on in the rain.\n\n"
    "Beta spoke about the land at length. Alphaland said Beta would keep the land?"
)


@pytest.fixture
def cb():
    return parse_codebook(CONTEXT)


@pytest.fixture
def panel(cb, tmp_path):
    documents = tk.documents_from_texts({"d1": TEXT, "d2": "Alpha will give the land."})
    statements = tk.extract(documents, cb)
    return ReviewPanel(documents, statements, cb, tmp_path / "reviews.csv", reviewer="ana")


def click(button):
    button.click()


def test_the_panel_lists_the_documents_statements_and_writes_nothing_yet(panel, tmp_path):
    labels = [label for label, _ in panel.statement.options]
    assert labels[0] == "[1] Alpha supports Keep (Land) — to review"
    assert labels[1] == "[2] Beta supports Give (Land) — to review"
    assert len(labels) == len(panel.result) == 2
    assert panel.progress_line.value.startswith("<b>0 of 3 statements reviewed · 0 of 2 documents")
    assert not (tmp_path / "reviews.csv").exists()


def test_clicking_accept_reject_and_correct_appends_one_row_each(panel, tmp_path):
    panel.statement.value = 1
    click(panel.accept_button)
    panel.statement.value = 2
    click(panel.reject_button)
    panel.statement.value = 1
    # the fields filled in with statement 1; change the polarity and correct
    assert (panel.party.value, panel.option.value, panel.polarity.value) == ("A", "keep", "support")
    panel.polarity.value = "oppose"
    click(panel.correct_button)
    rows = load_reviews(tmp_path / "reviews.csv", panel.codebook)
    assert rows["decision"].tolist() == ["accept", "reject", "correct"]
    assert rows["reviewer"].tolist() == ["ana"] * 3
    assert rows["new_polarity"].tolist()[-1] == "oppose"
    shown = panel.result[["party", "option", "polarity", "source"]].astype(str).values.tolist()
    assert shown == [["A", "keep", "oppose", "corrected"], ["B", "give", "support", "rejected"]]
    assert "2 of 3 statements reviewed" in panel.progress_line.value


def test_adding_on_a_candidate_sentence(panel, tmp_path):
    best = panel.candidate.options[0]
    assert best[0] == "5 · Alpha · Land: Keep · Alphaland said Beta would keep the land?"
    panel.candidate.value = best[1]
    # the candidate filled in the sentence and a guess
    assert panel.sentence.value == best[1] == 4
    assert (panel.party.value, panel.issue.value, panel.option.value) == ("A", "land", "keep")
    panel.party.value = "B"
    click(panel.add_button)
    added = panel.result[panel.result["source"] == "added"].iloc[0]
    assert added.quote == "Alphaland said Beta would keep the land?" and str(added.party) == "B"
    # a sentence with a statement is no longer a candidate
    assert best[1] not in [v for _, v in panel.candidate.options]
    assert len(load_reviews(tmp_path / "reviews.csv", panel.codebook)) == 1


def test_the_option_choices_follow_the_issue(cb, tmp_path):
    two = parse_codebook(
        CONTEXT
        + """  talks:
    label: Talks
    scale: none
    options:
      now:
        label: Now
        patterns: ['\\btalk now\\b']
      later:
        label: Later
        patterns: ['\\btalk later\\b']
"""
    )
    documents = tk.documents_from_texts({"d1": TEXT})
    p = ReviewPanel(documents, tk.extract(documents, two), two, tmp_path / "r.csv")
    assert [v for _, v in p.party.options] == ["A", "B"]
    assert [v for _, v in p.polarity.options] == ["support", "oppose"]
    assert [v for _, v in p.option.options] == ["keep", "give"]
    p.issue.value = "talks"
    assert [v for _, v in p.option.options] == ["now", "later"]
    assert p.option.value == "now"


def test_decisions_from_code_and_a_document_marked_complete(panel, tmp_path):
    panel.reject(1)
    panel.correct(2, party="A", polarity="oppose")
    panel.add(2, party="B", issue="land", option="keep", polarity="support")
    assert panel.result[["party", "option", "polarity", "source"]].astype(str).values.tolist() == [
        ["A", "keep", "support", "rejected"],
        ["A", "give", "oppose", "corrected"],
        ["B", "keep", "support", "added"],
    ]
    click(panel.complete_button)
    assert panel.complete_button.description == "Reopen document"
    assert panel.document.options[0][0].startswith("✓ ")
    assert "1 of 2 documents complete" in panel.progress_line.value
    rows = load_reviews(tmp_path / "reviews.csv", panel.codebook)
    assert rows["decision"].tolist() == ["reject", "correct", "add", "complete"]
    # a new panel on the same file starts where this one stopped
    again = ReviewPanel(panel.documents, panel.statements, panel.codebook, panel.path)
    pd.testing.assert_frame_equal(again.result, panel.result)
    click(again.complete_button)
    assert load_reviews(again.path, again.codebook)["decision"].tolist()[-1] == "reopen"


def test_switching_document(panel):
    panel.document.value = "d2"
    assert [label for label, _ in panel.statement.options] == [
        "[1] Alpha supports Give (Land) — to review"
    ]
    assert "Alpha will give the land." in panel.text.value


def test_a_file_that_is_not_a_reviews_file_is_refused_and_left_alone(cb, tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("doc_id,party,issue,option,polarity\n")
    documents = tk.documents_from_texts({"d1": TEXT})
    with pytest.raises(tk.ReviewError, match=r"gold.csv:1: missing column\(s\)"):
        ReviewPanel(documents, tk.extract(documents, cb), cb, path)
    assert path.read_text() == "doc_id,party,issue,option,polarity\n"


def test_an_error_while_writing_shows_in_the_panel(cb, tmp_path):
    documents = tk.documents_from_texts({"d1": TEXT})
    p = ReviewPanel(documents, tk.extract(documents, cb), cb, ROOT / "seeds" / "r.csv")
    with pytest.raises(tk.OutputError):
        p.accept(1)
    assert "error: " in p.message.value and "refusing to write inside seeds/" in p.message.value
    assert not (ROOT / "seeds" / "r.csv").exists()


def test_hostile_text_is_escaped(cb, tmp_path):
    text = "Alpha will keep the land <script>alert(1)</script>.\n\nBeta & the land <b>x</b>."
    documents = tk.documents_from_texts({"<img src=x>": text})
    p = ReviewPanel(documents, tk.extract(documents, cb), cb, tmp_path / "r.csv")
    p.accept(1)
    shown = p.text.value + p.progress_line.value + p.message.value + p.stale.value
    assert "<script>" not in shown and "&lt;script&gt;" in p.text.value
    assert "<b>x" not in shown and "<img" not in shown


def test_stale_decisions_are_listed_in_the_panel(cb, tmp_path):
    documents = tk.documents_from_texts({"d1": TEXT})
    p = ReviewPanel(documents, tk.extract(documents, cb), cb, tmp_path / "r.csv")
    p.reject(1)
    edited = tk.documents_from_texts({"d1": TEXT.replace("Alpha will", "Alpha shall")})
    q = ReviewPanel(edited, tk.extract(edited, cb), cb, tmp_path / "r.csv")
    assert "1 stale decision(s)" in q.stale.value and "line 2: reject A land keep" in q.stale.value


def test_the_panel_does_not_change_its_inputs(cb, tmp_path):
    documents = tk.documents_from_texts({"d1": TEXT})
    statements = tk.extract(documents, cb)
    before_d, before_s = documents.copy(), statements.copy()
    p = ReviewPanel(documents, statements, cb, tmp_path / "r.csv")
    p.reject(1)
    p.add(3, party="B", issue="land", option="keep", polarity="support")
    pd.testing.assert_frame_equal(documents, before_d)
    pd.testing.assert_frame_equal(statements, before_s)


def test_the_panel_shows_a_one_line_summary_where_widgets_cannot(panel):
    bundle = panel._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    assert data["text/plain"] == (
        "<ReviewPanel: 0 of 3 statements reviewed · 0 of 2 documents complete · "
        "reviews file reviews.csv>"
    )


# ----------------------------------------------------------------------------- candidates


def test_candidates_name_a_party_and_an_issue_and_hold_no_statement(cb):
    documents = tk.documents_from_texts({"d1": TEXT})
    statements = tk.extract(documents, cb)
    found = candidates(documents, statements, cb)
    assert (
        found[["text", "score", "parties", "party", "issue", "option"]].values.tolist()
        == [
            ["Beta spoke about the land at length.", 2.0, "B", "B", "land", None],
            # names an option (keep) and two parties: the most likely to hold a position
            ["Alphaland said Beta would keep the land?", 5.0, "A,B", "A", "land", "keep"],
        ][::-1]
    )
    # the rain sentence names no party; the sentences with statements are left out
    assert not set(found["start"]) & set(statements["start"])


def test_a_sentence_given_a_statement_leaves_the_candidates(cb):
    documents = tk.documents_from_texts({"d1": TEXT})
    statements = tk.extract(documents, cb)
    best = candidates(documents, statements, cb).iloc[0]
    reviewed = tk.apply_reviews(
        statements,
        [
            tk.new_decision(
                "add", "d1", best.start, best.end, best.text, ("B", "land", "keep", "support")
            )
        ],
        documents,
        cb,
    )
    assert best.start not in candidates(documents, reviewed, cb)["start"].tolist()


def test_candidates_with_no_documents_or_no_match(cb):
    empty = tk.documents_from_texts({})
    assert list(candidates(empty, tk.extract(empty, cb), cb).columns)[:3] == [
        "doc_id",
        "sentence",
        "start",
    ]
    plain = tk.documents_from_texts({"d": "Nothing here. Nor here."})
    assert candidates(plain, tk.extract(plain, cb), cb).empty
