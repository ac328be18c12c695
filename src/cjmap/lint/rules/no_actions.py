"""A step lists no actions, and its name does not say what the customer does either.

For each stage, a map records what the persona does to move on to the next one: searches,
asks, compares, pays. The actions are what the brand can support, simplify or automate; a step
without them names a moment but not the behaviour in it.

Most steps are named by their action ("Compares three models", "Pregunta a amigos"), and then
the name is the action: asking for `actions:` as well would only make people write the name
again. So a step without `actions:` is reported only when its name reads as a place or a thing
("Checkout", "Tienda") rather than as something done: a first word that is a verb ("Searches",
"Sign up", "Comparing", "Busca", "Comprar…", "Se registra"), after a persona's or
participant's name ("Laura compara precios"), counts as the action.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Checkout
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Checkout
    actions: [Pays by card]
  - name: Asks friends who run
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.actionwords import names_an_action
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import steps_without

ID = "no-actions"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    journey = context.journey
    names = [person.name for person in journey.all_personas()]
    names += [participant.name for participant in journey.participants]
    people = frozenset(name.split()[0].casefold() for name in names if name.split())
    for finding in steps_without(
        context, "actions", _("step {step} lists no actions, and its name says none: what does "
                              "the customer do here?"),
        hint=_("add them under 'actions:', e.g. '- Pays by card', or name the step by what the "
               "customer does, e.g. 'Pays at the checkout'"),
    ):
        if not names_an_action(journey.steps[int(finding.path[1])].name, people):
            yield finding
