"""An opportunity has no owner: nobody will act on it.

Opportunities are the improvements the map proposes: a blog for new runners, an affiliate plan,
agreements with shops. An opportunity with no team or person who owns it stays an idea on the
map; naming the owner is what turns it into work.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Asks friends who run
    opportunities:
      - An affiliate plan so that our users recommend us
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Asks friends who run
    opportunities:
      - text: An affiliate plan so that our users recommend us
        owner: Community team
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "opportunity-without-owner"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    for index, step in enumerate(context.journey.steps):
        for position, opportunity in enumerate(step.opportunities):
            if opportunity.owner is None:
                yield Finding(
                    ("steps", index, "opportunities", position),
                    _("opportunity {opportunity} in step {step} has no owner").format(
                        opportunity=quote(opportunity.text), step=quote(step.name)),
                    hint=_("add 'owner:', the team or person who will act on it"),
                )
