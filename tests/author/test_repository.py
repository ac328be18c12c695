"""`cjmap init --repo`: the repository it lays out works with the real tools that read each
file — cjmap's configuration loader and lint, pre-commit's loader, GitHub's workflow schema."""

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import check_jsonschema
import jsonschema
import pytest
from pre_commit.clientlib import load_config
from ruamel.yaml import YAML

from cjmap.author.repository import ACTION, REPOSITORY
from cjmap.lint import config
from tests.conftest import ROOT

Run = Callable[..., subprocess.CompletedProcess[str]]
VENDORED = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor"
FILES = [".cjmap.yaml", ".pre-commit-config.yaml", ".github/workflows/cjmap.yml",
         "personas/README.md", "maps/customer-journey.yaml", "README.md"]


@pytest.fixture(params=["en", "es"])
def repository(request: pytest.FixtureRequest, run_cli: Run, tmp_path: Path) -> Path:
    result = run_cli("init", "--repo", "journeys", "--yes", "--lang", request.param,
                     "--title", "Customer journey", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "journeys"


def test_lays_out_every_file(repository: Path) -> None:
    assert sorted(p.relative_to(repository).as_posix() for p in repository.rglob("*")
                  if p.is_file()) == sorted(FILES)


def test_lint_passes_in_the_new_repository(repository: Path, run_cli: Run) -> None:
    result = run_cli("lint", "--fail-on", "info", cwd=repository)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 map checked, no problems" in result.stdout


def test_the_configuration_is_what_the_loader_accepts(repository: Path) -> None:
    source = config.find(repository)
    assert source is not None and source.path.name == ".cjmap.yaml"
    settings = config.resolve(source, repository)
    assert settings.include == ("maps/",) and settings.fail_on == "warning"
    assert settings.rules["review-overdue"]["grace-days"] == 14


def test_pre_commit_accepts_the_config_and_it_uses_our_hooks(repository: Path) -> None:
    loaded = load_config(str(repository / ".pre-commit-config.yaml"))
    (repo,) = loaded["repos"]
    assert repo["repo"] == REPOSITORY
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert all(f"- id: {hook['id']}\n" in manifest for hook in repo["hooks"])


def test_the_workflow_is_valid_and_uses_the_action(repository: Path) -> None:
    workflow = YAML(typ="safe", pure=True).load(
        (repository / ".github" / "workflows" / "cjmap.yml").read_text(encoding="utf-8"))
    schema = json.loads((VENDORED / "github-workflows.json").read_text(encoding="utf-8"))
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(workflow)) == []
    steps = workflow["jobs"]["lint"]["steps"]
    assert steps[-1]["uses"] == ACTION and ACTION.startswith("cjmap/cjmap@")
    assert workflow["jobs"]["lint"]["permissions"]["security-events"] == "write"


def test_refuses_to_overwrite_and_lists_what_exists(repository: Path, run_cli: Run) -> None:
    (repository / ".cjmap.yaml").write_text("fail-on: error\n", encoding="utf-8")
    again = run_cli("init", "--repo", "--yes", cwd=repository)
    assert again.returncode == 2
    assert ".cjmap.yaml, .pre-commit-config.yaml, .github/workflows/cjmap.yml" in again.stderr
    assert "use --force" in again.stderr
    assert (repository / ".cjmap.yaml").read_text(encoding="utf-8") == "fail-on: error\n"


def test_force_overwrites_but_keeps_an_existing_readme(repository: Path, run_cli: Run) -> None:
    (repository / "README.md").write_text("# Ours\n", encoding="utf-8")
    (repository / ".cjmap.yaml").write_text("fail-on: error\n", encoding="utf-8")
    forced = run_cli("init", "--repo", "--yes", "--force", cwd=repository)
    assert forced.returncode == 0, forced.stderr
    assert "README.md (kept: it exists)" in forced.stdout
    assert (repository / "README.md").read_text(encoding="utf-8") == "# Ours\n"
    assert "include:" in (repository / ".cjmap.yaml").read_text(encoding="utf-8")
