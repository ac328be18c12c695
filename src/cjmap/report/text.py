"""The report people read in a terminal: each problem with its line of the file and a caret."""

from collections.abc import Sequence
from typing import TextIO

from cjmap.diagnostics import SEVERITIES, Diagnostic, FileReport, Severity, cells
from cjmap.i18n import N_, _, format_number, ngettext
from cjmap.report.style import Style, printable, wants_color


def excerpt(diagnostic: Diagnostic, style: Style) -> list[str]:
    """The offending line (its code frame), numbered, with a caret under the span."""
    if diagnostic.source_line is None:
        return []
    # A tab becomes one space and a control character one picture: indexes stay those of the
    # frame, whose offset is that of the line.
    line = printable(diagnostic.source_line.expandtabs(1).rstrip())
    number = str(diagnostic.span.line)
    gutter = " " * len(number)
    offset = diagnostic.source_offset
    start = min(max(diagnostic.span.column - 1 - offset, 0), len(line))
    if diagnostic.span.end_line == diagnostic.span.line:
        end = max(diagnostic.span.end_column - 1 - offset, start + 1)
    else:
        end = len(line)
    caret = " " * cells(line[:start]) + "^" * max(cells(line[start:end]), 1)
    return [
        f"  {style('dim', number + ' |')} {line}",
        f"  {style('dim', gutter + ' |')} {style('caret', caret)}",
    ]


def place(diagnostic: Diagnostic) -> str:
    return printable(f"{diagnostic.path}:{diagnostic.span.line}:{diagnostic.span.column}")


def labelled_hint(hint: str) -> str:
    """A hint as the plain reports write it after the message, labelled in the reader's
    language."""
    return _("hint:") + " " + hint


def details(diagnostic: Diagnostic, style: Style) -> list[str]:
    """What follows a finding's first line: its line of the file with a caret, and its hint."""
    lines = excerpt(diagnostic, style)
    if diagnostic.hint:
        label = style("hint", _("hint:"))
        lines.append(f"  {label} {printable(diagnostic.hint)}")
    return lines


# The severities as people read them; the machine formats keep the English words.
_SEVERITY_WORDS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def severity_word(severity: str) -> str:
    return _(_SEVERITY_WORDS[severity])


def format_diagnostic(diagnostic: Diagnostic, style: Style) -> list[str]:
    head = (f"{style('path', place(diagnostic))}: "
            f"{style(diagnostic.severity, severity_word(diagnostic.severity))}: "
            f"{printable(diagnostic.message)} {style('dim', '[' + diagnostic.code + ']')}")
    return [head, *details(diagnostic, style)]


def _count(count: int, severity: str) -> str:
    if severity == "error":
        text = ngettext("{count} error", "{count} errors", count)
    elif severity == "warning":
        text = ngettext("{count} warning", "{count} warnings", count)
    else:
        text = ngettext("{count} info", "{count} infos", count)
    return text.format(count=format_number(count))


def summary(reports: Sequence[FileReport], style: Style) -> str:
    errors = sum(r.count("error") for r in reports)
    warnings = sum(r.count("warning") for r in reports)
    infos = sum(r.count("info") for r in reports)
    with_findings = sum(1 for r in reports if r.diagnostics)
    if not errors and not warnings and not infos:
        checked = ngettext("{count} map checked, no problems", "{count} maps checked, no problems",
                           len(reports)).format(count=format_number(len(reports)))
        return style("ok", f"✓ {checked}")
    counts = [_count(errors, "error"), _count(warnings, "warning")]
    if infos:
        counts.append(_count(infos, "info"))
    mark = style("error", "✗") if errors else style("warning", "!")
    where = ngettext("{counts} in {with_findings} of {count} file",
                     "{counts} in {with_findings} of {count} files", len(reports)).format(
        counts=", ".join(counts), with_findings=format_number(with_findings),
        count=format_number(len(reports)))
    return f"{mark} {where}"


def _counts(file_report: FileReport) -> str:
    counts = [_count(file_report.count(severity), severity)
              for severity in SEVERITIES if file_report.count(severity)]
    return ", ".join(counts)


def format_file(file_report: FileReport, style: Style) -> list[str]:
    """One file's findings under a header, each as ``path:line:col  severity  rule  message``
    (places and severities padded so the rule ids line up; padding the rule ids too would push
    every message far right for one long id), its source line and its hint."""
    diagnostics = file_report.diagnostics
    places = [place(d) for d in diagnostics]
    place_width = max(len(place) for place in places)
    words = {severity: severity_word(severity) for severity in SEVERITIES}
    severity_width = max(len(words[d.severity]) for d in diagnostics)
    counts = style("dim", f"({_counts(file_report)})")
    lines = [f"{style('header', printable(file_report.path))} {counts}"]
    for where, diagnostic in zip(places, diagnostics, strict=True):
        severity = words[diagnostic.severity].ljust(severity_width)
        lines += ["", f"{style('path', where.ljust(place_width))}  "
                      f"{style(diagnostic.severity, severity)}  "
                      f"{style('dim', diagnostic.code)}  "
                      f"{printable(diagnostic.message)}".rstrip()]
        lines += details(diagnostic, style)
    return lines


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool, fail_on: Severity) -> None:
    """``validate`` lists problems one after another; ``lint``, whose runs find many more,
    groups them under a header per file."""
    style = Style(wants_color(stream))
    if command == "validate":
        blocks = [format_diagnostic(d, style) for r in reports for d in r.diagnostics]
    else:
        blocks = [format_file(r, style) for r in reports if r.diagnostics]
    if not quiet:
        blocks.append([summary(reports, style)])
    stream.write("\n\n".join("\n".join(block) for block in blocks) + ("\n" if blocks else ""))
