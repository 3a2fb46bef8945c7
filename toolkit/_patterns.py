"""A codebook's regular expressions: placeholders, a check against runaway backtracking, and
matching with a time limit.

Placeholders
    A pattern names parties and places through placeholders, never inline, so that a name is
    declared once in the YAML and every pattern follows it:

    - ``{XX}``: any name of party ``XX`` (its aliases and demonyms); ``{XX.aliases}`` or
      ``{XX.demonyms}``: only those; ``{PARTY}`` (also ``.aliases``, ``.demonyms``): any party;
    - ``{NAME}``: any item of the list ``NAME`` under the codebook's ``lists:``.

    Each expands to an alternation of whole words (``(?<!\\w)(?:…)(?!\\w)``), longest first.
    Aliases keep their case (``US`` is not "us"); demonyms and list items follow the pattern's
    case-insensitivity (a list of places also finds "donbas" in a lowercase post). A literal brace is written ``\\{``.

Backtracking
    A pattern such as ``(a+)+$`` can try exponentially many ways to split a text before it
    fails. :func:`backtracking_risk` refuses, at load time, a repeat that has no upper bound
    around another such repeat. What that static check cannot see (``(a|a)*$``) is stopped at
    match time: :class:`TimedPattern` runs each match with the ``regex`` package's ``timeout``
    and raises a :class:`~toolkit.errors.CodebookError` naming the pattern's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

import regex

from ._yaml import short
from .errors import CodebookError

try:  # Python >= 3.11 names the parser re._parser; older ones sre_parse
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

__all__ = [
    "ANY_PARTY",
    "MATCH_TIMEOUT",
    "TimedPattern",
    "backtracking_risk",
    "expand",
    "placeholders_of",
    "words",
]

#: The placeholder that stands for every party.
ANY_PARTY = "PARTY"
#: The parts of a party a placeholder may name: ``{XX.aliases}``, ``{XX.demonyms}``.
PARTS = ("aliases", "demonyms")
#: Seconds one match of one pattern may take before it is stopped (a cue matches a sentence
#: in microseconds; only runaway backtracking comes near this).
MATCH_TIMEOUT = 1.0

# An escaped character and a character class are skipped, so "\{" and "[{]" stay literal.
_TOKEN = re.compile(
    r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]"
    r"|\{(?P<name>[A-Za-z][A-Za-z0-9_]*)(?:\.(?P<part>[A-Za-z]+))?\}",
    re.DOTALL,
)


def placeholders_of(pattern: str) -> Iterator[re.Match]:
    """The placeholders written in ``pattern`` (matches with groups ``name`` and ``part``)."""
    for m in _TOKEN.finditer(pattern):
        if m.group("name"):
            yield m


def words(case_sensitive: Iterable[str] = (), other: Iterable[str] = ()) -> str:
    """An alternation of whole words, longest first; ``case_sensitive`` ones keep their case."""
    parts = []
    for group, scoped in ((case_sensitive, True), (other, False)):
        names = sorted(set(group), key=lambda w: (-len(w), w))
        if names:
            alternation = "|".join(re.escape(w) for w in names)
            parts.append(f"(?-i:{alternation})" if scoped else alternation)
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


def expand(pattern: str, table: Mapping[str, str]) -> str:
    """``pattern`` with each placeholder replaced by its entry in ``table``.

    ``table`` maps a placeholder's text (``"UA"``, ``"UA.aliases"``, ``"DONBAS_PLACES"``) to a
    regular expression. Raises ``KeyError`` with the first unknown placeholder's text.
    """
    out: list[str] = []
    last = 0
    for m in placeholders_of(pattern):
        key = m.group()[1:-1]
        if key not in table:
            raise KeyError(key)
        out.append(pattern[last : m.start()])
        out.append(table[key])
        last = m.end()
    out.append(pattern[last:])
    return "".join(out)


# --------------------------------------------------------------------------- backtracking

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT)
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", None)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)


def backtracking_risk(pattern: str) -> str | None:
    """The part of ``pattern`` that can backtrack exponentially, or None.

    That is a repeat without an upper bound (``*``, ``+``, ``{2,}``) whose body holds another
    one: ``(a+)+``, ``(?:\\w+\\s*)*``. Possessive repeats and atomic groups never backtrack and
    pass. ``pattern`` must compile with :mod:`re`.
    """
    found = _nested(list(_p.parse(pattern)), outer=False)
    return None if found is None else _show(found)


def _nested(items: Sequence, outer: bool) -> tuple | None:
    """The first unbounded repeat that holds (``outer``: or is inside) another one."""
    for op, arg in items:
        if op in _REPEATS and arg[1] == _c.MAXREPEAT:
            if outer or _nested(list(arg[2]), outer=True) is not None:
                return (op, arg)
        elif op in _REPEATS or op is _POSSESSIVE:  # bounded, or never backtracks
            found = _nested(list(arg[2]), outer)
            if found is not None:
                return found
        else:
            for body in _bodies(op, arg):
                found = _nested(body, outer)
                if found is not None:
                    return found
    return None


def _bodies(op, arg) -> list[list]:
    """The sequences nested in a group, an alternation, an atomic group or a lookaround."""
    if op is _c.SUBPATTERN:
        return [list(arg[-1])]
    if op is _c.BRANCH:
        return [list(b) for b in arg[1]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [list(arg[1])]
    if op is _ATOMIC:
        return [list(arg)]
    return []


def _show(item: tuple) -> str:
    """How :func:`backtracking_risk` names the repeat it found."""
    _op, (low, _high, _body) = item
    quantifier = {0: "*", 1: "+"}.get(low, f"{{{low},}}")
    return f"a group repeated with {quantifier} holds another repeat without an upper bound"


# --------------------------------------------------------------------------- matching


class TimedPattern:
    """A compiled pattern whose every match stops after :data:`MATCH_TIMEOUT` seconds.

    ``pattern`` is the expanded regular expression, ``written`` the text in the codebook and
    ``where`` the :class:`~toolkit.errors.CodebookError` keywords naming its file, line and
    YAML path. A match that runs out of time raises that error instead of hanging.
    """

    __slots__ = ("compiled", "pattern", "where", "written")

    def __init__(self, pattern: str, written: str | None = None, where: Mapping | None = None):
        self.pattern = pattern
        self.written = pattern if written is None else written
        self.where = dict(where or {})
        self.compiled = regex.compile(pattern, regex.IGNORECASE)

    def finditer(self, text: str) -> Iterator[regex.Match]:
        try:
            yield from self.compiled.finditer(text, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._timeout(text) from None

    def match(self, text: str, pos: int) -> regex.Match | None:
        """A match starting at ``pos`` (the text before it still counts for ``\\b``)."""
        try:
            return self.compiled.match(text, pos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._timeout(text) from None

    def search(self, text: str) -> regex.Match | None:
        try:
            return self.compiled.search(text, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise self._timeout(text) from None

    def _timeout(self, text: str) -> CodebookError:
        return CodebookError(
            f"the pattern {short(self.written)} ran for more than {MATCH_TIMEOUT:g} s on one "
            f"sentence of {len(text):,} characters and was stopped",
            fix="simplify it: a repeat that can match the same text in many ways, such as "
            "(a|a)* or (a+)+, backtracks exponentially; make the alternatives distinct",
            **self.where,
        )

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern!r})"
