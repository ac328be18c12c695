"""A step lists no needs: what the customer needs to move on is not recorded.

A map records, for each stage, what the customer needs in order to advance to the next one:
advice they can trust, a clear comparison, confidence in the size. Needs are what the
touchpoints should answer; a step without them leaves the team guessing what to improve.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Chooses one model
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Chooses one model
    needs: [Confidence in the size]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import steps_without

ID = "no-needs"
SEVERITY: Severity = "info"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    yield from steps_without(
        context, "needs",
        _("step {step} lists no needs: what does the customer need to move on?"),
        hint=_("add them under 'needs:', e.g. '- A clear comparison'"),
    )
