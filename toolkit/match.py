"""Reading one sentence: who holds which position on which issue, and with what polarity.

:func:`match` is a pure function of a sentence, a codebook and what the sentence inherits
from the text around it (:class:`Context`); it returns :class:`Match` objects and needs no
pandas. :mod:`toolkit.extract` runs it over documents and builds the statements table.

How a sentence is read
----------------------
*Cues* come from the codebook: each option's patterns. *Mentions* of parties come from the
codebook's aliases and demonyms. Who *holds* a position, and whether they back or oppose
it, comes from general rules of English (:mod:`toolkit.lexicon`), tried in this order:

- a relative or passive clause right after the cue ("…, which Russia has termed …",
  "…, a move opposed by Ukraine");
- the nearest party to the left that is the subject of a stance verb or noun governing
  the cue ("Kyiv rejected any handover", "Russia's demand for …", "a plan backed by
  Washington"), with the polarity of that verb chain and its negations
  ("will not accept" = oppose, "refused to rule out" = support);
- inside a quotation, the quotation's speaker ("“We will never give up Donbas,” he said");
- an attribution after the cue ("…, Peskov said", "according to the Kremlin");
- a pronoun or title ("He added …", "the spokesman said") stands for the holder of the
  sentence before; a list item under "Russia demands:" belongs to Russia.

A mention inside a cue is the content of a position, not its holder ("Russia demands that
Ukraine withdraw from Donbas"). A party after a preposition is a place or an object, not a
holder ("talks in Berlin", "pressure on Kyiv"). A cue introduced as a topic ("proposals
regarding security guarantees") is not a stance. Sentences with no stance verb code nothing,
so attacks and other events are not positions.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import lexicon as lx
from ._prefilter import anchors
from .codebook import Codebook

__all__ = [
    "Context",
    "Cue",
    "Match",
    "Mention",
    "Rules",
    "find_cues",
    "find_mentions",
    "match",
    "rules_for",
]


# --------------------------------------------------------------------------- data types


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
    """An option's pattern matched in a sentence; ``sign`` is -1 for a negative pattern."""

    start: int
    end: int
    issue: str
    option: str
    sign: int
    text: str


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


# --------------------------------------------------------------------------- compiled rules


_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*|[^\w\s]")
_QUOTE_CHARS = '"“”«»'


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _flat(parts: Iterable[str]) -> str:
    return "|".join(parts)


class Rules:
    """A codebook's patterns, compiled once; get it with :func:`rules_for`."""

    def __init__(self, codebook: Codebook) -> None:
        self.alias_party: dict[str, str] = {}
        demonym_party: dict[str, str] = {}
        for party in codebook.parties:
            for alias in party.aliases:
                self.alias_party[alias] = party.key
            for demonym in party.demonyms:
                demonym_party[demonym.lower()] = party.key
        self.demonym_party = demonym_party
        words = [*self.alias_party, *(d for p in codebook.parties for d in p.demonyms)]
        #: any alias or demonym, for spotting the people a document introduces
        self.party_words = _alternation(words)
        self.people: re.Pattern | None = None  # names a document introduced (see with_people)
        self.people_party: dict[str, str] = {}
        self.aliases = re.compile(
            r"(?<![\w\-])(?:" + _alternation(self.alias_party) + r")(?![\w\-]|\.\w)"
        )
        # Case matters for the words between demonym and noun: "Russian Foreign Minister",
        # "Russian top negotiator", but not "Russian central bank assets … Commission".
        plural = [d for d in demonym_party if d.endswith("s")]
        alternatives = []
        if demonym_party:
            alternatives.append(
                r"(?<![\w\-])(?i:(?P<dem>"
                + _alternation(demonym_party)
                + r"))(?:\s+(?:[A-Z][\w\-]*|(?i:chief|top|senior|lead|foreign|defen[cs]e|deputy"
                + r"|special|peace|security|national|own|local|civil|civilian|state|federal|\d[\w\-]*"
                + r"|\w+ing))){0,3}?"
                + r"\s+(?i:(?P<noun>"
                + lx.ACTOR_NOUNS
                + r"))\b"
            )
        if plural:
            # "the Russians", "the Europeans": a plural demonym with "the" names the party
            alternatives.append(r"\b(?i:the)\s+(?i:(?P<plural>" + _alternation(plural) + r"))\b")
        self.demonyms = re.compile("|".join(alternatives)) if alternatives else None
        self.cues: list[tuple[str, str, int, bool, re.Pattern]] = []
        self.topics: dict[str, re.Pattern] = {}
        for issue in codebook.issues:
            if issue.context:
                self.topics[issue.key] = re.compile("|".join(issue.context), re.IGNORECASE)
            for opt in issue.options:
                for p in opt.patterns:
                    self.cues.append((issue.key, opt.key, 1, False, re.compile(p, re.IGNORECASE)))
                for p in opt.context_patterns:
                    self.cues.append((issue.key, opt.key, 1, True, re.compile(p, re.IGNORECASE)))
                for p in opt.negative_patterns:
                    self.cues.append((issue.key, opt.key, -1, False, re.compile(p, re.IGNORECASE)))
        # Literals one of which every match of a cue contains: a cue whose anchors are not in
        # a sentence cannot match there, and is not run (see toolkit._prefilter).
        self.anchors = [anchors(c[4].pattern) for c in self.cues]
        self.topic_anchors = {k: anchors(p.pattern) for k, p in self.topics.items()}
        every = {
            a for group in (*self.anchors, *self.topic_anchors.values()) if group for a in group
        }
        self.all_anchors: tuple[str, ...] = tuple(sorted(every))
        # anchor -> the cues it may start; cues without anchors are always candidates
        by_anchor: dict[str, list[int]] = {}
        for i, group in enumerate(self.anchors):
            for a in group or ():
                by_anchor.setdefault(a, []).append(i)
        self.cues_by_anchor = {a: tuple(ix) for a, ix in by_anchor.items()}
        self.unanchored = tuple(i for i, group in enumerate(self.anchors) if group is None)

    def party_of(self, word: str) -> str | None:
        """The party an alias or demonym stands for, or None."""
        return self.alias_party.get(word) or self.demonym_party.get(word.lower())

    def with_people(self, people: dict[str, str]) -> Rules:
        """A copy that also knows the people one document introduced (name -> party)."""
        if not people:
            return self
        other = copy.copy(self)
        other.people_party = people
        other.people = re.compile(r"(?<![\w\-])(?:" + _alternation(people) + r")(?![\w\-])")
        return other

    def anchors_in(self, folded: str, candidates: tuple[str, ...] | None = None) -> frozenset[str]:
        """The anchors (of ``candidates``, default all) found in casefolded text."""
        return frozenset(
            a for a in (self.all_anchors if candidates is None else candidates) if a in folded
        )


