"""Reading one sentence: who holds which position on which issue, and with what polarity.

:func:`match` is a pure function of a sentence, a codebook and what the sentence inherits
from the text around it (:class:`Context`); it returns :class:`Match` objects and needs no
pandas. :mod:`toolkit.extract` runs it over documents and builds the statements table.

How a sentence is read
----------------------
*Cues* come from the codebook: each option's patterns (context patterns count only when the
issue is named nearby). *Mentions* of parties come from the codebook's aliases and demonyms,
the people a document introduces (:mod:`toolkit.names`), and pronouns, titles and "who"
that stand for a mention before them. An anaphor ("the idea", "such a plan", "reject it")
carries the options of the sentence before. Who *holds* each cue, and whether they back or
oppose it, is decided by :mod:`toolkit.holders` from general rules of English
(:mod:`toolkit.lexicon`).
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from . import _check
from . import lexicon as lx
from ._grammar import (
    _CALLED_BEFORE,
    _FIRST_PERSON,
    _NAMED_AFTER,
    _NON_AGENT,
    _PRONOUN,
    _TITLE,
    ASIDE,
    _word_before,
    names_proposal,
    title_key,
    tokens,
)
from ._patterns import TimedPattern
from ._prefilter import anchors
from ._types import Context, Cue, Match, Mention
from .attribute import attribute, obliged_mentions
from .codebook import Codebook
from .holders import _quote_of, condition_of, holders, merely_named

if TYPE_CHECKING:
    from spacy.tokens import Doc

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


# --------------------------------------------------------------------------- compiled rules


_TITLE_WORD = re.compile(r"\b(?:" + lx.PERSON_TITLES + r")\b", re.IGNORECASE)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _flat(parts: Iterable[str]) -> str:
    return "|".join(parts)


# an option's pattern lists: (field, sign, counts only with the issue's context)
_CUE_KINDS = (
    ("patterns", 1, False),
    ("context_patterns", 1, True),
    ("negative_patterns", -1, False),
)


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
        #: the aliases that are a title ("Secretary of State"), which introduce a person
        self.party_titles = _alternation(a for a in self.alias_party if _TITLE_WORD.search(a))
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
        # The codebook's own patterns run with a time limit: a user's pattern cannot hang
        # the program, and one that runs too long is reported with its line.
        self.cues: list[tuple[str, str, int, bool, TimedPattern]] = []
        self.topics: dict[str, TimedPattern] = {}
        for issue in codebook.issues:
            if issue.context:
                written, where = codebook.locate(("issues", issue.key, "context", 0))
                where["location"] = f"issues -> {issue.key} -> context"  # tried as one
                self.topics[issue.key] = TimedPattern("|".join(issue.context), where=where)
            for opt in issue.options:
                for kind, sign, needs_context in _CUE_KINDS:
                    for i, p in enumerate(getattr(opt, kind)):
                        written, where = codebook.locate(
                            ("issues", issue.key, "options", opt.key, kind, i)
                        )
                        pattern = TimedPattern(p, written or p, where)
                        self.cues.append((issue.key, opt.key, sign, needs_context, pattern))
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


# --------------------------------------------------------------------------- matching


def find_mentions(sentence: str, codebook: Codebook) -> list[Mention]:
    """Party mentions in ``sentence``: aliases, and demonyms before an actor noun."""
    return _find_mentions(rules_for(codebook), sentence)


def _find_mentions(rules: Rules, sentence: str) -> list[Mention]:
    return list(_mentions(rules, sentence))


@functools.lru_cache(maxsize=64)  # a sentence's mentions are asked for several times
def _mentions(rules: Rules, sentence: str) -> tuple[Mention, ...]:
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
        if _ATTRIBUTIVE.search(sentence, 0, m.start()) and _THING_AFTER.match(sentence, m.end()):
            continue  # "a London brokerage", "an Oslo daily": a place naming a thing, not a party
        end = m.end()
        if _DETERMINER_BEFORE.search(sentence[max(0, m.start() - 6) : m.start()]):
            plan = _PLAN_AFTER.match(sentence, end)  # "a Kremlin proposal", "the Witkoff plan"
            end = plan.end() if plan is not None else end
        found.append(
            Mention(m.start(), end, rules.alias_party[m.group()], sentence[m.start() : end])
        )
        for j in range(m.start(), end):
            taken[j] = True
    found.sort(key=lambda x: x.start)
    return tuple(found)


# a proposal noun right after a party's name makes the proposal the mention
_PLAN_AFTER = re.compile(
    r"(?:-drafted|-backed|-led)?\s+(?:peace\s+)?(?:" + "|".join(lx.PROPOSAL_NOUNS) + r")\b(?!-)",
    re.IGNORECASE,
)
# ... after a determiner: "the Kremlin plan", not "Oslo plans to …" or "Riga demands …"
_DETERMINER_BEFORE = re.compile(r"(?:^|\W)(?:a|an|the|this|that|its|their)\s+$", re.IGNORECASE)
_NEGATED_INSIDE = re.compile(r"\b(?:not|never|no longer)\b|n't\b", re.IGNORECASE)
_NEGATOR_WRITTEN = re.compile(r"not|never|n'?t|no\b|without|won|refus|reject", re.IGNORECASE)
_ATTRIBUTIVE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
# the firms, papers and schools a place can name ("a Vilnius brokerage"); not "a Kremlin
# source" or "a Trump ally", who speak for their party
_THING_AFTER = re.compile(r"(?:-based)?\s+(?:" + lx.PLACE_THINGS + r")\b", re.IGNORECASE)


def find_cues(sentence: str, codebook: Codebook, topics: frozenset[str] = frozenset()) -> list[Cue]:
    """Option cues in ``sentence``; context cues count when their issue is in ``topics``
    or named in the sentence itself. Overlapping cues of one issue keep the longest."""
    rules = rules_for(codebook)
    return _find_cues(rules, sentence, topics_here(rules, sentence), topics)


# A partial quotation inside a clause: a quotation mark right after a word and a space
# ('sanctions "should go'), or right before a space and a word in lower case ('go" soon')
_QUOTE_MARKS = frozenset('"“”')
_EMBEDDED_QUOTE = re.compile(r"[A-Za-z] [\"“][A-Za-z]|[A-Za-z][\"”] [a-z]")
_SPACE_RUN = re.compile(r"\s{2,}")


def _quote_marks(sentence: str) -> frozenset[int]:
    """Where the quotation marks of a partial quotation inside a clause are (or nothing)."""
    if not _EMBEDDED_QUOTE.search(sentence):
        return frozenset()
    return frozenset(i for i, ch in enumerate(sentence) if ch in _QUOTE_MARKS)


def _extra_spaces(sentence: str) -> frozenset[int]:
    """Every space of a run but the first (the indent of a hard-wrapped line)."""
    return frozenset(
        i for m in _SPACE_RUN.finditer(sentence) for i in range(m.start() + 1, m.end())
    )


def _find_cues(
    rules: Rules,
    sentence: str,
    here: frozenset[str],
    topics: frozenset[str],
    present: frozenset[str] | None = None,
) -> list[Cue]:
    return list(_cues_of(rules, sentence, here, topics, present))


# a sentence whose parse is needed is read twice (see extract._Reading): its cues once
@functools.lru_cache(maxsize=8)
def _cues_of(
    rules: Rules,
    sentence: str,
    here: frozenset[str],
    topics: frozenset[str],
    present: frozenset[str] | None,
) -> tuple[Cue, ...]:
    if present is None:
        present = rules.anchors_in(sentence.casefold())
    candidates = set(rules.unanchored)
    for a in present:
        candidates.update(rules.cues_by_anchor.get(a, ()))
    order = sorted(candidates)  # the codebook's order, so results do not depend on sets
    cues = _cues_in(rules, sentence, here, topics, order)
    aside = ASIDE.search(sentence)
    if aside is not None:
        # "The sanctions, the envoy said, must be lifted": the cue read without the aside,
        # its span then running across it, where no cue of its issue is found already
        a, b = aside.span()
        for c in _cues_in(rules, sentence[:a] + sentence[b:], here, topics, order):
            end = c.end + b - a
            if c.start < a < c.end and not any(
                k.issue == c.issue and k.start < end and c.start < k.end for k in cues
            ):
                cues.append(replace(c, end=end, text=sentence[c.start : end]))
    # 'said sanctions "should go in full"': a cue read without the quotation marks that a
    # partial quotation puts inside it; "where the two\n   armies stand": a hard-wrapped line
    # read with single spaces. Each where no cue of its issue is found already.
    for skipped in (_quote_marks(sentence), _extra_spaces(sentence)):
        if not skipped:
            continue
        keep = [i for i in range(len(sentence)) if i not in skipped]
        plain = "".join(sentence[i] for i in keep)
        for c in _cues_in(rules, plain, here, topics, order):
            start, end = keep[c.start], keep[c.end - 1] + 1
            if not any(k.issue == c.issue and k.start < end and start < k.end for k in cues):
                cues.append(replace(c, start=start, end=end, text=sentence[start:end]))
    if not cues:
        return ()
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
    kept = [c for c in kept if c.sign > 0 or c.negated or c.issue not in named]
    kept.sort(key=lambda c: (c.start, c.issue, c.option))
    return tuple(kept)


def _cues_in(rules: Rules, sentence: str, here, topics, order: list[int]) -> list[Cue]:
    """Every match in ``sentence`` of the cues numbered ``order`` (before any overlap is
    resolved); a "not" that a pattern's gap took in negates its cue."""
    cues: list[Cue] = []
    for i in order:
        issue, option, sign, needs_context, pattern = rules.cues[i]
        if needs_context and issue not in here and issue not in topics:
            continue
        for found in pattern.finditer(sentence):
            start, end = found.span()
            start = _latest_start(pattern, sentence, start, end)
            while start < end and not sentence[start].isalnum():
                start += 1
            while end > start and not sentence[end - 1].isalnum():
                end -= 1
            if end > start:
                text = sentence[start:end]
                if _NEGATED_INSIDE.search(text) and not _NEGATOR_WRITTEN.search(pattern.written):
                    # "sanctions will not be lifted": a gap in the pattern took in a "not"
                    # the pattern does not ask for; it negates the cue
                    cues.append(Cue(start, end, issue, option, -sign, text, negated=True))
                else:
                    cues.append(Cue(start, end, issue, option, sign, text))
    return cues


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
    sentence, codebook = _check.text(sentence, "sentence"), _check.codebook(codebook)
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
    *,
    reader: str = "rules",
    parse: Callable[[str], Doc] | None = None,
) -> tuple[list[Cue], list[Match]]:
    """:func:`match_with`, also returning the sentence's own cues (for the next sentence's
    anaphora: "The idea was rejected by Kyiv").

    ``reader`` chooses who reads the holders: ``"rules"`` (word order, tags-free),
    ``"parse"`` (the dependency rules of :mod:`toolkit.attribute`, with the quotation's
    speaker when they find nobody) or ``"both"`` (word order first; the parse removes a
    holder that is only the object of "require", "press" or "urge", and finds one when word
    order finds none). ``parse`` turns the sentence into a parsed ``Doc``; it is called only
    for a sentence with a cue.
    """
    if _is_question(sentence):
        return [], []
    if present is None:
        present = rules.anchors_in(sentence.casefold())
    if here is None:
        here = topics_here(rules, sentence, present)
    own = _find_cues(rules, sentence, here, context.topics, present)
    cues = own + _anaphora(sentence, own, context.antecedents)
    silent = _no_stance(sentence)
    if silent:
        cues = [c for c in cues if not any(s <= c.start < e for s, e in silent)]
    if not cues:
        return own, []
    mentions = _resolve_references(sentence, _find_mentions(rules, sentence), context)
    toks = tokens(sentence, mentions, cues)
    if parse is None or reader == "rules" or len(sentence) > MAX_PARSED_SENTENCE:
        reader = "rules"  # a "sentence" this long is a text without punctuation
    else:
        parse = functools.lru_cache(maxsize=1)(parse)  # parse each sentence at most once
    found: list[Match] = []
    seen: set[tuple] = set()
    for i, cue in enumerate(cues):
        anaphor = i >= len(own)
        held = _holders(reader, parse, i, cue, toks, sentence, context, mentions, anaphor)
        if not held and context.plan is not None and _provides(sentence, cue, context):
            held = [(context.plan, 1, "plan")]
        for holder, sign, rule in held:
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
                    condition=condition_of(sentence, cue),
                )
            )
    return own, found


