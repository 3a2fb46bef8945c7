"""Who holds a cue in a sentence, and with what polarity: the grammar of stance.

:mod:`toolkit.match` finds the cues and the party mentions of a sentence; this module reads
the words around each cue and yields its holders (:func:`holders`), by general rules of
English (:mod:`toolkit.lexicon`), tried in this order:

- a relative or passive clause right after the cue ("…, which Russia has termed …",
  "…, a move opposed by Ukraine", "… backed by X, but resisted by Y");
- the nearest party to the left that is the subject of a stance verb or noun governing
  the cue ("Kyiv rejected any handover", "Russia's demand for …"), with the polarity of that
  verb chain and its negations ("will not accept" = oppose, "refused to rule out" = support);
  the one obliged ("Ukraine must …") and a hypothetical subject ("if Moscow agrees to …")
  are skipped;
- a cue inside an "if" clause belongs to whoever sets the condition (the main clause);
- inside a quotation, the quotation's speaker;
- an attribution after the cue ("…, Peskov said", "according to Kyiv");
- a list item under "Russia demands:"; a sentence naming nobody goes on with the holder of
  the sentence before it.

Nothing here is about a particular negotiation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import lexicon as lx
from ._grammar import (
    _ACTOR_NOUN,
    _AUX,
    _CALLED_BEFORE,
    _CLOSERS,
    _CONDITION,
    _DETERMINERS,
    _DOUBLE_NEGATIVE,
    _EVALUATIVE_NEG,
    _LINKS,
    _NAMED_AFTER,
    _NON_PARTY,
    _NP_DETERMINERS,
    _OBLIGATION,
    _PROPOSAL_NOUNS,
    _RELATIVE,
    _SPEECH,
    _TEMPORAL,
    _TOPIC_NOUNS,
    _TOPICAL,
    _TOPICAL_WEAK,
    _TRIGGER,
    _VOLITION,
    ASIDE,
    _coordinated,
    _eligible,
    _possessive,
    _Tok,
    names_proposal,
)

if TYPE_CHECKING:
    from ._types import Context, Cue, Mention

    _Found = list[tuple[Mention, int, str]]  # holders named at one word: (mention, sign, rule)

__all__ = ["condition_of", "holders", "merely_named"]


def holders(ci: int, cue: Cue, toks: list[_Tok], sentence: str, context: Context):
    """Yield ``(mention, sign, rule)`` for everyone who holds a position on ``cue``."""
    inside = [i for i, t in enumerate(toks) if t.end > cue.start and t.start < cue.end]
    if not inside:
        return
    first, last = inside[0], inside[-1]
    found = False
    after = sentence[cue.end :]
    aside = ASIDE.search(after)
    if aside and "," not in after[: aside.start()]:
        # "… of that kind, the minister said, would only …": the verdict read past the aside
        after = after[: aside.start()] + after[aside.end() :]
    evaluative = -1 if _EVALUATIVE_NEG.match(after) else 1
    if _CALLED_BEFORE.search(sentence, 0, cue.start) and _NAMED_AFTER.match(after):
        evaluative = -1  # "Riga calls any such transfer theft", "branded the idea a trap"
    if _PASSED_OVER.search(sentence, 0, cue.start):
        evaluative = -evaluative  # "a full deal rather than a mere truce": the truce is refused

    temporal, topical = _framing(toks, first, cue)

    # 0. A verdict on the cue that names whom it is unacceptable to: "… is a red line for X".
    for judge, sign, rule in _judges(toks, sentence, cue):
        found = True
        yield judge, sign, rule

    # 0a. A pseudo-cleft: "What Oslo will not accept is a cap on the army", "What Riga wants
    # is a truce"
    cleft = _CLEFT.match(sentence)
    if cleft is not None and cue.start >= cleft.end():
        who = [
            t.mention
            for t in toks
            if t.kind == "M" and cleft.start("who") <= t.start < cleft.end("who")
        ]
        if who:
            yield who[0], (-1 if cleft.group("neg") else 1) * evaluative, "cleft"
            return

    # 0b. The speaker of an aside the cue runs across: "The sanctions, Oslo said, must go".
    aside = ASIDE.search(sentence, cue.start, cue.end)
    if aside is not None:
        spoken = [
            t.mention
            for t in toks[first : last + 1]
            if t.kind == "M" and aside.start() < t.start < aside.end()
        ]
        if spoken:
            yield spoken[0], evaluative, "aside"
            return

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
    impersonal = _IMPERSONAL.match(sentence)
    if impersonal and context.previous is not None and cue.start >= impersonal.end():
        # a readout's "It was emphasised that …": the side whose readout it is
        that = next((i for i, t in enumerate(toks) if t.start >= impersonal.end()), first)
        yield context.previous, _chain_sign(toks, that, first) * evaluative, "readout"
        return
    answer = _answer(toks, first)
    if answer is not None:
        if answer:
            yield *answer, "answer"  # "Asked whether Oslo would accept a quota, she said no"
        return
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
                # “… our parliament will settle it by vote,” she said: the speaker's position
                mention, rule = context.speaker, "quote"
            found = True
            if _NOR.match(sentence) and rule in ("subject", "modal"):
                sign = -sign  # "Nor would Oslo accept …": the opening "nor" negates the clause
            # "warn against a rushed deal that would reward aggression": the verdict is the
            # reason for the refusal, not a second negation
            yield mention, sign * evaluative if sign > 0 else sign, rule
        # "X wants the region, and Y refuses to give it up": a later clause's "it"
        for mention, sign in _pronoun_object_clause(toks, last + 1):
            found = True
            yield mention, sign, "object pronoun"

    if found:
        return
    # 2a. The speaker of an aside earlier in the cue's clause: "Any deal, Oslo added, must
    # rest on …"
    if not topical:
        spoken = _aside_speaker(toks, sentence, first)
        if spoken is not None:
            holder, past = spoken
            yield holder, _chain_sign(toks, past, first) * evaluative, "aside"
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
        # nobody named who could hold it ("Ministers called on Russia to accept …")
        and not any(t.kind == "M" and _eligible(toks, i) for i, t in enumerate(toks[:first]))
        and (any(t.kind == "T" for t in toks) or _ITEMS_OF.match(sentence))
        and not any(_ACTOR_NOUN.fullmatch(t.text) for t in toks[:first])
    ):
        yield context.previous, _chain_sign(toks, 0, first) * evaluative, "continued"
        return
    # 7. After a party's draft or plan, "Moscow would hand the dam back …" describes what
    # the draft provides: the draft's party holds it
    if (
        context.previous is not None
        and context.continuing
        and not topical
        and names_proposal(context.previous.text.rstrip(")"))  # "the draft (American draft)"
        and any(t.text.lower() in ("would", "will") for t in toks[:first])
    ):
        yield context.previous, _chain_sign(toks, 0, first) * evaluative, "provision"


# "What X will not accept … is", "What X wants is": the cue after "is" is X's
_CLEFT = re.compile(
    r"^\W*what (?P<who>[\w’' .-]{1,40}?) (?:(?P<neg>will not|won't|cannot|can't|do not|don't|does not"
    r"|doesn't|would never|will never|refuses? to) )?(?:\w+ )?(?:accept|tolerate|allow|agree to|want|wants"
    r"|seek|seeks|propose|proposes|demand|demands|insist on|insists on)\b[^.;:]{0,60}?\b(?:is|are|was)\b",
    re.IGNORECASE,
)
# what is passed over for something else, right before a cue: "… rather than a mere truce"
_PASSED_OVER = re.compile(
    r"\b(?:rather than|instead of|in place of|(?:sooner|rather)\b[^,;.]{0,60}\bthan)"
    r"\s+(?:(?:a|an|the|any|mere|merely|simple|simply|just)\s+)*$",
    re.IGNORECASE,
)


# a sentence that lists the items of what the sentence before set out ("Oslo set out three
# demands. Among them is …")
_ITEMS_OF = re.compile(
    r"^\W*(?:among (?:them|these|those)|(?:they|these|those) (?:include|included)\b)", re.IGNORECASE
)
# a clause opened by "nor" or "neither" with its verb before the subject
_NOR = re.compile(
    r"^\W*(?:and\s+)?(?:nor|neither)(?:\s*,[^,]{1,40},)?\s+(?:would|will|could|can|does|do|did|is|are"
    r"|was|were|has|have|had|should|must|shall|may)\b",
    re.IGNORECASE,
)


_GOVERNANCE = re.compile(r"\b(?:" + lx.GOVERNANCE_NOUNS + r")s?$", re.IGNORECASE)


def _framing(toks: list[_Tok], first: int, cue: Cue) -> tuple[bool, bool]:
    """Whether the cue at token ``first`` only names a time ("once a truce holds") and whether
    it only names a topic ("proposals regarding security guarantees", or a time): then it is
    not a position of the subject."""
    j = first - 1
    determiners = 0
    while j >= 0 and toks[j].text.lower() in _DETERMINERS | {"“", '"', "‘", "'"}:
        determiners += toks[j].text.lower() in _DETERMINERS
        j -= 1
    if (
        j >= 1
        and toks[j].text.lower() in lx.WH_WORDS
        and toks[j - 1].text.lower() in _TOPICAL | _TOPICAL_WEAK
    ):
        j -= 1  # "the question of whether …", "a debate about who …": still the topic
    before = toks[j].text.lower() if j >= 0 else ""
    temporal = (
        before in _TEMPORAL
        and bool(determiners or _starts_with_determiner(cue.text))
        # "under a truce" is a time; "under a joint arrangement", "under UN control" the content
        and not (before == "under" and _GOVERNANCE.search(cue.text))
    )
    topical = (
        j >= 0
        and toks[j].kind not in ("T", "C")
        and (
            before in _TOPICAL
            or temporal
            or (before in _TOPICAL_WEAK and _word_before_is_topic(toks, j))
        )
    ) or _REACTING.search(" ".join(t.text for t in toks[max(0, first - 5) : first])) is not None
    # "… asked the envoy whether Oslo would accept a truce": a question, not a position
    asked = next(
        (i for i in range(first - 1, -1, -1) if toks[i].text.lower() in ("whether", "if")), None
    )
    if (
        asked is not None
        and asked >= 1
        and first - asked <= 12
        and not any(t.text in (";", ":") or t.kind == "C" for t in toks[asked:first])
        and any(_ASKING.match(t.text) for t in toks[max(0, asked - 6) : asked])
    ):
        topical = True
    return temporal, topical


_ASKING = re.compile(r"(?:ask|wonder|inquir|enquir|question)\w*$", re.IGNORECASE)


def merely_named(toks: list[_Tok], cue: Cue) -> bool:
    """True when ``cue`` only names a time or a topic, or is a question's option that its
    answer replaced: nobody holds it, whatever else reads the sentence."""
    first = next((i for i, t in enumerate(toks) if t.end > cue.start), None)
    return first is not None and (_framing(toks, first, cue)[1] or _answer(toks, first) == ())


def _judges(toks: list[_Tok], sentence: str, cue: Cue):
    """The party a verdict on the cue is pronounced for, and the sign: "… are unacceptable
    to Oslo" (-1), "… unacceptable to us" (us: the speaker); +1 when the cue's own words hold
    the verdict ("foreign bases are unacceptable" names the option against them). Also the
    party whose demand the cue is said to be, or whom it came from: "a pull-back from the
    valley remains Riga's main demand", "the idea of a truce came from Oslo" (+1)."""
    owned = _OWNED_AFTER.match(sentence[cue.end :]) or _CAME_FROM.match(sentence[cue.end :])
    if owned is not None:
        at = cue.end + owned.end()
        for t in toks:
            named = t.kind == "M" and t.start == at and t.mention.kind in ("name", "demonym")
            if named and (owned.re is _CAME_FROM or _OWNER_NOUN.match(sentence[t.end :])):
                yield t.mention, 1, "owner"
                return
    verdict = _VERDICT_FOR.search(sentence, cue.start, cue.end + 120)
    if verdict is None or ";" in sentence[cue.end : verdict.start()]:
        return
    if any(t.kind == "C" and cue.end <= t.start < verdict.start() for t in toks):
        return  # another cue in between: the verdict is on that one
    for t in toks:
        if t.kind == "M" and verdict.end() <= t.start <= verdict.end() + 4:
            yield t.mention, 1 if verdict.start() < cue.end else -1, "verdict"
            return


