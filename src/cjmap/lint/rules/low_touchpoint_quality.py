"""A touchpoint scores low on some of the six qualities.

A good touchpoint is simple, appropriate, relevant, meaningful, engaging and personal. Maps may
score each quality from 1 (poor) to 5 (excellent). A touchpoint with scores below the
`min-score` option (default 3) has one finding that names every quality that falls short,
lowest first (ties in the order of the six), so that fixing one never reveals another the
report had hidden. A score of 2 or less is poor and the finding is a warning; with `min-score`
raised to 4, a lowest score of 3 (fair, just short of good) is reported one level lower, as an
info. The default leaves fair scores alone: a complete map scores many qualities 3, and a
finding on each would bury the poor ones. The touchpoints of stages (a
touchpoint audit) are checked as those of steps.

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
from cjmap.i18n import N_, _, ngettext
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import and_list, quote, touchpoints, where

ID = "low-touchpoint-quality"
SEVERITY: Severity = "warning"
OPTIONS: Mapping[str, OptionValue] = {"min-score": 3}

# A score at or below this is poor: the lower half of the scale of 1 to 5.
POOR = 2

# What to do for each quality, as an instruction (the format's Quality descriptions).
_ADVICE = {
    "simple": N_("make it easy to understand and to use"),
    "appropriate": N_("fit it to the channel and the audience"),
    "relevant": N_("give what the customer expects at this stage"),
    "meaningful": N_("give real, useful value"),
    "engaging": N_("give customers what they want"),
    "personal": N_("adapt it to each customer's needs"),
}
_RANK = {quality: rank for rank, quality in enumerate(_ADVICE)}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    minimum = int(options["min-score"])
    for path, touchpoint, _stage in touchpoints(context):
        if touchpoint.quality is None:
            continue
        # Lowest score first; a tie in the format's order of the qualities.
        weak = sorted((score, _RANK[quality], quality)
                      for quality, score in touchpoint.quality.scores().items()
                      if score < minimum)
        if not weak:
            continue
        scores = and_list([f"{quality} ({score})" for score, _rank, quality in weak])
        advice = "; ".join(f"{_(_ADVICE[quality])} ({quality})" for _score, _rank, quality in weak)
        yield Finding(
            (*path, "quality"),
            _("touchpoint {touchpoint} {where} scores below {minimum} of 5 on {scores}").format(
                touchpoint=quote(touchpoint.name), where=where(context, path), minimum=minimum,
                scores=scores),
            hint=ngettext("to raise it to {minimum} or more: {advice}",
                          "to raise them to {minimum} or more: {advice}", len(weak)).format(
                minimum=minimum, advice=advice),
            minor=weak[0][0] > POOR,
        )
