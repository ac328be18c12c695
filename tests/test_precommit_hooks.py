"""The pre-commit hooks of .pre-commit-hooks.yaml: a manifest pre-commit accepts, a ``files:``
pattern that matches every map, a run that checks the maps of a repository while leaving its
other YAML (CI workflows, compose files) alone, and the staged-maps hook run by pre-commit
itself (``pre-commit run`` with a configuration naming this checkout, installed as pre-commit
users get it)."""

import os
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


WHOLE_REPOSITORY = ["cjmap-validate", "cjmap-lint"]


def test_pre_commit_accepts_the_manifest() -> None:
    found = hooks()
    assert set(found) == {*WHOLE_REPOSITORY, "cjmap-lint-staged", "cjmap-fmt"}
    for hook in found.values():
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] == "cjmap"
    # A file named on cjmap's command line is a map unless --maps-only says otherwise.
    assert all(found[hook]["pass_filenames"] is False for hook in WHOLE_REPOSITORY)
    staged = found["cjmap-lint-staged"]
    assert staged["pass_filenames"] is True and "--maps-only" in staged["entry"].split()
    assert staged["require_serial"] is True


@pytest.mark.parametrize("hook_id", [*WHOLE_REPOSITORY, "cjmap-lint-staged"])
def test_files_pattern_matches_every_map(hook_id: str) -> None:
    pattern = re.compile(hooks()[hook_id]["files"])
    maps = [path for path in (*EXAMPLES.glob("*"), *(ROOT / "tests" / "maps").glob("*/*"))
            if path.is_file()]
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


@pytest.mark.parametrize("hook_id", WHOLE_REPOSITORY)
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


# The example map, reviewed long ago: its review is overdue on any day these tests run.
OVERDUE = (EXAMPLES / "running-shoes.yaml").read_text(encoding="utf-8").replace(
    "  last_reviewed: 2026-11-02\n", "  last_reviewed: 2020-01-02\n")
BROKEN = "cjmap: 1\ntitle: Broken\nsteps:\n  - nmae: Buys\n"


@pytest.fixture(scope="module")
def hooks_checkout(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout, with its uncommitted changes, as one commit of a clone, for a
    .pre-commit-config.yaml to name as its repo and rev (as users' configurations do)."""
    clone = tmp_path_factory.mktemp("hooks") / "cjmap"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    if diff:
        subprocess.run(["git", "apply"], cwd=clone, input=diff, check=True)
        _git(clone, "commit", "-q", "-a", "-m", "uncommitted changes")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=clone, check=True,
                          capture_output=True, text=True).stdout.strip()
    return clone, head


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module, so the hooks' environment is installed once
    (``pre-commit try-repo`` would install it anew on every run, in a store of its own)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(repository: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=repository, check=True,
                   capture_output=True)


def _pre_commit(hook_id: str, repository: Path,
                home: Path) -> subprocess.CompletedProcess[str]:
    """``pre-commit run HOOK``: the hook as a commit runs it, on the staged files."""
    pre_commit = installed("pre-commit")
    assert pre_commit is not None
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([pre_commit, "run", hook_id, "--color", "never"], cwd=repository,
                          capture_output=True, text=True, encoding="utf-8", timeout=600,
                          env=env)


def test_staged_hook_judges_a_commit_by_the_maps_it_changes(
        tmp_path: Path, hooks_checkout: tuple[Path, str], pre_commit_home: Path) -> None:
    def run_hook(hook_id: str) -> subprocess.CompletedProcess[str]:
        return _pre_commit(hook_id, repository, pre_commit_home)

    repository = _repository(tmp_path / "repo")
    (repository / "maps" / "overdue.yaml").write_text(OVERDUE, encoding="utf-8")
    clone, head = hooks_checkout
    (repository / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone.as_uri()}\n    rev: {head}\n"
        "    hooks: [{id: cjmap-lint-staged}, {id: cjmap-lint}]\n", encoding="utf-8")
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", "maps")

    # An unrelated commit on a day another map's review is overdue: the whole-repository hook
    # blocks it, the staged one does not.
    shoes = repository / "maps" / "running-shoes.yaml"
    shoes.write_text(shoes.read_text(encoding="utf-8").replace(
        "title: ", "title: New ", 1), encoding="utf-8")
    _git(repository, "add", "maps/running-shoes.yaml")
    whole = run_hook("cjmap-lint")
    assert whole.returncode == 1, whole.stdout
    assert "maps/overdue.yaml" in whole.stdout and "review-overdue" in whole.stdout
    unrelated = run_hook("cjmap-lint-staged")
    assert unrelated.returncode == 0, unrelated.stdout
    assert re.search(r"cjmap lint \(staged maps\)\.+Passed", unrelated.stdout)
    _git(repository, "commit", "-q", "-m", "retitle")

    # Touching the overdue map is no reason to block either: the date, not the commit, made
    # the finding, and the whole-repository run in CI reports it.
    overdue = repository / "maps" / "overdue.yaml"
    overdue.write_text(overdue.read_text(encoding="utf-8") + "# a note\n", encoding="utf-8")
    _git(repository, "add", "maps/overdue.yaml")
    touched = run_hook("cjmap-lint-staged")
    assert touched.returncode == 0, touched.stdout
    _git(repository, "commit", "-q", "-m", "note")

    # Staged YAML that is no map (a workflow, a compose file) is not reported...
    workflow = repository / ".github" / "workflows" / "ci.yml"
    workflow.write_text(workflow.read_text(encoding="utf-8") + "# more\n", encoding="utf-8")
    (repository / "compose.yaml").write_text("services: [not, a, map]\n", encoding="utf-8")
    _git(repository, "add", "-A")
    other_yaml = run_hook("cjmap-lint-staged")
    assert other_yaml.returncode == 0, other_yaml.stdout
    assert "ci.yml" not in other_yaml.stdout and "compose" not in other_yaml.stdout

    # ...while a broken map staged beside it fails the commit, with where and what to do.
    (repository / "maps" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    _git(repository, "add", "-A")
    broken = run_hook("cjmap-lint-staged")
    assert broken.returncode == 1, broken.stdout
    assert re.search(r"cjmap lint \(staged maps\)\.+Failed", broken.stdout)
    assert "maps/broken.yaml:4:5" in broken.stdout and "did you mean 'name'?" in broken.stdout
    assert "ci.yml" not in broken.stdout and "compose" not in broken.stdout
    assert "running-shoes" not in broken.stdout and "overdue.yaml" not in broken.stdout
