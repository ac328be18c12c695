"""Reporters turn file reports into output; ``REPORTERS`` maps each ``--format`` name to one.

Each format is a module of this package with a ``report`` function, imported only when its
format is asked for, so that the formats nobody uses cost nothing at start-up.
"""

import importlib
from collections.abc import Callable, Sequence
from typing import Protocol, TextIO, cast

from cjmap.diagnostics import FileReport, Severity


class Reporter(Protocol):
    """Write ``reports`` to ``stream``.

    ``command`` is the one that checked the files (``validate``, ``lint``); ``quiet`` drops the
    summary of the formats that have one. ``fail_on`` is the run's threshold: findings below it
    are reported but do not fail the run, and a format that has a notion of failure (JUnit's
    failing test cases) must not show them as failures. Severities stay as they are in every
    format: a warning that passes the gate is still a warning.
    """

    def __call__(self, reports: Sequence[FileReport], stream: TextIO, *, command: str,
                 quiet: bool, fail_on: Severity) -> None: ...


# --format name → (module, what it is for); the order is the one --help and the docs show.
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("text", "for people: grouped by file, each finding with its line and a caret"),
    "concise": ("concise", "one line per finding: path:line:col: severity [rule] message"),
    "json": ("jsonreport", "a versioned JSON document: summary plus diagnostics"),
    "github": ("github", "GitHub Actions annotations, then the text report"),
    "sarif": ("sarif", "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers"),
    "junit": ("junit", "JUnit XML: a test suite per file, a test case per finding, failing "
              "at or above --fail-on"),
    "gitlab": ("gitlab", "GitLab Code Quality JSON, for merge request widgets"),
}


def _loader(module: str) -> Callable[[], Reporter]:
    def load() -> Reporter:
        return cast(Reporter, importlib.import_module(f"cjmap.report.{module}").report)

    return load


REPORTERS: dict[str, Callable[[], Reporter]] = {
    name: _loader(module) for name, (module, _) in FORMATS.items()
}
