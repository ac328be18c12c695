"""``cjmap diff`` through the real command: two files, git revisions of a real repository made
in the test (renames, additions, deletions, a merge base, the files on disk), every format, the
exit codes, the errors, and git's own ``git diff`` with cjmap as its textconv."""

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import EXAMPLES, ROOT

Run = Callable[..., subprocess.CompletedProcess[str]]
SHOES = (EXAMPLES / "running-shoes.yaml").read_text("utf-8")
# The same journey a year on: a step feels better, a touchpoint is re-scored, a step renamed.
SHOES_LATER = (SHOES.replace("emotion: {score: -1, label: unsure}", "emotion: {score: 1, "
                             "label: sure}")
               .replace("quality: {simple: 4, appropriate: 4,", "quality: {simple: 2, "
                        "appropriate: 4,", 1)
               .replace("    name: Asks friends who run\n", "    name: Asks running friends\n"))


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: three maps; branch feature (checked out): shoes changed, minimal renamed, meal kit
    deleted, retail added; main then moves on with a change feature does not have."""
    root = tmp_path / "repo"
    (root / "maps").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.com")
    git(root, "config", "user.name", "Test")
    (root / "maps" / "shoes.yaml").write_text(SHOES, encoding="utf-8")
    for name in ("minimal", "meal-kit-subscription"):
        (root / "maps" / f"{name}.yaml").write_text(
            (EXAMPLES / f"{name}.yaml").read_text("utf-8"), encoding="utf-8")
    (root / "notes.yaml").write_text("not: a map\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "maps")
    git(root, "checkout", "-qb", "feature")
    (root / "maps" / "shoes.yaml").write_text(SHOES_LATER, encoding="utf-8")
    git(root, "mv", "maps/minimal.yaml", "maps/haircut.yaml")
    git(root, "rm", "-q", "maps/meal-kit-subscription.yaml")
    (root / "maps" / "retail.yaml").write_text(
        (EXAMPLES / "retail-touchpoints.yaml").read_text("utf-8"), encoding="utf-8")
    (root / "notes.yaml").write_text("not: a map, still\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "a year on")
    git(root, "checkout", "-q", "main")
    shoes = root / "maps" / "shoes.yaml"
    shoes.write_text(SHOES.replace("title: Buying a first pair of running shoes",
                                   "title: Buying running shoes"), encoding="utf-8")
    git(root, "commit", "-qam", "main moves on")
    git(root, "checkout", "-q", "feature")
    return root


def test_two_files(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(SHOES, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(SHOES_LATER, encoding="utf-8")
    done = run_cli("diff", "old.yaml", "new.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == """\
1 map changed from old.yaml to new.yaml: 3 changes

new.yaml — Buying a first pair of running shoes: 3 changes
  step 'Searches for shoe information online'
    ~ touchpoint 'Blog for new runners': simple 4 → 2
  step 'Asks running friends'
    ~ renamed from 'Asks friends who run'
  step 'Narrows down to a few models'
    ~ emotion −1 → +1
