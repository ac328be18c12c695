"""Nothing from a map or a file name reaches the terminal as a control: every line cjmap prints
(reports, errors, summaries, file lists) shows escape sequences, bells and bidi overrides as
inert pictures."""

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import require

# ESC and CSI (7- and 8-bit), an OSC title change ended by BEL, a bare bell, bidi overrides.
HOSTILE = "\x1b[31mred\x9b2J\x1b]0;owned\x07bell\x07\u202eevil\u2066"
CONTROLS = ["\x1b", "\x9b", "\x07", "\u202e", "\u2066"]
NAME = f"map{HOSTILE}.yaml"
MAP = f'cjmap: 1\ntitle: "T {HOSTILE.encode("unicode_escape").decode()}"\nsteps: [A]\n'


def inert(text: str) -> bool:
    return not any(control in text for control in CONTROLS)


@pytest.fixture
def hostile_map(tmp_path: Path) -> Path:
    path = tmp_path / NAME
    path.write_text(MAP, encoding="utf-8")
    return path


def test_render_summary_shows_the_file_name_inert(run_cli, tmp_path, hostile_map):
    done = run_cli("render", "-f", "dot", NAME, "-o", f"out{HOSTILE}.dot", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"out{HOSTILE}.dot").is_file()
    assert inert(done.stderr) and done.stderr.startswith("rendered map␛[31mred")


def test_show_files_and_missing_files_are_listed_inert(run_cli, tmp_path, hostile_map):
    done = run_cli("lint", "--no-cache", "--show-files", ".", f"gone{HOSTILE}.yaml",
                   cwd=tmp_path)
    assert done.returncode == 2
    assert inert(done.stdout) and inert(done.stderr)
    assert done.stdout.startswith("map␛[31mred") and done.stdout.count("\n") == 1
    assert "cjmap: gone␛[31mred" in done.stderr and "no such file or directory" in done.stderr


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_reports_of_a_hostile_file_are_inert(run_cli, tmp_path, command):
    (tmp_path / NAME).write_text(MAP + "  - name: B\n    emotion: 9\n", encoding="utf-8")
    done = run_cli(command, "--no-cache", NAME, cwd=tmp_path)
    assert done.returncode != 0
    assert inert(done.stdout) and inert(done.stderr) and "map␛[31mred" in done.stdout


def test_unknown_rule_is_quoted_inert(run_cli):
    done = run_cli("rule", HOSTILE)
    assert done.returncode == 2 and inert(done.stderr) and "unknown rule '␛[31mred" in done.stderr


def test_what_graphviz_says_about_a_label_is_passed_on_inert(run_cli, tmp_path, hostile_map):
    # Graphviz quotes the offending label in its errors; this dot does the same with all of it,
    # so every character of the map's text passes through cjmap's error path.
    require("dot", "the error path is the one Graphviz's failures take")
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: bad label in line 2' >&2\ncat >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    done = run_cli("render", "-f", "svg", NAME, "-o", "out.svg", cwd=tmp_path,
                   env={"PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"})
    assert done.returncode == 2
    assert "Graphviz failed to draw the map" in done.stderr and "T ␛[31mred" in done.stderr
    assert inert(done.stderr)
    # Each line of Graphviz's message is one line of cjmap's.
    assert all(line.startswith("cjmap: ") for line in done.stderr.splitlines()[:-1])

