"""A step feels negative but records no pain point to explain it.

A negative emotion is a symptom: something at that step keeps the customer from moving on, an
obstacle, a doubt, a delay. The pain points are what the team can act on, turning each one into
an opportunity. A low point on the emotion curve with no pain point recorded is a problem the
map sees but does not name.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Chooses the size
    emotion: {score: -1, label: anxious}
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Chooses the size
    emotion: {score: -1, label: anxious}
    pain_points:
      - Fear of choosing the wrong size online
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import quote

ID = "negative-emotion-without-pain"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    for index, step in enumerate(context.journey.steps):
        emotion = step.emotion
        if emotion is None or emotion.score >= 0 or step.pain_points:
            continue
        feeling = f"{emotion.score}, {emotion.label}" if emotion.label else str(emotion.score)
        yield Finding(
            ("steps", index, "emotion"),
            _("step {step} feels negative ({feeling}) but records no pain point").format(
                step=quote(step.name), feeling=feeling),
            hint=_("add what causes the feeling under 'pain_points:', so an opportunity can "
                   "address it"),
        )
