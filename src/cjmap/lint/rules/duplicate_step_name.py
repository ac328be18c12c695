"""Two steps have the same name.

Step names are what people read on the rendered map and in every finding. Two steps with the
same name (ignoring case and spacing) confuse readers, and usually mean a step was copied or a
loop was written out twice instead of going back with `next`.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - id: buy-first
    name: Buys the shoes
  - id: buy-again
    name: Buys the shoes
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Buys the shoes
  - name: Buys a second pair
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "duplicate-step-name"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, step in enumerate(context.journey.steps):
        key = " ".join(step.name.split()).casefold()
        if key not in first:
            first[key] = index
            continue
        yield Finding(
            ("steps", index, "name"),
            _("step {number} has the same name as step {first}: {name}").format(
                number=index + 1, first=first[key] + 1, name=quote(step.name)),
            hint=_("give each step a name that tells it apart; to repeat a step, go back to "
                   "it with 'next'"),
        )
