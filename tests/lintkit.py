"""Helpers shared by the lint engine tests: write a map, lint it in process, read the findings."""

from datetime import date
from pathlib import Path

from cjmap.diagnostics import Diagnostic
from cjmap.lint.config import Settings
from cjmap.lint.engine import lint_file

TODAY = date(2026, 11, 23)

# A valid map with exactly one gap the empty-stage rule finds: 'evaluation' has no steps.
EMPTY_STAGE_MAP = """\
cjmap: 1
title: Buying running shoes
stages: [consideration, evaluation, purchase]
steps:
  - name: Decides to start running
    stage: consideration
  - name: Buys the shoes
    stage: purchase
"""


def write(directory: Path, text: str, name: str = "map.yaml") -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(path: Path, settings: Settings | None = None, **fields: object) -> list[Diagnostic]:
    """The findings of ``path``; ``fields`` build Settings (root: the file's directory)."""
    if settings is None:
        settings = Settings(root=str(path.parent), **fields)  # type: ignore[arg-type]
    return list(lint_file(path, settings, TODAY).diagnostics)


def codes(diagnostics: list[Diagnostic]) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in diagnostics]
