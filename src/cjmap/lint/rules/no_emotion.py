"""A step records no emotion, so the emotion curve has a gap.

A journey map shows how the customer feels at each point of contact, not only what happens: a
great product with a disastrous salesperson is a bad experience. The emotions, from -2 (very
negative) to +2 (very positive), draw the curve that shows where the journey hurts; a step
without one leaves a hole in it.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    emotion: -1
  - name: Buys the shoes
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    emotion: -1
  - name: Buys the shoes
    emotion: {score: 1, label: relieved}
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "no-emotion"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    for index, step in enumerate(context.journey.steps):
        if step.emotion is None:
            yield Finding(
                ("steps", index, "name"),
                _("step {step} records no emotion: the emotion curve has a gap").format(
                    step=quote(step.name)),
                hint=_("add 'emotion:' from -2 (very negative) to 2 (very positive), e.g. "
                       "'emotion: {{score: -1, label: unsure}}'").format(),
            )
