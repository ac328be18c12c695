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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from cjmap.render import RenderOptions
from cjmap.render.formatting import (
    format_date,
    format_duration,
    format_number,
    signed,
    with_unit,
)
from cjmap.render.labels import labels
from cjmap.render.palette import EMOTION

if TYPE_CHECKING:
    import jinja2

    from cjmap.format.model import Journey, Metric, Quality, Stage, Step, Touchpoint

TEMPLATES = Path(__file__).parent / "templates"

# The emotion curve: one SVG per step cell, the point in the middle of the cell, each half-line
# ending at the cell edge at the height halfway to the neighbour's point. Adjacent columns have
# the same width, so the halves meet in straight lines whatever width CSS gives the columns.
CURVE_HEIGHT = 132
CURVE_PAD = 18
CURVE_STEP = (CURVE_HEIGHT - 2 * CURVE_PAD) / 4
LEVELS = (2, 1, 0, -1, -2)

# Stage bands cycle through these tints (in CSS); the emotion palette's reds and blues are kept
# out of them so that a band is never read as a feeling.
STAGE_TINTS = 6


def _level_y(score: float) -> str:
    # As SVG attribute text: "42", not "42.0".
    return f"{CURVE_PAD + (2 - score) * CURVE_STEP:g}"


@dataclass(frozen=True)
class Curve:
    """One step's piece of the emotion curve."""

    score: int
    y: str
    left: str | None  # height at the left edge of the cell, None when no line comes in
    right: str | None
    fill: str
    text: str  # the score as written on the chip: "+1"
    word: str  # the score in words: "positive"
    label: str | None


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
    actual: str | None
    target: str | None
    misses: bool
    meets: bool


@dataclass(frozen=True)
class TouchpointView:
    touchpoint: Touchpoint
    quality: str | None  # "3.7/5 · weakest: personal (2)"
    online: bool | None = None  # its own, or its channel's


@dataclass
class Column:
    """A step and everything the grid shows about it."""

    number: int
    step: Step
    anchor: str
    tint: int
    curve: Curve | None = None
    successors: list[Link] = field(default_factory=list)
    predecessors: list[Link] = field(default_factory=list)
    touchpoints: list[TouchpointView] = field(default_factory=list)
    metrics: list[MetricView] = field(default_factory=list)
    duration: str | None = None
    stage_start: bool = False

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
    # The stage's own touchpoints (an audit lists them by stage), on its first band.
    touchpoints: list[TouchpointView] = field(default_factory=list)


def _quality(quality: Quality | None, lang: str) -> str | None:
    scores = quality.scores() if quality else {}
    if not scores:
        return None
    t = labels(lang)
    average = format_number(round(sum(scores.values()) / len(scores), 1), lang)
    weakest = min(scores, key=lambda name: (scores[name], name))
    return f"{average}/5 · {t['weakest']}: {t['q_' + weakest]} ({scores[weakest]})"


def _curve(journey: Journey, lang: str) -> list[Curve | None]:
    t = labels(lang)
    scores = [step.emotion.score if step.emotion else None for step in journey.steps]
    pieces: list[Curve | None] = []
    for index, score in enumerate(scores):
        if score is None:
            pieces.append(None)
            continue
        before = scores[index - 1] if index > 0 else None
        after = scores[index + 1] if index + 1 < len(scores) else None
        emotion = journey.steps[index].emotion
        pieces.append(Curve(
            score=score,
            y=_level_y(score),
            left=None if before is None else _level_y((before + score) / 2),
            right=None if after is None else _level_y((after + score) / 2),
            fill=EMOTION[score].fill,
            text=signed(score),
            word=t[f"score_{score}"],
            label=emotion.label if emotion else None,
        ))
    return pieces


def _anchor(target: str, journey: Journey) -> str | None:
    if target == "end":
        return "end" if journey.end else None
    return f"step-{target}"


