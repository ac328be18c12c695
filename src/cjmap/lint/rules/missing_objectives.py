"""The map states no objectives: what it should help find out or improve.

Setting the objectives is the first step of building a journey map: what the team wants to
learn about the customer's experience, and what it will do with it. Without them the map has no
measure of done, and nobody can say which gaps matter.

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
objectives:
  - Be the source of information new runners find first
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

ID = "missing-objectives"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if not context.journey.objectives:
        yield Finding(
            ("objectives",),
            _("the map states no objectives: what should it help find out or improve?"),
            hint=_("list them under 'objectives:', e.g. '- Lose fewer buyers at checkout'"),
            key=True,
        )
