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
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal, NamedTuple, TypeVar

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
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema
from pydantic_core import CoreSchema, PydanticCustomError

from cjmap.format.presets import (
    ALIASES,
    DEFAULT_PRESET,
    KNOWN_STAGES,
    PRESETS,
    PurchasePhase,
    model_name,
)
from cjmap.i18n import N_, _, format_number

FORMAT_VERSION = 1

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
_SLUG = re.compile(SLUG_PATTERN)
Score = Annotated[int, Field(ge=1, le=5)]
Level = Literal["low", "medium", "high"]
RESERVED_IDS = frozenset({"start", "end"})
# The error of a map with neither steps nor stage touchpoints (validation words it).
NO_STEPS = "no_steps"


class HintedError(ValueError):
    """A value error that also says what to write instead; validation shows ``hint`` beside it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


# Memoised: a step's id is its name made a slug, by the model and by the reference checks, and
# stage names repeat in every step; a corpus of maps repeats names across files too.
@lru_cache(maxsize=8192)
def slugify(text: str) -> str:
    """An id made from a name: ``"Pregunta a amigos"`` → ``"pregunta-a-amigos"``."""
    if not text.isascii():  # ASCII is its own NFKD form, with no combining marks to drop
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _one_or_many_items(value: Any) -> Any:
    # A lone item where a list is expected (``touchpoints: Checkout lines``, or one mapping)
    # is that item alone, as ``next: repurchase`` always was. A list, the usual case, is
    # settled by the first test (this runs for every list of every map).
    if type(value) is list:
        return value
    return [value] if isinstance(value, str | dict | int | float) and not isinstance(
        value, bool) else value


def _spanish_flag(value: Any) -> Any:
    # pydantic reads true/false, yes/no, on/off, 1/0; a Spanish map says "sí" too.
    if isinstance(value, str) and value.strip().lower() in ("sí", "si"):
        return True
    return value




class OrAlso:
    """Schema marker: the field also accepts ``alternative`` (which a before-validator expands)."""

    def __init__(self, alternative: JsonSchemaValue) -> None:
        self.alternative = alternative

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [self.alternative, handler(core_schema)]}


# Booleans: true/false, and the spellings people also write (yes/no, on/off, 1/0, sí/no),
# which YAML 1.2 reads as text or numbers and pydantic (and the schema) take as booleans.
_FLAG_TEXT = (r"^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy](?:[Ee][Ss])?|[Nn][Oo]?"
              r"|[Oo][Nn]|[Oo][Ff][Ff]|[Tt]|[Ff]|[Ss][IiÍí]|[01])$")
Flag = Annotated[bool, BeforeValidator(_spanish_flag),
                 OrAlso({"anyOf": [{"type": "string", "pattern": _FLAG_TEXT},
                                   {"enum": [0, 1]}]})]


# ``next: repurchase`` and ``next: [a, b]`` are both natural to write.
SlugList = Annotated[
    list[Slug],
    BeforeValidator(_one_or_many),
    OrAlso({"type": "string", "pattern": SLUG_PATTERN}),
]


EXTENSION_PREFIX = "x-"


# Named cls: pydantic makes a function whose first argument is so named a class method.
def _known(cls: "type[Model]", value: Any) -> Any:
    """``value`` without its ``x-`` keys."""
    # The subset test runs in C and settles the common case (only known keys) at once.
    if (isinstance(value, dict) and not value.keys() <= cls.__pydantic_fields__.keys()
            and any(isinstance(key, str) and key.startswith(EXTENSION_PREFIX)
                    for key in value)):
        return {k: v for k, v in value.items()
                if not (isinstance(k, str) and k.startswith(EXTENSION_PREFIX))}
    return value


def _expanded(cls: "type[Shorthand]", value: Any) -> Any:
    """``value`` without its ``x-`` keys, or the object a bare scalar stands for."""
    if isinstance(value, dict):
        return value if value.keys() <= cls.__pydantic_fields__.keys() else _known(cls, value)
    if isinstance(value, cls.shorthand_types) and not isinstance(value, bool):
        return cls.expand(value)
    return value


class Model(BaseModel):
    """Base of every object of the format.

    Unknown keys are errors: a typo must never be silently ignored. Keys starting with ``x-``
    are the exception, left for the user (anchors to reuse, notes for other tools), as in
    docker-compose files. Numbers are fine as text (a step named 2024), so nobody has to quote.
    """

    # Nested models are only ever validated as part of a Journey, so their own validators are
    # not built at import (that halves the import cost of this module). YAML's .inf and .nan
    # measure nothing, and no figure, chart or JSON output can hold them.
    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, defer_build=True, allow_inf_nan=False,
        json_schema_extra={"patternProperties": {"^x-": {}}},
    )

    # Each class has one before-validator, under this name (a subclass's replaces its base's),
    # a module function itself: each is a call from pydantic's core into Python, for every
    # object of every map.
    _before = model_validator(mode="before")(_known)


class Shorthand(Model):
    """An object that a bare scalar may stand for, e.g. ``- Website`` for ``- name: Website``."""

    shorthand_field: ClassVar[str]
    shorthand_types: ClassVar[tuple[type, ...]] = (str,)
    shorthand_schema: ClassVar[JsonSchemaValue] = {"type": "string"}

    _before = model_validator(mode="before")(_expanded)

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


class OrItem:
    """Schema marker for :data:`Items`: a list that may also be written as its one item."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        items = schema.get("items")
        return {"anyOf": [items, schema]} if items else schema