# "… remains Riga's main demand", "… is the Danish position"
_OWNED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:remains?|remained|is|was|has (?:long |always )?been|becomes?|became)"
    r"\s+(?:still\s+|also\s+)?(?:the\s+|a\s+)?",
    re.IGNORECASE,
)
# "the idea of a zone came from Riga", "… originated with the Danish side"
_CAME_FROM = re.compile(
    r"^\W*(?:\w+\W+){0,6}?(?:came|comes|originated|originates|stems|stemmed) (?:originally |first )?"
    r"(?:from|with) (?:the\s+)?",
    re.IGNORECASE,
)
_OWNER_NOUN = re.compile(
    r"^(?:['’]s)?\s+(?:\w+\s+){0,2}?(?:" + lx.DEMAND_NOUNS + r")s?\b", re.IGNORECASE
)
_VERDICT_FOR = re.compile(
    r"\b(?:unacceptable|not acceptable|a red line|out of the question|a non-starter)"
    r"\s+(?:to|for)\s+(?:the\s+)?",
    re.IGNORECASE,
)


def _pronoun_object_clause(toks: list[_Tok], k: int):
    """Holders of a coordinate clause after the cue whose stance verb takes "it" for the
    cue: "Oslo backs the plan, but Riga has rejected it" (Riga opposes it), "…, while
    Vilnius would never accept that"."""
    n = len(toks)
    j = k
    while j < n and not (
        toks[j].text.lower() in ("while", "whereas")
        or (toks[j].text.lower() in ("and", "but") and toks[j - 1].text == ",")
    ):
        if toks[j].kind in ("C", "M") or toks[j].text in (";", ".", ":"):
            return
        j += 1
    j += 1
    while j < n and toks[j].text.lower() in ("the", "its", "their"):
        j += 1  # "…, while the Danish side rejects it"
    if j >= n or toks[j].kind != "M" or toks[j].mention.kind not in ("name", "demonym"):
        return  # a pronoun subject ("… and they …") is too uncertain to name a holder
    holder, sign, q = toks[j].mention, 1, j + 1
    triggered = False
    while q < n and q <= j + 7 and toks[q].kind not in ("C", "M") and toks[q].text not in ",;:.":
        t = toks[q]
        if t.kind == "N":
            sign = -sign
        elif t.kind == "T":
            sign, triggered = sign * t.sign, True
        elif triggered and t.text.lower() in ("it", "that", "this", "them"):
            after = toks[q + 1].text.lower() if q + 1 < n else "."
            if after in _OBJECT_ENDS or after.endswith("ly"):  # not "said it would …"
                yield holder, sign
            return
        q += 1


