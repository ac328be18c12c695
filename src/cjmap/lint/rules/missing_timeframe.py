"""The map gives no timeframe: whether the journey takes hours, days, weeks or years.

Every buying process takes its own time: a coffee is bought in minutes, a car over months. The
timeframe frames everything else on the map (how many touchpoints are reasonable, how long a
silence is too long, when to follow up) and is one of the things to define when building it.

A touchpoint audit (a map with no steps, its touchpoints listed by stage) is not checked:
it follows no journey through time, so it has no duration to give.

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
timeframe: 3 weeks
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

ID = "missing-timeframe"
SEVERITY: Severity = "info"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if context.journey.is_audit():
        return
    if context.journey.timeframe is None:
        yield Finding(
            ("timeframe",),
            _("the map gives no timeframe: does the journey take hours, days, weeks or years?"),
            hint=_("add e.g. 'timeframe: 3 weeks'"),
        )
