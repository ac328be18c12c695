"""A step lists no actions: what the customer does there is not recorded.

For each stage, a map records what the persona does to move on to the next one: searches,
asks, compares, pays. The actions are what the brand can support, simplify or automate; a step
without them names a moment but not the behaviour in it.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Asks friends who run
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Asks friends who run
    actions: [Asks two friends which shoes they wear]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import steps_without

ID = "no-actions"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    yield from steps_without(
        context, "actions", _("step {step} lists no actions: what does the customer do here?"),
        hint=_("add them under 'actions:', e.g. '- Compares prices'"),
    )
