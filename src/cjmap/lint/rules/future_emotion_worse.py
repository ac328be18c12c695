"""A future step leaves the customer feeling worse than the current step it replaces.

A future-state map designs the journey as it should be. A step whose emotion is lower than
that of the current step it replaces (`replaces`, or the current step of the same id) makes the
experience worse for that persona: sometimes a price worth paying (a new check for safety), more
often a slip. Each persona's emotion is compared with its own. (The examples improve
`running-shoes.yaml`, the worked example, whose step `shortlist` feels −1.)

Fails:

```yaml
cjmap: 1
title: Buying running shoes, as it should be
state: future
improves: running-shoes.yaml
steps:
  - name: Uses the shoe finder
    replaces: [shortlist]
    emotion: -2
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
    emotion: 1
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote
from cjmap.lint.rules.improved import improved

ID = "future-emotion-worse"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    from cjmap.format.improves import replaced_ids

    found = improved(context)
    current = found.journey if found is not None else None
    if current is None:
        return
    future = context.journey
    by_id = {step.id or "": step for step in current.steps}
    for index, step in enumerate(future.steps):
        after = future.emotion_scores(step)
        for target in replaced_ids(step, set(by_id)):
            before = current.emotion_scores(by_id[target])
            for persona, score in after.items():
                was = before.get(persona)
                if was is None or score >= was:
                    continue
                yield Finding(("steps", index, "emotion"), (
                    _("step {step} feels worse than the current step {current} it replaces: "
                      "{new} against {old}") if persona is None else
                    _("step {step} feels worse for {persona} than the current step {current} "
                      "it replaces: {new} against {old}")).format(
                    step=quote(step.name), current=quote(by_id[target].name),
                    persona=persona, new=_signed(score), old=_signed(was)),
                    hint=_("design the step so that it feels at least as good, or say why "
                           "it cannot in its description"))


def _signed(score: int) -> str:
    # As maps write emotions: +1, 0, -1.
    return f"{score:+d}" if score else "0"
