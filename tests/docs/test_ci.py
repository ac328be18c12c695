"""docs/ci.md: the CI set-ups it shows are valid for the systems that read them, their cjmap
commands run, and the SARIF result it shows is what cjmap writes."""

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import check_jsonschema
import jsonschema
import pytest
from pre_commit.clientlib import load_config
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, ROOT, installed
from tests.reporting import file_report, render

DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
VENDORED = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", DOC, re.MULTILINE | re.DOTALL)


def _setup(name: str) -> Any:
    """The YAML block whose first line names the file ``name`` (read as YAML 1.2, as GitHub
    and GitLab do: ``on`` stays a key, not a boolean)."""
    block = next(b for b in _blocks("yaml") if b.splitlines()[0] == f"# {name}")
    return YAML(typ="safe", pure=True).load(block)


def _schema_errors(schema_file: str, data: Any) -> list[str]:
    schema = json.loads((VENDORED / schema_file).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [error.message for error in validator.iter_errors(data)]


def test_github_workflow_is_valid() -> None:
    workflow = _setup(".github/workflows/journey-maps.yml")
    assert _schema_errors("github-workflows.json", workflow) == []
    steps = workflow["jobs"]["lint"]["steps"]
    # The action (action.yml) uploads the SARIF report when asked to.
    assert any(step.get("uses", "").startswith("cjmap/cjmap@")
               and step.get("with", {}).get("sarif") is True for step in steps)
    assert workflow["jobs"]["lint"]["permissions"]["security-events"] == "write"
    # The schema is no formality: a misspelt key is refused.
    workflow["jobs"]["lint"]["runs_on"] = workflow["jobs"]["lint"].pop("runs-on")
    assert _schema_errors("github-workflows.json", workflow) != []


def test_gitlab_job_is_valid() -> None:
    pipeline = _setup(".gitlab-ci.yml")
    assert _schema_errors("gitlab-ci.json", pipeline) == []
    reports = pipeline["journey-maps"]["artifacts"]["reports"]
    assert set(reports) == {"codequality", "junit"}
    pipeline["journey-maps"]["artifacts"]["when"] = "sometimes"
    assert _schema_errors("gitlab-ci.json", pipeline) != []


def test_pre_commit_config_is_valid(tmp_path: Path) -> None:
    block = next(b for b in _blocks("yaml") if b.startswith("# .pre-commit-config.yaml"))
    (tmp_path / "config.yaml").write_text(block, encoding="utf-8")
    hooks = [hook["id"] for repo in load_config(str(tmp_path / "config.yaml"))["repos"]
             for hook in repo["hooks"]]
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert hooks and all(f"- id: {hook}\n" in manifest for hook in hooks)


def _lines() -> list[str]:
    return [line.strip().removeprefix("- ").removeprefix("run: ")
            for block in _blocks("yaml") + _blocks("sh") for line in block.splitlines()]


def _commands() -> list[str]:
    """Every cjmap command of the CI set-ups and the sh blocks, but for ``cjmap diff``, which
    needs a repository with history (test_the_pull_request_diff_recipe_runs)."""
    return [line for line in _lines()
            if line.startswith("cjmap ") and not line.startswith("cjmap diff ")]


def test_the_doc_shows_cjmap_commands() -> None:
    assert len(_commands()) >= 4


@pytest.mark.parametrize("command", _commands())
def test_cjmap_commands_run_and_write_their_reports(command: str, tmp_path: Path) -> None:
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, tmp_path / example.name)
    # The YAML beside the maps of a real repository, which no recipe may report.
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(
        "name: ci\non: push\njobs:\n  test: {runs-on: ubuntu-latest, steps: [{run: make}]}\n",
        encoding="utf-8")
    # No reports/ directory: a fresh checkout has none, and cjmap makes it.
    cjmap = installed("cjmap")
    assert cjmap is not None
    args = shlex.split(command)[1:]
    result = subprocess.run([cjmap, *args], cwd=tmp_path, capture_output=True, text=True,
                            encoding="utf-8", timeout=120,
                            env={"PATH": str(Path(cjmap).parent), "NO_COLOR": "1"})
    # 0 or 1 (findings); 2 would be a usage error in the documented command.
    assert result.returncode in (0, 1), result.stderr
    assert "ci.yml" not in result.stdout + result.stderr
    for value in args:
        if "=" in value and not value.startswith("-"):
            written = tmp_path / value.split("=", 1)[1]
            assert written.stat().st_size > 0, value