@functools.lru_cache(maxsize=16)
def rules_for(codebook: Codebook) -> Rules:
    """The compiled rules of ``codebook`` (cached: compile once, reuse in every sentence)."""
    return Rules(codebook)


_OPPOSE = re.compile(r"\b(?:" + _flat(lx.OPPOSE_TRIGGERS) + r")\b", re.IGNORECASE)
# One scan for both kinds; at one position an oppose trigger wins ("never accept").
_TRIGGER = re.compile(
    r"\b(?:(?P<o>" + _flat(lx.OPPOSE_TRIGGERS) + r")|(?:" + _flat(lx.SUPPORT_TRIGGERS) + r"))\b",
    re.IGNORECASE,
)
_NEGATOR = re.compile(r"\b(?:" + lx.NEGATORS + r")\b|n't\b", re.IGNORECASE)
_NON_AGENT = re.compile(r"^(?:" + lx.NON_AGENT_PREPOSITIONS + r")$", re.IGNORECASE)
_VOLITION = re.compile(r"\b(?:" + lx.VOLITION + r")\b", re.IGNORECASE)
_OBLIGATION = re.compile(r"\b(?:" + lx.OBLIGATION + r")\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:" + lx.PRONOUNS + r")\b", re.IGNORECASE)
_TITLE = re.compile(r"\b(?:" + lx.TITLES + r")\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|I|our|us|my|me)\b", re.IGNORECASE)
_SPEECH = re.compile(r"(?:" + lx.SPEECH_VERBS + r")$", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:" + lx.CONDITION + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r"^(?:" + lx.RELATIVE + r")$", re.IGNORECASE)
_EVALUATIVE_NEG = re.compile(
    r"^\W*(?:\w+\W+){0,4}?(?:is|was|are|were|would be|will be|remains?|be|seen as|called it"
    r"|calls it|regarded as|described as|considered|deemed|viewed as|branded|labell?ed|termed"
    r"|treated as|regard (?:it|them) as|see (?:it|them) as|as)\s+[\"“'‘]?(?:\w+\s+)?[\"“'‘]?"
    r"(?:unacceptable|a non-starter|non-starter|out of the question|off the table|impossible"
    r"|unrealistic|absurd|a red line|not acceptable|not an option|a trap|legitimate (?:military )?"
    r"targets?|an act of aggression|theft|a provocation|worthless|meaningless|occupation"
    r"|capitulation|surrender|a (?:\w+ )?trick|a ploy|a (?:delaying|stalling) tactic|a smokescreen)\b"
    # "a deal made without Europe will not hold"
    r"|^\W*(?:\w+\W+){0,3}?(?:will|would|could|can)(?:\s+not|n't|\s+never)\s+"
    r"(?:hold|last|work|survive|succeed|stand)\b"
    r"|^\W*(?:\w+\W+){0,3}?(?:would|will|could|might)\s+cross\s+(?:a|\w+'s|our|its|their)\s+red line"
    r"|^\W*(?:\w+\W+){0,3}?(?:is|are|was|were|would be)\s+(?:\w+\s+)?worse than\b"
    r"|^\W*(?:\w+\W+){0,3}?(?:is|are|was|were|would be)\s+(?:not|n't)\s+(?:enough|sufficient"
    r"|a (?:strategy|solution|plan|answer|option))\b"
    r"|^\W*(?:\w+\W+){0,3}?(?:would|will|could)\s+(?:\w+\s+)?reward\s+(?:the\s+)?aggress"
    # headline style, no verb: "Russian control “out of the question”", "a trick"
    r"|^\W*(?:\w+\W+){0,1}?[\"“‘']?(?:a (?:\w+ )?trick|a ploy|a trap|a non-starter"
    r"|out of the question|unacceptable|theft|a provocation|a red line|impossible)\b"
    # "elections cannot be held while martial law is in force"
    r"|^\W*(?:\w+\W+){0,2}?(?:cannot|can't|could not|couldn't|will not|won't|must not|should not"
    r"|may not|would not) be (?:held|organi[sz]ed|allowed|accepted|tolerated|permitted)\b",
    re.IGNORECASE,
)
# Opinion holders who are not parties: "Analysts think a freeze is likeliest" codes nothing.
_NON_PARTY = re.compile(r"^(?:" + lx.NON_PARTY_HOLDERS + r")$", re.IGNORECASE)
# "Without binding guarantees, there can be no peace": two negations make a demand.
_DOUBLE_NEGATIVE = re.compile(
    r"^\W*without\b(?P<clause>[^,;]*),\s*(?:there\s+(?:is|will be|can be|would be|could be)"
    r"\s+no\b|no\b|nothing\b|there\s+(?:can|will|would)\s*(?:not|n't|never)\b"
    r"|(?:\w+\s+){1,3}(?:will|would|can|could|is|are)(?:\s+not|n't|\s+never)\b)",
    re.IGNORECASE,
)
# Words before a cue that make it a topic rather than a stance: "proposals regarding security
# guarantees", "talks on sanctions". "on", "over", "of" and "for" count only when no stance
# word precedes them ("insisted on", "the idea of", "called for" keep the cue a stance).
_TOPICAL = frozenset(
    ["regarding", "about", "concerning", "surrounding", "re", "discuss", "discussed", "discussing"]
)
# Temporal words make a following noun phrase a time, not a stance ("before a ceasefire"),
# but not a following clause, which is a condition ("until Ukrainian troops leave Donbas").
_TEMPORAL = frozenset(["before", "after", "until", "during", "since", "under", "amid", "following"])
_TOPICAL_WEAK = frozenset(["on", "over", "of", "around", "into"])
# ... and only after a noun that names a subject of talks: "the question of sanctions",
# "talks on a ceasefire" (but "a cap of 600,000" and "the idea of a zone" are stances)
_TOPIC_NOUNS = frozenset(
    [
        "question",
        "questions",
        "issue",
        "issues",
        "matter",
        "matters",
        "subject",
        "topic",
        "topics",
        "future",
        "fate",
        "status",
        "discussion",
        "discussions",
        "talks",
        "negotiations",
        "debate",
        "debates",
        "details",
        "round",
        "session",
        "meeting",
        "meetings",
        "consultations",
        "dispute",
        "disputes",
        "disagreement",
        "disagreements",
    ]
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "any",
        "all",
        "some",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
    ]
)
_CLOSERS = frozenset(
    {
        ",",
        ";",
        ":",
        "—",
        "–",
        "(",
        ")",
        "but",
        "while",
        "whereas",
        "although",
        "though",
        "however",
        "yet",
    }
)
_LINKS = frozenset({"to", "that", "not", "be", "also", "only", "still", "it", "is", "for", "on"})
_AUX = frozenset(
    [
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "do",
        "does",
        "did",
        "also",
        "reportedly",
        "now",
        "still",
        "again",
        "already",
        "firmly",
        "repeatedly",
        "publicly",
        "privately",
        "strongly",
        "reluctantly",
        "ultimately",
        "long",
        "so",
        "far",
        "been",
        "being",
    ]
)


