"""Sentence splitting: offsets exact, abbreviations and quotations handled."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.sentences import split_sentences


def texts(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. envoy spoke. Russia replied.", ["The U.S. envoy spoke.", "Russia replied."]),
        ("Talks end Jan. 5 in Geneva. Then what?", ["Talks end Jan. 5 in Geneva.", "Then what?"]),
        ("Dr. Smith agreed. J. D. Vance did not.", ["Dr. Smith agreed.", "J. D. Vance did not."]),
        ("He said, “No deal.” Then he left.", ["He said, “No deal.”", "Then he left."]),
        ('"We will never give up," he said. Fine.', ['"We will never give up," he said.', "Fine."]),
        (
            "Headline without stop\n\nBody starts here. Ends.",
            ["Headline without stop", "Body starts here.", "Ends."],
        ),
        (
            "Russia demands:\n- all of Donbas\n- no NATO",
            ["Russia demands:", "- all of Donbas", "- no NATO"],
        ),
        ("Prices rose 2.5 percent. Next.", ["Prices rose 2.5 percent.", "Next."]),
    ],
)
def test_splits(text, expected):
    assert texts(text) == expected


def test_wrapped_lines_join_paragraph_breaks_split():
    text = (
        "Ukraine rejected the proposal that would have handed the rest of the Donetsk region\n"
        "to Russia, officials said on Monday.\n\nA new paragraph."
    )
    spans = split_sentences(text)
    assert len(spans) == 2
    assert spans[0].paragraph == 0 and spans[1].paragraph == 1


def test_bullets_are_flagged():
    spans = split_sentences("Demands:\n- one\n- two")
    assert [s.bullet for s in spans] == [False, True, True]


def test_a_hard_wrapped_bullet_is_one_item():
    text = (
        "- The envoy said the talks would resume in the spring, and that both sides had\n"
        "  agreed to exchange prisoners first.\n"
        "- A second item."
    )
    spans = split_sentences(text)
    assert [text[s.start : s.end].split()[-1] for s in spans] == ["first.", "item."]
    assert [s.bullet for s in spans] == [True, True]


@given(st.text(max_size=300))
def test_offsets_are_exact_for_any_text(text):
    previous_end = 0
    for s in split_sentences(text):
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip() and chunk
        assert s.start >= previous_end
        previous_end = s.end


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_every_kind_of_line_end_splits_the_same(end):
    """Old Mac files end lines with a lone CR: a headline is still its own sentence."""
    text = end.join(["Kyiv rejects the plan", "", "Talks resumed. A new round", "- one", "- two"])
    assert texts(text) == [
        "Kyiv rejects the plan",
        "Talks resumed.",
        "A new round",
        "- one",
        "- two",
    ]
    assert [s.paragraph for s in split_sentences(text)] == [0, 1, 1, 1, 1]
