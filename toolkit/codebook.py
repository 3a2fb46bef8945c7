"""The codebook: parties, issues, stance options and the cue patterns that find them.

The codebook is data (``data/codebook.yaml``); this module reads it into small frozen
objects and refuses anything it does not understand, naming the YAML path and line::

    >>> from toolkit import load_codebook
    >>> cb = load_codebook()                       # the project's default codebook
    >>> cb.issue("territory").option("cede_donbas").position
    100.0

Nothing here knows about any particular negotiation: a codebook for another one works the
same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import _check, _yaml
from ._read import CODEBOOK, read_text
from .errors import CodebookError

__all__ = ["DEFAULT_CODEBOOK", "Codebook", "Issue", "Option", "Party", "load_codebook"]

#: The project's codebook, next to the package in a source checkout.
DEFAULT_CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "codebook.yaml"

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_SCALES = ("ordinal", "none")


@dataclass(frozen=True)
class Party:
    """A negotiating party and the words that name it in a text."""

    key: str
    label: str
    color: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capability: float = 1.0
    description: str = ""


@dataclass(frozen=True)
class Option:
    """One stance option of an issue; ``position`` is on the 0–100 scale (None if categorical)."""

    key: str
    label: str
    position: float | None
    patterns: tuple[str, ...] = ()
    context_patterns: tuple[str, ...] = ()
    negative_patterns: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Issue:
    """An issue under negotiation and its stance options."""

    key: str
    label: str
    scale: str
    options: tuple[Option, ...]
    context: tuple[str, ...] = ()
    description: str = ""

    @property
    def ordinal(self) -> bool:
        """True when the options lie on the 0–100 scale."""
        return self.scale == "ordinal"

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.options)

    def option(self, key: str) -> Option:
        """The option called ``key``; ``KeyError`` naming the allowed keys otherwise."""
        for opt in self.options:
            if opt.key == key:
                return opt
        raise KeyError(
            f"issue {self.key!r} has no option {key!r}; options are {list(self.option_keys)}"
        )


@dataclass(frozen=True)
class Codebook:
    """Parties and issues of one negotiation, loaded from YAML by :func:`load_codebook`."""

    name: str
    parties: tuple[Party, ...]
    issues: tuple[Issue, ...]
    version: str = "1"
    scale_low: str = "0"
    scale_high: str = "100"
    description: str = ""
    path: str | None = field(default=None, compare=False)

    @property
    def party_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.parties)

    @property
    def issue_keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.issues)

    def party(self, key: str) -> Party:
        """The party called ``key``; ``KeyError`` naming the allowed keys otherwise."""
        for party in self.parties:
            if party.key == key:
                return party
        raise KeyError(f"unknown party {key!r}; the codebook's parties are {list(self.party_keys)}")

    def issue(self, key: str) -> Issue:
        """The issue called ``key``; ``KeyError`` naming the allowed keys otherwise."""
        for issue in self.issues:
            if issue.key == key:
                return issue
        raise KeyError(f"unknown issue {key!r}; the codebook's issues are {list(self.issue_keys)}")

    def position(self, issue: str, option: str) -> float | None:
        """Scale position of ``option`` on ``issue`` (None for a categorical issue)."""
        return self.issue(issue).option(option).position

    def other_option(self, issue: str, option: str) -> str | None:
        """For a two-option issue, the option that opposing ``option`` supports; else None."""
        keys = self.issue(issue).option_keys
        if len(keys) != 2:
            return None
        return keys[1] if keys[0] == option else keys[0]

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(
            f"<tr><td>{escape(i.key)}</td><td>{escape(i.label)}</td>"
            f"<td>{escape(', '.join(o.key for o in i.options))}</td></tr>"
            for i in self.issues
        )
        parties = ", ".join(escape(f"{p.key} ({p.label})") for p in self.parties)
        return (
            f"<p><b>{escape(self.name)}</b>: parties {parties}</p>"
            f"<table><tr><th>issue</th><th>label</th><th>options</th></tr>{rows}</table>"
        )


# --------------------------------------------------------------------------- loading


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook YAML file (the project's default when ``path`` is None).

    Raises :class:`~toolkit.errors.CodebookError` naming the file, line and YAML path of the
    first problem found: an unknown or missing key, a position outside 0–100, a pattern that
    is not a valid regular expression, an alias claimed by two parties, and so on.
    """
    path = Path(DEFAULT_CODEBOOK if path is None else _check.path(path, "path"))
    return parse_codebook(read_text(path, CODEBOOK), source=str(path))


def parse_codebook(text: str, *, source: str = "<codebook>") -> Codebook:
    """Validate codebook YAML given as a string; see :func:`load_codebook`."""
    data, lines = _yaml.load(text, source=source, error=CodebookError)
    return _Validator(source, lines).codebook(data)


