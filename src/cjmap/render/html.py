"""The HTML journey map: one self-contained page with the classic journey-map grid.

Columns are the steps in order, grouped under their stages, with the start and end points at the
edges; rows (lanes) are actions, needs, touchpoints, thoughts, the emotion curve, pain points,
opportunities and metrics. Everything is inline (CSS and SVG, no script, no request), so the file
works offline and can be mailed or attached to a ticket.

This module computes what the page shows (curve geometry, branches, formatted figures) and hands
plain values to the Jinja2 templates in ``templates/``, which only lay them out. Autoescaping is
on for every template, so every string from the map is escaped.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmap.render import RenderOptions
from cjmap.render.formatting import (
    format_date,
    format_duration,
    format_number,
    signed,
    with_unit,
)
from cjmap.render.labels import counted, labels
from cjmap.render.palette import EMOTION, PERSONAS, PersonaStyle
from cjmap.render.sparkline import Sparkline, sparkline
from cjmap.safetext import html_safe

if TYPE_CHECKING:
    import jinja2
    import markupsafe

    from cjmap.format.model import Journey, Metric, Stage, Step, Touchpoint
    from cjmap.render.baseline import Baseline

TEMPLATES = Path(__file__).parent / "templates"

# The emotion curve: one SVG per step cell, the point in the middle of the cell, each half-line
# ending at the cell edge at the height halfway to the neighbour's point. Adjacent columns have
# the same width, so the halves meet in straight lines whatever width CSS gives the columns.
CURVE_HEIGHT = 132
CURVE_PAD = 18
# The overview draws the same curve, flatter, so that the whole journey fits one screen.
GLANCE_HEIGHT = 72
GLANCE_PAD = 10
LEVELS = (2, 1, 0, -1, -2)
QUALITIES = ("simple", "appropriate", "relevant", "meaningful", "engaging", "personal")
# Persona markers, centred on their point; each covers about the area of the r=7.5 circle.
MARKERS = {
    "square": "M-6.5-6.5h13v13h-13z",
    "triangle": "M0-8.5L8 5.5H-8z",
    "diamond": "M0-8.5L8.5 0 0 8.5-8.5 0z",
    "down": "M0 8.5L8-5.5H-8z",
    "cross": "M-2.5-8h5v5.5h5.5v5h-5.5v5.5h-5v-5.5h-5.5v-5h5.5z",
}
# A quality scored this or lower is weak: drawn and worded as a problem, as a missed metric is.
WEAK = 2

# Stage bands cycle through these tints (in CSS); the emotion palette's reds and blues are kept
# out of them so that a band is never read as a feeling.
STAGE_TINTS = 6

# Paper prints the grid as tables of at most this many steps, each with its own row labels:
# five columns keep a long word of a step whole on portrait A4 or Letter.
PRINT_STEPS = 5


def _level_y(score: float, height: int = CURVE_HEIGHT, pad: int = CURVE_PAD) -> str:
    # As SVG attribute text: "42", not "42.0".
    return f"{pad + (2 - score) * (height - 2 * pad) / 4:g}"


@dataclass(frozen=True)
class Piece:
    """Heights of one step's piece of a curve, in one drawing's geometry."""

    y: str
    left: str | None  # height at the left edge of the cell, None when no line comes in
    right: str | None


@dataclass(frozen=True)
class Series:
    """One persona's curve: who, and how it is told apart from the others."""

    index: int
    name: str
    style: PersonaStyle


@dataclass(frozen=True)
class Curve:
    """One persona's feeling at one step: its piece of that persona's curve."""

    series: Series
    score: int
    grid: Piece
    glance: Piece
    fill: str
    text: str  # the score as written on the chip: "+1"
    word: str  # the score in words: "positive"
    label: str | None
    lowest: bool = False  # the persona's lowest point of the journey (ties included)

    @property
    def y(self) -> str:
        return self.grid.y

    @property
    def left(self) -> str | None:
        return self.grid.left

    @property
    def right(self) -> str | None:
        return self.grid.right


@dataclass(frozen=True)
class Link:
    """A branch or a loop: a step the journey jumps to, or comes back from."""

    anchor: str | None  # None when the target has no column (an end point that isn't drawn)
    name: str
    backwards: bool  # a loop: against the order of the columns
    label: str | None = None  # why or when the journey goes there


