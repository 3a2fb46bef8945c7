"""The attribute stage: who holds a cue, read from the sentence's dependency parse.

:mod:`toolkit.match` finds a sentence's cues and the parties it names (with pronouns and
titles resolved); :mod:`toolkit.parse` gives its parse. :func:`attribute` walks up the tree
from the cue to the sentence's root and asks, at each word on the way, an ordered table of
small named rules (:data:`RULES`) whether that word settles who holds the cue:

- ``relative``: "a truce, which Kyiv proposed", "a truce rejected by Moscow": a relative
  clause on the cue whose stance verb has a party subject or agent;
- ``topic``: "talks on a truce", "the question of membership": what is talked about is
  nobody's stance;
- ``without``: "…, without recognising the annexation": the clause is a refusal;
- ``counterfactual``: "Moscow could have accepted a truce": a path not taken, no stance;
- ``evaluation``: "a truce now would only reward aggression": the measure is judged, so
  whoever judges it (further up) holds it with the opposite sign;
- ``provision``: "under the plan, Kyiv would …": what a plan provides is its author's;
- ``agent``: "the truce was rejected by Kyiv": the passive agent of a stance verb;
- ``possessive``: "Russia's demand for a truce": the possessor of a stance noun;
- ``proposal``: "the American draft would freeze the line": a party's plan holds what it
  provides; a plan with no party named ends the search (its reader is not its author);
- ``obliged``: "Ukraine must cede land", "Kyiv has to …": the subject of an obligation is
  not the holder; the search goes on upwards;
- ``subject``: the party subject of a stance verb or of a modal of will ("Kyiv rejected …",
  "Moscow would keep …"; coordinated verbs share a subject); a subject that merely does
  something ("Russian troops hold the plant") is a fact, no stance;
- ``speaker``: "…, Peskov said" and "according to Kyiv" beside the clause holding the cue;
- ``control``: "the plan would require Ukraine to cede land": the object of require, force,
  press, urge or ask is the one obliged, never the holder (:func:`obliged_mentions`); the
  search goes on to the control verb's subject.

Polarity is the product of the stance words and negations met on the way. The word lists
are in :mod:`toolkit.lexicon`; the dependency labels read are named at the top of this
module. Nothing here is about a particular negotiation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon as lx
from .parse import lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ._types import Mention

__all__ = ["RULES", "Attribution", "Found", "attribute", "obliged_mentions"]

# Universal Dependencies relations this module reads.
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubj:outer", "csubj"})
OBJECTS = frozenset({"obj", "iobj"})
AGENT = "obl:agent"
POSSESSOR = "nmod:poss"
COMPLEMENTS = frozenset({"xcomp", "ccomp"})
NEGATION_LEMMAS = frozenset({"not", "never", "n't", "no"})
MODIFIERS = frozenset({"amod", "compound", POSSESSOR, "nmod"})


@dataclass(frozen=True)
class Attribution:
    """A holder found for a cue: the mention, +1 or -1, and the rule that found it; or, with
    ``mention`` None, the rule that found that nobody holds it (a counterfactual, a plan of
    nobody named)."""

    mention: Mention | None
    sign: int
    rule: str


@dataclass(frozen=True)
class Found:
    """What a rule says at one word on the way up: a holder, or stop (``None`` holder with
    ``stop``), or flip the sign and go on (``flip``)."""

    holder: Mention | None = None
    stop: bool = False
    flip: bool = False
    rule: str = ""
    # a holder known only by a modal ("Kyiv will …"): kept unless a frame further up
    # (an obligation, a plan's provision, a stance verb of somebody else) says otherwise
    weak: bool = False
    sign: int = 1  # a rule that reads its own stance word (a relative clause) gives its sign


@dataclass(frozen=True)
class _Step:
    """One word on the way up from the cue: the word, the relation it was reached by (the
    dependent's relation to it), and the dependent it was reached from."""

    word: Token
    via: str
    child: Token
    in_cue: bool = False  # the word is part of the cue ("drop the bid"): not a stance word


Rule = Callable[["_Step", "_Parties"], "Found | None"]


class _Parties:
    """The party mentions of one parsed sentence, looked up by token."""

    def __init__(self, doc: Doc, mentions: tuple[Mention, ...]) -> None:
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="contract")
            for t in span if span is not None else ():
                self.by_token[t.i] = m

    def of_phrase(self, head: Token) -> Mention | None:
        """The party a noun phrase names: its head, else its nearest modifier that does
        ("the U.S. plan", "Russia's envoy", "officials in Kyiv"); not inside a clause."""
        if head.i in self.by_token:
            return self.by_token[head.i]
        stack = [c for c in head.children if c.dep_ in MODIFIERS | {"flat", "appos", "conj"}]
        while stack:
            t = stack.pop(0)
            if t.i in self.by_token:
                return self.by_token[t.i]
            stack.extend(c for c in t.children if c.dep_ in MODIFIERS | {"flat"})
        return None


