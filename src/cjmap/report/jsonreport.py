"""Machine-readable output: a versioned shape documented in docs/cli.md."""

import json
from collections.abc import Sequence
from typing import Any, TextIO

from cjmap import __version__
from cjmap.diagnostics import FileReport, Severity

SCHEMA_VERSION = 1


def document(reports: Sequence[FileReport], command: str) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "cjmap", "version": __version__},
        "command": command,
        "summary": {
            "files": len(reports),
            "valid": sum(1 for r in reports if r.ok),
            "invalid": sum(1 for r in reports if not r.ok),
            "errors": sum(r.count("error") for r in reports),
            "warnings": sum(r.count("warning") for r in reports),
            "infos": sum(r.count("info") for r in reports),
        },
        "files": [
            {"path": r.path, "valid": r.ok,
             "diagnostics": [d.to_dict() for d in r.diagnostics]}
            for r in reports
        ],
    }


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool, fail_on: Severity) -> None:
    # One write: json.dump() writes piece by piece, several times slower on a large run.
    stream.write(json.dumps(document(reports, command), ensure_ascii=False, indent=2) + "\n")