def _holders(reader, parse, i, cue, toks, sentence, context, mentions, anaphor=False):
    """``(mention, sign, rule)`` for the holders of ``cue`` as ``reader`` reads them.

    ``"both"`` parses a sentence only where the parse can change the answer: when word
    order finds nobody, or the sentence has a word the parse rules act on ("require",
    "press", "has to", "could have", "under the plan"). An anaphor ("the idea") is left to
    word order: its words are not the option's."""
    if reader == "rules":
        return list(holders(i, cue, toks, sentence, context))
    if reader == "parse":
        doc = parse(sentence)
        found = _attribute_free(doc, cue, mentions, _imposed_on(doc, cue, mentions))
        if found is not None and found.mention is not None:
            return [(found.mention, found.sign, f"parse:{found.rule}")]
        in_quote = _quote_of(cue.start, context.quote_spans) is not None
        if found is None and context.speaker is not None and in_quote:
            return [(context.speaker, 1, "quote")]
        return []
    by_order = list(holders(i, cue, toks, sentence, context))
    if by_order and not _PARSE_WORTHY.search(sentence):
        return by_order
    if not by_order and (not mentions or merely_named(toks, cue)):
        return []  # nobody named, or a cue that names only a time or a topic
    doc = parse(sentence)
    found = attribute(doc, cue.start, cue.end, mentions)
    if found is not None and found.mention is None and found.rule in _PARSE_VETOES:
        return []  # "could have agreed", "under the draft, X would …": nobody's stance
    obliged = _imposed_on(doc, cue, mentions)
    kept = [h for h in by_order if h[0] not in obliged]
    if kept or anaphor:
        return kept
    if found is not None and found.mention in obliged:
        found = _attribute_free(doc, cue, mentions, obliged)
    if found is None or found.mention is None:
        return []
    sign = found.sign
    if _CALLED_BEFORE.search(sentence, 0, cue.start) and _NAMED_AFTER.match(sentence[cue.end :]):
        sign = -1  # "Riga calls the transfer theft": the parse reads "calls" as speech
    return [(found.mention, sign, f"parse:{found.rule}")]