def _lemma(t: Token) -> str:
    return lemma(t).lower()


def _negated(t: Token, cue: range) -> bool:
    return any(
        c.dep_ in ("advmod", "det", "neg") and _lemma(c) in NEGATION_LEMMAS and c.i not in cue
        for c in t.children
    )


def _aux(t: Token) -> set[str]:
    """The auxiliaries of ``t``, with those a wrong parse hangs on another auxiliary."""
    out: set[str] = set()
    stack = [c for c in t.children if c.dep_ in ("aux", "aux:pass")]
    while stack:
        a = stack.pop()
        out.add(_lemma(a))
        stack.extend(c for c in a.children if c.dep_ in ("aux", "aux:pass"))
    return out


def _obligation(t: Token) -> bool:
    """ "must go", "should go", "has to go", "needs to go", "is obliged to go"."""
    if _aux(t) & lx.OBLIGATION_LEMMAS:
        return True
    return _lemma(t) in lx.OBLIGATION_VERBS and any(
        c.dep_ == "xcomp" and any(g.dep_ == "mark" and g.text.lower() == "to" for g in c.children)
        for c in t.children
    )


def _subject(t: Token) -> Token | None:
    """The subject of ``t``; a verb coordinated with another and no subject of its own
    shares that one's ("Kyiv rejected the plan and proposed a truce")."""
    own = next((c for c in t.children if c.dep_ in SUBJECTS), None)
    if own is None and t.dep_ == "conj" and t.head.i != t.i and t.pos_ in ("VERB", "AUX", ""):
        return _subject(t.head)
    return own


def _is_stance(t: Token) -> bool:
    lemma = _lemma(t)
    return lemma in lx.STANCE_LEMMAS or lemma in lx.OPPOSE_LEMMAS or lemma in lx.SPEECH_LEMMAS


def _sign(t: Token) -> int:
    return -1 if _lemma(t) in lx.OPPOSE_LEMMAS else 1


# --------------------------------------------------------------------------- the rules


def topic(step: _Step, parties: _Parties) -> Found | None:
    """ "a decision concerning the borders", "the question of membership", "talks on a
    truce": the cue is what is talked about, nobody's stance."""
    word, child = step.word, step.child
    if step.via == "" and any(
        c.dep_ == "case" and _lemma(c) in lx.TOPIC_PREPOSITIONS for c in word.children
    ):
        return Found(stop=True, rule="topic")
    about = step.via != "nmod" or any(_lemma(c) in ("of", "on", "about") for c in child.children)
    if step.via in ("obj", "obl", "nmod") and _lemma(word) in lx.TOPIC_WORDS and about:
        return Found(stop=True, rule="topic")
    return None