@dataclass(frozen=True)
class MetricView:
    metric: Metric
    actual: str | None  # the newest value
    target: str | None
    misses: bool
    meets: bool
    trend: Sparkline | None = None  # for a metric measured twice or more


@dataclass(frozen=True)
class Score:
    """One of a touchpoint's six qualities, as drawn: its bar and its number."""

    name: str  # "simple", the CSS and data key
    word: str  # "simple" / "sencillo"
    score: int | None
    weak: bool


@dataclass(frozen=True)
class TouchpointView:
    touchpoint: Touchpoint
    quality: str | None  # "3.7/5 · weakest: personal (2)"
    online: bool | None = None  # its own, or its channel's
    scores: list[Score] = field(default_factory=list)  # the six, when any is scored
    average: float | None = None
    average_text: str | None = None  # "3.7"
    weakest: list[str] = field(default_factory=list)  # the words of the lowest, ties included
    low: int | None = None  # their score

    @property
    def weak(self) -> bool:
        return self.low is not None and self.low <= WEAK


@dataclass(frozen=True)
class Before:
    """The current map's feeling where a future step is (the mean of the current steps it
    replaces): its piece of the dashed "current" curve, and how far the future step moves it."""

    score: float
    grid: Piece
    glance: Piece
    text: str  # "−0.33"
    delta: str | None  # "+2.33"; None when the future step records no feeling
    trend: str  # "up", "down" or "same": drawn with an arrow, not only a colour


@dataclass(frozen=True)
class Eliminated:
    """A current step no future step replaces, with its feeling as a chip."""

    name: str
    text: str | None
    word: str | None
    tone: int | None  # the chip's colour: the score rounded to a level


@dataclass(frozen=True)
class Overlay:
    """What the page of a future-state map adds from the current-state map it improves."""

    title: str
    source: str
    eliminated: list[Eliminated]
    mean: str | None  # "+0.5 → +1.25"


@dataclass
class Column:
    """A step and everything the grid shows about it."""

    number: int
    step: Step
    anchor: str
    tint: int
    curve: Curve | None = None  # the main persona's
    # Every persona's feeling, main first; a persona with no feeling here is left out.
    curves: list[Curve] = field(default_factory=list)
    successors: list[Link] = field(default_factory=list)
    predecessors: list[Link] = field(default_factory=list)
    touchpoints: list[TouchpointView] = field(default_factory=list)
    metrics: list[MetricView] = field(default_factory=list)
    duration: str | None = None
    stage_start: bool = False
    lowest: bool = False  # a persona's lowest point of the journey is here
    unmet: int = 0  # metrics that miss their target
    fate: str | None = None  # beside a current map: "kept", "changed" or "new"
    before: Before | None = None

    @property
    def cells(self) -> str:
        """The class of the column's body cells."""
        return f"tint{self.tint} stage-start" if self.stage_start else f"tint{self.tint}"


@dataclass
class StageBand:
    name: str
    goal: str | None
    phase: str | None
    span: int
    tint: int
    stage_id: str
    # The stage's own touchpoints (an audit lists them by stage), on its first band.
    touchpoints: list[TouchpointView] = field(default_factory=list)
    summary: StageSummary | None = None  # on the stage's first band


@dataclass
class StageSummary:
    """What a stage adds up to, so that the stage that hurts most stands out unread."""

    stage_id: str
    lowest: int | None = None  # the lowest feeling of any persona in the stage
    lowest_text: str | None = None
    lowest_word: str | None = None
    pain_points: int = 0
    unmet: int = 0
    quality: float | None = None  # the average of its scored touchpoints' averages
    quality_text: str | None = None
    hurts_most: bool = False

    def severity(self) -> tuple[float, int, int, float]:
        """Bigger hurts more: the lowest feeling first, then pains, missed targets, quality."""
        return (-(self.lowest if self.lowest is not None else 3), self.pain_points, self.unmet,
                -(self.quality if self.quality is not None else 6))


@dataclass(frozen=True)
class RankedTouchpoint:
    """A row of the weakest-touchpoints ranking."""

    rank: int
    view: TouchpointView
    where: str  # "Evaluation · Compares prices" or the stage alone for a stage's touchpoint
    anchor: str | None