_OBJECT_ENDS = frozenset(
    [",", ";", ".", ":", "—", "–", "up", "over", "outright", "again", "too", "either", "altogether"]
)


# "commenting on reports of a prisoner swap", "asked about a monitoring mission": what is
# talked about
_REACTING = re.compile(
    r"\b(?:comment(?:ing|ed)? on|asked about|responding to|reacting to|referring to|in response to)\b",
    re.IGNORECASE,
)


_ADVERBS = frozenset(
    [
        "only",
        "also",
        "still",
        "even",
        "just",
        "then",
        "now",
        "rather",
        "instead",
        "later",
        "so",
        "in",
        "on",
        "at",
        "for",
        "with",
        "if",
    ]
)


def _word_before_is_topic(toks: list[_Tok], j: int) -> bool:
    """The noun before a weak preposition names a topic or a time: "the question of …",
    'within "weeks" of a truce'."""
    i = j - 1
    while i >= 0 and toks[i].kind == "P" and toks[i].text in "\"“”‘’'":
        i -= 1
    return i >= 0 and toks[i].text.lower() in _TOPIC_NOUNS


# "It was emphasised that …", "It was agreed that …": a readout speaking for its side
_IMPERSONAL = re.compile(
    # (after a fronted phrase: "On the frozen assets, it was stated that …")
    r"^\W*(?:[^,.;:]{3,80},\s*)?[Ii]t (?:was|has been|is|had been|were) (?:\w+ )?(?:emphasi[sz]ed|stressed|noted|underlined"
    r"|pointed out|agreed|reiterated|stated|confirmed|made clear|recalled|reaffirmed)\b[^.]*?\bthat\b",
    re.IGNORECASE,
)


