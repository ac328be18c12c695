"""Discovery on real trees: what is found, in which order, what is left out, and the bytes it
hands on to the cache check."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from cjmap.files.discovery import discover

MAP = "cjmap: 1\ntitle: T\nsteps: [{name: S}]\n"
ROOT = Path(__file__).parents[2]


def write(path: Path, text: str = MAP) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def names(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


def test_a_directory_s_files_come_before_its_subdirectories_each_by_name(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "sub/z.yaml", "sub/deeper/c.yaml", "sub2/a.yaml",
                 "notes.txt", "other.yaml"):
        write(tmp_path / name, "x: 1\n" if name == "other.yaml" else MAP)
    found = discover([tmp_path])
    assert names(found.files, tmp_path) == [
        "a.yml", "b.yaml", "sub/z.yaml", "sub/deeper/c.yaml", "sub2/a.yaml"]


def test_hidden_vendored_and_ignored_directories_are_skipped(tmp_path: Path) -> None:
    for name in (".git/a.yaml", "node_modules/a.yaml", "venv/a.yaml", "drafts/a.yaml",
                 "team/old/a.yaml", "team/keep.yaml", "team/scratch.yaml", "kept.yaml"):
        write(tmp_path / name)
    write(tmp_path / ".gitignore", "drafts/\n")
    write(tmp_path / "team/.gitignore", "old/\nscratch.yaml\n")
    assert names(discover([tmp_path]).files, tmp_path) == ["kept.yaml", "team/keep.yaml"]


def test_links_are_listed_once_and_linked_directories_not_walked(tmp_path: Path) -> None:
    write(tmp_path / "maps/a.yaml")
    (tmp_path / "maps/alias.yaml").symlink_to("a.yaml")
    (tmp_path / "elsewhere").symlink_to("maps", target_is_directory=True)
    (tmp_path / "maps/loop.yaml").symlink_to("loop.yaml")  # reported by the loader, not lost
    found = discover([tmp_path, tmp_path / "maps/a.yaml"])
    assert names(found.files, tmp_path) == ["maps/a.yaml", "maps/loop.yaml"]


def test_what_is_no_regular_file_or_only_looks_like_a_map_is_set_aside(tmp_path: Path) -> None:
    write(tmp_path / "map.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")  # reading it would wait for ever
    write(tmp_path / "nearly.yaml", "cjamp: 1\ntitle: T\nsteps: []\n")
    found = discover([tmp_path])
    assert names(found.files, tmp_path) == ["map.yaml"]
    assert [(path.name, kind) for path, kind in found.special] == [
        ("pipe.yaml", "a named pipe (FIFO)")]
    [miss] = found.near_misses
    assert (miss.path.name, miss.line, miss.written) == ("nearly.yaml", 1, "cjamp")


def test_the_bytes_of_maps_read_whole_are_handed_on(tmp_path: Path) -> None:
    small = write(tmp_path / "tree/small.yaml", "cjmap: 1\r\ntitle: Café\r\n")
    large = write(tmp_path / "tree/large.yaml", MAP + "# padding\n" * 10_000)  # past 64 KiB
    named = write(tmp_path / "named.yaml")  # named, not found: not read by discovery
    found = discover([tmp_path / "tree", named])
    assert found.contents == {small: small.read_bytes()}  # line ends as written
    assert found.files == [large, small, named]


def test_a_cached_run_reads_each_map_once(run_cli, tmp_path: Path) -> None:
    """The warm path: discovery's bytes decide the hit; a map is not opened a second time."""
    for index in range(3):
        write(tmp_path / f"m{index}.yaml")
    assert run_cli("validate", ".", cwd=tmp_path).returncode == 0
    trace = tmp_path / "opened.txt"
    # cjmap run with every file opening (os.open, open, pathlib's io.open) written down.
    script = textwrap.dedent(f"""
        import builtins, io, os, runpy, sys
        seen = open({str(trace)!r}, "w")
        real_os_open, real_open = os.open, io.open
        def os_open(path, *args, **kwargs):
            seen.write(os.fspath(path) + "\\n")
            return real_os_open(path, *args, **kwargs)
        def any_open(path, *args, **kwargs):
            if isinstance(path, (str, os.PathLike)):
                seen.write(os.fspath(path) + "\\n")
            return real_open(path, *args, **kwargs)
        os.open, builtins.open, io.open = os_open, any_open, any_open
        sys.argv = ["cjmap", "validate", "."]
        try:
            runpy.run_module("cjmap", run_name="__main__")
        finally:
            seen.close()
        """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    opened = [Path(line).name for line in trace.read_text().splitlines()]
    assert sorted(name for name in opened if name in {"m0.yaml", "m1.yaml", "m2.yaml"}) == [
        "m0.yaml", "m1.yaml", "m2.yaml"]


def test_a_change_to_a_persona_file_a_map_names_is_seen_by_the_cache(
        run_cli, tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests/maps/valid/online-course.yaml", tmp_path)
    shutil.copytree(ROOT / "tests/maps/valid/personas", tmp_path / "personas")
    for _ in range(2):  # filling the cache, then from it
        assert run_cli("validate", "online-course.yaml", cwd=tmp_path).returncode == 0
    persona = tmp_path / "personas/laura.yaml"
    persona.write_text(persona.read_text(encoding="utf-8").replace(
        "participation: buyer", "participation: astronaut"), encoding="utf-8")
    again = run_cli("validate", "online-course.yaml", cwd=tmp_path)
    assert again.returncode == 1 and "astronaut" in again.stdout + again.stderr


@pytest.mark.parametrize("command", ["validate", "lint", "fmt --check"])
def test_warm_runs_answer_as_cold_ones(run_cli, tmp_path: Path, command: str) -> None:
    write(tmp_path / "good.yaml")
    write(tmp_path / "sub/bad.yaml", "cjmap: 1\ntitle:    T\nsteps: [{name: S, emotion: 9}]\n")
    cold = run_cli(*command.split(), "--no-cache", ".", cwd=tmp_path)
    filling = run_cli(*command.split(), ".", cwd=tmp_path)
    warm = run_cli(*command.split(), ".", cwd=tmp_path)
    assert cold.returncode != 0
    assert (cold.returncode, cold.stdout) == (filling.returncode, filling.stdout) \
        == (warm.returncode, warm.stdout)


def test_a_file_the_caller_knows_unchanged_is_kept_without_being_read(tmp_path: Path) -> None:
    """``known`` is asked about each regular YAML file, with its status, before it is read: a
    file it knows is kept unread (so its bytes are not handed on, and a file that has since
    stopped being a map is still kept: the caller's word is taken), the others are sniffed."""
    known_map, other_map = write(tmp_path / "a.yaml"), write(tmp_path / "b.yaml")
    no_longer = write(tmp_path / "c.yaml", "x: 1\n")
    write(tmp_path / "d.yaml", "x: 1\n")
    asked: dict[str, os.stat_result] = {}

    def known(path: Path, status: os.stat_result) -> bool:
        asked[path.name] = status
        return path in (known_map, no_longer)

    found = discover([tmp_path], known=known)
    assert names(found.files, tmp_path) == ["a.yaml", "b.yaml", "c.yaml"]
    assert sorted(asked) == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
    assert asked["a.yaml"].st_ino == known_map.stat().st_ino
    assert set(found.contents) == {other_map}