class OrPerPersona:
    """Schema marker: an emotion may also be a mapping of persona ids to emotions."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        one: JsonSchemaValue = next(
            (s for s in schema.get("anyOf", [schema]) if s.get("type") != "null"), {})
        return {"anyOf": [*schema.get("anyOf", [schema]), {
            "type": "object", "description": "One emotion per persona id.",
            "propertyNames": {"pattern": SLUG_PATTERN}, "additionalProperties": one}]}


T = TypeVar("T")
# Every list of the format may be written as its one item: ``touchpoints: Checkout lines``.
Items = Annotated[list[T], BeforeValidator(_one_or_many_items), OrItem()]


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
DurationUnit = Literal["minutes", "hours", "days", "weeks", "months", "years"]
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_DURATION_TEXT = re.compile(rf"^\s*{_NUMBER}\s*([^\W\d_]+)\s*$")
# 3–8 weeks, 3-8 weeks, 3 to 8 weeks, between 3 and 8 weeks, de 3 a 8 semanas, entre 3 y 8…
_RANGE_TEXT = re.compile(
    rf"^\s*(?:(?:de|entre|from|between)\s+)?{_NUMBER}\s*(?:[-–—]|to|a|y|and)\s*{_NUMBER}"
    r"\s*([^\W\d_]+)\s*$", re.IGNORECASE,
)


def _amount(text: str) -> float:
    return float(text.replace(",", "."))


class Duration(Shorthand):
    """How long something takes: ``10 min``, ``3 days``, ``6 meses``, or a range such as
    ``3–8 weeks``, ``de 3 a 8 semanas`` or ``{min: 3, max: 8, unit: weeks}``."""

    shorthand_field = "amount"
    # \S, not \w: JSON Schema validators use ECMAScript regexes, where \w is ASCII ("días").
    shorthand_schema = {
        "type": "string",
        "pattern": r"^\s*(\S+\s+)?\d+([.,]\d+)?\s*(\S+\s*\d+([.,]\d+)?\s*)?\S+\s*$",
    }

    amount: float | None = Field(None, gt=0, description="How many units (not for a range).")
    min: float | None = Field(None, gt=0, description="The shortest, for a range.")
    max: float | None = Field(None, gt=0, description="The longest, for a range.")
    unit: DurationUnit

    @classmethod
    def expand(cls, value: Any) -> dict[str, Any]:
        single = _DURATION_TEXT.match(value)
        ranged = None if single else _RANGE_TEXT.match(value)
        match = single or ranged
        unit = DURATION_UNITS.get(match.groups()[-1].lower()) if match else None
        if match is None or unit is None:
            import difflib

            written = match.groups()[-1].lower() if match else ""
            close = difflib.get_close_matches(written, list(DURATION_UNITS), n=1, cutoff=0.7)
            raise HintedError(
                _("'{value}' is not a duration: write a number and a unit, e.g. '3 days', "
                  "'2 weeks' or a range such as '3-8 weeks' (minutes, hours, days, weeks, "
                  "months, years)").format(value=value),
                _("did you mean '{suggestion}'?").format(suggestion=close[0]) if close else None,
            )
        if single:
            return {"amount": _amount(match.group(1)), "unit": unit}
        return {"min": _amount(match.group(1)), "max": _amount(match.group(2)), "unit": unit}

    @model_validator(mode="after")
    def _one_amount_or_a_range(self) -> "Duration":
        if self.amount is not None:
            if self.min is not None or self.max is not None:
                raise ValueError(_("a duration has an 'amount', or a 'min' and a 'max', not "
                                   "both"))
        elif self.min is None or self.max is None:
            raise ValueError(_("a duration needs an 'amount', or both 'min' and 'max' for a "
                               "range"))
        elif self.min >= self.max:
            raise ValueError(_("the range's 'min' ({min}) must be less than its 'max' "
                               "({max})").format(min=format_number(self.min),
                                                 max=format_number(self.max)))
        return self

    @property
    def low(self) -> float:
        """The amount, or the shortest of the range."""
        return self.amount if self.amount is not None else (self.min or 0.0)

    @property
    def high(self) -> float:
        """The amount, or the longest of the range."""
        return self.amount if self.amount is not None else (self.max or 0.0)

    @property
    def is_range(self) -> bool:
        return self.amount is None


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
_REVIEW_HINT = N_("write a shorter cadence, such as 90d or yearly, and check 'last_reviewed'")


def cadence_days(cadence: str) -> int:
    """Days between reviews for a cadence such as ``90d``, ``6w``, ``quarterly`` or ``anual``."""
    word = _CADENCE_WORDS.get(cadence.lower())
    if word is not None:
        return word
    match = _CADENCE_TEXT.match(cadence.lower())
    number = match.group(1).lstrip("0") if match else ""
    if match is None or not number:  # no period, or one of zero days
        import difflib

        close = difflib.get_close_matches(cadence.lower(), list(_CADENCE_WORDS), n=1,
                                          cutoff=0.7)
        words = ", ".join(sorted(_CADENCE_WORDS))
        raise HintedError(
            _("'{cadence}' is not a review cadence").format(cadence=cadence),
            _("did you mean '{suggestion}'?").format(suggestion=close[0]) if close else
            _("write a period such as 90d, 6w, 3m or 1y, or one of {words}").format(words=words),
        )
    if len(number) > _CADENCE_MAX_DIGITS:
        raise PydanticCustomError(
            "review_out_of_range",
            _("{cadence} is longer than the calendar, which ends in the year 9999: no review "
              "would ever be due").format(
                cadence=repr(cadence) if len(cadence) < 60 else _("this cadence")),
            {"hint": _(_REVIEW_HINT)},
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
                _("the next review, {cadence} after {date}, would fall after the year 9999, "
                  "where the calendar ends").format(cadence=cadence, date=last.isoformat()),
                {"hint": _(_REVIEW_HINT)},
            )
        return cadence

    @property
    def due(self) -> date | None:
        """The date by which the next review is due, when both date and cadence are known."""
        if self.last_reviewed is None or self.cadence is None:
            return None
        return review_due(self.last_reviewed, self.cadence)


Participation = Literal["buyer", "influencer", "user"]
Role = Literal["buyer", "influencer", "user", "approver", "payer", "decider", "partner",
               "other"]


def _name_or_ref(schema: dict[str, Any]) -> None:
    # The loader reads a persona file before validation; the file as written may name it there.
    schema["required"] = [key for key in schema.get("required", []) if key != "name"]
    schema["anyOf"] = [{"required": ["name"]}, {"required": ["ref"]}]
    schema["patternProperties"] = {"^x-": {}}


class Persona(Shorthand):
    """Who travels the journey: written here, or kept in a shared file (``ref``)."""

    model_config = ConfigDict(json_schema_extra=_name_or_ref)
    shorthand_field = "name"

    id: Slug | None = Field(None, description="Defaults to the name made into a slug; per-persona "
                            "emotions use it.")
    ref: str | None = Field(None, description="A persona file of the repository, relative to "
                            "the map, e.g. personas/laura.yaml; keys written here override it.")
    name: str = Field(description="Required, here or in the referenced file.")
    description: str | None = None
    segment: str | None = Field(None, description="The audience segment the persona stands for.")
    participation: Participation | list[Participation] | None = Field(
        None, description="Whether the persona buys, influences the decision, or uses; "
        "a list when more than one.",
    )
    goals: Items[str] = Field(default_factory=list)
    needs: Items[str] = Field(default_factory=list)

    def roles(self) -> list[str]:
        """What the persona does in the purchase, as a list."""
        if self.participation is None:
            return []
        return [self.participation] if isinstance(self.participation, str) else \
            list(self.participation)


class Participant(Shorthand):
    """Someone else who takes part: the boss who approves the expense, a partner, a friend."""

    shorthand_field = "name"

    id: Slug | None = Field(None, description="Defaults to the name made into a slug.")
    name: str
    role: Role | None = Field(
        None, description="buyer, influencer, user, approver, payer, decider, partner or other."
    )
    description: str | None = None


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
    online: Flag | None = Field(None, description="Whether the channel is online (web, app, "
                                "email) or offline (shop, phone, post).")


class Emotion(Shorthand):
    """How the customer feels: −2 (very negative) to +2 (very positive)."""

    shorthand_field = "score"
    # A float too (``emotion: -1.5``), so that the error speaks of the score, not of a mapping.
    shorthand_types = (int, float)
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
        # Read from __dict__, which holds the fields in their order and nothing else (extra
        # keys are forbidden): iterating the model makes a generator for each of the dozens
        # of touchpoints of every map that lint, the renders and the report read.
        return {name: score for name, score in self.__dict__.items() if score is not None}


class Touchpoint(Shorthand):
    """An interaction between the customer and the brand."""

    shorthand_field = "name"

    name: str
    channel: str | None = Field(None, description="Where it happens: web, store, email…")
    kind: Literal["direct", "indirect"] | None = Field(
        None, description="direct: the brand controls it; indirect: it does not (word of mouth)."
    )
    online: Flag | None = Field(None, description="Online or offline; defaults to its channel's.")
    owner: str | None = Field(None, description="The team or person responsible.")
    external: Flag | None = Field(
        None, description="Owned by a third party (a review site, a marketplace, a friend): "
        "nobody in the organisation owns it."
    )
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
        default_factory=list, description="Ids of the pain points and metrics this answers."
    )


MetricKind = Literal["nps", "csat", "ces", "conversion", "count", "custom"]


class Reading(NamedTuple):
    """A metric's value on a day; ``as_of`` is None for an ``actual`` the map gives undated."""

    as_of: date | None
    actual: float


