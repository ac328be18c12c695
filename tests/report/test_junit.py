"""``--format junit``: real output validated against junit-10.xsd (see tests/schemas/)."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from cjmap.diagnostics import Diagnostic, FileReport, Span
from tests.reporting import GAPS, JUNIT_XSD, file_report, mixed_reports, render


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(JUNIT_XSD))


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[FileReport]:
    monkeypatch.chdir(tmp_path)
    return mixed_reports()


def test_output_is_valid_against_junit_10_xsd(reports: list[FileReport],
                                              schema: xmlschema.XMLSchema) -> None:
    out = render("junit", reports)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    schema.validate(out)
    # The schema is not a formality: a test case without its name is refused.
    assert not schema.is_valid(out.replace('<testcase name="no problems" ', "<testcase "))


def test_a_suite_per_file_a_failing_case_per_finding(reports: list[FileReport]) -> None:
    root = ET.fromstring(render("junit", reports))
    assert root.tag == "testsuites" and root.get("name") == "cjmap lint"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [r.path for r in reports]
    for suite, report in zip(suites, reports, strict=True):
        cases = suite.findall("testcase")
        failures = [case.find("failure") for case in cases]
        if report.diagnostics:
            assert len(cases) == len(report.diagnostics) == int(suite.get("failures", ""))
            assert [f.get("type") for f in failures if f is not None] == \
                [d.severity for d in report.diagnostics]
            assert [f.get("message") for f in failures if f is not None] == \
                [d.message for d in report.diagnostics]
            assert len({case.get("name") for case in cases}) == len(cases)
        else:
            assert [(c.get("name"), c.find("failure")) for c in cases] == [("no problems", None)]
        assert suite.get("tests") == str(len(cases))
        assert suite.get("errors") == "0"
    total = sum(max(len(r.diagnostics), 1) for r in reports)
    assert root.get("tests") == str(total)
    assert root.get("failures") == str(sum(len(r.diagnostics) for r in reports))


def test_failure_text_gives_the_place_the_line_and_the_hint(reports: list[FileReport]) -> None:
    root = ET.fromstring(render("junit", reports))
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "maps/compra-añil.yaml")
    case = next(c for c in suite.iter("testcase") if c.get("name") == "empty-stage at 4:25")
    failure = case.find("failure")
    assert failure is not None and failure.text is not None
    assert failure.text.splitlines() == [
        "maps/compra-añil.yaml:4:25: warning [empty-stage] stage 'evaluation' (Evaluación) "
        "has no steps",
        "  4 | stages: [consideration, evaluation, purchase]",
        "    |                         ^^^^^^^^^^",
        "  hint: add the steps of this stage with 'stage: evaluation', or remove the stage",
        "  at: /stages/1",
    ]
    assert case.get("classname") == "maps/compra-añil"


def test_control_characters_from_a_map_still_give_valid_xml(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema: xmlschema.XMLSchema) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bell.yaml").write_bytes(b'cjmap: 1\ntitle: "A\x07b"\nsteps: [A]\n')
    report = file_report("bell.yaml")
    assert report.diagnostics[0].code == "encoding"
    assert "\x07" in (report.diagnostics[0].source_line or "")
    made = FileReport("m.yaml", (Diagnostic("m.yaml", Span(1, 1, 1, 2), "x-rule",
                                            "odd \x00\x1b[31m text \ufffe", "info"),))
    out = render("junit", [report, made])
    schema.validate(out)
    # The excerpt shows the bell as its picture, as the terminal report does; what XML cannot
    # hold in the message is escaped.
    assert "title: \"A␇b\"" in out and "\\x00\\x1b[31m text \\xfffe" in out


def test_same_place_findings_stay_separate_cases() -> None:
    span = Span(2, 3, 2, 9)
    twice = FileReport("m.yaml", (Diagnostic("m.yaml", span, "x-rule", "one", "warning"),
                                  Diagnostic("m.yaml", span, "x-rule", "two", "warning")))
    names = [c.get("name") for c in ET.fromstring(render("junit", [twice])).iter("testcase")]
    assert names == ["x-rule at 2:3", "x-rule at 2:3 (2)"]


def test_a_file_named_with_control_characters_gives_valid_xml(
        tmp_path: Path, run_cli, schema: xmlschema.XMLSchema) -> None:
    name = "bad\x1b[31m\x07\x01name.yaml"
    (tmp_path / name).write_text("cjmap: 1\ntitle: T\nsteps: [{name: A, stage: nowhere}]\n",
                                 encoding="utf-8")
    (tmp_path / "clean\x1b.yaml").write_text("cjmap: 1\ntitle: T\nsteps: [A]\n",
                                             encoding="utf-8")
    done = run_cli("validate", "--no-cache", "--format", "junit", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    schema.validate(done.stdout)
    suites = ET.fromstring(done.stdout).findall("testsuite")
    assert sorted(s.get("name") for s in suites) == ["bad\\x1b[31m\\x07\\x01name.yaml",
                                                     "clean\\x1b.yaml"]
    assert all(s.get("file") == s.get("name") for s in suites)


def test_findings_below_fail_on_are_skipped_cases_not_failures(
        reports: list[FileReport], schema: xmlschema.XMLSchema) -> None:
    out = render("junit", reports, fail_on="error")
    schema.validate(out)
    root = ET.fromstring(out)
    errors = sum(r.count("error") for r in reports)
    below = sum(r.count("warning") + r.count("info") for r in reports)
    assert errors and below
    assert root.get("failures") == str(errors)
    for suite, report in zip(root.findall("testsuite"), reports, strict=True):
        outcomes = [(child.tag, child.get("type")) for case in suite.findall("testcase")
                    for child in case]
        assert outcomes == [("failure" if d.severity == "error" else "skipped", d.severity)
                            for d in report.diagnostics]
        assert suite.get("failures") == str(report.count("error"))
        assert suite.get("skipped") == str(len(report.diagnostics) - report.count("error"))
    suite = next(s for s in root.iter("testsuite") if s.get("name") == "maps/compra-añil.yaml")
    skipped = next(c for c in suite.iter("testcase")
                   if c.get("name") == "empty-stage at 4:25").find("skipped")
    assert skipped is not None and skipped.text is not None
    # The finding stays whole, with why it does not fail the run.
    assert skipped.get("message") == "stage 'evaluation' (Evaluación) has no steps"
    assert skipped.text.splitlines()[0].startswith("maps/compra-añil.yaml:4:25: warning")
    assert skipped.text.splitlines()[-1] == "  not a failure: warning is below fail-on error"
    # The default threshold: warnings fail, infos do not.
    by_default = ET.fromstring(render("junit", reports, fail_on="warning"))
    assert by_default.get("failures") == str(errors + sum(r.count("warning") for r in reports))
    assert [c.tag for c in by_default.iter() if c.get("type") == "info"] == ["skipped"] * sum(
        r.count("info") for r in reports)


def _outcomes(xml: str) -> dict[str, str]:
    return {f"{case.get('name')}": child.tag for case in ET.fromstring(xml).iter("testcase")
            for child in case}


def test_the_lint_threshold_reaches_the_report_and_its_output_files(
        tmp_path: Path, run_cli, schema: xmlschema.XMLSchema) -> None:
    """--fail-on, or the configuration's fail-on, decides the failures of --format junit and of
    every --output junit=FILE; a run that passes gives a report with no failure."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "gaps.yaml").write_text(GAPS, encoding="utf-8")
    lint = ("lint", "--no-cache", "--select", "empty-stage,missing-review", "maps")
    passing = run_cli(*lint, "--fail-on", "error", "--format", "junit",
                      "--output", "junit=reports/cjmap-junit.xml", cwd=tmp_path)
    assert passing.returncode == 0, passing.stderr
    written = (tmp_path / "reports" / "cjmap-junit.xml").read_text(encoding="utf-8")
    assert written == passing.stdout
    schema.validate(written)
    assert ET.fromstring(written).get("failures") == "0"
    assert _outcomes(written) == {"empty-stage at 4:25": "skipped",
                                  "missing-review at 1:1": "skipped"}

    failing = run_cli(*lint, "--output", "junit=cjmap-junit.xml", cwd=tmp_path)
    assert failing.returncode == 1  # the default fail-on, warning
    assert _outcomes((tmp_path / "cjmap-junit.xml").read_text(encoding="utf-8")) == {
        "empty-stage at 4:25": "failure", "missing-review at 1:1": "skipped"}

    (tmp_path / ".cjmap.yaml").write_text("fail-on: error\n", encoding="utf-8")
    configured = run_cli(*lint[:-1], ".", "--format", "junit", cwd=tmp_path / "maps")
    assert configured.returncode == 0, configured.stderr
    assert ET.fromstring(configured.stdout).get("failures") == "0"
    strict = run_cli(*lint[:-1], ".", "--fail-on", "info", "--format", "junit",
                     cwd=tmp_path / "maps")
    assert strict.returncode == 1
    assert set(_outcomes(strict.stdout).values()) == {"failure"}