def _answer(toks: list[_Tok], first: int) -> tuple[Mention, int] | tuple[()] | None:
    """For a cue inside "Asked whether/if …," the one who answers, and the answer's
    polarity: "Asked whether Norway would accept such a quota, she said it would not";
    ``()`` when the answer names its own option of the issue instead (the question's cue is
    then nobody's); None when the cue is not in such a question."""
    if len(toks) < 3 or toks[0].text.lower() != "asked":
        return None
    # "Asked whether …", "Asked by a senator on Tuesday whether …"
    j = next((i for i, t in enumerate(toks[1:8], 1) if t.text.lower() in _ASKED_WHAT), None)
    if j is None or any(t.text == "," or t.kind == "C" for t in toks[1:j]):
        return None
    comma = next((i for i, t in enumerate(toks) if t.text == ","), None)
    if comma is None or comma < first:
        return None
    rest = toks[comma + 1 :]
    if any(
        t.kind == "C" and t.issue == toks[first].issue and t.option != toks[first].option
        for t in rest
    ):
        return ()
    # the one who answers, else the party the question was about
    speaker = next((t.mention for t in rest if t.kind == "M"), None) or next(
        (t.mention for t in toks[j:comma] if t.kind == "M"), None
    )
    if speaker is None:
        return None
    return speaker, -1 if any(t.kind == "N" for t in rest) else 1


_ASKED_WHAT = frozenset(["whether", "if", "about"])


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
            return any(_non_party_head(toks, i) for i in range(max(0, j - 8), j))
    return False


_QUANTIFIERS = frozenset(["some", "many", "several", "others", "most", "few"])


def _non_party_head(toks: list[_Tok], i: int) -> bool:
    """ "Analysts", "critics", and "Some in the administration", "Others say": a non-party
    subject (not "several European capitals", where the quantifier goes with a party)."""
    word = toks[i].text.lower()
    if not _NON_PARTY.match(word):
        return False
    if word not in _QUANTIFIERS:
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and (nxt.kind == "T" or nxt.text.lower() in ("in", "of", ","))


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
        "since",  # not "as": "described as “unacceptable” by Moscow"
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
    "…, which Warsaw has called a non-starter": the clause's verbs give the polarity."""
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
        j += 2  # "a scheme that diplomats in Ankara have rejected"
    if j == start or j >= n or toks[j].kind != "M":
        return
    if not any(_RELATIVE.match(t.text) or t.text.lower() in _RELATIVE_NOUNS for t in toks[start:j]):
        return  # "…, the Danish minister said": an attribution, not a relative clause
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
            if toks[q].text.lower() in lx.HOLDING_VERBS:
                return  # "land that Kyiv holds": what it has, not what it wants
            sign *= toks[q].sign
            triggered = True
            break  # "… that Kyiv is seeking [, which Lavrov calls a non-starter]"
        q += 1
    if triggered:
        for m in group:
            yield m, sign


def _passive_agents(toks: list[_Tok], k: int):
    """Agents of passive stance verbs after the cue, each with its own polarity:
    "… was backed by X, but has been resisted by Y", "… are pledged to Chisinau by Brussels",
    "… described as “unacceptable” by Hungary's junior trade minister"."""
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
        if (
            low == "at"
            and since_trigger <= 3
            and i + 2 < n
            and toks[i + 1].kind == "M"
            and toks[i + 2].text.lower() in ("insistence", "request", "behest", "urging", "demand")
        ):
            yield toks[i + 1].mention, sign  # "was dropped at Ankara's request"
            found = True
            sign, since_trigger = 1, 99
            i += 3
            continue
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
    walk = _LeftWalk(toks, first, floor, sentence)
    while walk.j >= floor:
        found, stop = walk.step()
        yield from found
        if stop:
            return


