"""The report people read in a terminal: each problem with its line of the file and a caret."""

from collections.abc import Sequence
from typing import TextIO

from cjmap.diagnostics import Diagnostic, FileReport
from cjmap.reporters.style import Style, wants_color


def excerpt(diagnostic: Diagnostic, style: Style) -> list[str]:
    """The offending line, numbered, with a caret under the span."""
    if diagnostic.source_line is None:
        return []
    line = diagnostic.source_line.expandtabs(1).rstrip()
    number = str(diagnostic.span.line)
    gutter = " " * len(number)
    start = max(diagnostic.span.column - 1, 0)
    if diagnostic.span.end_line == diagnostic.span.line:
        width = max(diagnostic.span.end_column - diagnostic.span.column, 1)
    else:
        width = max(len(line) - start, 1)
    width = min(width, max(len(line) - start, 1))
    caret = " " * start + "^" * width
    return [
        f"  {style('dim', number + ' |')} {line}",
        f"  {style('dim', gutter + ' |')} {style('caret', caret)}",
    ]


def format_diagnostic(diagnostic: Diagnostic, style: Style) -> list[str]:
    where = f"{diagnostic.path}:{diagnostic.span.line}:{diagnostic.span.column}"
    head = (f"{style('path', where)}: {style(diagnostic.severity, diagnostic.severity)}: "
            f"{diagnostic.message} {style('dim', '[' + diagnostic.code + ']')}")
    lines = [head, *excerpt(diagnostic, style)]
    if diagnostic.hint:
        lines.append(f"  {style('hint', 'hint:')} {diagnostic.hint}")
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(reports: Sequence[FileReport], style: Style) -> str:
    errors = sum(r.count("error") for r in reports)
    warnings = sum(r.count("warning") for r in reports)
    infos = sum(r.count("info") for r in reports)
    failing = sum(1 for r in reports if not r.ok)
    if not errors and not warnings and not infos:
        return style("ok", f"✓ {_plural(len(reports), 'map')} checked, no problems")
    counts = [_plural(errors, "error"), _plural(warnings, "warning")]
    if infos:
        counts.append(_plural(infos, "info"))
    mark = style("error", "✗") if errors else style("warning", "!")
    return f"{mark} {', '.join(counts)} in {failing or len(reports)} of " \
           f"{_plural(len(reports), 'file')}"


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool) -> None:
    style = Style(wants_color(stream))
    first = True
    for file_report in reports:
        for diagnostic in file_report.diagnostics:
            if not first:
                stream.write("\n")
            first = False
            stream.write("\n".join(format_diagnostic(diagnostic, style)) + "\n")
    if not quiet:
        if not first:
            stream.write("\n")
        stream.write(summary(reports, style) + "\n")
