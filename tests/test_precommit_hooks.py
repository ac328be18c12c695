"""The pre-commit hooks of .pre-commit-hooks.yaml: a manifest pre-commit accepts, a ``files:``
pattern that matches every map, and a run that checks the maps of a repository while leaving
its other YAML (CI workflows, compose files) alone."""

import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pre_commit.clientlib import load_manifest

from tests.conftest import EXAMPLES, ROOT, installed

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in load_manifest(str(MANIFEST))}


def test_pre_commit_accepts_the_manifest() -> None:
    found = hooks()
    assert set(found) == {"cjmap-validate", "cjmap-lint", "cjmap-fmt"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] == "cjmap"
        assert hook["pass_filenames"] is False


@pytest.mark.parametrize("hook_id", ["cjmap-validate", "cjmap-lint"])
def test_files_pattern_matches_every_map(hook_id: str) -> None:
    pattern = re.compile(hooks()[hook_id]["files"])
    maps = [*EXAMPLES.glob("*"), *(ROOT / "tests" / "maps").glob("*/*")]
    assert len(maps) > 10
    for path in maps:
        # pre-commit searches the path relative to the repository root.
        assert pattern.search(path.relative_to(ROOT).as_posix()), path
    for other in ("README.md", "src/cjmap/format/model.py", "schemas/cjmap-1.schema.json",
                  "maps/notes.yaml.txt"):
        assert not pattern.search(other), other


def _repository(directory: Path) -> Path:
    """A repository with a map and the YAML a real one also holds."""
    (directory / "maps").mkdir(parents=True)
    (directory / "maps" / "running-shoes.yaml").write_text(
        (EXAMPLES / "running-shoes.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (directory / ".github" / "workflows").mkdir(parents=True)
    (directory / ".github" / "workflows" / "ci.yml").write_text(
        "name: ci\non: push\njobs:\n  test: {runs-on: ubuntu-latest, steps: [{run: make}]}\n",
        encoding="utf-8")
    (directory / "compose.yaml").write_text("services:\n  web: {image: nginx}\n",
                                            encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(directory)], check=True)
    return directory


def _run_hook(hook_id: str, repository: Path) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: the entry, then the hook's args (and no file names)."""
    hook = hooks()[hook_id]
    # As a user's `args:` would: the example's review date must not fall due under the test.
    pinned = ["--today", "2026-11-23"] if hook_id == "cjmap-lint" else []
    command = shlex.split(hook["entry"]) + hook["args"] + pinned
    cjmap = installed("cjmap")
    assert cjmap is not None
    return subprocess.run([cjmap, *command[1:]], cwd=repository, capture_output=True,
                          text=True, encoding="utf-8", timeout=120,
                          env={"PATH": str(Path(cjmap).parent), "NO_COLOR": "1"})


@pytest.mark.parametrize("hook_id", ["cjmap-validate", "cjmap-lint"])
def test_hook_checks_the_maps_and_ignores_other_yaml(hook_id: str, tmp_path: Path) -> None:
    repository = _repository(tmp_path / "repo")
    clean = _run_hook(hook_id, repository)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "1 map checked, no problems" in clean.stdout

    (repository / "maps" / "broken.yaml").write_text(
        "cjmap: 1\ntitle: Broken\nsteps:\n  - nmae: Buys\n", encoding="utf-8")
    broken = _run_hook(hook_id, repository)
    assert broken.returncode == 1
    assert "maps/broken.yaml:4:5" in broken.stdout and "did you mean 'name'?" in broken.stdout
    assert "ci.yml" not in broken.stdout + broken.stderr
    assert "compose" not in broken.stdout + broken.stderr
