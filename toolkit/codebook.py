"""The codebook: parties, issues, stance options and the cue patterns that find them.

The codebook is data (``data/codebook.yaml``); this module checks it against a schema
(pydantic models that refuse unknown keys) and reads it into small frozen objects, naming the
YAML path and line of anything it does not understand::

    >>> from toolkit import load_codebook
    >>> cb = load_codebook()                       # the project's default codebook
    >>> cb.issue("territory").option("cede_donbas").position
    100.0

Patterns name parties and places through placeholders (``{UA}``, ``{PARTY}``, a list under
``lists:``), expanded here when the codebook loads (see :mod:`toolkit._patterns`). Nothing
here knows about any particular negotiation: a codebook for another one works the same way.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal

import regex
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from . import _check, _patterns, _yaml
from ._read import CODEBOOK, read_text
from ._resources import packaged
from .errors import CodebookError

__all__ = ["DEFAULT_CODEBOOK", "Codebook", "Issue", "Option", "Party", "load_codebook"]

#: The project's codebook, next to the package in a source checkout.
DEFAULT_CODEBOOK = packaged("data", "codebook.yaml")

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
    #: Named lists of words (``lists:`` in the YAML) that patterns refer to as ``{NAME}``.
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    path: str | None = field(default=None, compare=False)
    #: Where each pattern was written: its YAML path -> (line, the pattern as written).
    sources: Mapping[tuple, tuple[int | None, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __reduce__(self):  # a read-only mapping does not pickle: send it as a dict
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["sources"] = dict(self.sources)
        return (_rebuild_codebook, (values,))

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

    def locate(self, where: tuple) -> tuple[str, dict]:
        """The pattern written at YAML path ``where``, and the :class:`CodebookError`
        keywords naming its file, line and path (for errors found while matching)."""
        line, written = self.sources.get(where, (None, ""))
        return written, {
            "path": self.path,
            "line": line,
            "location": _yaml.format_location(where) or None,
        }

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


def _rebuild_codebook(values: dict) -> Codebook:
    return Codebook(**{**values, "sources": MappingProxyType(values["sources"])})


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook YAML file (the project's default when ``path`` is None).

    Raises :class:`~toolkit.errors.CodebookError` naming the file, line and YAML path of
    every problem found (the first one, with the others in ``also``): an unknown or missing
    key, a position outside 0–100, a pattern that is not a valid regular expression or could
    backtrack without end, an unknown placeholder, an alias claimed by two parties, and so on.
    """
    path = Path(DEFAULT_CODEBOOK if path is None else _check.path(path, "path"))
    return parse_codebook(read_text(path, CODEBOOK), source=str(path))


def parse_codebook(text: str, *, source: str = "<codebook>") -> Codebook:
    """Validate codebook YAML given as a string; see :func:`load_codebook`."""
    data, lines = _yaml.load(text, source=source, error=CodebookError)
    if data is None:
        _raise([((), "the codebook is empty", "start from data/codebook.yaml")], lines, source)
    try:
        schema = _CodebookSchema.model_validate(data)
    except ValidationError as exc:
        _raise(_schema_problems(exc), lines, source)
    return _Builder(schema, lines, source).codebook()


# --------------------------------------------------------------------------- the schema
#
# Pydantic models check the shape of the YAML: which keys a mapping may and must have, and
# the type of each value. What needs more than one value at a time (an alias claimed by two
# parties, a placeholder naming a list, a pattern that compiles once expanded) is checked by
# _Builder below, which also turns the models into the frozen dataclasses above.

Where = tuple[str | int, ...]
Problem = tuple[Where, str, str]  # where, what is wrong, how to fix it


def _problem(message: str, fix: str) -> PydanticCustomError:
    """A validation error with our own wording, read back by :func:`_schema_problems`."""
    return PydanticCustomError("codebook", "{message}", {"message": message, "fix": fix})


def _kind(value: Any) -> str:
    return {dict: "mapping", type(None): "nothing"}.get(type(value), type(value).__name__)


def _check_key(key: str) -> str:
    if not _KEY.match(key):
        raise _problem(
            f"invalid key {_yaml.short(key)}",
            "keys start with a letter and use only letters, digits and _",
        )
    return key


def _check_color(color: str) -> str:
    if not _COLOR.match(color):
        raise _problem(f"invalid colour {_yaml.short(color)}", "write it as #rrggbb")
    return color


def _none_scale(value: Any) -> Any:
    # YAML reads a bare `none` as a string, but `null` or `~` as None
    return "none" if value is None or value is False else value


