"""The exit codes of every cjmap command, in one place."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # a map is invalid, or lint findings at or above --fail-on
    USAGE = 2  # bad options or configuration, a path that cannot be read, an internal error