class Measurement(Model):
    """A value a metric had on a day."""

    as_of: date = Field(description="The day of the measurement (YYYY-MM-DD).")
    actual: float


class Metric(Shorthand):
    """What is measured at this step; what isn't measured can't be improved."""

    shorthand_field = "name"

    id: Slug | None = Field(None, description="Needed when an opportunity addresses it.")
    name: str
    kind: MetricKind = "custom"
    actual: float | None = None
    target: float | None = None
    unit: str | None = None
    as_of: date | None = Field(None, description="The day 'actual' was measured.")
    history: Items[Measurement] = Field(
        default_factory=list, description="Earlier measurements, so the map keeps them."
    )
    source: str | None = Field(None, description="Where the figure comes from.")
    better: Literal["higher", "lower"] = Field(
        "higher", description="Whether a higher or a lower value is better."
    )

    @property
    def ref(self) -> str:
        """The id the metric is named by: its ``id``, else its name made into a slug."""
        return self.id or slugify(self.name)

    def readings(self) -> list["Reading"]:
        """Every measurement the map gives, oldest first: ``history`` and ``actual`` at its
        ``as_of``. On a day both give, ``actual`` wins. An ``actual`` without ``as_of`` comes
        last: the map states it as the figure now, so it is newer than any dated one."""
        by_day = {entry.as_of: entry.actual for entry in self.history}
        if self.actual is not None and self.as_of is not None:
            by_day[self.as_of] = self.actual
        dated = [Reading(day, value) for day, value in sorted(by_day.items())]
        if self.actual is not None and self.as_of is None:
            dated.append(Reading(None, self.actual))
        return dated

    @property
    def latest(self) -> "Reading | None":
        """The newest measurement (the last of :meth:`readings`): what the metric stands at."""
        readings = self.readings()
        return readings[-1] if readings else None

    def misses_target(self) -> bool:
        """Whether the newest value falls short of the target (or, ``better: lower``, over)."""
        latest = self.latest
        if latest is None or self.target is None:
            return False
        if self.better == "higher":
            return latest.actual < self.target
        return latest.actual > self.target