# What a plan provides, told after it: "Sanctions would be lifted in stages", "the army
# shall number …"; the modal in the clause of the cue, before its end.
_PROVIDES = re.compile(r"\b(?:would|shall)\b", re.IGNORECASE)
_OPEN_QUOTE = re.compile(r'["“”]')
_NOT = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)


def _provides(sentence: str, cue: Cue, context: Context) -> bool:
    """Whether a cue nobody holds is what the plan just described provides: told with
    "would" or "shall" just before the cue, outside a quotation and a question."""
    head = sentence[: cue.start]
    if _quote_of(cue.start, context.quote_spans) is not None or len(_OPEN_QUOTE.findall(head)) % 2:
        return False  # a text quoted, not described
    clause = sentence[max(head.rfind(";"), head.rfind(":"), head.rfind(","), 0) : cue.end]
    return _PROVIDES.search(clause) is not None and not _NOT.search(clause)


def _attribute_free(doc: Doc, cue: Cue, mentions: list[Mention], obliged: set[Mention]):
    """:func:`attribute` among the mentions the cue is not imposed on: in "Oslo said a deal
    would need Riga to accept a truce", Riga is passed over and Oslo holds the truce."""
    found = attribute(doc, cue.start, cue.end, mentions)
    if found is not None and found.mention in obliged:
        found = attribute(doc, cue.start, cue.end, [m for m in mentions if m not in obliged])
        if found is not None and found.mention in obliged:
            return None
    return found


