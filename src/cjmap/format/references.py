"""Cross-reference checks: what a map must also satisfy between its parts.

They read the data as written (after the same name resolution the model applies), not the
validated :class:`~cjmap.format.model.Journey`, so that a broken reference is reported in the
same run as a schema error elsewhere in the file: fixing one problem never reveals another that
was there all along. What the schema already refuses (a step whose ``next`` is a number) is left
to the schema's message.
"""

import re
from collections.abc import Generator, Iterator
from typing import Any

from cjmap.diagnostics import Diagnostic, json_pointer
from cjmap.format.model import (
    RESERVED_IDS,
    SLUG_PATTERN,
    resolve_stage_names,
    slugify,
)
from cjmap.format.presets import DEFAULT_PRESET, PRESETS, model_name
from cjmap.format.validation import Suggester
from cjmap.i18n import N_, _
from cjmap.parse.document import Document

Loc = tuple[Any, ...]
SLUG = re.compile(SLUG_PATTERN)
Problem = tuple[Loc, str, str | None]


def check(document: Document, path: str, resolved: Any = None) -> list[Diagnostic]:
    """Every broken reference and clashing id in the map ``document`` holds; ``resolved`` is
    its data through :func:`~cjmap.format.model.resolve_stage_names`, when the caller has it."""

    def at(loc: Loc, message: str, hint: str | None = None) -> Diagnostic:
        return Diagnostic(path, document.locate(loc), "reference", message,
                          pointer=json_pointer(loc), hint=hint)

    data = resolve_stage_names(document.data) if resolved is None else resolved
    if not isinstance(data, dict):
        return []
    return [at(*problem) for problem in _problems(data)]


def _items(value: Any) -> list[Any]:
    """A list field as the model reads it: a lone item is a list of one."""
    if isinstance(value, list):
        return value
    return [] if value is None else [value]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _slug(value: Any) -> str | None:
    """An id as written, if it is one: what is no valid id is the schema's to report."""
    return value if isinstance(value, str) and SLUG.fullmatch(value) else None


def _preset_hint(stage: str, stages_written: bool) -> str | None:
    """A stage of a known model used without declaring it: name the model that has it."""
    models = [name for name, stages in PRESETS.items() if any(s.id == stage for s in stages)]
    if not models:
        return None
    names = _(" and ").join(models)
    if stages_written:
        return _("'{stage}' is a stage of the {models} model: add it to 'stages'").format(
            stage=stage, models=names)
    return _("'{stage}' is a stage of the {models} model: declare it with "
             "'stages: {model}'").format(stage=stage, models=names, model=models[0])


class _Map:
    """The ids a map declares, read from its data with the model's defaults."""

    def __init__(self, data: dict[str, Any]) -> None:
        stages = data.get("stages")
        if isinstance(stages, str):
            name = model_name(stages)
            stages = [s.id for s in PRESETS[name]] if name else []
        elif stages is None:
            stages = [s.id for s in PRESETS[DEFAULT_PRESET]]
        self.stages_written = "stages" in data
        self.stage_list: list[tuple[int, str]] = []
        for index, stage in enumerate(_items(stages)):
            stage_id = _text(stage.get("id")) if isinstance(stage, dict) else _text(stage)
            if stage_id is not None:
                self.stage_list.append((index, stage_id))
        self.stage_ids = [stage_id for _, stage_id in self.stage_list]
        self.steps: list[tuple[int, dict[str, Any], str, str | None]] = []
        current = self.stage_ids[0] if self.stage_ids else None
        for index, step in enumerate(_items(data.get("steps"))):
            if isinstance(step, str):
                step = {"name": step}
            if not isinstance(step, dict):
                continue
            written = _text(step.get("id"))
            name = _text(step.get("name"))
            step_id = written or (slugify(name) if name else None) or f"step-{index + 1}"
            current = _text(step.get("stage")) or current
            self.steps.append((index, step, step_id, current))
        self.step_ids = [step_id for _, _, step_id, _ in self.steps]
        self.order = {index: order for order, (index, *_) in enumerate(self.steps)}
        self.persona_ids = self._persona_ids(data)
        self.participant_ids = [
            _text(p.get("id")) or slugify(_text(p.get("name")) or "")
            if isinstance(p, dict) else slugify(p) if isinstance(p, str) else ""
            for p in _items(data.get("participants"))
        ]

    @staticmethod
    def _persona_ids(data: dict[str, Any]) -> list[str]:
        personas = _items(data.get("personas")) or _items(data.get("persona"))
        ids = []
        for persona in personas:
            if isinstance(persona, str):
                ids.append(slugify(persona))
            elif isinstance(persona, dict):
                ids.append(_text(persona.get("id")) or slugify(_text(persona.get("name"))
                                                               or _text(persona.get("ref"))
                                                               or ""))
        return ids


