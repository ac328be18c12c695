"""No opportunity addresses a pain point.

Pain points are the obstacles that keep the customer from moving on, and each one can become an
opportunity for improvement. A pain point that no opportunity answers is a known problem with
no plan. An opportunity names the pain points it answers in `addresses`, by their ids, so a pain
point without an `id` can never be addressed: give it one.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    pain_points:
      - id: hard-to-compare
        text: Specifications are hard to compare between brands
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    pain_points:
      - id: hard-to-compare
        text: Specifications are hard to compare between brands
    opportunities:
      - text: A shoe finder that suggests three models
        addresses: [hard-to-compare]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "unaddressed-pain-point"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    steps = context.journey.steps
    addressed = {target for step in steps for opportunity in step.opportunities
                 for target in opportunity.addresses}
    for index, step in enumerate(steps):
        for position, pain in enumerate(step.pain_points):
            names = {"pain": quote(pain.text), "step": quote(step.name)}
            if pain.id is None:
                yield Finding(
                    ("steps", index, "pain_points", position),
                    _("pain point {pain} in step {step} has no id, so no opportunity can "
                      "address it").format(**names),
                    hint=_("give it an 'id' and name that id in an opportunity's "
                           "'addresses'"),
                )
            elif pain.id not in addressed:
                yield Finding(
                    ("steps", index, "pain_points", position, "id"),
                    _("pain point {pain} in step {step} is not addressed by any "
                      "opportunity").format(**names),
                    hint=_("add an opportunity with 'addresses: [{id}]'").format(id=pain.id),
                )
