"""GitLab Code Quality: the JSON report a merge request shows as new and fixed findings.

GitLab compares the findings of the merge request with those of its target branch by
fingerprint, so a fingerprint must stay the same while a finding stays (it is built from the
rule, the file and the JSON pointer, not the line) and differ between findings.
"""

import json
from collections.abc import Sequence
from typing import Any, TextIO

from cjmap.diagnostics import Diagnostic, FileReport, Severity
from cjmap.report.codes import VALIDATION_CODES
from cjmap.report.locations import fingerprinted, relative_path
from cjmap.report.text import labelled_hint

# GitLab's scale is info, minor, major, critical, blocker. A map that does not load (an
# error) keeps every other check from running: critical. A gap the linter points out (a
# warning) is major; an observation (info) is info. Blocker is left to the CI policy.
SEVERITIES: dict[str, str] = {"error": "critical", "warning": "major", "info": "info"}


def issue(diagnostic: Diagnostic, fingerprint: str) -> dict[str, Any]:
    description = diagnostic.message
    if diagnostic.hint:
        description += f" ({labelled_hint(diagnostic.hint)})"
    return {
        "type": "issue",
        "check_name": diagnostic.code,
        "description": description,
        # Code Climate's categories, which GitLab ignores but other consumers of the format read.
        "categories": ["Bug Risk" if diagnostic.code in VALIDATION_CODES else "Clarity"],
        "severity": SEVERITIES[diagnostic.severity],
        "fingerprint": fingerprint,
        "location": {
            "path": relative_path(diagnostic.path),
            "lines": {"begin": diagnostic.span.line, "end": diagnostic.span.end_line},
        },
    }


def document(reports: Sequence[FileReport]) -> list[dict[str, Any]]:
    return [issue(diagnostic, fingerprint) for diagnostic, fingerprint in fingerprinted(reports)]


def report(reports: Sequence[FileReport], stream: TextIO, *, command: str,
           quiet: bool, fail_on: Severity) -> None:
    # One write: json.dump() writes piece by piece, several times slower on a large run.
    stream.write(json.dumps(document(reports), ensure_ascii=False, indent=2) + "\n")
