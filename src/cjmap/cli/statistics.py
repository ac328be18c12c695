"""``cjmap lint --statistics``: how many findings each rule made, most frequent first."""

import json
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from cjmap.diagnostics import SEVERITY_RANK, FileReport, hidden
from cjmap.i18n import _, ngettext
from cjmap.report.text import severity_word


def counts(reports: Sequence[FileReport]) -> list[tuple[str, str, int]]:
    """(rule, severity, count) rows, by count then severity then rule id; findings over a
    report's limit per rule count too."""
    counter: Counter[tuple[str, str]] = Counter()
    for report in reports:
        for d in report.diagnostics:
            counter[d.code, d.severity] += hidden(d) or 1
    return sorted(((rule, severity, count) for (rule, severity), count in counter.items()),
                  key=lambda row: (-row[2], -SEVERITY_RANK[row[1]], row[0]))


def show(reports: Sequence[FileReport], format: str, stream: TextIO) -> None:
    rows = counts(reports)
    if format == "json":
        json.dump([{"rule": rule, "severity": severity, "count": count}
                   for rule, severity, count in rows], stream, indent=2)
        stream.write("\n")
        return
    total = sum(count for _rule, _severity, count in rows)
    files = sum(1 for report in reports if report.diagnostics)
    if not rows:
        stream.write(ngettext("no findings in {count} file", "no findings in {count} files",
                              len(reports)).format(count=len(reports)) + "\n")
        return
    # The headings and severities are words for the reader; rule ids stay as they are.
    heading_count, heading_rule, heading_severity = _("count"), _("rule"), _("severity")
    width = max(len(str(rows[0][2])), len(heading_count))
    rule_width = max(len(heading_rule), *(len(rule) for rule, _severity, _count in rows))
    stream.write(f"{heading_count:>{width}}  {heading_rule:<{rule_width}}  {heading_severity}\n")
    stream.writelines(f"{count:>{width}}  {rule:<{rule_width}}  {severity_word(severity)}\n"
                      for rule, severity, count in rows)
    footer = ngettext("findings in {with_findings} of {count} file",
                      "findings in {with_findings} of {count} files", len(reports))
    stream.write(f"{total:>{width}}  {footer.format(with_findings=files, count=len(reports))}\n")
