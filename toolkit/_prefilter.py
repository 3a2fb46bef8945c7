"""Necessary literals of a regular expression, to skip patterns that cannot match.

``anchors(pattern)`` returns a set of lower-case strings such that every match of the
pattern (compiled case-insensitively) contains at least one of them, or None when no such
set of useful length exists. Running a pattern only on text that contains one of its anchors
gives the same matches, faster: a substring test costs far less than a regex scan.
"""

from __future__ import annotations

import re

try:  # Python >= 3.11 names the parser re._parser; older ones sre_parse
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_MIN_LENGTH = 3  # shorter anchors filter too little to be worth a test


def anchors(pattern: str) -> frozenset[str] | None:
    """Strings one of which occurs in every match of ``pattern``; None if none useful."""
    try:
        parsed = _p.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    best = _sequence(list(parsed))
    return frozenset(best) if best else None


def _sequence(items) -> set[str] | None:
    candidates: list[set[str]] = []
    run = ""
    for op, arg in items:
        if op is _c.LITERAL:
            run += chr(arg).lower()
            continue
        if run:
            candidates.append({run})
            run = ""
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: ends the run of literals, takes no text
        found = _item(op, arg)
        if found:
            candidates.append(found)
    if run:
        candidates.append({run})
    good = [c for c in candidates if min(map(len, c)) >= _MIN_LENGTH]
    if not good:
        return None
    # The most selective candidate: longest shortest string, then fewest strings.
    return max(good, key=lambda c: (min(map(len, c)), -len(c)))


def _item(op, arg) -> set[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in arg[1]:
            found = _sequence(list(branch))
            if not found:
                return None
            out |= found
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        low, _high, inner = arg
        if low >= 1:
            return _sequence(list(inner))
        return None
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(arg))
    return None
