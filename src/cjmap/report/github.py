"""GitHub Actions: a workflow command per finding, which GitHub turns into an annotation on the
file and line of the pull request, then the plain text report for the job log.

GitHub shows only the first annotations of each kind (10 per step, 50 per job), and the runner
hides workflow commands from the log, so the text report is what a reader of the log sees.
"""

from collections.abc import Sequence
from typing import TextIO

from cjmap.diagnostics import Diagnostic, FileReport, Severity
from cjmap.report import text
from cjmap.report.locations import is_file, relative_path
from cjmap.report.style import printable

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """The escaping of a command's message (``toolkit/packages/core/src/command.ts``); the
    other control characters of a map are shown as pictures, as in every terminal report, so
    that none acts on the job log."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    """The escaping of a command's ``key=value`` properties: ``:`` and ``,`` separate them."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(diagnostic: Diagnostic) -> str:
    properties: dict[str, str | int] = {}
    if is_file(diagnostic.path):
        span = diagnostic.span
        properties = {"file": relative_path(diagnostic.path), "line": span.line,
                      "col": span.column, "endLine": span.end_line,
                      "endColumn": span.end_column}
    properties["title"] = f"cjmap {diagnostic.code}"
    message = diagnostic.message + ("\n" + text.labelled_hint(diagnostic.hint)
                                  if diagnostic.hint else "")
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[diagnostic.severity]} {listed}::{escape_data(message)}"


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool, fail_on: Severity) -> None:
    for file_report in reports:
        for diagnostic in file_report.diagnostics:
            stream.write(annotation(diagnostic) + "\n")
    text.report(reports, stream, command=command, quiet=quiet, fail_on=fail_on)
