"""YAML reading that remembers where each value came from and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys; a user who pasted an option twice would
lose one without a word. Here duplicates are an error, and every value's line is recorded
under its path (a tuple of keys and indexes) so validation errors can name the line.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import ToolkitError

Path_ = tuple[str | int, ...]


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
) -> tuple[Any, dict[Path_, int]]:
    """Parse ``text`` and return ``(data, lines)``; ``lines`` maps a path to its 1-based line.

    Raises ``error`` (a :class:`ToolkitError` subclass) for syntax errors and duplicate keys,
    naming ``source`` and the line.
    """
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path_, int] = {}
        data = None if node is None else _build(loader, node, (), lines, source, error, line_offset)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1 + line_offset
        problem = exc.problem or exc.context or "invalid YAML"
        raise error(
            f"YAML syntax error: {problem}",
            path=source,
            line=line,
            fix="check indentation, colons and quotes on that line (quote strings containing ': ' or '#')",
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"YAML error: {exc}", path=source, fix="fix the YAML syntax") from None
    finally:
        loader.dispose()
    return data, lines


def _build(loader, node, path, lines, source, error, offset):
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise error(
                    "a mapping key must be a plain value",
                    path=source,
                    line=key_node.start_mark.line + 1 + offset,
                    location=format_location(path) or None,
                    fix="write keys as plain words",
                )
            key = str(key) if not isinstance(key, str) else key
            if key in out:
                raise error(
                    f"duplicate key {key!r}",
                    path=source,
                    line=key_node.start_mark.line + 1 + offset,
                    location=format_location(path) or None,
                    fix=f"merge the two {key!r} entries into one (YAML keeps only the last)",
                )
            out[key] = _build(loader, value_node, (*path, key), lines, source, error, offset)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, i), lines, source, error, offset)
            for i, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)
