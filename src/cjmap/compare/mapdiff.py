"""Two versions of a map → the changes in the customer's experience between them.

The validated, effective maps are compared (defaults filled, shorthands expanded), never their
YAML: whitespace, comments, key order and shorthand against long form are no change, so a
``cjmap fmt`` run diffs empty.
"""

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from cjmap.compare.changes import Change, ChangeKind, Value
from cjmap.compare.match import ITEM_LIKENESS, STEP_LIKENESS, moved, pair

if TYPE_CHECKING:
    from datetime import date

    from cjmap.format.model import (
        Journey,
        Metric,
        Opportunity,
        PainPoint,
        Step,
        Touchpoint,
    )

T = TypeVar("T")


def diff_journeys(old: "Journey", new: "Journey") -> list[Change]:
    """Every change from ``old`` to ``new``: the map's own fields, its stages, its steps."""
    changes = list(map_changes(old, new))
    changes += _stages(old, new)
    pairs = pair(old.steps, new.steps, lambda s: s.id or "", lambda s: s.name, STEP_LIKENESS)
    paired_old = {i for i, _ in pairs}
    paired_new = {j: i for i, j in pairs}
    shifted = moved(pairs)
    for j, step in enumerate(new.steps):
        i = paired_new.get(j)
        if i is None:
            changes.append(Change("step-added", step.id, step.name, stage=step.stage))
            continue
        before = old.steps[i]
        if j in shifted:
            changes.append(_on(step, "step-position", i + 1, j + 1))
        changes += step_changes(before, step, old, new)
    changes += [Change("step-removed", step.id, step.name, stage=step.stage)
                for i, step in enumerate(old.steps) if i not in paired_old]
    return changes


def map_changes(old: "Journey", new: "Journey") -> Iterator[Change]:
    """The changes of the map's own fields and of its review."""
    fields: tuple[tuple[ChangeKind, Value, Value], ...] = (
        ("title", old.title, new.title), ("state", old.state, new.state),
        ("owner", old.owner, new.owner), ("improves", old.improves, new.improves))
    was, now = old.review, new.review
    review: tuple[tuple[ChangeKind, Value, Value], ...] = (
        ("review-date", _day(was.last_reviewed if was else None),
         _day(now.last_reviewed if now else None)),
        ("review-cadence", was.cadence if was else None, now.cadence if now else None),
        ("review-owner", was.owner if was else None, now.owner if now else None))
    for kind, before, after in (*fields, *review):
        if before != after:
            yield Change(kind, old=before, new=after)


def _day(day: "date | None") -> str | None:
    return day.isoformat() if day is not None else None


def _stages(old: "Journey", new: "Journey") -> list[Change]:
    old_ids, new_ids = old.stage_ids(), new.stage_ids()
    changes = [Change("stage-added", stage=stage.id, item=stage.name) for stage in new.stages
               if stage.id not in old_ids]
    changes += [Change("stage-removed", stage=stage.id, item=stage.name) for stage in old.stages
                if stage.id not in new_ids]
    before = {stage.id: stage for stage in old.stages}
    for stage in new.stages:
        if stage.id in before:
            changes += _touchpoints(before[stage.id].touchpoints, stage.touchpoints,
                                    Change("touchpoint-added", stage=stage.id))
    return changes


def step_changes(old_step: "Step", step: "Step", old: "Journey", new: "Journey") -> list[Change]:
    """What changed of a step that both maps have (the new map's id names it)."""
    changes = []
    if old_step.name != step.name:
        changes.append(_on(step, "step-renamed", old_step.name, step.name))
    if old_step.stage != step.stage:
        changes.append(_on(step, "step-stage", old_step.stage, step.stage))
    before, after = old.emotion_scores(old_step), new.emotion_scores(step)
    for persona in [*before, *(p for p in after if p not in before)]:
        if before.get(persona) != after.get(persona):
            changes.append(Change("emotion", step.id, step.name, detail=persona,
                                  old=before.get(persona), new=after.get(persona)))
    base = Change("touchpoint-added", step.id, step.name)
    changes += _touchpoints(old_step.touchpoints, step.touchpoints, base)
    changes += _pain_points(old_step.pain_points, step.pain_points, base)
    changes += _opportunities(old_step.opportunities, step.opportunities, base)
    changes += _metrics(old_step.metrics, step.metrics, base)
    return changes