class _LeftWalk:
    """The state of a walk left from a cue (see :func:`_left_holders`): each word met
    changes it, by its kind, until one names the holder or ends the clause."""

    def __init__(self, toks: list[_Tok], first: int, floor: int, sentence: str) -> None:
        self.toks, self.first, self.floor, self.sentence = toks, first, floor, sentence
        self.sign = 1
        self.open_chain = True
        # a stance verb or modal links a holder to the cue; a cue can hold its own ("Oslo
        # rejects any truce until …": the pattern has read the verb)
        self.governed = _TRIGGER.match(sentence, toks[first].start) is not None
        self.obliged = False
        # past a condition's opener the cue is coded as support, whatever governs it
        self.locked = False
        self.nor = False  # "neither A nor B": "nor" negates B, "neither" only A
        # ", but would never accept …": the subject is that of the first verb
        self.elliptical = False
        self.negated = False
        self.since_trigger = 99
        self.j = first - 1
        opener = _condition_opener(toks, first, floor)
        if opener is not None:
            # the cue is inside "if X does Y": X is hypothetical; the one who sets the
            # condition holds the position, as support (the coding scheme's rule for conditions)
            self.j, self.locked = opener - 1, True
        # the cue's own words may hold the verb of a clause after a colon ("…: [the money
        # must go]")
        self.cue_end = next(
            (i for i in range(first, len(toks)) if toks[i].cue != toks[first].cue), len(toks)
        )

    def step(self) -> tuple[_Found, bool]:
        """Read the word at ``j``: the holders it names, and whether the walk stops."""
        t = self.toks[self.j]
        if t.kind == "C":
            self._cue(t)
        elif self._ends_clause(t):
            return [], True
        elif t.kind == "P" or t.text.lower() in _CLOSERS:
            if self._punctuation(t):
                return [], True
        elif t.kind == "T":
            self._trigger(t)
        elif t.kind == "N":
            self._negator(t)
        elif t.kind == "M":
            found, stop, moved = self._mention()
            if found or stop:
                return found, stop
            if moved:
                return [], False
        elif t.text.lower() in _WORDS_READ or _OBLIGATION.fullmatch(t.text.lower()):
            found, stop = self._word(t)
            if found or stop:
                return found, stop
        self.since_trigger += 1
        self.j -= 1
        return [], False

    def _cue(self, t: _Tok) -> None:
        """Another cue: a stance verb it holds closes the chain, a negation in it may cover
        this cue, and an "until" before another issue's cue is a condition."""
        toks, first, low = self.toks, self.first, t.text.lower()
        self.open_chain = False if self.governed else self.open_chain
        if self.negated and t.issue == toks[first].issue and t.cue != toks[first].cue:
            self.open_chain = False  # "not de facto, not de jure either": each "not" has a cue
        if (
            self.open_chain
            and not self.locked
            and not self.negated
            and (low in _VERBAL_NEGATORS or (low == "no" and toks[self.j - 1].kind != "C"))
            and t.cue != toks[first].cue
            and t.issue == toks[first].issue
        ):
            # "will not accept the new borders de jure", "no soldier … may be stationed in
            # the country": the other cue's negation covers this one
            self.sign = -self.sign
        elif low in ("until", "unless") and not self.governed and t.issue != toks[first].issue:
            # "won't stop fighting until [Ukraine leaves Donbas]"
            self.sign, self.locked = 1, True

    def _ends_clause(self, t: _Tok) -> bool:
        """ "X says A, while Y leaves room for B": B is not X's."""
        low, toks, j = t.text.lower(), self.toks, self.j
        return (
            (
                low == "while"
                and not (j + 1 < self.first and toks[j + 1].text.lower().endswith("ing"))
            )
            or low == "whereas"
            or (low in (";", ":") and self.governed)
        )

    def _punctuation(self, t: _Tok) -> bool:
        """Punctuation and closing words; True where the clause is another's."""
        low, toks, j, first = t.text.lower(), self.toks, self.j, self.first
        if (low in ("—", "–") and self.negated) or (
            low == ":" and _has_verb(toks, j + 1, self.cue_end)
        ):
            # "never recognise X — not de jure": one refusal, spelt out; "our view hasn't
            # changed: the ceasefire comes with the deal": a colon starts a new statement
            self.open_chain = False
        if low in ("but", "yet") and _starts_verb_phrase(toks, j + 1, first):
            self.elliptical = True
        elif (
            low in ("but", "yet")
            and j + 1 < first
            and toks[j + 1].kind == "W"
            and toks[j + 1].text.lower() not in _NP_DETERMINERS
            and toks[j + 1].text.lower() not in _ADVERBS
            and toks[j + 1].text.lower() not in _AUX
        ):
            return True  # "…, but mediators never settled the prisoner question": their clause
        if (low in (",", ";", ":", "—", "–") and self.governed) or low in _CONTRASTS:
            self.open_chain = False
        return False

    def _trigger(self, t: _Tok) -> None:
        low = t.text.lower()
        if (
            self.open_chain
            and not self.locked
            and (not self.governed or self.since_trigger <= 3 or low in ("said", "says"))
        ):
            self.sign *= t.sign
        self.governed = True
        self.since_trigger = 0

    def _negator(self, t: _Tok) -> None:
        low, toks, j = t.text.lower(), self.toks, self.j
        if low == "no" and j + 1 < self.first and toks[j + 1].text in (":", ".", ","):
            return  # "said no: Kyiv's line is …", "No. And if …": an answer, not a negation
        if self.open_chain and not self.locked and not (self.nor and low == "neither"):
            self.sign = -self.sign
            self.negated = True
        self.nor = self.nor or low == "nor"

    def _mention(self) -> tuple[_Found, bool, bool]:
        """A party named: the holders it gives, whether the walk stops, and whether it has
        moved ``j`` itself."""
        toks, j, first, sentence = self.toks, self.j, self.first, self.sentence
        if (
            0 < j < len(toks) - 2
            and toks[j - 1].text == ","
            and toks[j + 1].kind == "T"
            and _SPEECH.fullmatch(toks[j + 1].text)
            and toks[j + 2].text == ","
            and any(x.kind == "M" for x in toks[self.floor : j - 1])
        ):
            return [], False, False  # "Belarusian delegates, one Turkish official said, want …"
        if _in_source_aside(toks, j, first):
            return [], False, False  # "The Russian draft, according to a Gulf mediator …"
        if _view_frame(toks, j, sentence):
            # "In the Kremlin's view, any documents must be signed by …"
            return [(m, self.sign, "view") for m in _coordinated(toks, j)], True, False
        if _proposal_frame(toks, j):
            # "Under the Turkish plan, the dam would be shared by both sides",
            # "the EU plan, in which sanctions stay": the proposal holds what it contains
            return [(m, self.sign, "proposal") for m in _coordinated(toks, j)], True, False
        if (
            not _eligible(toks, j)
            or (self.elliptical and not _starts_verb_phrase(toks, j + 1, first))
            or _holds_land(toks, j)
        ):
            self.j -= 1
            return [], False, True
        possessive = _possessive(toks, j, sentence)
        if (
            possessive
            and j + 1 < len(toks)
            and toks[j + 1].kind == "C"
            and toks[j + 1].cue != toks[first].cue
        ):
            return [], False, False  # "Ukraine's [NATO bid …]": the owner of another cue's content
        if possessive or _is_proposal(toks[j]):
            # "Kyiv's proposal", and "an amended European proposal to freeze …", whose noun
            # is itself the stance
            if (
                _is_proposal(toks[j])
                or (self.governed and _owns_a_stance(toks, j))
                or _stance_is_that(toks, j, first)
            ):
                # the chain goes on: "Moscow rejected Kyiv's proposal"
                self.j -= 1
                return [(m, self.sign, "possessive") for m in _coordinated(toks, j)], False, True
            return [], False, False
        by = _agent_start(toks, j)
        if by is not None:
            # "a plan backed by Washington", "welcomed by Paris and Berlin"
            agent_sign = self.sign * toks[by - 1].sign
            if by >= 2 and toks[by - 2].kind == "N":
                agent_sign = -agent_sign
            self.j = by - 2
            return [(m, agent_sign, "agent") for m in _coordinated(toks, j)], False, True
        if _obliged(toks, j, first):
            return [], False, False  # "Ukraine must refuse NATO membership": not the holder
        if self.governed or _links_by_modal(toks, j, first):
            if self.obliged and not self.governed:
                self.j -= 1
                return [], False, True
            rule = "subject" if self.governed else "modal"
            sign = -self.sign if _neither_before(toks, j) else self.sign
            return [(m, sign, rule) for m in _coordinated(toks, j)], True, False
        post = _post_governed(toks, j, first)
        if post is not None:
            # "Kyiv has made the return of detainees a condition": the verb follows
            return [(m, self.sign * post, "subject") for m in _coordinated(toks, j)], True, False
        if (
            j + 1 < first
            and toks[j + 1].text.lower() in _AUX
            and toks[j + 1].text.lower() not in ("also", "now", "still", "so", "far", "long")
            and _opens_coordinate_clause(toks, j)
        ):
            # "…, and Paris has since lowered the quota to 40,000": the cue is in Paris's
            # clause; a verb before the comma belongs to another one
            return [], True, False
        return [], False, False

    def _word(self, t: _Tok) -> tuple[_Found, bool]:
        """Any other word: conjunctions, relative pronouns, obligations and conditions."""
        low, toks, j, first = t.text.lower(), self.toks, self.j, self.first
        if low in ("and", "but") and j + 1 < first and toks[j + 1].text.lower() == "that":
            self.open_chain = False  # "said X was unacceptable and that Y": Y's own clause
        if (
            low in ("and", "but")
            and j >= 1
            and toks[j - 1].text == ","
            and not self.governed
            and _non_party_clause(toks, j + 1, first)
        ):
            return [], True  # "…, and that the strip would turn into a corridor": nobody's
        if low in ("and", "or") and _starts_verb_phrase(toks, j + 1, first):
            # "will not allow those bases and would treat them as …": the negation
            # belongs to the first verb phrase
            self.open_chain = False
            self.elliptical = True
        if (
            low == "which"
            and j >= 2
            and toks[j - 1].text == ","
            and toks[j - 2].kind == "M"
            and self.governed
            and not self.locked
        ):
            return [(m, self.sign, "relative") for m in _coordinated(toks, j - 2)], True
        if _OBLIGATION.fullmatch(low):
            self.obliged = True
        elif (
            low in ("if", "unless", "until", "once", "provided")
            and not self.governed
            and not (low == "once" and toks[j - 1].text.lower() == "at")  # "at once"
        ):
            # the cue is in a condition: "... until Kyiv leaves Donbas" is coded as support
            self.sign = 1
            self.locked = True
        return [], False


