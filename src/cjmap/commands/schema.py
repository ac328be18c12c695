"""``cjmap schema``: print the JSON Schema of the map format."""

import sys
from typing import TextIO

from cjmap.exitcodes import ExitCode


def run(stdout: TextIO = sys.stdout) -> ExitCode:
    from cjmap.schema import dumps, journey_schema

    stdout.write(dumps(journey_schema()))
    return ExitCode.OK