# --------------------------------------------------------------------------- tokens


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # W word, P punctuation, M mention, T trigger, N negator, C cue-covered
    sign: int = 1
    mention: Mention | None = None
    cue: int = -1  # index of the covering cue for kind C
    issue: str = ""  # its issue


def _tokens(sentence: str, mentions: list[Mention], cues: list[Cue]) -> list[_Tok]:
    cover = [-1] * (len(sentence) + 1)
    for i, cue in enumerate(cues):
        for j in range(cue.start, cue.end):
            if cover[j] == -1:
                cover[j] = i
    toks: list[_Tok] = []
    mention_at = {m.start: m for m in mentions}
    skip_to = -1
    triggers = _trigger_spans(sentence)
    for m in _WORD.finditer(sentence):
        s, e = m.span()
        if s < skip_to:
            continue
        if cover[s] != -1:
            toks.append(_Tok(s, e, m.group(), "C", cue=cover[s], issue=cues[cover[s]].issue))
            continue
        if s in mention_at:
            men = mention_at[s]
            toks.append(_Tok(men.start, men.end, men.text, "M", mention=men))
            skip_to = men.end
            continue
        if s in triggers:
            t_end, sign = triggers[s]
            toks.append(_Tok(s, t_end, sentence[s:t_end], "T", sign=sign))
            skip_to = t_end
            continue
        word = m.group()
        if _NEGATOR.fullmatch(word) or word.lower().endswith("n't"):
            if (
                word.lower() == "no"
                and e < len(sentence)
                and sentence[e : e + 7].lower().startswith(" longer")
            ):
                pass
            toks.append(_Tok(s, e, word, "N"))
            continue
        toks.append(_Tok(s, e, word, "W" if word[0].isalnum() else "P"))
    return toks


def _trigger_spans(sentence: str) -> dict[int, tuple[int, int]]:
    return {
        m.start(): (m.end(), -1 if m.group("o") is not None else 1)
        for m in _TRIGGER.finditer(sentence)
    }


# --------------------------------------------------------------------------- matching


def find_mentions(sentence: str, codebook: Codebook) -> list[Mention]:
    """Party mentions in ``sentence``: aliases, and demonyms before an actor noun."""
    return _find_mentions(rules_for(codebook), sentence)


def _find_mentions(rules: Rules, sentence: str) -> list[Mention]:
    found: list[Mention] = []
    taken = [False] * (len(sentence) + 1)
    for m in rules.demonyms.finditer(sentence) if rules.demonyms is not None else ():
        group = "dem" if m.group("dem") else "plural"
        party = rules.demonym_party.get(m.group(group).lower())
        if party is None:
            continue
        start = m.start(group)
        found.append(Mention(start, m.end(), party, sentence[start : m.end()], "demonym"))
        for j in range(start, m.end()):
            taken[j] = True
    # people a document introduced first: "Volodymyr Zelenskyy" is one mention, not two
    if rules.people is not None:
        for m in rules.people.finditer(sentence):
            if not any(taken[m.start() : m.end()]):
                found.append(Mention(m.start(), m.end(), rules.people_party[m.group()], m.group()))
                for j in range(m.start(), m.end()):
                    taken[j] = True
    for m in rules.aliases.finditer(sentence):
        if taken[m.start()]:
            continue
        found.append(Mention(m.start(), m.end(), rules.alias_party[m.group()], m.group()))
        for j in range(m.start(), m.end()):
            taken[j] = True
    found.sort(key=lambda x: x.start)
    return found


def find_cues(sentence: str, codebook: Codebook, topics: frozenset[str] = frozenset()) -> list[Cue]:
    """Option cues in ``sentence``; context cues count when their issue is in ``topics``
    or named in the sentence itself. Overlapping cues of one issue keep the longest."""
    rules = rules_for(codebook)
    return _find_cues(rules, sentence, topics_here(rules, sentence), topics)


def _find_cues(
    rules: Rules,
    sentence: str,
    here: frozenset[str],
    topics: frozenset[str],
    present: frozenset[str] | None = None,
) -> list[Cue]:
    if present is None:
        present = rules.anchors_in(sentence.casefold())
    cues: list[Cue] = []
    candidates = set(rules.unanchored)
    for a in present:
        candidates.update(rules.cues_by_anchor.get(a, ()))
    for i in sorted(candidates):  # the codebook's order, so results do not depend on sets
        issue, option, sign, needs_context, pattern = rules.cues[i]
        if needs_context and issue not in here and issue not in topics:
            continue
        for found in pattern.finditer(sentence):
            start, end = found.span()
            while start < end and not sentence[start].isalnum():
                start += 1
            while end > start and not sentence[end - 1].isalnum():
                end -= 1
            if end > start:
                cues.append(Cue(start, end, issue, option, sign, sentence[start:end]))
    if not cues:
        return cues
    # Within an issue, a longer cue that overlaps a shorter one wins ("no security
    # guarantees" over "security guarantees").
    cues.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Cue] = []
    for cue in cues:
        if any(k.issue == cue.issue and k.start < cue.end and cue.start < k.end for k in kept):
            continue
        kept.append(cue)
    # A negative cue ("limits on the army") says less than a named option of the same issue
    # ("a cap of 600,000") in the same sentence; the named option is kept alone.
    named = {c.issue for c in kept if c.sign > 0}
    kept = [c for c in kept if c.sign > 0 or c.issue not in named]
    kept.sort(key=lambda c: (c.start, c.issue, c.option))
    return kept


def topics_here(
    rules: Rules, sentence: str, present: frozenset[str] | None = None
) -> frozenset[str]:
    """Issues whose context words appear in ``sentence`` (``present``: its anchors, if known)."""
    if present is None:
        present = rules.anchors_in(sentence.casefold())
    return frozenset(
        k
        for k, pat in rules.topics.items()
        if (rules.topic_anchors[k] is None or not rules.topic_anchors[k].isdisjoint(present))
        and pat.search(sentence)
    )


def match(sentence: str, codebook: Codebook, context: Context | None = None) -> list[Match]:
    """Statements in one sentence.

    >>> from toolkit import load_codebook
    >>> cb = load_codebook()
    >>> [(m.party, m.issue, m.option, m.polarity)
    ...  for m in match("Kyiv rejected any handover of the Donetsk region.", cb)]
    [('UA', 'territory', 'cede_donbas', 'oppose')]
    """
    return match_with(rules_for(codebook), sentence, context or Context())


def match_with(
    rules: Rules,
    sentence: str,
    context: Context,
    here: frozenset[str] | None = None,
    present: frozenset[str] | None = None,
) -> list[Match]:
    """:func:`match` with compiled rules; ``here`` (the sentence's topics) and ``present``
    (its anchors, see :mod:`toolkit._prefilter`) are computed when not given."""
    return match_cues(rules, sentence, context, here, present)[1]