class Action(Shorthand):
    """Something the organisation does for the step, and who does it."""

    shorthand_field = "text"

    text: str
    actor: str | None = Field(None, description="The team, role or system that does it.")


def _persona_emotions(value: Any) -> Any:
    # ``emotion: {laura: 1, marco: -1}`` gives one emotion per persona. It is kept apart from
    # the one-persona ``emotion`` so that every consumer of ``emotion`` keeps its type.
    if isinstance(value, dict):
        emotion = value.get("emotion")
        if isinstance(emotion, dict) and emotion and not emotion.keys() <= _EMOTION_KEYS:
            return {**{k: v for k, v in value.items() if k != "emotion"},
                    PERSONA_EMOTIONS: emotion}
    return value


PERSONA_EMOTIONS = "persona_emotions"
_EMOTION_KEYS = {"score", "label"}
_LABELLED_NEXT: JsonSchemaValue = {"type": "array", "items": {"anyOf": [
    {"type": "string", "pattern": SLUG_PATTERN},
    {"type": "object", "required": ["to"], "additionalProperties": False, "properties": {
        "to": {"type": "string", "pattern": SLUG_PATTERN,
               "description": "A step id, a stage id (its first step), or 'end'."},
        "label": {"type": "string", "description": "Why or when, shown on the arrow."}}},
]}}


