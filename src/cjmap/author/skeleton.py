"""The text of a new map: a schema modeline, the chosen stage model and a commented skeleton.

The keys and their order come from the models of format/model.py, walked field by field, and
each key's comment from words.py: a field added to the format without a comment, or a key the
format does not know, fails the tests rather than drifting into users' maps. What a map writes
instead of what the skeleton shows (several personas, a persona file, its own stages, an emotion
per persona, labelled arrows) is a commented example under the key it stands beside.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cjmap.author import yamltext
from cjmap.author.words import COMMENTS, EXAMPLES, HEADER, TEXT
from cjmap.format.model import Journey, OrPerPersona, slugify
from cjmap.format.presets import DEFAULT_PRESET, PRESETS, Lang, PresetStage
from cjmap.format.schema import SCHEMA_URL

# Emotions along the steps: a dip where the first pain point is, then better.
_CURVE = (-1, 0, 1, 1, 2, 2)


@dataclass(frozen=True)
class Skeleton:
    """What a new map is made of; ``None`` title and persona take the placeholders."""

    today: date
    stages: str = DEFAULT_PRESET
    lang: Lang = "en"
    full: bool = True
    title: str | None = None
    persona: str | None = None
    schema: str = SCHEMA_URL


def default_title(lang: Lang) -> str:
    return TEXT["title"][lang]


def default_persona(lang: Lang) -> str:
    return TEXT["persona"][lang]


def render(skeleton: Skeleton) -> str:
    """The whole text of the new map."""
    data = _full(skeleton) if skeleton.full else _minimal(skeleton)
    comments: dict[yamltext.Path, str] = {}
    ordered = _walk(Journey, data, (), skeleton.lang, comments, set())
    comments[("stages",)] += "\n" + _stage_list(skeleton.stages, skeleton.lang)
    if skeleton.full:
        for path, example in _examples(skeleton, ordered).items():
            comments[path] += "\n" + example
    head = [f"# yaml-language-server: $schema={skeleton.schema}", "#",
            *yamltext.comment_lines(HEADER[skeleton.lang], 0), ""]
    return "\n".join(head) + "\n" + yamltext.dump(ordered, comments)


def _stage_list(preset: str, lang: Lang) -> str:
    stages = ", ".join(f"{stage.id} ({stage.name[lang]})" for stage in PRESETS[preset])
    return f"{preset}: {stages}."


def walk_fields(data: dict[str, Any], model: type[BaseModel] = Journey) -> set[str]:
    """Every "Model.field" that ``data`` (a map's plain data, or that of one ``model``) spells
    out."""
    seen: set[str] = set()
    _walk(model, data, (), "en", {}, seen)
    return seen


def _walk(model: type[BaseModel], data: dict[str, Any], path: yamltext.Path, lang: Lang,
          comments: dict[yamltext.Path, str], seen: set[str]) -> dict[str, Any]:
    """``data`` with its keys in the model's order; the first occurrence of each field gets
    its comment in ``comments``."""
    unknown = data.keys() - model.model_fields.keys()
    if unknown:
        raise KeyError(f"{model.__name__} has no field {sorted(unknown)}")
    ordered: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        here = (*path, name)
        key = f"{model.__name__}.{name}"
        if key not in seen:
            seen.add(key)
            if key in COMMENTS:
                comments[here] = COMMENTS[key][lang]
        value = data[name]
        nested = _model_in(field.annotation)
        if nested is not None and isinstance(value, dict) and _per_persona(field, nested, value):
            value = {person: _walk(nested, item, (*here, person), lang, comments, seen)
                     if isinstance(item, dict) else item for person, item in value.items()}
        elif nested is not None and isinstance(value, dict):
            value = _walk(nested, value, here, lang, comments, seen)
        elif nested is not None and isinstance(value, list):
            value = [_walk(nested, item, (*here, index), lang, comments, seen)
                     if isinstance(item, dict) else item for index, item in enumerate(value)]
        ordered[name] = value
    return ordered


def _per_persona(field: FieldInfo, nested: type[BaseModel], value: dict[str, Any]) -> bool:
    """Whether ``value`` is an emotion per persona (``{ana: 1, marco: -1}``), not one emotion."""
    return (any(isinstance(marker, OrPerPersona) for marker in field.metadata)
            and not value.keys() <= nested.model_fields.keys())


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (``list[Step]`` → Step, ``Persona | None`` → Persona)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _minimal(skeleton: Skeleton) -> dict[str, Any]:
    lang = skeleton.lang
    return {
        "cjmap": 1,
        "title": skeleton.title or default_title(lang),
        "lang": lang,
        "persona": skeleton.persona or default_persona(lang),
        "stages": skeleton.stages,
        "start": TEXT["start"][lang],
        "end": TEXT["end"][lang],
        "steps": [{"name": _step_name(stage, lang), "stage": stage.id}
                  for stage in PRESETS[skeleton.stages]],
    }


def _step_name(stage: PresetStage, lang: Lang) -> str:
    return TEXT["step"][lang].format(stage=stage.name[lang])


def _full(skeleton: Skeleton) -> dict[str, Any]:
    lang = skeleton.lang
    text = {name: words[lang] for name, words in TEXT.items()}
    title = skeleton.title or default_title(lang)
    owner = text["owner"]
    stages = PRESETS[skeleton.stages]
    steps = [_step(stage, index, lang) for index, stage in enumerate(stages)]
    people = _people(skeleton)
    steps[0] = {**steps[0], **_showcase(stages[0], lang, next_id=slugify(steps[1]["name"]),
                                         people=[people["persona"], people["participant"]])}
    steps[0]["metrics"][0]["as_of"] = skeleton.today
    steps[0]["metrics"][0]["history"] = [{"as_of": skeleton.today - timedelta(days=91),
                                          "actual": 3.9}]
    data: dict[str, Any] = {
        "cjmap": 1,
        "title": title,
        "description": text["description"],
        "lang": lang,
        "owner": owner,
        "state": "current",
        "tags": [text["tag"]],
        "persona": {
            "id": people["persona"],
            "name": skeleton.persona or default_persona(lang),
            "description": text["persona_description"],
            "segment": text["segment"],
            "participation": "buyer",
            "goals": [text["goal"]],
            "needs": [text["persona_need"]],
        },
        "participants": [{"id": people["participant"], "name": text["participant"],
                          "role": "approver", "description": text["participant_description"]}],
        "objectives": [text["objective"]],
        "timeframe": text["timeframe"],
        "channels": [
            {"name": text["channel_web"], "description": text["channel_web_description"],
             "online": True},
            text["channel_email"], text["channel_shop"], text["channel_reviews"],
        ],
        "review": {"last_reviewed": skeleton.today, "cadence": text["cadence"],
                   "owner": owner},
        "stages": skeleton.stages,
        "start": {"name": text["start"], "description": text["start_description"]},
        "end": {"name": text["end"], "description": text["end_description"]},
        "steps": steps,
    }
    if slugify(title):
        data["id"] = slugify(title)
    return data


def _people(skeleton: Skeleton) -> dict[str, str]:
    """The ids of the persona, of a second one (in an example) and of the participant: all
    different, as the format wants, whatever the persona is called."""
    lang = skeleton.lang
    ids = {"persona": slugify(skeleton.persona or default_persona(lang)) or "persona"}
    for role, key in (("second", "second_persona_id"), ("participant", "participant_id")):
        wanted = TEXT[key][lang]
        ids[role] = wanted if wanted not in ids.values() else f"{wanted}-2"
    return ids


def _examples(skeleton: Skeleton, data: dict[str, Any]) -> dict[yamltext.Path, str]:
    """The commented examples of a full skeleton, by the path of the key they go above."""
    lang = skeleton.lang
    text = {name: words[lang] for name, words in TEXT.items()}
    people = _people(skeleton)
    persona = data["persona"]
    stages = PRESETS[skeleton.stages]
    first = stages[0]
    examples: dict[yamltext.Path, list[tuple[str, dict[str, Any]]]] = {
        ("persona",): [
            ("personas", {"personas": [
                {"id": people["persona"], "name": persona["name"], "participation": "buyer"},
                {"id": people["second"], "name": text["second_persona"], "participation": "user"},
            ]}),
            ("persona_ref", {"persona": {"ref": f"../personas/{people['persona']}.yaml"}}),
        ],
        ("stages",): [("stages", {"stages": [
            {"id": first.id, "name": first.name[lang], "description": text["stage_description"],
             "goal": first.goal[lang], "phase": first.phase,
             "touchpoints": [{"name": text["review_touchpoint"], "channel": text["channel_reviews"],
                              "kind": "indirect", "external": True}]},
            *(stage.id for stage in stages[1:]),
        ]})],
        ("state",): [("future", {"state": "future", "improves": text["current_map_file"]})],
        ("steps", 0, "emotion"): [("emotion", {"emotion": {people["persona"]: _CURVE[0],
                                                          people["second"]: _CURVE[0] + 2}})],
        ("steps", 0, "next"): [("replaces", {"replaces": [slugify(data["steps"][0]["name"])]}),
                               ("next", {"next": [
            {"to": stages[1].id, "label": text["next_label"]},
            {"to": stages[2].id, "label": text["skip_label"]},
        ]})],
    }
    return {path: "\n".join(_example(EXAMPLES[words][lang], example, path)
                             for words, example in entries)
            for path, entries in examples.items()}


def _example(intro: str, example: dict[str, Any], path: yamltext.Path) -> str:
    """A comment's text: ``intro``, then ``example`` as YAML that fits the width of a map,
    beside the comment's indentation (two spaces a level) and its ``#``."""
    margin = 2 * (len(path) - 1) + len("# ") + len(yamltext.EXAMPLE_INDENT)
    lines = yamltext.compact(example, yamltext.WIDTH - margin)
    return "\n".join([intro, *(yamltext.EXAMPLE_INDENT + line for line in lines)])


def _texts(lang: Lang, stage: PresetStage) -> dict[str, str]:
    return {name: words[lang].format(stage=stage.name[lang]) for name, words in TEXT.items()}


def _step(stage: PresetStage, index: int, lang: Lang) -> dict[str, Any]:
    """A step with what the lint rules ask of every step."""
    text = _texts(lang, stage)
    channels = (text["channel_web"], text["channel_email"], text["channel_shop"])
    return {
        "name": text["step"],
        "stage": stage.id,
        "actions": [text["action"]],
        "needs": [text["need"]],
        "emotion": _CURVE[index % len(_CURVE)],
        "touchpoints": [{"name": text["touchpoint"], "channel": channels[index % 3],
                         "owner": text["owner"]}],
        "metrics": [{"name": text["metric"], "kind": "csat"}],
    }


def _showcase(stage: PresetStage, lang: Lang, next_id: str, people: list[str]) -> dict[str, Any]:
    """The first step spells out every field of a step, so the skeleton shows them all."""
    text = _texts(lang, stage)
    return {
        "id": slugify(text["step"]),
        "description": text["step_description"],
        "participants": people,
        "thoughts": [text["thought"]],
        "emotion": {"score": _CURVE[0], "label": text["feeling"]},
        "touchpoints": [{
            "name": text["touchpoint"], "channel": text["channel_web"], "kind": "direct",
            "owner": text["owner"], "description": text["touchpoint_description"],
            "quality": {"simple": 4, "appropriate": 4, "relevant": 4, "meaningful": 4,
                        "engaging": 4, "personal": 4},
        }, {
            "name": text["review_touchpoint"], "channel": text["channel_reviews"],
            "kind": "indirect", "online": True, "external": True,
        }],
        "pain_points": [{"id": text["pain_point_id"], "text": text["pain_point"],
                         "severity": "medium"}],
        "opportunities": [{
            "id": text["opportunity_id"], "text": text["opportunity"], "owner": text["owner"],
            "priority": "medium", "lever": "automation",
            "addresses": [text["pain_point_id"], text["metric_id"]],
        }],
        "metrics": [{"id": text["metric_id"], "name": text["metric"], "kind": "csat",
                     "actual": 4.2, "target": 4.0, "unit": "/5", "source": text["metric_source"],
                     "better": "higher"}],
        "frontstage": [{"text": text["frontstage"], "actor": text["frontstage_actor"]}],
        "backstage": [{"text": text["backstage"], "actor": text["backstage_actor"]}],
        "support": [{"text": text["support"], "actor": text["support_actor"]}],
        "duration": text["duration"],
        "moment_of_truth": False,
        "evidence": "assumed",
        "next": [next_id],
    }
