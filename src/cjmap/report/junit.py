"""JUnit XML, the test report every CI system reads (Jenkins, GitLab, Azure, CircleCI…).

Each map is a test suite and each finding a test case: a failing one when the finding fails
the run (at or above ``--fail-on``), a skipped one when it does not, so that a run that passes
shows a green test report with its findings still listed (GitLab, Jenkins and the GitHub test
report actions count skipped cases apart and show their text; a passing case's
``system-out`` is dropped by GitLab). The severity is the ``type`` of either. A map with no
finding is one passing test case, so that the CI shows it was checked. The output has no
timestamps or durations: the same run gives the same bytes.
"""

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import TextIO

from cjmap.diagnostics import Diagnostic, FileReport, Severity, fails
from cjmap.i18n import _
from cjmap.report.locations import relative_path
from cjmap.report.style import Style
from cjmap.report.text import excerpt, labelled_hint
from cjmap.safetext import NOT_XML

# XML 1.0 cannot hold these characters even escaped; a map quoting one must still give a
# report that parses.

CLEAN_CASE = "no problems"


def _xml_text(value: str) -> str:
    return NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", value)


def _details(diagnostic: Diagnostic, path: str, fail_on: Severity) -> str:
    lines = [f"{path}:{diagnostic.span.line}:{diagnostic.span.column}: {diagnostic.severity} "
             f"[{diagnostic.code}] {diagnostic.message}", *excerpt(diagnostic, Style(False))]
    if diagnostic.hint:
        lines.append("  " + labelled_hint(diagnostic.hint))
    if diagnostic.pointer:
        lines.append("  " + _("at:") + " " + diagnostic.pointer)
    if not fails(diagnostic.severity, fail_on):
        lines.append("  " + _("not a failure: {severity} is below fail-on {fail_on}").format(
            severity=diagnostic.severity, fail_on=fail_on))
    return "\n".join(lines)


def _suite(report: FileReport, fail_on: Severity) -> ET.Element:
    # A file name may hold control characters too; every attribute and text takes it cleaned.
    path = _xml_text(relative_path(report.path))
    # CI systems read a dotted class name as package.Class; a path's own dots would split it.
    classname = str(PurePosixPath(path).with_suffix("")) if path.endswith((".yaml", ".yml")) \
        else path
    failures = _failures(report, fail_on)
    suite = ET.Element("testsuite", {
        "name": path, "tests": str(max(len(report.diagnostics), 1)), "failures": str(failures),
        "errors": "0", "skipped": str(len(report.diagnostics) - failures), "file": path,
    })
    names: dict[str, int] = {}
    for diagnostic in report.diagnostics:
        name = f"{diagnostic.code} at {diagnostic.span.line}:{diagnostic.span.column}"
        # CI systems merge test cases of the same name; two findings must stay two.
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:
            name += f" ({names[name]})"
        case = ET.SubElement(suite, "testcase", {"name": name, "classname": classname})
        outcome = "failure" if fails(diagnostic.severity, fail_on) else "skipped"
        element = ET.SubElement(case, outcome, {"type": diagnostic.severity,
                                                "message": _xml_text(diagnostic.message)})
        element.text = _xml_text(_details(diagnostic, path, fail_on))
    if not report.diagnostics:
        ET.SubElement(suite, "testcase", {"name": CLEAN_CASE, "classname": classname})
    return suite


def _failures(report: FileReport, fail_on: Severity) -> int:
    return sum(1 for d in report.diagnostics if fails(d.severity, fail_on))


def document(reports: Sequence[FileReport], command: str, fail_on: Severity) -> ET.Element:
    # junit-10.xsd has no 'skipped' on <testsuites>: the suites carry it.
    root = ET.Element("testsuites", {
        "name": f"cjmap {command}",
        "tests": str(sum(max(len(r.diagnostics), 1) for r in reports)),
        "failures": str(sum(_failures(r, fail_on) for r in reports)), "errors": "0",
    })
    root.extend(_suite(report, fail_on) for report in reports)
    ET.indent(root)
    return root


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool, fail_on: Severity) -> None:
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(document(reports, command, fail_on), encoding="unicode"))
    stream.write("\n")