Key = Annotated[str, AfterValidator(_check_key)]
Text = Annotated[str, StringConstraints(pattern=r"\S")]
Texts = Annotated[tuple[Text, ...], BeforeValidator(lambda v: () if v is None else v)]
Position = Annotated[float, Field(strict=True, ge=0, le=100, allow_inf_nan=False)]
Capability = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=True)


class _PartySchema(_Schema):
    label: Text
    color: Annotated[str, AfterValidator(_check_color)]
    aliases: Annotated[tuple[Text, ...], Field(min_length=1)]
    demonyms: Texts = ()
    capability: Capability = 1.0
    description: str | None = None


class _OptionSchema(_Schema):
    label: Text
    patterns: Texts
    position: Position | None = None
    context_patterns: Texts = ()
    negative_patterns: Texts = ()
    description: str | None = None


class _IssueSchema(_Schema):
    label: Text
    scale: Annotated[Literal[_SCALES], BeforeValidator(_none_scale)]
    options: Annotated[dict[Key, _OptionSchema], Field(min_length=2)]
    context: Texts = ()
    description: str | None = None


class _ScaleSchema(_Schema):
    low: Text = "0"
    high: Text = "100"


class _CodebookSchema(_Schema):
    name: Text
    parties: Annotated[dict[Key, _PartySchema], Field(min_length=1)]
    issues: Annotated[dict[Key, _IssueSchema], Field(min_length=1)]
    lists: dict[Key, Annotated[tuple[Text, ...], Field(min_length=1)]] = {}
    version: Text = "1"
    scale: _ScaleSchema = _ScaleSchema()
    description: str | None = None


# What an empty mapping or list means where one is required.
_TOO_SHORT = {
    "parties": ("expected a mapping of parties", "add at least one party"),
    "issues": ("expected a mapping of issues", "add at least one issue"),
    "options": ("an issue needs at least two options", "add its options"),
    "aliases": ("no aliases", "list the names of this party"),
    "lists": ("an empty list", "list its words, or remove it"),
}


def _schema_problems(exc: ValidationError) -> list[Problem]:
    """Pydantic's errors in the codebook's words: where, what, and what to do."""
    problems: list[Problem] = []
    unknown_in: set[Where] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if loc and loc[-1] == "[key]":  # an invalid key of a mapping
            loc = loc[:-1]
        kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
        field = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if kind == "codebook":
            problems.append((loc, ctx["message"], ctx["fix"]))
        elif kind == "extra_forbidden":
            unknown_in.add(loc[:-1])
            allowed = sorted(_fields_at(loc[:-1]))
            problems.append(
                (
                    loc,
                    f"unknown key {_yaml.short(loc[-1])}",
                    f"allowed keys here are {allowed}; check the spelling",
                )
            )
        elif kind == "missing":
            key = loc[-1]
            fix = f"add `{key}:`"
            if key == "position":  # pragma: no cover - position is optional in the schema
                fix = "ordinal options need `position:` from 0 to 100"
            problems.append((loc[:-1], f"missing required key {key!r}", fix))
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            problems.append((loc, f"expected a mapping, got {_kind(value)}", _MAPPING_FIX))
        elif kind in ("tuple_type", "list_type"):
            problems.append((loc, f"expected a list, got {_kind(value)}", "write a `- item` list"))
        elif kind == "string_type":
            problems.append((loc, f"expected text, got {_kind(value)}", "write a string"))
        elif kind == "string_pattern_mismatch":
            problems.append((loc, "must not be empty", "write a non-empty string"))
        elif kind == "too_short":
            field = "lists" if loc[:1] == ("lists",) else field
            problems.append((loc, *_TOO_SHORT.get(field, ("must not be empty", "add an item"))))
        elif kind == "literal_error":
            problems.append(
                (loc, f"unknown scale {_yaml.short(value)}", f"use one of {list(_SCALES)}")
            )
        elif kind in ("float_type", "finite_number", "float_parsing"):
            wanted = "from 0 to 100" if field == "position" else "of at least 0"
            problems.append(
                (loc, f"expected a number, got {_yaml.short(value)}", f"write a number {wanted}")
            )
        elif kind in ("greater_than_equal", "less_than_equal"):
            bound = "0–100" if field == "position" else ">= 0"
            problems.append((loc, f"{value} is outside {bound}", f"use a value in {bound}"))
        else:  # pragma: no cover - a pydantic error type not translated above
            problems.append((loc, err["msg"], "check this value against data/codebook.yaml"))
    # A misspelt key is also a missing one: the unknown key alone says what to fix.
    return [
        p for p in problems if not (p[0] in unknown_in and p[1].startswith("missing required key"))
    ]


_MAPPING_FIX = "write `key: value` lines here"


