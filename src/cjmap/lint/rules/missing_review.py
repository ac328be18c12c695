"""The map has no review date or cadence: nothing says when it is checked again.

A journey map is a living document, not a one-off: it should be reviewed and updated as new
purchase paths appear and new channels open, on a set schedule such as every quarter or every
year. A map that records when it was last reviewed and how often it should be lets review-overdue
say when it has gone stale.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - Searches for shoe information online
  - Buys the shoes
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
review:
  last_reviewed: 2026-10-01
  cadence: quarterly
  owner: CX lead
steps:
  - Searches for shoe information online
  - Buys the shoes
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue

ID = "missing-review"
SEVERITY: Severity = "info"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    review = context.journey.review
    if review is None:
        yield Finding(
            ("review",),
            _("the map has no review date: a map is a living document"),
            hint=_("add 'review:' with 'last_reviewed' (YYYY-MM-DD), a 'cadence' such as "
                   "quarterly or 90d, and an 'owner'"),
        )
        return
    if review.last_reviewed is None:
        yield Finding(
            ("review", "last_reviewed"),
            _("the map's review has no 'last_reviewed' date"),
            hint=_("add 'last_reviewed:' with the day of the last review (YYYY-MM-DD)"),
        )
    if review.cadence is None:
        yield Finding(
            ("review", "cadence"),
            _("the map's review has no 'cadence'"),
            hint=_("say how often the map is reviewed, e.g. 'cadence: quarterly' or '90d'"),
        )
