"""No step takes place in a purchase stage: the map never shows the customer buying.

A journey map follows the customer from the moment a need arises to the purchase and beyond.
The purchase (or conversion) is where every earlier step pays off and where buyers are lost at
the last moment; a map without it cannot show whether the journey converts. A purchase stage is
one whose `phase` is `during` (the known stages `purchase`, `conversion`, `during` and `sale`
are). The rule fires when no step is in such a stage, or when no stage is one.

A touchpoint audit (a map with no steps) is not checked: it has no step to reach anything;
a purchase stage that lists no touchpoints is `empty-stage`'s finding.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, evaluation, purchase]
steps:
  - name: Searches for shoe information online
    stage: consideration
  - name: Compares three models
    stage: evaluation
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, evaluation, purchase]
steps:
  - name: Searches for shoe information online
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
from cjmap.lint.rules.common import quote, stage_path

ID = "no-purchase-step"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if context.journey.is_audit():
        return
    stages = context.journey.stages
    during = [index for index, stage in enumerate(stages) if stage.phase == "during"]
    during_ids = {stages[index].id for index in during}
    if any(step.stage in during_ids for step in context.journey.steps):
        return
    if during:
        stage = stages[during[0]]
        yield Finding(
            stage_path(context, during[0], ()),
            _("no step reaches the purchase: the purchase stage {stage} has no steps").format(
                stage=quote(stage.name or stage.id)),
            hint=_("add the step where the customer buys, with 'stage: {stage}'").format(
                stage=stage.id),
        )
    else:
        yield Finding(
            ("stages",),
            _("no stage is a purchase stage, so the map never shows the customer buying"),
            hint=_("add a stage with 'phase: during' (or a known one such as 'purchase' or "
                   "'conversion') and the step where the customer buys"),
            key=True,
        )
