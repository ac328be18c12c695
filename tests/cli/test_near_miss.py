"""A YAML file that looks like a map but lacks or misspells the 'cjmap:' marker is reported as a
'not-a-map' warning, through the real CLI, in every report format."""

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmap.report import REPORTERS

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def scanned(tmp_path: Path) -> Path:
    (tmp_path / "typo.yaml").write_text("title: T\ncjamp: 1\nsteps: [Checkout]\n",
                                        encoding="utf-8")
    (tmp_path / "sin-marca.yaml").write_text("title: Auditoría\nstages: [before]\n",
                                             encoding="utf-8")
    (tmp_path / "workflow.yaml").write_text("name: CI\njobs: {build: {steps: []}}\n",
                                            encoding="utf-8")
    (tmp_path / "map.yaml").write_text("cjmap: 1\ntitle: T\nsteps: [Asks friends]\n",
                                       encoding="utf-8")
    return tmp_path


def test_validate_warns_of_each_near_miss_and_still_exits_0(run_cli: Run,
                                                           scanned: Path) -> None:
    result = run_cli("validate", "--no-cache", "--format", "json", str(scanned))
    assert result.returncode == 0
    found = [(Path(f["path"]).name, d["line"], d["code"], d["severity"], d["message"], d["hint"])
             for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]
    assert found == [
        ("sin-marca.yaml", 1, "not-a-map", "warning",
         "this file looks like a journey map (it has 'title' and 'steps' or 'stages') but has "
         "no 'cjmap:' key, so it was not checked",
         "add 'cjmap: 1' as its first line; if it is no map, leave it out with 'exclude' in the "
         "configuration or .gitignore"),
        ("typo.yaml", 2, "not-a-map", "warning",
         "'cjamp' looks like a misspelling of 'cjmap', so this map was not checked",
         "write 'cjmap: 1'"),
    ]


@pytest.mark.parametrize("name", list(REPORTERS))
def test_every_format_shows_the_warning(run_cli: Run, scanned: Path, name: str) -> None:
    result = run_cli("validate", "--no-cache", "--format", name, str(scanned))
    assert result.returncode == 0, result.stderr
    assert "not-a-map" in result.stdout and "typo.yaml" in result.stdout
    assert "workflow.yaml" not in result.stdout


def test_lint_fails_on_it_unless_the_file_is_excluded(run_cli: Run, scanned: Path) -> None:
    args = ("lint", "--no-cache", "--select", "no-actions", "--format", "concise")
    result = run_cli(*args, str(scanned))
    assert result.returncode == 1
    assert [line.split()[2] for line in result.stdout.splitlines()[:-1]] == [
        "[not-a-map]", "[not-a-map]"]
    (scanned / ".cjmap.yaml").write_text("exclude: [typo.yaml, sin-marca.yaml]\n",
                                         encoding="utf-8")
    excluded = run_cli(*args, str(scanned), cwd=scanned)
    assert excluded.returncode == 0 and "not-a-map" not in excluded.stdout
