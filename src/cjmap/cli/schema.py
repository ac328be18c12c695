"""``cjmap schema``: print the JSON Schema of the map format, or of the lint configuration."""

import sys
from typing import TextIO

from cjmap.exitcodes import ExitCode


def run(stdout: TextIO = sys.stdout, *, config: bool = False) -> ExitCode:
    from cjmap.format.schema import dumps, journey_schema
    from cjmap.lint.config import config_schema

    stdout.write(dumps(config_schema() if config else journey_schema()))
    return ExitCode.OK