def test_sarif_result_shown_is_real() -> None:
    shown = json.loads(next(b for b in _blocks("json") if '"ruleId"' in b))
    log = json.loads(render("sarif", [file_report("tests/maps/invalid/unknown-key.yaml")]))
    assert shown == log["runs"][0]["results"][0]


def test_every_format_is_documented() -> None:
    from cjmap.report import FORMATS

    for name in FORMATS:
        assert f"| `{name}` |" in DOC and f"### `{name}`" in DOC


ACTION = ROOT / "action.yml"


def test_the_action_is_valid() -> None:
    action = YAML(typ="safe", pure=True).load(ACTION.read_text(encoding="utf-8"))
    assert _schema_errors("github-actions.json", action) == []
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "args", "install", "sarif", "sarif-file",
                                     "python-version"}
    uses = [step.get("uses", "") for step in action["runs"]["steps"]]
    assert any(use.startswith("actions/setup-python@") for use in uses)
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)
    # Inputs reach the shell through the environment, never pasted into a script.
    assert all("inputs." not in step.get("run", "") for step in action["runs"]["steps"])
    del action["runs"]["steps"][0]["uses"]
    assert _schema_errors("github-actions.json", action) != []


def test_the_doc_uses_the_action_with_its_real_inputs() -> None:
    workflow = _setup(".github/workflows/journey-maps.yml")
    action = YAML(typ="safe", pure=True).load(ACTION.read_text(encoding="utf-8"))
    (step,) = [s for s in workflow["jobs"]["lint"]["steps"]
               if s.get("uses", "").startswith("cjmap/cjmap@")]
    assert set(step.get("with", {})) <= set(action["inputs"])
    assert "cjmap==0.1.0" not in DOC and "rev: v0.1.0" not in DOC


def test_the_pull_request_diff_recipe_runs(tmp_path: Path) -> None:
    """The workflow's diff command, run by a shell as the job runs it, in a repository whose
    pull-request branch changed a map since it left the base branch."""
    workflow = _setup(".github/workflows/journey-map-diff.yml")
    assert _schema_errors("github-workflows.json", workflow) == []
    step = workflow["jobs"]["diff"]["steps"][-1]
    command = step["run"].splitlines()[0]
    assert command.startswith("cjmap diff --format markdown")
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "test@example.com")
    git("config", "user.name", "Test")
    shoes = (EXAMPLES / "running-shoes.yaml").read_text("utf-8")
    (repo / "shoes.yaml").write_text(shoes, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "a map")
    git("checkout", "-qb", "pr")
    (repo / "shoes.yaml").write_text(shoes.replace("emotion: {score: -1, label: unsure}",
                                                   "emotion: 1"), encoding="utf-8")
    git("commit", "-qam", "a better comparison")
    # The job's origin/<base> is here the local branch of the same name.
    cjmap = installed("cjmap")
    assert cjmap is not None
    done = subprocess.run(["bash", "-ec", command], cwd=repo, capture_output=True, text=True,
                          env={"PATH": f"{Path(cjmap).parent}:/usr/bin:/bin", "BASE": "main"})
    assert done.returncode == 0, done.stderr
    comment = (repo / "cjmap-diff.md").read_text("utf-8")
    assert comment.startswith("**cjmap diff**: 1 map changed from the merge base of main "
                              "and HEAD to HEAD: 1 change")
    assert "| `~` | Narrows down to a few models | emotion −1 → +1 |" in comment
