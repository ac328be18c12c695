"""``cjmap metrics update``: dated values from a CSV file into the metrics of maps.

Each row names a metric as :mod:`cjmap.format.references` knows metrics: by its ``id``, or by
its name (compared as slugs, so ``Tasa de conversión`` and ``tasa-de-conversion`` both name it);
the ``map`` and ``step`` columns narrow the search where that is not enough. The rows of a
metric are merged with what its map records: the newest value becomes ``actual`` and ``as_of``,
every older one is kept in ``history``, oldest first. A value the map already has on that day
changes nothing, so importing the same file twice adds nothing; a different value for a day the
map has replaces it, as a corrected export means to (the command reports each correction).

The whole run is planned before anything is written: one problem in the CSV or in a map, and no
map is touched. Each map is then patched in place (:mod:`cjmap.author.metricpatch`): the lines
that change, and no other, so its comments and layout stay; the result must validate to the
same map with only those figures changed, and is written atomically.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmap.author.metricscsv import Problem, Row
from cjmap.format.model import Reading, slugify
from cjmap.i18n import _, format_number

if TYPE_CHECKING:
    from cjmap.format.model import Journey, Metric
    from cjmap.loader import LoadResult


@dataclass
class MapFile:
    """A map named on the command line, as read: its text, and what loading it found."""

    path: Path
    name: str  # as shown in messages
    text: str  # without a byte-order mark, with LF line breaks
    bom: bool
    crlf: bool  # the file's line breaks are CRLF
    result: "LoadResult"

    @property
    def journey(self) -> "Journey":
        assert self.result.journey is not None
        return self.result.journey

    def names(self) -> set[str]:
        """What the ``map`` column may write for this map: its id, its path, its file name."""
        return {self.journey.id or "", self.name, self.path.name, self.path.name.split(".")[0],
                str(self.path)}


@dataclass
class Change:
    """What the rows of one metric change in its map."""

    map: int  # the index of its MapFile
    step: int
    position: int  # of the metric in the step's metrics
    actual: Reading  # the newest value, which 'actual' and 'as_of' take
    history: dict[date, float]  # the older values, which 'history' holds
    added: list[Reading] = field(default_factory=list)  # values the map did not have
    corrected: list[tuple[Reading, float]] = field(default_factory=list)  # and what they were


@dataclass
class Plan:
    changes: list[Change]
    problems: list[Problem]
    unchanged: int  # rows whose value the map already had


def plan(maps: Sequence[MapFile], rows: Sequence[Row], csv_name: str) -> Plan:
    """What the rows change in ``maps`` (which must be valid), or the problems that stop it."""
    problems: list[Problem] = []
    by_metric: dict[tuple[int, int, int], dict[date, Row]] = {}
    for row in rows:
        found = _resolve(maps, row, csv_name)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        days = by_metric.setdefault(found, {})
        earlier = days.get(row.day)
        if earlier is not None and earlier.value != row.value:
            problems.append(Problem(csv_name, row.line, _(
                "line {line} gives this metric {value} on {day} already, not {other}").format(
                line=earlier.line, value=format_number(earlier.value), day=row.day.isoformat(),
                other=format_number(row.value)), _("keep one value per metric and day")))
        days.setdefault(row.day, row)
    changes = []
    unchanged = 0
    for (map_index, step, position), days in by_metric.items():
        metric = maps[map_index].journey.steps[step].metrics[position]
        if metric.actual is not None and metric.as_of is None:
            problems.append(_undated(maps[map_index], step, position, metric))
            continue
        change = _merge(metric, {day: row.value for day, row in days.items()},
                        (map_index, step, position))
        unchanged += len(days) - len(change.added) - len(change.corrected)
        if change.added or change.corrected:
            changes.append(change)
    return Plan(changes, problems, unchanged)


def _merge(metric: "Metric", values: dict[date, float], where: tuple[int, int, int]) -> Change:
    recorded = {reading.as_of: reading.actual for reading in metric.readings()
                if reading.as_of is not None}
    added = [Reading(day, value) for day, value in sorted(values.items()) if day not in recorded]
    corrected = [(Reading(day, value), recorded[day]) for day, value in sorted(values.items())
                 if day in recorded and recorded[day] != value]
    merged = {**recorded, **values}
    newest = max(merged)
    older = {day: value for day, value in sorted(merged.items()) if day != newest}
    return Change(*where, Reading(newest, merged[newest]), older, added, corrected)


def _undated(map_file: MapFile, step: int, position: int, metric: "Metric") -> Problem:
    document = map_file.result.document
    assert document is not None
    line = document.locate(("steps", step, "metrics", position, "actual")).line
    return Problem(map_file.name, line, _(
        "metric '{metric}' has an 'actual' without 'as_of': its value {value} would be lost "
        "among dated ones").format(metric=metric.name, value=format_number(metric.actual or 0)),
        _("add 'as_of:' with the day it was measured (YYYY-MM-DD), then import again"))


def _resolve(maps: Sequence[MapFile], row: Row,
             csv_name: str) -> tuple[int, int, int] | Problem:
    """The metric a row names, as (map, step, position), or why it names none or several."""
    indexes = list(range(len(maps)))
    if row.map is not None:
        indexes = [n for n in indexes if row.map in maps[n].names()]
        if not indexes:
            return Problem(csv_name, row.line, _(
                "map '{map}' is not among the maps given: {maps}").format(
                map=row.map, maps=", ".join(m.name for m in maps)),
                _("name the map file on the command line too, or fix the 'map' column"))
    places = [(n, step, position, metric) for n in indexes
              for step, position, metric in _metrics(maps[n].journey, row.step)]
    if row.step is not None and not places and not any(
            _steps(maps[n].journey, row.step) for n in indexes):
        return Problem(csv_name, row.line, _("no step '{step}' in {where}").format(
            step=row.step, where=", ".join(maps[n].name for n in indexes)),
            _("the 'step' column names a step by its id, or by its name"))
    wanted = slugify(row.metric)
    by_id = [place for place in places if place[3].id in (row.metric, wanted)]
    by_name = [place for place in places if slugify(place[3].name) == wanted]
    matches = by_id or by_name
    if not matches:
        from cjmap.format.validation import Suggester

        known = [place[3].ref for place in places]
        return Problem(csv_name, row.line, _("no metric '{metric}' in {where}").format(
            metric=row.metric, where=", ".join(maps[n].name for n in indexes)),
            Suggester(known)(wanted) or _("a metric is named by its 'id', or by its name"))
    if len(matches) > 1:
        where = ", ".join(
            _("step '{step}' of {map}").format(step=maps[n].journey.steps[step].id,
                                                map=maps[n].name)
            for n, step, _position, _metric in matches[:4])
        columns = "step" if len({n for n, *_rest in matches}) == 1 else "map"
        return Problem(csv_name, row.line, _("metric '{metric}' is ambiguous: {where} have "
                                             "one").format(metric=row.metric, where=where),
                       _("add a '{column}' column that says which, or give the metrics "
                         "ids").format(column=columns))
    n, step, position, _metric = matches[0]
    return n, step, position


def _steps(journey: "Journey", wanted: str | None) -> list[int]:
    slug = slugify(wanted) if wanted is not None else None
    return [index for index, step in enumerate(journey.steps)
            if wanted is None or step.id in (wanted, slug) or slugify(step.name) == slug]


def _metrics(journey: "Journey", step: str | None) -> list[tuple[int, int, "Metric"]]:
    return [(index, position, metric) for index in _steps(journey, step)
            for position, metric in enumerate(journey.steps[index].metrics)]


def describe(change: Change, maps: Sequence[MapFile]) -> str:
    """One line on what ``change`` does, for the run's output."""
    map_file = maps[change.map]
    step = map_file.journey.steps[change.step]
    metric = step.metrics[change.position]
    parts = []
    if change.added:
        parts.append(_("{count} added ({days})").format(
            count=len(change.added), days=", ".join(
                f"{r.as_of.isoformat() if r.as_of else ''}: {format_number(r.actual)}"
                for r in change.added)))
    for reading, before in change.corrected:
        parts.append(_("{day} corrected from {before} to {value}").format(
            day=reading.as_of.isoformat() if reading.as_of else "", before=format_number(before),
            value=format_number(reading.actual)))
    latest = change.actual
    return _("{map}: {metric} ({step}): {changes}; now {value} as of {day}").format(
        map=map_file.name, metric=metric.name, step=step.id, changes="; ".join(parts),
        value=format_number(latest.actual), day=latest.as_of.isoformat() if latest.as_of else "")


def apply(map_file: MapFile, changes: Sequence[Change]) -> str:
    """The text of ``map_file`` with ``changes`` made, checked; raises
    :class:`~cjmap.author.metricpatch.PatchError` when it cannot be done safely."""
    from cjmap.author.metricpatch import patch, verify

    steps = map_file.journey.steps
    text = patch(map_file.text, [(("steps", c.step, "metrics", c.position),
                                  steps[c.step].metrics[c.position], c.actual, c.history)
                                 for c in changes])
    verify(map_file.text, text, map_file.name, map_file.journey,
           {(c.step, c.position): (c.actual, c.history) for c in changes})
    return text


def summary_counts(plan: Plan) -> dict[str, Any]:
    """How many values the plan adds and corrects, and how many maps it changes."""
    return {"added": sum(len(c.added) for c in plan.changes),
            "corrected": sum(len(c.corrected) for c in plan.changes),
            "maps": len({c.map for c in plan.changes}), "unchanged": plan.unchanged}
