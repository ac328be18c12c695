"""Diagnostics: one problem found in one file, at one place.

Every check of cjmap (YAML syntax, the format, cross-references, lint rules) reports through this
type, so that every reporter can print any of them.
"""

import os
import re
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

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
    source_line: str | None = field(default=None, compare=False)

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
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


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
        return sum(1 for d in self.diagnostics if d.severity == severity)
