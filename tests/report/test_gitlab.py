"""``--format gitlab``: GitLab Code Quality JSON, checked against the fields GitLab documents
("Code Quality report format": description, check_name, fingerprint, severity, location.path,
location.lines.begin) and the Code Climate issue spec it is a subset of."""

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cjmap.diagnostics import FileReport
from tests.reporting import GAPS, file_report, mixed_reports, render

CODE_QUALITY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "type": {"const": "issue"},
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "categories": {"type": "array", "minItems": 1, "items": {"enum": [
                "Bug Risk", "Clarity", "Compatibility", "Complexity", "Duplication",
                "Performance", "Security", "Style"]}},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object", "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1},
                                       "end": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[FileReport]:
    monkeypatch.chdir(tmp_path)
    return mixed_reports()


def gitlab(reports: list[FileReport]) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(render("gitlab", reports))
    return issues


def test_output_has_the_documented_fields(reports: list[FileReport]) -> None:
    issues = gitlab(reports)
    jsonschema.Draft202012Validator(CODE_QUALITY).validate(issues)
    diagnostics = [d for r in reports for d in r.diagnostics]
    assert len(issues) == len(diagnostics)
    severities = {"error": "critical", "warning": "major", "info": "info"}
    for issue, diagnostic in zip(issues, diagnostics, strict=True):
        assert issue["check_name"] == diagnostic.code
        assert issue["severity"] == severities[diagnostic.severity]
        assert issue["description"].startswith(diagnostic.message)
        assert issue["location"]["path"] == diagnostic.path
        assert issue["location"]["lines"] == {"begin": diagnostic.span.line,
                                              "end": diagnostic.span.end_line}


def test_fingerprints_are_unique_per_finding(reports: list[FileReport]) -> None:
    prints = [issue["fingerprint"] for issue in gitlab(reports)]
    assert len(prints) == len(set(prints)) == 29
    assert all(re.fullmatch("[0-9a-f]{32}", p) for p in prints)


def test_fingerprints_survive_moved_lines_and_change_with_the_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(GAPS, encoding="utf-8")
    before = gitlab([file_report("m.yaml")])
    Path("m.yaml").write_text("# moved\n" + GAPS, encoding="utf-8")
    moved = gitlab([file_report("m.yaml")])
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in before]
    assert moved[0]["location"]["lines"]["begin"] == before[0]["location"]["lines"]["begin"] + 1
    Path("other.yaml").write_text(GAPS, encoding="utf-8")
    elsewhere = gitlab([file_report("other.yaml")])
    assert elsewhere[0]["fingerprint"] != before[0]["fingerprint"]


def test_a_clean_run_is_an_empty_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(GAPS.replace(", evaluation", ""), encoding="utf-8")
    assert render("gitlab", [file_report("m.yaml")]) == "[]\n"
