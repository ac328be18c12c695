"""A step has no touchpoints: nothing says where the customer meets the brand there.

The touchpoints are the interactions between the customer and the company at each step (a
website visit, a shop, a friend's recommendation), and each one decides whether the experience
is good. A step without touchpoints is a moment where the brand is absent, or one the map has
not looked at yet. A step whose stage lists touchpoints of its own (`stages: [{id: purchase,
touchpoints: [...]}]`) is covered by them: the map has said where the customer meets the brand
in that part of the journey, as a touchpoint audit does.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Searches for shoe information online
    touchpoints: [Blog for new runners]
  - name: Asks friends who run
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Searches for shoe information online
    touchpoints: [Blog for new runners]
  - name: Asks friends who run
    touchpoints:
      - name: Recommendation from a friend
        kind: indirect
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import steps_without

ID = "no-touchpoints"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    covered = {stage.id for stage in context.journey.stages if stage.touchpoints}
    steps = context.journey.steps
    for finding in steps_without(
        context, "touchpoints", _("step {step} has no touchpoints"),
        hint=_("list where the customer meets the brand here under 'touchpoints:' (a name "
               "is enough, e.g. '- Website')"),
    ):
        if steps[int(finding.path[1])].stage not in covered:
            yield finding
