"""The journey stops at the purchase although the stage model has stages after it.

The purchase is not the end of the journey: satisfaction decides whether the customer comes
back, recommends the brand or leaves for the competition without saying why. A customer who has
been won over no longer has to go through every stage again. When the map's stage model has
stages after the purchase (stages whose `phase` is `after`, such as `satisfaction`, `loyalty`,
`after` or `return`) but no step in them, the map stops where the relationship starts. Maps
whose stages end at the purchase (the default consideration → evaluation → purchase) are not
checked.

Fails:

```yaml
cjmap: 1
title: Subscribing to a meal kit
stages: six-phases
steps:
  - name: Sees an ad for meal kits
    stage: discovery
  - name: Reads the menu of the week
    stage: interest
  - name: Compares prices with the supermarket
    stage: intent
  - name: Subscribes
    stage: conversion
```

Passes:

```yaml
cjmap: 1
title: Subscribing to a meal kit
stages: six-phases
steps:
  - name: Sees an ad for meal kits
    stage: discovery
  - name: Reads the menu of the week
    stage: interest
  - name: Compares prices with the supermarket
    stage: intent
  - name: Subscribes
    stage: conversion
  - name: Cooks the first box
    stage: satisfaction
  - name: Renews for a second month
    stage: loyalty
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "nothing-after-purchase"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    journey = context.journey
    after = [stage for stage in journey.stages if stage.phase == "after"]
    if not after:
        return
    after_ids = {stage.id for stage in after}
    during_ids = {stage.id for stage in journey.stages if stage.phase == "during"}
    last_purchase = None
    for index, step in enumerate(journey.steps):
        if step.stage in after_ids:
            return
        if step.stage in during_ids:
            last_purchase = index
    if last_purchase is None:
        return  # no purchase at all: that is no-purchase-step's finding
    names = [quote(stage.name or stage.id) for stage in after]
    listed = names[0] if len(names) == 1 else _("{stages} or {last}").format(
        stages=", ".join(names[:-1]), last=names[-1])
    yield Finding(
        ("steps", last_purchase, "name"),
        _("the journey stops at the purchase: no step after {step} is in {stages}").format(
            step=quote(journey.steps[last_purchase].name), stages=listed),
        hint=_("map what happens after the purchase: delivery, first use, a satisfaction "
               "survey, coming back to buy again"),
    )
