"""A touchpoint's channel is not in the map's channel catalogue.

When a map lists the channels the organisation uses (`channels:`), every touchpoint should use
one of them, so that touchpoints can be grouped and counted by channel. A channel missing from
the catalogue is usually a typo ("Webiste") or a new channel nobody has agreed on yet. Names
are compared without regard to case; maps without a catalogue are not checked. The touchpoints
of stages (a touchpoint audit) are checked as those of steps.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
channels: [Website, Email, Sports shop]
steps:
  - name: Buys the shoes
    touchpoints:
      - name: Checkout
        channel: Webiste
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
channels: [Website, Email, Sports shop]
steps:
  - name: Buys the shoes
    touchpoints:
      - name: Checkout
        channel: website
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import listing, quote, touchpoints, where

ID = "unknown-channel"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    names = [channel.name for channel in context.journey.channels]
    known = {name.casefold() for name in names}
    if not known:
        return
    from cjmap.format.validation import Suggester  # loaded already: the map was validated

    did_you_mean = Suggester(names)
    for path, touchpoint, _stage in touchpoints(context):
        channel = touchpoint.channel
        if channel is None or channel.casefold() in known:
            continue
        yield Finding(
            (*path, "channel"),
            _("channel {channel} of touchpoint {touchpoint} {where} is not in the map's channel "
              "catalogue").format(channel=quote(channel), touchpoint=quote(touchpoint.name),
                                  where=where(context, path)),
            hint=did_you_mean(channel)
            or _("use one of {channels}, or add {channel} to 'channels:'").format(
                channels=listing(names), channel=quote(channel)),
        )
