"""Split text into sentences with character offsets.

Rules, in order:

- Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (old Mac files).
- A blank line ends a paragraph and a sentence. A single line break ends a sentence when the
  line before ends in terminal punctuation or a colon, when either line is a list item or a
  heading, or when the line before is short (a headline, a timestamp); otherwise it is a
  wrapped line and joins the next.
- ``.``, ``!`` and ``?`` end a sentence when followed by whitespace and then something that can
  start one (a capital, a digit, a quotation mark, a bullet). A closing quotation mark or
  bracket right after the punctuation stays with the sentence it closes.
- Abbreviations ("U.S.", "Jan.", "Dr.", initials such as "J. D.") do not end a sentence.

Every span satisfies ``text[start:end] == sentence`` with surrounding whitespace trimmed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Sentence", "split_sentences"]


class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int
    bullet: bool


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "sen",
        "rep",
        "gov",
        "pres",
        "amb",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "approx",
        "est",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "d.c",
        "a.m",
        "p.m",
        "u.s.a",
        "dept",
        "fig",
        "al",
        "cf",
        "ca",
        "mt",
        "ft",
    ]
)
_BULLET = re.compile(r"[ \t]*(?:[-*•–—]|\d{1,2}[.)])[ \t]+")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")
# A sentence end: terminal punctuation, any closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
# What may start a sentence after the whitespace.
_STARTER = re.compile(r"\s+[\"'“‘«(\[]?[A-Z0-9ÀÁÂÄÉÈÊÎÏÔÖÙÛÜŁŚŻŹĆŃÓ•\-–—*]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_SHORT_LINE = 70
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` as ``(start, end, paragraph, bullet)`` spans.

    >>> text = "Talks resumed. The U.S. envoy said so.\\n\\nNew paragraph"
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['Talks resumed.', 'The U.S. envoy said so.', 'New paragraph']
    """
    out: list[Sentence] = []
    paragraph = 0
    for block_start, block_end, is_bullet, new_paragraph in _blocks(text):
        if new_paragraph and out:
            paragraph += 1
        _split_block(text, block_start, block_end, paragraph, is_bullet, out)
    return out


def _lines(text: str):
    """Yield ``(start, end)`` of each line; a line ends at ``\\n``, ``\\r\\n`` or a lone ``\\r``."""
    pos = 0
    for brk in _LINE_BREAK.finditer(text):
        yield pos, brk.start()
        pos = brk.end()
    yield pos, len(text)


def _blocks(text: str):
    """Yield ``(start, end, bullet, new_paragraph)`` for runs of lines that belong together."""
    block_start = None
    block_end = 0
    bullet = False
    blank_before = True
    prev = ""
    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            if block_start is not None:
                yield block_start, block_end, bullet, blank_before
                blank_before = False
                block_start = None
            blank_before = True
            prev = ""
            continue
        is_bullet = bool(_BULLET.match(line))
        # an indented line under a bullet is the bullet's text, hard-wrapped
        continues = bullet and not is_bullet and line[:1] in (" ", "\t")
        breaks = (
            block_start is not None
            and not continues
            and (
                is_bullet
                or bullet
                or _HEADING.match(line)
                or _HEADING.match(prev)
                or prev.rstrip().endswith((".", "!", "?", ":", "”", '"', "’", "…", ";"))
                or len(prev.strip()) < _SHORT_LINE
            )
        )
        if breaks:
            yield block_start, block_end, bullet, blank_before
            blank_before = False
            block_start = None
        if block_start is None:
            block_start = start
            bullet = is_bullet
        block_end = end
        prev = line
    if block_start is not None:
        yield block_start, block_end, bullet, blank_before


def _split_block(text, start, end, paragraph, bullet, out):
    block = text[start:end]
    cut = 0
    for m in _END.finditer(block):
        stop = m.end()
        if not _STARTER.match(block, stop):
            continue
        if (
            block[m.start()] == "."
            and m.end() - m.start() == 1
            and _is_abbreviation(block, m.start())
        ):
            continue
        _emit(text, start + cut, start + stop, paragraph, bullet, out)
        bullet = False
        cut = stop
    _emit(text, start + cut, end, paragraph, bullet, out)


def _is_abbreviation(block: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(block, max(0, dot - 40), dot)  # a window: not quadratic
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J. D. Vance"
        return True
    return word.lower().rstrip(".") in _ABBREVIATIONS


def _emit(text, start, end, paragraph, bullet, out):
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, paragraph, bullet))
