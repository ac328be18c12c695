"""A metric's actual value misses its target.

Targets say what good looks like; a metric whose actual value falls short (or, for a metric
where lower is better, such as an exit rate, goes over) marks a step to work on first. Only
metrics that give both a value and a `target` are checked, and `better: lower` is respected.
The value checked is the newest measurement: `actual`, or a later entry of `history` when the
map records one (a dated `actual` and `history` are compared by date).
The `tolerance` option (a percentage of the target, default 0) lets small misses pass.

A metric that an opportunity addresses (the metric has an `id`, and an opportunity anywhere in
the map lists it in `addresses`) is not reported: the map already records what will close the
gap, which is what this rule asks for. Keeping it as a lesser finding would leave a note that
nobody can act on; the gap itself still shows wherever the map is rendered.

Fails:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    metrics:
      - name: Comparison page exit rate
        actual: 48
        target: 35
        unit: "%"
        better: lower
```

Passes:

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    metrics:
      - name: Comparison page exit rate
        actual: 31
        target: 35
        unit: "%"
        better: lower
```

Passes too (the gap is answered):

```yaml
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    metrics:
      - id: exit-rate
        name: Comparison page exit rate
        actual: 48
        target: 35
        unit: "%"
        better: lower
    opportunities:
      - text: A comparison table of the three models
        addresses: [exit-rate]
```
"""

from collections.abc import Iterator, Mapping
from typing import Any

from cjmap.diagnostics import Severity
from cjmap.i18n import _, with_unit
from cjmap.lint.rules.base import Context, Finding, OptionValue
from cjmap.lint.rules.common import metrics, quote, reading_path

ID = "metric-off-target"
SEVERITY: Severity = "info"
OPTIONS: Mapping[str, OptionValue] = {"tolerance": 0.0}


def check(context: Context, options: Mapping[str, Any]) -> Iterator[Finding]:
    tolerance = float(options["tolerance"]) / 100
    answered = {target for step in context.journey.steps for opportunity in step.opportunities
                for target in opportunity.addresses}
    for path, step, metric in metrics(context):
        latest, target = metric.latest, metric.target
        if latest is None or target is None or metric.id in answered:
            continue
        margin = abs(target) * tolerance
        lower = metric.better == "lower"
        actual = latest.actual
        if (actual <= target + margin) if lower else (actual >= target - margin):
            continue
        yield Finding(
            reading_path(path, metric, latest, "actual"),
            (_("metric {metric} in step {step} misses its target: {actual} against {target} "
               "(lower is better)") if lower
             else _("metric {metric} in step {step} misses its target: {actual} against "
                    "{target} (higher is better)")).format(
                metric=quote(metric.name), step=quote(step.name),
                actual=with_unit(actual, metric.unit), target=with_unit(target, metric.unit)),
            hint=_("record an opportunity that closes the gap, or revise the target"),
        )
