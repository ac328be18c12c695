"""A future step replaces a step that the current-state map does not have.

In a future-state map, `replaces` maps a step to the steps of the current-state map (`improves`)
it replaces, by their ids: that is how `cjmap diff` tells kept, changed, new and eliminated
steps apart. An id that names no current step (renamed since, or mistyped) silently makes the
step look new and the real one eliminated. `replaces` without `improves` has nothing to refer to.
(The examples improve `running-shoes.yaml`, the worked example, which has a step `shortlist`
and none `compare-models`.)

Fails:

```yaml
cjmap: 1
title: Buying running shoes, as it should be
state: future
improves: running-shoes.yaml
steps:
  - name: Uses the shoe finder
    replaces: [compare-models]
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes, as it should be
state: future
improves: running-shoes.yaml
steps:
  - name: Uses the shoe finder
    replaces: [shortlist]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import listing, quote
from cjmap.lint.rules.improved import improved

ID = "replaces-unknown-step"
SEVERITY: Severity = "error"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    journey = context.journey
    mapping = [(index, step) for index, step in enumerate(journey.steps) if step.replaces]
    if not mapping:
        return
    found = improved(context)
    if found is None:
        index, step = mapping[0]
        yield Finding(("steps", index, "replaces"), _(
            "step {step} replaces current steps, but the map names no current-state map to "
            "replace them in").format(step=quote(step.name)),
            hint=_("add 'state: future' and 'improves: current.yaml' (the current-state map)"))
        return
    if found.journey is None:
        return  # improves-missing says why
    known = found.journey.step_ids()
    for index, step in mapping:
        for position, target in enumerate(step.replaces or []):
            if target not in known:
                yield Finding(("steps", index, "replaces", position), _(
                    "step {step} replaces {target}, which is no step of {map}").format(
                    step=quote(step.name), target=quote(target),
                    map=quote(journey.improves or "")),
                    hint=_("the current map's steps: {ids}").format(ids=listing(known)))