def _fields_at(where: Where) -> set[str]:
    """The keys allowed in the mapping at ``where`` (a path into the codebook)."""
    model: type[BaseModel] = _CodebookSchema
    steps = list(where)
    while steps:
        annotation = model.model_fields[str(steps.pop(0))].annotation
        if typing.get_origin(annotation) is dict:  # a mapping of models: skip its key
            steps.pop(0)
            annotation = typing.get_args(annotation)[1]
        model = annotation
    return {name for name in model.model_fields}


def _raise(problems: list[Problem], lines: dict, source: str) -> typing.NoReturn:
    """Raise a CodebookError for the first problem by line, with the others in ``also``."""

    def error(problem: Problem) -> CodebookError:
        where, message, fix = problem
        return CodebookError(
            message,
            path=source,
            line=_line(lines, where),
            location=_yaml.format_location(where) or None,
            fix=fix,
        )

    errors = sorted((error(p) for p in problems), key=lambda e: (e.line is None, e.line or 0))
    first, *others = errors
    if others:
        first = CodebookError(
            first.message,
            path=first.path,
            line=first.line,
            location=first.location,
            fix=first.fix,
            also=others,
        )
    raise first


def _line(lines: dict, where: Where) -> int | None:
    """The line of ``where``, or of its nearest ancestor that has one."""
    for n in range(len(where), -1, -1):
        if where[:n] in lines:
            return lines[where[:n]]
    return None


# --------------------------------------------------------------------------- building


