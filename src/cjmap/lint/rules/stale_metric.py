"""A metric's newest value is older than the map's review cadence: the figure is stale.

A map is reviewed on a cadence (`review: {cadence: quarterly}`) so that it keeps describing the
journey as it is; a metric last measured before the last full cadence began tells that review
nothing about now, and a decision made on it is made on old news. The newest value is the
latest dated measurement, `actual` at `as_of` or the last entry of `history` (what
`cjmap metrics update` writes). A metric whose newest value has no date (an `actual` without
`as_of`) is not checked, since nothing says how old it is.

The date of the check is today, or `--today` for reproducible runs, as for review-overdue. A
map without a cadence is not checked unless the `default-cadence` option gives one (such as
`90d` or `quarterly`; missing-review already asks for the map's own); `grace-days` (default 0)
allows some days of delay before a figure counts as stale.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
review:
  last_reviewed: 2026-10-01
  cadence: quarterly
steps:
  - name: Buys the shoes
    metrics:
      - name: Checkout completion
        actual: 71
        as_of: 2025-01-31
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
review:
  last_reviewed: 2026-10-01
  cadence: quarterly
steps:
  - name: Buys the shoes
    metrics:
      - name: Checkout completion
        actual: 71
        as_of: 2999-01-31
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _, format_date, format_number, ngettext
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import metrics, quote, reading_path

ID = "stale-metric"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {"default-cadence": "", "grace-days": 0}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    from cjmap.format.model import cadence_days

    review = context.journey.review
    cadence = (review.cadence if review is not None else None) or options["default-cadence"]
    if not cadence:
        return
    allowed = cadence_days(cadence) + int(options["grace-days"])
    for path, step, metric in metrics(context):
        latest = metric.latest
        if latest is None or latest.as_of is None:
            continue
        age = (context.today - latest.as_of).days
        if age <= allowed:
            continue
        yield Finding(
            reading_path(path, metric, latest, "as_of"),
            ngettext("metric {metric} in step {step} was last measured on {day}, {days} day "
                     "ago: longer than the map's review cadence ({cadence})",
                     "metric {metric} in step {step} was last measured on {day}, {days} days "
                     "ago: longer than the map's review cadence ({cadence})", age).format(
                metric=quote(metric.name), step=quote(step.name), day=format_date(latest.as_of),
                days=format_number(age), cadence=cadence),
            hint=_("measure it again and record the figure, e.g. with 'cjmap metrics update "
                   "MAP --from FILE.csv', or remove the metric if nobody tracks it any more"),
        )