def match_cues(
    rules: Rules,
    sentence: str,
    context: Context,
    here: frozenset[str] | None = None,
    present: frozenset[str] | None = None,
) -> tuple[list[Cue], list[Match]]:
    """:func:`match_with`, also returning the sentence's own cues (for the next sentence's
    anaphora: "The idea was rejected by Kyiv")."""
    if _is_question(sentence):
        return [], []
    if present is None:
        present = rules.anchors_in(sentence.casefold())
    if here is None:
        here = topics_here(rules, sentence, present)
    own = _find_cues(rules, sentence, here, context.topics, present)
    cues = own + _anaphora(sentence, own, context.antecedents)
    if not cues:
        return own, []
    mentions = _resolve_references(sentence, _find_mentions(rules, sentence), context)
    toks = _tokens(sentence, mentions, cues)
    found: list[Match] = []
    seen: set[tuple] = set()
    for i, cue in enumerate(cues):
        for holder, sign, rule in _holders(i, cue, toks, sentence, context):
            polarity = "support" if sign * cue.sign > 0 else "oppose"
            key = (holder.party, cue.issue, cue.option, polarity)
            if key in seen:
                continue
            seen.add(key)
            found.append(
                Match(
                    party=holder.party,
                    actor=holder.text,
                    issue=cue.issue,
                    option=cue.option,
                    polarity=polarity,
                    cue=cue.text,
                    cue_start=cue.start,
                    cue_end=cue.end,
                    rule=rule if i < len(own) else f"{rule}+anaphor",
                    condition=_condition(sentence, cue),
                )
            )
    return own, found


# "the idea", "this proposal", "such a plan" standing for what the sentence before proposed;
# not when the noun carries its own content ("the idea of a buffer zone").
_ANAPHOR = re.compile(
    r"\b(?:the|this|that|these|those|such(?: an?)?)\s+(?:[\w-]+\s+)?"
    r"(?:idea|proposal|plan|offer|formula|pledge|demand|suggestion|option|arrangement|scheme"
    r"|clause|provision|concept|initiative|figure|ceiling|cap|request|approach|compromise"
    r"|solution|model|promise|commitment|scenario|notion|trade|swap|deal|condition)s?\b"
    r"(?![”\"’']?\s+(?:of|for|to|that|on|which|by|from|in|under|would|will|calls|includes)\b)"
    r"|\b(?:accept|reject|oppose|support|back|endorse|welcome|consider|dismiss|refuse|discuss"
    r"|rule|favou?r|want|like|regard|(?:agree|object|consent)\w*\s+to)\w*\s+(?P<pronoun>it|this|them|that(?=\s*[.,;]))"
    r"\b(?!\s+\w+ing\b)",
    re.IGNORECASE,
)


def _anaphora(
    sentence: str, own: list[Cue], antecedents: tuple[tuple[str, str, int], ...]
) -> list[Cue]:
    """Cues standing for the options of the sentence before: "The idea was dismissed by
    Kyiv", "We won't accept it". Each anaphor carries every antecedent option."""
    if not antecedents:
        return []
    found: list[Cue] = []
    for m in _ANAPHOR.finditer(sentence):
        if m.group("pronoun") and own:
            continue  # "wants it back under Ukrainian control": "it" is a thing, not an idea
        start, end = m.span("pronoun") if m.group("pronoun") else m.span()
        if any(c.start < end and start < c.end for c in own):
            continue
        for issue, option, sign in antecedents:
            found.append(Cue(start, end, issue, option, sign, sentence[start:end]))
    return found


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" \"'”’)").endswith("?")


def _resolve_references(sentence: str, mentions: list[Mention], context: Context) -> list[Mention]:
    """Add pronouns, titles and first-person words that stand for a known party."""
    taken = [(m.start, m.end) for m in mentions]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    extra: list[Mention] = []
    # "Ukraine's president, who said …": a relative "who" stands for the name just before it
    for m in _WHO.finditer(sentence):
        before = [x for x in mentions if x.end <= m.start()]
        if before and _WHO_GAP.fullmatch(sentence[before[-1].end : m.start()]):
            x = before[-1]
            extra.append(Mention(m.start(), m.end(), x.party, f"who ({x.text})", "relative"))
            taken.append((m.start(), m.end()))
    named = sorted(mentions + extra, key=lambda x: x.start)
    for pattern in (_PRONOUN, _TITLE):
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            # "the leaders of France and Germany", "the president of Ukraine"
            of = _OF_NAME.match(sentence, m.end())
            owner = of and next((x for x in mentions if x.start == of.end()), None)
            # "Zelenskyy told parliament he would ...": a name earlier in the same sentence
            # comes first; else the holder of the sentence before.
            # inside a quotation, "the President" is the speaker's own
            inside = context.speaker is not None and any(
                s <= m.start() < e for s, e in context.quote_spans
            )
            antecedent = (
                owner
                or (context.speaker if inside and pattern is _TITLE else None)
                or next(
                    (
                        x
                        for x in reversed(named)
                        if x.end <= m.start()
                        and (
                            x.kind == "relative"
                            or (
                                x.kind in ("name", "demonym")
                                and not _NON_AGENT.match(_word_before(sentence, x.start))
                            )
                        )
                        # "according to a European diplomat, she …": the source is not "she"
                        and "according to" not in sentence[max(0, x.start - 16) : x.start]
                    ),
                    context.previous,
                )
            )
            if antecedent is None:
                continue
            extra.append(
                Mention(
                    m.start(),
                    m.end(),
                    antecedent.party,
                    f"{m.group()} ({antecedent.text})",
                    "pronoun",
                )
            )
            taken.append((m.start(), m.end()))
    speakers = [(s, e) for s, e in context.quote_spans]
    if context.speaker is not None and speakers:
        for m in _FIRST_PERSON.finditer(sentence):
            inside = any(s <= m.start() < e for s, e in speakers)
            if inside and free(m.start(), m.end()):
                extra.append(
                    Mention(
                        m.start(),
                        m.end(),
                        context.speaker.party,
                        f"{m.group()} ({context.speaker.text})",
                        "speaker",
                    )
                )
                taken.append((m.start(), m.end()))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda x: x.start)


_WHO = re.compile(r"\bwho\b")
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?")
# between a name and its "who": a possessive and a title at most ("Ukraine's president, who")
_WHO_GAP = re.compile(r"(?:[’']s)?(?:\s+[\w\-]+){0,4}?\s*,?\s*")


def _word_before(sentence: str, pos: int) -> str:
    m = re.search(r"(\w+)\W*$", sentence[max(0, pos - 30) : pos])
    return m.group(1) if m else ""


_NP_DETERMINERS = _DETERMINERS - {"that", "this", "these", "those"}


