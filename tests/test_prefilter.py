"""The anchor prefilter never changes what the cue patterns find."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit._prefilter import anchors
from toolkit.match import _find_cues, rules_for, topics_here


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bsecurity guarantees?\b", {"security guarantee"}),
        (r"\b(?:lift|remove)\w* sanctions\b", {" sanctions"}),
        (r"\b(?:withdrawal|pull-?out) of Russian troops", {" of russian troops"}),
        (r"\bDMZ\b", {"dmz"}),
        (r"\b50[-/ ]50\b", None),
        (r"(?:a|b)?c", None),
    ],
)
def test_anchors(pattern, expected):
    found = anchors(pattern)
    assert (None if found is None else set(found)) == expected


def _brute(rules, sentence, here):
    out = []
    for issue, option, _sign, needs_context, pattern in rules.cues:
        if needs_context and issue not in here:
            continue
        out += [
            (m.start(), m.end(), issue, option)
            for m in pattern.finditer(sentence)
            if m.end() > m.start()
        ]
    return out


VOCAB = [
    "Russia ",
    "Kyiv ",
    "security ",
    "guarantees ",
    "sanctions ",
    "lifted ",
    "relief ",
    "NATO ",
    "membership ",
    "neutral ",
    "Donbas ",
    "withdraw ",
    "from ",
    "the ",
    "front ",
    "line ",
    "plant ",
    "jointly ",
    "ceasefire ",
    "deadline ",
    "ſanctions ",
    "SECURITY ",
    "Zaporizhzhia ",
    "troops ",
    "peacekeepers ",
    "800,000 ",
    "referendum ",
    ", ",
    ". ",
    "ÉLYSÉE ",
    "K",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=25).map("".join))
def test_prefiltered_cues_equal_brute_force(codebook, sentence):
    rules = rules_for(codebook)
    here = topics_here(rules, sentence)
    brute_topics = frozenset(k for k, p in rules.topics.items() if p.search(sentence))
    assert here == brute_topics
    fast = {
        (c.start, c.end, c.issue, c.option) for c in _find_cues(rules, sentence, here, frozenset())
    }
    brute = _brute(rules, sentence, here)
    # every cue found is a brute-force match (trimmed of surrounding punctuation and spaces)
    for s, e, issue, option in fast:
        assert any(i == issue and o == option and a <= s and e <= b for a, b, i, o in brute)
    # every brute-force cue is either kept or lost to a longer overlapping cue of its issue
    for s, e, issue, _option in brute:
        assert any(i == issue and a < e and s < b for a, b, i, _ in fast)


def test_anchor_literals_are_casefolded():
    assert anchors(r"\bNATO\b") == frozenset({"nato"})
    assert re.search(r"(?i)sanctions", "ſanctions")  # why the haystack is casefolded
