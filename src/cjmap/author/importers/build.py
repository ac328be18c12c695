"""What every importer needs to turn a journey read elsewhere into a map: unique ids, stages
that name a stage model when the source's stage names match one, and the map's text.

The ids are the ones the format itself would give (the name made into a slug), written out only
where that default would not be unique or would be empty: two tasks "Pay" become ``pay`` and
an explicit ``pay-2``.
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from cjmap.author.importers.base import Imported
from cjmap.format.presets import KNOWN_STAGES, PRESETS

# What an importer writes where it had to infer a value (docs/format.md, "evidence").
ASSUMED = "assumed"


def slug(text: str) -> str:
    """The id the format makes of ``text`` (imported here so that only importing loads the
    model)."""
    from cjmap.format.model import slugify

    return slugify(text)


@dataclass
class Ids:
    """The ids given so far in one namespace (steps, stages, or people)."""

    fallback: str  # the stem of an id for a name with no letter a slug can keep
    taken: set[str] = field(default_factory=set)

    def take(self, name: str, default: str | None = None,
             fallback: str | None = None) -> tuple[str, bool]:
        """A new unique id for ``name``, and whether it must be written out: it differs from
        ``default``, what the format would make of the name itself."""
        stem = slug(name) or fallback or self.fallback
        candidate, number = stem, 1
        while candidate in self.taken:
            number += 1
            candidate = f"{stem}-{number}"
        self.taken.add(candidate)
        return candidate, candidate != default


def step_ids(names: list[str]) -> list[tuple[str, bool]]:
    """Each step's id and whether to write it: the format's default is the slug of the name,
    else ``step-N`` (N its position from 1)."""
    ids = Ids("step")
    # The format's own fallbacks are taken first, so that no written id can collide with one.
    defaults = [slug(name) or f"step-{index}" for index, name in enumerate(names, start=1)]
    ids.taken.update(default for default, name in zip(defaults, names, strict=True)
                     if not slug(name))
    return [ids.take(name, default) if slug(name) else (default, False)
            for name, default in zip(names, defaults, strict=True)]


def _aliases() -> dict[str, str]:
    """A preset stage's id, English and Spanish names, as slugs → its id."""
    table: dict[str, str] = {}
    for stage in KNOWN_STAGES.values():
        for word in (stage.id, *stage.name.values()):
            table.setdefault(slug(word), stage.id)
    return table


@dataclass
class StagePlan:
    """The ``stages:`` of a map made from the stage names of a source, and the id of each."""

    value: str | list[Any]
    ids: dict[str, str]  # each source stage name → its stage id


def plan_stages(names: list[str], lang: str) -> StagePlan:
    """Stages for ``names`` (distinct, in order): a stage model's name when they are its
    stages, in order; else a list where a name of a preset stage (in English or Spanish, in
    any case) is that stage, and any other name a stage of its own."""
    aliases = _aliases()
    known = [aliases.get(slug(name)) for name in names]
    for model, stages in PRESETS.items():
        if known == [stage.id for stage in stages] and all(
                name == stage.name[lang] for name, stage in zip(names, stages, strict=True)):
            return StagePlan(model, dict(zip(names, [s.id for s in stages], strict=True)))
    ids = Ids("stage")
    value: list[Any] = []
    plan: dict[str, str] = {}
    for name, preset in zip(names, known, strict=True):
        if preset is not None and preset not in ids.taken:
            ids.taken.add(preset)
            shown = KNOWN_STAGES[preset].name[lang]
            value.append(preset if name == shown else {"id": preset, "name": name})
            plan[name] = preset
            continue
        stage_id, _ = ids.take(name)
        value.append({"id": stage_id, "name": name})
        plan[name] = stage_id
    return StagePlan(value, plan)


def emotion_of(score: float, low: float, high: float) -> tuple[int, bool]:
    """A score of a ``low``..``high`` scale as an emotion −2..+2, and whether that is an
    inference: the score was outside the scale (clamped) or not a whole number (rounded)."""
    clamped = min(max(score, low), high)
    scaled = (clamped - low) / (high - low) * 4 - 2
    # Half away from zero, so that the scale stays symmetric around neutral.
    rounded = int(abs(scaled) + 0.5) * (1 if scaled >= 0 else -1)
    return rounded, clamped != score or score != int(score)


def title_from(name: str) -> str:
    """A title made of a file's name, for a journey without one (``checkout-flow.mmd`` →
    ``Checkout flow``)."""
    stem = PurePath(name).stem if name != "-" and not name.startswith("<") else ""
    return " ".join(re.split(r"[-_\s]+", stem)).strip().capitalize() or "Imported journey"


def map_text(imported: Imported, origin: str) -> str:
    """The map of ``imported`` in the canonical style, under a comment naming ``origin`` (the
    source and where in it the journey was)."""
    import yaml

    from cjmap.author.fmt import format_text
    from cjmap.format.schema import SCHEMA_URL

    # Objects and lists of plain values on one line each ({name: Pays, emotion: 1}, [a, b]),
    # as the examples are written; fmt keeps the flow style it is given.
    body = yaml.safe_dump(imported.data, allow_unicode=True, sort_keys=False, width=10**9,
                          default_flow_style=None)
    assumed = any(isinstance(step, dict) and step.get("evidence") == ASSUMED
                  for step in imported.data.get("steps", []))
    header = [f"# yaml-language-server: $schema={SCHEMA_URL}",
              f"# Imported from {_one_line(origin)} by 'cjmap import'."]
    if assumed:
        header.append("# Steps marked 'evidence: assumed' hold a value cjmap had to infer: "
                      "check them.")
    return format_text("\n".join(header) + "\n" + body)


def _one_line(text: str) -> str:
    return " ".join(text.split())
