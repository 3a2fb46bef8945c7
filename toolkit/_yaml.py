"""YAML reading that remembers where each value came from and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys; a user who pasted an option twice would
lose one without a word. Here duplicates are an error, and every value's line is recorded
under its path (a tuple of keys and indexes) so validation errors can name the line.

Whatever the text, :func:`load` returns or raises the caller's :class:`ToolkitError`
subclass, never PyYAML's or Python's own exceptions: impossible dates (``2025-02-30``),
numbers too long to read, control characters, aliases that contain themselves, nesting too
deep for the parser and aliases that expand into millions of values are all reported with
their line.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import ToolkitError

Path_ = tuple[str | int, ...]

#: Most values a document may expand to through aliases (``&a`` ... ``*a``); a codebook
#: has a few thousand, a "billion laughs" document would have 10**9.
MAX_VALUES = 200_000

_AS_TEXT = {  # the tags an unquoted value gets when it reads as a number or a boolean
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
}
_TAG_NAMES = {
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:binary": "base64 data",
}


def short(value: Any, limit: int = 80) -> str:
    """A value as the user wrote it, quoted, cut to ``limit`` characters.

    Text keeps its backslashes as written (``'\\bNATO\\b'``, not ``repr``'s doubled ones, so a
    regular expression reads as in the codebook); invisible characters are escaped.
    """
    if isinstance(value, str):
        shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
        text = f"'{shown}'"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def format_location(path: Path_) -> str:
    """``("issues", "territory", "patterns", 2)`` -> ``issues -> territory -> patterns[2]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += (" -> " if out else "") + str(part)
    return out


def load(
    text: str,
    *,
    source: str,
    error: type[ToolkitError],
    line_offset: int = 0,
    numbers_as_text: bool = False,
) -> tuple[Any, dict[Path_, int]]:
    """Parse ``text`` and return ``(data, lines)``; ``lines`` maps a path to its 1-based line.

    With ``numbers_as_text``, unquoted numbers and booleans stay the text that was written
    (``id: 010`` is ``'010'``, not 8; ``0x1F`` is not 31; ``no`` is not False): for metadata,
    where a value is a name, not a quantity.

    Raises ``error`` (a :class:`ToolkitError` subclass) for syntax errors, duplicate keys and
    values that cannot be read, naming ``source`` and the line.
    """
    builder = _Builder(source, error, line_offset, numbers_as_text)
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # checks every character before parsing
        node = loader.get_single_node()
        data = None if node is None else builder.build(loader, node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1 + line_offset
        problem = exc.problem or exc.context or "invalid YAML"
        start = exc.context_mark
        if exc.problem and exc.context and start is not None and start.line != mark.line:
            # e.g. an unclosed [ is found lines later: name the line where it was opened
            problem += f" ({exc.context} from line {start.line + 1 + line_offset})"
        raise error(
            f"YAML syntax error: {problem}",
            path=source,
            line=line,
            fix="check indentation, colons and quotes on that line (quote strings containing ': ' or '#')",
        ) from None
    except yaml.reader.ReaderError as exc:
        # a control character: PyYAML reports a character position, we report the line
        line = text.count("\n", 0, max(exc.position, 0)) + 1 + line_offset
        raise error(
            f"control character #x{exc.character:04x} is not allowed in YAML",
            path=source,
            line=line,
            fix="delete it (it is often invisible), or write it as an escape such as "
            '"\\t" inside double quotes',
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", path=source, fix="fix the YAML syntax") from None
    except RecursionError:
        raise error(
            "the YAML is nested too deeply to read",
            path=source,
            fix="flatten the lists and mappings; a codebook needs only a few levels",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, builder.lines


class _Builder:
    """Turns composed nodes into plain dicts, lists and scalars, recording each line."""

    def __init__(
        self, source: str, error: type[ToolkitError], offset: int, numbers_as_text: bool = False
    ) -> None:
        self.source = source
        self.numbers_as_text = numbers_as_text
        self.error = error
        self.offset = offset
        self.lines: dict[Path_, int] = {}
        self.values = 0
        self.open: set[int] = set()  # ids of the collections being built: cycle detection

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def fail(self, node: yaml.Node, path: Path_, message: str, fix: str) -> ToolkitError:
        return self.error(
            message,
            path=self.source,
            line=self.line(node),
            location=format_location(path) or None,
            fix=fix,
        )

    def build(self, loader: yaml.SafeLoader, node: yaml.Node, path: Path_) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.fail(
                node,
                path,
                f"the YAML expands to more than {MAX_VALUES:,} values through aliases",
                "write the values out instead of nesting aliases (*name) inside aliases",
            )
        self.lines[path] = self.line(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(loader, node, path)
        if id(node) in self.open:
            raise self.fail(
                node,
                path,
                "an alias refers to a list or mapping that contains it",
                "an alias (*name) cannot point to its own parent; write the value out",
            )
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(loader, node, path)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(loader, item, (*path, i)) for i, item in enumerate(node.value)]
            raise self.fail(node, path, "unreadable YAML value", "fix the YAML syntax")
        finally:
            self.open.discard(id(node))

    def mapping(self, loader: yaml.SafeLoader, node: yaml.MappingNode, path: Path_) -> dict:
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(
                    key_node,
                    path,
                    "a mapping key must be a plain value",
                    "write keys as plain words",
                )
            key = self.scalar(loader, key_node, path)
            key = key if isinstance(key, str) else str(key)
            if key in out:
                raise self.fail(
                    key_node,
                    path,
                    f"duplicate key {key!r} (first on line {first_line[key]})",
                    "keep one of the two; YAML would silently drop the first",
                )
            first_line[key] = self.line(key_node)
            out[key] = self.build(loader, value_node, (*path, key))
            # an entry is where its key is, even when its value starts on the next line
            self.lines[(*path, key)] = first_line[key]
        return out

    def scalar(self, loader: yaml.SafeLoader, node: yaml.ScalarNode, path: Path_) -> Any:
        if self.numbers_as_text and node.style is None and node.tag in _AS_TEXT:
            return node.value
        try:
            return loader.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise
        # PyYAML's constructors fail on some values with Python's own errors: ValueError for
        # 2025-02-30, IndexError for an empty `!!int`; each is a value that cannot be read
        except Exception as exc:
            what = _TAG_NAMES.get(node.tag, "a value")
            reason = str(exc).split(";")[0].split(":")[0].strip() or type(exc).__name__
            if node.tag == "tag:yaml.org,2002:timestamp":
                fix = "write a real date as YYYY-MM-DD, e.g. 2025-12-03"
            else:
                fix = "put it in quotes to keep it as text"
            raise self.fail(
                node, path, f"{short(node.value)} cannot be read as {what}: {reason}", fix
            ) from None