def _next_labels(value: Any) -> Any:
    # ``next: [{to: intent, label: for the advanced course}]``: the targets stay a list of ids
    # (what every consumer reads), and the labels go beside them, position by position.
    if not isinstance(value, dict):
        return value
    entries = value.get("next")
    if isinstance(entries, dict):
        entries = [entries]
    if not (isinstance(entries, list) and any(isinstance(e, dict) for e in entries)):
        return value
    targets: list[Any] = []
    labels: list[str | None] = []
    for entry in entries:
        if isinstance(entry, dict):
            unknown = sorted(str(k) for k in entry if k not in ("to", "label")
                             and not str(k).startswith(EXTENSION_PREFIX))
            if "to" not in entry or unknown:
                raise ValueError(_(
                    "a 'next' entry is a step or stage id, or a mapping with 'to' and an "
                    "optional 'label' (unknown key '{key}')").format(key=unknown[0]) if unknown
                    else _("a 'next' entry is a step or stage id, or a mapping with 'to' and "
                           "an optional 'label'"))
            targets.append(entry["to"])
            label = entry.get("label")
            labels.append(None if label is None else str(label))
        else:
            targets.append(entry)
            labels.append(None)
    return {**value, "next": targets, "next_labels": labels}


class Step(Shorthand):
    """A point of the journey, between the start and the end point."""

    shorthand_field = "name"
    # Where validation reports an error under one of these fields, the file says the other.
    written_as: ClassVar[dict[str, str]] = {PERSONA_EMOTIONS: "emotion"}
    # Filled from what the file writes under another key; never written in a map.
    internal_fields: ClassVar[frozenset[str]] = frozenset({PERSONA_EMOTIONS, "next_labels"})

    id: Slug | None = Field(None, description="Defaults to the name made into a slug.")
    name: str
    stage: Slug | None = Field(None, description="Defaults to the stage of the step before.")
    description: str | None = None
    participants: SlugList = Field(
        default_factory=list, description="Ids of the personas and participants who take part."
    )
    actions: Items[str] = Field(default_factory=list, description="What the customer does.")
    needs: Items[str] = Field(default_factory=list,
                              description="What the customer needs to go on.")
    thoughts: Items[str] = Field(default_factory=list, description="What the customer thinks.")
    emotion: Annotated[Emotion | None, OrPerPersona()] = None
    persona_emotions: SkipJsonSchema[dict[Slug, Emotion]] = Field(default_factory=dict)
    touchpoints: Items[Touchpoint] = Field(default_factory=list)
    pain_points: Items[PainPoint] = Field(default_factory=list)
    opportunities: Items[Opportunity] = Field(default_factory=list)
    metrics: Items[Metric] = Field(default_factory=list)
    frontstage: Items[Action] = Field(
        default_factory=list, description="What staff or systems do in front of the customer."
    )
    backstage: Items[Action] = Field(
        default_factory=list, description="What they do out of the customer's sight."
    )
    support: Items[Action] = Field(
        default_factory=list, description="The systems and partners behind them."
    )
    duration: Duration | None = None
    moment_of_truth: Flag = Field(False, description="A moment that makes or breaks the journey.")
    evidence: Literal["observed", "assumed", "proposed"] | None = Field(
        None, description="Whether the step was observed, is assumed, or is a proposal."
    )
    next: Annotated[SlugList, OrAlso(_LABELLED_NEXT)] | None = Field(
        None, description="Where the step leads: step ids, stage ids (their first step) or "
        "'end', each optionally with a label ({to, label}); defaults to the next step in the "
        "list."
    )
    next_labels: SkipJsonSchema[list[str | None]] = Field(default_factory=list)
    # None (not written) differs from []: a future step with a current step's id and no
    # 'replaces' stands for that step, 'replaces: []' says it is new.
    replaces: SlugList | None = Field(
        None, description="In a future-state map: the ids of the steps of the current-state map "
        "(see 'improves') that this step replaces; [] for a new step. Not written: the current "
        "step of the same id, if there is one."
    )

    @model_validator(mode="before")
    @classmethod
    def _before(cls, value: Any) -> Any:
        value = _expanded(cls, value)
        # Most steps have neither an emotion per persona nor a 'next': they skip both calls.
        if isinstance(value, dict):
            if isinstance(value.get("emotion"), dict):
                value = _persona_emotions(value)
            if "next" in value:
                value = _next_labels(value)
        return value

    def label_of(self, position: int) -> str | None:
        """The label of the ``next`` entry at ``position``."""
        return self.next_labels[position] if position < len(self.next_labels) else None

    def feelings(self) -> dict[str | None, Emotion]:
        """Each persona's emotion (key ``None``: the map's one persona)."""
        if self.persona_emotions:
            return dict(self.persona_emotions.items())
        return {} if self.emotion is None else {None: self.emotion}


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
    touchpoints: Items[Touchpoint] = Field(
        default_factory=list, description="Touchpoints of the stage as a whole, as a touchpoint "
        "audit lists them (website, reviews, signage…), rather than of one step."
    )