@dataclass(frozen=True)
class ReviewStatus:
    due: date | None
    overdue: bool


def _touchpoint_view(journey: Journey, touchpoint: Touchpoint, lang: str) -> TouchpointView:
    online = journey.is_online(touchpoint)
    scores = touchpoint.quality.scores() if touchpoint.quality else {}
    if not scores:
        return TouchpointView(touchpoint, None, online)
    t = labels(lang)
    average = round(sum(scores.values()) / len(scores), 1)
    low = min(scores.values())
    weakest = [t["q_" + name] for name in QUALITIES if scores.get(name) == low]
    text = format_number(average, lang)
    return TouchpointView(
        touchpoint,
        f"{text}/5 · {t['weakest']}: {', '.join(weakest)} ({low})",
        online,
        scores=[Score(name, t["q_" + name], scores.get(name),
                      name in scores and scores[name] <= WEAK) for name in QUALITIES],
        average=average,
        average_text=text,
        weakest=weakest,
        low=low,
    )


def _series(journey: Journey) -> list[Series]:
    personas = journey.all_personas()
    return [Series(index, persona.name, PERSONAS[index % len(PERSONAS)])
            for index, persona in enumerate(personas)] or [Series(0, "", PERSONAS[0])]


def _piece(score: float, before: float | None, after: float | None, height: int,
           pad: int) -> Piece:
    return Piece(
        y=_level_y(score, height, pad),
        left=None if before is None else _level_y((before + score) / 2, height, pad),
        right=None if after is None else _level_y((after + score) / 2, height, pad),
    )


def _curves(journey: Journey, series: list[Series], lang: str) -> list[list[Curve]]:
    """Each step's pieces of every persona's curve, the main persona's first."""
    t = labels(lang)
    ids = {persona.id: index for index, persona in enumerate(journey.all_personas())}
    # A plain emotion is the main persona's (docs/format.md, several personas).
    feelings = [{(0 if key is None else ids.get(key, -1)): emotion
                 for key, emotion in step.feelings().items()} for step in journey.steps]
    steps: list[list[Curve]] = [[] for _ in journey.steps]
    for line in series:
        scores = [f[line.index].score if line.index in f else None for f in feelings]
        known = [score for score in scores if score is not None]
        low = min(known) if known else None
        for index, score in enumerate(scores):
            if score is None:
                continue
            before = scores[index - 1] if index > 0 else None
            after = scores[index + 1] if index + 1 < len(scores) else None
            label = feelings[index][line.index].label
            steps[index].append(Curve(
                series=line,
                score=score,
                grid=_piece(score, before, after, CURVE_HEIGHT, CURVE_PAD),
                glance=_piece(score, before, after, GLANCE_HEIGHT, GLANCE_PAD),
                fill=EMOTION[score].fill,
                text=signed(score),
                word=t[f"score_{score}"],
                label=label,
                lowest=score == low and len(set(known)) > 1,
            ))
    return steps


def _overlay(columns: list[Column], baseline: Baseline, lang: str) -> Overlay:
    """Marks each column with its fate and its piece of the current curve; the eliminated steps
    and the two mean emotions for the overview."""
    t = labels(lang)
    comparison = baseline.comparison
    scores = [step.current_emotion for step in comparison.steps]
    # The comparison has one entry per future step, in order: a mismatch is a bug, not input.
    for index, (column, step) in enumerate(zip(columns, comparison.steps, strict=True)):
        column.fate = step.fate
        score = scores[index]
        if score is None:
            continue
        before = scores[index - 1] if index > 0 else None
        after = scores[index + 1] if index + 1 < len(scores) else None
        delta = None if step.future_emotion is None else round(step.future_emotion - score, 2)
        column.before = Before(
            score=score,
            grid=_piece(score, before, after, CURVE_HEIGHT, CURVE_PAD),
            glance=_piece(score, before, after, GLANCE_HEIGHT, GLANCE_PAD),
            text=signed(score, lang),
            delta=None if delta is None else signed(delta, lang),
            trend="same" if not delta else "up" if delta > 0 else "down",
        )
    eliminated = []
    for gone in comparison.eliminated:
        tone = None if gone.emotion is None else round(gone.emotion)
        eliminated.append(Eliminated(
            gone.name, None if gone.emotion is None else signed(gone.emotion, lang),
            None if tone is None else t[f"score_{tone}"], tone))
    means = (comparison.current_mean_emotion, comparison.future_mean_emotion)
    mean = (f"{signed(means[0], lang)} → {signed(means[1], lang)}"
            if means[0] is not None and means[1] is not None else None)
    return Overlay(baseline.title, Path(baseline.source).name, eliminated, mean)