def _imposed_on(doc: Doc, cue: Cue, mentions: list[Mention]) -> set[Mention]:
    """The mentions of those ``cue`` is imposed on (see :func:`obliged_mentions`), and the
    pronouns that name them again: in "… require Kyiv to promise that it will never join",
    "it" is obliged too."""
    obliged = obliged_mentions(doc, cue.start, cue.end, mentions)
    return obliged | {
        m
        for m in mentions
        if m.kind == "pronoun" and any(o.party == m.party and o.end <= m.start for o in obliged)
    }


# Longer sentences are read by word order alone, whatever the reader.
MAX_PARSED_SENTENCE = 1_500


# Words the parse rules act on, in any inflection: worth a parse even when word order has
# found a holder ("X pressed Y to …", "Y would have to …", "could have …", "under the plan").
_PARSE_WORTHY = re.compile(
    r"\b(?:(?:"
    + "|".join(sorted(lx.CONTROL_LEMMAS | lx.OBLIGATION_VERBS))
    + r")\w*|told|let)(?:\s+\S+){1,4}?\s+to\b"  # "pressed the minister to"
    r"|\b(?:" + "|".join(sorted(lx.IMPOSE_LEMMAS)) + r")\w*\s+that\b"  # "requires that"
    r"|\b(?:has|have|had|having)\s+to\b|\b(?:could|would|might|should)(?:\s+not)?\s+have\b"
    r"|\bunder\s+(?:the|a|an|its|their|his|her)\b",
    re.IGNORECASE,
)


