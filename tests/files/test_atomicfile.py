"""Writing output files whole or not at all, without breaking what the path names."""

import os
import stat
import threading
from pathlib import Path

import pytest

from cjmap.files.atomicfile import write_bytes_atomically, write_text_atomically


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
