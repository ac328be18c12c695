"""Every ```console block in README.md and docs/*.md is run and must print what it shows.

A block holds one or more ``$ command`` lines, each followed by its exact output (colour off,
from the repository root). Commands run in a shell, so pipes work; ``cjmap`` is the installed
command. Use ```sh for snippets that are not meant to be run here (installs, CI set-ups).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _examples() -> list[tuple[str, str, str]]:
    found = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in BLOCK.findall(doc.read_text(encoding="utf-8")):
            command, output = None, []
            for line in block.splitlines():
                if line.startswith("$ "):
                    if command is not None:
                        found.append((doc.name, command, "\n".join(output)))
                    command, output = line[2:], []
                else:
                    output.append(line)
            if command is not None:
                found.append((doc.name, command, "\n".join(output)))
    return found


EXAMPLES = _examples()


def test_docs_have_console_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("doc", "command", "expected"), EXAMPLES,
                         ids=[f"{doc}: {command}" for doc, command, _ in EXAMPLES])
def test_console_example(doc: str, command: str, expected: str, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(command, shell=True, capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=120, encoding="utf-8")
    printed = (result.stdout + result.stderr).rstrip("\n")
    assert [line.rstrip() for line in printed.splitlines()] == \
        [line.rstrip() for line in expected.rstrip("\n").splitlines()], f"{doc}: $ {command}"
