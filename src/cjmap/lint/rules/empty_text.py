"""A text in the map is empty or only spaces.

An empty string is a placeholder that was never filled in: a step named "", an action " ", a
description left blank in quotes. It renders as a hole and reads as if something were said.
Every string of the map is checked, wherever it is; `x-` extension keys are left alone.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Buys the shoes
    actions: [Pays online, " "]
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Buys the shoes
    actions: [Pays online, Chooses home delivery]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote
from cjmap.parse.document import Path

ID = "empty-text"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def _empty_strings(container: Any, path: Path = ()) -> Iterator[Path]:
    # Walks the parsed YAML rather than the model, so the path is the one written in the file.
    # It visits every node of every map linted, hence exact type tests, and paths made only for
    # containers and hits. The document holds plain dicts, lists and scalars.
    items = container.items() if type(container) is dict else enumerate(container)
    for key, value in items:
        kind = type(value)
        if kind is str:
            if (not value or value.isspace()) and not _extension(key):
                yield (*path, key)
        elif (kind is dict or kind is list) and not _extension(key):
            yield from _empty_strings(value, (*path, key))


def _extension(key: Any) -> bool:
    return type(key) is str and key.startswith("x-")


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    steps = context.journey.steps
    for path in _empty_strings(context.document.data):
        field = next((part for part in reversed(path) if isinstance(part, str)), "text")
        item = isinstance(path[-1], int)
        if len(path) > 2 and path[0] == "steps" and isinstance(path[1], int):
            name = steps[path[1]].name
            if name.strip() and path[2:] != ("name",):
                message = (_("an item of '{field}' in step {step} is empty") if item
                           else _("'{field}' in step {step} is empty"))
                message = message.format(field=field, step=quote(name))
            else:
                message = (_("an item of '{field}' of step {number} is empty") if item
                           else _("'{field}' of step {number} is empty"))
                message = message.format(field=field, number=path[1] + 1)
        else:
            message = (_("an item of '{field}' is empty") if item
                       else _("'{field}' is empty")).format(field=field)
        yield Finding(path, message, hint=_("write the text, or remove the entry"))