def _metric_view(metric: Metric, lang: str) -> MetricView:
    measured = metric.actual is not None and metric.target is not None
    return MetricView(
        metric=metric,
        actual=None if metric.actual is None else with_unit(metric.actual, metric.unit, lang),
        target=None if metric.target is None else with_unit(metric.target, metric.unit, lang),
        misses=metric.misses_target(),
        meets=measured and not metric.misses_target(),
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
    curve = _curve(journey, lang)
    # Both ends of a jump are marked: "goes to" where it leaves, "comes from" where it lands.
    jumps_in = _jumps_in(journey, positions)
    columns = []
    previous_stage = None
    for index, step in enumerate(journey.steps):
        column = Column(
            number=index + 1,
            step=step,
            anchor=f"step-{step.id}",
            tint=tints.get(step.stage or "", 0),
            curve=curve[index],
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
            Link(anchor=f"step-{journey.steps[source].id}", name=journey.steps[source].name,
                 backwards=source >= index)
            for source in jumps_in.get(step.id or "", [])
        ]
        column.touchpoints = _touchpoint_views(journey, step.touchpoints, lang)
        column.metrics = [_metric_view(metric, lang) for metric in step.metrics]
        columns.append(column)
    return columns


def _touchpoint_views(journey: Journey, touchpoints: list[Touchpoint],
                      lang: str) -> list[TouchpointView]:
    return [TouchpointView(tp, _quality(tp.quality, lang), journey.is_online(tp))
            for tp in touchpoints]


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
        touchpoints=_touchpoint_views(journey, stage.touchpoints, lang) if stage else [],
    )


def _bands(journey: Journey, columns: list[Column], lang: str) -> list[StageBand]:
    """The stage header cells: one per run of consecutive steps in the same stage; a stage's
    own touchpoints show on its first run."""
    stages = {stage.id: stage for stage in journey.stages}
    bands: list[StageBand] = []
    shown: set[str] = set()
    for column in columns:
        if not column.stage_start and bands:
            bands[-1].span += 1
            continue
        stage_id = column.step.stage or ""
        band = _band(journey, stages.get(stage_id), stage_id, column.tint, lang)
        if stage_id in shown:
            band.touchpoints = []
        shown.add(stage_id)
        bands.append(band)
    return bands


def _audit(journey: Journey, lang: str) -> list[StageBand]:
    """The stages whose touchpoints no step's column shows: all of them in an audit map."""
    staged = {step.stage for step in journey.steps}
    return [_band(journey, stage, stage.id, index % STAGE_TINTS, lang)
            for index, stage in enumerate(journey.stages)
            if stage.touchpoints and stage.id not in staged]


# The lanes, top to bottom: what the customer does, needs, meets, thinks and feels, then what
# hurts, what the organisation can do about it, and how it is measured.
LANES = ("actions", "needs", "touchpoints", "thoughts", "emotion", "pain_points",
         "opportunities", "metrics")


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


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja2's cache of compiled templates, in a private directory of the system's temp dir.

    Compiling the page template costs nearly as much as rendering a 1,000-step map, on every run;
    the cache keeps the compiled code, checked against the template's source (and the Python
    version), so it can never serve a stale page. Without a usable temp dir, cjmap compiles.
    """
    import jinja2

    class Cache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            # Read-only or full: the next run compiles again, nothing else is lost.
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    try:
        return Cache()
    except (OSError, RuntimeError):
        return None


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(journey: Journey, options: RenderOptions) -> bytes:
    """The journey as a self-contained HTML page (UTF-8)."""
    lang = options.lang or journey.lang
    t = labels(lang)
    columns = _columns(journey, lang)
    pain_names = {
        pain.id: pain.text for step in journey.steps for pain in step.pain_points if pain.id
    }
    lowest, highest = _extremes(columns)
    review = journey.review
    page = _environment().get_template("journey.html.j2").render(
        j=journey,
        t=t,
        lang=lang,
        columns=columns,
        bands=_bands(journey, columns, lang),
        audit=_audit(journey, lang),
        metric_names={metric.id: metric.name for step in journey.steps
                      for metric in step.metrics if metric.id},
        lane_keys=_lanes(journey),
        pain_names=pain_names,
        lowest=lowest,
        highest=highest,
        review_due=review.due if review else None,
        # The dates as the page's language writes them; the template keeps ISO in datetime=.
        dates={"last_reviewed": format_date(review.last_reviewed, lang)
               if review and review.last_reviewed else None,
               "review_due": format_date(review.due, lang) if review and review.due else None},
        timeframe=format_duration(journey.timeframe, lang) if journey.timeframe else None,
        palette=[(score, EMOTION[score], signed(score), t[f"score_{score}"])
                 for score in LEVELS[::-1]],
        levels=[(score, _level_y(score)) for score in LEVELS],
        curve_height=CURVE_HEIGHT,
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
