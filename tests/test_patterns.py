"""A codebook's patterns: the backtracking check, and matches cut off by a time limit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit._patterns import TimedPattern, backtracking_risk, expand, words
from toolkit.errors import CodebookError

from .test_codebook import MINIMAL


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+$", r"(?:\w+\s*)*end", r"(a*)*", r"(?:x|y+)+z", r"(?:a+){2,}", r"q(?=(?:b+)+)"],
)
def test_nested_unbounded_repeats_are_a_risk(pattern):
    assert backtracking_risk(pattern) is not None


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bkeep (?:\w+\W+){0,3}?the land\b",  # the outer repeat is bounded
        r"(?:green |old )*hills",  # the inner parts have no repeat
        r"(?:a+)++",  # possessive: never backtracks
        r"\w+ \w+",
    ],
)
def test_bounded_or_flat_repeats_pass(pattern):
    assert backtracking_risk(pattern) is None


def test_expand_and_words():
    table = {"A": words(["Alpha", "AL"], ["Alphan"]), "HILLS": words(["Redmount"])}
    assert expand(r"\{A} and {A} in {HILLS}", table) == (
        r"\{A} and (?<!\w)(?:(?-i:Alpha|AL)|Alphan)(?!\w) in (?<!\w)(?:(?-i:Redmount))(?!\w)"
    )
    with pytest.raises(KeyError, match="B"):
        expand("{B}", table)
    assert expand("[{A}]{2}", table) == "[{A}]{2}"  # a character class and a count stay


def test_a_match_that_runs_too_long_is_a_codebook_error(monkeypatch):
    import toolkit._patterns as patterns

    monkeypatch.setattr(patterns, "MATCH_TIMEOUT", 0.05)
    where = {"path": "talks.yaml", "line": 7, "location": "issues -> land"}
    slow = TimedPattern(r"(?:a|a)+$", where=where)
    with pytest.raises(CodebookError, match=r"^talks\.yaml:7: issues -> land: the pattern "):
        list(slow.finditer("a" * 60 + "!"))
    with pytest.raises(CodebookError, match=r"was stopped — simplify it"):
        slow.search("a" * 60 + "!")
    assert [m.span() for m in TimedPattern("a+").finditer("baab")] == [(1, 3)]


# Each of these patterns backtracks exponentially on a long run of "a" that ends in "!".
# Without the checks the command would not return; the subprocess timeout turns that into
# a failure instead of a hung test run.
@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            "(a+)+$",  # refused when the codebook loads
            "error: talks.yaml:19: issues -> land -> options -> keep -> patterns[0]: the "
            "pattern '(a+)+$' can backtrack without end: a group repeated with + holds "
            "another repeat without an upper bound — bound the inner repeat",
        ),
        (
            "(?:a|a)+$",  # passes the static check; stopped while matching
            "error: talks.yaml:19: issues -> land -> options -> keep -> patterns[0]: the "
            "pattern '(?:a|a)+$' ran for more than 1 s on one sentence of 73 characters and "
            "was stopped — simplify it",
        ),
    ],
)
def test_a_catastrophic_pattern_cannot_hang_the_program(tmp_path, pattern, message):
    (tmp_path / "talks.yaml").write_text(
        MINIMAL.replace("['\\bkeep the land\\b']", f"['{pattern}']"), encoding="utf-8"
    )
    (tmp_path / "doc.txt").write_text("Alpha wants " + "a" * 60 + "!\n", encoding="utf-8")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "toolkit", "extract", "doc.txt", "--codebook", "talks.yaml"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the pattern {pattern!r} hung the program")
    assert proc.returncode == 2
    assert proc.stderr.startswith(message)
    assert proc.stderr.count("\n") == 1
    assert proc.stdout == ""
