"""Hostile and broken input through the real CLI: a clear message at the right place, the right
exit code, never a traceback, and a bounded run (the subprocess timeout is the bound)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "cjmap: 1\ntitle: Good map\nsteps:\n  - name: Searches online\n"


def diagnostics(result) -> list[dict]:
    assert "Traceback" not in result.stdout + result.stderr
    return [d for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]


def check(run_cli, path: Path) -> tuple[int, list[dict]]:
    result = run_cli("validate", "--format", "json", str(path))
    return result.returncode, diagnostics(result)


def write(tmp_path: Path, content: bytes | str, name: str = "map.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_empty_file(run_cli, tmp_path):
    code, found = check(run_cli, write(tmp_path, ""))
    assert code == 1
    assert found[0]["message"] == "the file holds no map"
    assert "cjmap: 1" in found[0]["hint"]


def test_only_comments(run_cli, tmp_path):
    code, found = check(run_cli, write(tmp_path, "# nothing here yet\n"))
    assert code == 1 and found[0]["message"] == "the file holds no map"


@pytest.mark.parametrize(("text", "kind"),
                         [("- a\n- b\n", "a list"), ("just text\n", "a single value")])
def test_top_level_not_a_mapping(run_cli, tmp_path, text, kind):
    code, found = check(run_cli, write(tmp_path, text))
    assert code == 1
    assert found[0]["message"] == f"the top level of a map must be a mapping of keys, not {kind}"


def test_latin1_bytes_are_reported_at_their_position(run_cli, tmp_path):
    text = "cjmap: 1\ntitle: Compra\nsteps: [Pregunta al dependiente en la ca\xf1ada]\n"
    code, found = check(run_cli, write(tmp_path, text.encode("latin-1")))
    assert code == 1
    (diagnostic,) = found
    assert diagnostic["code"] == "encoding"
    assert (diagnostic["line"], diagnostic["column"]) == (3, 41)
    assert "byte f1" in diagnostic["message"]
    assert "UTF-8" in diagnostic["hint"]


def test_utf16_is_named(run_cli, tmp_path):
    code, found = check(run_cli, write(tmp_path, GOOD.encode("utf-16")))
    assert code == 1
    assert found[0]["message"] == "file is UTF-16, not UTF-8"


def test_utf8_bom_is_accepted_and_positions_stay_right(run_cli, tmp_path):
    text = "\ufeffcjmap: 1\ntitle: Good\nsteps:\n  - name: Busca\n    emotion: 9\n"
    code, found = check(run_cli, write(tmp_path, text))
    assert code == 1
    assert (found[0]["line"], found[0]["column"]) == (5, 14)


def test_crlf_line_endings_keep_positions(run_cli, tmp_path):
    text = "cjmap: 1\r\ntitle: Good\r\nsteps:\r\n  - name: Busca\r\n    emotoin: 1\r\n"
    result = run_cli("validate", str(write(tmp_path, text)))
    assert result.returncode == 1
    assert "map.yaml:5:5: error: unknown key 'emotoin' in this step" in result.stdout
    assert "    emotoin: 1\n" in result.stdout  # the excerpt carries no stray carriage return
    assert "did you mean 'emotion'?" in result.stdout


def test_tab_indentation(run_cli, tmp_path):
    code, found = check(run_cli, write(tmp_path, "cjmap: 1\ntitle: T\nsteps:\n\t- name: Busca\n"))
    assert code == 1
    assert found[0]["code"] == "yaml-syntax"
    assert found[0]["message"] == "tab character: YAML does not allow tabs for indentation"
    assert (found[0]["line"], found[0]["column"]) == (4, 1)
    assert found[0]["hint"] == "replace the tab with spaces"


def test_duplicate_keys_name_both_places(run_cli, tmp_path):
    code, found = check(run_cli, write(tmp_path, "cjmap: 1\ntitle: A\ntitle: B\nsteps: [x]\n"))
    assert code == 1
    assert found[0]["message"] == "duplicate key 'title' (first defined at line 2, column 1)"
    assert (found[0]["line"], found[0]["column"]) == (3, 1)


def test_billion_laughs_is_refused(run_cli, tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    code, found = check(run_cli, write(tmp_path, "\n".join(lines) + "\n"))
    assert code == 1
    assert found[0]["code"] == "yaml-limit"
    assert found[0]["message"] == "aliases expand to more than 2,000,000 values"


@pytest.mark.parametrize("style", ["flow", "block"])
def test_nesting_ten_thousand_deep(run_cli, tmp_path, style):
    depth = 10_000
    if style == "flow":
        text = "cjmap: 1\nsteps: " + "[" * depth + "]" * depth + "\n"
    else:
        # Compact nested block sequences: "- - - …" (indenting each level would take 100 MB).
        text = "cjmap: 1\nsteps:\n  " + "- " * depth + "x\n"
    code, found = check(run_cli, write(tmp_path, text))
    assert code == 1
    assert found[0]["code"] == "yaml-limit"
    assert found[0]["message"] == "nesting is deeper than 200 levels"


def test_nesting_a_hundred_thousand_deep_does_not_crash(run_cli, tmp_path):
    # PyYAML's own composer overflows the C stack on this; cjmap must answer normally.
    depth = 100_000
    code, found = check(run_cli, write(tmp_path, "[" * depth + "]" * depth + "\n"))
    assert code == 1 and found[0]["code"] == "yaml-limit"


def test_fifty_megabyte_file_is_refused_without_reading_it_all(run_cli, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(GOOD.encode())
        handle.write(b"# padding\n" * (5 * 1024 * 1024))
    code, found = check(run_cli, path)
    assert code == 1
    assert found[0]["code"] == "file-size"
    assert found[0]["message"] == "file is 50 MiB; maps larger than 10 MiB are not read"


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_huge_file_is_never_read_whole(tmp_path, command):
    # A sparse 2 GiB file: reading it whole (for the cache key, say) would take 2 GiB of memory.
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    probe = ("import resource, subprocess, sys\n"
             f"done = subprocess.run([sys.executable, '-m', 'cjmap', {command!r}, "
             f"'--format', 'json', {str(path)!r}], capture_output=True, text=True)\n"
             "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "print(done.stdout)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    status, peak_kib = map(int, result.stdout.splitlines()[0].split())
    report = json.loads("\n".join(result.stdout.splitlines()[1:]))
    assert status == 1
    assert report["files"][0]["diagnostics"][0]["code"] == "file-size"
    assert peak_kib < 300 * 1024


def test_standard_input_past_the_size_limit_is_refused(run_cli):
    result = run_cli("validate", "--format", "json", "-",
                     input=GOOD + "# padding\n" * (1_100 * 1024))
    assert result.returncode == 1
    [found] = diagnostics(result)
    assert (found["code"], found["message"]) == (
        "file-size", "more than 10 MiB on standard input; maps larger than that are not read")


def test_directory_without_maps(run_cli, tmp_path):
    (tmp_path / "ci.yaml").write_text("on: push\njobs: {}\n")
    (tmp_path / "notes.txt").write_text("cjmap: 1\n")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"cjmap: no journey maps found in {tmp_path}" in result.stderr
    assert "top-level 'cjmap:' key" in result.stderr


def test_missing_path(run_cli, tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "nope.yaml:1:1: error: no such file or directory" in result.stdout


def test_missing_path_next_to_an_invalid_map_is_still_a_usage_error(run_cli, tmp_path):
    bad = write(tmp_path, "cjmap: 1\ntitle: x\n")
    result = run_cli("validate", str(bad), str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "missing the required key 'steps'" in result.stdout


def test_broken_symlink_is_unreadable(run_cli, tmp_path):
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "deleted.yaml")
    result = run_cli("validate", str(link))
    assert result.returncode == 2
    assert "gone.yaml:1:1: error: no such file or directory" in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(run_cli, tmp_path):
    path = write(tmp_path, GOOD)
    path.chmod(0)
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert "permission denied" in result.stdout


def test_control_character(run_cli, tmp_path):
    code, found = check(run_cli, write(tmp_path, "cjmap: 1\ntitle: bell\x07\nsteps: [x]\n"))
    assert code == 1
    assert found[0]["code"] == "encoding"
    assert (found[0]["line"], found[0]["column"]) == (2, 12)


def test_unknown_tag(run_cli, tmp_path):
    text = "cjmap: 1\ntitle: !!python/object x\nsteps: [x]\n"
    code, found = check(run_cli, write(tmp_path, text))
    assert code == 1
    assert found[0]["message"] == "unsupported tag tag:yaml.org,2002:python/object"


def test_spanish_and_emoji_simply_work(run_cli, tmp_path):
    text = ("cjmap: 1\ntitle: Compra de zapatillas 🏃‍♀️\nlang: es\nsteps:\n"
            "  - name: ¿Qué zapatillas compro? 👟\n    emotoin: -1\n")
    result = run_cli("validate", str(write(tmp_path, text, "zapatillas-ñ.yaml")))
    assert result.returncode == 1
    assert "zapatillas-ñ.yaml:6:5: error: unknown key 'emotoin' in this step" in result.stdout


@pytest.mark.parametrize("word", ["NO", "no", "yes", "on", "off", "Off", "y", "n", "1:20", "~x"])
def test_yaml_11_lookalikes_stay_text(run_cli, tmp_path, word):
    text = f"cjmap: 1\ntitle: {word}\nsteps:\n  - name: {word}\n    thoughts: [{word}]\n"
    result = run_cli("validate", str(write(tmp_path, text)))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("start", ["%", "@", "`"])
def test_a_reserved_first_character_is_named_and_quoting_suggested(start: str) -> None:
    from cjmap import load_text

    result = load_text(f"cjmap: 1\ntitle: T\nsteps:\n  - name: {start}50 off\n")
    [problem] = result.diagnostics
    assert (problem.line, problem.column, problem.code) == (4, 11, "yaml-syntax")
    assert problem.message == f"YAML syntax error: a value cannot start with '{start}'"
    assert problem.hint == "put the value in quotes"
