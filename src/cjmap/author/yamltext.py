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
# In a comment, a line indented by this much is an example in YAML, not prose.
EXAMPLE_INDENT = "  "
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


def flow_scalar(value: Scalar) -> str:
    """``value`` as a scalar inside ``[…]`` or ``{…}``, where ``,[]{}`` end a plain one."""
    if isinstance(value, str) and any(char in value for char in ",[]{}"):
        return json.dumps(value, ensure_ascii=False)
    return scalar(value)


def flow(value: object) -> str:
    """``value`` in flow style, on one line: ``{id: ana, goals: [a, b]}``."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{flow_scalar(key)}: {flow(item)}"
                               for key, item in value.items()) + "}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return flow_scalar(value)  # type: ignore[arg-type]


def compact(data: Mapping[str, object], width: int = WIDTH) -> list[str]:
    """``data`` as block YAML lines, each value in flow style where it fits in ``width``: the
    shape of an example short enough to read in a comment."""
    lines: list[str] = []
    for key, value in data.items():
        _compact(value, f"{scalar(key)}:", 0, width, lines)
    return lines


def _compact(value: object, head: str, indent: int, width: int, lines: list[str]) -> None:
    if isinstance(value, str) or not isinstance(value, Mapping | Sequence):
        lines.append(f"{head} {scalar(value)}")  # type: ignore[arg-type]
    elif not value or len(f"{head} {flow(value)}") <= width:
        lines.append(f"{head} {flow(value)}")
    elif isinstance(value, Mapping):
        lines.append(head)
        for key, item in value.items():
            _compact(item, f"{' ' * (indent + 2)}{scalar(key)}:", indent + 2, width, lines)
    else:
        lines.append(head)
        dash = " " * (indent + 2) + "-"
        for item in value:
            if isinstance(item, Mapping) and item and len(f"{dash} {flow(item)}") > width:
                # The item's first key goes on the dash's line, as block lists write it.
                start = len(lines)
                for key, entry in item.items():
                    _compact(entry, f"{' ' * (indent + 4)}{scalar(key)}:", indent + 4, width,
                             lines)
                lines[start] = f"{dash} {lines[start][indent + 4:]}"
            else:
                _compact(item, dash, indent + 2, width, lines)


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
    """``text`` as comment lines at ``indent``, wrapped to the width maps are written in.

    A line of ``text`` that starts with two spaces is YAML (an example), kept as it is.
    """
    width = max(WIDTH - indent - 2, 40)
    lines = []
    for paragraph in text.split("\n"):
        if paragraph.startswith(EXAMPLE_INDENT):
            lines.append(" " * indent + "# " + paragraph)
            continue
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
