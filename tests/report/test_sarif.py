"""``--format sarif``: real output checked against the official OASIS SARIF 2.1.0 schema, and
what GitHub code scanning relies on (rules, relative URIs, fingerprints)."""

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import jsonschema
import pytest

from cjmap.diagnostics import FileReport
from cjmap.lint.rules import RULES
from cjmap.report.codes import VALIDATION_CODES
from tests.conftest import ROOT
from tests.reporting import GAPS, file_report, mixed_reports, render, sarif_schema


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[FileReport]:
    monkeypatch.chdir(tmp_path)
    return mixed_reports()


def sarif(reports: list[FileReport]) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render("sarif", reports))
    return log


def test_output_is_valid_against_the_oasis_schema(reports: list[FileReport]) -> None:
    validator = jsonschema.Draft4Validator(sarif_schema())
    log = sarif(reports)
    assert [error.message for error in validator.iter_errors(log)] == []
    assert log["version"] == "2.1.0"
    # The schema's own check must not be a formality: a broken log is refused.
    del log["runs"][0]["results"][0]["message"]
    assert not validator.is_valid(log)


def test_every_result_points_at_its_rule(reports: list[FileReport]) -> None:
    run = sarif(reports)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids))
    # Every check cjmap has, whether it fired or not, and the ones that fired.
    assert set(VALIDATION_CODES) | set(RULES) <= set(ids)
    assert {"touchpoint-owner", "step-touchpoints", "empty-strings"} <= set(ids)
    diagnostics = [d for r in reports for d in r.diagnostics]
    assert len(run["results"]) == len(diagnostics)
    for result, diagnostic in zip(run["results"], diagnostics, strict=True):
        assert result["ruleId"] == diagnostic.code == rules[result["ruleIndex"]]["id"]
        assert result["level"] == {"error": "error", "warning": "warning",
                                   "info": "note"}[diagnostic.severity]
        assert result["message"]["text"].startswith(diagnostic.message)
        if diagnostic.hint:
            assert result["message"]["text"].endswith(f"\nhint: {diagnostic.hint}")


def test_rules_are_described_from_their_documentation(reports: list[FileReport]) -> None:
    rules = {rule["id"]: rule for rule in sarif(reports)["runs"][0]["tool"]["driver"]["rules"]}
    for rule in RULES.values():
        descriptor = rules[rule.ID]
        assert descriptor["shortDescription"]["text"] == (rule.__doc__ or "").strip().split("\n")[0]
        # Why the rule matters (its second paragraph), within GitHub's 1,024 characters.
        full = descriptor["fullDescription"]["text"]
        assert full != descriptor["shortDescription"]["text"] and 0 < len(full) <= 1024
        assert not full.startswith(("Fails", "```")) and "\n" not in full
        assert "```yaml" in descriptor["help"]["markdown"]
        assert descriptor["defaultConfiguration"]["level"] == \
            {"error": "error", "warning": "warning", "info": "note"}[rule.SEVERITY]
        assert descriptor["helpUri"].endswith(f"/rules.md#{rule.ID}")
    # The links lead somewhere: each rule has its section in docs/rules.md.
    headings = re.findall(r"^## (\S+)$", (ROOT / "docs" / "rules.md").read_text("utf-8"),
                          re.MULTILINE)
    assert set(RULES) <= set(headings)
    assert rules["schema"]["shortDescription"]["text"] == "The map does not fit the format"
    assert rules["schema"]["defaultConfiguration"]["level"] == "error"


def test_locations_are_relative_to_srcroot(reports: list[FileReport], tmp_path: Path) -> None:
    run = sarif(reports)["runs"][0]
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root == tmp_path.as_uri() + "/"
    assert run["columnKind"] == "unicodeCodePoints"
    artifacts = [a["location"]["uri"] for a in run["artifacts"]]
    assert "maps/compra-a%C3%B1il.yaml" in artifacts
    diagnostics = [d for r in reports for d in r.diagnostics]
    for result, diagnostic in zip(run["results"], diagnostics, strict=True):
        location = result["locations"][0]["physicalLocation"]
        artifact = location["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert not artifact["uri"].startswith(("/", "file:"))
        assert run["artifacts"][artifact["index"]]["location"]["uri"] == artifact["uri"]
        resolved = Path(unquote(urlparse(urljoin(root, artifact["uri"])).path))
        assert resolved == tmp_path / diagnostic.path
        assert resolved.exists() or diagnostic.code == "file"
        span = diagnostic.span
        assert location["region"] == {"startLine": span.line, "startColumn": span.column,
                                      "endLine": span.end_line, "endColumn": span.end_column}


def test_columns_count_code_points_as_declared(reports: list[FileReport]) -> None:
    run = sarif(reports)["runs"][0]
    title = next(r for r in run["results"] if r["ruleId"] == "empty-strings")
    region = title["locations"][0]["physicalLocation"]["region"]
    line = GAPS.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "Compra de zapatillas 🏃"


def test_fingerprints_are_unique_and_survive_moved_lines(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("m.yaml").write_text(GAPS.replace("[consideration, evaluation, purchase]",
                                           "[consideration, evaluation, loyalty, purchase]"),
                              encoding="utf-8")

    def results() -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = sarif([file_report("m.yaml")])["runs"][0]["results"]
        return found

    before = results()
    prints = [r["partialFingerprints"]["cjmap/v1"] for r in before]
    assert len(prints) == 2 and len(set(prints)) == 2
    assert all(re.fullmatch("[0-9a-f]{32}", p) for p in prints)
    text = Path("m.yaml").read_text(encoding="utf-8")
    Path("m.yaml").write_text("# A comment\n# moves every line down\n" + text, encoding="utf-8")
    after = results()
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == \
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] + 2 for r in before]


def test_an_unreadable_file_marks_the_run_unsuccessful(reports: list[FileReport]) -> None:
    assert sarif(reports)["runs"][0]["invocations"] == [{"executionSuccessful": False}]
    readable = [r for r in reports if not r.unreadable]
    assert sarif(readable)["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_validation_codes_match_the_documented_table() -> None:
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = cli[cli.index("### Problem codes"):]
    documented = re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", table, re.MULTILINE)
    assert [code for code, _ in documented] == list(VALIDATION_CODES)