def _on(step: "Step", kind: ChangeKind, old: Value, new: Value) -> Change:
    return Change(kind, step.id, step.name, old=old, new=new)


def _paired(old: Sequence[T], new: Sequence[T]) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Matched (old, new) items, the new items unmatched, the old ones unmatched: by id when
    the item has one, else by its name or text."""

    def name(item: T) -> str:
        return str(getattr(item, "name", None) or getattr(item, "text", ""))

    def ident(item: T) -> str:
        return str(getattr(item, "id", None) or name(item))

    pairs = pair(old, new, ident, name, ITEM_LIKENESS)
    old_used = {i for i, _ in pairs}
    new_used = {j for _, j in pairs}
    return ([(old[i], new[j]) for i, j in pairs],
            [item for j, item in enumerate(new) if j not in new_used],
            [item for i, item in enumerate(old) if i not in old_used])


def _with(base: Change, kind: ChangeKind, item: str, **values: Value) -> Change:
    return replace(base, kind=kind, item=item, **values)  # type: ignore[arg-type]


def _touchpoints(old: Sequence["Touchpoint"], new: Sequence["Touchpoint"],
                 base: Change) -> list[Change]:
    pairs, added, removed = _paired(old, new)
    changes = [_with(base, "touchpoint-added", t.name) for t in added]
    changes += [_with(base, "touchpoint-removed", t.name) for t in removed]
    for before, after in pairs:
        old_scores = before.quality.scores() if before.quality else {}
        new_scores = after.quality.scores() if after.quality else {}
        for quality in [*old_scores, *(q for q in new_scores if q not in old_scores)]:
            if old_scores.get(quality) != new_scores.get(quality):
                changes.append(_with(base, "touchpoint-quality", after.name, detail=quality,
                                     old=old_scores.get(quality), new=new_scores.get(quality)))
        if before.owner != after.owner:
            changes.append(_with(base, "touchpoint-owner", after.name, old=before.owner,
                                 new=after.owner))
        if before.channel != after.channel:
            changes.append(_with(base, "touchpoint-channel", after.name, old=before.channel,
                                 new=after.channel))
    return changes


def _pain_points(old: Sequence["PainPoint"], new: Sequence["PainPoint"],
                 base: Change) -> list[Change]:
    _, opened, closed = _paired(old, new)
    return ([_with(base, "pain-point-opened", p.text, detail=p.id) for p in opened]
            + [_with(base, "pain-point-closed", p.text, detail=p.id) for p in closed])


def _opportunities(old: Sequence["Opportunity"], new: Sequence["Opportunity"],
                   base: Change) -> list[Change]:
    pairs, added, removed = _paired(old, new)
    changes = [_with(base, "opportunity-added", o.text, new=o.priority) for o in added]
    changes += [_with(base, "opportunity-removed", o.text, old=o.priority) for o in removed]
    for before, after in pairs:
        if before.priority != after.priority:
            changes.append(_with(base, "opportunity-priority", after.text, old=before.priority,
                                 new=after.priority))
        if before.addresses != after.addresses:
            changes.append(_with(base, "opportunity-addresses", after.text,
                                 old=list(before.addresses), new=list(after.addresses)))
    return changes


def _metrics(old: Sequence["Metric"], new: Sequence["Metric"], base: Change) -> list[Change]:
    pairs, added, removed = _paired(old, new)
    changes = [_with(base, "metric-added", m.name, detail=m.unit, new=m.actual) for m in added]
    changes += [_with(base, "metric-removed", m.name, detail=m.unit, old=m.actual)
                for m in removed]
    for before, after in pairs:
        for kind, was, now in (("metric-actual", before.actual, after.actual),
                               ("metric-target", before.target, after.target)):
            if was != now:
                changes.append(_with(base, kind, after.name, detail=after.unit,  # type: ignore[arg-type]
                                     old=was, new=now))
        measured = before.actual is not None and before.target is not None
        if measured and after.actual is not None and after.target is not None \
                and before.misses_target() != after.misses_target():
            changes.append(_with(base, "metric-missed" if after.misses_target() else
                                 "metric-met", after.name, detail=after.unit, old=after.target))
    return changes
