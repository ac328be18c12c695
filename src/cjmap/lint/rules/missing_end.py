"""The map has no end point: the moment the customer is done.

A journey is mapped between two fixed points, and the end is the second: the moment the need is
met, such as going out running in the new shoes. Without it nobody can tell whether the map is
complete, or whether the steps after the purchase (delivery, first use) are missing.

A touchpoint audit (a map with no steps, its touchpoints listed by stage) is not checked:
it lists where the customer meets the brand, not a journey walked from a start to an end.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
start: Decides to start running
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

ID = "missing-end"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if context.journey.is_audit():
        return
    if context.journey.end is None:
        yield Finding(
            ("end",),
            _("the map has no end point: the moment the customer is done"),
            hint=_("add 'end:' with that moment, e.g. 'end: Goes out running in the new "
                   "shoes'"),
        )