def without(step: _Step, parties: _Parties) -> Found | None:
    """ "…, without recognising the annexation": the clause is a refusal."""
    if step.via in ("advcl", "obl", "") and any(
        c.dep_ in ("mark", "case") and _lemma(c) == "without" for c in step.child.children
    ):
        return Found(flip=True, rule="without")
    return None


def control(step: _Step, parties: _Parties) -> Found | None:
    """The one a control verb acts on is obliged, not holding: go on to its subject."""
    if _lemma(step.word) in lx.CONTROL_LEMMAS and step.via in COMPLEMENTS | {"advcl", "obl"}:
        return Found(rule="control")  # the subject, if any, is read by the rules below
    return None


def counterfactual(step: _Step, parties: _Parties) -> Found | None:
    """ "could have accepted", "would have agreed": a path not taken states no stance."""
    aux = _aux(step.word)
    participle = step.word.tag_ == "VBN" or "Part" in step.word.morph.get("VerbForm")
    if "have" in aux and aux & {"could", "would", "might", "should"} and participle:
        if any(c.dep_ in SUBJECTS and _lemma(c) in lx.PROPOSAL_LEMMAS for c in step.word.children):
            return None  # "the first draft would have required …": what a draft provided
        return Found(stop=True, rule="counterfactual")
    return None


def evaluation(step: _Step, parties: _Parties) -> Found | None:
    """The cue is the subject of a verdict ("X would only prolong the war"): flip the sign,
    and let whoever passes the verdict hold it."""
    if step.via in SUBJECTS and _lemma(step.word) in lx.HARM_LEMMAS:
        return Found(flip=True, rule="evaluation")
    return None


def agent(step: _Step, parties: _Parties) -> Found | None:
    """ "a truce rejected by Kyiv": the passive agent of a stance verb."""
    for c in step.word.children:
        if c.dep_ == AGENT and _is_stance(step.word):
            holder = parties.of_phrase(c)
            if holder is not None:
                return Found(holder=holder, rule="agent")
    return None


def relative(step: _Step, parties: _Parties) -> Found | None:
    """ "a truce, which Moscow rejected", "the buffer zone Kyiv has proposed": a relative
    clause on the cue whose stance verb has a party subject or agent."""
    if step.via != "":
        return None
    for c in step.word.children:
        if c.dep_ not in ("acl:relcl", "acl") or not _is_stance(c):
            continue
        for g in c.children:
            if g.dep_ in (AGENT, "nsubj"):
                holder = parties.of_phrase(g)
                if holder is not None:
                    sign = _sign(c) * (-1 if _negated(c, range(0)) else 1)
                    return Found(holder=holder, rule="relative", sign=sign)
    return None


def possessive(step: _Step, parties: _Parties) -> Found | None:
    """ "Russia's demand for a truce": the possessor of a stance or proposal noun."""
    if step.word.pos_ in ("VERB", "AUX"):
        return None
    if not (_is_stance(step.word) or _lemma(step.word) in lx.PROPOSAL_LEMMAS):
        return None
    for c in step.word.children:
        if c.dep_ in (POSSESSOR, "amod", "compound") and c.i in parties.by_token:
            return Found(holder=parties.by_token[c.i], rule="possessive")
    return None


def proposal(step: _Step, parties: _Parties) -> Found | None:
    """A plan as the subject: its party holds what it provides; a plan of nobody named
    ends the search ("the draft would require …" read out by a critic is not the critic's)."""
    subject = _subject(step.word)
    if subject is None or _lemma(subject) not in lx.PROPOSAL_LEMMAS:
        return None
    holder = parties.of_phrase(subject)
    if holder is None:
        return Found(stop=True, rule="proposal")
    return Found(holder=holder, rule="proposal")


def obliged(step: _Step, parties: _Parties) -> Found | None:
    """ "Ukraine must withdraw", "Kyiv would have to give up", "Kyiv was asked to give up":
    the subject of an obligation, or of a control verb in the passive, is not the holder;
    go on."""
    if _obligation(step.word):
        return Found(rule="obliged")
    if _lemma(step.word) in lx.CONTROL_LEMMAS and any(
        c.dep_ == "nsubj:pass" for c in step.word.children
    ):
        return Found(rule="obliged")
    return None


