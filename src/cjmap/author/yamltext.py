"""Commented YAML from plain data, in the block style people write maps in.

PyYAML and ruamel.yaml both dump data, but neither places a comment above a chosen key without
a round trip; a skeleton needs exactly that, and only a handful of types, so it is written here.
"""

from __future__ import annotations

import datetime
import json
import re
import textwrap
from collections.abc import Mapping, Sequence

Path = tuple[str | int, ...]
Scalar = str | int | float | bool | datetime.date | None

WIDTH = 100
# A plain scalar may not start with an indicator, nor hold ': ' or ' #' (a key, a comment).
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVES_TO_OTHER = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?"
    r"|[-+]?\.(?:inf|nan)|0x[0-9a-f]+|0o[0-7]+|\d{4}-\d\d?-\d\d?.*|\d+(?::\d+)+)$",
    re.IGNORECASE,
)


def scalar(value: Scalar) -> str:
    """``value`` as a YAML scalar: plain when it reads back as the same string, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | datetime.date):
        return value.isoformat() if isinstance(value, datetime.date) else repr(value)
    if _plain(value):
        return value
    # A JSON string is a valid YAML double-quoted scalar, with the same escapes.
    return json.dumps(value, ensure_ascii=False)


def _plain(text: str) -> bool:
    return bool(
        text and text == text.strip() and text[0] not in _INDICATORS
        and ": " not in text and " #" not in text and not text.endswith(":")
        and not _RESOLVES_TO_OTHER.match(text)
        and all(char.isprintable() for char in text)
    )


def dump(data: Mapping[str, object], comments: Mapping[Path, str] | None = None,
         *, spaced: bool = True) -> str:
    """``data`` as block YAML; ``comments[path]`` goes above the key at ``path``.

    With ``spaced``, a blank line comes before each commented top-level key, so sections stand
    apart as they do in hand-written maps.
    """
    lines: list[str] = []
    _mapping(data, (), 0, comments or {}, lines, spaced=spaced, first_prefix=None)
    return "\n".join(lines) + "\n"


def comment_lines(text: str, indent: int) -> list[str]:
    """``text`` as comment lines at ``indent``, wrapped to the width maps are written in."""
    width = max(WIDTH - indent - 2, 40)
    lines = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
        lines += [" " * indent + ("# " + line if line else "#") for line in wrapped]
    return lines


def _mapping(data: Mapping[str, object], path: Path, indent: int, comments: Mapping[Path, str],
             lines: list[str], *, spaced: bool, first_prefix: str | None) -> None:
    """Write ``data`` at ``indent``; the first key follows ``first_prefix`` (``- ``) if given."""
    for index, (key, value) in enumerate(data.items()):
        here = (*path, key)
        comment = comments.get(here)
        prefix = " " * indent
        if first_prefix is not None and index == 0:
            prefix = " " * (indent - len(first_prefix)) + first_prefix
        if comment is not None:
            if spaced and not path and lines:
                lines.append("")
            # Above a list item's first key, the comment sits at the dash.
            lines += comment_lines(
                comment, len(prefix) - (len(first_prefix or "") if index == 0 else 0))
        head = f"{prefix}{scalar(key)}:"
        _value(value, here, indent, head, comments, lines)


def _value(value: object, path: Path, indent: int, head: str, comments: Mapping[Path, str],
           lines: list[str]) -> None:
    if isinstance(value, Mapping):
        if not value:
            lines.append(head + " {}")
            return
        lines.append(head)
        _mapping(value, path, indent + 2, comments, lines, spaced=False, first_prefix=None)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        if not value:
            lines.append(head + " []")
            return
        lines.append(head)
        _sequence(value, path, indent + 2, comments, lines)
    else:
        lines.append(f"{head} {scalar(value)}")  # type: ignore[arg-type]


def _sequence(items: Sequence[object], path: Path, indent: int, comments: Mapping[Path, str],
              lines: list[str]) -> None:
    for index, item in enumerate(items):
        here = (*path, index)
        if isinstance(item, Mapping) and item:
            _mapping(item, here, indent + 2, comments, lines, spaced=False, first_prefix="- ")
        elif isinstance(item, Sequence) and not isinstance(item, str):
            raise TypeError("a list directly inside a list has no place in a map")
        else:
            lines.append(f"{' ' * indent}- {scalar(item)}")  # type: ignore[arg-type]
