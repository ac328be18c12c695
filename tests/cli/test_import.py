"""``cjmap import`` as a user runs it: formats guessed, one map or one per journey, nothing
overwritten without --force, positioned errors, and every map written valid and formatted."""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT

SOURCES = ROOT / "tests" / "author" / "importers" / "sources"
Run = Callable[..., subprocess.CompletedProcess[str]]


def _valid_and_formatted(run_cli: Run, *maps: Path) -> None:
    checked = run_cli("validate", "--no-cache", *map(str, maps))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    formatted = run_cli("fmt", "--check", "--no-cache", *map(str, maps))
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    linted = run_cli("lint", "--no-cache", "--format", "concise", *map(str, maps))
    assert ": error:" not in linted.stdout


def test_a_diagram_to_a_file(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "day.yaml"
    done = run_cli("import", str(SOURCES / "working-day.mmd"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "working-day.mmd:2:1: note: accTitle" in done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[1] == "# Imported from working-day.mmd (mermaid) by 'cjmap import'."
    _valid_and_formatted(run_cli, out)
    again = run_cli("import", str(SOURCES / "working-day.mmd"), "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert run_cli("import", str(SOURCES / "working-day.mmd"), "-o", str(out),
                   "--force").returncode == 0


def test_several_journeys_into_a_directory_or_the_first(run_cli: Run, tmp_path: Path) -> None:
    done = run_cli("import", str(SOURCES / "languages.md"), "-d", str(tmp_path / "maps"))
    assert done.returncode == 0, done.stderr
    maps = sorted((tmp_path / "maps").glob("*.yaml"))
    assert len(maps) == 4
    _valid_and_formatted(run_cli, *maps)
    first = run_cli("import", str(SOURCES / "languages.md"))
    assert first.returncode == 0
    assert "title: Заказ билета на поезд" in first.stdout
    assert "holds 4 journeys: imported the first" in first.stderr
    assert "3 left" in first.stderr


def test_stdin_and_content_sniffing(run_cli: Run, tmp_path: Path) -> None:
    mermaid = run_cli("import", "-", input=(SOURCES / "working-day.mmd").read_text())
    assert mermaid.returncode == 0 and "title: My working day" in mermaid.stdout
    renamed = tmp_path / "export.json"
    shutil.copy(SOURCES / "clinic.ojf", renamed)
    done = run_cli("import", str(renamed), "-o", str(tmp_path / "clinic.yaml"))
    assert done.returncode == 0, done.stderr
    _valid_and_formatted(run_cli, tmp_path / "clinic.yaml")
    unknown = run_cli("import", "-", input="hello\n")
    assert unknown.returncode == 2 and "--from" in unknown.stderr


@pytest.mark.parametrize(("name", "expected"), [
    ("semicolon.mmd", "semicolon.mmd:4:9: error: Mermaid's journey grammar has no ';'"),
    ("not-journeys.md", "not-journeys.md:1:1: error: no journey diagram found"),
    ("unknown-stage.ojf", "unknown-stage.ojf:5:17: error: the node's stageId"),
    ("broken.ojf", "broken.ojf:4:3: error: not JSON"),
])
def test_a_source_that_is_not_what_it_claims_exits_1(run_cli: Run, name: str,
                                                       expected: str) -> None:
    done = run_cli("import", name, cwd=SOURCES)
    assert done.returncode == 1
    assert done.stderr.startswith(expected), done.stderr
    assert "hint:" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_usage_errors_exit_2(run_cli: Run, tmp_path: Path) -> None:
    source = str(SOURCES / "working-day.mmd")
    assert run_cli("import", source, "-o", "x", "-d", str(tmp_path)).returncode == 2
    assert run_cli("import", source, "--all").returncode == 2
    assert run_cli("import", str(tmp_path / "missing.mmd")).returncode == 2
    assert run_cli("import", source, "--column", "novalue").returncode == 2


def test_the_installed_script_imports(tmp_path: Path) -> None:
    script = shutil.which("cjmap", path=str(Path(sys.executable).parent))
    assert script is not None
    done = subprocess.run([script, "import", str(SOURCES / "coffee-maker.ojf"),
                           "--column", "Gut feeling=thoughts", "--lang", "es"],
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
                          check=False, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert "lang: es" in done.stdout and "Backlog" in done.stderr