def step_anchor(step_id: str | None) -> str:
    """The id of a step's column on the page (a site's portfolio pages link to it too)."""
    return f"step-{step_id}"


def _anchor(target: str, journey: Journey) -> str | None:
    if target == "end":
        return "end" if journey.end else None
    return step_anchor(target)


def _metric_view(metric: Metric, lang: str) -> MetricView:
    latest = metric.latest
    measured = latest is not None and metric.target is not None
    return MetricView(
        metric=metric,
        actual=None if latest is None else with_unit(latest.actual, metric.unit, lang),
        target=None if metric.target is None else with_unit(metric.target, metric.unit, lang),
        misses=metric.misses_target(),
        meets=measured and not metric.misses_target(),
        trend=sparkline(metric.name, metric.readings(), metric.target, metric.unit, lang),
    )


def _jumps_in(journey: Journey, positions: dict[str | None, int]) -> dict[str, list[int]]:
    """For each step, the steps that lead to it other than the column on its left."""
    jumps: dict[str, list[int]] = {}
    for index in range(len(journey.steps)):
        for target in journey.successors(index):
            if target in positions and positions[target] != index + 1:
                jumps.setdefault(target, []).append(index)
    return jumps


def _columns(journey: Journey, lang: str) -> list[Column]:
    t = labels(lang)
    names = {step.id: step.name for step in journey.steps}
    names["end"] = journey.end.name if journey.end else t["end"]
    positions = {step.id: index for index, step in enumerate(journey.steps)}
    tints = {stage.id: index % STAGE_TINTS for index, stage in enumerate(journey.stages)}
    curves = _curves(journey, _series(journey), lang)
    # Both ends of a jump are marked: "goes to" where it leaves, "comes from" where it lands.
    jumps_in = _jumps_in(journey, positions)
    columns = []
    previous_stage = None
    for index, step in enumerate(journey.steps):
        column = Column(
            number=index + 1,
            step=step,
            anchor=step_anchor(step.id),
            tint=tints.get(step.stage or "", 0),
            curve=next((c for c in curves[index] if c.series.index == 0), None),
            curves=curves[index],
            lowest=any(c.lowest for c in curves[index]),
            duration=format_duration(step.duration, lang) if step.duration else None,
            stage_start=step.stage != previous_stage,
        )
        previous_stage = step.stage
        following = [journey.steps[index + 1].id] if index + 1 < len(journey.steps) else ["end"]
        transitions = journey.transitions(index)
        if step.next is not None and (
                [target for target, _ in transitions] != following
                or any(label for _, label in transitions)):
            column.successors = [
                Link(
                    anchor=_anchor(target, journey),
                    name=names.get(target, target),
                    backwards=target != "end" and positions.get(target, len(positions)) <= index,
                    label=label,
                )
                for target, label in transitions
            ]
        column.predecessors = [
            Link(anchor=step_anchor(journey.steps[source].id), name=journey.steps[source].name,
                 backwards=source >= index)
            for source in jumps_in.get(step.id or "", [])
        ]
        column.touchpoints = _touchpoint_views(journey, step.touchpoints, lang)
        column.metrics = [_metric_view(metric, lang) for metric in step.metrics]
        column.unmet = sum(view.misses for view in column.metrics)
        columns.append(column)
    return columns


def _touchpoint_views(journey: Journey, touchpoints: list[Touchpoint],
                      lang: str) -> list[TouchpointView]:
    return [_touchpoint_view(journey, tp, lang) for tp in touchpoints]


