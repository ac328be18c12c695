"""The journey-map format, version 1.

These models are the single source of truth for the format: the loader validates against them, the
JSON Schema in ``schemas/`` is generated from them, and ``docs/format.md`` describes them.

YAML keys are the field names, so a validation error's location is also the path to the value in
the file. Several objects may be written as a bare scalar (a touchpoint as its name, an emotion as
its score); :class:`Shorthand` expands those before validation so that errors still point at the
value the user wrote.
"""

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from cjmap.format.presets import DEFAULT_PRESET, KNOWN_STAGES, PRESETS, PurchasePhase

FORMAT_VERSION = 1

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Score = Annotated[int, Field(ge=1, le=5)]
Level = Literal["low", "medium", "high"]
RESERVED_IDS = frozenset({"start", "end"})


def slugify(text: str) -> str:
    """An id made from a name: ``"Pregunta a amigos"`` → ``"pregunta-a-amigos"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class OrAlso:
    """Schema marker: the field also accepts ``alternative`` (which a before-validator expands)."""

    def __init__(self, alternative: JsonSchemaValue) -> None:
        self.alternative = alternative

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [self.alternative, handler(core_schema)]}


# ``next: repurchase`` and ``next: [a, b]`` are both natural to write.
SlugList = Annotated[
    list[Slug],
    BeforeValidator(_one_or_many),
    OrAlso({"type": "string", "pattern": SLUG_PATTERN}),
]


EXTENSION_PREFIX = "x-"


class Model(BaseModel):
    """Base of every object of the format.

    Unknown keys are errors: a typo must never be silently ignored. Keys starting with ``x-``
    are the exception, left for the user (anchors to reuse, notes for other tools), as in
    docker-compose files. Numbers are fine as text (a step named 2024), so nobody has to quote.
    """

    # Nested models are only ever validated as part of a Journey, so their own validators are
    # not built at import (that halves the import cost of this module).
    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, defer_build=True,
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_extensions(cls, value: Any) -> Any:
        # The subset test runs in C and settles the common case (only known keys) at once.
        if (isinstance(value, dict) and not value.keys() <= cls.__pydantic_fields__.keys()
                and any(isinstance(key, str) and key.startswith(EXTENSION_PREFIX)
                        for key in value)):
            return {k: v for k, v in value.items()
                    if not (isinstance(k, str) and k.startswith(EXTENSION_PREFIX))}
        return value


class Shorthand(Model):
    """An object that a bare scalar may stand for, e.g. ``- Website`` for ``- name: Website``."""

    shorthand_field: ClassVar[str]
    shorthand_types: ClassVar[tuple[type, ...]] = (str,)
    shorthand_schema: ClassVar[JsonSchemaValue] = {"type": "string"}

    @model_validator(mode="before")
    @classmethod
    def _expand_shorthand(cls, value: Any) -> Any:
        if isinstance(value, cls.shorthand_types) and not isinstance(value, bool):
            return cls.expand(value)
        return value

    @classmethod
    def expand(cls, value: Any) -> dict[str, Any]:
        return {cls.shorthand_field: value}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler.resolve_ref_schema(handler(core_schema))
        short = {**cls.shorthand_schema, "description": f"Shorthand for `{cls.shorthand_field}`."}
        return {"anyOf": [short, dict(schema)], "title": schema.get("title", cls.__name__)}


DURATION_UNITS: dict[str, str] = {
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "minuto": "minutes", "minutos": "minutes",
    "hour": "hours", "hours": "hours", "h": "hours", "hora": "hours", "horas": "hours",
    "day": "days", "days": "days", "d": "days", "día": "days", "días": "days",
    "dia": "days", "dias": "days",
    "week": "weeks", "weeks": "weeks", "w": "weeks", "semana": "weeks", "semanas": "weeks",
    "month": "months", "months": "months", "mes": "months", "meses": "months",
    "year": "years", "years": "years", "y": "years", "año": "years", "años": "years",
}
_DURATION_TEXT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)\s*$")


class Duration(Shorthand):
    """How long something takes: ``10 min``, ``3 days``, ``2 weeks``, ``6 meses``."""

    shorthand_field = "amount"
    # \S, not \w: JSON Schema validators use ECMAScript regexes, where \w is ASCII ("días").
    shorthand_schema = {"type": "string", "pattern": r"^\s*\d+([.,]\d+)?\s*\S+\s*$"}

    amount: float = Field(gt=0, description="How many units.")
    unit: Literal["minutes", "hours", "days", "weeks", "months", "years"]

    @classmethod
    def expand(cls, value: Any) -> dict[str, Any]:
        match = _DURATION_TEXT.match(value)
        unit = DURATION_UNITS.get(match.group(2).lower()) if match else None
        if match is None or unit is None:
            raise ValueError(
                f"'{value}' is not a duration: write a number and a unit, e.g. '3 days' or "
                "'2 weeks' (minutes, hours, days, weeks, months, years)"
            )
        return {"amount": float(match.group(1).replace(",", ".")), "unit": unit}


_CADENCE_WORDS = {
    "weekly": 7, "monthly": 30, "quarterly": 91, "biannual": 182, "semiannual": 182,
    "yearly": 365, "annual": 365, "annually": 365,
    "semanal": 7, "mensual": 30, "trimestral": 91, "semestral": 182, "anual": 365,
}
_CADENCE_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}
_CADENCE_TEXT = re.compile(r"^(\d+)([dwmy])$")
# More digits than the days of the whole calendar (year 1 to 9999) has; reading them as a number
# could pass Python's int/str limit.
_CADENCE_MAX_DIGITS = len(str(date.max.toordinal()))
_REVIEW_HINT = "write a shorter cadence, such as 90d or yearly, and check 'last_reviewed'"


def cadence_days(cadence: str) -> int:
    """Days between reviews for a cadence such as ``90d``, ``6w``, ``quarterly`` or ``anual``."""
    word = _CADENCE_WORDS.get(cadence.lower())
    if word is not None:
        return word
    match = _CADENCE_TEXT.match(cadence.lower())
    number = match.group(1).lstrip("0") if match else ""
    if match is None or not number:  # no period, or one of zero days
        raise ValueError(
            f"'{cadence}' is not a review cadence: write a period such as 90d, 6w, 3m or 1y, or "
            f"one of {', '.join(sorted(_CADENCE_WORDS))}"
        )
    if len(number) > _CADENCE_MAX_DIGITS:
        raise PydanticCustomError(
            "review_out_of_range",
            f"{repr(cadence) if len(cadence) < 60 else 'this cadence'} is longer than the "
            "calendar, which ends in the year 9999: no review would ever be due",
            {"hint": _REVIEW_HINT},
        )
    return int(number) * _CADENCE_UNIT_DAYS[match.group(2)]


def review_due(last_reviewed: date, cadence: str) -> date | None:
    """``last_reviewed`` plus the cadence, or None when that falls after the calendar's end."""
    ordinal = last_reviewed.toordinal() + cadence_days(cadence)
    return date.fromordinal(ordinal) if ordinal <= date.max.toordinal() else None


