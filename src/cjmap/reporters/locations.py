"""Where a finding is, said the way CI systems want it: paths relative to the working directory
(the repository root in CI) and fingerprints that survive edits elsewhere in the file."""

import hashlib
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from cjmap.diagnostics import Diagnostic, FileReport
from cjmap.source import STDIN_NAME

# Names the loader gives text that has no file; they have no place in a repository.
NOT_FILES = frozenset({STDIN_NAME, "<string>", "-"})


def is_file(path: str) -> bool:
    return path not in NOT_FILES


def relative_path(path: str) -> str:
    """``path`` relative to the working directory, with forward slashes; a path outside the
    working directory stays absolute, since ``..`` would name a different file elsewhere."""
    if not is_file(path):
        return path
    return _relative(path, os.getcwd())  # noqa: PTH109 - a str key for the cache


# Every finding of a file asks for the same path; a large run has thousands.
@lru_cache(maxsize=4096)
def _relative(path: str, cwd: str) -> str:
    # Not resolve(): a map reached through a symlink keeps the name it was given.
    absolute = Path(os.path.join(cwd, path)).absolute()  # noqa: PTH118
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return absolute.as_posix()


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