def _eligible(toks: list[_Tok], k: int) -> bool:
    """A mention can hold a position unless it follows a preposition (a place or an object)."""
    j = k - 1
    while (
        j >= 0
        and (
            toks[j].text.lower() in _NP_DETERMINERS  # not "that": "told that Washington …"
            or toks[j].kind == "M"
            or (toks[j].text in ("and", ",", "&") and j > 0 and toks[j - 1].kind == "M")
            or (toks[j].kind == "W" and toks[j].text[:1].isupper() and j > 0)
        )
    ):
        j -= 1
    if j < 0:
        return True
    if toks[j].text.lower() in ("a", "an") or (
        j > 0 and toks[j - 1].text.lower() in ("a", "an") and toks[j].text.islower()
    ):
        return False  # "seeks a non-aligned Ukraine": an object, not a holder
    if toks[j].text.lower() == "with":
        # "with Russian officials pushing to keep control": the subject of an absolute clause
        nxt = next(
            (t for t in toks[k + 1 : k + 4] if t.kind != "M" and t.text not in ("and", ",")), None
        )
        return nxt is not None and (nxt.kind == "T" or nxt.text.endswith("ing"))
    if (
        toks[j].text.lower() in ("in", "from", "at")
        and j > 0
        and _ACTOR_NOUN.fullmatch(toks[j - 1].text)
    ):
        return True  # "officials in Washington", "diplomats from Paris"
    return not _NON_AGENT.match(toks[j].text)


_ACTOR_NOUN = re.compile(lx.ACTOR_NOUNS, re.IGNORECASE)


def _possessive(toks: list[_Tok], k: int, sentence: str) -> bool:
    end = toks[k].end
    return sentence[end : end + 2] in ("'s", "’s") or (
        sentence[end : end + 1] in ("'", "’") and toks[k].text.endswith("s")
    )


_LINKERS = frozenset(["and", ",", "&", "or", "nor"])
# "Ukraine and its European partners", "Washington and other allies"
_LINKED_DETERMINERS = frozenset(["its", "their", "the", "other", "his", "her", "fellow"])


def _coordinated(toks: list[_Tok], k: int) -> list[Mention]:
    """The mention at ``k`` and those joined to it by "and", "," or "as well as"."""
    out = [toks[k].mention]
    j = k - 1
    while j >= 1:
        d = j
        while d >= 1 and toks[d].text.lower() in _LINKED_DETERMINERS:
            d -= 1
        if d >= 1 and toks[d].text.lower() in _LINKERS and toks[d - 1].kind == "M":
            out.append(toks[d - 1].mention)
            j = d - 2
        else:
            break
    j = k + 1
    while j + 1 < len(toks) and toks[j].text.lower() in _LINKERS:
        m = j + 1
        while m < len(toks) and toks[m].text.lower() in _LINKED_DETERMINERS:
            m += 1
        if m < len(toks) and toks[m].kind == "M":
            out.append(toks[m].mention)
            j = m + 1
        else:
            break
    if len(out) > 1:
        # commas alone make an apposition, not a list: "a European diplomat, she …"
        lo = min(i for i, t in enumerate(toks) if t.mention in out)
        hi = max(i for i, t in enumerate(toks) if t.mention in out)
        if not any(t.text.lower() in ("and", "or", "nor", "&") for t in toks[lo:hi]):
            return [toks[k].mention]
    return out


def _holders(ci: int, cue: Cue, toks: list[_Tok], sentence: str, context: Context):
    """Yield ``(mention, sign, rule)`` for everyone who holds a position on ``cue``."""
    inside = [i for i, t in enumerate(toks) if t.end > cue.start and t.start < cue.end]
    if not inside:
        return
    first, last = inside[0], inside[-1]
    found = False
    evaluative = -1 if _EVALUATIVE_NEG.match(sentence[cue.end :]) else 1

    # A cue introduced only as a topic ("proposals regarding security guarantees") is not a
    # position of the subject.
    j = first - 1
    determiners = 0
    while j >= 0 and toks[j].text.lower() in _DETERMINERS | {"“", '"', "‘", "'"}:
        determiners += toks[j].text.lower() in _DETERMINERS
        j -= 1
    before = toks[j].text.lower() if j >= 0 else ""
    temporal = before in _TEMPORAL and bool(determiners or _starts_with_determiner(cue.text))
    topical = (
        j >= 0
        and toks[j].kind not in ("T", "C")
        and (
            before in _TOPICAL
            or temporal
            or (before in _TOPICAL_WEAK and j > 0 and toks[j - 1].text.lower() in _TOPIC_NOUNS)
        )
    )

    # 1. A relative or passive clause right after the cue.
    # (not for a time: in "… after a ceasefire, an idea Moscow rejected" the clause is about
    # the whole sentence)
    for mention, sign in () if temporal else _after_cue(toks, last + 1):
        found = True
        yield mention, sign, "relative"

    in_quote = _quote_of(cue.start, context.quote_spans)
    floor = 0
    if in_quote is not None:
        floor = next((i for i, t in enumerate(toks) if t.start >= in_quote[0]), 0)

    if not topical and _opinion_of_non_party(toks, first):
        return
    if _in_time_clause(toks, first):
        return  # "Once there is a ceasefire, …": a time, not a stance
    double = _DOUBLE_NEGATIVE.match(sentence)
    if double and cue.end <= double.end("clause"):
        evaluative = -evaluative  # the "without" that flips the cue is itself negated

    # 2. Leftwards: the subject of the stance verb chain governing the cue.
    if not topical:
        for mention, sign, rule in _left_holders(toks, first, floor, sentence):
            if (
                rule == "modal"
                and in_quote is not None
                and context.speaker is not None
                and mention.kind != "speaker"
            ):
                # “… they will decide in a referendum,” he said: the speaker's position
                mention, rule = context.speaker, "quote"
            found = True
            # "warn against a rushed deal that would reward aggression": the verdict is the
            # reason for the refusal, not a second negation
            yield mention, sign * evaluative if sign > 0 else sign, rule

    if found:
        return
    # 2b. A cue inside an "if" clause opening the sentence: the main clause's subject.
    if not topical and _condition_opener(toks, first, floor) is not None:
        holder = _main_clause_holder(toks, last + 1)
        if holder is not None:
            yield holder, 1, "condition"
            return
    # 3. Inside a quotation: its speaker.
    if in_quote is not None and context.speaker is not None and not topical:
        yield context.speaker, _chain_sign(toks, floor, first) * evaluative, "quote"
        return
    # 4. An attribution after the cue: "…, Peskov said", "according to Kyiv".
    attributed = _attribution_after(toks, last + 1)
    if attributed is not None and not topical:
        yield attributed, _chain_sign(toks, 0, first) * evaluative, "attribution"
        return
    # 5. A list item under "Russia demands:".
    if context.list_holder is not None and not topical:
        holder, sign = context.list_holder
        yield holder, sign * _chain_sign(toks, 0, first) * evaluative, "list"
        return
    # 6. No party named in the sentence, but a stance word: the holder of the sentence before
    # goes on ("Moscow wants the whole of Donbas. The demand also covers Luhansk.")
    if (
        context.previous is not None
        and context.continuing
        and not topical
        and not any(t.kind == "M" for t in toks)
        and any(t.kind == "T" for t in toks)
    ):
        yield context.previous, _chain_sign(toks, 0, first) * evaluative, "continued"