def _stages_from_preset(value: Any) -> Any:
    if isinstance(value, str):
        name = model_name(value)
        if name is None:
            raise ValueError(_(
                "unknown stage model '{value}': use one of {models}, or list the "
                "stages").format(value=value, models=", ".join(PRESETS)))
        return [stage.id for stage in PRESETS[name]]
    return value


Stages = Annotated[
    list[Stage],
    BeforeValidator(_stages_from_preset),
    OrAlso({"enum": [*PRESETS, *ALIASES], "description": "A named stage model."}),
]


def resolve_stage_names(value: Any) -> Any:
    """Stages written in the map's language or by their shown name mean the stage:
    ``consideración`` in a Spanish map is ``consideration``, ``purchase intent`` is ``intent``.

    Only what is no declared id is resolved, so a map that was valid keeps its meaning.
    """
    if not isinstance(value, dict):
        return value
    # Shared by the maps of a language; copied when a map adds the names of its own stages.
    aliases = _LANGUAGE_ALIASES["es" if value.get("lang") == "es" else "en"]
    stages = value.get("stages")
    declared: AbstractSet[str] = _DEFAULT_STAGE_IDS
    if isinstance(stages, list):
        aliases = dict(aliases)
        declared = written = set()
        resolved = []
        for item in stages:
            word = item.get("id") if isinstance(item, dict) else item
            if isinstance(word, str):
                if not _SLUG.fullmatch(word):
                    word = aliases.get(slugify(word), word)
                written.add(word)
                item = {**item, "id": word} if isinstance(item, dict) else word
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                aliases.setdefault(slugify(item["name"]), str(item.get("id")))
            resolved.append(item)
        value = {**value, "stages": resolved}
    steps = value.get("steps")
    if isinstance(steps, list):
        value = {**value, "steps": [_resolve_step(step, aliases, declared) for step in steps]}
    return value


