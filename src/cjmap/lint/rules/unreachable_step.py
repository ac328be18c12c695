"""A step cannot be reached from the start of the journey.

The journey starts at the first step and goes on along each step's `next` (by default, the step
after it in the list). When explicit `next` lists skip a step and nothing else leads to it, no
customer ever gets there: the step is left over from an earlier version, or a `next` is missing
its id. The finding is reported at the first step of each unreachable part, with the number of
steps that hang off it.

Fails:

```yaml
cjmap: 1
title: Subscription renewal
steps:
  - id: trial
    name: Starts a free trial
    next: [subscribe]
  - id: compare
    name: Compares plans
  - id: subscribe
    name: Subscribes
```

Passes:

```yaml
cjmap: 1
title: Subscription renewal
steps:
  - id: trial
    name: Starts a free trial
    next: [compare, subscribe]
  - id: compare
    name: Compares plans
  - id: subscribe
    name: Subscribes
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _, ngettext
from cjmap.lint.rules import graph
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "unreachable-step"
SEVERITY: Severity = "error"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    steps = context.journey.steps
    flow = graph.flow(context)
    seen = flow.reachable
    if flow.chain or all(seen):
        return
    loop = flow.loops
    # A part is entered from outside when a step of another loop (or no loop) leads into it.
    entered = {loop[target] for index, targets in enumerate(flow.successors) for target in targets
               if target != graph.END and loop[target] != loop[index]}
    reported: set[int] = set()
    for index, step in enumerate(steps):
        if seen[index] or loop[index] in entered or loop[index] in reported:
            continue
        reported.add(loop[index])
        after = sum(1 for other, found in enumerate(flow.reachable_from(index))
                    if found and not seen[other]) - 1
        before = steps[index - 1]
        if before.next is None:
            hint = _("add '{id}' to the 'next' of a step that leads here, or remove the "
                     "step").format(id=step.id)
        elif before.next:
            hint = _("the step before it, {before}, goes to {targets}: add '{id}' to its "
                     "'next', or remove the step").format(
                before=quote(before.name), targets=", ".join(before.next), id=step.id)
        else:
            hint = _("the step before it, {before}, goes nowhere: add '{id}' to its "
                     "'next', or remove the step").format(before=quote(before.name), id=step.id)
        message = (ngettext("step {step} cannot be reached from the start, and neither can "
                            "the {count} step after it",
                            "step {step} cannot be reached from the start, and neither can "
                            "the {count} steps after it", after) if after
                   else _("step {step} cannot be reached from the start"))
        yield Finding(
            ("steps", index, "name"),
            message.format(step=quote(step.name), count=after),
            hint=hint,
        )
