"""Where a key of a TOML file is written: ``tomllib`` gives data without positions, so a problem
in ``pyproject.toml`` [tool.cjmap] is placed by reading the lines again.

Tables (``[a.b]``), arrays of tables (``[[a.b]]``), dotted keys (``a.b = 1``) and inline tables
(``a = { b = 1 }``) are followed; a path that is not written points at its nearest written
ancestor, as in a YAML map.
"""

import re
from typing import Any

from cjmap.diagnostics import Span

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"^\s*(?P<open>\[\[?)\s*(?P<key>{_DOTTED})\s*\]\]?")
_KEY = re.compile(rf"^\s*(?P<key>{_DOTTED})\s*=")
_PARTS = re.compile(_PART)


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part[1:-1] if part[0] in "\"'" else part for part in _PARTS.findall(dotted))


def _common(path: tuple[Any, ...], candidate: tuple[Any, ...]) -> int:
    length = 0
    for mine, theirs in zip(path, candidate, strict=False):
        if mine != theirs:
            break
        length += 1
    return length


def locate(text: str, path: tuple[Any, ...]) -> Span:
    """The span of the key that spells out the longest part of ``path``."""
    best, best_span = 0, Span.point(1, 1)
    table: tuple[Any, ...] = ()
    arrays: dict[tuple[Any, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header["key"])
            if header["open"] == "[[":
                arrays[table] = arrays.get(table, -1) + 1
                table = (*table, arrays[table])
            found, column, width = table, header.start("key"), len(header["key"])
        else:
            key = _KEY.match(line)
            if not key:
                continue
            found, column, width = (*table, *_parts(key["key"])), key.start("key"), \
                len(key["key"])
            found, column, width = _inline(line, key.end(), path, found, column, width)
        length = _common(path, found)
        if length > best and length == len(found):
            best, best_span = length, Span(number, column + 1, number, column + 1 + width)
            if length < len(path) and isinstance(path[length], int) and not header:
                item = _item(line, column + width, path[length])
                if item is not None:
                    best_span = Span(number, item[0] + 1, number, item[1] + 1)
    return best_span


_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'[^']*'""")


def _item(line: str, start: int, index: int) -> tuple[int, int] | None:
    """Where the ``index``-th string of an array written on ``line`` after ``start`` is."""
    items = list(_STRING.finditer(line, start))
    return items[index].span() if index < len(items) else None


def _inline(line: str, start: int, path: tuple[Any, ...], found: tuple[Any, ...],
            column: int, width: int) -> tuple[tuple[Any, ...], int, int]:
    """Follow ``path`` into an inline table on the rest of ``line``."""
    while _common(path, found) == len(found) < len(path) and isinstance(path[len(found)], str):
        name = re.escape(path[len(found)])
        match = re.compile(rf"""(?<![\w"'-])(?P<key>{name}|"{name}"|'{name}')\s*=""").search(
            line, start)
        if match is None:
            break
        found = (*found, path[len(found)])
        column, width, start = match.start("key"), len(match["key"]), match.end()
    return found, column, width
