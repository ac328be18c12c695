"""Files that are odd as files rather than as maps, through the real CLI: names whose bytes are
not UTF-8, symbolic link loops, FIFOs. Each gets a clear message and the right exit code, never
a traceback or a hang (the subprocess timeout is the bound), and the other files of the run are
still reported."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "cjmap: 1\ntitle: Good map\nsteps:\n  - name: Searches online\n"
BAD = "cjmap: 1\ntitle: Bad map\nsteps:\n  - name: Searches online\n    emotion: 9\n"

# Latin-1 "café.yaml": on Linux the name is bytes, and Python holds the \xe9 as a surrogate.
ODD_NAME = b"caf\xe9.yaml"
SHOWN = "caf\ufffd.yaml"
# Output that cannot encode a surrogate fails rather than escaping it.
STRICT = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}
ENVIRONMENTS = pytest.mark.parametrize("env", [{}, STRICT], ids=["default", "strict-utf8"])


def cjmap(*args: str, cwd: Path, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    """The real command; output as bytes, so that the test decodes it strictly itself."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "cjmap", *args], cwd=cwd, env=full_env,
                          capture_output=True, timeout=timeout, check=False)


def output(result: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert "Traceback" not in stdout + stderr
    return stdout, stderr


def odd_named(directory: Path, content: str) -> Path:
    directory.mkdir(exist_ok=True)
    path = directory / os.fsdecode(ODD_NAME)
    try:
        path.write_bytes(content.encode())
    except OSError as error:  # a file system that insists on UTF-8 names (macOS, some mounts)
        pytest.skip(f"this file system refuses non-UTF-8 names: {error}")
    return path


@ENVIRONMENTS
@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github", "sarif", "junit",
                                 "gitlab"])
def test_an_undecodable_file_name_is_shown_with_a_replacement_character(tmp_path, fmt, env):
    odd_named(tmp_path / "maps", BAD)
    (tmp_path / "maps" / "other.yaml").write_text(BAD, encoding="utf-8")
    result = cjmap("validate", "maps", "--format", fmt, cwd=tmp_path, env=env)
    stdout, stderr = output(result)
    assert result.returncode == 1, stderr
    # SARIF names files by URI, where the character is percent-encoded.
    shown = "caf%EF%BF%BD.yaml" if fmt == "sarif" else SHOWN
    assert shown in stdout
    assert "other.yaml" in stdout
    if fmt == "json":
        paths = [entry["path"] for entry in json.loads(stdout)["files"]]
        assert paths == [f"maps/{SHOWN}", "maps/other.yaml"]


@ENVIRONMENTS
def test_lint_reports_and_lists_an_undecodable_name_from_the_cache_too(tmp_path, env):
    odd_named(tmp_path / "maps", BAD)
    for _ in ("cold", "cached"):
        result = cjmap("lint", "maps", "--format", "concise", cwd=tmp_path, env=env)
        stdout, stderr = output(result)
        assert result.returncode == 1, stderr
        assert stdout.startswith(f"maps/{SHOWN}:5:14: error [schema]")
    listed = cjmap("lint", "maps", "--show-files", cwd=tmp_path, env=env)
    assert output(listed)[0] == f"maps/{SHOWN}\n"


@ENVIRONMENTS
@pytest.mark.parametrize(("fmt", "extension", "mentions_source"),
                         [("html", ".html", True), ("md", ".md", True),
                          ("mermaid", ".mmd", False), ("dot", ".dot", False)])
def test_a_map_with_an_undecodable_name_is_rendered_under_its_real_name(
        tmp_path, env, fmt, extension, mentions_source):
    odd_named(tmp_path, GOOD)
    result = cjmap("render", os.fsdecode(ODD_NAME), "--format", fmt, "--out-dir", "out",
                   cwd=tmp_path, env=env)
    _, stderr = output(result)
    assert result.returncode == 0, stderr
    assert stderr == "rendered 1 map to out/\n"
    # The drawing's file keeps the map's own bytes; only what is shown changes.
    written = ODD_NAME.removesuffix(b".yaml") + extension.encode()
    assert [os.fsencode(path.name) for path in (tmp_path / "out").iterdir()] == [written]
    text = (tmp_path / "out" / os.fsdecode(written)).read_bytes().decode("utf-8")
    assert (SHOWN in text) == mentions_source
    piped = cjmap("render", os.fsdecode(ODD_NAME), "--format", fmt, "-o", "-", cwd=tmp_path,
                  env=env)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.decode("utf-8") == text



def files_of(result: subprocess.CompletedProcess[bytes]) -> dict[str, list[dict[str, object]]]:
    """The JSON report: each file's path → its diagnostics."""
    return {entry["path"]: entry["diagnostics"]
            for entry in json.loads(output(result)[0])["files"]}


def test_a_symbolic_link_loop_named_on_the_command_line_is_a_file_problem(tmp_path):
    (tmp_path / "x.yaml").symlink_to("x.yaml")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = cjmap("validate", "x.yaml", "good.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2  # as for a file that cannot be read
    found = files_of(result)
    assert found["good.yaml"] == []
    (problem,) = found["x.yaml"]
    assert problem["code"] == "file"
    assert problem["message"] == "symbolic link loop: the link leads back to itself"
    assert (problem["line"], problem["column"]) == (1, 1)


def test_symbolic_link_loops_inside_a_directory_are_reported_and_the_rest_checked(tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "self.yaml").symlink_to("self.yaml")
    (maps / "a.yaml").symlink_to("b.yaml")
    (maps / "b.yaml").symlink_to("a.yaml")
    (maps / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = cjmap("validate", "maps", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    found = files_of(result)
    assert found.pop("maps/good.yaml") == []
    assert {path: [d["message"] for d in problems] for path, problems in found.items()} == {
        f"maps/{name}.yaml": ["symbolic link loop: the link leads back to itself"]
        for name in ("a", "b", "self")}
    rendered = cjmap("render", "maps", "--format", "mermaid", "--out-dir", "out", cwd=tmp_path)
    _, stderr = output(rendered)
    assert rendered.returncode == 2
    assert stderr.endswith("rendered 1 map to out/; 3 not rendered\n")
    assert (tmp_path / "out" / "maps" / "good.mmd").is_file()


def test_a_fifo_in_a_directory_is_skipped_and_listed_as_skipped(tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    os.mkfifo(maps / "pipe.yaml")  # reading it would wait for a writer forever
    (maps / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = cjmap("validate", "maps", "--format", "json", cwd=tmp_path, timeout=60)
    assert result.returncode == 0
    assert files_of(result) == {"maps/good.yaml": []}
    listed = cjmap("lint", "maps", "--show-files", cwd=tmp_path, timeout=60)
    stdout, stderr = output(listed)
    assert listed.returncode == 0
    assert stdout == "maps/good.yaml\n"
    assert stderr == "cjmap: maps/pipe.yaml: skipped: a named pipe (FIFO), not a regular file\n"


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_fifo_named_on_the_command_line_is_an_error_not_a_hang(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = cjmap(command, "pipe.yaml", "good.yaml", "--format", "json", cwd=tmp_path,
                   timeout=60)
    assert result.returncode == 2
    found = files_of(result)
    (problem,) = found["pipe.yaml"]
    assert problem["message"] == "is a named pipe (FIFO), not a regular file"
    assert "'-' reads a map from standard input" in str(problem["hint"])
    assert all(d["severity"] != "error" for d in found["good.yaml"])  # checked, and valid
