"""People a document introduces: "Kremlin spokesman Dmitry Peskov", "Petro Danyliuk, the
head of Ukraine's border service". Once introduced, the person's full name, surname
and (for transcripts) upper-case surname stand for their party in the rest of the document.

The codebook names the well-known people; articles name many more. These are general
patterns of English news writing (a title with a party before a name, or an apposition
after it), not facts about any negotiation.
"""

from __future__ import annotations

import functools
import re

from . import lexicon as lx

__all__ = ["learn_names"]

# a capital, then letters of any script ("Nausėda", "Støre"), apostrophes and hyphens
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_WORD = r"[" + _UPPER + r"](?:[^\W\d_]|[’'\-])+"
_NAME = r"(?P<name>" + _WORD + r"(?:\s+(?:de |van |von |al-)?" + _WORD + r"){1,2})"
_TITLE = r"(?:" + lx.PERSON_TITLES + r")"


_UNAFFILIATED = re.compile(r"\b(?:(?i:" + _TITLE + r")\s+)+" + _NAME)
_NAMES = re.compile(_NAME)
# How far back a title or a profile looks for its party or its person, in characters (a long
# paragraph, not a whole text in one line: each lookup then costs the same, and reading a
# document stays linear in its length)
_LOOKBACK = 3000


def _paragraph_start(text: str, end: int) -> int:
    """Where the paragraph holding ``text[end - 1]`` starts (after its blank line), looking
    back :data:`_LOOKBACK` characters at most."""
    start = max(0, end - _LOOKBACK)
    found = text.rfind("\n\n", start, end)
    return found + 2 if found >= 0 else start


@functools.lru_cache(maxsize=8)
def _patterns(party_names: str) -> tuple[re.Pattern, ...]:
    party = r"(?<![\w\-])(?P<party>" + party_names + r")(?![\w\-])"
    # one title or several: "Deputy Foreign Minister Serhiy Marchenko"
    title = r"(?:(?i:" + _TITLE + r")\s+)*(?i:" + _TITLE + r")"
    return (
        # "Russia's foreign minister, Sergei Lavrov", "Kremlin spokesman Dmitry Peskov",
        # "Russian Foreign Minister Sergei Lavrov", "EU enlargement policy chief Marta Lindqvist"
        re.compile(party + r"(?:’s|'s)?\s+(?:[\w\-]+,?\s+){0,4}?" + title + r",?\s+" + _NAME),
        # "Petro Danyliuk, the head of Ukraine's State Border Guard Service"
        re.compile(
            _NAME
            + r",\s+(?:(?:the|a|an)\s+)?(?:[\w\-]+\s+){0,3}?"
            + title
            + r"(?:\s+[\w\-]+){0,2}?\s+(?:of|for|at|in)\s+(?:the\s+)?"
            + party
        ),
        # "Anna Kovalenko, Ukraine's chief of staff", "Jean Dupont, a French diplomat"
        re.compile(
            _NAME
            + r",\s+(?:(?:the|a|an)\s+)?(?:(?:former|senior|top|veteran|chief)\s+)?"
            + party
            + r"(?:’s|'s)?\s+(?:[\w\-]+\s+){0,3}?"
            + title
        ),
        # "the deputy trade minister of Russia Oleg Varnikov"
        re.compile(r"\b(?i:" + _TITLE + r")\s+of\s+(?:the\s+)?" + party + r",?\s+" + _NAME),
        # a profile: "Irina Sokolova seldom gives interviews. … Now she is senior adviser at
        # Russia's mission" (the name is matched separately, see learn_names)
        re.compile(
            r"\b(?:[Ss]he|[Hh]e) (?:is|was|has been|serves as|became) (?:now |also )?(?:the )?"
            r"(?:[\w\-]+\s+){0,2}?" + title + r"\s+(?:of|at|in|for)\s+(?:the\s+)?" + party
        ),
        # any party word, for the party named last before an unaffiliated title
        re.compile(party),
    )


@functools.lru_cache(maxsize=8)
def _titled(party_titles: str) -> re.Pattern:
    """A party's own title before a name: "Deputy Secretary of State Jane Roe", where the
    codebook lists "Secretary of State" among a party's names."""
    return re.compile(r"(?<![\w\-])(?P<party>" + party_titles + r")\s+" + _NAME)


def learn_names(text: str, party_of, party_names: str, party_titles: str = "") -> dict[str, str]:
    """Map each person the text introduces with a party to that party's key.

    ``party_of(word)`` gives the party of an alias or demonym (None if it is neither);
    ``party_names`` is a regular expression matching any alias or demonym, ``party_titles``
    one matching the aliases that are titles ("Secretary of State"). A person named
    with a title but no party ("chaired by Deputy Spokesperson Lena Osgood", after "a call hosted by
    the Department of State") takes the party named last before the title, when
    no explicit introduction says otherwise.
    """
    *patterns, profile, anywhere = _patterns(party_names)
    if party_titles:
        patterns = [*patterns, _titled(party_titles)]
    explicit = [
        (m.group("name"), party_of(m.group("party")))
        for pattern in patterns
        for m in pattern.finditer(text)
    ]

    # a profile's "she is senior adviser at Russia's mission" goes to the last full name before
    # it whose surname the text also uses alone (so "Abu Dhabi" is no person)
    @functools.cache
    def used_alone(name: str) -> bool:
        alone = re.findall(r"(?<![\w\-])" + re.escape(name.split()[-1]) + r"(?![\w\-])", text)
        return len(alone) > text.count(name)

    for m in profile.finditer(text):
        before = _NAMES.finditer(text, max(0, m.start() - _LOOKBACK), m.start())
        for candidate in reversed(list(before)):
            if used_alone(candidate.group("name")):
                explicit.append((candidate.group("name"), party_of(m.group("party"))))
                break
    introduced = {name for name, _ in explicit}
    implicit = []
    for m in _UNAFFILIATED.finditer(text):
        if m.group("name") in introduced:
            continue
        # the first party named in the paragraph before the title
        paragraph = _paragraph_start(text, m.start())
        first = anywhere.search(text, paragraph, m.start())
        if first is None and paragraph >= 2 and text.startswith("\n\n", paragraph - 2):
            # else the first party of the paragraph before
            first = anywhere.search(text, _paragraph_start(text, paragraph - 2), paragraph)
        before = [first] if first else []
        # else the party named right after, in the same sentence ("… joins us from Tallinn")
        end = text.find(".", m.end())
        after = anywhere.search(
            text, m.end(), m.end() + 150 if end < 0 else min(end, m.end() + 150)
        )
        if before or after:
            implicit.append((m.group("name"), party_of((before[-1] if before else after).group())))
    names: dict[str, str] = {}
    for name, party in explicit + implicit:
        surname = name.split()[-1]
        known = party_of(name) or party_of(surname)
        if known is not None:
            party = known  # "Volodymyr Zelenskyy": the codebook already knows him
        if party is None:
            continue
        for form in (name, surname, surname.upper()):
            if names.setdefault(form, party) != party:
                names[form] = ""  # two parties claim it: neither gets it
    return {k: v for k, v in names.items() if v}