def _neither_before(toks: list[_Tok], k: int) -> bool:
    """True for subjects opened by "neither": "Neither Oslo nor Riga has agreed to …"."""
    j = k - 1
    while j >= 0 and (toks[j].kind == "M" or toks[j].text.lower() in ("nor", "or", ",", "the")):
        j -= 1
    return j >= 0 and toks[j].text.lower() == "neither"


# the other words the walk reads (see _LeftWalk._word): any other word is passed over
_WORDS_READ = frozenset(["and", "but", "or", "which", "if", "unless", "until", "once", "provided"])
_CONTRASTS = frozenset(["but", "while", "whereas", "although", "though", "however", "yet"])


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


def _is_proposal(t: _Tok) -> bool:
    return t.kind == "M" and names_proposal(t.text)


# "In Moscow's view, …", and "At Kyiv's request, …"
_VIEW_NOUNS = frozenset(
    [
        *("view", "opinion", "eyes", "words", "reading", "assessment", "judgement", "judgment"),
        *("insistence", "request", "urging", "behest", "demand"),
    ]
)


def _owns_a_stance(toks: list[_Tok], k: int) -> bool:
    """True when a possessive owns a stance or proposal ("Russia's demand", "Kyiv's plan",
    "Moscow's insistence"), not a thing ("Ukraine's army", "Russia's reserves")."""
    for nxt in toks[k + 1 : k + 4]:  # "Moscow's baseline demand", "Washington's envoy"
        low = nxt.text.lower()
        if (
            nxt.kind in ("T", "C")
            or low in _PROPOSAL_NOUNS
            or low in lx.OWNED_STANCE_NOUNS
            or _ACTOR_NOUN.fullmatch(nxt.text)
        ):
            return True
        if nxt.kind != "W" or low in _NON_AGENT_WORDS:
            return False  # "Ukraine's army at 600,000": a thing, then a preposition
    return False


