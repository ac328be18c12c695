"""``cjmap schema``: print the JSON Schema of the map format, of the lint configuration, or of
``cjmap report --format json`` or of ``cjmap diff --format json``."""

import sys
from typing import TextIO

from cjmap.exitcodes import ExitCode


def run(stdout: TextIO = sys.stdout, *, config: bool = False,
        report: bool = False, diff: bool = False) -> ExitCode:
    from cjmap.format.schema import dumps, journey_schema

    if config:
        from cjmap.lint.config import config_schema

        stdout.write(dumps(config_schema()))
    elif report:
        from cjmap.portfolio.document import report_schema

        stdout.write(dumps(report_schema()))
    elif diff:
        from cjmap.compare.schema import diff_schema

        stdout.write(dumps(diff_schema()))
    else:
        stdout.write(dumps(journey_schema()))
    return ExitCode.OK