def _problems(data: dict[str, Any]) -> Iterator[Problem]:
    known = _Map(data)
    yield from _stage_problems(known)
    yield from _step_problems(known)
    yield from _next_problems(known)
    yield from _people_problems(known)
    yield from _addresses_problems(known)


def _stage_problems(known: _Map) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for index, stage_id in known.stage_list:
        if stage_id in seen:
            yield (("stages", index, "id"),
                   _("stage id '{id}' is declared twice").format(id=stage_id),
                   _("stage {number} has it already").format(number=seen[stage_id] + 1))
        seen.setdefault(stage_id, index)


def _step_problems(known: _Map) -> Iterator[Problem]:
    declared = set(known.stage_ids)
    suggest = Suggester(known.stage_ids)
    # Once, and short: a map of thousands of stages repeats it in every finding.
    listed = ", ".join(known.stage_ids[:8]) + (
        _("… ({count} in all)").format(count=len(known.stage_ids))
        if len(known.stage_ids) > 8 else "")
    first_of: dict[str, int] = {}
    for order, (index, step, step_id, stage) in enumerate(known.steps):
        written = "id" in step
        where = ("steps", index, "id" if written else "name")
        if step_id in RESERVED_IDS:
            yield (where,
                   _("'start' is reserved for the journey's start point") if step_id == "start"
                   else _("'end' is reserved for the journey's end point"),
                   _("give the step another id"))
        elif step_id in first_of:
            first = _text(known.steps[first_of[step_id]][1].get("name")) or step_id
            yield (where, _("step id '{id}' is already used by step '{first}'").format(id=step_id,
                                                                               first=first),
                   None if written else _("give one of the steps an explicit 'id'"))
        first_of.setdefault(step_id, order)
        # An inherited stage is reported once, at the step that names it.
        if stage is not None and stage not in declared and _slug(step.get("stage")):
            yield (("steps", index, "stage"),
                   _("stage '{stage}' is not declared").format(stage=stage),
                   suggest(stage)
                   or _preset_hint(stage, known.stages_written)
                   or _("declared stages: {stages}").format(stages=listed))


def _next_problems(known: _Map) -> Iterator[Problem]:
    step_ids = set(known.step_ids)
    stage_ids = set(known.stage_ids)
    staged = {stage for _, _, _, stage in known.steps}
    suggest = Suggester([*known.step_ids, *known.stage_ids, "end"])
    for index, step, _step_id, _stage in known.steps:
        if "next" not in step:
            continue
        for position, entry in enumerate(_items(step["next"])):
            target = _slug(entry.get("to")) if isinstance(entry, dict) else _slug(entry)
            if target is None or target == "end" or target in step_ids:
                continue
            loc: Loc = ("steps", index, "next", position)
            if isinstance(entry, dict):
                loc = (*loc, "to")
            if target in stage_ids:
                if target not in staged:
                    yield (loc,
                           _("'next' names stage '{stage}', which has no steps").format(
                               stage=target),
                           _("name one of its steps once it has some, or a step id"))
                continue
            yield (loc,
                   _("'next' names '{target}', which is no step or stage id").format(target=target),
                   suggest(target) or _("use a step id, a stage id, or 'end'"))


