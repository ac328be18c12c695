"""A map's name on the site is its path in the repository (git's working tree): the same
pages, manifest and cache, byte for byte, whichever folder the site is built from, however
the maps are named on the command line, and wherever the repository is checked out. The
terminal still names a map as the command line did."""

import shutil
import subprocess
from pathlib import Path

import pytest

from cjmap.site.paths import names_from, repository_root
from tests.portfolio.repository import write_repository
from tests.site.test_build import TODAY, Run, files_of

CONFIG = """\
overrides:
  - files: ["maps/shoes.yaml"]
    ignore: [touchpoint-without-owner]
"""


def _git_repository(root: Path) -> Path:
    write_repository(root)
    (root / ".cjmap.yaml").write_text(CONFIG, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


def test_the_site_is_the_same_from_every_folder_and_every_checkout(
        tmp_path: Path, run_cli: Run) -> None:
    repo = _git_repository(tmp_path / "repo")
    clone = tmp_path / "elsewhere" / "clone"
    shutil.copytree(repo, clone)
    config = str(repo / ".cjmap.yaml")
    builds = {
        "from the top": ((repo, "maps", "-o", "../one"), tmp_path / "one"),
        "from the maps' folder": ((repo / "maps", ".", "-o", "../../two"), tmp_path / "two"),
        # From outside the repository the configuration is not found: it is named.
        "by absolute path": ((tmp_path, str(repo / "maps"), "-c", config, "-o", "three"),
                             tmp_path / "three"),
        "each file named": ((repo / "maps", *sorted(p.name for p in (repo / "maps").iterdir()),
                             "-o", "../../four"), tmp_path / "four"),
        "another checkout": ((clone, "maps", "-o", "../five"), tmp_path / "elsewhere/five"),
    }
    sites = {}
    for label, ((cwd, *args), output) in builds.items():
        done = run_cli("site", *args, *TODAY, cwd=cwd)
        assert done.returncode == 1, (label, done.stderr)  # the repository's invalid map
        sites[label] = files_of(output)
    first = sites["from the top"]
    assert "maps/maps/shoes.html" in first and len(first) > 30
    for label, files in sites.items():
        assert files.keys() == first.keys(), label
        assert [name for name in first if files[name] != first[name]] == [], label
    # No page, nor the manifest or the cache, holds where the repository is on this machine.
    assert [name for name, data in first.items() if str(tmp_path).encode() in data] == []
    # The override, a glob from the repository's top, holds from every folder.
    shoes = first["maps/maps/shoes.html"].decode()
    assert "touchpoint-without-owner" not in shoes and "Lint findings" in shoes


def test_the_terminal_names_a_map_as_it_was_named_and_the_page_by_its_path(
        tmp_path: Path, run_cli: Run) -> None:
    repo = _git_repository(tmp_path / "repo")
    done = run_cli("site", ".", *TODAY, "-o", "../_site", cwd=repo / "maps")
    assert done.returncode == 1
    assert done.stderr.startswith("cjmap: broken.yaml:5:14: invalid map:"), done.stderr
    page = (repo / "_site/maps/maps/broken.html").read_text(encoding="utf-8")
    assert "maps/broken.yaml:5:14" in page


def test_without_git_maps_are_named_from_the_working_directory(tmp_path: Path,
                                                               run_cli: Run) -> None:
    if repository_root(tmp_path) is not None:
        pytest.skip("the temporary directory is inside a git working tree")
    repo = write_repository(tmp_path / "repo")
    run_cli("site", "maps", *TODAY, "-o", "out", cwd=repo)
    assert (repo / "out/maps/maps/shoes.html").is_file()
    run_cli("site", ".", *TODAY, "-o", "../out2", cwd=repo / "maps")
    assert (repo / "out2/maps/shoes.html").is_file()


def test_two_maps_that_would_share_a_page_are_refused(tmp_path: Path, run_cli: Run) -> None:
    """``a.yaml`` and ``a.yml`` would both be ``a.html``: the build stops rather than lose
    one; the same file named twice is one map."""
    repo = write_repository(tmp_path / "repo")
    shoes = repo / "maps/shoes.yaml"
    done = run_cli("site", "maps", "maps/shoes.yaml", "./maps", *TODAY, cwd=repo)
    assert done.stderr.splitlines()[-1].startswith("cjmap: site: 5 maps (1 invalid)"), done.stderr
    shutil.copy(shoes, repo / "maps/shoes.yml")
    done = run_cli("site", "maps", *TODAY, "-o", "other", cwd=repo)
    assert done.returncode == 2
    assert done.stderr == ("cjmap: maps/shoes.yaml and maps/shoes.yml would both be the page "
                           "maps/maps/shoes.html: rename one of them, or build them into "
                           "separate sites\n")
    assert not (repo / "other").exists()


def test_names_follow_the_lexical_path_then_the_real_one(tmp_path: Path) -> None:
    repo = _git_repository(tmp_path / "repo")
    (repo / "maps/deep").mkdir()
    (tmp_path / "link").symlink_to(repo, target_is_directory=True)
    named = names_from(repository_root(repo / "maps/deep") or tmp_path)
    assert repository_root(repo / "maps/shoes.yaml") == repo
    assert named(repo / "maps/shoes.yaml") == "maps/shoes.yaml"
    assert named(repo / "maps/deep/../shoes.yaml") == "maps/shoes.yaml"
    assert named(tmp_path / "link/maps/shoes.yaml") == "maps/shoes.yaml"
    assert named(repo) == "."
    assert named(tmp_path / "outside.yaml") == str(tmp_path / "outside.yaml")
    # A linked worktree or a submodule has a .git file, not a folder.
    (repo / "sub").mkdir()
    (repo / "sub/.git").write_text("gitdir: ../.git/modules/sub\n", encoding="utf-8")
    assert repository_root(repo / "sub/a.yaml") == repo / "sub"
