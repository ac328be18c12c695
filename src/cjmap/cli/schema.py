"""``cjmap schema``: print the JSON Schema of the map format, or of the lint configuration."""

import sys
from typing import TextIO

from cjmap.exitcodes import ExitCode


def run(stdout: TextIO = sys.stdout, *, config: bool = False) -> ExitCode:
    from cjmap.schema import config_schema, dumps, journey_schema

    stdout.write(dumps(config_schema() if config else journey_schema()))
    return ExitCode.OK
