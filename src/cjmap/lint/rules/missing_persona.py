"""The map names no persona: nobody knows whose journey it is.

A journey map describes the path of one kind of customer, defined before anything else: the
buyer persona, and whether that person buys, influences the decision or uses what is bought.
Without a persona, each reader pictures a different customer and the steps, needs and emotions
cannot be checked against anyone.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - Searches for shoe information online
  - Buys the shoes
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
persona:
  name: Laura, the new runner
  participation: buyer
steps:
  - Searches for shoe information online
  - Buys the shoes
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue

ID = "missing-persona"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    if context.journey.persona is None:
        yield Finding(
            ("persona",),
            _("the map names no persona: whose journey is it?"),
            hint=_("add 'persona:' with a name and whether they buy, influence or use "
                   "('participation')"),
        )
