"""A future-state map beside the current-state map it improves: which current steps each future
step replaces (``replaces``), which are kept, changed or new, which current steps are
eliminated, and how emotions and metrics move.

A future step that does not write ``replaces`` stands for the current step of its own id, when
there is one (a future map begun as a copy of the current one needs no mapping); ``replaces: []``
makes it new whatever its id. Ids that name no current step are left out here: lint reports them.
"""

from statistics import fmean
from typing import TYPE_CHECKING

from cjmap.compare.changes import (
    EliminatedStep,
    EmotionDelta,
    MetricDelta,
    StateComparison,
    StepFate,
)
from cjmap.compare.mapdiff import step_changes
from cjmap.format.improves import replaced_ids

if TYPE_CHECKING:
    from cjmap.format.model import Journey, Metric, Step


def compare_states(current: "Journey", future: "Journey") -> StateComparison:
    """What the future map makes of each current step, and the emotion and metric deltas."""
    by_id = {step.id or "": step for step in current.steps}
    main = future.main_persona_key() or current.main_persona_key()
    fates = []
    replaced: set[str] = set()
    for step in future.steps:
        ids = replaced_ids(step, set(by_id))
        replaced.update(ids)
        before = [by_id[i] for i in ids]
        changes = step_changes(before[0], step, current, future) if len(before) == 1 else []
        fate = "new" if not before else "kept" if len(before) == 1 and not changes else "changed"
        emotions = _emotions(before, step, current, future)
        at_main = next((e for e in emotions if e.persona == main), None)
        fates.append(StepFate(
            step.id or "", step.name, fate, ids,  # type: ignore[arg-type]
            at_main.current if at_main else None, at_main.future if at_main else None,
            emotions, _metrics(before, step), changes))
    eliminated = [EliminatedStep(step.id or "", step.name, current.emotion_scores(step).get(main))
                  for step in current.steps if step.id not in replaced]
    return StateComparison(
        current.id or "", future.id or "", fates, eliminated,
        _mean([current.emotion_scores(step).get(main) for step in current.steps]),
        _mean([future.emotion_scores(step).get(main) for step in future.steps]))


def _mean(scores: list[float | None] | list[int | None]) -> float | None:
    known = [score for score in scores if score is not None]
    return round(fmean(known), 2) if known else None


def _emotions(before: list["Step"], step: "Step", current: "Journey",
              future: "Journey") -> list[EmotionDelta]:
    after = future.emotion_scores(step)
    earlier = [current.emotion_scores(old) for old in before]
    personas = list(after)
    personas += [p for scores in earlier for p in scores if p not in personas]
    return [EmotionDelta(persona, _mean([scores.get(persona) for scores in earlier]),
                         after.get(persona)) for persona in personas]


def _metrics(before: list["Step"], step: "Step") -> list[MetricDelta]:
    earlier: dict[str, Metric] = {}
    for old in before:
        for metric in old.metrics:
            earlier.setdefault(metric.id or metric.name, metric)
            earlier.setdefault(metric.name, metric)
    deltas = []
    for metric in step.metrics:
        was = earlier.get(metric.id or metric.name) or earlier.get(metric.name)
        deltas.append(MetricDelta(metric.name, metric.unit, was.actual if was else None,
                                  metric.actual, metric.target))
    return deltas
