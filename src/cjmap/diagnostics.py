"""Diagnostics: one problem found in one file, at one place.

Every check of cjmap (YAML syntax, the format, cross-references, lint rules) reports through this
type, so that every reporter can print any of them.
"""

import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 3, "warning": 2, "info": 1}


def fails(severity: Severity, fail_on: Severity) -> bool:
    """Whether a finding of ``severity`` fails a run whose threshold is ``fail_on``."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]


class Span(NamedTuple):
    """A region of a file; lines and columns count from 1, columns in characters, end exclusive.

    A tuple, because the loader makes one for every node of every file.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> "Span":
        return cls(line, column, line, column + 1)

    def to_dict(self) -> dict[str, int]:
        return self._asdict()


FILE_START = Span.point(1, 1)

# Python keeps the bytes of a file name that the file system's encoding cannot decode as lone
# surrogates (b"caf\xe9" → "caf\udce9"), which no output encoding accepts.
_SURROGATE = re.compile("[\ud800-\udfff]")


def display_path(path: "str | os.PathLike[str]") -> str:
    """``path`` as text to show in reports and drawings: each byte of its name that does not
    decode becomes U+FFFD, so that every output can encode it. Files are still opened by their
    real path; only what is printed changes."""
    name = os.fspath(path)
    return name if name.isascii() else _SURROGATE.sub("\ufffd", name)


@dataclass(frozen=True)
class Diagnostic:
    path: str
    span: Span
    code: str
    message: str
    severity: Severity = "error"
    pointer: str = ""
    hint: str | None = None
    # The part of the line reports show (see :func:`frame`), and where in the line it starts.
    source_line: str | None = field(default=None, compare=False)
    source_offset: int = field(default=0, compare=False)
    # A summary made by :func:`capped`: how many findings of its code it stands for that are
    # not shown. Counted from this, never from the message, which is in the run's language.
    hidden: int = field(default=0, compare=False)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape documented in docs/cli.md."""
        return {
            "path": self.path, **self.span.to_dict(), "code": self.code,
            "severity": self.severity, "message": self.message, "hint": self.hint,
            "pointer": self.pointer,
        }


def json_pointer(path: tuple[Any, ...]) -> str:
    """RFC 6901 pointer for a path of keys and indexes: ``("steps", 2)`` → ``/steps/2``."""
    joined = "/".join(map(str, path))
    # Every finding has one: the common path, whose keys hold no '~' and no '/', is joined in C.
    if path and "~" not in joined and joined.count("/") == len(path) - 1:
        return "/" + joined
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


# A code frame shows at most this many terminal cells of its line around the column: a finding in
# a 30 KB line must not print (nor keep) the whole line, once per finding.
FRAME_WIDTH = 120
_BEFORE = FRAME_WIDTH // 3


def _char_cells(char: str) -> int:
    import unicodedata

    return (0 if unicodedata.combining(char) or char in "\u200d\ufe0f"
            else 2 if unicodedata.east_asian_width(char) in "WF" else 1)


def even(text: str) -> bool:
    """Whether each character of ``text`` takes one terminal cell (so that its length is its
    width): asked of each distinct character once."""
    return text.isascii() or all(_char_cells(char) == 1 for char in set(text)
                                 if not char.isascii())


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes: wide characters (CJK, most emoji) take two,
    combining marks and joiners none, so the caret lands under them."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(char) for char in text)


def frame(line: str, column: int) -> tuple[str, int]:
    """The part of ``line`` a report shows around ``column`` (1-based), and its offset: the
    character at index ``i`` of the line is at index ``i - offset`` of the part.

    A line wider than :data:`FRAME_WIDTH` cells is cut to that width, a third of it before the
    column, with ``…`` where it was cut.
    """
    # A character takes at most two cells: a line of half the width fits without counting.
    if 2 * len(line) <= FRAME_WIDTH or (len(line) <= FRAME_WIDTH and cells(line) <= FRAME_WIDTH):
        return line, 0
    caret = min(max(column - 1, 0), len(line))
    near = line[max(caret - FRAME_WIDTH, 0):caret + FRAME_WIDTH]
    width: Callable[[str], int] = (lambda char: 1) if near.isascii() else _char_cells
    start = end = caret
    used = 0
    while start > 0 and used + width(line[start - 1]) <= _BEFORE:
        start -= 1
        used += width(line[start])
    while end < len(line) and used + width(line[end]) <= FRAME_WIDTH:
        used += width(line[end])
        end += 1
    while start > 0 and used + width(line[start - 1]) <= FRAME_WIDTH:  # near the line's end
        start -= 1
        used += width(line[start])
    part = line[start:end] + ("…" if end < len(line) else "")
    return ("…" + part, start - 1) if start else (part, 0)


def source_frame(lines: Sequence[str], line: int, column: int) -> tuple[str | None, int]:
    """The code frame of the place ``line``:``column`` of a file of ``lines``."""
    if 0 < line <= len(lines):
        return frame(lines[line - 1], column)
    return None, 0


# At most this many findings of one code are reported per file; the rest are counted in one
# finding. 10,000 copies of one mistake tell no more than 100 do, and cost a report of
# hundreds of MB.
MAX_PER_CODE = 100
T = TypeVar("T")


def more_message(count: int, code: str) -> str:
    from cjmap.i18n import ngettext

    return ngettext("{count} more '{code}' finding in this file not shown",
                    "{count} more '{code}' findings in this file not shown", count).format(
        count=count, code=code)


def hidden(diagnostic: "Diagnostic") -> int:
    """How many findings a finding made by :func:`capped` stands for that are not shown: its
    ``hidden`` count, set by the ``more`` of :func:`capped` (the message, translated, is not
    parsed back)."""
    return diagnostic.hidden


def capped(items: list[T], code: Callable[[T], str], more: Callable[[T, int], T]) -> list[T]:
    """``items`` (in order) with at most :data:`MAX_PER_CODE` of each code: the first item
    over the limit becomes ``more(item, count)``, ``count`` being how many are not shown; the
    others are left out."""
    if len(items) <= MAX_PER_CODE:
        return items
    totals = Counter(code(item) for item in items)
    if max(totals.values()) <= MAX_PER_CODE:
        return items
    seen: Counter[str] = Counter()
    kept = []
    for item in items:
        key = code(item)
        seen[key] += 1
        if seen[key] <= MAX_PER_CODE:
            kept.append(item)
        elif seen[key] == MAX_PER_CODE + 1:
            kept.append(more(item, totals[key] - MAX_PER_CODE))
    return kept


def sort_key(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return (diagnostic.span.line, diagnostic.span.column, diagnostic.code)


@dataclass(frozen=True)
class FileReport:
    """What checking one file found. ``unreadable`` files (missing, unreadable, or one cjmap
    failed on) make the run exit 2."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    unreadable: bool = False

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def count(self, severity: Severity) -> int:
        """How many findings of ``severity`` the file has, those not shown included."""
        return sum(hidden(d) or 1 for d in self.diagnostics if d.severity == severity)
