"""Where a finding is, said the way CI systems want it: paths relative to the repository root
and fingerprints that survive edits elsewhere in the file."""

import hashlib
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from cjmap.diagnostics import Diagnostic, FileReport
from cjmap.parse.source import STDIN_NAME

# Names the loader gives text that has no file; they have no place in a repository.
NOT_FILES = frozenset({STDIN_NAME, "<string>", "-"})


def is_file(path: str) -> bool:
    return path not in NOT_FILES


# The checkout a CI job runs in: annotations and reports name files relative to it.
_WORKSPACES = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")


def root() -> str:
    """The directory paths are relative to: the CI checkout when cjmap runs inside it (a job
    may ``cd`` into a subdirectory, but GitHub and GitLab place files by their path from the
    repository root), else the working directory."""
    cwd = os.getcwd()  # noqa: PTH109 - a str, for the cache below
    for variable in _WORKSPACES:
        workspace = os.environ.get(variable)
        if workspace and _inside(cwd, os.path.normpath(workspace)):
            return os.path.normpath(workspace)
    return cwd


def _inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def relative_path(path: str) -> str:
    """``path`` relative to :func:`root`, with forward slashes; a path outside it stays
    absolute, since ``..`` would name a different file on the machine that reads the report."""
    if not is_file(path):
        return path
    return _relative(path, os.getcwd(), root())  # noqa: PTH109


# Every finding of a file asks for the same path; a large run has thousands.
@lru_cache(maxsize=4096)
def _relative(path: str, cwd: str, base: str) -> str:
    # normpath, not resolve(): a map reached through a symlink keeps the name it was given.
    absolute = os.path.normpath(os.path.join(cwd, path))  # noqa: PTH118
    if _inside(absolute, base) and absolute != base:
        return Path(os.path.relpath(absolute, base)).as_posix()
    return Path(absolute).as_posix()


def fingerprint(diagnostic: Diagnostic, occurrence: int) -> str:
    """A stable identity for a finding: its rule, its file and the JSON pointer of its node.

    Lines are left out on purpose, so that editing another part of the map does not turn every
    finding below into a "new" one. ``occurrence`` tells apart several findings of one rule on
    one node.
    """
    key = "\0".join((diagnostic.code, relative_path(diagnostic.path), diagnostic.pointer,
                     str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def fingerprinted(reports: Sequence[FileReport]) -> Iterator[tuple[Diagnostic, str]]:
    """Every diagnostic of ``reports``, in order, with its fingerprint."""
    for report in reports:
        seen: dict[tuple[str, str], int] = {}
        for diagnostic in report.diagnostics:
            key = (diagnostic.code, diagnostic.pointer)
            seen[key] = seen.get(key, 0) + 1
            yield diagnostic, fingerprint(diagnostic, seen[key] - 1)
