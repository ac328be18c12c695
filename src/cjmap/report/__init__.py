"""Reporters turn file reports into output; ``REPORTERS`` maps each ``--format`` name to one.

Each format is a module of this package with a ``report`` function, imported only when its
format is asked for, so that the formats nobody uses cost nothing at start-up.
"""

import importlib
from collections.abc import Callable, Sequence
from typing import Protocol, TextIO, cast

from cjmap.diagnostics import FileReport


class Reporter(Protocol):
    def __call__(self, reports: Sequence[FileReport], stream: TextIO, *, command: str,
                 quiet: bool) -> None: ...


# --format name → (module, what it is for); the order is the one --help and the docs show.
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "for people: grouped by file, each finding with its line and a caret"),
    "concise": ("concise", "one line per finding: path:line:col: severity [rule] message"),
    "json": ("jsonreport", "a versioned JSON document: summary plus diagnostics"),
    "github": ("github", "GitHub Actions annotations, then the text report"),
    "sarif": ("sarif", "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers"),
    "junit": ("junit", "JUnit XML: a test suite per file, a failing test case per finding"),
    "gitlab": ("gitlab", "GitLab Code Quality JSON, for merge request widgets"),
}


def _loader(module: str) -> Callable[[], Reporter]:
    def load() -> Reporter:
        return cast(Reporter, importlib.import_module(f"cjmap.report.{module}").report)

    return load


REPORTERS: dict[str, Callable[[], Reporter]] = {
    name: _loader(module) for name, (module, _) in FORMATS.items()
}
