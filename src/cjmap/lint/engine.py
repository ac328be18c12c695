"""Linting one file: load and validate it, run the enabled rules, apply its suppressions.

Validation problems come first and are findings too (their codes are the rule ids), so that
``cjmap lint`` reports everything ``cjmap validate`` does. Rules run only on a valid map.
"""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cjmap.diagnostics import FileReport, Severity, Span, json_pointer
from cjmap.lint.config import Settings
from cjmap.lint.rules.base import Context, Finding

if TYPE_CHECKING:
    from cjmap.files.transport import Packed


def lint_file(path: Path, settings: Settings, today: date) -> FileReport:
    """The report of one file."""
    from cjmap.files.transport import report

    return report(lint_packed(path, settings, today))


def lint_packed(path: Path, settings: Settings, today: date) -> "Packed":
    """The report of one file as plain tuples: what a worker process sends back.

    Findings go straight into tuples; no Diagnostic object is made only to be pickled.
    """
    from cjmap.files.transport import pack
    from cjmap.loader import load

    result = load(path)
    if result.journey is None or result.document is None or result.text is None:
        return pack(result.report())
    findings = run_rules(Context(result.journey, result.document, result.path, today),
                         result.text, settings)
    lines = result.lines()
    rows = [(*span, rule, severity, finding.message, finding.hint, json_pointer(finding.path),
             lines[span.line - 1] if 0 < span.line <= len(lines) else None)
            for rule, severity, finding, span in findings]
    rows.sort(key=lambda row: (row[0], row[1], row[4]))  # diagnostics.sort_key, on tuples
    return result.path, False, rows


_LOWER: dict[Severity, Severity] = {"error": "warning", "warning": "info", "info": "info"}


def run_rules(context: Context, text: str, settings: Settings
              ) -> list[tuple[str, Severity, Finding, Span]]:
    """The findings of the enabled rules that no suppression silences, with their spans."""
    from cjmap.lint import suppressions
    from cjmap.lint.rules import RULES

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
        for finding in _checked(rule, module.check(context, options), context.path):
            span = finding.span or context.document.locate(finding.path, key=finding.key)
            if not (directives and silencer.silenced(rule, span.line, finding.path)):
                severity = _LOWER[enabled[rule]] if finding.minor else enabled[rule]
                kept.append((rule, severity, finding, span))
    return kept


def _checked(rule: str, findings: Iterator[Finding], path: str) -> Iterator[Finding]:
    """The findings of a rule; a rule that fails names itself and the file in the error."""
    try:
        yield from findings
    except Exception as error:
        raise RuntimeError(f"rule '{rule}' failed on {path}: {error!r}") from error