def _check_cadence(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # 90 is a number with no unit: say so, as for '90'
    if isinstance(value, str):
        cadence_days(value)
    return value  # anything else fails the text check, with its own message


Cadence = Annotated[str, BeforeValidator(_check_cadence)]


class Review(Model):
    """A map is a living document: who reviews it, how often, and when it was last done."""

    last_reviewed: date | None = Field(None, description="Date of the last review (YYYY-MM-DD).")
    cadence: Cadence | None = Field(
        None, description="How often the map is reviewed: 90d, 6w, 3m, 1y, quarterly, anual…"
    )
    owner: str | None = Field(None, description="Who is responsible for the review.")

    @field_validator("cadence")
    @classmethod
    def _due_within_the_calendar(cls, cadence: str | None, info: ValidationInfo) -> str | None:
        # Every command that shows or checks the due date needs one; refusing here, at the
        # cadence, says so once instead of leaving each of them without a date.
        last = info.data.get("last_reviewed")
        if cadence is not None and last is not None and review_due(last, cadence) is None:
            raise PydanticCustomError(
                "review_out_of_range",
                f"the next review, {cadence} after {last.isoformat()}, would fall after the year "
                "9999, where the calendar ends",
                {"hint": _REVIEW_HINT},
            )
        return cadence

    @property
    def due(self) -> date | None:
        """The date by which the next review is due, when both date and cadence are known."""
        if self.last_reviewed is None or self.cadence is None:
            return None
        return review_due(self.last_reviewed, self.cadence)


class Persona(Shorthand):
    """Who travels the journey."""

    shorthand_field = "name"

    name: str
    description: str | None = None
    segment: str | None = Field(None, description="The audience segment the persona stands for.")
    participation: Literal["buyer", "influencer", "user"] | None = Field(
        None, description="Whether the persona buys, influences the decision, or uses."
    )
    goals: list[str] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)


