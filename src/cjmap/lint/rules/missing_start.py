"""The map has no start point: the moment the need arises.

The first step of mapping a journey is to fix where it starts and where it ends. The start is
the moment the customer's need arises, often earlier than it seems: for running shoes it is not
the moment someone wants to buy shoes but the moment they decide to start running. Without it,
the map begins at the brand's first contact and misses what comes before.

A touchpoint audit (a map with no steps, its touchpoints listed by stage) is not checked:
it lists where the customer meets the brand, not a journey walked from a start to an end.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
end: Goes out running in the new shoes
steps:
  - Searches for shoe information online
  - Buys the shoes
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
start: Decides to start running
end: Goes out running in the new shoes
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

ID = "missing-start"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if context.journey.is_audit():
        return
    if context.journey.start is None:
        yield Finding(
            ("start",),
            _("the map has no start point: the moment the customer's need arises"),
            hint=_("add 'start:' with that moment, e.g. 'start: Decides to start running'"),
        )
