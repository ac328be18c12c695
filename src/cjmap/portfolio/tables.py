"""The tables of the portfolio, computed from every map's contribution.

Each function takes the valid maps' :class:`~cjmap.portfolio.model.MapData`, in the order the
maps were found, and returns one table; a :class:`Portfolio` (made by :func:`build`) computes
each table with them when it is first read. Rows keep the maps' order wherever the table has no
ranking of its own, so the same maps always give the same report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from math import fsum

from cjmap.format.presets import KNOWN_STAGES, PRESETS
from cjmap.portfolio.model import (
    CUSTOM,
    BacklogItem,
    Column,
    Counts,
    CoverageGrid,
    CoverageRow,
    EmotionCell,
    EmotionGrid,
    EmotionLow,
    EmotionRow,
    Emotions,
    Freshness,
    Gap,
    InvalidMap,
    MapData,
    MomentOfTruth,
    OffTarget,
    Status,
    Summary,
    TouchpointData,
    WeakTouchpoint,
)
from cjmap.portfolio.words import words

PHASES = ("before", "during", "after")
NO_PHASE = "none"
QUALITIES = ("simple", "appropriate", "relevant", "meaningful", "engaging", "personal")
PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2, None: 3}
_STATUS_ORDER: dict[Status, int] = {"overdue": 0, "due": 1, "ok": 2, "no-cadence": 3,
                                    "unreviewed": 4}
# Averages are shown to one decimal; two in the data keep the ranking readable in JSON.
_DIGITS = 2


class Portfolio:
    """The report across every map found: the maps, the invalid ones, and every table.

    Each table is computed from the maps when it is first read, and kept: a report that shows
    some tables computes only those, and a process forked to draw a table (see
    :func:`cjmap.portfolio.sheets.drawn`) computes it there, beside the others.
    """

    def __init__(self, today: date, due_within: int, lang: str, maps: Sequence[MapData],
                 invalid: list[InvalidMap]) -> None:
        self.today, self.due_within, self.lang = today, due_within, lang
        self.invalid = invalid
        self.contributions = list(maps)
        self.maps = [m.info for m in self.contributions]
        self.valid = len(self.maps)

    # Each property calls the module's function of the same name.
    @cached_property
    def coverage(self) -> list[CoverageGrid]:
        return coverage(self.contributions, self.lang)

    @cached_property
    def weakest(self) -> list[WeakTouchpoint]:
        return weakest(self.contributions)

    @cached_property
    def emotions(self) -> Emotions:
        return emotions(self.contributions, self.lang)

    @cached_property
    def backlog(self) -> list[BacklogItem]:
        return backlog(self.contributions)

    @cached_property
    def metrics(self) -> list[OffTarget]:
        return metrics(self.contributions)

    @cached_property
    def freshness(self) -> list[Freshness]:
        return freshness(self.contributions, self.today, self.due_within)

    @cached_property
    def summary(self) -> Summary:
        """The counts of every table (so reading it computes them all)."""
        return summary(self)


def build(contributions: Iterable[MapData | InvalidMap], today: date, due_within: int,
          lang: str | None = None) -> Portfolio:
    """The portfolio of these maps; ``lang`` defaults to the language most maps are written in
    (English on a tie). Its tables are computed as they are read."""
    listed = list(contributions)
    maps = [c for c in listed if isinstance(c, MapData)]
    invalid = [c for c in listed if isinstance(c, InvalidMap)]
    return Portfolio(today, due_within, lang or majority_lang(maps), maps, invalid)


def assembled(today: date, due_within: int, lang: str, valid: int, invalid: list[InvalidMap],
              **tables: object) -> Portfolio:
    """A portfolio of ``valid`` maps whose tables were computed elsewhere, given by name (a
    site adds them up from each map's share): what a layout of those tables needs."""
    portfolio = Portfolio(today, due_within, lang, [], invalid)
    portfolio.valid = valid
    vars(portfolio).update(tables)  # where each cached_property keeps its table
    return portfolio


def summary(portfolio: Portfolio) -> Summary:
    """The counts of the portfolio's tables."""
    maps, invalid = portfolio.contributions, portfolio.invalid
    grids, backlog_items = portfolio.coverage, portfolio.backlog
    statuses = Counter(row.status for row in portfolio.freshness)
    return Summary(
        maps=len(maps) + len(invalid), valid=len(maps), invalid=len(invalid),
        touchpoints=sum(len(m.touchpoints) for m in maps),
        scored_touchpoints=len(portfolio.weakest), gaps=len(grids[0].gaps) if grids else 0,
        opportunities=len(backlog_items),
        unowned_opportunities=sum(item.unowned for item in backlog_items),
        unlinked_opportunities=sum(item.unlinked for item in backlog_items),
        off_target_metrics=len(portfolio.metrics), overdue_reviews=statuses["overdue"],
        due_reviews=statuses["due"])


def majority_lang(maps: Sequence[MapData]) -> str:
    counts = Counter(m.info.lang for m in maps)
    return "es" if counts["es"] > counts["en"] else "en"


@dataclass(frozen=True)
class Axis:
    """What the columns of a grid are: the purchase phases, or one stage model's stages.
    ``phases`` gives, for the phase axis, each map's (by ``id``) phase of each of its stages;
    on a stage model's axis (``None``) a stage is its own column."""

    name: str
    maps: list[MapData]
    columns: list[Column]
    phases: dict[int, dict[str, str]] | None = None

    def column_of(self, m: MapData) -> Callable[[str], str]:
        """The column of each stage of ``m``."""
        if self.phases is None:
            return str
        phase_of = self.phases[id(m)]
        return lambda stage: phase_of.get(stage, NO_PHASE)


def axes(maps: Sequence[MapData], lang: str) -> list[Axis]:
    """The phase axis over every map, then one axis per stage model in use (the presets in
    their order, then the maps' own stage lists)."""
    if not maps:
        return []
    label = words(lang)
    phase_of = {id(m): {s.id: s.phase or NO_PHASE for s in m.info.stages} for m in maps}
    phases = [*PHASES, *([NO_PHASE] if any(NO_PHASE in p.values() for p in phase_of.values())
                         else [])]
    found = [Axis("phase", list(maps), [Column(p, label[f"phase_{p}"]) for p in phases],
                  phase_of)]
    for model in [*PRESETS, CUSTOM]:
        members = [m for m in maps if m.info.stage_model == model]
        if not members:
            continue
        if model == CUSTOM:
            names: dict[str, str] = {}
            for m in members:
                for stage in m.info.stages:
                    names.setdefault(stage.id, _stage_name(stage.id, stage.name, lang))
            columns = [Column(stage, name) for stage, name in names.items()]
        else:
            columns = [Column(s.id, s.name.get(lang, s.name["en"])) for s in PRESETS[model]]
        found.append(Axis(model, members, columns))
    return found


def _stage_name(stage: str, written: str, lang: str) -> str:
    known = KNOWN_STAGES.get(stage)
    return known.name.get(lang, written) if known is not None else written


def _channel_key(channel: str | None) -> str | None:
    return None if channel is None or not channel.strip() else channel.strip().casefold()


def _count(kinds: dict[tuple[str | None, bool | None], int]) -> Counts:
    """The counts of a cell whose touchpoints are counted by (kind, online)."""
    return Counts(
        touchpoints=sum(kinds.values()),
        direct=sum(n for (kind, _), n in kinds.items() if kind == "direct"),
        indirect=sum(n for (kind, _), n in kinds.items() if kind == "indirect"),
        online=sum(n for (_, online), n in kinds.items() if online is True),
        offline=sum(n for (_, online), n in kinds.items() if online is False))


def coverage(maps: Sequence[MapData], lang: str) -> list[CoverageGrid]:
    """Channels × phases, then channels × each stage model's stages: touchpoints counted in
    each cell, split direct/indirect and online/offline; the empty cells of a named channel are
    the gaps. A channel of a map's catalogue that no touchpoint uses is a row of gaps."""
    return coverage_grids(maps, [channels(m) for m in maps], lang)


def coverage_grids(maps: Sequence[MapData], counted: Sequence[Channels], lang: str
                   ) -> list[CoverageGrid]:
    """The coverage grids from each map's :func:`channels`: all that the grids read of a map's
    touchpoints, so that a site can keep them per map and add them up again after one map
    changed (``maps`` need only their ``info``)."""
    channels_of = {id(m): found for m, found in zip(maps, counted, strict=True)}
    return [_coverage_grid(axis, channels_of) for axis in axes(maps, lang)]


# Touchpoints counted by (kind, online): a handful of entries however many touchpoints a
# cell holds.
_Kinds = dict[tuple[str | None, bool | None], int]
# A map's channels (key, as first written), and its touchpoints counted by (channel key,
# stage, kind, online): flat tuples, which a site keeps for every map and reads back several
# times faster than dictionaries.
Channels = tuple[tuple[tuple[str | None, str | None], ...],
                 tuple[tuple[str | None, str, str | None, bool | None, int], ...]]


def channels(m: MapData) -> Channels:
    """A map's channels and its touchpoints counted: made once per map for every grid, which
    then adds up a few cells per map instead of going through every touchpoint again."""
    shown: dict[str | None, str | None] = {}
    cells: dict[tuple[str | None, str], _Kinds] = {}
    for touchpoint in m.touchpoints:
        key = _channel_key(touchpoint.channel)
        if key not in shown:
            shown[key] = None if key is None else (touchpoint.channel or "").strip()
        kinds = cells.setdefault((key, touchpoint.at.stage), {})
        split = touchpoint.kind, touchpoint.online
        kinds[split] = kinds.get(split, 0) + 1
    for channel in m.channels:
        shown.setdefault(_channel_key(channel), channel.strip())
    return tuple(shown.items()), tuple((key, stage, kind, online, n)
                                       for (key, stage), kinds in cells.items()
                                       for (kind, online), n in kinds.items())


def _coverage_grid(axis: Axis, channels_of: dict[int, Channels]) -> CoverageGrid:
    shown: dict[str | None, str | None] = {}
    channel: str | None
    cells: dict[tuple[str | None, str], _Kinds] = {}
    for m in axis.maps:
        column = axis.column_of(m)
        channels, tallies = channels_of[id(m)]
        for key, channel in channels:
            shown.setdefault(key, channel)
        for key, stage, kind, online, n in tallies:
            cell = cells.setdefault((key, column(stage)), {})
            cell[kind, online] = cell.get((kind, online), 0) + n
    rows = []
    for key, channel in shown.items():
        counted = [_count(cells.get((key, column.id), {})) for column in axis.columns]
        rows.append(CoverageRow(channel, counted, _add(counted)))
    rows.sort(key=lambda row: (row.channel is None, -row.total.touchpoints,
                               (row.channel or "").casefold()))
    totals = [_add(row.cells[index] for row in rows) for index in range(len(axis.columns))]
    gaps = [Gap(row.channel, column.id) for row in rows if row.channel is not None
            for column, cell in zip(axis.columns, row.cells, strict=True) if not cell.touchpoints]
    return CoverageGrid(axis.name, len(axis.maps), axis.columns, rows, totals, _add(totals),
                        gaps)


def _add(counts: Iterable[Counts]) -> Counts:
    listed = list(counts)
    return Counts(*(sum(getattr(c, name) for c in listed)
                    for name in ("touchpoints", "direct", "indirect", "online", "offline")))


def weakest(maps: Sequence[MapData]) -> list[WeakTouchpoint]:
    """Every touchpoint with a quality score, weakest average first; its weakest qualities are
    those at its lowest score."""
    rows = []
    for rank, (*_, touchpoint) in enumerate(scored(maps), start=1):
        scores = {name: touchpoint.quality[name] for name in QUALITIES
                  if name in touchpoint.quality}
        low = min(scores.values())
        rows.append(WeakTouchpoint(
            rank, touchpoint.name, round(_mean(scores.values()), _DIGITS), len(scores),
            [name for name, score in scores.items() if score == low], scores,
            touchpoint.channel, touchpoint.owner, touchpoint.external, touchpoint.at))
    return rows


def scored(maps: Sequence[MapData]) -> list[tuple[float, int, int, TouchpointData]]:
    """The touchpoints with a quality score in the ranking's order, each with what orders it:
    (average, minus the number of scores, position in the maps' order, touchpoint)."""
    # Each average worked out once; the position keeps equal ones in the maps' order.
    return sorted((_mean(t.quality.values()), -len(t.quality), position, t)
                  for position, t in enumerate(t for m in maps for t in m.touchpoints
                                               if t.quality))


def emotions(maps: Sequence[MapData], lang: str) -> Emotions:
    """The negative emotions (lowest first), the moments of truth, and each persona's average
    emotion by phase and by each stage model's stages."""
    lows = sorted(
        (EmotionLow(f.score, f.label, f.persona_name, step.name, step.moment_of_truth, step.at)
         for m in maps for step in m.steps for f in step.feelings if f.score < 0),
        key=lambda low: low.score)
    moments = [MomentOfTruth(step.name, step.feelings, step.at)
               for m in maps for step in m.steps if step.moment_of_truth]
    return Emotions(lows, moments, emotion_grids(maps, [felt(m) for m in maps], lang))


def emotion_grids(maps: Sequence[MapData], found: Sequence[Felt], lang: str
                  ) -> list[EmotionGrid]:
    """Each persona's average emotion by phase and by each stage model's stages, from each
    map's :func:`felt` (as :func:`coverage_grids`)."""
    felt_of = {id(m): each for m, each in zip(maps, found, strict=True)}
    return [_emotion_grid(axis, felt_of) for axis in axes(maps, lang)]


# A map's personas (id, name, as first met), and its emotion scores by (persona, stage): flat
# tuples, as a map's Channels.
Felt = tuple[tuple[tuple[str | None, str | None], ...],
             tuple[tuple[str | None, str, tuple[int, ...]], ...]]


def felt(m: MapData) -> Felt:
    """Made once per map for every grid (as :func:`channels`)."""
    personas: dict[str | None, str | None] = {}
    scores: dict[tuple[str | None, str], list[int]] = {}
    for step in m.steps:
        for feeling in step.feelings:
            personas.setdefault(feeling.persona, feeling.persona_name)
            scores.setdefault((feeling.persona, step.at.stage), []).append(feeling.score)
    return tuple(personas.items()), tuple((persona, stage, tuple(found))
                                          for (persona, stage), found in scores.items())


def _emotion_grid(axis: Axis, felt_of: dict[int, Felt]) -> EmotionGrid:
    personas: dict[str | None, str | None] = {}
    scores: dict[tuple[str | None, str], list[int]] = {}
    for m in axis.maps:
        column = axis.column_of(m)
        names, by_stage = felt_of[id(m)]
        for persona, name in names:
            personas.setdefault(persona, name)
        for persona, stage, found in by_stage:
            # The order of a cell's scores does not matter: fsum's sum is exact.
            scores.setdefault((persona, column(stage)), []).extend(found)
    rows = [EmotionRow(persona, name, [_emotion_cell(scores.get((persona, column.id), []))
                                       for column in axis.columns])
            for persona, name in sorted(personas.items(),
                                        key=lambda p: (p[0] is None, (p[1] or "").casefold()))]
    return EmotionGrid(axis.name, len(axis.maps), axis.columns, rows)


def _emotion_cell(scores: list[int]) -> EmotionCell:
    return EmotionCell(round(_mean(scores), _DIGITS) if scores else None, len(scores))


def _mean(values: Collection[int]) -> float:
    # statistics.fmean's own sum and division, without its checks: the same float, faster.
    return fsum(values) / len(values)


def backlog(maps: Sequence[MapData]) -> list[BacklogItem]:
    """Every opportunity, high priority first; those without an owner or naming nothing they
    address are flagged."""
    items = [BacklogItem(o.text, o.id, o.priority, o.lever, o.owner, o.addresses,
                         unowned=not (o.owner or "").strip(), unlinked=not o.addresses, at=o.at)
             for m in maps for o in m.opportunities]
    return sorted(items, key=lambda item: PRIORITY_ORDER[item.priority])


def metrics(maps: Sequence[MapData]) -> list[OffTarget]:
    """Every metric that misses its target, with its measurements oldest first."""
    rows = []
    for m in maps:
        for metric in m.metrics:
            if not metric.off_target or metric.actual is None or metric.target is None:
                continue
            rows.append(OffTarget(
                metric.name, metric.id, metric.kind, metric.actual, metric.target, metric.unit,
                metric.better, metric.actual - metric.target, metric.as_of,
                list(metric.history), metric.at))
    return rows


def freshness(maps: Sequence[MapData], today: date, due_within: int) -> list[Freshness]:
    """Each map's review status, the most urgent first: overdue (by how many days), due within
    ``due_within`` days, ok, with no cadence, never reviewed."""
    rows = []
    for m in maps:
        review = m.review
        status: Status
        days = None
        if review is None or review.last_reviewed is None:
            status = "unreviewed"
        elif review.due is None:
            status = "no-cadence"
        else:
            left = (review.due - today).days
            status = "overdue" if left < 0 else "due" if left <= due_within else "ok"
            days = -left if left < 0 else left
        owner = (review.owner if review else None) or m.info.owner
        rows.append(Freshness(
            m.info.id, m.info.file, m.info.title, owner,
            review.last_reviewed if review else None, review.cadence if review else None,
            review.due if review else None, status, days, review.line if review else 1))
    return sorted(rows, key=freshness_key)


def freshness_key(row: Freshness) -> tuple[int, int]:
    """What orders the freshness rows: the most urgent first."""
    return (_STATUS_ORDER[row.status],
            -(row.days or 0) if row.status == "overdue" else (row.days or 0))

