"""The text of a new map: a schema modeline, the chosen stage model and a commented skeleton.

The keys and their order come from the models of format/model.py, walked field by field, and
each key's comment from words.py: a field added to the format without a comment, or a key the
format does not know, fails the tests rather than drifting into users' maps.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from cjmap.author import yamltext
from cjmap.author.words import COMMENTS, HEADER, TEXT
from cjmap.format.model import Journey, slugify
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
    head = [f"# yaml-language-server: $schema={skeleton.schema}", "#",
            *yamltext.comment_lines(HEADER[skeleton.lang], 0), ""]
    return "\n".join(head) + "\n" + yamltext.dump(ordered, comments)


def _stage_list(preset: str, lang: Lang) -> str:
    stages = ", ".join(f"{stage.id} ({stage.name[lang]})" for stage in PRESETS[preset])
    return f"{preset}: {stages}."


def walk_fields(data: dict[str, Any]) -> set[str]:
    """Every "Model.field" that ``data`` (a map's plain data) spells out."""
    seen: set[str] = set()
    _walk(Journey, data, (), "en", {}, seen)
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
        if nested is not None and isinstance(value, dict):
            value = _walk(nested, value, here, lang, comments, seen)
        elif nested is not None and isinstance(value, list):
            value = [_walk(nested, item, (*here, index), lang, comments, seen)
                     if isinstance(item, dict) else item for index, item in enumerate(value)]
        ordered[name] = value
    return ordered


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
    steps[0] = {**steps[0], **_showcase(stages[0], lang, next_id=slugify(steps[1]["name"]))}
    data: dict[str, Any] = {
        "cjmap": 1,
        "title": title,
        "description": text["description"],
        "lang": lang,
        "owner": owner,
        "state": "current",
        "tags": [text["tag"]],
        "persona": {
            "name": skeleton.persona or default_persona(lang),
            "description": text["persona_description"],
            "segment": text["segment"],
            "participation": "buyer",
            "goals": [text["goal"]],
            "needs": [text["persona_need"]],
        },
        "objectives": [text["objective"]],
        "timeframe": text["timeframe"],
        "channels": [
            {"name": text["channel_web"], "description": text["channel_web_description"]},
            text["channel_email"], text["channel_shop"],
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


def _showcase(stage: PresetStage, lang: Lang, next_id: str) -> dict[str, Any]:
    """The first step spells out every field of a step, so the skeleton shows them all."""
    text = _texts(lang, stage)
    return {
        "id": slugify(text["step"]),
        "description": text["step_description"],
        "thoughts": [text["thought"]],
        "emotion": {"score": _CURVE[0], "label": text["feeling"]},
        "touchpoints": [{
            "name": text["touchpoint"], "channel": text["channel_web"], "kind": "direct",
            "owner": text["owner"], "description": text["touchpoint_description"],
            "quality": {"simple": 4, "appropriate": 4, "relevant": 4, "meaningful": 4,
                        "engaging": 4, "personal": 4},
        }],
        "pain_points": [{"id": text["pain_point_id"], "text": text["pain_point"],
                         "severity": "medium"}],
        "opportunities": [{
            "id": text["opportunity_id"], "text": text["opportunity"], "owner": text["owner"],
            "priority": "medium", "lever": "automation", "addresses": [text["pain_point_id"]],
        }],
        "metrics": [{"name": text["metric"], "kind": "csat", "actual": 4.2, "target": 4.0,
                     "unit": "/5", "source": text["metric_source"], "better": "higher"}],
        "duration": text["duration"],
        "moment_of_truth": False,
        "evidence": "assumed",
        "next": [next_id],
    }
