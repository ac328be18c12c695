"""The checks a formatted text passes before it may replace the original.

Whatever the formatter does, what it writes must read back, with the fast loader, to the same
data, keep every comment (the same texts, as many times), and keep every ``# cjmap:`` suppression
on the node or line it silences. A text that fails any of these is never written: the problem
is reported instead, as a bug of the formatter, with the file left as it was.
"""

import math
from collections import Counter
from datetime import date, datetime
from typing import Any

from cjmap.author.tree import Source, scan
from cjmap.diagnostics import json_pointer
from cjmap.parse.document import Document, Path
from cjmap.parse.yamlfast import YamlError, parse


def comments(text: str) -> list[str]:
    """Every comment of ``text``, in order (``text`` must be valid YAML)."""
    return Source(text, scan(text)).all_comments


def difference(old: Any, new: Any, path: Path = ()) -> Path | None:
    """The first path where ``old`` and ``new`` differ, types included (``1`` is not ``1.0``
    nor ``True``), or None when they are the same data."""
    if type(old) is not type(new):
        return path
    if isinstance(old, dict):
        if list(old) != list(new) and set(old) != set(new):
            missing = next((key for key in old if key not in new),
                           next(key for key in new if key not in old))
            return (*path, missing)
        for key in old:
            found = difference(old[key], new[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(old, list):
        if len(old) != len(new):
            return path
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found = difference(a, b, (*path, index))
            if found is not None:
                return found
        return None
    if isinstance(old, float) and math.isnan(old):
        return None if math.isnan(new) else path
    if isinstance(old, (datetime, date)) and old != new:
        return path
    return None if old == new else path


def _suppressions(text: str, document: Document) -> list[tuple[Any, ...]]:
    """What each directive silences: a node (and what is below it), or the nodes that start
    on its line."""
    from cjmap.lint.suppressions import find

    return [(d.kind, d.word, d.rules and [rule for rule, _ in d.rules],
             _starting_on(d.line, document) if d.kind == "line" else d.node)
            for d in find(text, document)]


def _starting_on(line: int, document: Document) -> frozenset[Path]:
    return frozenset(path for path, span in document.values.items()
                     if document.keys.get(path, span)[0] == line)


def _still_silence(before: list[tuple[Any, ...]], after: list[tuple[Any, ...]]) -> bool:
    """Each directive, wherever the reordering took it, silences what it did: a line
    directive may come to share its line with more nodes (a key moved up to the line of its
    dash), never with fewer; any other directive keeps its node."""
    unmatched = list(after)
    for old in before:
        match = next((new for new in unmatched if new[:3] == old[:3] and (
            old[3] <= new[3] if old[0] == "line" else old[3] == new[3])), None)
        if match is None:
            return False
        unmatched.remove(match)
    return not unmatched


def problem(original: str, document: Document, formatted: str, *,
            same_data: bool = True) -> str | None:
    """Why ``formatted`` may not replace ``original`` (read as ``document``), or None.

    ``same_data=False`` skips the data comparison, for rewrites (``--upgrade``) that change the
    data on purpose and are checked against the validated map instead.
    """
    try:
        reread = parse(formatted)
    except YamlError as error:
        return (f"the formatted text would not be valid YAML ({error.message}, line "
                f"{error.span.line})")
    if same_data:
        where = difference(document.data, reread.data)
        if where is not None:
            return f"the formatted text would load to different data at {json_pointer(where)!r}"
    before, after = Counter(comments(original)), Counter(comments(formatted))
    if before != after:
        lost = sum((before - after).values())
        if lost:
            first = next(iter(before - after))
            return f"the formatted text would lose {lost} comment(s), the first {first!r}"
        return "the formatted text would have comments the original does not"
    if not _still_silence(_suppressions(original, document), _suppressions(formatted, reread)):
        return "a '# cjmap:' suppression would no longer silence the node it silences now"
    return None
