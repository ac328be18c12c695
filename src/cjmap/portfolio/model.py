"""The portfolio's data: what every map contributes, and the tables computed from it.

Plain dataclasses of strings, numbers and dates (worker processes send a map's share as
plain tuples, :mod:`cjmap.portfolio.collect`; no pydantic object crosses a process boundary), so
that a site generator can import and read a :class:`~cjmap.portfolio.tables.Portfolio` without
loading the format's models. The JSON Schema of ``cjmap report --format json``
(``schemas/cjmap-report.schema.json``) is generated from :class:`ReportDocument`, so the classes
below are also the documentation of that shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from cjmap.portfolio.names import TableName

Phase = Literal["before", "during", "after"]
Kind = Literal["direct", "indirect"]
Level = Literal["low", "medium", "high"]
Lever = Literal["automation", "personalization", "contextual"]
Status = Literal["overdue", "due", "ok", "no-cadence", "unreviewed"]
# The stage model of a map whose stages are no preset's.
CUSTOM = "custom"

# The classes are not frozen, though nothing changes them once made: a thousand maps make
# hundreds of thousands of them, and a frozen dataclass's __init__ (object.__setattr__ for each
# field) costs four times a plain one's: unpacking a map's rows took 1.95 M instructions with
# frozen classes, 0.8 M without.


@dataclass
class Place:
    """Where a row comes from: the map (its id and file), the line in that file, the stage and,
    unless the row belongs to a stage as a whole, the step."""

    map: str
    file: str
    line: int
    stage: str
    stage_name: str
    step: str | None = None


@dataclass
class StageInfo:
    id: str
    name: str
    phase: Phase | None


@dataclass
class MapInfo:
    """One valid map, as the portfolio lists it."""

    id: str
    file: str
    title: str
    lang: str
    state: Literal["current", "future"]
    owner: str | None
    audit: bool
    stage_model: str
    stages: list[StageInfo]
    steps: int
    touchpoints: int


@dataclass
class InvalidMap:
    """A map that did not validate, with its first problem."""

    file: str
    line: int
    column: int
    code: str
    message: str
    unreadable: bool = False  # the file could not be read at all (the run exits 2)


# What a worker sends back for one valid map.


@dataclass
class TouchpointData:
    name: str
    channel: str | None
    kind: Kind | None
    online: bool | None
    owner: str | None
    external: bool
    quality: dict[str, int]
    at: Place


@dataclass
class Feeling:
    """A persona's emotion at a step; ``persona`` is None for a map without a persona."""

    persona: str | None
    persona_name: str | None
    score: int
    label: str | None


@dataclass
class StepData:
    name: str
    feelings: list[Feeling]
    moment_of_truth: bool
    at: Place


@dataclass
class Addressed:
    """A pain point or metric an opportunity names in ``addresses``."""

    kind: Literal["pain_point", "metric"]
    id: str
    text: str


@dataclass
class OpportunityData:
    id: str | None
    text: str
    owner: str | None
    priority: Level | None
    lever: Lever | None
    addresses: list[Addressed]
    at: Place


@dataclass
class Measurement:
    as_of: date
    actual: float


@dataclass
class MetricData:
    id: str | None
    name: str
    kind: str
    actual: float | None  # the newest value (Metric.latest)
    target: float | None
    unit: str | None
    better: Literal["higher", "lower"]
    as_of: date | None  # the newest value's day
    history: list[Measurement]  # every dated measurement, oldest first
    off_target: bool
    at: Place


@dataclass
class ReviewData:
    last_reviewed: date | None
    cadence: str | None
    due: date | None
    owner: str | None
    line: int


@dataclass
class MapData:
    """Everything one valid map contributes to the portfolio."""

    info: MapInfo
    channels: list[str]
    touchpoints: list[TouchpointData]
    steps: list[StepData]
    opportunities: list[OpportunityData]
    metrics: list[MetricData]
    review: ReviewData | None


# The tables.


@dataclass
class Column:
    id: str
    name: str


@dataclass
class Counts:
    """Touchpoints in a cell of the coverage grid, and how they split."""

    touchpoints: int = 0
    direct: int = 0
    indirect: int = 0
    online: int = 0
    offline: int = 0


@dataclass
class CoverageRow:
    channel: str | None  # None: touchpoints that name no channel
    cells: list[Counts]
    total: Counts


@dataclass
class Gap:
    channel: str | None
    column: str


@dataclass
class CoverageGrid:
    """Channels × the columns of one axis: the purchase phases, or the stages of one stage
    model (over the maps that use it)."""

    axis: str  # "phase", or a stage model's name
    maps: int
    columns: list[Column]
    rows: list[CoverageRow]
    totals: list[Counts]
    total: Counts
    gaps: list[Gap]


@dataclass
class WeakTouchpoint:
    rank: int
    name: str
    average: float
    scored: int
    weakest: list[str]
    scores: dict[str, int]
    channel: str | None
    owner: str | None
    external: bool
    at: Place


@dataclass
class EmotionLow:
    score: int
    label: str | None
    persona: str | None
    step: str
    moment_of_truth: bool
    at: Place


@dataclass
class MomentOfTruth:
    step: str
    feelings: list[Feeling]
    at: Place


@dataclass
class EmotionCell:
    average: float | None
    steps: int


@dataclass
class EmotionRow:
    persona: str | None
    persona_name: str | None
    cells: list[EmotionCell]


@dataclass
class EmotionGrid:
    """Each persona's average emotion in each column of one axis."""

    axis: str
    maps: int
    columns: list[Column]
    rows: list[EmotionRow]


@dataclass
class Emotions:
    lows: list[EmotionLow]
    moments_of_truth: list[MomentOfTruth]
    by_stage: list[EmotionGrid]


@dataclass
class BacklogItem:
    text: str
    id: str | None
    priority: Level | None
    lever: Lever | None
    owner: str | None
    addresses: list[Addressed]
    unowned: bool
    unlinked: bool
    at: Place


@dataclass
class OffTarget:
    name: str
    id: str | None
    kind: str
    actual: float
    target: float
    unit: str | None
    better: Literal["higher", "lower"]
    gap: float  # actual - target
    as_of: date | None
    history: list[Measurement]  # oldest first, the current figure last when it has a date
    at: Place


@dataclass
class Freshness:
    map: str
    file: str
    title: str
    owner: str | None
    last_reviewed: date | None
    cadence: str | None
    due: date | None
    status: Status
    days: int | None  # overdue: days late; due or ok: days left
    line: int


@dataclass
class Summary:
    maps: int
    valid: int
    invalid: int
    touchpoints: int
    scored_touchpoints: int
    gaps: int
    opportunities: int
    unowned_opportunities: int
    unlinked_opportunities: int
    off_target_metrics: int
    overdue_reviews: int
    due_reviews: int


@dataclass
class Tables:
    """The tables a report shows (``--table``); the others are left out."""

    coverage: list[CoverageGrid] | None = None
    weakest: list[WeakTouchpoint] | None = None
    emotions: Emotions | None = None
    backlog: list[BacklogItem] | None = None
    metrics: list[OffTarget] | None = None
    freshness: list[Freshness] | None = None


REPORT_VERSION = 1


@dataclass
class ReportDocument:
    """The JSON document of ``cjmap report --format json``."""

    version: Literal[1]
    today: date
    due_within: int
    lang: str
    tables_shown: list[TableName]
    summary: Summary
    maps: list[MapInfo]
    invalid: list[InvalidMap]
    tables: Tables
