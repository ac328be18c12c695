"""A future-state map improves a map that does not exist or is not a valid map.

A future-state map (`state: future`) names the current-state map it improves with `improves`:
a file relative to the future map (`current.yaml`, `../as-is/shoes.yaml`) or the id of a map in
the same folder. `cjmap diff current.yaml future.yaml` then shows the design change, step by
step. A name that leads nowhere (a renamed or moved file, a typo) breaks that link without a
word, so it is an error; so is a target that does not validate, since nothing can be compared
with it. (The examples stand beside `running-shoes.yaml`, the repository's worked example.)

Fails:

```yaml
cjmap: 1
title: Buying running shoes, as it should be
state: future
improves: no-such-map.yaml
steps:
  - name: Finds the shoe finder
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes, as it should be
state: future
improves: running-shoes.yaml
steps:
  - name: Finds the shoe finder
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote
from cjmap.lint.rules.improved import improved

ID = "improves-missing"
SEVERITY: Severity = "error"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    from cjmap.format.improves import is_file_name

    found = improved(context)
    if found is None:
        return
    written = context.journey.improves or ""
    if found.path is None:
        yield Finding(
            ("improves",),
            _("the map this future state improves, {name}, does not exist").format(
                name=quote(written)) if is_file_name(written) else
            _("no map with the id {name} is in this map's folder").format(name=quote(written)),
            hint=_("write the current-state map's file, relative to this map "
                   "(improves: current.yaml), or its id"))
    elif found.journey is None:
        yield Finding(
            ("improves",),
            _("the map this future state improves, {name}, is not a valid map").format(
                name=quote(written)),
            hint=_("run 'cjmap validate {file}' and fix it").format(file=found.path))