class _Validator:
    """Walks the parsed YAML, checking each mapping against the schema below."""

    def __init__(self, source: str, lines: dict) -> None:
        self.source = source
        self.lines = lines

    def fail(self, where: tuple, message: str, fix: str) -> CodebookError:
        line = None
        for n in range(len(where), -1, -1):  # the nearest recorded ancestor
            if where[:n] in self.lines:
                line = self.lines[where[:n]]
                break
        return CodebookError(
            message,
            path=self.source,
            line=line,
            location=_yaml.format_location(where) or None,
            fix=fix,
        )

    def mapping(self, value: Any, where: tuple, required: set, optional: set) -> dict:
        if not isinstance(value, Mapping):
            raise self.fail(
                where,
                f"expected a mapping, got {type(value).__name__}",
                "write `key: value` lines here",
            )
        unknown = sorted(set(value) - required - optional)
        if unknown:
            allowed = sorted(required | optional)
            raise self.fail(
                (*where, unknown[0]),
                f"unknown key {_yaml.short(unknown[0])}",
                f"allowed keys here are {allowed}; check the spelling",
            )
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(where, f"missing required key {missing[0]!r}", f"add `{missing[0]}:`")
        return dict(value)

    def text(self, value: Any, where: tuple, *, empty: bool = False) -> str:
        if value is None and empty:
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(where, f"expected text, got {type(value).__name__}", "write a string")
        value = str(value)
        if not value.strip() and not empty:
            raise self.fail(where, "must not be empty", "write a non-empty string")
        return value

    def strings(self, value: Any, where: tuple) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(
                where, f"expected a list, got {type(value).__name__}", "write a `- item` list"
            )
        return tuple(self.text(v, (*where, i)) for i, v in enumerate(value))

    def regexes(self, value: Any, where: tuple, *, together: bool = False) -> tuple[str, ...]:
        """Patterns that compile; with ``together``, also as one ``a|b|c`` alternation."""
        patterns = self.strings(value, where)
        for i, pattern in enumerate(patterns):
            try:
                compiled = re.compile(pattern, re.IGNORECASE)
            # a repeat count too large, or parentheses nested too deep, is not a re.error
            except (re.error, OverflowError, RecursionError, ValueError) as exc:
                raise self.fail(
                    (*where, i),
                    f"invalid regular expression {_yaml.short(pattern)}: {exc}",
                    "fix the pattern (escape literal characters such as ( ) . ? with \\)",
                ) from None
            if compiled.match(""):
                raise self.fail(
                    (*where, i),
                    f"the pattern {_yaml.short(pattern)} matches the empty string",
                    "make it require at least one character",
                )
        for i in range(1, len(patterns) if together else 0):
            try:  # the list is searched as one alternation: flags or group names can clash
                re.compile("|".join(patterns[: i + 1]), re.IGNORECASE)
            except (re.error, OverflowError, RecursionError, ValueError) as exc:
                raise self.fail(
                    (*where, i),
                    f"the pattern {_yaml.short(patterns[i])} cannot be combined with the ones before it: {exc}",
                    "these patterns are tried as one alternation: remove inline flags such as "
                    "(?i) and named groups, or make them distinct",
                ) from None
        return patterns

    def number(self, value: Any, where: tuple, low: float, high: float | None) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            wanted = f"from {low} to {high}" if high is not None else f"of at least {low}"
            raise self.fail(
                where, f"expected a number, got {_yaml.short(value)}", f"write a number {wanted}"
            )
        if value < low or (high is not None and value > high):
            bound = f"{low}–{high}" if high is not None else f">= {low}"
            raise self.fail(where, f"{value} is outside {bound}", f"use a value in {bound}")
        return float(value)

    def key(self, key: Any, where: tuple) -> str:
        if not isinstance(key, str) or not _KEY.match(key):
            raise self.fail(
                where,
                f"invalid key {_yaml.short(key)}",
                "keys start with a letter and use only letters, digits and _",
            )
        return key

    # -- the schema

    def codebook(self, data: Any) -> Codebook:
        if data is None:
            raise self.fail((), "the codebook is empty", "start from data/codebook.yaml")
        top = self.mapping(
            data, (), {"name", "parties", "issues"}, {"version", "description", "scale"}
        )
        low, high = "0", "100"
        if "scale" in top:
            scale = self.mapping(top["scale"], ("scale",), set(), {"low", "high"})
            low = self.text(scale.get("low", low), ("scale", "low"))
            high = self.text(scale.get("high", high), ("scale", "high"))
        parties = self.parties(top["parties"])
        issues = self.issues(top["issues"])
        return Codebook(
            name=self.text(top["name"], ("name",)),
            version=self.text(top.get("version", "1"), ("version",)),
            description=self.text(top.get("description"), ("description",), empty=True),
            scale_low=low,
            scale_high=high,
            parties=parties,
            issues=issues,
            path=self.source,
        )

    def parties(self, value: Any) -> tuple[Party, ...]:
        where = ("parties",)
        if not isinstance(value, Mapping) or not value:
            raise self.fail(where, "expected a mapping of parties", "add at least one party")
        parties = []
        owner: dict[str, tuple[str, tuple]] = {}
        for key, spec in value.items():
            here = (*where, key)
            self.key(key, here)
            spec = self.mapping(
                spec,
                here,
                {"label", "color", "aliases"},
                {"demonyms", "capability", "description"},
            )
            color = self.text(spec["color"], (*here, "color"))
            if not _COLOR.match(color):
                raise self.fail(
                    (*here, "color"), f"invalid colour {_yaml.short(color)}", "write it as #rrggbb"
                )
            aliases = self.strings(spec["aliases"], (*here, "aliases"))
            if not aliases:
                raise self.fail((*here, "aliases"), "no aliases", "list the names of this party")
            demonyms = self.strings(spec.get("demonyms"), (*here, "demonyms"))
            for field_name, names in (("aliases", aliases), ("demonyms", demonyms)):
                for i, name in enumerate(names):
                    folded = name.casefold()
                    if folded in owner and owner[folded][0] != key:
                        other, other_where = owner[folded]
                        raise self.fail(
                            (*here, field_name, i),
                            f"{_yaml.short(name)} is also an alias of party {other!r} "
                            f"({_yaml.format_location(other_where)})",
                            "a name can stand for one party only; remove it from one of them",
                        )
                    owner[folded] = (key, (*here, field_name, i))
            capability = 1.0
            if "capability" in spec:
                capability = self.number(spec["capability"], (*here, "capability"), 0, None)
            parties.append(
                Party(
                    key=key,
                    label=self.text(spec["label"], (*here, "label")),
                    color=color,
                    aliases=aliases,
                    demonyms=demonyms,
                    capability=capability,
                    description=self.text(
                        spec.get("description"), (*here, "description"), empty=True
                    ),
                )
            )
        return tuple(parties)

    def issues(self, value: Any) -> tuple[Issue, ...]:
        where = ("issues",)
        if not isinstance(value, Mapping) or not value:
            raise self.fail(where, "expected a mapping of issues", "add at least one issue")
        issues = []
        for key, spec in value.items():
            here = (*where, key)
            self.key(key, here)
            spec = self.mapping(
                spec, here, {"label", "scale", "options"}, {"description", "context"}
            )
            context = self.regexes(spec.get("context"), (*here, "context"), together=True)
            scale = spec["scale"]
            if (
                scale is None or scale is False
            ):  # YAML reads a bare `none` as a string, `null` as None
                scale = "none"
            if scale not in _SCALES:
                raise self.fail(
                    (*here, "scale"),
                    f"unknown scale {_yaml.short(scale)}",
                    f"use one of {list(_SCALES)}",
                )
            options = self.options(spec["options"], (*here, "options"), scale)
            issues.append(
                Issue(
                    key=key,
                    label=self.text(spec["label"], (*here, "label")),
                    scale=scale,
                    options=options,
                    context=context,
                    description=self.text(
                        spec.get("description"), (*here, "description"), empty=True
                    ),
                )
            )
        return tuple(issues)

    def options(self, value: Any, where: tuple, scale: str) -> tuple[Option, ...]:
        if not isinstance(value, Mapping) or len(value) < 2:
            raise self.fail(where, "an issue needs at least two options", "add its options")
        options = []
        for key, spec in value.items():
            here = (*where, key)
            self.key(key, here)
            spec = self.mapping(
                spec,
                here,
                {"label", "patterns"},
                {"position", "description", "context_patterns", "negative_patterns"},
            )
            position = None
            if scale == "ordinal":
                if "position" not in spec:
                    raise self.fail(
                        here,
                        "missing required key 'position'",
                        "ordinal options need `position:` from 0 to 100",
                    )
                position = self.number(spec["position"], (*here, "position"), 0, 100)
            elif spec.get("position") is not None:
                raise self.fail(
                    (*here, "position"),
                    "a position on an issue with `scale: none`",
                    "remove it, or make the issue `scale: ordinal`",
                )
            options.append(
                Option(
                    key=key,
                    label=self.text(spec["label"], (*here, "label")),
                    position=position,
                    patterns=self.regexes(spec["patterns"], (*here, "patterns")),
                    context_patterns=self.regexes(
                        spec.get("context_patterns"), (*here, "context_patterns")
                    ),
                    negative_patterns=self.regexes(
                        spec.get("negative_patterns"), (*here, "negative_patterns")
                    ),
                    description=self.text(
                        spec.get("description"), (*here, "description"), empty=True
                    ),
                )
            )
        return tuple(options)
