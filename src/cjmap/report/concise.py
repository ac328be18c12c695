"""One line per finding, ``path:line:col: severity [rule-id] message``: for grep, editors'
problem matchers and long runs."""

from collections.abc import Sequence
from typing import TextIO

from cjmap.diagnostics import Diagnostic, FileReport, Severity
from cjmap.report.style import Style, printable, wants_color
from cjmap.report.text import place, summary


def line(diagnostic: Diagnostic) -> str:
    # A message is one line by contract; a stray line break would split the finding in two.
    message = printable(" ".join(diagnostic.message.splitlines()))
    return f"{place(diagnostic)}: {diagnostic.severity} [{diagnostic.code}] {message}"


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool, fail_on: Severity) -> None:
    for file_report in reports:
        for diagnostic in file_report.diagnostics:
            stream.write(line(diagnostic) + "\n")
    if not quiet:
        stream.write(summary(reports, Style(wants_color(stream))) + "\n")