def _people_problems(known: _Map) -> Iterator[Problem]:
    people = [*known.persona_ids, *known.participant_ids]
    seen: set[str] = set()
    for where, ids in (("personas", known.persona_ids),
                       ("participants", known.participant_ids)):
        for position, person in enumerate(ids):
            if person and person in seen:
                yield ((where, position),
                       _("the id '{id}' is used by two people").format(id=person),
                       _("give one of them another 'id'"))
            seen.add(person)
    personas = Suggester(known.persona_ids)
    everyone = Suggester(people)
    persona_set, people_set = set(known.persona_ids), set(people)
    for index, step, _step_id, _stage in known.steps:
        emotion = step.get("emotion")
        if isinstance(emotion, dict) and not emotion.keys() <= _ONE_EMOTION:
            for person in emotion:
                if not _slug(person) or str(person).startswith("x-"):
                    continue
                if person not in persona_set:
                    yield (("steps", index, "emotion", person),
                           _("the emotion names '{person}', which is no persona id").format(
                               person=person),
                           personas(str(person)) or _persona_hint(known.persona_ids))
        if "participants" not in step:
            continue
        for position, person in enumerate(_items(step["participants"])):
            if isinstance(person, str) and person not in people_set and _slug(person):
                yield (("steps", index, "participants", position),
                       _("'participants' names '{person}', which is no persona or participant "
                         "id").format(person=person),
                       everyone(person) or _("declare them under 'participants'"))


_ONE_EMOTION = frozenset({"score", "label"})  # the keys of an emotion not given per persona


def _persona_hint(persona_ids: list[str]) -> str:
    if not persona_ids:
        return _("list the personas under 'personas', each with an id")
    return _("persona ids: {ids}").format(ids=", ".join(persona_ids))


def _addresses_problems(known: _Map) -> Iterator[Problem]:
    pain_ids = yield from _unique_ids(
        known, "pain_points", N_("pain point id '{id}' is already used in step '{first}'"))
    metric_ids = yield from _unique_ids(
        known, "metrics", N_("metric id '{id}' is already used in step '{first}'"))
    yield from _unique_ids(
        known, "opportunities", N_("opportunity id '{id}' is already used in step '{first}'"))
    for clash in sorted(pain_ids.keys() & metric_ids.keys()):
        index, position = metric_ids[clash]
        yield (("steps", index, "metrics", position, "id"),
               _("the id '{id}' names a pain point and a metric").format(id=clash),
               _("give the metric another id, so that 'addresses' means one of them"))
    answerable = Suggester([*pain_ids, *metric_ids])
    for index, step, _step_id, _stage in known.steps:
        if "opportunities" not in step:
            continue
        for position, opportunity in enumerate(_items(step["opportunities"])):
            if not isinstance(opportunity, dict):
                continue
            for slot, target in enumerate(_items(opportunity.get("addresses"))):
                # Most targets are known ids: the pattern is matched only for the others.
                if (isinstance(target, str) and target not in pain_ids
                        and target not in metric_ids and _slug(target)):
                    yield (("steps", index, "opportunities", position, "addresses", slot),
                           _("'addresses' names '{target}', which is no pain point or metric "
                             "id").format(target=target),
                           answerable(target)
                           or _("give the pain point or the metric an 'id' and name it here"))


def _unique_ids(known: _Map, field: str,
                message: str) -> Generator[Problem, None, dict[str, tuple[int, int]]]:
    """Problems for ids used twice among the steps' ``field`` items (``message``, marked for
    translation, says it); returns the ids seen."""
    seen: dict[str, tuple[int, int]] = {}
    for index, step, _step_id, _stage in known.steps:
        # Most steps have few of the lists: those they lack are passed over at once.
        if field not in step:
            continue
        for position, item in enumerate(_items(step[field])):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in seen:
                first = _text(known.steps[known.order[seen[item_id][0]]][1].get("name"))
                yield (("steps", index, field, position, "id"),
                       _(message).format(id=item_id, first=first), None)
            seen.setdefault(item_id, (index, position))
    return seen

