"""Each map's contribution to the portfolio, built where the map is loaded.

:func:`contribute` runs in the worker processes of :mod:`cjmap.files.runner`: it loads one map
and returns a :class:`~cjmap.portfolio.model.MapData` of plain values (or the map's first
problem), so that only small data crosses back to the main process, never a pydantic object.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cjmap.diagnostics import display_path
from cjmap.portfolio.model import (
    CUSTOM,
    Addressed,
    Feeling,
    InvalidMap,
    MapData,
    MapInfo,
    Measurement,
    MetricData,
    OpportunityData,
    Place,
    ReviewData,
    StageInfo,
    StepData,
    TouchpointData,
)

if TYPE_CHECKING:
    from cjmap.format.model import Journey, Metric
    from cjmap.loader import LoadResult
    from cjmap.parse.document import Document

Contribution = MapData | InvalidMap


def collect(files: Sequence[Path], jobs: int | None) -> list[Contribution]:
    """The contribution of each file, in the order of ``files``, in several processes when
    that pays off."""
    from cjmap.files import runner

    return runner.run(contribute, files, jobs, warm_up=_warm_up, failed=crashed)


def _warm_up() -> None:
    """What loading a map imports, imported once before the workers are forked."""
    import cjmap.format.model
    import cjmap.format.references
    import cjmap.loader  # noqa: F401


def contribute(path: Path) -> Contribution:
    """Load the map at ``path``: its contribution when valid, else its first problem."""
    from cjmap.loader import load

    return contribution_of(load(path))


def contribution_of(result: LoadResult) -> Contribution:
    """A loaded map's contribution when valid, else its first problem."""
    if result.journey is None or result.document is None:
        report = result.report()
        first = report.diagnostics[0]
        return InvalidMap(report.path, first.span.line, first.span.column, first.code,
                          first.message, unreadable=report.unreadable)
    return extract(result.journey, result.document, result.path)


def crashed(path: Path, error: Exception) -> Contribution:
    """A map on which cjmap failed (a bug): listed as invalid, and the run exits 2."""
    from cjmap.files.runner import INTERNAL_ERROR, crash_report

    first = crash_report(path, error).diagnostics[0]
    return InvalidMap(first.path, first.span.line, first.span.column, INTERNAL_ERROR,
                      first.message, unreadable=True)


def missing_map(path: Path) -> InvalidMap:
    """A path named on the command line that does not exist."""
    return InvalidMap(display_path(path), 1, 1, "file", "no such file or directory",
                      unreadable=True)


def stage_model(stage_ids: Sequence[str]) -> str:
    """The preset whose stages a map lists, in order; ``custom`` for any other list."""
    from cjmap.format.presets import PRESETS

    ids = tuple(stage_ids)
    return next((name for name, stages in PRESETS.items()
                 if tuple(stage.id for stage in stages) == ids), CUSTOM)


def extract(journey: Journey, document: Document, file: str) -> MapData:
    """What a valid map contributes: plain rows, each placed at its line in ``file``."""
    map_id = journey.id or ""
    stage_names = {stage.id: stage.name or stage.id for stage in journey.stages}

    def place(path: tuple[str | int, ...], stage: str, step: str | None) -> Place:
        return Place(map_id, file, document.locate(path).line, stage,
                     stage_names.get(stage, stage), step)

    names = {persona.id: persona.name for persona in journey.all_personas()}
    main = journey.persona
    touchpoints = [
        TouchpointData(
            touchpoint.name, touchpoint.channel, touchpoint.kind, journey.is_online(touchpoint),
            touchpoint.owner, bool(touchpoint.external),
            touchpoint.quality.scores() if touchpoint.quality else {},
            place(path, stage, journey.steps[int(path[1])].name if path[0] == "steps" else None))
        for path, touchpoint, stage in journey.touchpoints()]
    pains = {pain.id: pain.text for step in journey.steps for pain in step.pain_points
             if pain.id}
    metric_names = {metric.id: metric.name for step in journey.steps
                    for metric in step.metrics if metric.id}
    steps: list[StepData] = []
    opportunities: list[OpportunityData] = []
    metrics: list[MetricData] = []
    for index, step in enumerate(journey.steps):
        stage = step.stage or ""
        feelings = [
            Feeling(persona, names.get(persona), emotion.score, emotion.label)
            if persona is not None else
            Feeling(main.id if main else None, main.name if main else None, emotion.score,
                    emotion.label)
            for persona, emotion in step.feelings().items()]
        steps.append(StepData(step.name, feelings, step.moment_of_truth,
                              place(("steps", index), stage, step.name)))
        for position, opportunity in enumerate(step.opportunities):
            addressed = [Addressed("pain_point", target, pains[target]) if target in pains
                         else Addressed("metric", target, metric_names.get(target, target))
                         for target in opportunity.addresses]
            opportunities.append(OpportunityData(
                opportunity.id, opportunity.text, opportunity.owner, opportunity.priority,
                opportunity.lever, addressed,
                place(("steps", index, "opportunities", position), stage, step.name)))
        metrics += [_metric(metric, place(("steps", index, "metrics", position), stage,
                                          step.name))
                    for position, metric in enumerate(step.metrics)]
    review = journey.review
    info = MapInfo(
        map_id, file, journey.title, journey.lang, journey.state, journey.owner,
        journey.is_audit(), stage_model(journey.stage_ids()),
        [StageInfo(stage.id, stage.name or stage.id, stage.phase) for stage in journey.stages],
        len(journey.steps), len(touchpoints))
    return MapData(
        info, [channel.name for channel in journey.channels], touchpoints, steps,
        opportunities, metrics,
        None if review is None else ReviewData(
            review.last_reviewed, review.cadence, review.due, review.owner,
            document.locate(("review",)).line))


def _metric(metric: Metric, at: Place) -> MetricData:
    latest = metric.latest
    return MetricData(
        metric.id, metric.name, metric.kind, None if latest is None else latest.actual,
        metric.target, metric.unit, metric.better, None if latest is None else latest.as_of,
        [Measurement(reading.as_of, reading.actual) for reading in metric.readings()
         if reading.as_of is not None],
        metric.misses_target(), at)
