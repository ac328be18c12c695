"""A real ``cjmap serve`` for the tests and the benchmark: a subprocess on loopback, with a
port it picks itself, that is always stopped (SIGTERM, then killed) when the test ends."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

_URL = re.compile(r"serving \d+ maps? at (http://\S+/)")


class Server:
    """A running ``cjmap serve``: its URL, and its standard error line by line."""

    def __init__(self, cwd: Path, args: list[str], env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cjmap", "serve", *args], cwd=cwd, text=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})})
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("")  # the end

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        """The first line (from those not read yet) that matches ``pattern``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r}: {self.seen}") from None
            if line == "" and self.process.poll() is not None:
                raise AssertionError(f"cjmap serve ended ({self.process.returncode}) "
                                     f"without {pattern!r}: {self.seen}")
            self.seen.append(line)
            if found := re.search(pattern, line):
                return found

    @property
    def url(self) -> str:
        return next(found[1] for line in self.seen if (found := _URL.search(line)))

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rpartition(":")[2])

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; killed if it does not end."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@contextlib.contextmanager
def serving(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``cjmap serve`` started in ``cwd`` (on a free port unless ``args`` name one), once it
    serves; stopped whatever happens."""
    port = [] if "--port" in args else ["--port", "0"]
    server = Server(cwd, [*args, *port], env)
    try:
        server.wait_for(_URL.pattern)
        yield server
    finally:
        server.stop()


def copy_examples(directory: Path) -> Path:
    """The example maps in ``directory``/maps; ``directory`` is returned."""
    shutil.copytree(ROOT / "examples", directory / "maps")
    return directory


def save(path: Path, text: str) -> None:
    """Write ``path`` as an editor saves it: a new file renamed over the old one."""
    temporary = path.with_name(f".{path.name}.swp~")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
