"""The values a sentence is read into: mentions of parties, cues of options, matches, and
the context a sentence inherits. Plain frozen dataclasses, imported by every reading module
(:mod:`toolkit.match`, :mod:`toolkit.holders`, :mod:`toolkit.attribute`, :mod:`toolkit._grammar`)
so that none of them imports another for its types.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Context", "Cue", "Match", "Mention"]


@dataclass(frozen=True)
class Mention:
    """A party named in a sentence; offsets are relative to the sentence."""

    start: int
    end: int
    party: str
    text: str
    kind: str = "name"  # name | demonym | pronoun | speaker


@dataclass(frozen=True)
class Cue:
    """An option's pattern matched in a sentence; ``sign`` is -1 for a negative pattern, or
    for a pattern whose gap took in a "not" (``negated``)."""

    start: int
    end: int
    issue: str
    option: str
    sign: int
    text: str
    negated: bool = False


@dataclass(frozen=True)
class Match:
    """One statement found in one sentence (offsets relative to the sentence)."""

    party: str
    actor: str
    issue: str
    option: str
    polarity: str
    cue: str
    cue_start: int
    cue_end: int
    rule: str
    condition: str = ""


@dataclass(frozen=True)
class Context:
    """What a sentence inherits from the text around it."""

    previous: Mention | None = None  # holder of the previous sentence, for "he", "the minister"
    speaker: Mention | None = None  # speaker of a quotation the sentence is inside
    quote_spans: tuple[tuple[int, int], ...] = ()  # quoted stretches, sentence offsets
    topics: frozenset[str] = frozenset()  # issues named in the sentences just before
    list_holder: tuple[Mention, int] | None = None  # "Russia demands:" before a list item
    # options named just before, which "the idea", "the proposal" or "it" can stand for
    antecedents: tuple[tuple[str, str, int], ...] = ()
    # the sentence before, in the same paragraph, had a holder: a sentence naming no party
    # may go on with it
    continuing: bool = False
    # the last party proposal named ("the American draft"), for a later "the draft"
    proposal: Mention | None = None
    # a party's plan that held a position in this paragraph or the one before: what a
    # sentence after it says "would" happen, with nobody else named, is that plan's
    plan: Mention | None = None
    # the people introduced with a title, most recent last: ("prime minister", mention)
    titled: tuple[tuple[str, Mention], ...] = ()
