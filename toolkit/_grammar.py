"""The words of a sentence as the holder rules see them: compiled lexicon, tokens, and the
tests every rule shares (can a mention hold a position, is it a possessive, which mentions are
coordinated). Built from :mod:`toolkit.lexicon`; nothing here is about a negotiation.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon as lx

if TYPE_CHECKING:
    from ._types import Cue, Mention

_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*|[^\w\s]")


def _flat(parts) -> str:
    return "|".join(parts)


_OPPOSE = re.compile(r"\b(?:" + _flat(lx.OPPOSE_TRIGGERS) + r")\b", re.IGNORECASE)
# One scan for both kinds; at one position an oppose trigger wins ("never accept").
_TRIGGER = re.compile(
    r"\b(?:(?P<o>" + _flat(lx.OPPOSE_TRIGGERS) + r")|(?:" + _flat(lx.SUPPORT_TRIGGERS) + r"))\b",
    re.IGNORECASE,
)
_PERSON_TITLE = re.compile(
    r"\b(?:" + "|".join(sorted(lx.TITLE_KEYS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# a title right before a name, give or take a first name: "Prime Minister (Anna) Berg"
_TITLE_BEFORE = re.compile(_PERSON_TITLE.pattern + r"\s+(?:[A-Z][\w’'\-]+\s+){0,2}$", re.IGNORECASE)
# a title in apposition right after it: "Berg, the prime minister", "Berg, Norway's premier"
_TITLE_AFTER = re.compile(
    r"^,\s+(?:the|[A-Z][\w\-]+[’']s)\s+(?:[\w\-]+\s+)?" + _PERSON_TITLE.pattern, re.IGNORECASE
)


def title_key(text: str) -> str | None:
    """The person title in ``text`` ("the Prime Minister" -> "prime minister"), or None."""
    found = _PERSON_TITLE.search(text)
    return lx.TITLE_KEYS[found.group().lower()] if found else None


def titles_of(sentence: str, start: int, end: int) -> list[str]:
    """The person titles a name at ``sentence[start:end]`` is introduced with."""
    keys = []
    for m in (
        _TITLE_BEFORE.search(sentence[max(0, start - 40) : start]),
        _TITLE_AFTER.match(sentence[end : end + 50]),
    ):
        if m:
            keys.append(title_key(m.group()))
    return [k for k in keys if k]


_NEGATOR = re.compile(r"\b(?:" + lx.NEGATORS + r")\b|n't\b", re.IGNORECASE)
_NON_AGENT = re.compile(r"^(?:" + lx.NON_AGENT_PREPOSITIONS + r")$", re.IGNORECASE)
_VOLITION = re.compile(r"\b(?:" + lx.VOLITION + r")\b", re.IGNORECASE)
_OBLIGATION = re.compile(r"\b(?:" + lx.OBLIGATION + r")\b", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:" + lx.PRONOUNS + r")\b", re.IGNORECASE)
_TITLE = re.compile(r"\b(?:" + lx.TITLES + r")\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|I|our|us|my|me)\b", re.IGNORECASE)
_SPEECH = re.compile(r"(?:" + lx.SPEECH_VERBS + r")$", re.IGNORECASE)
# An attribution set off by commas inside a clause: "…, the envoy said, …", "…, he added, …"
ASIDE = re.compile(
    r", (?:(?:he|she|they|it|we|I|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}|the [\w-]+(?: [\w-]+){0,3})"
    r" (?:" + lx.SPEECH_VERBS + r"|went on|goes on)(?: [\w-]+){0,3}"
    # "…, in his words, …", "…, in Oslo's view, …"
    r"|in (?:his|her|their|its|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2}'s) (?:words|telling|view|account"
    r"|reading)),(?= )"
)

_CONDITION = re.compile(r"\b(?:" + lx.CONDITION + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r"^(?:" + lx.RELATIVE + r")$", re.IGNORECASE)
# Words between the cue and a verdict on it: not across ", and" or ", but", where the verdict
# is on something else ("the port returns to Kyiv, and a joint board is out of the question").
_WORDS_TO_VERDICT = r"(?:\w+(?:[^\w,;]*,(?!\s*(?:and|but|or|while|whereas)\b)[^\w,;]*|[^\w,;]+))"
# What a verdict calls a measure it rejects: "unacceptable", "theft", "a trap"
_VERDICTS = (
    r"(?:unacceptable|a non-starter|non-starter|out of the question|off the table|impossible"
    r"|unrealistic|absurd|a red line|not acceptable|not an option|a trap|legitimate (?:military )?"
    r"targets?|a party to the (?:conflict|war)|(?:enemy )?combatants|an act of aggression|theft|a provocation|worthless|meaningless|occupation"
    r"|capitulation|surrender|a (?:\w+ )?trick|a ploy|a (?:delaying|stalling) tactic|a smokescreen"
    r"|a (?:direct |serious |real )?(?:threat|danger) to"
    r"|a reward for|a gift (?:to|for)|an invitation to|a recipe for|a betrayal|a mistake|a disaster"
    r"|a pause before|not peace|a dead end|a dead letter|a sham|a farce|a fig leaf|a fantasy"
    r"|not on (?:the|our|their|its|his|her) (?:agenda|table)|off the agenda)\b"
)
# "Riga calls any such transfer theft": a verdict word right after the cue of a verb of naming
_CALLED_BEFORE = re.compile(
    r"\b(?:call|calls|called|calling|brand\w*|label\w*|term\w*|dismiss\w*|views?|viewed|viewing"
    r"|sees|saw|regards?|regarded|treats?|treated|considers?|considered|describe[sd]?)"
    r"\s+(?:\w+\s+){0,6}$",
    re.IGNORECASE,
)
_NAMED_AFTER = re.compile(r"^\W*(?:as\s+)?[\"“'‘]?" + _VERDICTS, re.IGNORECASE)
_EVALUATIVE_NEG = re.compile(
    r"(?!\W*,\s*(?:and|but|or|while|whereas)\b)"  # a new clause starts right after the cue
    r"^\W*"
    + _WORDS_TO_VERDICT
    + r"{0,4}?(?:(?:would|will|could) be (?:treated|regarded|seen|considered|viewed) as|is|was|are"
    r"|were|would be|will be|remains?|be"
    r"|seen as|called it|constitutes?"
    r"|would constitute|amounts? to|would amount to"
    r"|calls it|regarded as|described as|considered|deemed|viewed as|branded|labell?ed|termed"
    r"|treated as|regard (?:it|them) as|see (?:it|them) as|as)\s+[\"“'‘]?(?:\w+\s+)?[\"“'‘]?"
    + _VERDICTS
    # "lifting the sanctions before a withdrawal would be a gift to the aggressor": a verdict
    # further on in the same clause
    + r"|^[^,;:.?!]{0,90}?\b(?:would|will|could) (?:only |simply |merely )?be (?:\w+ )?(?:a reward for"
    r"|a gift (?:to|for)|an invitation to|a recipe for|a betrayal|a mistake|a disaster"
    r"|capitulation|surrender)\b"
    # "a truce now would only reward the aggressor", "a freeze would simply embolden Moscow"
    r"|^\W*(?:\w+\W+){0,4}?(?:would|will|could|might)\s+(?:serve\s+)?(?:only|simply|merely|just)"
    r"\s+(?:to\s+)?(?:"
    + "|".join(sorted(lx.HARM_LEMMAS - {"freeze"}))
    + r"|let|allow|give|hand|buy)\w*\b"  # "would only let the invader regroup"
    # "an accord signed without Brussels would never last"
    r"|^\W*(?:\w+\W+){0,3}?(?:will|would|could|can|does|do)(?:\s+not|n't|\s+never)\s+"
    r"(?:hold|last|work|survive|succeed|stand)\b"
    # "a deal struck in a hurry would be a deal that does not last"
    r"|^\W*(?:\w+\W+){0,3}?(?:would|will) be (?:a|an) (?:\w+ )?(?:peace|deal|agreement|settlement)"
    r" that (?:does|do|will|would)(?:\s+not|n't|\s+never) (?:hold|last|work|survive|stand)\b"
    r"|^\W*(?:\w+\W+){0,3}?(?:would|will|could|might)\s+cross\s+(?:a|\w+'s|our|its|their)\s+red line"
    r"|^\W*(?:\w+\W+){0,3}?(?:is|are|was|were|would be)\s+(?:\w+\s+)?worse than\b"
    # "… would be paying the invader a bonus", "would hand him the prize he fought for"
    r"|^[^,;:.?!]{0,90}?\b(?:would|will|could) (?:only |simply |merely )?(?:be )?(?:pay|hand|giv)\w*"
    r" (?:\w+ ){1,2}(?:a |the |his |its |their )?(?:\w+ )?(?:bonus|reward|prize|victory)\b"
    # "troops of any kind, whatever name they go under, would be legitimate targets": a threat
    # read further on, past asides
    r"|^\W*"
    + _WORDS_TO_VERDICT
    + r"{0,14}?(?:would|will) be (?:regarded as |treated as |seen as )?"
    r"[\"“‘']?(?:legitimate (?:military )?targets?|a party to the (?:conflict|war))"
    # "… would not be a peace"
    r"|^\W*(?:\w+\W+){0,3}?(?:would|will|could) not be (?:a )?(?:real |true |lasting |just )?peace\b"
    r"|^\W*(?:\w+\W+){0,3}?(?:is|are|was|were|would be)\s+(?:not|n't)\s+(?:enough|sufficient"
    r"|a (?:strategy|solution|plan|answer|option))\b"
    r"|^\W*(?:\w+\W+){0,3}?(?:would|will|could)\s+(?:\w+\s+)?reward\s+(?:the\s+)?aggress"
    # headline style, no verb: "Foreign monitors “out of the question”", "a trick"
    r"|^\W*(?:\w+\W+){0,1}?[\"“‘']?(?:a (?:\w+ )?trick|a ploy|a trap|a non-starter"
    r"|out of the question|unacceptable|theft|a provocation|a red line|impossible"
    r"|not on the table|gone|dead|dead on arrival|history)\b"
    # "a referendum cannot be organised while the curfew lasts"
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
# Nouns for a party's proposal ("the American draft"), and the test for a mention naming one
_PROPOSAL_NOUNS = frozenset(lx.PROPOSAL_NOUNS)


def names_proposal(text: str) -> bool:
    """True for a mention such as "American draft"."""
    words = text.split()
    return bool(words) and words[-1].lower() in _PROPOSAL_NOUNS


_TOPICAL_WEAK = frozenset(["on", "over", "of", "around", "into"])
# ... and only after a noun that names a subject of talks: "the question of sanctions",
# "talks on a ceasefire" (but "the idea of a zone" and "a ceiling of 600,000" are stances)
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
        # "within weeks of a truce": a time
        "days",
        "weeks",
        "months",
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
    option: str = ""  # and option


def tokens(sentence: str, mentions: list[Mention], cues: list[Cue]) -> list[_Tok]:
    cover = [-1] * (len(sentence) + 1)
    for i, cue in enumerate(cues):
        aside = ASIDE.search(sentence, cue.start, cue.end)
        for j in range(cue.start, cue.end):
            if cover[j] == -1 and not (aside and aside.start() <= j < aside.end()):
                cover[j] = i  # the speaker of an aside the cue runs across stays a mention
    toks: list[_Tok] = []
    mention_at = {m.start: m for m in mentions}
    skip_to = -1
    triggers = _trigger_spans(sentence)
    for m in _WORD.finditer(sentence):
        s, e = m.span()
        if s < skip_to:
            continue
        if cover[s] != -1:
            c = cues[cover[s]]
            toks.append(_Tok(s, e, m.group(), "C", cue=cover[s], issue=c.issue, option=c.option))
            continue
        if s in mention_at:
            men = mention_at[s]
            toks.append(_Tok(men.start, men.end, men.text, "M", mention=men))
            skip_to = men.end
            continue
        if s in triggers and cover[triggers[s][0] - 1] == -1:
            # (a stance phrase running into a cue, "never [accept X as …]", is read word by
            # word: the cue holds its own verb)
            t_end, sign = triggers[s]
            toks.append(_Tok(s, t_end, sentence[s:t_end], "T", sign=sign))
            skip_to = t_end
            continue
        word = m.group()
        if (
            (_NEGATOR.fullmatch(word) or word.lower().endswith("n't"))
            and not _NOT_MERELY.match(sentence, e)
            and not (word.lower() == "without" and _WITHOUT_IDIOM.match(sentence, e))
        ):
            toks.append(_Tok(s, e, word, "N"))
            continue
        toks.append(_Tok(s, e, word, "W" if word[0].isalnum() else "P"))
    return toks


# "not merely in practice", "not only … but": more, not less
# "not merely", and a stance that "has not changed" or "did not budge": the negation is of the
# change, not of what is held
_NOT_MERELY = re.compile(
    r"\s+(?:merely|just|only|simply|solely|(?:been\s+)?(?:changed|moved|shifted|softened|budged"
    r"|wavered|altered|change|move|shift|soften|budge|waver)\b(?!\s+(?:to|towards?|from)\b))",
    re.IGNORECASE,
)
# "without delay", "without fail": at once, surely; nothing is negated
_WITHOUT_IDIOM = re.compile(
    r"\s+(?:any\s+|further\s+)?(?:delay|fail|doubt|question|hesitation|exception)\b", re.IGNORECASE
)


@functools.lru_cache(maxsize=64)  # a sentence is tokenized for its cues, then for its subject
def _trigger_spans(sentence: str) -> dict[int, tuple[int, int]]:
    """``start -> (end, sign)`` of the stance words in ``sentence``: what ``_TRIGGER.finditer``
    finds, tried only at the words that begin as some trigger begins (many times faster)."""
    spans: dict[int, tuple[int, int]] = {}
    end = 0
    for word in _WORD_HEAD.finditer(sentence):
        if word.start() < end:
            continue
        head = word.group().lower()
        if head[:2] not in _TRIGGER_HEADS[0] and head[:3] not in _TRIGGER_HEADS[1]:
            continue
        m = _TRIGGER.match(sentence, word.start())
        if m:
            spans[m.start()] = (m.end(), -1 if m.group("o") is not None else 1)
            end = m.end()
    return spans


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if ch == "(" and not escaped:
            depth += 1
        elif ch == ")" and not escaped:
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return [*parts, pattern[start:]]


def _heads(patterns) -> tuple[frozenset[str], frozenset[str]]:
    """The literal beginnings (two letters, else three) of every alternative of
    ``patterns``; each must begin with two literal letters."""
    two, three = set(), set()
    for alternative in (a for p in patterns for a in _alternatives(p)):
        literal = re.match(r"[a-z]*", alternative.lower()).group()
        if len(literal) < 2:
            raise ValueError(f"a trigger must begin with two letters: {alternative!r}")
        (three if len(literal) >= 3 else two).add(literal[:3] if len(literal) >= 3 else literal)
    return frozenset(two), frozenset(three)


_WORD_HEAD = re.compile(r"\b\w{1,3}")
_TRIGGER_HEADS = _heads((*lx.OPPOSE_TRIGGERS, *lx.SUPPORT_TRIGGERS))


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
        if toks[j].text == "," and j > 1 and _NON_AGENT.match(toks[j - 2].text):
            return True  # "In Kyiv, President Zelenskyy said …": the comma ends a fronted place
        j -= 1
    if j < 0:
        return True
    if toks[j].text.lower() in ("a", "an") or (
        j > 0 and toks[j - 1].text.lower() in ("a", "an") and toks[j].text.islower()
    ):
        return False  # "seeks a non-aligned Ukraine": an object, not a holder
    if toks[j].text.lower() == "with":
        # "with Belarusian envoys pressing for a pause": the subject of an absolute clause
        nxt = next(
            (t for t in toks[k + 1 : k + 4] if t.kind != "M" and t.text not in ("and", ",")), None
        )
        return nxt is not None and (nxt.kind == "T" or nxt.text.endswith("ing"))
    if (
        toks[j].text.lower() in ("in", "from", "at")
        and j > 0
        and _ACTOR_NOUN.fullmatch(toks[j - 1].text)
        and not (j > 1 and toks[j - 2].kind == "M")
    ):
        # "officials in Washington", "diplomats from Paris"; not "Oslo's envoy in Riga",
        # whose envoy is Oslo's
        return True
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
