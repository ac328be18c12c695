"""A touchpoint has no owner: nobody is responsible for improving it.

Mapping the touchpoints is only the start: each one must then be improved to give the best
experience possible at that moment, and that needs a team or person who answers for it. Even
an indirect touchpoint such as word of mouth can have an owner who tries to influence it.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Buys the shoes
    touchpoints:
      - name: Checkout
        channel: Website
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Buys the shoes
    touchpoints:
      - name: Checkout
        channel: Website
        owner: E-commerce team
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "touchpoint-without-owner"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    for index, step in enumerate(context.journey.steps):
        for position, touchpoint in enumerate(step.touchpoints):
            if touchpoint.owner is None:
                yield Finding(
                    ("steps", index, "touchpoints", position),
                    _("touchpoint {touchpoint} in step {step} has no owner").format(
                        touchpoint=quote(touchpoint.name), step=quote(step.name)),
                    hint=_("add 'owner:', the team or person who answers for this "
                           "touchpoint"),
                )
