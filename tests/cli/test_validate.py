"""``cjmap validate`` as users run it: formats, colour, stdin, discovery, parallel runs."""

import json
import os
import pty
import subprocess
import sys

import pytest

from tests.conftest import ROOT, installed

BAD = "cjmap: 1\ntitle: Broken\nsteps:\n  - name: Searches\n    emotion: 7\n"
GOOD = "cjmap: 1\ntitle: Fine\nsteps: [Searches, Buys]\n"


def test_text_report_shows_line_caret_hint_and_summary(run_cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD + "    touchpoint: [Blog]\n")
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert result.stdout == (
        f"{path}:5:14: error: 'emotion' must be at most 2, not 7 [schema]\n"
        "  5 |     emotion: 7\n"
        "    |              ^\n"
        "\n"
        f"{path}:6:5: error: unknown key 'touchpoint' in this step [schema]\n"
        "  6 |     touchpoint: [Blog]\n"
        "    |     ^^^^^^^^^^\n"
        "  hint: did you mean 'touchpoints'?\n"
        "\n"
        "✗ 2 errors, 0 warnings in 1 of 1 file\n"
    )


def test_quiet_prints_only_problems(run_cli, tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    assert run_cli("validate", "-q", str(tmp_path)).stdout == ""
    (tmp_path / "bad.yaml").write_text(BAD)
    result = run_cli("validate", "--quiet", str(tmp_path))
    assert result.returncode == 1
    assert "✗" not in result.stdout and "bad.yaml:5:14" in result.stdout


def test_json_report_shape(run_cli, tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD)
    (tmp_path / "good.yaml").write_text(GOOD)
    result = run_cli("validate", "--format", "json", str(tmp_path))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["tool"]["name"] == "cjmap"
    assert report["command"] == "validate"
    assert report["summary"] == {"files": 2, "valid": 1, "invalid": 1, "errors": 1,
                                 "warnings": 0, "infos": 0}
    bad, good = report["files"]
    assert good == {"path": str(tmp_path / "good.yaml"), "valid": True, "diagnostics": []}
    assert bad["diagnostics"] == [{
        "path": str(tmp_path / "bad.yaml"), "line": 5, "column": 14, "end_line": 5,
        "end_column": 15, "code": "schema", "severity": "error",
        "message": "'emotion' must be at most 2, not 7", "hint": None,
        "pointer": "/steps/0/emotion/score",
    }]


def test_stdin(run_cli):
    result = run_cli("validate", "-", input=BAD)
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:5:14: error:")
    assert run_cli("validate", "-", input=GOOD).returncode == 0


def _run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Output of the CLI with a pseudo-terminal as its stdout, as a person would see it."""
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cjmap", *args], stdout=child,
                               stderr=child, env={**os.environ, **env}, cwd=ROOT)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_only_and_never_with_no_color(tmp_path, run_cli):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    coloured = _run_on_a_terminal(["validate", str(path)], {**env, "TERM": "xterm"})
    assert "\x1b[1;31merror\x1b[0m" in coloured
    plain = _run_on_a_terminal(["validate", str(path)], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in plain and "error:" in plain
    piped = run_cli("validate", str(path), env={"NO_COLOR": ""})
    assert "\x1b[" not in piped.stdout


def test_directories_hold_maps_and_other_yaml(run_cli, tmp_path):
    (tmp_path / "journey.yaml").write_text(GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.yml").write_text("# a map\ncjmap: 1\ntitle: Sub\nsteps: [a]\n")
    (tmp_path / "sub" / "workflow.yaml").write_text("on: push\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "map.yaml").write_text(BAD)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "map.yaml").write_text(BAD)
    (tmp_path / ".gitignore").write_text("build/\n")
    result = run_cli("validate", "--format", "json", str(tmp_path))
    assert result.returncode == 0, result.stdout
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [str(tmp_path / "journey.yaml"), str(tmp_path / "sub" / "other.yml")]


def test_the_cjmap_key_is_looked_for_in_the_first_mebibyte(tmp_path):
    from cjmap.files.discovery import discover

    comment = b"# " + b"x" * 97 + b"\n"  # 100 bytes
    for name, lines in (("top", 0), ("after-100k", 1_000), ("after-1m", 10_500)):
        (tmp_path / f"{name}.yaml").write_bytes(comment * lines + GOOD.encode())
    found = discover([tmp_path]).files
    assert [path.name for path in found] == ["after-100k.yaml", "top.yaml"]


def test_default_path_is_the_current_directory(run_cli, tmp_path):
    (tmp_path / "journey.yaml").write_text(GOOD)
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert "✓ 1 map checked, no problems" in result.stdout


def test_explicit_file_is_checked_whatever_its_name(run_cli, tmp_path):
    path = tmp_path / "journey.txt"
    path.write_text(BAD)
    assert run_cli("validate", str(path)).returncode == 1


def test_parallel_run_reports_like_a_serial_one(run_cli, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    generate.write_corpus(tmp_path, 60, seed=7, invalid_every=7)
    serial = run_cli("validate", "--format", "json", "-j", "1", str(tmp_path))
    parallel = run_cli("validate", "--format", "json", "-j", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert json.loads(serial.stdout)["summary"]["invalid"] == 8


def test_usage_errors_exit_2(run_cli):
    result = run_cli("validate", "--format", "xml", "examples")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
    assert run_cli("validate", "--jobs", "0").returncode == 2


def test_version_and_help(run_cli):
    assert run_cli("--version").stdout.startswith("cjmap ")
    help_text = run_cli("validate", "--help").stdout
    for fragment in ("--format", "--quiet", "--jobs", "Exit status", "cjmap validate maps/"):
        assert fragment in help_text


def test_installed_console_script_runs(tmp_path):
    script = installed("cjmap")
    assert script is not None, "the cjmap console script is not installed"
    (tmp_path / "journey.yaml").write_text(GOOD)
    result = subprocess.run([script, "validate", str(tmp_path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0


def test_library_api_without_the_cli(tmp_path):
    import cjmap

    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    result = cjmap.load(path)
    assert not result.ok and result.journey is None
    (diagnostic,) = result.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.code) == (5, 14, "schema")
    assert diagnostic.source_line == "    emotion: 7"
    good = cjmap.load_text(GOOD)
    assert good.ok and good.journey is not None and good.journey.title == "Fine"


def test_an_unchanged_file_is_reported_from_the_cache(run_cli, tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    cold = run_cli("validate", ".", "--no-cache", cwd=tmp_path)
    assert not (tmp_path / ".cjmap_cache").exists()
    for format in ("text", "json"):
        fresh = run_cli("validate", ".", "--format", format, "--no-cache", cwd=tmp_path)
        filling = run_cli("validate", ".", "--format", format, cwd=tmp_path)
        warm = run_cli("validate", ".", "--format", format, cwd=tmp_path)
        assert (filling.returncode, filling.stdout) == (warm.returncode, warm.stdout) \
            == (fresh.returncode, fresh.stdout) == (1, fresh.stdout)
    assert run_cli("validate", ".", cwd=tmp_path).stdout == cold.stdout
    assert "  5 |     emotion: 7\n" in cold.stdout  # source lines come back from the file
    [cache] = (tmp_path / ".cjmap_cache").glob("validate-*.json")
    assert len(json.loads(cache.read_text(encoding="utf-8"))["files"]) == 2
    # A changed file is checked again; a corrupt cache costs a cold run, nothing more.
    (tmp_path / "bad.yaml").write_text(GOOD, encoding="utf-8")
    assert run_cli("validate", ".", cwd=tmp_path).returncode == 0
    cache.write_text('{"format": 1, "key": "', encoding="utf-8")
    assert run_cli("validate", ".", "-q", cwd=tmp_path).returncode == 0


def test_the_cache_sits_beside_the_configuration_and_never_fails_a_run(run_cli, tmp_path):
    (tmp_path / ".cjmap.yaml").write_text("fail-on: error\n", encoding="utf-8")
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "bad.yaml").write_text(BAD, encoding="utf-8")
    assert run_cli("validate", "bad.yaml", cwd=tmp_path / "maps").returncode == 1
    assert list((tmp_path / ".cjmap_cache").glob("validate-*.json"))
    assert not (tmp_path / "maps" / ".cjmap_cache").exists()
    # A cache that cannot be written (a file where its directory should be) is ignored.
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / ".cjmap_cache").write_text("not a directory", encoding="utf-8")
    (tmp_path / "elsewhere" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".cjmap.yaml").unlink()
    result = run_cli("validate", "good.yaml", cwd=tmp_path / "elsewhere")
    assert (result.returncode, result.stderr) == (0, "")


def test_a_planted_cache_file_link_is_replaced_not_written_through(run_cli, tmp_path):
    # The cache file's name is predictable: a link committed in its place must not make
    # validate overwrite the file it points to.
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    assert run_cli("validate", "good.yaml", cwd=tmp_path).returncode == 0
    [cache] = (tmp_path / ".cjmap_cache").glob("validate-*.json")
    cache.unlink()
    victim = tmp_path / "victim"
    victim.write_text("secret", encoding="utf-8")
    cache.symlink_to(victim)
    assert run_cli("validate", "good.yaml", cwd=tmp_path).returncode == 0
    assert victim.read_text(encoding="utf-8") == "secret"
    assert not cache.is_symlink()
    assert len(json.loads(cache.read_text(encoding="utf-8"))["files"]) == 1


@pytest.mark.parametrize("dangling", [False, True])
def test_a_planted_cache_directory_link_is_not_written_through(run_cli, tmp_path, dangling):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    if not dangling:
        elsewhere.mkdir()
    (tmp_path / ".cjmap_cache").symlink_to(elsewhere)
    result = run_cli("validate", "good.yaml", cwd=tmp_path)
    # A cache that cannot be written only costs a cold run.
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / ".cjmap_cache").is_symlink()
    # Nothing in the directory it points to, and no directory made along a dangling one.
    assert (not elsewhere.exists()) if dangling else list(elsewhere.iterdir()) == []
