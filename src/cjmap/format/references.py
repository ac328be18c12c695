"""Cross-reference checks: what a valid map must also satisfy between its parts."""

from collections.abc import Generator, Iterator
from typing import Any

from cjmap.diagnostics import Diagnostic, json_pointer
from cjmap.format.model import RESERVED_IDS, Journey
from cjmap.format.presets import PRESETS
from cjmap.format.validation import Suggester
from cjmap.parse.document import Document


def check(journey: Journey, document: Document, path: str) -> list[Diagnostic]:
    """Every broken reference and clashing id in ``journey``."""

    def at(loc: tuple[Any, ...], message: str, hint: str | None = None) -> Diagnostic:
        return Diagnostic(path, document.locate(loc), "reference", message,
                          pointer=json_pointer(loc), hint=hint)

    return [at(*problem) for problem in _problems(journey, document)]


Problem = tuple[tuple[Any, ...], str, str | None]


def _preset_hint(stage: str, stages_written: bool) -> str | None:
    """A stage of a known model used without declaring it: name the model that has it."""
    models = [name for name, stages in PRESETS.items() if any(s.id == stage for s in stages)]
    if not models:
        return None
    if stages_written:
        return f"'{stage}' is a stage of the {' and '.join(models)} model: add it to 'stages'"
    return f"'{stage}' is a stage of the {' and '.join(models)} model: " \
           f"declare it with 'stages: {models[0]}'"


def _problems(journey: Journey, document: Document) -> Iterator[Problem]:
    stage_ids = journey.stage_ids()
    declared = set(stage_ids)
    suggest_stage = Suggester(stage_ids)
    # Once, and short: a map of thousands of stages repeats it in every finding.
    listed = ", ".join(stage_ids[:8]) + (f"… ({len(stage_ids)} in all)" if len(stage_ids) > 8
                                         else "")
    seen: dict[str, int] = {}
    for index, stage in enumerate(journey.stages):
        if stage.id in seen:
            yield (("stages", index, "id"), f"stage id '{stage.id}' is declared twice",
                   f"stage {seen[stage.id] + 1} has it already")
        seen.setdefault(stage.id, index)

    step_ids: dict[str, int] = {}
    for index, step in enumerate(journey.steps):
        step_id = step.id or ""
        written = ("steps", index, "id") in document.values
        where = ("steps", index, "id" if written else "name")
        if step_id in RESERVED_IDS:
            yield (where, f"'{step_id}' is reserved for the journey's {step_id} point",
                   "give the step another id")
        elif step_id in step_ids:
            first = journey.steps[step_ids[step_id]].name
            yield (where, f"step id '{step_id}' is already used by step '{first}'",
                   None if written else "give one of the steps an explicit 'id'")
        step_ids.setdefault(step_id, index)
        # An inherited stage is reported once, at the step that names it.
        if step.stage not in declared and ("steps", index, "stage") in document.values:
            yield (("steps", index, "stage"), f"stage '{step.stage}' is not declared",
                   suggest_stage(step.stage or "")
                   or _preset_hint(step.stage or "", ("stages",) in document.values)
                   or f"declared stages: {listed}")

    suggest_target = Suggester([*step_ids, "end"])
    for index, step in enumerate(journey.steps):
        for position, target in enumerate(step.next or []):
            if target not in step_ids and target != "end":
                yield (("steps", index, "next", position),
                       f"'next' names '{target}', which is no step id",
                       suggest_target(target) or "use a step id, or 'end'")

    pain_ids = yield from _unique_ids(journey, "pain_points", "pain point")
    suggest_pain = Suggester(pain_ids)
    yield from _unique_ids(journey, "opportunities", "opportunity")
    for index, step in enumerate(journey.steps):
        for position, opportunity in enumerate(step.opportunities):
            for slot, target in enumerate(opportunity.addresses):
                if target not in pain_ids:
                    yield (("steps", index, "opportunities", position, "addresses", slot),
                           f"'addresses' names '{target}', which is no pain point id",
                           suggest_pain(target)
                           or "give the pain point an 'id' and name it here")


def _unique_ids(journey: Journey, field: str,
                what: str) -> Generator[Problem, None, dict[str, tuple[int, int]]]:
    """Problems for ids used twice among the steps' ``field`` items; returns the ids seen."""
    seen: dict[str, tuple[int, int]] = {}
    for index, step in enumerate(journey.steps):
        for position, item in enumerate(getattr(step, field)):
            if item.id is None:
                continue
            if item.id in seen:
                first = journey.steps[seen[item.id][0]].name
                yield (("steps", index, field, position, "id"),
                       f"{what} id '{item.id}' is already used in step '{first}'", None)
            seen.setdefault(item.id, (index, position))
    return seen