class Endpoint(Shorthand):
    """The start point (the moment the need arises) or the end point (the customer is done)."""

    shorthand_field = "name"

    name: str
    description: str | None = None


class Channel(Shorthand):
    """A channel in the organisation's catalogue."""

    shorthand_field = "name"

    name: str
    description: str | None = None


class Stage(Shorthand):
    """A stage of the journey; a known id (``evaluation``, ``loyalty``…) fills in the rest."""

    shorthand_field = "id"

    id: Slug
    name: str | None = Field(None, description="Shown name; known ids get one in the map's lang.")
    description: str | None = None
    goal: str | None = Field(None, description="What the customer achieves in this stage.")
    phase: PurchasePhase | None = Field(
        None, description="Before, during or after the purchase (known ids get one)."
    )


class Emotion(Shorthand):
    """How the customer feels: −2 (very negative) to +2 (very positive)."""

    shorthand_field = "score"
    shorthand_types = (int,)
    shorthand_schema = {"type": "integer", "minimum": -2, "maximum": 2}

    score: int = Field(ge=-2, le=2)
    label: str | None = Field(None, description="A word for the feeling, e.g. 'frustrated'.")


class Quality(Model):
    """The six qualities of a good touchpoint, each scored 1 (poor) to 5 (excellent)."""

    simple: Score | None = Field(None, description="Easy to understand and to use.")
    appropriate: Score | None = Field(None, description="Fits the channel and the audience.")
    relevant: Score | None = Field(None, description="What the customer expects at this stage.")
    meaningful: Score | None = Field(None, description="Gives real, useful value.")
    engaging: Score | None = Field(None, description="Gives customers what they want.")
    personal: Score | None = Field(None, description="Adapts to each customer's needs.")

    def scores(self) -> dict[str, int]:
        return {name: score for name, score in self if score is not None}


class Touchpoint(Shorthand):
    """An interaction between the customer and the brand."""

    shorthand_field = "name"

    name: str
    channel: str | None = Field(None, description="Where it happens: web, store, email…")
    kind: Literal["direct", "indirect"] | None = Field(
        None, description="direct: the brand controls it; indirect: it does not (word of mouth)."
    )
    owner: str | None = Field(None, description="The team or person responsible.")
    description: str | None = None
    quality: Quality | None = None


class PainPoint(Shorthand):
    """An obstacle that keeps the customer from moving on."""

    shorthand_field = "text"

    id: Slug | None = Field(None, description="Needed when an opportunity addresses it.")
    text: str
    severity: Level | None = None


class Opportunity(Shorthand):
    """A way to improve the step."""

    shorthand_field = "text"

    id: Slug | None = None
    text: str
    owner: str | None = None
    priority: Level | None = None
    lever: Literal["automation", "personalization", "contextual"] | None = Field(
        None,
        description="automation (digitise manual steps), personalization (use what is known of "
        "the customer), contextual (guide from where the customer is).",
    )
    addresses: SlugList = Field(
        default_factory=list, description="Ids of the pain points this answers."
    )


MetricKind = Literal["nps", "csat", "ces", "conversion", "count", "custom"]


class Metric(Shorthand):
    """What is measured at this step; what isn't measured can't be improved."""

    shorthand_field = "name"

    name: str
    kind: MetricKind = "custom"
    actual: float | None = None
    target: float | None = None
    unit: str | None = None
    source: str | None = Field(None, description="Where the figure comes from.")
    better: Literal["higher", "lower"] = Field(
        "higher", description="Whether a higher or a lower value is better."
    )

    def misses_target(self) -> bool:
        if self.actual is None or self.target is None:
            return False
        if self.better == "higher":
            return self.actual < self.target
        return self.actual > self.target


