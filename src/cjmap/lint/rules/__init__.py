"""The lint rules, one module each, and the registry that lists them.

The registry is explicit, as in yamllint: a rule exists when it is listed here. ``RULES`` maps
each rule id to its module, in the order ``cjmap rules`` and ``docs/rules.md`` show them.
"""

from cjmap.lint.rules import (
    dead_end_step,
    duplicate_step_name,
    empty_stage,
    empty_text,
    future_emotion_worse,
    improves_missing,
    indirect_only_stage,
    low_touchpoint_quality,
    metric_off_target,
    missing_end,
    missing_objectives,
    missing_persona,
    missing_review,
    missing_start,
    missing_timeframe,
    negative_emotion_without_pain,
    no_actions,
    no_emotion,
    no_needs,
    no_purchase_step,
    no_touchpoints,
    nothing_after_purchase,
    opportunity_without_owner,
    replaces_unknown_step,
    review_overdue,
    stage_order,
    stale_metric,
    touchpoint_without_channel,
    touchpoint_without_owner,
    unaddressed_pain_point,
    unknown_channel,
    unmeasured_stage,
    unreachable_step,
    unused_suppression,
)
from cjmap.lint.rules.base import Context, Finding, Rule

__all__ = ["RULES", "Context", "Finding", "Rule", "summary"]

_MODULES: tuple[Rule, ...] = (
    empty_stage,
    no_purchase_step,
    nothing_after_purchase,
    missing_start,
    missing_end,
    missing_persona,
    missing_objectives,
    missing_timeframe,
    no_touchpoints,
    touchpoint_without_channel,
    touchpoint_without_owner,
    unknown_channel,
    negative_emotion_without_pain,
    unaddressed_pain_point,
    opportunity_without_owner,
    unmeasured_stage,
    metric_off_target,
    stale_metric,
    unreachable_step,
    dead_end_step,
    stage_order,
    review_overdue,
    missing_review,
    low_touchpoint_quality,
    indirect_only_stage,
    duplicate_step_name,
    no_actions,
    no_needs,
    no_emotion,
    empty_text,
    improves_missing,
    replaces_unknown_step,
    future_emotion_worse,
    unused_suppression,
)

RULES: dict[str, Rule] = {rule.ID: rule for rule in _MODULES}


def summary(rule: Rule) -> str:
    """The first line of the rule's docstring: one sentence on what it flags."""
    return (rule.__doc__ or "").strip().splitlines()[0]
