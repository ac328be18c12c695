"""Each map's contribution to the portfolio, built where the map is loaded.

:func:`contribute` runs in the worker processes of :mod:`cjmap.files.runner`: it loads one map
and returns its rows packed as tuples of plain values (or the map's first problem), so that only
small data crosses back to the main process, never a pydantic object; :func:`unpack` makes them
a :class:`~cjmap.portfolio.model.MapData` there.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

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
    from cjmap import i18n
    from cjmap.files import runner

    # Unpacked as each result comes in, while the workers load the next maps: none is left
    # packed.
    return cast("list[Contribution]", runner.run(
        partial(contribute, lang=i18n.current()), files, jobs, warm_up=_warm_up,
        failed=crashed, each=unpacked))


def _warm_up() -> None:
    """What loading a map imports, imported once before the workers are forked."""
    import cjmap.format.model
    import cjmap.format.references
    import cjmap.loader  # noqa: F401


def contribute(path: Path, lang: str) -> Packed | Contribution:
    """Load the map at ``path`` (in a worker): its contribution, packed, when valid, else its
    first problem, told in ``lang`` (a worker started afresh, not forked, knows no other)."""
    from cjmap import i18n
    from cjmap.loader import load

    i18n.use(lang)
    result = load(path)
    if result.journey is None or result.document is None:
        return contribution_of(result)
    return pack(result.journey, result.document, result.path)


def unpacked(contribution: Packed | Contribution) -> Packed | Contribution:
    """What :func:`contribute` sent back, unpacked in the main process."""
    return unpack(contribution) if isinstance(contribution, tuple) else contribution


def contribution_of(result: LoadResult, file: str | None = None) -> Contribution:
    """A loaded map's contribution when valid, else its first problem; its rows name ``file``
    (by default the path it was loaded by)."""
    file = result.path if file is None else file
    if result.journey is None or result.document is None:
        report = result.report()
        first = report.diagnostics[0]
        return InvalidMap(file, first.span.line, first.span.column, first.code,
                          first.message, unreadable=report.unreadable)
    return extract(result.journey, result.document, file)


def crashed(path: Path, error: Exception, file: str | None = None) -> Contribution:
    """A map on which cjmap failed (a bug): listed as invalid (under ``file``, by default its
    path), and the run exits 2."""
    from cjmap.files.runner import INTERNAL_ERROR, crash_report

    first = crash_report(path, error).diagnostics[0]
    return InvalidMap(first.path if file is None else file, first.span.line,
                      first.span.column, INTERNAL_ERROR, first.message, unreadable=True)


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


# What a worker sends back for a valid map: the fields of MapData as nested tuples, in the
# order of the dataclasses' fields, without the map and file every row's Place repeats.
# Tuples of plain values pickle and unpickle five times as fast as the dataclasses do, and the
# worker no longer makes the frozen dataclasses (whose __init__ goes through
# object.__setattr__ for each field); :func:`unpack` makes them in the main process.
Packed = tuple[Any, ...]
PackedPlace = tuple[int, str, str | None]  # line, stage, step


def extract(journey: Journey, document: Document, file: str) -> MapData:
    """What a valid map contributes: plain rows, each placed at its line in ``file``."""
    return unpack(pack(journey, document, file))


def pack(journey: Journey, document: Document, file: str) -> Packed:
    """What :func:`extract` returns, as :func:`unpack` reads it."""
    def place(path: tuple[str | int, ...], stage: str, step: str | None) -> PackedPlace:
        return (document.line(path), stage, step)

    names = {persona.id: persona.name for persona in journey.all_personas()}
    main = journey.persona
    main_id, main_name = (main.id, main.name) if main else (None, None)
    touchpoints = [
        (touchpoint.name, touchpoint.channel, touchpoint.kind, journey.is_online(touchpoint),
         touchpoint.owner, bool(touchpoint.external),
         touchpoint.quality.scores() if touchpoint.quality else {},
         place(path, stage, journey.steps[int(path[1])].name if path[0] == "steps" else None))
        for path, touchpoint, stage in journey.touchpoints()]
    pains = {pain.id: pain.text for step in journey.steps for pain in step.pain_points
             if pain.id}
    metric_names = {metric.id: metric.name for step in journey.steps
                    for metric in step.metrics if metric.id}
    steps: list[Packed] = []
    opportunities: list[Packed] = []
    metrics: list[Packed] = []
    for index, step in enumerate(journey.steps):
        stage = step.stage or ""
        feelings = [
            (persona, names.get(persona), emotion.score, emotion.label)
            if persona is not None else (main_id, main_name, emotion.score, emotion.label)
            for persona, emotion in step.feelings().items()]
        steps.append((step.name, feelings, step.moment_of_truth,
                      place(("steps", index), stage, step.name)))
        for position, opportunity in enumerate(step.opportunities):
            addressed = [("pain_point", target, pains[target]) if target in pains
                         else ("metric", target, metric_names.get(target, target))
                         for target in opportunity.addresses]
            opportunities.append((
                opportunity.id, opportunity.text, opportunity.owner, opportunity.priority,
                opportunity.lever, addressed,
                place(("steps", index, "opportunities", position), stage, step.name)))
        metrics += [_metric(metric, place(("steps", index, "metrics", position), stage,
                                          step.name))
                    for position, metric in enumerate(step.metrics)]
    review = journey.review
    info = (
        journey.id or "", file, journey.title, journey.lang, journey.state, journey.owner,
        journey.is_audit(), stage_model(journey.stage_ids()),
        [(stage.id, stage.name or stage.id, stage.phase) for stage in journey.stages],
        len(journey.steps), len(touchpoints))
    return (
        info, [channel.name for channel in journey.channels], touchpoints, steps,
        opportunities, metrics,
        None if review is None else (
            review.last_reviewed, review.cadence, review.due, review.owner,
            document.line(("review",))))


def _metric(metric: Metric, at: PackedPlace) -> Packed:
    latest = metric.latest
    return (
        metric.id, metric.name, metric.kind, None if latest is None else latest.actual,
        metric.target, metric.unit, metric.better, None if latest is None else latest.as_of,
        [(reading.as_of, reading.actual) for reading in metric.readings()
         if reading.as_of is not None],
        metric.misses_target(), at)


def unpack(packed: Packed) -> MapData:
    """The MapData that :func:`pack` packed."""
    info_row, channels, touchpoints, steps, opportunities, metrics, review = packed
    map_id, file, title, lang, state, owner, audit, model, stage_rows, step_count, \
        touchpoint_count = info_row
    stages = [StageInfo(*stage) for stage in stage_rows]
    info = MapInfo(map_id, file, title, lang, state, owner, audit, model, stages, step_count,
                   touchpoint_count)
    stage_names = {stage.id: stage.name for stage in stages}

    def place(at: PackedPlace) -> Place:
        line, stage, step = at
        return Place(map_id, file, line, stage, stage_names.get(stage, stage), step)

    return MapData(
        info, channels,
        [TouchpointData(name, channel, kind, online, owner, external, quality, place(at))
         for name, channel, kind, online, owner, external, quality, at in touchpoints],
        [StepData(name, [Feeling(*feeling) for feeling in feelings], moment, place(at))
         for name, feelings, moment, at in steps],
        [OpportunityData(id_, text, owner, priority, lever,
                         [Addressed(*target) for target in addresses], place(at))
         for id_, text, owner, priority, lever, addresses, at in opportunities],
        [MetricData(id_, name, kind, actual, target, unit, better, as_of,
                    [Measurement(*entry) for entry in history], off, place(at))
         for id_, name, kind, actual, target, unit, better, as_of, history, off, at
         in metrics],
        None if review is None else ReviewData(*review))