def _in_source_aside(toks: list[_Tok], k: int, first: int) -> bool:
    """True for a mention inside an "according to …" aside that ends before the cue."""
    for j in range(k - 1, max(-1, k - 8), -1):
        low = toks[j].text.lower()
        if low == "according to":
            return any(t.text == "," for t in toks[k + 1 : first])
        if low in (",", ";", ":") or toks[j].kind in ("T", "C"):
            break
    return False


def _in_time_clause(toks: list[_Tok], first: int) -> bool:
    """True when the cue is inside a clause opened by "once" or "when" with no stance word."""
    for j in range(first - 1, -1, -1):
        low = toks[j].text.lower()
        if toks[j].kind in ("T", "M", "C") or low in (",", ";", ":"):
            return False
        if low in ("once", "when", "whenever"):
            return True
    return False


def _opinion_of_non_party(toks: list[_Tok], first: int) -> bool:
    """True when the stance verb nearest before the cue has a non-party subject:
    "Analysts think a freeze along the front line is likeliest"."""
    for j in range(first - 1, -1, -1):
        t = toks[j]
        if t.kind in ("M", "C") or t.text in (";", ":"):
            return False
        if t.kind == "T":
            return any(_NON_PARTY.match(x.text) for x in toks[max(0, j - 8) : j])
    return False


def _starts_with_determiner(text: str) -> bool:
    return text.split(" ", 1)[0].lower() in _DETERMINERS


_RELATIVE_NOUNS = frozenset(
    [
        "move",
        "idea",
        "step",
        "plan",
        "proposal",
        "option",
        "scenario",
        "concession",
        "demand",
        "position",
        "one",
        "figure",
        "formula",
        "offer",
        "solution",
        "arrangement",
        "compromise",
        "condition",
    ]
)
# Words that open a clause of its own: an agent after them belongs to that clause.
_CONJUNCTIONS = frozenset(["and", "but", "yet", "or", "so"])
_CLAUSE_OPENERS = frozenset(
    [
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        "since",
        "as",
    ]
)


def _after_cue(toks: list[_Tok], k: int):
    """Holders named after the cue: "…, which X has termed …", "…, a move opposed by X",
    "… backed by X, but resisted by Y"."""
    found = False
    for holder in _relative_holders(toks, k):
        found = True
        yield holder
    if not found:
        yield from _passive_agents(toks, k)


def _relative_holders(toks: list[_Tok], k: int):
    """ "…, which Russia has termed …", "…, that Ukraine and Europe deem necessary",
    "…, which Kyiv has called a non-starter": the clause's verbs give the polarity."""
    n = len(toks)
    j = k
    words = 0
    # Skip a short stretch of plain words and closing quotes: "“free economic zone” in Donbas".
    while (
        j < n
        and toks[j].kind in ("W", "P", "C")
        and toks[j].text not in (",", ";", ".", "(")
        and words < 6
    ):
        if toks[j].kind == "W" and _RELATIVE.match(toks[j].text):
            break
        words += 1
        j += 1
    if j < n and toks[j].text in (",", "(", "—", "–"):
        j += 1
    if j > 0 and toks[j - 1].text.lower() in ("but", "and", "or"):
        return  # "… the clause but that Europe cannot …": a second complement, not a relative
    start = j
    while (
        j < n
        and toks[j].kind in ("W", "T")
        and (
            _RELATIVE.match(toks[j].text)
            or toks[j].text.lower() in _DETERMINERS
            or toks[j].text.lower() in _RELATIVE_NOUNS
        )
    ):
        j += 1
    if (
        j > start
        and j + 2 < n
        and _ACTOR_NOUN.fullmatch(toks[j].text)
        and toks[j + 1].text.lower() in ("in", "from", "at")
        and toks[j + 2].kind == "M"
    ):
        j += 2  # "a plan that officials in Kyiv have rejected"
    if j == start or j >= n or toks[j].kind != "M":
        return
    group = _coordinated(toks, j)
    q = j + 1
    while q < n and (
        toks[q].text.lower() in ("and", ",", "&", "as", "well") or toks[q].kind == "M"
    ):
        q += 1
    # the clause's verbs, up to its end: "has termed", "has called a non-starter"
    sign, triggered = 1, False
    while q < n and toks[q].text not in (",", ";", ".", ")", "—", "–") and toks[q].kind != "C":
        if toks[q].kind == "N":
            sign = -sign
        elif toks[q].kind == "T":
            sign *= toks[q].sign
            triggered = True
        q += 1
    if triggered:
        for m in group:
            yield m, sign


def _passive_agents(toks: list[_Tok], k: int):
    """Agents of passive stance verbs after the cue, each with its own polarity:
    "… was backed by X, but has been resisted by Y", "… are promised to Kyiv by Washington",
    "… described as “unacceptable” by Russia's deputy foreign minister"."""
    n = len(toks)
    sign, since_trigger, comma = 1, 99, False
    i = k
    found = False
    while i < n:
        t = toks[i]
        low = t.text.lower()
        if low == ";" or low in _CLAUSE_OPENERS:
            return
        if t.kind == "C" and (found or comma):
            return  # another cue, with agents of its own
        if low == "by" and since_trigger <= 3:
            m = i + 1
            while m < n and toks[m].text.lower() in _DETERMINERS:
                m += 1
            if m < n and toks[m].kind == "M":
                group = _coordinated(toks, m)
                for mention in group:
                    yield mention, sign
                found = True
                sign, since_trigger = 1, 99
                i = m + 2 * len(group) - 1
                continue
        if found and t.kind in ("W", "M") and low not in _AUX and low not in _CONJUNCTIONS:
            return  # a new subject: "…, and far deeper cuts are demanded by Y" is Y's own
        if t.kind == "N":
            sign = -sign
        elif t.kind == "T":
            sign *= t.sign
            since_trigger = 0
        elif low == ",":
            comma = True
        since_trigger += 1
        i += 1


