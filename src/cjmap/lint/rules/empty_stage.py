"""A declared stage has no steps: a hole in the journey.

Every stage a map declares is a part of the journey the customer goes through. A stage with no
step means the map does not say what happens there, so the team cannot see the touchpoints, the
feelings or the pain points of that part; either map its steps or remove the stage. A stage that
lists touchpoints of its own is not empty: a touchpoint audit describes its stages that way, and
on an audit (a map with no steps) a stage is empty when it lists no touchpoints.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, evaluation, purchase]
steps:
  - name: Decides to start running
    stage: consideration
  - name: Buys the shoes
    stage: purchase
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, evaluation, purchase]
steps:
  - name: Decides to start running
    stage: consideration
  - name: Compares three models
    stage: evaluation
  - name: Buys the shoes
    stage: purchase
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue

ID = "empty-stage"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    journey = context.journey
    used = {step.stage for step in journey.steps}
    audit = journey.is_audit()
    for index, stage in enumerate(journey.stages):
        if stage.id in used or stage.touchpoints:
            continue
        if audit:
            yield Finding(
                ("stages", index),
                _("stage '{stage}' ({name}) lists no touchpoints").format(stage=stage.id,
                                                                         name=stage.name),
                hint=_("list where the customer meets the brand in this stage under its "
                       "'touchpoints:', or remove the stage"),
            )
        else:
            yield Finding(
                ("stages", index),
                _("stage '{stage}' ({name}) has no steps").format(stage=stage.id, name=stage.name),
                hint=_("add the steps of this stage with 'stage: {stage}', or remove the "
                       "stage").format(stage=stage.id),
            )
