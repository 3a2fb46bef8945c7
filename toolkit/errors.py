"""The toolkit's own exceptions.

Every error a user can cause by their input is one of these. Each carries *where* the
problem is (a file, a line, a YAML path such as ``issues -> territory -> options``) and
*how to fix it*, so the command line can print ``error: FILE:LINE: what — fix`` without a
traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

__all__ = [
    "ArgumentError",
    "CodebookError",
    "GoldError",
    "OutputError",
    "ReviewError",
    "SourceError",
    "ToolkitError",
    "printable",
]


def printable(text: object) -> str:
    """``text`` with every non-printable character written as an escape (``\\x1b``, ``\\n``).

    A file name or a source text may hold terminal control sequences (``ESC [2J`` clears the
    screen) or a line break that would split a one-line message; printed through this, they
    show as what they are and do nothing.
    """
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class ToolkitError(Exception):
    """Base class of every error caused by the user's input.

    Parameters
    ----------
    message:
        What is wrong, in one sentence.
    path:
        The file the problem is in, if any.
    line:
        1-based line number in ``path``, if known.
    location:
        A position inside a structured file, e.g. ``parties -> UA -> aliases[3]``.
    fix:
        What the user should do about it.
    also:
        Further problems found in the same input, each an error of its own; ``str()``
        gives one line per problem.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        location: str | None = None,
        fix: str | None = None,
        also: Sequence[ToolkitError] = (),
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.location = location
        self.fix = fix
        self.also = tuple(also)
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        if self.location:
            where += f"{self.location}: "
        text = f"{where}{self.message}"
        if self.fix:
            text += f" — {self.fix}"
        # one line per problem, whatever a file name holds
        return "\n".join(printable(t) for t in [text, *map(str, self.also)])

    def __reduce__(self):  # keep pickling (used by multiprocessing and hypothesis) working
        fields = (self.message, self.path, self.line, self.location, self.fix, self.also)
        return (_rebuild, (type(self), *fields))


def _rebuild(cls, message, path, line, location, fix, also=()):
    return cls(message, path=path, line=line, location=location, fix=fix, also=also)


class CodebookError(ToolkitError):
    """The codebook YAML is malformed or breaks the codebook schema."""


class SourceError(ToolkitError):
    """A source text cannot be read: missing, not UTF-8, binary, bad front-matter or date."""


class GoldError(ToolkitError):
    """A gold-standard CSV is malformed or uses keys the codebook does not define."""


class OutputError(ToolkitError):
    """An output path is unsafe: inside ``seeds/``, equal to an input, or not writable."""


class ReviewError(ToolkitError):
    """A reviews CSV is malformed, or a decision uses keys the codebook does not define."""


class ArgumentError(ToolkitError, TypeError, ValueError):
    """A function of the Python API got an argument it cannot use (wrong type or value).

    It is also a ``TypeError`` and a ``ValueError``, so code written to catch those goes on
    working.
    """


class UnknownKeyError(ArgumentError, KeyError):
    """A party, issue or column name that does not exist; also a ``KeyError``."""