def _band(journey: Journey, stage: Stage | None, stage_id: str, tint: int,
          lang: str) -> StageBand:
    t = labels(lang)
    name = (stage.name if stage else None) or stage_id
    phase = t[stage.phase] if stage and stage.phase else None
    return StageBand(
        name=name,
        goal=stage.goal if stage else None,
        # The before/during/after model names its stages after their phases.
        phase=None if phase and phase.casefold() == name.casefold() else phase,
        span=1,
        tint=tint,
        stage_id=stage_id,
        touchpoints=_touchpoint_views(journey, stage.touchpoints, lang) if stage else [],
    )


def _bands(journey: Journey, columns: list[Column], summaries: dict[str, StageSummary],
           lang: str, shown: set[str] | None = None) -> list[StageBand]:
    """The stage header cells: one per run of consecutive steps in the same stage; a stage's
    own touchpoints and its summary show on its first run (of the stages not yet `shown`)."""
    stages = {stage.id: stage for stage in journey.stages}
    bands: list[StageBand] = []
    shown = set() if shown is None else shown
    for column in columns:
        if not column.stage_start and bands:
            bands[-1].span += 1
            continue
        stage_id = column.step.stage or ""
        band = _band(journey, stages.get(stage_id), stage_id, column.tint, lang)
        if stage_id in shown:
            band.touchpoints = []
        else:
            band.summary = summaries.get(stage_id)
        shown.add(stage_id)
        bands.append(band)
    return bands


@dataclass
class PrintGroup:
    """One printed table of the grid: a run of steps, the stage bands over them, and the start
    or end point when the run begins or ends the journey."""

    first: int  # the index of its first step in the grid
    columns: list[Column]
    bands: list[StageBand]
    start: bool
    end: bool


