"""Linting one file: load and validate it, run the enabled rules, apply its suppressions.

Validation problems come first and are findings too (their codes are the rule ids), so that
``cjmap lint`` reports everything ``cjmap validate`` does. Rules run only on a valid map.
"""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmap.diagnostics import (
    FileReport,
    Severity,
    Span,
    capped,
    json_pointer,
    more_message,
    source_frame,
)
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
    rows = [(*span, rule, severity, finding.message, finding.hint, json_pointer(finding.path), 0)
            for rule, severity, finding, span in findings]
    rows.sort(key=lambda row: (row[0], row[1], row[4]))  # diagnostics.sort_key, on tuples
    lines = result.lines()
    return result.path, False, [(*row[:9], *source_frame(lines, row[0], row[1]), row[9])
                                for row in capped(rows, itemgetter(4), _more)]


def _more(row: tuple[Any, ...], count: int) -> tuple[Any, ...]:
    """The summary row of the findings of a rule over the limit (a Diagnostic's fields, and
    the count it stands for)."""
    return (*row[:6], more_message(count, row[4]), None, row[8], count)


_LOWER: dict[Severity, Severity] = {"error": "warning", "warning": "info", "info": "info"}


def run_rules(context: Context, text: str, settings: Settings
              ) -> list[tuple[str, Severity, Finding, Span]]:
    """The findings of the enabled rules that no suppression silences, with their spans."""
    from cjmap.lint import suppressions
    from cjmap.lint.rules import RULES

    enabled, options = settings.plan(context.path)
    directives = suppressions.find(text, context.document)
    silencer = suppressions.Suppressions(directives, enabled, list(RULES))
    kept = []
    # unused-suppression runs last: it reports what the other rules' findings left unused.
    order = sorted(enabled, key=lambda rule: rule == suppressions.UNUSED)
    for rule in order:
        module = RULES[rule]
        if rule == suppressions.UNUSED:
            context = replace(context, suppressions=silencer)
        for finding in _checked(rule, module.check(context, options[rule]), context.path):
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
