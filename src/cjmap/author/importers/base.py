"""What every importer gives back, and how it says a source is not what it claims to be."""

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class Imported:
    """One journey read from a source, as the plain data of a map (the keys of the format), to
    be written in the canonical style by :func:`cjmap.author.fmt.format_text`."""

    title: str
    data: dict[str, Any]
    # What could not be carried over, each a sentence for standard error (also kept under
    # ``x-import:`` in ``data`` where that keeps information).
    dropped: list[str] = field(default_factory=list)
    # Where in the source the journey starts (for a file holding several), 1-based.
    line: int = 1


class SourceError(Exception):
    """The source is not what it claims to be: a message at ``line``:``column``."""

    def __init__(self, message: str, line: int = 1, column: int = 1,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


@dataclass(frozen=True)
class ImportOptions:
    """What the command line says about how to read a source."""

    format: str  # the ``--from`` name: mermaid, csv, xlsx, ojf
    lang: str = "en"  # the language of the map written (labels, stage names)
    # ``--column NAME=field``: a spreadsheet lane or column the importer does not know, and the
    # map field it holds.
    columns: tuple[tuple[str, str], ...] = ()


class Reader(Protocol):
    """The interface of every importer module (checked by mypy)."""

    SUFFIXES: tuple[str, ...]  # file name endings of the format, e.g. (".mmd", ".md")

    def read(self, data: bytes, name: str, options: ImportOptions) -> list[Imported]:
        """Every journey in ``data`` (the bytes of the file ``name``); raises
        :class:`SourceError` when it holds none or is not of the format."""
        ...
