"""The real CLI over folders of maps: every valid one passes, every invalid one fails exactly as
its ``# expect: LINE:COL CODE MESSAGE`` comments say (check-jsonschema's acceptance style)."""

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, example_maps

MAPS = ROOT / "tests" / "maps"
VALID = sorted((MAPS / "valid").glob("*.yaml")) + example_maps()
INVALID = sorted((MAPS / "invalid").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\S+) (.+)$", re.MULTILINE)


def test_there_are_fixtures() -> None:
    assert len(VALID) >= 3 and len(INVALID) >= 8


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_map_passes(path: Path, run_cli) -> None:
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_map_reports_exactly_what_is_expected(path: Path, run_cli) -> None:
    expected = {
        (int(line), int(column), code, message)
        for line, column, code, message in EXPECT.findall(path.read_text(encoding="utf-8"))
    }
    assert expected, f"{path.name} declares no '# expect:' line"
    result = run_cli("validate", "--format", "json", str(path))
    assert result.returncode == 1, result.stderr
    (report,) = json.loads(result.stdout)["files"]
    got = {(d["line"], d["column"], d["code"], d["message"]) for d in report["diagnostics"]}
    assert got == expected


def test_all_files_of_a_run_are_reported_together(run_cli) -> None:
    result = run_cli("validate", "--format", "json", *map(str, INVALID), *map(str, VALID))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(INVALID) + len(VALID)
    assert report["summary"]["invalid"] == len(INVALID)
    assert report["summary"]["errors"] >= len(INVALID)
