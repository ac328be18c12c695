"""The map is past its review date: its last review plus its cadence lies before today.

A journey map is a living document: channels, processes and customers change, and the map must
change with them, reviewed on a set schedule (quarterly, yearly). A map past its review date may
describe a journey that no longer exists. The date of the check is today, or `--today` for
reproducible runs; the `grace-days` option (default 0) allows some days of delay.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
review:
  last_reviewed: 2020-01-15
  cadence: quarterly
steps:
  - Searches for shoe information online
  - Buys the shoes
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
review:
  last_reviewed: 2999-01-15
  cadence: quarterly
steps:
  - Searches for shoe information online
  - Buys the shoes
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _, format_date, format_number, ngettext
from cjmap.lint.rules.base import Context, Finding, OptionValue

ID = "review-overdue"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {"grace-days": 0}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    review = context.journey.review
    due = review.due if review is not None else None
    if review is None or due is None:
        return
    late = (context.today - due).days
    if late <= int(options["grace-days"]):
        return
    yield Finding(
        ("review", "last_reviewed"),
        ngettext("the map's review was due on {due} ({cadence} after {reviewed}), {days} day ago",
                 "the map's review was due on {due} ({cadence} after {reviewed}), {days} days "
                 "ago", late).format(
            due=format_date(due), cadence=review.cadence,
            reviewed=format_date(review.last_reviewed) if review.last_reviewed else "",
            days=format_number(late)),
        hint=_("review the map with its owner, then set 'last_reviewed' to the day you did"),
    )