"""
    assert run_cli("diff", "--exit-code", "old.yaml", "new.yaml", cwd=tmp_path).returncode == 1
    same = run_cli("diff", "--exit-code", "old.yaml", "old.yaml", cwd=tmp_path)
    assert same.returncode == 0
    assert same.stdout.startswith("no change in the customer's experience")


def test_the_merge_base_of_a_branch(run_cli: Run, repo: Path) -> None:
    done = run_cli("diff", "main...HEAD", cwd=repo)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == ("4 maps changed from the merge base of main and HEAD to HEAD "
                        "(1 added, 1 deleted, 1 renamed): 3 changes")
    headings = [line for line in lines if line.startswith("maps/")]
    assert headings == [
        "maps/haircut.yaml (renamed from maps/minimal.yaml) — Booking a haircut: renamed, "
        "nothing else changed",
        "maps/meal-kit-subscription.yaml — Subscribing to a weekly meal kit: map deleted, it "
        "had 10 steps",
        "maps/retail.yaml — Buying a tent at the Cumbre Outdoor store: new map, 9 steps",
        "maps/shoes.yaml — Buying a first pair of running shoes: 3 changes",
    ]
    # main's own later change (the title) is not the branch's: the merge base hides it.
    assert "title" not in done.stdout
    both_tips = run_cli("diff", "main", "HEAD", "--", "maps/shoes.yaml", cwd=repo)
    assert "~ title 'Buying running shoes' → 'Buying a first pair of running shoes'" \
        in both_tips.stdout


def test_one_revision_against_the_files_on_disk_and_paths(run_cli: Run, repo: Path) -> None:
    shoes = repo / "maps" / "shoes.yaml"
    shoes.write_text(SHOES_LATER.replace("emotion: {score: 2, label: delighted}",
                                         "emotion: 0"), encoding="utf-8")
    done = run_cli("diff", "HEAD", "--", "maps/", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "1 map changed from HEAD to worktree: 1 change"
    assert "~ emotion +2 → 0" in done.stdout
    # From a subfolder, paths are the user's, as git takes them.
    inside = run_cli("diff", "HEAD~1", "shoes.yaml", cwd=repo / "maps")
    assert inside.stdout.splitlines()[2] == "shoes.yaml — Buying a first pair of running " \
        "shoes: 4 changes"


def test_markdown_for_a_pull_request(run_cli: Run, repo: Path) -> None:
    done = run_cli("diff", "main...HEAD", "--format", "markdown", cwd=repo)
    assert done.returncode == 0
    text = done.stdout
    assert text.startswith("**cjmap diff**: 4 maps changed from the merge base of main and "
                           "HEAD to HEAD (1 added, 1 deleted, 1 renamed): 3 changes\n")
    assert text.count("<details><summary>") == 4 and text.count("</details>") == 4
    assert "| `~` | Narrows down to a few models | emotion −1 → +1 |" in text


def test_json_validates_against_its_schema(run_cli: Run, repo: Path) -> None:
    done = run_cli("diff", "main...HEAD", "--format", "json", cwd=repo)
    data = json.loads(done.stdout)
    schema = json.loads((ROOT / "schemas" / "cjmap-diff.schema.json").read_text("utf-8"))
    Draft202012Validator(schema).validate(data)
    assert data["summary"] == {"maps": 4, "added": 1, "deleted": 1, "renamed": 1,
                               "modified": 1, "changes": 3}
    emotion = next(c for m in data["maps"] for c in m["changes"] if c["kind"] == "emotion")
    assert (emotion["step"], emotion["old"], emotion["new"]) == ("shortlist", -1, 1)


def test_the_schema_file_is_current(run_cli: Run) -> None:
    done = run_cli("schema", "--diff")
    assert done.stdout == (ROOT / "schemas" / "cjmap-diff.schema.json").read_text("utf-8"), (
        "schemas/ is stale: run 'cjmap schema --diff > schemas/cjmap-diff.schema.json'")


def test_an_invalid_map_is_reported_at_its_line_and_exits_2(run_cli: Run, repo: Path) -> None:
    shoes = repo / "maps" / "shoes.yaml"
    broken = SHOES.replace("emotion: {score: 2, label: delighted}", "emotion: 9")
    shoes.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("    emotion: 9") + 1
    done = run_cli("diff", "HEAD", cwd=repo)
    assert done.returncode == 2
    assert f"maps/shoes.yaml:{line}:14" in done.stderr and "Traceback" not in done.stderr
    assert "no diff made" in done.stderr and done.stdout == ""


@pytest.mark.parametrize(("args", "message"), [
    (["no-such-rev"], "'no-such-rev' is neither a revision nor a file"),
    (["main...no-such-branch"], "'main...no-such-branch' is neither a revision nor a file"),
    (["HEAD", "--", "maps/", "main"], None),
])
def test_bad_revisions(run_cli: Run, repo: Path, args: list[str], message: str | None) -> None:
    done = run_cli("diff", *args, cwd=repo)
    if message is None:  # after '--' everything is a path, even a branch's name
        assert done.returncode == 0, done.stderr
        return
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_outside_a_repository(run_cli: Run, tmp_path: Path) -> None:
    done = run_cli("diff", "HEAD", cwd=tmp_path)
    assert done.returncode == 2
    assert "is not in a git repository" in done.stderr and "Traceback" not in done.stderr


def test_spanish(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(SHOES, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(SHOES_LATER, encoding="utf-8")
    done = run_cli("diff", "old.yaml", "new.yaml", "--lang", "es", cwd=tmp_path)
    assert done.stdout.splitlines()[0] == "1 mapa cambiado de old.yaml a new.yaml: 3 cambios"
    assert "~ emoción −1 → +1" in done.stdout


def test_git_diff_with_cjmap_as_textconv(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.yaml diff=cjmap\n", encoding="utf-8")
    git(repo, "config", "diff.cjmap.textconv", f"'{sys.executable}' -m cjmap diff --textconv")
    shown = git(repo, "diff", "main...feature", "--", "maps/shoes.yaml")
    changed = [line for line in shown.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-  touchpoint: Blog for new runners (channel Blog, owner Content team, simple 4, "
        "appropriate 4, relevant 5, meaningful 4, engaging 3, personal 3)",
        "+  touchpoint: Blog for new runners (channel Blog, owner Content team, simple 2, "
        "appropriate 4, relevant 5, meaningful 4, engaging 3, personal 3)",
        "-step ask-friends: Asks friends who run",
        "+step ask-friends: Asks running friends",
        "-  emotion: −1 (unsure)",
        "+  emotion: +1 (sure)",
    ]
    # A fmt run changes the file and not what it says: git diff shows no line of it.
    subprocess.run([sys.executable, "-m", "cjmap", "fmt", "maps/shoes.yaml"], cwd=repo, check=True,
                   capture_output=True)
    assert git(repo, "diff", "--stat") != ""
    assert not [line for line in git(repo, "diff").splitlines()
                if line[:1] in "+-" and not line.startswith(("+++", "---"))]
