"""Along a path, a step goes back to an earlier stage than the step before it.

Stages are in chronological order, and so is the journey: a customer in evaluation does not go
back to consideration on the way to the purchase. A step that goes to an earlier stage is
usually in the wrong place in the list or has the wrong `stage`. Deliberate loops are allowed.
Precisely, a step may lead to a step of an earlier stage when:

- both lie on a common loop, that is, the journey comes round again from the later step to the
  earlier one (the same strongly connected component of the flow), as when loyalty leads back
  to the purchase with `next: [buy, end]`; or
- the step is after the purchase (its stage's `phase` is `after`) and names the earlier step in
  its own `next`: a customer who comes back starts a new round, such as a repurchase that is
  mapped as a step of its own.

The order of the list alone never goes back: a step listed after a later stage's step, with no
`next` between them, is reported.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, evaluation, purchase]
steps:
  - name: Compares three models
    stage: evaluation
  - name: Searches for shoe information online
    stage: consideration
  - name: Buys the shoes
    stage: purchase
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes again
stages: [consideration, evaluation, purchase, loyalty]
steps:
  - name: Searches for shoe information online
    stage: consideration
  - name: Compares three models
    stage: evaluation
  - id: buy
    name: Buys the shoes
    stage: purchase
  - name: Wears them out and comes back
    stage: loyalty
    next: [buy, end]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules import graph
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "stage-order"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    journey = context.journey
    steps = journey.steps
    rank: dict[str | None, int] = {}
    for position, stage in enumerate(journey.stages):
        rank.setdefault(stage.id, position)
    names = {stage.id: stage.name or stage.id for stage in journey.stages}
    after = {stage.id for stage in journey.stages if stage.phase == "after"}
    flow = graph.flow(context)
    seen, loop = flow.reachable, flow.loops
    for source, targets in enumerate(flow.successors):
        if not seen[source]:
            continue
        here = steps[source]
        for position, target in enumerate(targets):
            if target == graph.END or loop[target] == loop[source]:
                continue
            there = steps[target]
            if rank[there.stage] >= rank[here.stage]:
                continue
            explicit = here.next is not None
            if explicit and here.stage in after:
                continue  # a new round after the purchase
            yield Finding(
                ("steps", source, "next", position) if explicit
                else ("steps", target, "stage"),
                _("step {step} ({stage}) follows {previous} ({previous_stage}), a later "
                  "stage").format(step=quote(there.name), stage=quote(names[there.stage or ""]),
                                  previous=quote(here.name),
                                  previous_stage=quote(names[here.stage or ""])),
                hint=_("put the step in its stage's place in the list, or correct its "
                       "'stage'; going back is fine in a loop that leads on again")
                if not explicit
                else _("correct the 'next' or the steps' stages; going back is fine in a loop "
                       "that leads on again"),
            )
