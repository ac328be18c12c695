"""One map as normalised lines, for git's ``textconv``: what the map says in the customer's
experience, one fact a line, in a fixed order, so that ``git diff`` and ``git log -p`` show the
semantic change and nothing else (a ``cjmap fmt`` run, comments, key order and shorthands give
the same lines). The words are the format's own keys, the same in every language."""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cjmap.compare.words import signed

if TYPE_CHECKING:
    from cjmap.format.model import Journey, Step, Touchpoint


def lines(journey: "Journey", written_id: bool) -> Iterator[str]:
    """The map's facts. The id only when the file writes it: git hands textconv a temporary
    file, whose name would otherwise be the id."""
    yield f"map: {journey.title}"
    if written_id:
        yield f"id: {journey.id}"
    yield f"state: {journey.state}"
    for key in ("owner", "improves"):
        value = getattr(journey, key)
        if value is not None:
            yield f"{key}: {value}"
    review = journey.review
    if review is not None:
        yield "review: " + _pairs(("last_reviewed", review.last_reviewed),
                                  ("cadence", review.cadence), ("owner", review.owner))
    yield "stages: " + ", ".join(journey.stage_ids())
    for stage in journey.stages:
        for touchpoint in stage.touchpoints:
            yield f"stage {stage.id}: {_touchpoint(touchpoint)}"
    for step in journey.steps:
        yield from _step(step)


def _step(step: "Step") -> Iterator[str]:
    yield f"step {step.id}: {step.name}"
    yield f"  stage: {step.stage}"
    if step.replaces is not None:
        yield "  replaces: " + (", ".join(step.replaces) or "[]")
    for persona, emotion in step.feelings().items():
        label = f" ({emotion.label})" if emotion.label else ""
        yield f"  emotion{f' {persona}' if persona else ''}: {signed(emotion.score)}{label}"
    for touchpoint in step.touchpoints:
        yield f"  {_touchpoint(touchpoint)}"
    for pain in step.pain_points:
        yield f"  pain point{_id(pain.id)}: {pain.text}" + _extra(("severity", pain.severity))
    for opportunity in step.opportunities:
        yield (f"  opportunity{_id(opportunity.id)}: {opportunity.text}"
               + _extra(("priority", opportunity.priority), ("owner", opportunity.owner),
                        ("addresses", ", ".join(opportunity.addresses) or None)))
    for metric in step.metrics:
        status = ("off target" if metric.misses_target() else "on target") \
            if metric.actual is not None and metric.target is not None else None
        yield (f"  metric{_id(metric.id)}: {metric.name}"
               + _extra(("actual", metric.actual), ("target", metric.target),
                        ("unit", metric.unit), ("as_of", metric.as_of), ("status", status)))


def _touchpoint(touchpoint: "Touchpoint") -> str:
    scores = touchpoint.quality.scores() if touchpoint.quality else {}
    return f"touchpoint: {touchpoint.name}" + _extra(
        ("channel", touchpoint.channel), ("owner", touchpoint.owner),
        *((quality, score) for quality, score in scores.items()))


def _id(value: str | None) -> str:
    return f" [{value}]" if value else ""


def _pairs(*pairs: tuple[str, object]) -> str:
    return ", ".join(f"{key} {value}" for key, value in pairs if value is not None)


def _extra(*pairs: tuple[str, object]) -> str:
    shown = _pairs(*pairs)
    return f" ({shown})" if shown else ""
