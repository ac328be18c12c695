"""The end of the journey cannot be reached from a step.

Every path through the journey should lead to its end point. A step whose `next` is empty, or a
loop whose steps only lead back into the loop, traps the customer: the map says they never
finish. Loops are fine as long as one of their steps also leads on (for example
`next: [repurchase, end]`). The finding is reported once per trap, at the step whose `next`
closes it, and not again for every step that leads into it; steps that cannot be reached at all
are left to unreachable-step.

Fails:

```yaml
cjmap: 1
title: Subscription renewal
steps:
  - id: subscribe
    name: Subscribes
  - id: enjoy
    name: Enjoys the service
  - id: renew
    name: Renews
    next: [enjoy]
```

Passes:

```yaml
cjmap: 1
title: Subscription renewal
steps:
  - id: subscribe
    name: Subscribes
  - id: enjoy
    name: Enjoys the service
  - id: renew
    name: Renews
    next: [enjoy, end]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules import graph
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "dead-end-step"
SEVERITY: Severity = "error"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    steps = context.journey.steps
    flow = graph.flow(context)
    if flow.chain:
        return
    finishing, seen, loop = flow.reaches_end, flow.reachable, flow.loops
    traps: dict[int, list[int]] = {}
    for index in range(len(steps)):
        if seen[index] and not finishing[index]:
            traps.setdefault(loop[index], []).append(index)
    for members in traps.values():
        # Only a loop (or a step) that leads nowhere else is a trap; the rest lead into one.
        if any(loop[target] != loop[members[0]] for index in members
               for target in flow.successors[index]):
            continue
        closing = max((index for index in members if steps[index].next is not None),
                      default=members[0])
        step = steps[closing]
        if step.next == []:
            why, hint = _("its 'next' is empty"), _("name the step that follows, or 'end'")
        elif len(members) == 1:
            why = _("it only leads back to itself")
            hint = _("add 'end' or a later step to its 'next'")
        else:
            names = ", ".join(quote(steps[index].name) for index in members)
            why = _("the loop through {steps} has no way out").format(steps=names)
            hint = _("add 'end' or a later step to a 'next' in the loop")
        yield Finding(
            ("steps", closing, "next") if step.next is not None else ("steps", closing, "name"),
            _("the end cannot be reached from step {step}: {why}").format(step=quote(step.name),
                                                                          why=why),
            hint=hint,
        )