# parse findings that overrule word order in the "both" reader
_PARSE_VETOES = frozenset({"counterfactual", "provision"})


# "the idea", "this proposal", "such a plan" standing for what the sentence before proposed;
# not when the noun carries its own content ("the idea of a buffer zone").
_ANAPHOR = re.compile(
    r"\b(?:the|this|that|these|those|such(?: an?)?)\s+(?:[\w-]+\s+)?"
    r"(?:idea|proposal|plan|offer|formula|pledge|demand|suggestion|option|arrangement|scheme"
    r"|clause|provision|concept|initiative|figure|ceiling|cap|request|approach|compromise"
    r"|solution|model|promise|commitment|scenario|notion|trade|swap|deal|condition|number"
    r"|mission|deployment)s?\b"
    r"(?![”\"’']?\s+(?:of|for|to|that|on|which|by|from|in|under|would|will|calls|includes)\b)"
    r"|\b(?:accept|reject|oppose|support|back|endorse|welcome|consider|dismiss|refuse|discuss"
    r"|rule|favou?r|want|like|regard|(?:agree|object|consent)\w*\s+to)\w*\s+(?P<pronoun>it|this|them|that(?=\s*[.,;]))"
    r"\b(?!\s+\w+ing\b)(?!\s+(?:\w+\s+)?\w+ed\b)",
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
            continue  # "wants it returned to Georgian rule": "it" is a thing, not an idea
        start, end = m.span("pronoun") if m.group("pronoun") else m.span()
        if any(c.start < end and start < c.end for c in own):
            continue
        for issue, option, sign in antecedents:
            found.append(Cue(start, end, issue, option, sign, sentence[start:end]))
    return found


def _latest_start(pattern: TimedPattern, sentence: str, start: int, end: int) -> int:
    """Where the shortest match of ``pattern`` ending at ``end`` starts: a cue is only the
    words it needs, so a party a pattern may also match is left outside it to hold it
    ("Oslo said Europe must be consulted": the cue starts at "Europe")."""
    latest = start
    for word in _WORD_START.finditer(sentence, start + 1, end):
        found = pattern.match(sentence, word.start())
        if found is not None and found.end() == end:
            latest = word.start()
    return latest


_WORD_START = re.compile(r"(?<![\w’'\-])\w")


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" \"'”’)*_").endswith("?")  # also "**Will they sign?**"


def _no_stance(sentence: str) -> list[tuple[int, int]]:
    """Stretches of ``sentence`` whose cues are nobody's stance: what a poll found ("A survey
    found most voters would back a truce") and an inverted counterfactual ("Had the allies
    offered a treaty, …": up to its comma)."""
    spans = []
    poll = _POLL.match(sentence)
    if poll:
        spans.append((poll.end(), len(sentence)))
    for m in _HAD_IF.finditer(sentence):
        comma = sentence.find(",", m.end())
        spans.append((m.start("had"), comma if comma > 0 else len(sentence)))
    return spans