def _resolve_step(step: Any, aliases: dict[str, str], declared: AbstractSet[str]) -> Any:
    # Most steps name declared stages and step ids: they are returned as they are, uncopied
    # (this runs for every step of every map).
    if not isinstance(step, dict):
        return step
    stage = step.get("stage")
    if isinstance(stage, str) and stage not in declared:
        meant = aliases.get(slugify(stage), stage)
        if meant != stage:  # a preset's own id, under a stage model named by its name
            step = {**step, "stage": meant}
    targets = step.get("next")
    if isinstance(targets, (str, dict)):
        targets = [targets]
    if isinstance(targets, list):
        # A step id is always a valid id: only what is not can name a stage by its name.
        resolved = [_resolve_target(target, aliases) for target in targets]
        if any(new is not old for new, old in zip(resolved, targets, strict=True)):
            step = {**step, "next": resolved}
    return step


def _resolve_target(target: Any, aliases: dict[str, str]) -> Any:
    if isinstance(target, str) and not _SLUG.fullmatch(target):
        return aliases.get(slugify(target), target)
    if isinstance(target, dict) and isinstance(target.get("to"), str):
        to = _resolve_target(target["to"], aliases)
        return target if to == target["to"] else {**target, "to": to}
    return target


def _stage_aliases() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {"en": {}, "es": {}}
    for stage in KNOWN_STAGES.values():
        for lang in ("en", "es"):
            table[lang].setdefault(slugify(stage.name[lang]), stage.id)
    return table


