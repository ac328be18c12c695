"""Linting one file: load and validate it, run the enabled rules, apply its suppressions.

Validation problems come first and are findings too (their codes are the rule ids), so that
``cjmap lint`` reports everything ``cjmap validate`` does. Rules run only on a valid map.
"""

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cjmap.config import Settings
from cjmap.diagnostics import Diagnostic, FileReport, Severity, Span, json_pointer, sort_key
from cjmap.rules.base import Context, Finding

if TYPE_CHECKING:
    from cjmap.transport import Packed


def lint_file(path: Path, settings: Settings, today: date) -> FileReport:
    """The report of one file; a worker process runs this for each file it is given."""
    from cjmap.loader import load

    result = load(path)
    # As for validate: a file that cannot be read is a usage problem (exit 2); one that is too
    # large or not UTF-8 is a map with a problem (exit 1).
    unreadable = any(d.code == "file" for d in result.diagnostics)
    if result.journey is None or result.document is None or result.text is None:
        return FileReport(result.path, tuple(result.diagnostics), unreadable)
    findings = run_rules(Context(result.journey, result.document, result.path, today),
                         result.text, settings)
    lines = result.lines()
    diagnostics = []
    for rule, severity, finding, span in findings:
        # Made with the source line at once: dataclasses.replace on thousands is slow.
        diagnostics.append(Diagnostic(
            result.path, span, rule, finding.message, severity, json_pointer(finding.path),
            finding.hint, lines[span.line - 1] if 0 < span.line <= len(lines) else None))
    return FileReport(result.path, tuple(sorted(diagnostics, key=sort_key)))


def lint_packed(path: Path, settings: Settings, today: date) -> "Packed":
    """:func:`lint_file` for a worker process: the report as plain tuples, quick to send."""
    from cjmap.transport import pack

    return pack(lint_file(path, settings, today))


def run_rules(context: Context, text: str, settings: Settings
              ) -> list[tuple[str, Severity, Finding, Span]]:
    """The findings of the enabled rules that no suppression silences, with their spans."""
    from cjmap import suppressions
    from cjmap.rules import RULES

    enabled = settings.enabled(context.path, {rule: m.SEVERITY for rule, m in RULES.items()})
    directives = suppressions.find(text, context.document)
    silencer = suppressions.Suppressions(directives, enabled, list(RULES))
    kept = []
    # unused-suppression runs last: it reports what the other rules' findings left unused.
    order = sorted(enabled, key=lambda rule: rule == suppressions.UNUSED)
    for rule in order:
        module = RULES[rule]
        options = settings.options(context.path, rule, module.OPTIONS)
        if rule == suppressions.UNUSED:
            context = replace(context, suppressions=silencer)
        for finding in module.check(context, options):
            span = finding.span or context.document.locate(finding.path, key=finding.key)
            if not (directives and silencer.silenced(rule, span.line, finding.path)):
                kept.append((rule, enabled[rule], finding, span))
    return kept
