"""Reporters turn file reports into output; ``REPORTERS`` maps each ``--format`` name to one."""

from collections.abc import Callable, Sequence
from typing import Protocol, TextIO

from cjmap.diagnostics import FileReport


class Reporter(Protocol):
    def __call__(self, reports: Sequence[FileReport], stream: TextIO, *, command: str,
                 quiet: bool) -> None: ...


def _text() -> Reporter:
    from cjmap.reporters.text import report

    return report


def _json() -> Reporter:
    from cjmap.reporters.jsonreport import report

    return report


# Each reporter's module is imported only when its format is asked for.
REPORTERS: dict[str, Callable[[], Reporter]] = {"text": _text, "json": _json}
