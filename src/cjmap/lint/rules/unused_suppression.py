"""A suppression comment silences nothing, or names a rule that does not exist.

A `# cjmap: ignore[rule-id]` comment is a promise that the finding it silences was looked at and
accepted. When the map changes and the finding goes away, the comment stays behind and would
silence the next, unrelated problem of that rule at that place; a misspelt rule id silences
nothing at all while looking as if it did. This rule reports each rule id in a suppression that
silenced no finding (with "did you mean" for unknown ids), suppressions of rules that are not
enabled, suppressions with nothing below them, and unknown `# cjmap:` directives. It cannot be
silenced by the comment it reports; `# cjmap: file-ignore[unused-suppression]` turns it off for a
file.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
stages: [consideration, evaluation, purchase]
steps:
  - name: Decides to start running
    stage: consideration  # cjmap: ignore[empty-stage]
  - name: Compares three models
    stage: evaluation
  - name: Buys the shoes
    stage: purchase
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
# cjmap: ignore[empty-stage] - evaluation happens in the store, mapped in store-visit.yaml
stages: [consideration, evaluation, purchase]
steps:
  - name: Decides to start running
    stage: consideration
  - name: Buys the shoes
    stage: purchase
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.lint.rules.base import Context, Finding, OptionValue

ID = "unused-suppression"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    # The lint engine runs this rule last, once the other rules' findings have been matched
    # against the file's suppressions.
    if context.suppressions is not None:
        yield from context.suppressions.unused()
