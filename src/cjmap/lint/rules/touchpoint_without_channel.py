"""A touchpoint names no channel: where the interaction happens is unknown.

A journey map shows the channels where the customer and the company meet (the website, the shop,
email, social media), so that the team can decide where to act and spot the channels that carry
most of the journey. A touchpoint without a channel cannot be grouped, compared or assigned.
The touchpoints of stages (a touchpoint audit) are checked as those of steps.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Buys the shoes
    touchpoints:
      - name: Checkout
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
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import listing, quote, touchpoints, where

ID = "touchpoint-without-channel"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    catalogue = [channel.name for channel in context.journey.channels]
    hint = (_("add 'channel:', one of {channels}").format(channels=listing(catalogue))
            if catalogue else _("add 'channel:' (website, shop, email…)"))
    for path, touchpoint, _stage in touchpoints(context):
        if touchpoint.channel is None:
            yield Finding(path, _("touchpoint {touchpoint} {where} has no channel").format(
                touchpoint=quote(touchpoint.name), where=where(context, path)), hint=hint)