STAGE_ALIASES = _stage_aliases()
_LANGUAGE_ALIASES = {lang: {**STAGE_ALIASES["en"], **STAGE_ALIASES[lang]} for lang in ("en", "es")}
_DEFAULT_STAGE_IDS = frozenset(stage.id for stage in PRESETS[DEFAULT_PRESET])
# The validation context of data that went through resolve_stage_names already.
STAGE_NAMES_RESOLVED = "stage_names_resolved"


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
    improves: str | None = Field(
        None, description="In a future-state map: the current-state map it improves, as a file "
        "relative to this one (current.yaml) or as that map's id."
    )
    tags: Items[str] = Field(default_factory=list)
    persona: Persona | None = Field(None, description="The persona, when the map has one.")
    personas: Items[Persona] = Field(
        default_factory=list, description="Several personas, each with an id, when the map "
        "follows more than one; a step's emotion may then be given per persona."
    )
    participants: Items[Participant] = Field(
        default_factory=list, description="Others who take part: approvers, partners, friends."
    )
    objectives: Items[str] = Field(default_factory=list, description="What the map is for.")
    timeframe: Duration | None = Field(None, description="How long the whole journey takes.")
    channels: Items[Channel] = Field(
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
    steps: Items[Step] = Field(
        default_factory=list, description="The steps, in chronological order. A touchpoint "
        "audit may have none and list its touchpoints by stage instead."
    )

    @model_validator(mode="before")
    @classmethod
    def _stage_names(cls, value: Any, info: ValidationInfo) -> Any:
        # The loader resolves once for the model and the reference checks, and says so.
        if info.context and info.context.get(STAGE_NAMES_RESOLVED):
            return value
        return resolve_stage_names(value)

    @model_validator(mode="after")
    def _fill_defaults(self) -> "Journey":
        # Defaults that depend on other parts of the map are filled here, once, so that every
        # consumer (rules, renderers) sees the same effective map.
        if not self.steps and not any(stage.touchpoints for stage in self.stages):
            raise PydanticCustomError(NO_STEPS, _("the map has no steps"))
        if self.persona is not None and self.personas:
            raise ValueError(_("write the map's persona under 'persona' or under "
                               "'personas', not both"))
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
        for persona in self.all_personas():
            persona.id = persona.id or slugify(persona.name) or "persona"
        if self.persona is None and self.personas:
            self.persona = self.personas[0]  # the main persona, which every render shows
        for participant in self.participants:
            participant.id = participant.id or slugify(participant.name) or "participant"
        current = self.stages[0].id
        main = self.personas[0].id if self.personas else None
        for index, step in enumerate(self.steps, start=1):
            # Assigned only when missing, and as pydantic's __setattr__ assigns a field that is
            # not validated on assignment (the value, and the field marked set), without its
            # two calls in Python: this runs for nearly every step of every map.
            fields = step.__dict__
            if fields["id"] is None:
                fields["id"] = slugify(step.name) or f"step-{index}"
                step.__pydantic_fields_set__.add("id")
            if fields["stage"] is None:
                fields["stage"] = current
                step.__pydantic_fields_set__.add("stage")
            current = fields["stage"]
            if step.persona_emotions and step.emotion is None and main is not None:
                step.emotion = step.persona_emotions.get(main)
        return self

    # The accessors below read the effective map that _fill_defaults leaves behind.

    def all_personas(self) -> list[Persona]:
        """The map's personas, the main one (``persona``) first."""
        if self.personas:
            return list(self.personas)
        return [self.persona] if self.persona is not None else []

    def emotion_scores(self, step: Step) -> dict[str | None, int]:
        """Each persona's emotion score at ``step``, by persona id; under None in a map of one
        persona (or none), however it is written, so that two versions of a map, or a current
        and a future map, compare persona by persona."""
        if len(self.all_personas()) <= 1:
            return {None: step.emotion.score} if step.emotion is not None else {}
        main = self.persona.id if self.persona is not None else None
        return {main if persona is None else persona: emotion.score
                for persona, emotion in step.feelings().items()}

    def main_persona_key(self) -> str | None:
        """The key of the main persona's emotion in :meth:`emotion_scores`."""
        several = len(self.all_personas()) > 1
        return self.persona.id if several and self.persona is not None else None

    def is_audit(self) -> bool:
        """A touchpoint audit: touchpoints listed by stage, and no steps."""
        return not self.steps

    def stage_ids(self) -> list[str]:
        return [stage.id for stage in self.stages]

    def step_ids(self) -> list[str]:
        return [step.id or "" for step in self.steps]

    def first_step_of(self, stage_id: str) -> str | None:
        """The id of the first step of a stage, if the stage has one."""
        return next((step.id for step in self.steps if step.stage == stage_id), None)

    def resolve(self, target: str) -> str | None:
        """The step id (or ``end``) a ``next`` target means: a step id names itself, a stage id
        its first step. ``None`` when it means nothing."""
        if target == "end" or target in self._step_id_set():
            return target
        if target in self.stage_ids():
            return self.first_step_of(target)
        return None

    def _step_id_set(self) -> set[str]:
        return set(self.step_ids())

    def transitions(self, index: int) -> list[tuple[str, str | None]]:
        """Where the step at ``index`` leads, as (step id or ``end``, label) pairs."""
        step = self.steps[index]
        if step.next is not None:
            resolved = [(self.resolve(to), step.label_of(n)) for n, to in enumerate(step.next)]
            return [(target, label) for target, label in resolved if target is not None]
        if index + 1 < len(self.steps):
            return [(self.steps[index + 1].id or "", None)]
        return [("end", None)]

    def successors(self, index: int) -> list[str]:
        """Ids the step at ``index`` leads to; ``end`` stands for the end point."""
        return [target for target, _ in self.transitions(index)]

    def touchpoints(self) -> Iterator[tuple[tuple[str | int, ...], Touchpoint, str]]:
        """Every touchpoint of the map, steps' then stages', with its path in the file and the
        id of its stage."""
        for index, step in enumerate(self.steps):
            for position, touchpoint in enumerate(step.touchpoints):
                yield ("steps", index, "touchpoints", position), touchpoint, step.stage or ""
        for index, stage in enumerate(self.stages):
            for position, touchpoint in enumerate(stage.touchpoints):
                yield ("stages", index, "touchpoints", position), touchpoint, stage.id

    def is_online(self, touchpoint: Touchpoint) -> bool | None:
        """Whether a touchpoint is online: its own ``online``, else its channel's."""
        if touchpoint.online is not None:
            return touchpoint.online
        for channel in self.channels:
            if channel.name == touchpoint.channel:
                return channel.online
        return None
