"""``cjmap fmt`` from the shell: --check, --diff, standard input, untouched files, the cache."""

import shutil
from pathlib import Path

from tests.conftest import EXAMPLES

UGLY = "title: 'T'\ncjmap: 1\nsteps:\n- A   # first\n"
CANONICAL = "cjmap: 1\ntitle: T\nsteps:\n  - A   # first\n"


def _repo(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "minimal.yaml", tmp_path / "minimal.yaml")
    (tmp_path / "ugly.yaml").write_text(UGLY, encoding="utf-8")
    return tmp_path


def test_check_lists_the_files_that_would_change_and_writes_nothing(run_cli, tmp_path) -> None:
    repo = _repo(tmp_path)
    result = run_cli("fmt", "--check", ".", cwd=repo)
    assert result.returncode == 1
    assert "would reformat ugly.yaml" in result.stdout and "minimal" not in result.stdout
    assert (repo / "ugly.yaml").read_text(encoding="utf-8") == UGLY


def test_diff_prints_a_unified_diff(run_cli, tmp_path) -> None:
    repo = _repo(tmp_path)
    result = run_cli("fmt", "--diff", "ugly.yaml", cwd=repo)
    assert result.returncode == 1
    assert "--- ugly.yaml\t(original)" in result.stdout
    assert "-title: 'T'" in result.stdout and "+title: T" in result.stdout
    assert "\x1b[" not in result.stdout  # NO_COLOR


def test_fmt_rewrites_and_leaves_unchanged_files_untouched(run_cli, tmp_path) -> None:
    repo = _repo(tmp_path)
    untouched = (repo / "minimal.yaml").stat().st_mtime_ns
    result = run_cli("fmt", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert (repo / "ugly.yaml").read_text(encoding="utf-8") == CANONICAL
    assert (repo / "minimal.yaml").stat().st_mtime_ns == untouched
    assert not list(repo.glob(".*.tmp"))
    again = run_cli("fmt", "--check", cwd=repo)  # from the cache
    assert again.returncode == 0 and "2 maps already formatted" in again.stdout


def test_standard_input_to_standard_output(run_cli) -> None:
    result = run_cli("fmt", "-", input=UGLY)
    assert result.returncode == 0 and result.stdout == CANONICAL


def test_invalid_yaml_is_reported_and_left_alone(run_cli, tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cjmap: 1\ntitle: [unclosed\nsteps: [A]\n", encoding="utf-8")
    result = run_cli("fmt", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:3:" in result.stderr and "Traceback" not in result.stderr
    assert bad.read_text(encoding="utf-8").startswith("cjmap: 1\ntitle: [unclosed")
