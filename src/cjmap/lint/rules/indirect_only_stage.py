"""Every touchpoint of a stage is indirect: nothing there is in the brand's control.

A touchpoint is direct when the brand controls the experience (a message, a campaign, the
website) and indirect when it does not (word of mouth, reviews on other sites). The brand should
still do all it can to influence every situation; a stage whose touchpoints are all indirect is
one where it has no voice of its own. Touchpoints whose `kind` is not given count as possibly
direct. A stage's own touchpoints (a touchpoint audit) count with those of its steps.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, purchase]
steps:
  - name: Asks friends who run
    stage: consideration
    touchpoints:
      - {name: Recommendation from a friend, kind: indirect}
  - name: Buys the shoes
    stage: purchase
    touchpoints:
      - {name: Checkout, kind: direct}
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, purchase]
steps:
  - name: Asks friends who run
    stage: consideration
    touchpoints:
      - {name: Recommendation from a friend, kind: indirect}
      - {name: Affiliate plan for runners, kind: direct}
  - name: Buys the shoes
    stage: purchase
    touchpoints:
      - {name: Checkout, kind: direct}
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote, stage_path, steps_by_stage

ID = "indirect-only-stage"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    grouped = steps_by_stage(context)
    kinds: dict[str, list[str | None]] = {}
    for _path, touchpoint, stage_id in context.journey.touchpoints():
        kinds.setdefault(stage_id, []).append(touchpoint.kind)
    for index, stage in enumerate(context.journey.stages):
        found = kinds.get(stage.id, [])
        if found and all(kind == "indirect" for kind in found):
            yield Finding(
                stage_path(context, index, grouped[stage.id]),
                _("every touchpoint of stage {stage} is indirect: nothing there is in the "
                  "brand's control").format(stage=quote(stage.name or stage.id)),
                hint=_("add a direct touchpoint the brand runs (content, an ad, the website, "
                       "a message) to influence this stage"),
            )
