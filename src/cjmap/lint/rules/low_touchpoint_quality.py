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
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "low-touchpoint-quality"
SEVERITY: Severity = "info"
OPTIONS: Mapping[str, OptionValue] = {"min-score": 3}

# What each quality asks of a touchpoint (the descriptions of the format's Quality model).
_MEANING = {
    "simple": "easy to understand and to use",
    "appropriate": "fitting the channel and the audience",
    "relevant": "what the customer expects at this stage",
    "meaningful": "of real, useful value",
    "engaging": "giving customers what they want",
    "personal": "adapted to each customer's needs",
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
                        f"touchpoint {quote(touchpoint.name)} in step {quote(step.name)} scores "
                        f"{score} of 5 on {quality}",
                        hint=f"make it {_MEANING[quality]}, to {minimum} or more",
                    )