def _stance_is_that(toks: list[_Tok], k: int, first: int) -> bool:
    """True for "<party>'s line remains that …", "<party>'s view has long been that …": a
    stance noun whose content is the clause holding the cue."""
    if k + 1 >= first or toks[k + 1].text.lower() not in lx.STANCE_NOUNS:
        return False
    words = [t.text.lower() for t in toks[k + 2 : first]]
    if "that" not in words[:5]:
        return False
    return any(w in lx.COPULAS for w in words[: words.index("that")])


_NON_AGENT_WORDS = frozenset(
    ["at", "in", "on", "of", "to", "for", "with", "from", "by", "into", "over", "under"]
)


def _has_verb(toks: list[_Tok], lo: int, hi: int) -> bool:
    """True when the words from ``lo`` to ``hi`` hold a verb: a clause, not a list."""
    return any(t.kind == "T" or t.text.lower() in _MODALS for t in toks[lo:hi])


def _non_party_clause(toks: list[_Tok], k: int, first: int) -> bool:
    """True when the words from ``k`` are a clause with a subject that names no party:
    "that territory would become …", "the front would be frozen …"."""
    for i in range(k, min(first, k + 4)):
        t = toks[i]
        if t.kind in ("M", "T", "C"):
            return False
        if i > k and t.text.lower() in _MODALS:
            return True
    return False


def _opens_coordinate_clause(toks: list[_Tok], k: int) -> bool:
    """True for a mention right after ", and" / ", but": the subject of a clause of its own."""
    j = k - 1
    while j >= 0 and toks[j].text.lower() in _NP_DETERMINERS:
        j -= 1
    return j >= 1 and toks[j].text.lower() in ("and", "but") and toks[j - 1].text == ","


def _view_frame(toks: list[_Tok], k: int, sentence: str) -> bool:
    """True for "In <party>'s view, …", "In Moscow's eyes, …", and a sentence opening "For
    <party>, …" ("For Riga, a truce now is out of the question")."""
    j = k - 1
    while j >= 0 and toks[j].text.lower() in _NP_DETERMINERS:
        j -= 1
    if j == 0 and toks[0].text.lower() == "for" and k + 1 < len(toks) and toks[k + 1].text == ",":
        return True
    return (
        j >= 0
        and toks[j].text.lower() in ("in", "by", "at", "on")
        and _possessive(toks, k, sentence)
        and k + 1 < len(toks)
        and toks[k + 1].text.lower() in _VIEW_NOUNS
    )


def _proposal_frame(toks: list[_Tok], k: int) -> bool:
    """True for a party's proposal framing what follows: "Under the American draft, …",
    "the US plan, in which …"."""
    if not names_proposal(toks[k].text):
        return False
    nxt = [x.text.lower() for x in toks[k + 1 : k + 3]]
    j = k - 1
    while j >= 0 and toks[j].text.lower() in _DETERMINERS:
        j -= 1
    # "under the plan" anywhere; "in the plan, …" only opening a clause, not "the ceiling
    # in the plan"
    opens = (
        j <= 0 or toks[j - 1].text in (",", ";", ":", "—", "–") or toks[j - 1].text.lower() == "and"
    )
    framed = j >= 0 and (
        toks[j].text.lower() == "under" or (toks[j].text.lower() in ("in", "according") and opens)
    )
    relative = nxt[:2] in ([",", "in"], [",", "under"], [",", "whereby"]) or nxt[:1] == ["whereby"]
    return framed or relative


_DEMAND = re.compile(
    r"(?:propos|demand|insist|urg|ask|suggest|requir|recommend|request)\w*$", re.IGNORECASE
)
_OBLIGED_AFTER = re.compile(
    r"^(?:\w+ ){0,2}?(?:" + lx.OBLIGATION + r"|(?:be|is|are|was|were|been|being) (?:asked|told"
    r"|forced|made|pressed|pressured|urged|expected|required|obliged|invited|called on|compelled"
    r"|pushed|nudged|leaned on)"
    r" to|(?:be|is|are|was|were|been|being) (?:pushed|forced|pressed|pressured|coerced|bullied"
    r"|dragged|railroaded|rushed) into)\b",
    re.IGNORECASE,
)


def _obliged(toks: list[_Tok], k: int, first: int) -> bool:
    """True when the mention is the one obliged, not the one who wants:
    "Moldova must …", "Moldova cannot be asked to give up …"."""
    words = " ".join(t.text for t in toks[k + 1 : min(first, k + 7)])
    if _OBLIGED_AFTER.match(words) is not None and not (
        k + 1 < len(toks) and toks[k + 1].kind in ("M", "T")
    ):
        return True  # (not "Oslo said Kyiv should …": Kyiv is the one obliged)
    if (
        k >= 1
        and toks[k - 1].text.lower() in ("make", "makes", "made", "making")
        and k + 1 == first
    ):
        return True  # "a deal that made Riga give up the port": made to, without the "to"

    # "… had proposed that Kyiv accept a ceiling", "the demand that Riga cede the port": a
    # bare verb, a stance word's or the cue's own, after a demand's "that"
    nxt = toks[k + 1] if k + 1 <= first else None
    return (
        k >= 2
        and toks[k - 1].text.lower() == "that"
        and any(t.kind == "T" and _DEMAND.match(t.text) for t in toks[max(0, k - 14) : k - 1])
        and nxt is not None
        and nxt.kind in ("T", "C")
        and not nxt.text.split()[0].lower().endswith(("s", "ed"))
    )


