"""cjmap site on a terminal: a progress bar while many maps build, and none in CI; piped, one
summary line (tests/site/test_build.py)."""

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

MAP = "cjmap: 1\ntitle: Map {n}\nsteps: [Looks, Buys]\n"


def _on_a_terminal(cwd: Path, env: dict[str, str]) -> str:
    """What ``cjmap site`` prints with its standard error on a pseudo-terminal."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cjmap", "site", ".", "--today",
                                "2026-06-01"], cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the program is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def many(tmp_path: Path) -> Path:
    for n in range(60):
        (tmp_path / f"map-{n:02}.yaml").write_text(MAP.format(n=n), encoding="utf-8")
    return tmp_path


def _environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("CI", "NO_COLOR")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", **extra}


def test_a_progress_bar_on_a_terminal(many: Path) -> None:
    printed = _on_a_terminal(many, _environment())
    assert "building maps" in printed and "60/60" in printed
    assert printed.rstrip().endswith("site: 60 maps (0 invalid), 193 files written, 0 removed, "
                                     "in _site")


def test_no_progress_bar_in_ci(many: Path) -> None:
    printed = _on_a_terminal(many, _environment(CI="true"))
    assert printed.strip() == ("cjmap: site: 60 maps (0 invalid), 193 files written, 0 removed, "
                               "in _site")
