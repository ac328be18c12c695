"""A touchpoint has no owner: nobody is responsible for improving it.

Mapping the touchpoints is only the start: each one must then be improved to give the best
experience possible at that moment, and that needs a team or person who answers for it. The
touchpoints of stages (a touchpoint audit) count as much as those of steps. An indirect
touchpoint (`kind: indirect`: word of mouth, a friend's advice) or an external one
(`external: true`: a review site, a marketplace) is not checked: the brand owns none of them,
so asking who owns them would only push people to write a name that means nothing.

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
from cjmap.lint.rules.common import brand_owned, quote, touchpoints, where

ID = "touchpoint-without-owner"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    for path, touchpoint, _stage in touchpoints(context):
        if touchpoint.owner is None and brand_owned(touchpoint):
            yield Finding(
                path,
                _("touchpoint {touchpoint} {where} has no owner").format(
                    touchpoint=quote(touchpoint.name), where=where(context, path)),
                hint=_("add 'owner:', the team or person who answers for this touchpoint; if a "
                       "third party runs it, say so with 'external: true'"),
            )