def _left_holders(toks: list[_Tok], first: int, floor: int, sentence: str):
    """Walk left from the cue collecting the verb chain's polarity until a holder is found."""
    sign = 1
    open_chain = True
    governed = False  # a stance verb or modal links a holder to the cue
    obliged = False
    locked = False  # past a condition's opener the cue is coded as support, whatever governs it
    nor = False  # "neither A nor B": "nor" negates B, "neither" only A
    elliptical = False  # ", but would never accept …": the subject is that of the first verb
    j = first - 1
    opener = _condition_opener(toks, first, floor)
    if opener is not None:
        # the cue is inside "if X does Y": X is hypothetical; the one who sets the condition
        # holds the position, as support (the coding scheme's rule for conditions)
        j, locked = opener - 1, True
    since_trigger = 99
    while j >= floor:
        t = toks[j]
        low = t.text.lower()
        if t.kind == "C":
            open_chain = False if governed else open_chain
            if (
                open_chain
                and not locked
                and low in _VERBAL_NEGATORS
                and t.cue != toks[first].cue
                and t.issue == toks[first].issue
            ):
                sign = -sign  # "would not recognise the annexations de jure"
            elif low in ("until", "unless") and not governed and t.issue != toks[first].issue:
                sign, locked = 1, True  # "won't stop fighting until [Ukraine leaves Donbas]"
        elif (
            (low == "while" and not (j + 1 < first and toks[j + 1].text.lower().endswith("ing")))
            or low == "whereas"
            or (low == ";" and governed)
        ):
            return  # "X says A, while Y leaves room for B": B is not X's
        elif t.kind == "P" or low in _CLOSERS:
            if low in ("but", "yet") and _starts_verb_phrase(toks, j + 1, first):
                elliptical = True
            if (low in (",", ";", ":", "—", "–") and governed) or low in (
                "but",
                "while",
                "whereas",
                "although",
                "though",
                "however",
                "yet",
            ):
                open_chain = False
        elif t.kind == "T":
            if (
                open_chain
                and not locked
                and (not governed or since_trigger <= 3 or low in ("said", "says"))
            ):
                sign *= t.sign
            governed = True
            since_trigger = 0
        elif t.kind == "N":
            if open_chain and not locked and not (nor and low == "neither"):
                sign = -sign
            nor = nor or low == "nor"
        elif t.kind == "M" and _in_source_aside(toks, j, first):
            pass  # "The US text, according to a European official who has seen it, suggests …"
        elif t.kind == "M" and _proposal_frame(toks, j):
            # "Under the American proposal, the plant would be run jointly",
            # "the EU plan, in which sanctions stay": the proposal holds what it contains
            for m in _coordinated(toks, j):
                yield m, sign, "proposal"
            return
        elif t.kind == "M":
            if not _eligible(toks, j) or (
                elliptical and not _starts_verb_phrase(toks, j + 1, first)
            ):
                j -= 1
                continue
            if (
                _possessive(toks, j, sentence)
                and j + 1 < len(toks)
                and toks[j + 1].kind == "C"
                and toks[j + 1].cue != toks[first].cue
            ):
                pass  # "Ukraine's [NATO bid …]": the owner of another cue's content
            elif _possessive(toks, j, sentence) or _is_proposal(toks[j]):
                # "Kyiv's proposal", and "a revised American proposal to turn …", whose noun
                # is itself the stance
                if governed or _is_proposal(toks[j]):
                    for m in _coordinated(toks, j):
                        yield m, sign, "possessive"
                    # the chain goes on: "Moscow rejected Kyiv's proposal"
                    j -= 1
                    continue
            elif _agent_start(toks, j) is not None:
                # "a plan backed by Washington", "welcomed by Paris and Berlin"
                gs = _agent_start(toks, j)
                verb = toks[gs - 2]
                agent_sign = sign * verb.sign
                if gs >= 3 and toks[gs - 3].kind == "N":
                    agent_sign = -agent_sign
                for m in _coordinated(toks, j):
                    yield m, agent_sign, "agent"
                j = gs - 3
                continue
            elif _obliged(toks, j, first):
                # "Ukraine must refuse NATO membership": the one obliged is not the holder
                pass
            elif governed or _links_by_modal(toks, j, first):
                if obliged and not governed:
                    j -= 1
                    continue
                for m in _coordinated(toks, j):
                    yield m, sign, "subject" if governed else "modal"
                return
            elif _post_governed(toks, j, first) is not None:
                # "Moscow has made the lifting of sanctions a condition": the verb follows
                for m in _coordinated(toks, j):
                    yield m, sign * _post_governed(toks, j, first), "subject"
                return
        else:
            if low in ("and", "but") and j + 1 < first and toks[j + 1].text.lower() == "that":
                open_chain = False  # "said X was unacceptable and that Y": Y's own clause
            if low in ("and", "or") and _starts_verb_phrase(toks, j + 1, first):
                # "will not tolerate such troops and would regard them as …": the negation
                # belongs to the first verb phrase
                open_chain = False
                elliptical = True
            if _OBLIGATION.fullmatch(low):
                obliged = True
            elif low in ("if", "unless", "until", "once", "provided") and not governed:
                # the cue is in a condition: "... until Kyiv leaves Donbas" is coded as support
                sign = 1
                locked = True
        since_trigger += 1
        j -= 1


_VERBAL_NEGATORS = frozenset(["not", "never", "cannot", "won't", "wouldn't", "can't", "don't"])
_MODALS = frozenset(
    [
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "shall",
        "should",
        "must",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
    ]
)
_CONDITION_OPENERS = frozenset(["if", "unless"])


_PROPOSAL_NOUNS = frozenset(lx.PROPOSAL_NOUNS)


def _is_proposal(t: _Tok) -> bool:
    return t.kind == "M" and t.text.split()[-1].lower() in _PROPOSAL_NOUNS


def _proposal_frame(toks: list[_Tok], k: int) -> bool:
    """True for a party's proposal framing what follows: "Under the American draft, …",
    "the US plan, in which …"."""
    if toks[k].text.split()[-1].lower() not in _PROPOSAL_NOUNS:
        return False
    nxt = [x.text.lower() for x in toks[k + 1 : k + 3]]
    j = k - 1
    while j >= 0 and toks[j].text.lower() in _DETERMINERS:
        j -= 1
    framed = j >= 0 and toks[j].text.lower() in ("under", "in", "according")
    relative = nxt[:2] in ([",", "in"], [",", "under"], [",", "whereby"]) or nxt[:1] == ["whereby"]
    return framed or relative


_DEMAND = re.compile(
    r"(?:propos|demand|insist|urg|ask|suggest|requir|recommend|request)\w*$", re.IGNORECASE
)
_OBLIGED_AFTER = re.compile(
    r"^(?:\w+ ){0,2}?(?:" + lx.OBLIGATION + r"|(?:be|is|are|was|were|been|being) (?:asked|told"
    r"|forced|made|pressed|pressured|urged|expected|required|obliged|invited|called on|compelled)"
    r" to)\b",
    re.IGNORECASE,
)


