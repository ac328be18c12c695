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
from cjmap.document import Path
from cjmap.rules.base import Context, Finding, OptionValue

ID = "empty-text"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def _empty_strings(data: Any) -> Iterator[Path]:
    # Walks the parsed YAML rather than the model, so the path is the one written in the file.
    stack: list[tuple[Path, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if not value.strip():
                yield path
        elif isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items())
                         if not (isinstance(key, str) and key.startswith("x-")))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in reversed(list(enumerate(value))))


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    for path in _empty_strings(context.document.data):
        field = next((part for part in reversed(path) if isinstance(part, str)), "text")
        what = f"an item of '{field}'" if isinstance(path[-1], int) else f"'{field}'"
        if len(path) > 2 and path[0] == "steps" and isinstance(path[1], int):
            what += f" in step {path[1] + 1}"
        yield Finding(path, f"{what} is empty", hint="write the text, or remove the entry")