class Step(Shorthand):
    """A point of the journey, between the start and the end point."""

    shorthand_field = "name"

    id: Slug | None = Field(None, description="Defaults to the name made into a slug.")
    name: str
    stage: Slug | None = Field(None, description="Defaults to the stage of the step before.")
    description: str | None = None
    actions: list[str] = Field(default_factory=list, description="What the customer does.")
    needs: list[str] = Field(default_factory=list, description="What the customer needs to go on.")
    thoughts: list[str] = Field(default_factory=list, description="What the customer thinks.")
    emotion: Emotion | None = None
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    pain_points: list[PainPoint] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    duration: Duration | None = None
    moment_of_truth: bool = Field(False, description="A moment that makes or breaks the journey.")
    evidence: Literal["observed", "assumed", "proposed"] | None = Field(
        None, description="Whether the step was observed, is assumed, or is a proposal."
    )
    next: SlugList | None = Field(
        None, description="Ids of the steps that follow ('end' for the end point); "
        "defaults to the next step in the list."
    )


def _stages_from_preset(value: Any) -> Any:
    if isinstance(value, str):
        preset = PRESETS.get(value)
        if preset is None:
            raise ValueError(
                f"unknown stage model '{value}': use one of {', '.join(PRESETS)}, "
                "or list the stages"
            )
        return [stage.id for stage in preset]
    return value


Stages = Annotated[
    list[Stage],
    BeforeValidator(_stages_from_preset),
    OrAlso({"enum": list(PRESETS), "description": "A named stage model."}),
]


class Journey(Model):
    """A customer journey map."""

    model_config = ConfigDict(title="cjmap journey map", defer_build=False)

    cjmap: Literal[1] = Field(description="The format version: 1.")
    id: Slug | None = Field(None, description="Defaults to the file name made into a slug.")
    title: str
    description: str | None = None
    lang: Literal["en", "es"] = Field("en", description="Language of the map's text and labels.")
    owner: str | None = None
    state: Literal["current", "future"] = Field(
        "current", description="current: the journey as it is; future: as it should be."
    )
    tags: list[str] = Field(default_factory=list)
    persona: Persona | None = None
    objectives: list[str] = Field(default_factory=list, description="What the map is for.")
    timeframe: Duration | None = Field(None, description="How long the whole journey takes.")
    channels: list[Channel] = Field(
        default_factory=list, description="The channel names this organisation uses."
    )
    review: Review | None = None
    stages: Stages = Field(
        default_factory=list,
        description="A stage model's name or the stages in order; "
        "defaults to consideration → evaluation → purchase.",
    )
    start: Endpoint | None = Field(None, description="The moment the need arises.")
    end: Endpoint | None = Field(None, description="The moment the customer is done.")
    steps: list[Step] = Field(min_length=1, description="The steps, in chronological order.")

    @model_validator(mode="after")
    def _fill_defaults(self) -> "Journey":
        # Defaults that depend on other parts of the map are filled here, once, so that every
        # consumer (rules, renderers) sees the same effective map.
        if not self.stages:
            # Preset ids need no checking, and model_construct never builds Stage's own validator.
            self.stages = [Stage.model_construct(id=s.id) for s in PRESETS[DEFAULT_PRESET]]
        for stage in self.stages:
            known = KNOWN_STAGES.get(stage.id)
            if known is not None:
                stage.name = stage.name or known.name[self.lang]
                stage.goal = stage.goal or known.goal[self.lang]
                stage.phase = stage.phase or known.phase
            stage.name = stage.name or stage.id.replace("-", " ").replace("_", " ").capitalize()
        current = self.stages[0].id
        for index, step in enumerate(self.steps, start=1):
            step.id = step.id or slugify(step.name) or f"step-{index}"
            current = step.stage = step.stage or current
        return self

    # The accessors below read the effective map that _fill_defaults leaves behind.

    def stage_ids(self) -> list[str]:
        return [stage.id for stage in self.stages]

    def step_ids(self) -> list[str]:
        return [step.id or "" for step in self.steps]

    def successors(self, index: int) -> list[str]:
        """Ids the step at ``index`` leads to; ``end`` stands for the end point."""
        step = self.steps[index]
        if step.next is not None:
            return step.next
        if index + 1 < len(self.steps):
            return [self.steps[index + 1].id or ""]
        return ["end"]
