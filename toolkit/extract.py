"""Statements: who wants what on which issue in each document, with provenance.

:func:`extract` splits each document into sentences, gives each sentence what it inherits
from the text around it (the speaker of a quotation it is inside, the holder a pronoun
refers back to, the lead of a list, the issues of the sentences just before), runs
:func:`toolkit.match.match_cues` on it, and builds the statements DataFrame (columns
:data:`~toolkit.schema.STATEMENT_COLUMNS`), where ``documents.text[start:end] == quote``.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from . import _check
from . import lexicon as lx
from ._grammar import (
    _NEGATOR,
    _OPPOSE,
    _PRONOUN,
    _TITLE,
    _TRIGGER,
    _eligible,
    _possessive,
    names_proposal,
    titles_of,
    tokens,
)
from .codebook import Codebook
from .errors import ArgumentError
from .holders import merely_named
from .match import (
    Context,
    Match,
    Mention,
    Rules,
    _find_cues,
    _find_mentions,
    _is_question,
    _resolve_references,
    match_cues,
    rules_for,
    topics_here,
)
from .names import learn_names
from .parse import load_parser, parse
from .schema import DOCUMENT_COLUMNS, STATEMENT_COLUMNS, check_columns
from .sentences import Sentence, split_sentences

__all__ = ["extract"]


def _quotes(text: str) -> list[tuple[int, int]]:
    """Quoted stretches of a document, opening mark to closing mark."""
    spans = []
    # a quotation may run to the end of its paragraph without closing: the convention for
    # a speech quoted over several paragraphs
    for m in _QUOTE.finditer(text):
        if m.end() - m.start() > 12:
            spans.append(m.span())
    return spans


# A line break inside a paragraph (hard-wrapped text) does not end a quotation; a blank line
# or a new list item does.
_WRAP = r"\n(?![ \t]*(?:\n|[-*•]\s|\d+[.)]\s|$))"
_QUOTE = re.compile(
    rf"“(?:[^“”\n]|{_WRAP})*(?:”|(?=\n)|$)|\"(?:[^\"\n]|{_WRAP})*(?:\"|(?=\n)|$)|«[^«»]*»"
)


_SPEECH_WORDS = (
    r"(?:"
    + lx.SPEECH_VERBS
    + r"|emphasi[sz]ing|saying|adding|insisting|stressing|noting|warning|telling|writing|declaring|stating)"
)
_AFTER_QUOTE = re.compile(
    r"^\s*(?:,\s*|—\s*)?(?P<a>(?:[\w.’'\-]+\s+){0,6}?)(?P<v>"
    + _SPEECH_WORDS
    + r")\b(?P<b>(?:\s+[\w.’'\-]+){0,6})",
    re.IGNORECASE,
)
# A speech verb that ends the text before a quotation, give or take a few words ("he said:",
# "she told reporters that").
_SAID = re.compile(
    r"\b" + _SPEECH_WORDS + r"\b(?=(?:\s+\w+){0,4}?\s*(?:[,:]|\bthat|\bas saying)\s*$)",
    re.IGNORECASE,
)
_NOT_IN_SPEAKER = re.compile(r"[.;\n“”\"]")


def _said_before(before: str) -> str | None:
    """The words (up to 160 characters, within one clause) before the speech verb that ends
    ``before``; None when no speech verb ends it. Found from the verb backwards, so the time
    is linear in the length of ``before``."""
    verb = _SAID.search(before)
    if verb is None:
        return None
    start = max(verb.start() - 160, 0)
    for stop in _NOT_IN_SPEAKER.finditer(before, start, verb.start()):
        start = stop.end()
    return before[start : verb.start()]


# "Zelenskyy: “We are ready …”" — a name and a colon before the quotation.
_COLON_QUOTE = re.compile(r"(?P<a>[^.;:\n“”\"]{1,60}?)\s*:\s*$")


def _speaker(
    text: str, span: tuple[int, int], rules: Rules, previous: Mention | None
) -> Mention | None:
    """Who said the quotation at ``span``; None for a scare quote ("a “free economic zone”").

    The speaker is named right after a quotation that ends in a comma, question mark, dash
    or exclamation mark ("“…,” Zelenskyy said", "“…,” said Peskov"), or right before one
    ("Zelenskyy said: “…”", "he declared, “…”").
    """
    s, e = span
    inner_end = text[max(s, e - 3) : e - 1]
    chunks: list[str] = []
    if inner_end.rstrip().endswith((",", "?", "!", "—", "–", "-")) or text[e : e + 1] == ",":
        m = _AFTER_QUOTE.match(text[e : e + 160])
        if m:
            chunks += [m.group("a"), m.group("b")]
    before = text[max(0, s - 200) : s]
    b = _said_before(before)
    if b is None:
        colon = _COLON_QUOTE.search(before)
        b = colon.group("a") if colon else None
    if b is not None:
        chunks.append(b)
    for chunk in chunks:
        if not chunk:
            continue
        mentions = _find_mentions(rules, chunk)
        if mentions:
            return mentions[-1] if chunk is chunks[-1] and b is not None else mentions[0]
        if previous is not None and (_PRONOUN.search(chunk) or _TITLE.search(chunk)):
            return Mention(0, 0, previous.party, f"{chunk.strip()} ({previous.text})", "pronoun")
    attributed = _ATTRIBUTED_AFTER.match(text, e) is not None  # "…," a diplomat told us
    if previous is not None and (s == 0 or text[s - 1] == "\n") and not chunks and not attributed:
        # a quotation that is a whole paragraph: a speech by whoever was speaking before
        return Mention(0, 0, previous.party, f"({previous.text})", "speaker")
    return None


_ATTRIBUTED_AFTER = re.compile(r"[^.\n“\"]{0,120}?\b(?:" + lx.SPEECH_VERBS + r")\b", re.IGNORECASE)


def _continued(
    text: str,
    span: tuple[int, int],
    speakers: dict[tuple[int, int], Mention | None],
    rules: Rules,
) -> Mention | None:
    """The speaker of the quotation just before in the same paragraph, when nobody else is
    named in between: "“We have studied it,” Belov told reporters. “Units must leave.”"."""
    before = [(q, m) for q, m in speakers.items() if q[1] <= span[0] and m is not None]
    if not before:
        return None
    (_, e), speaker = max(before, key=lambda item: item[0])
    gap = text[e : span[0]]
    named = _find_mentions(rules, gap)
    if "\n\n" in gap or len(gap) > 160 or any(m.party != speaker.party for m in named):
        return None  # "Belov countered that …": somebody else is named in between
    return speaker  # '…," Belov said. "Units must leave."': the attribution names the speaker


# "PESKOV: …", "**Q:** …", "**SECRETARY RUBIO:** …", "QUESTION (a reporter, a paper): …"
_SPEAKER_LABEL = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*)?(?P<name>[A-Z][\w .’'\-]{1,40}?)(?:\*\*)?"
    # a capitalised name may carry a note after a comma: "ANNA BERG, Norway's minister:"
    r"(?:(?<=[A-Z]),\s+(?P<note>[^:\n]{2,80}?))?"
    r"(?:\s*\([^()]{1,60}\))?\s*:(?:\*\*)?\s+\S"
)
_LIST_LEAD = re.compile(r":\s*$")
# a heading line in bold: "**Name (@handle), X, Saturday**"
_HEADING = re.compile(r"\*\*[^*\n]{2,120}\*\*")
_ASKERS = frozenset(
    ["Q", "QUESTION", "REPORTER", "JOURNALIST", "ANCHOR", "HOST", "MODERATOR", "INTERVIEWER"]
)


@dataclass(frozen=True)
class _Document:
    """What stays the same while a document is read."""

    text: str
    rules: Rules
    anchors: tuple[str, ...]  # the codebook's anchors present anywhere in the text
    quotes: tuple[tuple[int, int], ...]
    reader: str
    parse: Callable | None


@dataclass(frozen=True)
class _State:
    """What a document's sentences pass on to the next one: who held the last position,
    the issues just named, the lead of a list, the speaker of a transcript turn, the options
    an anaphor can stand for, the people seen, the last party proposal named, and the
    speaker found for each quotation."""

    people: _People
    previous: Mention | None = None
    recent_topics: tuple[tuple[int, frozenset[str]], ...] = ()
    list_holder: tuple[Mention, int] | None = None
    turn_speaker: Mention | None = None
    antecedents: tuple[tuple[str, str, int], ...] = ()
    antecedent_age: int = 0
    continuing: bool = False
    proposal: Mention | None = None  # the last party proposal named: "the American draft"
    plan: tuple[Mention, int] | None = None  # a plan that held a position, and its paragraph
    paragraph: int = -1
    quote_speakers: tuple[tuple[tuple[int, int], Mention | None], ...] = ()
    # the cues of a question just asked, which a "Yes." or "No." in the paragraph after it
    # answers: (issue, option, sign), and the question's paragraph
    question: tuple[tuple[str, str, int], ...] = ()
    question_paragraph: int = -1
    voice: Mention | None = None  # whose own text the document is (see _voice)
    # an interview: who answers, and the paragraph that is a question alone (see _step)
    interviewee: Mention | None = None
    asked_alone: int = -1
    heading_speaker: Mention | None = None  # the party a bold heading line names ("**X, X:**")


# A title that says the text is a party's own: "Joint statement of …", "Council conclusions"
_OWN_TEXTS = (
    r"statement|communiqu[eé]|declaration|conclusions|address|appeal|open letter|read-?out"
    r"|fact ?sheet"
)
_OWN_TEXT = re.compile(r"\b(?:" + _OWN_TEXTS + r")\b", re.IGNORECASE)
# ... unless the title is a headline about one: "talks end without a statement", "row over the
# declaration"
_ABOUT_A_TEXT = re.compile(
    r"\b(?:without|no|over|after|before|on)\s+(?:(?:a|the|joint)\s+)*$", re.IGNORECASE
)


# An interview, by its title ("Interview: …", "… talks to …") or by its opening lines in the
# first person ("X spoke to us", "we sat down with X")
_INTERVIEW_TITLE = re.compile(
    r"\binterview|\bQ&A\b|\bin conversation\b|\b(?:talks|speaks) (?:to|with)\b", re.IGNORECASE
)
_INTERVIEW_INTRO = re.compile(
    r"\b(?:spoke|speaks|talked|talks|sat down) (?:to|with) (?:us|me)\b"
    r"|\bwe (?:spoke|talked|met|sat down|interviewed)\b|\bour (?:interview|conversation)\b",
    re.IGNORECASE,
)
_INTRO = 600  # characters of the text that may say it is an interview


def _interviewee(title: str, text: str, rules: Rules) -> Mention | None:
    """Who answers the questions of an interview ("An interview with X", "X spoke to us …"):
    the party named first in the title, else in the opening paragraph; None for a text that
    is not an interview."""
    intro = text[:_INTRO].split("\n\n", 1)[0] if text.strip() else ""
    if not (_INTERVIEW_TITLE.search(title) or _INTERVIEW_INTRO.search(text, 0, _INTRO)):
        return None
    named = _find_mentions(rules, title) or _find_mentions(rules, intro)
    return named[0] if named else None


def _voice(title: str, rules: Rules) -> Mention | None:
    """The party whose own text a document is, by its title ("Statement by the Oslo
    government"): it speaks every sentence that quotes nobody else."""
    own = _OWN_TEXT.search(title)
    if own is None or _ABOUT_A_TEXT.search(title, 0, own.start()):
        return None
    # its author ("… of X", "X: statement", "President X's address"), not a party the text is
    # about ("Statement on Oslo", "… after talks in Oslo")
    named = [
        m
        for m in _find_mentions(rules, title)
        if _ISSUER_BEFORE.search(title[: m.start]) or _ISSUER_AFTER.match(title, m.end)
    ]
    return named[0] if named else None


_ISSUER_BEFORE = re.compile(
    r"(?:^|\b(?:of|by|from)\s+(?:the\s+)?|[:,]\s*)(?-i:[A-Z][\w.’'-]*\s+){0,4}$", re.IGNORECASE
)
_ISSUER_AFTER = re.compile(r"[’']s\s+(?:[\w-]+\s+){0,2}?(?:" + _OWN_TEXTS + r")\b", re.IGNORECASE)


class _NeedParse(Exception):
    """A step asked for the parse of a sentence that is not parsed yet (see :func:`_read`)."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


def _parsed(parsed: dict, sentence: str):
    """The parse of ``sentence`` from ``parsed``; :class:`_NeedParse` when it is not there."""
    if sentence not in parsed:
        raise _NeedParse(sentence)
    return parsed[sentence]


class _Reading:
    """One document being read: its sentences, where the reading is, and what it found.

    The parse lookup raises :class:`_NeedParse` for a sentence it does not hold; the
    sentence's step is then run again, being pure, once the parse is in."""

    def __init__(self, text: str, rules: Rules, reader: str, title: str = "") -> None:
        rules = rules.with_people(
            learn_names(text, rules.party_of, rules.party_words, rules.party_titles)
        )
        self.parsed: dict[str, object] = {}
        self.doc = _Document(
            text,
            rules,
            tuple(sorted(rules.anchors_in(text.casefold()))),
            tuple(_quotes(text)),
            reader,
            functools.partial(_parsed, self.parsed),  # not a bound method: no cycle to collect
        )
        self.sentences = _capped(text, split_sentences(text))
        self.state = _State(
            people=_People.of(rules),
            voice=_voice(title, rules),
            interviewee=_interviewee(title, text, rules),
        )
        self.done = 0  # sentences read
        self.found: list[tuple[int, Sentence, list[Match]]] = []  # those with matches

    def advance(self) -> str | None:
        """Read on to the end, or to a sentence whose parse is needed: that sentence."""
        while self.done < len(self.sentences):
            sent = self.sentences[self.done]
            try:
                self.state, matches = _step(self.doc, self.state, sent)
            except _NeedParse as need:
                return need.sentence
            self.parsed.clear()
            if matches:
                self.found.append((self.done, sent, matches))
            self.done += 1
        return None


# Documents read side by side: the sentences they need parsed are parsed in one batch.
_WINDOW = 32


def _read(
    texts: list[str], rules: Rules, reader: str, nlp=None, titles: list[str] | None = None
) -> Iterator[list]:
    """For each text in order, ``(index, sentence, [Match])`` for its sentences with matches.

    Each document is read sentence by sentence, passing its :class:`_State` on with
    :func:`_step`. Up to :data:`_WINDOW` documents are read side by side, and the sentences
    they wait on are parsed together (several times faster than one by one; the parse of a
    sentence does not depend on its batch), so memory stays flat in the number of documents.
    """
    titles = titles or [""] * len(texts)
    for first in range(0, len(texts), _WINDOW):
        window = slice(first, first + _WINDOW)
        yield from _read_window(texts[window], rules, reader, nlp, titles[window])


def _read_window(texts: list[str], rules: Rules, reader: str, nlp, titles: list[str]) -> list[list]:
    """:func:`_read` for one window of documents (whose readings are freed on return)."""
    readings = [_Reading(t, rules, reader, title) for t, title in zip(texts, titles, strict=True)]
    waiting = readings
    while waiting:
        wants = [(r, r.advance()) for r in waiting]
        wants = [(r, sentence) for r, sentence in wants if sentence is not None]
        for (r, sentence), doc in zip(
            wants, parse([s for _, s in wants], nlp, lemmas=False), strict=True
        ):
            r.parsed[sentence] = doc
        waiting = [r for r, _ in wants]
    return [r.found for r in readings]


def _step(doc: _Document, state: _State, sent: Sentence) -> tuple[_State, list[Match]]:
    """Read one sentence: its matches, and the state the next sentence inherits."""
    text, rules = doc.text, doc.rules
    s, e = sent.start, sent.end
    # a hard-wrapped sentence is read as one line (the same length, so offsets hold)
    sentence = text[s:e].replace("\n", " ")
    label = _SPEAKER_LABEL.match(sentence)
    opens = sent.paragraph != state.paragraph  # the paragraph's first sentence
    if opens:
        # in an interview, the paragraph after a question alone is the interviewee's answer
        answering = state.interviewee if sent.paragraph == state.asked_alone + 1 else None
        state = replace(
            state,
            continuing=False,
            # short news paragraphs go on with the topic of the one before: keep its last two
            # sentences ("… the plant near the river. ¶ “That station is ours …”")
            recent_topics=state.recent_topics[-2:],
            list_holder=state.list_holder if sent.bullet else None,
            paragraph=sent.paragraph,
            turn_speaker=answering,
        )
    if not sent.bullet and state.list_holder is not None and not _LIST_LEAD.search(sentence):
        state = replace(state, list_holder=None)
    # Speaker labels in transcripts: "PESKOV: ...", "Q: ..."
    if _CLAIM.match(sentence) or (label and label.group("name").strip().lower() in _HEARSAY_LABELS):
        # "Claim: …" in a fact-check is somebody's assertion about a party, not its words
        return state, []
    if label:
        name = label.group("name")
        named = (
            _find_mentions(rules, name)
            or _find_mentions(rules, name.title())
            or (_find_mentions(rules, label.group("note")) if label.group("note") else [])
        )
        if named:
            state = replace(state, turn_speaker=named[-1])
        elif state.interviewee is not None and name.strip().upper() not in _ASKERS:
            # "MINISTER: …" in an interview: the one interviewed, by a role
            state = replace(state, turn_speaker=state.interviewee)
        elif name.strip().isupper() or name.strip().upper() in _ASKERS:
            # a label naming no party ("Q:", "ANCHOR:", "HOST:") ends the turn before it; a
            # sentence that only opens with a colon ("Our view is simple: …") does not
            state = replace(state, turn_speaker=None)
    spans = []
    speaker = None
    speakers = dict(state.quote_speakers)
    for q in doc.quotes:
        if q[0] < e and s < q[1]:
            if q not in speakers:
                speakers[q] = _speaker(text, q, rules, state.previous) or _continued(
                    text, q, speakers, rules
                )
            if speakers[q] is not None:
                spans.append((max(q[0], s) - s, min(q[1], e) - s))
                speaker = speaker or speakers[q]
    if state.turn_speaker is not None and speaker is None:
        speaker = state.turn_speaker
        spans.append((0, len(sentence)))
    elif speaker is None and text.startswith(">", text.rfind("\n", 0, s) + 1):
        # a block quotation ("> …"): a post or a statement by whoever the heading above it
        # names, else by whoever spoke last
        quoter = state.heading_speaker or state.previous
        if quoter is not None:
            speaker = quoter
            spans.append((0, len(sentence)))
    elif state.voice is not None and speaker is None:
        # "We call for …", "The Council calls for …" in a statement: whoever issued it speaks
        speaker = state.voice
        spans.append((0, len(sentence)))
    recent = state.recent_topics
    # the issues named in the four sentences before (of this paragraph and the end of the last)
    topics = frozenset().union(*(t for _, t in recent[-4:])) if recent else frozenset()
    previous, people = state.people.antecedent(sentence, state.previous)
    context = Context(
        previous=previous,
        speaker=speaker,
        quote_spans=tuple(spans),
        topics=topics,
        list_holder=state.list_holder if sent.bullet else None,
        antecedents=state.antecedents,
        continuing=state.continuing,
        proposal=state.proposal,
        plan=state.plan[0] if state.plan and state.plan[1] >= sent.paragraph - 1 else None,
        titled=people.titled,
    )
    present = rules.anchors_in(sentence.casefold(), doc.anchors)
    here = topics_here(rules, sentence, present)
    own, found = match_cues(
        rules, sentence, context, here, present, reader=doc.reader, parse=doc.parse
    )
    question, asked_in = state.question, state.question_paragraph
    if sent.paragraph > asked_in + 1:
        question = ()
    after_label = label.end() - 1 if label else 0
    answers = _answered(question, sentence, after_label, speaker, found)
    if answers:
        found, question = found + answers, ()
    asked_alone = state.asked_alone
    if _is_question(sentence):
        asked = _find_cues(rules, sentence, here, context.topics, present)
        toks = tokens(sentence, _find_mentions(rules, sentence), asked)
        # not what it names as a time or a topic: "Will troops go in after a truce?"
        question = tuple((c.issue, c.option, c.sign) for c in asked if not merely_named(toks, c))
        asked_in = sent.paragraph
        if state.interviewee is not None and opens and not label:
            asked_alone = sent.paragraph
    elif sent.paragraph == asked_alone:
        asked_alone = -1  # the question was not a paragraph of its own

    antecedents, age = state.antecedents, state.antecedent_age + 1
    if own:
        antecedents, age = tuple(dict.fromkeys((c.issue, c.option, c.sign) for c in own)), 0
    elif age > 1:
        antecedents = ()
    named = _find_mentions(rules, sentence)
    people = people.note(sentence, named)
    proposal = next((m for m in reversed(named) if names_proposal(m.text)), state.proposal)
    holders = [m for m in found if m.rule.removeprefix("parse:") in _HOLDING_RULES]
    plans = [m for m in found if m.rule != "plan" and names_proposal(m.actor.split(" (")[0])]
    plan = (Mention(0, 0, plans[0].party, plans[0].actor), sent.paragraph) if plans else state.plan
    subject = None
    if holders:
        previous = _holder_mention(holders[0])
    else:
        subject = _subject(rules, sentence, previous)
        if subject is not None:
            previous = subject
    # the next sentence may go on with this one's holder, or with a subject that spoke
    # ("The minister drew attention to …. On that basis, there is no room for …")
    continuing = bool(holders) or (subject is not None and _TRIGGER.search(sentence) is not None)
    list_holder = state.list_holder
    if _LIST_LEAD.search(sentence) and not sent.bullet:
        lead = subject or _subject(rules, sentence, previous)
        if lead is None and _TRIGGER.search(sentence):
            lead = previous  # "What the draft says:" under "a draft drawn up by US negotiators"
        if lead is None and sentence.isupper():
            # a heading over bullets in a fact sheet ("SECURING A DURABLE PEACE:"): the
            # proposal the document presents, else whoever spoke last
            lead = proposal or previous
        if lead is not None:
            list_holder = (
                lead,
                -1 if _OPPOSE.search(sentence) or _NEGATOR.search(sentence) else 1,
            )
    heading = state.heading_speaker
    if _HEADING.fullmatch(sentence.strip()):
        heading = named[0] if named else None
    state = replace(
        state,
        heading_speaker=heading,
        people=people,
        previous=previous,
        recent_topics=(*recent, (sent.paragraph, here)),
        list_holder=list_holder,
        antecedents=antecedents,
        antecedent_age=age,
        continuing=continuing,
        proposal=proposal,
        plan=plan,
        quote_speakers=tuple(speakers.items()),
        question=question,
        question_paragraph=asked_in,
        asked_alone=asked_alone,
    )
    if "\n" in text[s:e]:
        # each cue as written, line break included
        found = [replace(m, cue=text[s + m.cue_start : s + m.cue_end]) for m in found]
    return state, found


def _answered(
    question, sentence: str, start: int, speaker: Mention | None, found: list[Match]
) -> list[Match]:
    """The stances a "Yes." or "No." at ``start`` (after any speaker label) takes on the
    question just asked, held by whoever answers ("Q: Will Oslo accept a truce? ¶ STØRE:
    No. …": Oslo opposes the truce)."""
    answer = _ANSWER.match(sentence, start)
    if not question or answer is None or speaker is None:
        return []
    sign = -1 if answer.group("no") else 1
    word = answer.group("yes") or answer.group("no")
    have = {(m.party, m.issue, m.option, m.polarity) for m in found}
    out = []
    for issue, option, cue_sign in question:
        polarity = "support" if sign * cue_sign > 0 else "oppose"
        if (speaker.party, issue, option, polarity) in have:
            continue
        have.add((speaker.party, issue, option, polarity))
        out.append(
            Match(
                party=speaker.party,
                actor=speaker.text,
                issue=issue,
                option=option,
                polarity=polarity,
                cue=word,
                cue_start=answer.start("answer"),
                cue_end=answer.end("answer"),
                rule="answer to question",
                condition="",
            )
        )
    return out


# A reply that opens with yes or no: "No. …", "Well, yes,"
_ANSWER = re.compile(
    r"\W*(?:(?:so|well|and|but)\s*,?\s+)?"
    r"(?P<answer>"
    r"(?P<no>no|never|not at all|absolutely not|of course not|certainly not|definitely not)"
    r"|(?P<yes>yes|yeah|absolutely|of course|certainly|definitely|correct|exactly|indeed))"
    r"(?=\s*[.,;!—–])",
    re.IGNORECASE,
)


# the rules whose holder a later "he", "the minister" or a sentence naming nobody goes on with
_HOLDING_RULES = frozenset(
    ["subject", "quote", "attribution", "possessive", "proposal", "provision"]
)


# A "sentence" longer than this is a text without punctuation: it is read in pieces of at
# most this many characters, cut at a space, so time stays linear in its length.
MAX_SENTENCE_CHARS = 3_000


def _capped(text: str, sentences: list[Sentence]) -> list[Sentence]:
    out: list[Sentence] = []
    for sent in sentences:
        start, end = sent.start, sent.end
        if end - start > MAX_SENTENCE_CHARS:
            warnings.warn(
                f"a sentence of {end - start:,} characters at offset {start:,} is read in pieces "
                f"of at most {MAX_SENTENCE_CHARS:,}: is the text missing its punctuation?",
                stacklevel=4,
            )
        while end - start > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
            cut = cut if cut > start else start + MAX_SENTENCE_CHARS
            out.append(sent._replace(start=start, end=cut))
            start = cut + (text[cut : cut + 1] == " ")
        out.append(sent._replace(start=start, end=end))
    return out


@dataclass(frozen=True)
class _People:
    """Who "he" and "she" can mean: the people a document named or referred to, most recent
    last, and the gender a pronoun has shown for each. "She told him …; He was less
    accommodating; She rejected that": when the holder before is known to be "he", a "she"
    goes back to the last person who can be "she". People are known by their surname, so
    "Anna Berg" and "Berg" are one person. Each method returns a new value."""

    rules: Rules
    seen: tuple[Mention, ...] = ()
    gender: tuple[tuple[str, str], ...] = ()  # (surname, "m" or "f")
    persons: frozenset[str] = frozenset()
    titled: tuple[tuple[str, Mention], ...] = ()  # ("prime minister", mention), latest last

    _GENDER = re.compile(r"\b(?:(?P<m>he|him|his)|(?P<f>she|her|hers))\b", re.IGNORECASE)

    @classmethod
    def of(cls, rules: Rules) -> _People:
        return cls(rules, persons=frozenset(rules.people_party))  # and "President Trump"

    def _touch(self, m: Mention, gender: dict[str, str] | None = None) -> _People:
        key = _surname(m.text)
        seen = (*(x for x in self.seen if _surname(x.text) != key), m)
        g = self.gender if gender is None else tuple(gender.items())
        return replace(self, seen=seen, gender=g)

    def note(self, sentence: str, mentions: list[Mention]) -> _People:
        """Remember the people among ``mentions`` (the sentence's), most recent last."""
        out = self
        for m in mentions:
            before = sentence[max(0, m.start - 25) : m.start]
            if m.kind == "name" and (_PERSON_TITLE.search(before) or _given_name(before)):
                out = replace(out, persons=out.persons | {m.text})
            keys = titles_of(sentence, m.start, m.end) if m.kind == "name" else []
            if keys:
                person = Mention(0, 0, m.party, m.text, "name")
                kept = tuple(t for t in out.titled if t[0] not in keys)
                out = replace(out, titled=(*kept, *((k, person) for k in keys)))
            if m.text in out.persons:
                out = out._touch(m)
        return out

    def antecedent(self, sentence: str, previous: Mention | None) -> tuple[Mention | None, _People]:
        """Whom a "he" or "she" in ``sentence`` most likely means (else ``previous``)."""
        found = self._GENDER.search(sentence)
        if found is None or previous is None:
            return previous, self
        g = "m" if found.group("m") else "f"
        gender = dict(self.gender)
        name = _root_name(previous.text)
        if name in self.persons and gender.get(_surname(name), g) == g:
            gender[_surname(name)] = g
            return previous, self._touch(Mention(0, 0, previous.party, name, "name"), gender)
        for m in reversed(self.seen):
            key = _surname(m.text)
            if m.text != name and gender.get(key, g) == g:
                gender[key] = g
                return m, self._touch(m, gender)
        return previous, self


# a given name right before a name makes it a person's ("Ivan Petrov"), not a place's
_GIVEN_NAME = re.compile(r"(?:^|[\s(\"“])([A-Z][a-z]+)\s+$")


def _given_name(before: str) -> bool:
    found = _GIVEN_NAME.search(before)
    return found is not None and found.group(1) not in lx.NOT_GIVEN_NAMES


_PERSON_TITLE = re.compile(
    r"\b(?:President|Mr|Mrs|Ms|Dr|Sir|Dame|Chancellor|Minister|Secretary|Premier|envoy"
    r"|spokes(?:man|woman|person)|negotiator)\.?\s+(?:[A-Z]\w+\s+)?$"
)


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _root_name(actor: str) -> str:
    """ "She (He (Ilse Vermeulen))" -> "Ilse Vermeulen"."""
    return actor.rsplit("(", 1)[-1].rstrip(")").strip()


def _holder_mention(m: Match) -> Mention:
    """The holder of ``m`` as a mention a later pronoun can refer to ("He (Zelenskyy)")."""
    name = m.actor.split(" (")[-1].rstrip(")") if "(" in m.actor else m.actor
    return Mention(0, 0, m.party, name)


def _subject(rules: Rules, sentence: str, previous: Mention | None = None) -> Mention | None:
    """The party a later "he" or "the minister" most likely means: the first named as the
    subject of a stance verb, else the first named outside a prepositional phrase. Titles
    and pronouns count ("The leaders reaffirm …" keeps the leaders of the sentence before)."""
    mentions = _resolve_references(
        sentence, _find_mentions(rules, sentence), Context(previous=previous)
    )
    if not mentions:
        return None
    toks = tokens(sentence, mentions, [])
    eligible = [
        k
        for k, t in enumerate(toks)
        if t.kind == "M"
        and _eligible(toks, k)
        and not (k > 0 and toks[k - 1].text.lower() in _TEMPORAL_WORDS)
    ]
    for k in eligible:
        rest = toks[k + 1 : k + 6]
        if any(r.kind == "T" for r in rest) and not _possessive(toks, k, sentence):
            return toks[k].mention
    # "after Russia's invasion, Zelenskyy addressed the nation": a name that is not a
    # possessive is the likelier subject
    plain = [k for k in eligible if not _possessive(toks, k, sentence)]
    if plain:
        return toks[plain[0]].mention
    if eligible:
        return toks[eligible[0]].mention
    # nobody in subject position yet, and nobody before: the first party named still beats
    # none for a later "the leaders" or "they"
    return mentions[0] if previous is None else None


_HEARSAY_LABELS = frozenset(["claim", "the claim", "myth", "rumour", "rumor", "false claim"])
# a fact-check's numbered claim: "**Claim 2 — a minister, 3 May:** …"
_CLAIM = re.compile(
    r"^\W*(?:the |false )?(?:claim|myth|rumou?r) ?(?:#?\d+|[IVX]+)\s*[:—–-]", re.IGNORECASE
)
_TEMPORAL_WORDS = frozenset(["after", "before", "since", "during", "until", "following"])


READERS = ("rules", "parse", "both")
# word order, corrected and completed by the parse: better than either alone on every
# held-out set (README, "How good is the extraction?")
DEFAULT_READER = "both"


def extract(
    documents: pd.DataFrame,
    codebook: Codebook,
    *,
    reader: str = DEFAULT_READER,
    n_process: int = 1,
) -> pd.DataFrame:
    """The statements table: one row per distinct (sentence, party, issue, option, polarity).

    Parameters
    ----------
    documents:
        As returned by :func:`~toolkit.sources.load_documents`.
    codebook:
        As returned by :func:`~toolkit.codebook.load_codebook`.
    reader:
        Who reads the holder of each cue: ``"rules"`` (word order), ``"parse"`` (the
        dependency parse, :mod:`toolkit.attribute`) or ``"both"`` (word order, corrected
        and completed by the parse; the default). See :func:`toolkit.match.match_cues`.
    n_process:
        Processes to share the documents among (one per core); the output is the same.

    Returns
    -------
    DataFrame with columns :data:`~toolkit.schema.STATEMENT_COLUMNS` plus ``rule``,
    ``cue_start`` and ``cue_end`` (document offsets of the cue). ``quote`` is the sentence,
    and ``text[start:end] == quote``. Rows are sorted by document, sentence and cue.

    Examples
    --------
    >>> from toolkit import load_codebook, documents_from_texts
    >>> docs = documents_from_texts({"d1": "Moscow rejected a ceasefire. Kyiv wants one."})
    >>> extract(docs, load_codebook())[["party", "issue", "option", "polarity"]]  # doctest: +NORMALIZE_WHITESPACE
      party     issue           option polarity
    0    RU  ceasefire  ceasefire_first   oppose
    """
    documents = _check.frame(documents, "documents", DOCUMENT_COLUMNS)
    codebook = _check.codebook(codebook)
    if reader not in READERS:
        raise ArgumentError(
            f"reader={_check.shown(reader)} is not a reader",
            fix=f"choose one of {', '.join(READERS)}",
        )
    if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process < 1:
        raise ArgumentError(
            f"n_process={_check.shown(n_process)} is not a number of processes",
            fix="give a whole number, 1 or more",
        )
    docs = [
        (d.doc_id, d.date, d.text, getattr(d, "title", ""))
        for d in documents.itertuples(index=False)
    ]
    if n_process == 1 or len(docs) < 2:
        rows = _rows(docs, codebook, reader)
    else:
        import concurrent.futures
        import multiprocessing

        n = min(n_process, len(docs))
        chunks = [docs[k::n] for k in range(n)]  # any split: rows are sorted at the end
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        with concurrent.futures.ProcessPoolExecutor(n, mp_context=context) as pool:
            parts = pool.map(_rows, chunks, [codebook] * n, [reader] * n)
            rows = [row for part in parts for row in part]
    columns = [*STATEMENT_COLUMNS, "rule", "cue_start", "cue_end"]
    frame = pd.DataFrame(rows, columns=columns)
    return _typed(frame, codebook)


def _rows(docs: list[tuple], codebook: Codebook, reader: str) -> list[tuple]:
    """The statement rows of ``docs`` (``(doc_id, date, text, title)`` each)."""
    nlp = load_parser() if reader != "rules" else None
    texts = [text if isinstance(text, str) else "" for _, _, text, _ in docs]
    titles = [title if isinstance(title, str) else "" for *_, title in docs]
    rows = []
    read = _read(texts, rules_for(codebook), reader, nlp, titles)
    for (doc_id, date, _, _), text, found in zip(docs, texts, read, strict=True):
        for index, sent, matches in found:
            for m in matches:
                rows.append(
                    (
                        doc_id,
                        date,
                        index,
                        m.party,
                        m.actor,
                        m.issue,
                        m.option,
                        m.polarity,
                        codebook.position(m.issue, m.option),
                        m.cue,
                        m.condition,
                        text[sent.start : sent.end],
                        sent.start,
                        sent.end,
                        m.rule,
                        sent.start + m.cue_start,
                        sent.start + m.cue_end,
                    )
                )
    return rows


def _typed(frame: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    frame["date"] = pd.to_datetime(frame["date"])
    frame["party"] = pd.Categorical(frame["party"], categories=list(codebook.party_keys))
    frame["issue"] = pd.Categorical(frame["issue"], categories=list(codebook.issue_keys))
    options = list(dict.fromkeys(o.key for i in codebook.issues for o in i.options))
    frame["option"] = pd.Categorical(frame["option"], categories=options)
    frame["polarity"] = pd.Categorical(frame["polarity"], categories=["support", "oppose"])
    frame["position"] = frame["position"].astype(float)
    for col in ("sentence", "start", "end", "cue_start", "cue_end"):
        frame[col] = frame[col].astype(np.int64)
    for col in ("doc_id", "actor", "cue", "condition", "quote", "rule"):
        frame[col] = frame[col].astype(object)
    frame = frame.sort_values(
        ["doc_id", "sentence", "cue_start", "party", "issue", "option", "polarity"], kind="stable"
    ).reset_index(drop=True)
    return check_columns(frame, STATEMENT_COLUMNS, "statements")
