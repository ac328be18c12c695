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
        tail = (f", and neither can the {after} step{'s' if after > 1 else ''} after it"
                if after else "")
        before = steps[index - 1]
        hint = (f"the step before it, {quote(before.name)}, goes to "
                f"{', '.join(before.next or []) or 'nothing'}: add '{step.id}' to "
                "its 'next', or remove the step" if before.next is not None
                else f"add '{step.id}' to the 'next' of a step that leads here, or remove the "
                "step")
        yield Finding(
            ("steps", index, "name"),
            f"step {quote(step.name)} cannot be reached from the start{tail}",
            hint=hint,
        )