class _Builder:
    """Checks what the schema cannot, expands placeholders, and builds the dataclasses."""

    def __init__(self, schema: _CodebookSchema, lines: dict, source: str) -> None:
        self.schema = schema
        self.lines = lines
        self.source = source
        self.problems: list[Problem] = []
        self.sources: dict[Where, tuple[int | None, str]] = {}
        self.table = self._placeholders()

    def codebook(self) -> Codebook:
        parties = tuple(self._party(k, s) for k, s in self.schema.parties.items())
        issues = tuple(self._issue(k, s) for k, s in self.schema.issues.items())
        if self.problems:
            _raise(self.problems, self.lines, self.source)
        return Codebook(
            name=self.schema.name,
            version=self.schema.version,
            description=self.schema.description or "",
            scale_low=self.schema.scale.low,
            scale_high=self.schema.scale.high,
            parties=parties,
            issues=issues,
            lists=tuple(self.schema.lists.items()),
            path=self.source,
            sources=MappingProxyType(self.sources),
        )

    def fail(self, where: Where, message: str, fix: str) -> None:
        self.problems.append((where, message, fix))

    # -- parties and lists

    def _placeholders(self) -> dict[str, str]:
        """Each placeholder's text (``UA``, ``UA.aliases``, ``PLACES``) -> its expansion."""
        parties = self.schema.parties
        owner: dict[str, tuple[str, Where]] = {}
        for key, spec in parties.items():
            for field_name in ("aliases", "demonyms"):
                for i, name in enumerate(getattr(spec, field_name)):
                    here = ("parties", key, field_name, i)
                    folded = name.casefold()
                    if folded in owner and owner[folded][0] != key:
                        other, other_where = owner[folded]
                        self.fail(
                            here,
                            f"{_yaml.short(name)} is also an alias of party {other!r} "
                            f"({_yaml.format_location(other_where)})",
                            "a name can stand for one party only; remove it from one of them",
                        )
                    owner.setdefault(folded, (key, here))
        table: dict[str, str] = {}
        everyone = (
            [a for p in parties.values() for a in p.aliases],
            [d for p in parties.values() for d in p.demonyms],
        )
        for key, names in [(k, (p.aliases, p.demonyms)) for k, p in parties.items()] + [
            (_patterns.ANY_PARTY, everyone)
        ]:
            aliases, demonyms = names
            table[key] = _patterns.words(aliases, demonyms)
            table[f"{key}.aliases"] = _patterns.words(aliases)
            if demonyms:
                table[f"{key}.demonyms"] = _patterns.words((), demonyms)
        if _patterns.ANY_PARTY in parties:
            self.fail(
                ("parties", _patterns.ANY_PARTY),
                f"{_patterns.ANY_PARTY!r} is the placeholder for every party",
                "give this party another key",
            )
        for name, items in self.schema.lists.items():
            if name in parties or name == _patterns.ANY_PARTY:
                self.fail(
                    ("lists", name),
                    f"the list {name!r} has the name of a party's placeholder",
                    "rename the list",
                )
            table[name] = _patterns.words((), items)  # in any case, like the pattern
        return table

    def _party(self, key: str, spec: _PartySchema) -> Party:
        return Party(
            key=key,
            label=spec.label,
            color=spec.color,
            aliases=spec.aliases,
            demonyms=spec.demonyms,
            capability=spec.capability,
            description=spec.description or "",
        )

    # -- issues and options

    def _issue(self, key: str, spec: _IssueSchema) -> Issue:
        here = ("issues", key)
        options = tuple(self._option(here, k, s, spec.scale) for k, s in spec.options.items())
        return Issue(
            key=key,
            label=spec.label,
            scale=spec.scale,
            options=options,
            context=self._patterns((*here, "context"), spec.context, together=True),
            description=spec.description or "",
        )

    def _option(self, issue: Where, key: str, spec: _OptionSchema, scale: str) -> Option:
        here = (*issue, "options", key)
        if scale == "ordinal" and spec.position is None:
            self.fail(
                here,
                "missing required key 'position'",
                "ordinal options need `position:` from 0 to 100",
            )
        elif scale != "ordinal" and spec.position is not None:
            self.fail(
                (*here, "position"),
                "a position on an issue with `scale: none`",
                "remove it, or make the issue `scale: ordinal`",
            )
        return Option(
            key=key,
            label=spec.label,
            position=spec.position if scale == "ordinal" else None,
            patterns=self._patterns((*here, "patterns"), spec.patterns),
            context_patterns=self._patterns((*here, "context_patterns"), spec.context_patterns),
            negative_patterns=self._patterns((*here, "negative_patterns"), spec.negative_patterns),
            description=spec.description or "",
        )

    def _patterns(
        self, where: Where, written: tuple[str, ...], *, together: bool = False
    ) -> tuple[str, ...]:
        """The patterns at ``where`` with placeholders expanded; each must compile, match
        something and not backtrack without end. With ``together``, they must also compile
        as one ``a|b|c`` alternation (an issue's context is searched that way)."""
        out: list[str] = []
        for i, pattern in enumerate(written):
            here = (*where, i)
            self.sources[here] = (_line(self.lines, here), pattern)
            expanded = self._pattern(here, pattern)
            if expanded is None:
                continue
            if together and out:
                try:  # flags or group names of two patterns can clash
                    re.compile("|".join([*out, expanded]), re.IGNORECASE)
                except _BAD_PATTERN as exc:
                    self.fail(
                        here,
                        f"the pattern {_yaml.short(pattern)} cannot be combined with the ones "
                        f"before it: {exc}",
                        "these patterns are tried as one alternation: remove inline flags "
                        "such as (?i) and named groups, or make them distinct",
                    )
                    continue
            out.append(expanded)
        return tuple(out)

    def _pattern(self, where: Where, pattern: str) -> str | None:
        """One pattern, expanded and checked; None (and a problem recorded) if it is bad."""
        try:
            expanded = _patterns.expand(pattern, self.table)
        except KeyError as exc:
            name = exc.args[0]
            known = sorted({k.split(".")[0] for k in self.table})
            party, _, part = name.partition(".")
            if f"{party}.aliases" in self.table and part == "demonyms":
                self.fail(
                    where,
                    f"the placeholder {{{name}}} in {_yaml.short(pattern)} names no words: "
                    f"{party} has no demonyms",
                    f"add `demonyms:` to {party}, or write {{{party}}}",
                )
                return None
            self.fail(
                where,
                f"unknown placeholder {{{name}}} in {_yaml.short(pattern)}",
                f"use a party key or a name under `lists:` ({', '.join(known)}), optionally "
                r"with .aliases or .demonyms after a party; write \{ for a literal brace",
            )
            return None
        try:
            compiled = re.compile(expanded, re.IGNORECASE)
            regex.compile(expanded, regex.IGNORECASE)  # the engine that runs it
        # a repeat count too large, or parentheses nested too deep, is not a re.error
        except _BAD_PATTERN as exc:
            self.fail(
                where,
                f"invalid regular expression {_yaml.short(pattern)}: {exc}",
                "fix the pattern (escape literal characters such as ( ) . ? with \\)",
            )
            return None
        if compiled.match(""):
            self.fail(
                where,
                f"the pattern {_yaml.short(pattern)} matches the empty string",
                "make it require at least one character",
            )
            return None
        risk = _patterns.backtracking_risk(expanded)
        if risk is not None:
            self.fail(
                where,
                f"the pattern {_yaml.short(pattern)} can backtrack without end: {risk}",
                "bound the inner repeat (\\w{1,30} instead of \\w+) or remove the outer one; "
                "(a+)+ matches what a+ matches",
            )
            return None
        return expanded


_BAD_PATTERN = (re.error, regex.error, OverflowError, RecursionError, ValueError)
