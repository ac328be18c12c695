"""Every machine format through the real ``cjmap lint`` on every map of the repository, checked
by its validator: one run prints SARIF and writes the others with ``--output``."""

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import jsonschema
import xmlschema

from tests.report.test_gitlab import CODE_QUALITY
from tests.reporting import JUNIT_XSD, sarif_schema


def test_one_lint_run_writes_every_format(
        run_cli: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    junit, gitlab, concise = tmp_path / "junit.xml", tmp_path / "cq.json", tmp_path / "c.txt"
    result = run_cli("lint", "examples", "tests/maps", "--no-cache", "--today", "2026-11-23",
                     "--format", "sarif", "--output", f"junit={junit}",
                     "--output", f"gitlab={gitlab}", "--output", f"concise={concise}")
    assert result.returncode == 1, result.stderr  # the invalid maps have errors
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    results = log["runs"][0]["results"]
    findings = concise.read_text(encoding="utf-8").splitlines()[:-1]
    assert len(results) == len(findings) > 20
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "tests/maps/invalid/syntax.yaml" in uris
    assert {r["ruleId"] for r in results} >= {"schema", "reference", "yaml-syntax"}
    xmlschema.XMLSchema(str(JUNIT_XSD)).validate(str(junit))
    issues = json.loads(gitlab.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(CODE_QUALITY).validate(issues)
    assert len({issue["fingerprint"] for issue in issues}) == len(results)
    assert [i["fingerprint"] for i in issues] == \
        [r["partialFingerprints"]["cjmap/v1"] for r in results]


def test_validate_writes_the_ci_formats_too(
        run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    sarif = run_cli("validate", "tests/maps/invalid", "--format", "sarif")
    assert sarif.returncode == 1
    log = json.loads(sarif.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    # no-version.yaml lacks its marker: found in a directory, it is a not-a-map warning.
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {
        "schema", "reference", "yaml-syntax", "yaml-duplicate-key", "not-a-map"}
    junit = run_cli("validate", "tests/maps/invalid", "tests/maps/valid", "--format", "junit")
    assert junit.returncode == 1
    xmlschema.XMLSchema(str(JUNIT_XSD)).validate(junit.stdout)
    github = run_cli("validate", "tests/maps/invalid/syntax.yaml", "--format", "github")
    assert github.stdout.startswith("::error file=tests/maps/invalid/syntax.yaml,line=6,col=20,")
    # After the annotations, validate's own text layout.
    assert "tests/maps/invalid/syntax.yaml:6:20: error: YAML syntax error" in github.stdout
