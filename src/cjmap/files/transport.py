"""File reports as plain tuples: what lint workers send back to the main process.

A thousand maps with tens of findings each make tens of thousands of Diagnostic objects; pickling
them one by one in the workers and unpickling them in the main process costs more than linting
does. Plain tuples of strings and numbers cross the process boundary about eight times faster,
and :func:`report` rebuilds the objects quickly.
"""

from collections.abc import Sequence
from typing import Any

from cjmap.diagnostics import Diagnostic, FileReport, Span

# (line, column, end_line, end_column, code, severity, message, hint, pointer, source_line,
#  source_offset, hidden)
Row = tuple[Any, ...]
Packed = tuple[str, bool, list[Row]]

_new = object.__new__
_new_span = tuple.__new__


def pack(file_report: FileReport) -> Packed:
    return (file_report.path, file_report.unreadable, [
        (*d.span, d.code, d.severity, d.message, d.hint, d.pointer, d.source_line,
         d.source_offset, d.hidden)
        for d in file_report.diagnostics])


def diagnostic(path: str, span: Sequence[int], code: str, severity: str,
               message: str, hint: str | None, pointer: str,
               source_line: str | None, source_offset: int, hidden: int = 0) -> Diagnostic:
    """A Diagnostic made without the frozen dataclass's per-field ``__setattr__``, which
    doubles the time of a run that rebuilds tens of thousands of them."""
    made = _new(Diagnostic)
    made.__dict__.update(path=path, span=_new_span(Span, span), code=code, message=message,
                         severity=severity, pointer=pointer, hint=hint,
                         source_line=source_line, source_offset=source_offset, hidden=hidden)
    return made


def report(packed: Packed) -> FileReport:
    path, unreadable, rows = packed
    return FileReport(path, tuple(
        diagnostic(path, row[:4], row[4], row[5], row[6], row[7], row[8], row[9], row[10],
                   row[11])
        for row in rows), unreadable)
