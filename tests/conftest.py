"""Shared test fixtures.

Tests that need a system program (Graphviz ``dot``, Chromium, Node.js) skip with a reason on a
developer's machine without it. CI sets ``CJMAP_REQUIRE_TOOLS=1``, which turns those skips into
failures, so a missing install step can never pass unnoticed.
"""

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MERMAID_DIR = ROOT / "tests" / "mermaid"
REQUIRE_TOOLS = os.environ.get("CJMAP_REQUIRE_TOOLS") == "1"


def installed(script: str) -> str | None:
    """A console script of this environment (beside the running Python, whether or not the
    virtualenv is activated), else one on PATH."""
    return shutil.which(script, path=str(Path(sys.executable).parent)) or shutil.which(script)


def require(program: str, why: str) -> str:
    """The path of ``program``; skip (or fail in CI) when it is not installed."""
    found = shutil.which(program)
    if found is None:
        message = f"{program} is not installed ({why})"
        if REQUIRE_TOOLS:
            pytest.fail(message + "; CJMAP_REQUIRE_TOOLS=1 demands it")
        pytest.skip(message)
    return found


def require_mermaid() -> None:
    """Skip (or fail in CI) unless Mermaid's parser can run: Node.js and tests/mermaid's
    packages."""
    require("node", "Mermaid's parser runs under Node.js")
    if not (MERMAID_DIR / "node_modules" / "mermaid").is_dir():
        message = "Mermaid is not installed: run npm ci --prefix tests/mermaid"
        if REQUIRE_TOOLS:
            pytest.fail(message)
        pytest.skip(message)


def parse_mermaid(texts: Sequence[str]) -> list[dict[str, Any]]:
    """What Mermaid's own parser read from each diagram (tests/mermaid/parse.mjs: one Node
    process for all, since starting Mermaid takes seconds)."""
    done = subprocess.run(["node", str(MERMAID_DIR / "parse.mjs")], input=json.dumps(texts),
                          capture_output=True, text=True, timeout=600, check=False,
                          encoding="utf-8")
    if done.returncode != 0:
        raise RuntimeError(f"Mermaid's parser failed: {done.stderr}")
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def example_maps() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real ``cjmap`` command in a subprocess, as a user would."""

    def run(*args: str, input: str | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        full_env.pop("GITHUB_ACTIONS", None)
        return subprocess.run(
            [sys.executable, "-m", "cjmap", *args], capture_output=True, text=True,
            input=input, cwd=cwd or ROOT, env=full_env, timeout=120, encoding="utf-8",
        )

    return run


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, whatever the developer's locale (a Spanish LANG would
    turn cjmap's messages Spanish, in this process and in the programs tests start); a test
    that wants Spanish asks for it, and no language leaks into the next test."""
    from cjmap import i18n

    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright, shared by the tests of a module."""
    chromium = require("chromium", "pages are checked in a real browser")
    from playwright.sync_api import sync_playwright

    from tests.render.test_html import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
