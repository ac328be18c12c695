"""SARIF 2.1.0 (the OASIS standard for static analysis results), for GitHub code scanning and
every other SARIF viewer.

The output is deterministic: the same files checked from the same directory give the same bytes
(no timestamps, rules and artifacts in a fixed order), so it can be committed or diffed.
"""

import inspect
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from cjmap import __version__
from cjmap.diagnostics import Diagnostic, FileReport, Severity
from cjmap.report.codes import VALIDATION_CODES, unknown
from cjmap.report.locations import fingerprinted, is_file, relative_path, root
from cjmap.report.text import labelled_hint

if TYPE_CHECKING:
    from cjmap.lint.rules import Rule

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
INFORMATION_URI = "https://github.com/cjmap/cjmap"
DOCS_URI = f"{INFORMATION_URI}/blob/main/docs"
SRCROOT = "%SRCROOT%"
# The key of the fingerprint, versioned: a change in how it is computed must not be mistaken
# for every finding being new.
FINGERPRINT = "cjmap/v1"
LEVELS: dict[str, str] = {"error": "error", "warning": "warning", "info": "note"}


def _descriptor(id: str, short: str, full: str, help: str, severity: Severity,
                help_uri: str, kind: str) -> dict[str, Any]:
    return {
        "id": id,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help, "markdown": help},
        "helpUri": help_uri,
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": ["cjmap", kind]},
    }


def _rule_descriptor(rule: "Rule") -> dict[str, Any]:
    from cjmap.lint.rules import summary

    text = inspect.cleandoc(rule.__doc__ or rule.ID)
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    short = summary(rule) or rule.ID
    # The paragraph after the summary says why the rule matters; examples follow it, each
    # under a label such as "Fails:". GitHub cuts descriptions at 1,024 characters.
    why = paragraphs[1] if len(paragraphs) > 1 else ""
    labelled = why.startswith("```") or (why.endswith(":") and len(why.split()) <= 3)
    full = short if not why or labelled else why
    if len(full) > 1000:
        full = full[:999].rsplit(" ", 1)[0] + "…"
    return _descriptor(rule.ID, short, full, text, rule.SEVERITY, f"{DOCS_URI}/rules.md#{rule.ID}",
                       "lint")


def rule_descriptors(used: Sequence[str]) -> list[dict[str, Any]]:
    """Every check cjmap has (validation problems first, then the lint rules in registry
    order), then any code in ``used`` that neither knows, so that every result has a rule."""
    from cjmap.lint.rules import RULES

    descriptors = [
        _descriptor(code.id, code.summary, code.description, code.help, code.severity,
                    f"{DOCS_URI}/cli.md#problem-codes", "validation")
        for code in VALIDATION_CODES.values()
    ]
    descriptors += [_rule_descriptor(rule) for rule in RULES.values()]
    known = set(VALIDATION_CODES) | set(RULES)
    for code in sorted(set(used) - known):
        extra = unknown(code)
        descriptors.append(_descriptor(code, extra.summary, extra.description, extra.help,
                                       extra.severity, f"{DOCS_URI}/lint.md", "lint"))
    return descriptors


def _artifact_location(path: str, index: int | None = None) -> dict[str, Any]:
    if not is_file(path):
        return {"description": {"text": "standard input"}}
    relative = relative_path(path)
    location: dict[str, Any]
    if Path(relative).is_absolute():
        location = {"uri": Path(relative).as_uri()}
    else:
        location = {"uri": quote(relative), "uriBaseId": SRCROOT}
    if index is not None:
        location["index"] = index
    return location


def _message(diagnostic: Diagnostic) -> str:
    if diagnostic.hint:
        return f"{diagnostic.message}\n{labelled_hint(diagnostic.hint)}"
    return diagnostic.message


def _result(diagnostic: Diagnostic, fingerprint: str, rule_index: int,
            artifact: dict[str, Any]) -> dict[str, Any]:
    span = diagnostic.span
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if is_file(diagnostic.path):
        physical["region"] = {"startLine": span.line, "startColumn": span.column,
                              "endLine": span.end_line, "endColumn": span.end_column}
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": _message(diagnostic)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }
    if diagnostic.pointer:
        result["properties"] = {"pointer": diagnostic.pointer}
    return result


def document(reports: Sequence[FileReport]) -> dict[str, Any]:
    """The SARIF log of one run over ``reports``."""
    findings = list(fingerprinted(reports))
    rules = rule_descriptors([diagnostic.code for diagnostic, _ in findings])
    rule_index = {rule["id"]: index for index, rule in enumerate(rules)}
    files = [r.path for r in reports if is_file(r.path)]
    # One location per file, which all its results share.
    artifacts = {path: _artifact_location(path, index) for index, path in enumerate(files)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cjmap",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": Path(root()).as_uri().rstrip("/") + "/"}},
            "artifacts": [{"location": _artifact_location(path), "sourceLanguage": "yaml"}
                          for path in files],
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": not any(r.unreadable for r in reports),
            }],
            "results": [
                _result(diagnostic, fingerprint, rule_index[diagnostic.code],
                        artifacts.get(diagnostic.path) or _artifact_location(diagnostic.path))
                for diagnostic, fingerprint in findings
            ],
        }],
    }


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool, fail_on: Severity) -> None:
    # One write: json.dump() writes piece by piece, several times slower on a large run.
    stream.write(json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n")