# "A poll published on Monday found that …", "The institute's latest survey shows …"
_POLL = re.compile(
    r"^\W*(?:[\w’'\-]+\s+){0,6}?(?:polls?|surveys?|pollsters?|institute|study)\b[^.;:]{0,80}?"
    r"\b(?:found|finds|showed|shows|suggests?|suggested|indicated?|indicates)\b",
    re.IGNORECASE,
)
# "Had Kyiv accepted …, the war might …", "…; had the talks begun earlier, …": "had", its
# subject and a participle at the start of a clause
_HAD_IF = re.compile(
    r"(?:^\W*|[;:]\s*)(?P<had>[Hh]ad)\s+(?!been\b|to\b|no\b|not\b|already\b)"
    r"(?:[\w.’'\-]+\s+){1,4}?\w+(?:ed|en|wn|ne|put|set|kept|made|held|paid|left|let|got)\b"
)


def _resolve_references(sentence: str, mentions: list[Mention], context: Context) -> list[Mention]:
    """Add pronouns, titles and first-person words that stand for a known party."""
    taken = [(m.start, m.end) for m in mentions]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    extra: list[Mention] = []
    # "Ukraine's president, who said …": a relative "who" stands for the name just before it
    for m in _WHO.finditer(sentence):
        if _WHO_AS_QUESTION.search(sentence, 0, m.start()):
            continue  # "the question of who …", "to decide who …": not a relative "who"
        before = [x for x in mentions if x.end <= m.start()]
        if before and _WHO_GAP.fullmatch(sentence[before[-1].end : m.start()]):
            x = before[-1]
            extra.append(Mention(m.start(), m.end(), x.party, f"who ({x.text})", "relative"))
            taken.append((m.start(), m.end()))
    for pattern in (_TITLE, _PRONOUN):  # titles first: "the minister … he", "the plan … it"
        named = sorted(mentions + extra, key=lambda x: x.start)
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            # "the leaders of France and Germany", "the president of Ukraine"; "Speaking for
            # Oslo, the minister …"
            of = _OF_NAME.match(sentence, m.end())
            owner = of and next((x for x in mentions if x.start == of.end()), None)
            behalf = _ON_BEHALF.match(sentence)
            if owner is None and behalf and behalf.end() <= m.start():
                owner = next((x for x in mentions if x.start == behalf.end("name")), None)
            # "Zelenskyy told parliament he would ...": a name earlier in the same sentence
            # comes first; else the holder of the sentence before.
            # inside a quotation, "the President" is the speaker's own
            inside = context.speaker is not None and any(
                s <= m.start() < e for s, e in context.quote_spans
            )
            proposal = context.proposal if pattern is _TITLE and names_proposal(m.group()) else None
            # "the prime minister": whoever the text introduced with that title
            key = title_key(m.group()) if pattern is _TITLE else None
            titled = next((x for k, x in reversed(context.titled) if k == key), None)
            # "The administration has signalled …, and it has offered …": "it" is the subject
            subject = (
                next((x for x in extra if x.start < m.start() and x.kind == "pronoun"), None)
                if m.group().lower() == "it" and sentence[: m.start()].strip()
                else None
            )
            antecedent = (
                owner
                or proposal
                or (context.speaker if inside and pattern is _TITLE else None)
                or titled
                or subject
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
                        # "according to a Turkish mediator, he …": the source is not "he"
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
_WHO_AS_QUESTION = re.compile(
    r"\b(?:of|about|on|over|regarding|decide[sd]?|deciding|choose|chooses|chose|know|knows"
    r"|ask|asks|asked|asking|whether)\s+$",
    re.IGNORECASE,
)
_OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?")
_ON_BEHALF = re.compile(
    r"\W*(?:speaking\s+)?(?:for|on behalf of)\s+(?:the\s+)?(?P<name>)[^,]{1,60},", re.IGNORECASE
)
# between a name and its "who": a possessive and a title at most ("Ukraine's president, who")
_WHO_GAP = re.compile(r"(?:[’']s)?(?:\s+[\w\-]+){0,4}?\s*,?\s*")