def _post_governed(toks: list[_Tok], k: int, first: int) -> int | None:
    """The polarity of a stance word after the cue, for a subject that has no stance verb
    before it ("Kyiv has made [the return of detainees] a condition", "Kyiv considers
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
    "If Kyiv accepts a monitoring mission, she said, Paris is ready to …"."""
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
    """Index of the "by" of a "<verb> by (the) X (and Y)" agent group ending at ``k``."""
    gs = k
    while gs >= 2 and toks[gs - 1].text.lower() in ("and", ",", "&") and toks[gs - 2].kind == "M":
        gs -= 2
    while gs >= 1 and toks[gs - 1].text.lower() in _NP_DETERMINERS:
        gs -= 1  # "circulated by the Americans"
    if gs >= 2 and toks[gs - 1].text.lower() == "by" and toks[gs - 2].kind == "T":
        return gs - 1
    return None


def _links_by_modal(toks: list[_Tok], k: int, first: int) -> bool:
    """True when a modal of will ("will", "would", "won't") follows the mention and leads to
    the cue or a stance word ("Kyiv would never cede Donbas"), not to a verb of its own
    ("Ukraine would receive a guarantee"), unless the mention is a proposal ("the American
    draft would channel the assets into …")."""
    proposal = _is_proposal(toks[k]) or (
        k + 1 < first and toks[k + 1].text.lower() in _PROPOSAL_NOUNS  # "an early U.S. draft"
    )
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
                if u.kind == "P" and u.text in "\"“”‘’'":
                    continue  # 'would "never" pull …'
                if u.kind == "N" or low in _MODALS or low in _AUX or low in _LINKS:
                    continue
                # "Europe would be briefed afterwards": the subject of a passive cue is not
                # its holder; "Kyiv would be ready to accept …" is
                return u.kind == "T" or (u.kind == "C" and not passive)
            return True
        if t.text in (",", ";"):
            return False
    return False


def _aside_speaker(toks: list[_Tok], sentence: str, first: int) -> tuple[Mention, int] | None:
    """The party named in the last aside ("…, Oslo added, …") before token ``first``, and the
    index of the token after the aside."""
    asides = list(ASIDE.finditer(sentence, 0, toks[first].start))
    if not asides:
        return None
    start, end = asides[-1].span()
    inside = [i for i, t in enumerate(toks[:first]) if start < t.start < end]
    after = next((i for i in range(first) if toks[i].start >= end), first)
    named = [toks[i].mention for i in inside if toks[i].kind == "M"]
    between = toks[after:first]
    if not named or any(
        t.kind in ("M", "C")
        or t.text in (";", ":")
        or (t.text.lower() in _CONJUNCTIONS and toks[after + i - 1].text == ",")
        for i, t in enumerate(between)
    ):
        return None  # another party, another cue, or a new clause ("…, and …") comes first
    return named[0], after


def _holds_land(toks: list[_Tok], k: int) -> bool:
    """True for a mention that only holds land in a relative clause: "the part of the region
    that Riga still holds was marked as a buffer" (Riga is not the subject)."""
    nxt = [t.text.lower() for t in toks[k + 1 : k + 3]]
    return (
        k >= 1
        and toks[k - 1].text.lower() in ("that", "which")
        and bool(nxt)
        and (
            nxt[0] in lx.HOLDING_VERBS
            or (nxt[0] in _ADVERBS and nxt[1:2] and nxt[1] in lx.HOLDING_VERBS)
        )
    )


def _chain_sign(toks: list[_Tok], lo: int, first: int) -> int:
    """Polarity of the stance words and negations between ``lo`` and the cue."""
    sign = 1
    for i in range(lo, first):
        t = toks[i]
        if t.text in (";",) or t.kind == "C":
            sign = 1
        elif t.kind == "N" and t.text.lower() == "no" and toks[i + 1].text in (".", "!", ":"):
            sign = 1  # "No. And if …": an answer to what was asked, not a negation of the cue
        elif t.kind == "N" or t.kind == "T":
            sign *= -1 if t.kind == "N" else t.sign
    return sign


def _attribution_after(toks: list[_Tok], k: int) -> Mention | None:
    n = len(toks)
    j = k
    # past other cues ("…, as soon as a ceasefire …, X said"), a quotation's own "our" and a
    # pronoun that says nothing ("whatever name they go under")
    while j < n and (
        toks[j].kind != "M"
        or toks[j].mention.kind == "speaker"
        or (
            toks[j].mention.kind == "pronoun"
            and not (j + 1 < n and (toks[j + 1].kind == "T" or _SPEECH.fullmatch(toks[j + 1].text)))
        )
    ):
        j += 1
    if j >= n:
        return None
    before = " ".join(t.text.lower() for t in toks[max(k, j - 3) : j])
    after = toks[j + 1].text if j + 1 < n else ""
    after2 = toks[j + 2].text if j + 2 < n else ""
    if any(t.text.lower() in ("while", "whereas") for t in toks[k:j]) or (
        after.lower() in _MODALS and not _SPEECH.fullmatch(after2)
    ):
        return None  # "…, says Ukraine must hold elections": a clause of its own
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


def condition_of(sentence: str, cue: Cue) -> str:
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
