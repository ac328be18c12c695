"""Linting one file: load and validate it, run the enabled rules, apply its suppressions.

Validation problems come first and are findings too (their codes are the rule ids), so that
``cjmap lint`` reports everything ``cjmap validate`` does. Rules run only on a valid map.
"""

from dataclasses import replace
from datetime import date
from pathlib import Path

from cjmap.config import Settings
from cjmap.diagnostics import Diagnostic, FileReport, Severity, json_pointer
from cjmap.rules.base import Context, Finding


def lint_file(path: Path, settings: Settings, today: date) -> FileReport:
    """The report of one file; a worker process runs this for each file it is given."""
    from cjmap.loader import load

    result = load(path)
    unreadable = any(d.code in ("file", "file-size", "encoding") for d in result.diagnostics)
    if result.journey is None or result.document is None or result.text is None:
        return FileReport(result.path, tuple(result.diagnostics), unreadable)
    findings = run_rules(Context(result.journey, result.document, result.path, today),
                         result.text, settings)
    document = result.document
    diagnostics = [
        Diagnostic(result.path, finding.span or document.locate(finding.path, key=finding.key),
                   rule, finding.message, severity, json_pointer(finding.path), finding.hint)
        for rule, severity, finding in findings
    ]
    return FileReport(result.path,
                      (*result.diagnostics, *result.with_source_lines(diagnostics)))


def run_rules(context: Context, text: str, settings: Settings
              ) -> list[tuple[str, Severity, Finding]]:
    """The findings of the enabled rules that no suppression silences."""
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
            line = (finding.span or context.document.locate(finding.path, key=finding.key)).line
            if not (directives and silencer.silenced(rule, line, finding.path)):
                kept.append((rule, enabled[rule], finding))
    return kept
