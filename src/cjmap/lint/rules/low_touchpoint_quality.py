"""A touchpoint scores below the threshold on one of the six qualities.

A good touchpoint is simple, appropriate, relevant, meaningful, engaging and personal. Maps may
score each quality from 1 (poor) to 5 (excellent); a score below the `min-score` option
(default 3) marks a touchpoint to improve, and the finding names the quality that falls short.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    touchpoints:
      - name: Comparison page
        quality: {simple: 2, relevant: 4}
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    touchpoints:
      - name: Comparison page
        quality: {simple: 4, relevant: 4}
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import N_, _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "low-touchpoint-quality"
SEVERITY: Severity = "info"
OPTIONS: Mapping[str, OptionValue] = {"min-score": 3}

# What each quality asks of a touchpoint (the descriptions of the format's Quality model).
_MEANING = {
    "simple": N_("make it easy to understand and to use, to {minimum} or more"),
    "appropriate": N_("make it fit the channel and the audience, to {minimum} or more"),
    "relevant": N_("make it what the customer expects at this stage, to {minimum} or more"),
    "meaningful": N_("make it of real, useful value, to {minimum} or more"),
    "engaging": N_("make it give customers what they want, to {minimum} or more"),
    "personal": N_("make it adapted to each customer's needs, to {minimum} or more"),
}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    minimum = int(options["min-score"])
    for index, step in enumerate(context.journey.steps):
        for position, touchpoint in enumerate(step.touchpoints):
            if touchpoint.quality is None:
                continue
            for quality, score in touchpoint.quality.scores().items():
                if score < minimum:
                    yield Finding(
                        ("steps", index, "touchpoints", position, "quality", quality),
                        _("touchpoint {touchpoint} in step {step} scores {score} of 5 on "
                          "{quality}").format(touchpoint=quote(touchpoint.name),
                                              step=quote(step.name), score=score,
                                              quality=quality),
                        hint=_(_MEANING[quality]).format(minimum=minimum),
                    )
