"""No step of a stage has a metric: what isn't measured can't be improved.

Each interaction should be measured on its own to know what it adds to the whole experience:
searches, visits, conversions, satisfaction surveys after the purchase. A stage where no step
records a metric is a part of the journey the team cannot track, compare or improve. Stages with
no steps at all are left to empty-stage.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, purchase]
steps:
  - name: Searches for shoe information online
    stage: consideration
  - name: Buys the shoes
    stage: purchase
    metrics:
      - {name: Checkout completion, kind: conversion, actual: 71, target: 75, unit: "%"}
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, purchase]
steps:
  - name: Searches for shoe information online
    stage: consideration
    metrics:
      - {name: Organic visits to beginner guides, kind: count}
  - name: Buys the shoes
    stage: purchase
    metrics:
      - {name: Checkout completion, kind: conversion, actual: 71, target: 75, unit: "%"}
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _, ngettext
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote, stage_path, steps_by_stage

ID = "unmeasured-stage"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    steps = context.journey.steps
    grouped = steps_by_stage(context)
    for index, stage in enumerate(context.journey.stages):
        members = grouped[stage.id]
        if not members or any(steps[member].metrics for member in members):
            continue
        yield Finding(
            stage_path(context, index, members),
            ngettext("stage {stage} has no metric in its step: what isn't measured can't be "
                     "improved",
                     "stage {stage} has no metric in any of its {count} steps: what isn't "
                     "measured can't be improved", len(members)).format(
                stage=quote(stage.name or stage.id), count=len(members)),
            hint=_("add a metric to one of its steps under 'metrics:', e.g. a conversion rate "
                   "or a satisfaction survey (csat)"),
        )