def _print_groups(journey: Journey, columns: list[Column], summaries: dict[str, StageSummary],
                  lang: str) -> list[PrintGroup]:
    """The grid cut into runs of at most PRINT_STEPS steps, as even as they go (ten steps print
    as five and five, eleven as four, four and three, never ten and one)."""
    count = -(-len(columns) // PRINT_STEPS)
    shown: set[str] = set()
    groups = []
    first = 0
    for index in range(count):
        size = len(columns) // count + (index < len(columns) % count)
        run = columns[first:first + size]
        groups.append(PrintGroup(first=first, columns=run,
                                 bands=_bands(journey, run, summaries, lang, shown),
                                 start=index == 0, end=index == count - 1))
        first += size
    return groups


def _without_ids(markup: str) -> markupsafe.Markup:
    """A second copy of rendered cells (the printed grid's) with its id attributes renamed, so
    that ids stay unique. The map's text in it is escaped, its quotes written as &#34;, so no
    text of the map can read as an attribute here."""
    import markupsafe

    return markupsafe.Markup(str(markup).replace(' id="', ' data-copy-of="'))


def _audit(journey: Journey, summaries: dict[str, StageSummary], lang: str) -> list[StageBand]:
    """The stages whose touchpoints no step's column shows: all of them in an audit map."""
    staged = {step.stage for step in journey.steps}
    bands = [_band(journey, stage, stage.id, index % STAGE_TINTS, lang)
             for index, stage in enumerate(journey.stages)
             if stage.touchpoints and stage.id not in staged]
    for band in bands:
        band.summary = summaries.get(band.stage_id)
    return bands


def _summaries(journey: Journey, columns: list[Column], lang: str) -> dict[str, StageSummary]:
    """Per stage: the lowest feeling, pain points, missed targets and touchpoint quality; the
    stage (or stages, when tied) that hurts most is marked, once there are two to compare."""
    t = labels(lang)
    summaries = {stage.id: StageSummary(stage.id) for stage in journey.stages}
    averages: dict[str, list[float]] = {}
    for column in columns:
        summary = summaries.setdefault(column.step.stage or "", StageSummary(
            column.step.stage or ""))
        summary.pain_points += len(column.step.pain_points)
        summary.unmet += column.unmet
        for curve in column.curves:
            if summary.lowest is None or curve.score < summary.lowest:
                summary.lowest = curve.score
    for _, touchpoint, stage_id in journey.touchpoints():
        scores = touchpoint.quality.scores() if touchpoint.quality else {}
        if scores:
            averages.setdefault(stage_id, []).append(sum(scores.values()) / len(scores))
    for stage_id, values in averages.items():
        summary = summaries.setdefault(stage_id, StageSummary(stage_id))
        summary.quality = round(sum(values) / len(values), 1)
        summary.quality_text = format_number(summary.quality, lang)
    for summary in summaries.values():
        if summary.lowest is not None:
            summary.lowest_text = signed(summary.lowest)
            summary.lowest_word = t[f"score_{summary.lowest}"]
    telling = [s for s in summaries.values()
               if s.lowest is not None or s.pain_points or s.unmet or s.quality is not None]
    if len(telling) > 1:
        worst = max(s.severity() for s in telling)
        if len({s.severity() for s in telling}) > 1:
            for summary in telling:
                summary.hurts_most = summary.severity() == worst
    return summaries


def _ranking(journey: Journey, lang: str) -> list[RankedTouchpoint]:
    """Every scored touchpoint, steps' and stages', weakest average first; equals share a rank."""
    stage_names = {stage.id: stage.name or stage.id for stage in journey.stages}
    rows: list[tuple[float, str, int, TouchpointView, str, str | None]] = []
    for order, (path, touchpoint, stage_id) in enumerate(journey.touchpoints()):
        view = _touchpoint_view(journey, touchpoint, lang)
        if view.average is None:
            continue
        where = stage_names.get(stage_id, stage_id)
        anchor = None
        if path[0] == "steps":
            step = journey.steps[int(path[1])]
            where, anchor = f"{where} · {step.name}", step_anchor(step.id)
        rows.append((view.average, touchpoint.name, order, view, where, anchor))
    rows.sort(key=lambda row: (row[0], row[1].casefold(), row[2]))
    ranked: list[RankedTouchpoint] = []
    for position, (average, _, _, view, where, anchor) in enumerate(rows, start=1):
        tied = ranked and ranked[-1].view.average == average
        ranked.append(RankedTouchpoint(ranked[-1].rank if tied else position, view, where,
                                       anchor))
    return ranked


def review_status(journey: Journey, today: date | None) -> ReviewStatus:
    """When the next review is due and whether ``today`` is past it (unknown without a today,
    so that the page stays the same for the same map)."""
    due = journey.review.due if journey.review else None
    return ReviewStatus(due, due is not None and today is not None and today > due)


def _dates(journey: Journey, lang: str) -> dict[str, str | None]:
    """The review's dates as the page's language writes them; the template keeps ISO in
    datetime=."""
    review = journey.review
    return {"last_reviewed": format_date(review.last_reviewed, lang)
            if review and review.last_reviewed else None,
            "review_due": format_date(review.due, lang) if review and review.due else None}


# The lanes, top to bottom: what the customer does, needs, meets, thinks and feels, then what
# hurts, what the organisation can do about it, and how it is measured.
LANES = ("actions", "needs", "touchpoints", "thoughts", "emotion", "pain_points",
         "opportunities", "metrics", "frontstage", "backstage", "support")
# A service blueprint's layers, under the customer's lanes, each below the line that separates
# it from the layer above.
BLUEPRINT_LINES = {"frontstage": "line_of_interaction", "backstage": "line_of_visibility",
                   "support": "line_of_internal_interaction"}


def _lanes(journey: Journey) -> list[str]:
    """The lanes with something to show; an empty lane is left out of the grid."""
    return [lane for lane in LANES if any(getattr(step, lane) for step in journey.steps)]


def _extremes(columns: list[Column]) -> tuple[Column | None, Column | None]:
    scored = [c for c in columns if c.curve is not None]
    if not scored:
        return None, None
    # The first of equals, so that the summary names where the low (or high) begins.
    lowest = min(scored, key=lambda c: (c.curve.score if c.curve else 0, c.number))
    highest = max(scored, key=lambda c: (c.curve.score if c.curve else 0, -c.number))
    return lowest, highest


def safe_value(value: object) -> object:
    # Every value the page prints, before escaping: a control character of a map would make
    # the page a parse error. Markup (a macro's output) is built from values that came through
    # here already. A plain str, nearly every value, is told apart without an import. (Once
    # over the whole page instead costs more: a regular expression over 250 kB of page.)
    if type(value) is str:
        return html_safe(value)
    import markupsafe

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return html_safe(value)
    return value


# How the page's templates (and the site's) are compiled. The compiled code depends on these as
# much as on the templates' source, so they name the bytecode cache's files: code another
# version of cjmap compiled differently is never loaded.
COMPILE_OPTIONS: dict[str, Any] = {
    "finalize": safe_value,
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
    # `do`: the grid's cells are rendered once and kept, for the screen's table and print's.
    "extensions": ["jinja2.ext.do"],
}


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja2's cache of compiled templates, in a private directory of the system's temp dir.

    Compiling the page template costs nearly as much as rendering a 1,000-step map, on every run;
    the cache keeps the compiled code, checked against the template's source (and the Python
    version), under a name made of Jinja2's version and :data:`COMPILE_OPTIONS`, so it can
    never serve a stale page. Without a usable temp dir, cjmap compiles.
    """
    import hashlib

    import jinja2

    class Cache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            # Read-only or full: the next run compiles again, nothing else is lost.
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    # A function by its name: its repr holds an address that changes from run to run.
    options = sorted((name, getattr(value, "__qualname__", value))
                     for name, value in COMPILE_OPTIONS.items())
    compiled_by = hashlib.sha256(repr((jinja2.__version__, options)).encode()).hexdigest()[:16]
    try:
        return Cache(pattern=f"__cjmap_{compiled_by}_%s.cache")
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        **COMPILE_OPTIONS,
    )
    environment.globals["counted"] = counted
    environment.filters["without_ids"] = _without_ids
    return environment


def render(journey: Journey, options: RenderOptions) -> bytes:
    """The journey as a self-contained HTML page (UTF-8)."""
    lang = options.lang or journey.lang
    t = labels(lang)
    columns = _columns(journey, lang)
    pain_names = {
        pain.id: pain.text for step in journey.steps for pain in step.pain_points if pain.id
    }
    lowest, highest = _extremes(columns)
    summaries = _summaries(journey, columns, lang)
    series = _series(journey)
    bands = _bands(journey, columns, summaries, lang)
    overlay = _overlay(columns, options.baseline, lang) if options.baseline else None
    page = _environment().get_template("journey.html.j2").render(
        j=journey,
        t=t,
        tag_pages=dict(options.tag_pages),
        lang=lang,
        columns=columns,
        overlay=overlay,
        bands=bands,
        print_groups=_print_groups(journey, columns, summaries, lang),
        audit=_audit(journey, summaries, lang),
        ranking=_ranking(journey, lang),
        series=series if len(series) > 1 else [],
        qualities=[(name, t["q_" + name]) for name in QUALITIES],
        blueprint_lines=BLUEPRINT_LINES,
        markers=MARKERS,
        persona_styles=PERSONAS,
        metric_names={metric.id: metric.name for step in journey.steps
                      for metric in step.metrics if metric.id},
        lane_keys=_lanes(journey),
        pain_names=pain_names,
        lowest=lowest,
        highest=highest,
        review=review_status(journey, options.today),
        # The dates as the page's language writes them; the template keeps ISO in datetime=.
        dates=_dates(journey, lang),
        timeframe=format_duration(journey.timeframe, lang) if journey.timeframe else None,
        palette=[(score, EMOTION[score], signed(score), t[f"score_{score}"])
                 for score in LEVELS[::-1]],
        levels=[(score, _level_y(score)) for score in LEVELS],
        glance_levels=[(score, _level_y(score, GLANCE_HEIGHT, GLANCE_PAD)) for score in LEVELS],
        curve_height=CURVE_HEIGHT,
        glance_height=GLANCE_HEIGHT,
        counts={
            "steps": len(journey.steps),
            "stages": len({step.stage for step in journey.steps}
                          | {stage.id for stage in journey.stages if stage.touchpoints}),
            "touchpoints": sum(1 for _ in journey.touchpoints()),
            "pain_points": sum(len(step.pain_points) for step in journey.steps),
            "opportunities": sum(len(step.opportunities) for step in journey.steps),
            "moments": sum(step.moment_of_truth for step in journey.steps),
        },
        source=Path(options.source).name if options.source else "",
    )
    return page.encode("utf-8")
