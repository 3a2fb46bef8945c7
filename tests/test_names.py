"""The people a document introduces (``toolkit.names``): found the same way at any length."""

from __future__ import annotations

import pytest

from toolkit import load_codebook
from toolkit import names as names_module
from toolkit.match import rules_for

RULES = rules_for(load_codebook())


class _Spy:
    """A compiled pattern that records how far back each search starts from where it ends."""

    def __init__(self, pattern, spans):
        self.pattern, self.spans = pattern, spans

    def search(self, text, pos=0, endpos=None):
        self.spans.append((endpos if endpos is not None else len(text)) - pos)
        return self.pattern.search(text, pos, endpos if endpos is not None else len(text))

    def finditer(self, text, pos=0, endpos=None):
        self.spans.append((endpos if endpos is not None else len(text)) - pos)
        return self.pattern.finditer(text, pos, endpos if endpos is not None else len(text))


@pytest.mark.parametrize(
    "unit",
    [
        "Moscow held talks. Deputy Spokesperson Dana Whitcombe said the plan stands. ",
        "Dana Whitcombe met Whitcombe. She is deputy head of Russia's delegation. ",
    ],
    ids=["titled person", "profile"],
)
def test_each_lookup_looks_back_a_bounded_distance(monkeypatch, unit):
    """A text in one line, with a titled person or a profile every sentence: finding each
    one's party must not search back to the start of the text (which made reading quadratic:
    4,000 titles in 0.3 MB took minutes)."""
    text = unit * 2000
    spans: list[int] = []
    real = names_module._patterns

    def spied(party_names):
        *patterns, profile, anywhere = real(party_names)
        return (*patterns, profile, _Spy(anywhere, spans))

    monkeypatch.setattr(names_module, "_patterns", spied)
    monkeypatch.setattr(names_module, "_NAMES", _Spy(names_module._NAMES, spans))
    found = names_module.learn_names(text, RULES.party_of, RULES.party_words)
    assert found, "precondition: the people are learned"
    assert spans and max(spans) <= 2 * names_module._LOOKBACK < len(text) // 10


@pytest.mark.parametrize(
    ("text", "person", "party"),
    [
        # a military title, before the name or in an apposition
        ("Ukrainian commander Taras Hnatiuk said the line would hold.", "Taras Hnatiuk", "UA"),
        ("Taras Hnatiuk, a Ukrainian brigade commander, said so.", "Hnatiuk", "UA"),
        # an apposition without an article
        ("Olga Sedova, deputy head of the Russian delegation, said so.", "Olga Sedova", "RU"),
    ],
)
def test_people_are_learnt_from_their_title(text, person, party):
    learnt = names_module.learn_names(text, RULES.party_of, RULES.party_words)
    assert learnt.get(person) == party


def test_a_party_s_own_title_before_a_name_introduces_a_person():
    text = "Deputy Secretary of State Jane Roe spoke first. Later, Roe took questions."
    found = names_module.learn_names(text, RULES.party_of, RULES.party_words, RULES.party_titles)
    assert found.get("Jane Roe") == "US" and found.get("Roe") == "US"
    # a place before a name is no title: "Washington Ann Lee" is no one's introduction
    assert "Ann Lee" not in names_module.learn_names(
        "In Washington Ann Lee spoke.", RULES.party_of, RULES.party_words, RULES.party_titles
    )