def provision(step: _Step, parties: _Parties) -> Found | None:
    """ "Under the American plan, Ukraine would …": what a plan provides is its author's;
    under a plan of nobody named, nobody's."""
    for c in step.word.children:
        if (
            c.dep_.startswith("obl")
            and _lemma(c) in lx.PROPOSAL_LEMMAS
            and any(_lemma(g) in ("under", "in") and g.dep_ == "case" for g in c.children)
        ):
            holder = parties.of_phrase(c)
            return Found(holder=holder, stop=holder is None, rule="provision")
    return None


def _agentive(s: Token, parties: _Parties) -> bool:
    """Whether a subject can will what its verb's modal says: a party ("Ruritania would …",
    "Ruritania will not be rushed") or a party's people ("the Ruritanian envoy would …"),
    not a thing a party is named in ("sanctions on Ruritania would be eased", "Ruritania's
    army would be capped")."""
    return s.i in parties.by_token or _lemma(s) in lx.ACTOR_LEMMAS


def subject(step: _Step, parties: _Parties) -> Found | None:
    """The party subject of a stance verb, or of a verb with a modal of will."""
    s = _subject(step.word)
    if s is None:
        return None
    stance = (not step.in_cue and _is_stance(step.word)) or any(
        _is_stance(c) for c in step.word.children if c.dep_ == "xcomp"
    )
    weak = not stance and bool(_aux(step.word) & lx.VOLITION_LEMMAS)
    if not (stance or weak):
        return None
    if weak and not _agentive(s, parties):
        return None  # "Ruritania's army would be capped": the army wills nothing
    holder = parties.of_phrase(s)
    if holder is not None:
        return Found(holder=holder, rule="subject", weak=weak)
    if stance and _lemma(s) in lx.NON_PARTY_LEMMAS:
        return Found(stop=True, rule="subject")  # "Analysts say …": a stance, no party's
    return None


def speaker(step: _Step, parties: _Parties) -> Found | None:
    """ "…, Peskov said" (a speech verb beside the clause) and "according to Kyiv"."""
    for c in step.word.children:
        bare = not any(g.dep_ in COMPLEMENTS for g in c.children)  # "…, X said." ends there
        if c.dep_ == "parataxis" and c.i > step.child.i and bare and _lemma(c) in lx.SPEECH_LEMMAS:
            s = _subject(c)
            holder = parties.of_phrase(s) if s is not None else None
            if holder is not None:
                return Found(holder=holder, rule="speaker")
        if c.dep_.startswith("obl") and any(_lemma(g) == "accord" for g in c.children):
            holder = parties.of_phrase(c)
            if holder is not None:
                return Found(holder=holder, rule="speaker")
    return None


# In order: the first rule that says something at a word decides there.
RULES: tuple[Rule, ...] = (
    relative,
    topic,
    without,
    counterfactual,
    evaluation,
    provision,
    agent,
    possessive,
    proposal,
    obliged,
    subject,
    speaker,
    control,
)


@functools.lru_cache(maxsize=8)
def _parties(doc: Doc, mentions: tuple[Mention, ...]) -> _Parties:
    return _Parties(doc, mentions)  # once per sentence, whatever its number of cues


def _form(t: Token) -> str:
    return "".join(t.morph.get("VerbForm"))