def _obliged(toks: list[_Tok], k: int, first: int) -> bool:
    """True when the mention is the one obliged, not the one who wants:
    "Ukraine must …", "Ukraine cannot be asked to cede …"."""
    words = " ".join(t.text for t in toks[k + 1 : min(first, k + 7)])
    if _OBLIGED_AFTER.match(words) is not None:
        return True
    # "… had proposed that Kyiv accept a ceiling": a bare verb after a demand's "that"
    nxt = toks[k + 1] if k + 1 < first else None
    return (
        k >= 2
        and toks[k - 1].text.lower() == "that"
        and any(t.kind == "T" and _DEMAND.match(t.text) for t in toks[max(0, k - 14) : k - 1])
        and nxt is not None
        and nxt.kind == "T"
        and not nxt.text.lower().endswith(("s", "ed"))
    )


def _post_governed(toks: list[_Tok], k: int, first: int) -> int | None:
    """The polarity of a stance word after the cue, for a subject that has no stance verb
    before it ("Moscow has made [the lifting of sanctions] a condition", "Kyiv considers
    [a buffer zone] unacceptable"); None when there is none."""
    between = toks[k + 1 : first]
    if len(between) > 4 or any(t.kind in ("M", "C", "P") for t in between):
        return None
    end = next((i for i in range(first, len(toks)) if toks[i].kind != "C"), len(toks))
    sign = None
    for t in toks[end : end + 14]:
        if t.kind == "C":
            # "made [the lifting of sanctions] a condition of any armistice"
            trigger = _TRIGGER.match(t.text)
            if trigger:
                sign = (sign or 1) * (-1 if trigger.group("o") else 1)
            break
        if t.kind == "M" or t.text in (";", ".", ":") or t.text.lower() in _CLAUSE_OPENERS:
            break
        if t.kind == "T":
            sign = (sign or 1) * t.sign
    return sign


def _starts_verb_phrase(toks: list[_Tok], k: int, first: int) -> bool:
    """True when a verb phrase starts at ``k`` (a modal, auxiliary, negation or stance verb)."""
    if k >= first:
        return False
    t = toks[k]
    return t.kind in ("T", "N") or t.text.lower() in _MODALS or t.text.lower() in _AUX


def _condition_opener(toks: list[_Tok], first: int, floor: int) -> int | None:
    """Index of the "if" whose clause holds the cue, or None."""
    j = first - 1
    while j >= floor:
        low = toks[j].text.lower()
        if low in _CONDITION_OPENERS:
            return j
        if low in (",", ";", ":", "—", "–", "then") or toks[j].kind == "C":
            return None
        j -= 1
    return None


def _main_clause_holder(toks: list[_Tok], first: int) -> Mention | None:
    """The subject of the main clause after an "if" clause that holds the cue:
    "If Moscow agrees to a buffer zone, he said, Washington is prepared to …"."""
    n = len(toks)
    j = first
    while j < n and toks[j].text not in (",", ";", "then"):
        j += 1
    candidates = []
    while j < n and toks[j].text not in (";", ".") and len(candidates) < 2:
        if toks[j].kind == "M" and _eligible(toks, j):
            nxt = toks[j + 1] if j + 1 < n else None
            parenthetical = (
                nxt is not None
                and _SPEECH.fullmatch(nxt.text) is not None
                and j + 2 < n
                and toks[j + 2].text == ","
            )
            candidates.append((toks[j].mention, parenthetical))
        j += 1
    for mention, parenthetical in candidates:
        if not parenthetical:
            return mention
    return candidates[0][0] if candidates else None


def _agent_start(toks: list[_Tok], k: int) -> int | None:
    """Index of the first mention of a "<verb> by X (and Y)" agent group ending at ``k``."""
    gs = k
    while gs >= 2 and toks[gs - 1].text.lower() in ("and", ",", "&") and toks[gs - 2].kind == "M":
        gs -= 2
    if gs >= 2 and toks[gs - 1].text.lower() == "by" and toks[gs - 2].kind == "T":
        return gs
    return None


def _links_by_modal(toks: list[_Tok], k: int, first: int) -> bool:
    """True when a modal of will ("will", "would", "won't") follows the mention and leads to
    the cue or a stance word ("Kyiv would never cede Donbas"), not to a verb of its own
    ("Ukraine would receive a guarantee"), unless the mention is a proposal ("the American
    draft would channel the assets into …")."""
    proposal = toks[k].text.split()[-1].lower() in _PROPOSAL_NOUNS
    for i in range(k + 1, first):
        t = toks[i]
        modal = (t.kind == "W" and _VOLITION.fullmatch(t.text)) or (
            t.kind == "N" and t.text.lower() in ("won't", "wouldn't", "never", "cannot")
        )
        if modal:
            if proposal:
                return True
            passive = False
            for u in toks[i + 1 :]:
                low = u.text.lower()
                if low in ("be", "been", "being"):  # also inside the cue: "be briefed …"
                    passive = True
                    continue
                if u.kind == "N" or low in _MODALS or low in _AUX or low in _LINKS:
                    continue
                # "Europe would be briefed afterwards": the subject of a passive cue is not
                # its holder; "Kyiv would be ready to accept …" is
                return u.kind == "T" or (u.kind == "C" and not passive)
            return True
        if t.text in (",", ";"):
            return False
    return False


def _chain_sign(toks: list[_Tok], lo: int, first: int) -> int:
    """Polarity of the stance words and negations between ``lo`` and the cue."""
    sign = 1
    for t in toks[lo:first]:
        if t.text in (";",) or t.kind == "C":
            sign = 1
        elif t.kind == "N" or t.kind == "T":
            sign *= -1 if t.kind == "N" else t.sign
    return sign


def _attribution_after(toks: list[_Tok], k: int) -> Mention | None:
    n = len(toks)
    j = k
    while j < n and toks[j].kind != "M":
        if toks[j].kind == "C":
            return None
        j += 1
    if j >= n:
        return None
    before = " ".join(t.text.lower() for t in toks[max(k, j - 3) : j])
    after = toks[j + 1].text if j + 1 < n else ""
    if (
        "according to" in before
        or (j > 0 and _SPEECH.fullmatch(toks[j - 1].text))
        or (
            (
                _SPEECH.fullmatch(after)
                or (j + 1 < n and toks[j + 1].kind == "T" and toks[j + 1].sign > 0)
            )
            and any(t.text in (",", "”", '"', "—") for t in toks[k:j])
        )
    ):
        return toks[j].mention
    return None


def _quote_of(pos: int, spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return None


def _condition(sentence: str, cue: Cue) -> str:
    m = None
    for m_ in _CONDITION.finditer(sentence):
        m = m_
        if m_.start() > cue.end:
            break
    if m is None:
        return ""
    end = sentence.find(",", m.end())
    if end < 0 or (m.start() < cue.start < end and end < cue.end):
        end = len(sentence)
    return sentence[m.start() : end].strip(" ,.;")
