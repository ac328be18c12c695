"""Writing output files whole or not at all, without breaking what the path names."""

import os
import stat
import threading
from pathlib import Path

import pytest

from cjmap.files.atomicfile import Tree, write_bytes_atomically, write_text_atomically


def test_a_new_file_gets_shareable_permissions_and_no_temporary_is_left(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "map.svg"
    old = os.umask(0o022)
    try:
        write_bytes_atomically(target, b"<svg/>")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"<svg/>"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["map.svg"]


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    target.write_text("old")
    target.chmod(0o600)
    write_text_atomically(target, "nuevo — ñ")
    assert target.read_text(encoding="utf-8") == "nuevo — ñ"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_symbolic_link_stays_a_link_to_the_rewritten_file(tmp_path: Path) -> None:
    real = tmp_path / "site" / "journey.html"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.html"
    link.symlink_to(real)
    write_text_atomically(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_named_pipe_like_dev_stdout_is_written_to_and_stays_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    received: list[bytes] = []
    # A daemon: if the pipe were replaced by a file, the reader would wait forever.
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    write_bytes_atomically(pipe, b"graph {}")
    reader.join(timeout=10)
    assert received == [b"graph {}"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.write_text("old")

    with pytest.raises(TypeError):
        write_bytes_atomically(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_a_read_only_file_is_refused_unless_forced_even_for_root(tmp_path: Path) -> None:
    # os.access() grants root every write; the mode bits alone must stop it.
    target = tmp_path / "report.sarif"
    target.write_text("old")
    target.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only; --force replaces it"):
        write_text_atomically(target, "new")
    assert target.read_text() == "old"
    write_text_atomically(target, "new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]


def test_inside_a_root_a_link_in_the_files_place_is_replaced_not_written_through(
        tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("secret")
    link = tmp_path / "out" / "maps" / "a.svg"
    link.parent.mkdir(parents=True)
    link.symlink_to(victim)
    write_bytes_atomically(link, b"<svg/>", root=tmp_path / "out")
    assert victim.read_text() == "secret"
    assert not link.is_symlink() and link.read_bytes() == b"<svg/>"


@pytest.mark.parametrize("planted", ["link to a directory", "dangling link", "file"])
def test_inside_a_root_a_directory_on_the_way_must_be_a_real_one(tmp_path: Path,
                                                                   planted: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    maps = tmp_path / "out" / "maps"
    maps.parent.mkdir()
    if planted == "file":
        maps.write_text("not a directory")
    else:
        if planted == "link to a directory":
            elsewhere.mkdir()
        maps.symlink_to(elsewhere / "new" if planted == "dangling link" else elsewhere)
    with pytest.raises(OSError) as raised:
        write_bytes_atomically(maps / "deep" / "a.svg", b"<svg/>", root=tmp_path / "out")
    assert raised.value.strerror == (f"{maps} is not a directory" if planted == "file" else
                                     f"{maps} is a symbolic link, and cjmap writes nothing "
                                     "through a link it did not make: remove the link")
    # Nothing is made through the link: no file, no directory along a dangling target.
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == sorted(
        ["out", "out/maps"] + (["elsewhere"] if planted == "link to a directory" else []))


def test_inside_a_root_missing_directories_are_made_and_the_root_itself_is_followed(
        tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "site").symlink_to(real)  # the user named it: followed
    write_text_atomically(tmp_path / "site" / "a" / "b" / "map.md", "# Map\n",
                          root=tmp_path / "site")
    assert (real / "a" / "b" / "map.md").read_text() == "# Map\n"
    with pytest.raises(ValueError, match="not a file inside"):
        write_text_atomically(tmp_path / "site" / ".." / "x.md", "", root=tmp_path / "site")


def test_a_tree_opens_each_folder_once_and_follows_no_link_swapped_in_later(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    descriptors = len(list(Path("/proc/self/fd").iterdir()))
    with Tree(out) as tree:
        tree.write(out / "maps" / "a.html", b"a")
        # The folder written into is moved away and a link put in its place: the tree goes on
        # writing into the folder it checked, never through the link.
        (out / "maps").rename(out / "moved")
        (out / "maps").symlink_to(elsewhere)
        tree.write(out / "maps" / "b.html", b"b")
        tree.write(out / "index.html", b"i")
        with pytest.raises(ValueError, match="not a file inside"):
            tree.write(out / ".." / "x.html", b"")
    assert sorted(p.name for p in (out / "moved").iterdir()) == ["a.html", "b.html"]
    assert list(elsewhere.iterdir()) == []
    assert (out / "index.html").read_bytes() == b"i"
    # Closed: its folders' descriptors are given back.
    assert len(list(Path("/proc/self/fd").iterdir())) == descriptors