def _path(doc: Doc, cue_start: int, cue_end: int) -> tuple[range, Iterator[_Step]]:
    span = doc.char_span(cue_start, cue_end, alignment_mode="expand")
    inside = list(span) if span is not None else []
    if not inside:
        return range(0), iter(())
    span = range(inside[0].i, inside[-1].i + 1)
    heads = [t for t in inside if t.head.i not in span or t.head.i == t.i] or inside
    root = max(heads, key=lambda t: (t.right_edge.i - t.left_edge.i, -t.i))  # "a truce": "truce"

    def steps() -> Iterator[_Step]:
        yield _Step(root, "", root, True)
        t = root
        while t.head.i != t.i:
            head = t.head
            if (
                t.dep_ == "conj"
                and _form(t) == "Fin"
                and _form(head) == "Inf"
                and head.dep_ == "xcomp"
            ):
                head = head.head  # "refused to discuss X and approved Y": "approved" is the
                # finite verb's conjunct, not the infinitive's
            yield _Step(head, t.dep_, t, head.i in span)
            t = head

    return span, steps()


def attribute(
    doc: Doc, cue_start: int, cue_end: int, mentions: list[Mention]
) -> Attribution | None:
    """The holder of the cue at ``doc.text[cue_start:cue_end]``, or None.

    ``mentions`` are the sentence's parties (character offsets into ``doc.text``).
    """
    parties = _parties(doc, tuple(mentions))
    cue, steps = _path(doc, cue_start, cue_end)
    sign = 1
    weak: Attribution | None = None
    for step in steps:
        word = step.word
        # a verb coordinated with the cue's shares its subject, not its stance: "refused
        # the offer and approved a package" does not refuse the package
        outside = word.i not in cue and step.via != "conj"
        if outside and _is_stance(word):
            sign *= _sign(word)
        if _negated(word, cue) and step.via != "conj":
            sign = -sign
        for rule in RULES:
            found = rule(step, parties)
            if found is None:
                continue
            if found.flip:
                sign = -sign  # a verdict: whoever passes it may be named at this word too
                continue
            if found.holder is not None and found.weak:
                weak = weak or Attribution(found.holder, sign, found.rule)
                break
            if found.holder is not None:
                return Attribution(found.holder, sign * found.sign, found.rule)
            if found.stop:
                return Attribution(None, sign, found.rule)
            if found.rule in ("obliged", "control"):
                weak = None  # "… has to promise that it will …": an obligation, not a will
            break  # settled here that this word's subject does not hold it: go on up
    return weak


def obliged_mentions(doc: Doc, cue_start: int, cue_end: int, mentions: list[Mention]) -> set:
    """Mentions that cannot hold the cue: the object of a control verb whose complement
    holds the cue ("… press Kyiv to give up …": Kyiv)."""
    parties = _parties(doc, tuple(mentions))
    _, steps = _path(doc, cue_start, cue_end)
    out: set = set()
    for step in steps:
        if _lemma(step.word) in lx.CONTROL_LEMMAS and step.via in COMPLEMENTS | {"advcl"}:
            for c in step.word.children:
                if c.dep_ in OBJECTS or (c.dep_ == "obl" and c.i < step.child.i):
                    m = parties.of_phrase(c)
                    if m is not None:
                        out.add(m)
            # "require that Ukraine never join": the subject of the complement clause
            if step.via == "ccomp" and _lemma(step.word) in lx.IMPOSE_LEMMAS:
                s = _subject(step.child)
                m = parties.of_phrase(s) if s is not None else None
                if m is not None:
                    out.add(m)
    # word order, for a parse that reads the verb as a noun ("the draft obliges Kyiv to …"):
    # a party right between a control verb and "to"
    spans: dict[Mention, list[int]] = {}
    for i, m in parties.by_token.items():
        spans.setdefault(m, []).append(i)
    for m, at in spans.items():
        first, last = min(at), max(at)
        if first > 0 and doc[first - 1].lower_ == "the":  # "… require the Commission to"
            first -= 1
        if first > 0 and last + 1 < len(doc) and doc[last + 1].text.lower() == "to":
            out.update([m] if _lemma(doc[first - 1]) in lx.CONTROL_LEMMAS else [])
    return out
