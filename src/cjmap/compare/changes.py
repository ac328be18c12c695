"""What ``cjmap diff`` finds: typed change records, per map, and the document that holds them.

Plain frozen dataclasses of strings and numbers: the text and Markdown formats word them, the
JSON format dumps them, and ``schemas/cjmap-diff.schema.json`` is generated from
:class:`DiffDocument`, so these classes are also the documentation of that shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

# Every kind of change, by what it changes. The words for each are in compare/words.py.
ChangeKind = Literal[
    "title", "state", "owner", "improves", "review-date", "review-cadence", "review-owner",
    "stage-added", "stage-removed",
    "step-added", "step-removed", "step-renamed", "step-stage", "step-position",
    "emotion",
    "touchpoint-added", "touchpoint-removed", "touchpoint-quality", "touchpoint-owner",
    "touchpoint-channel",
    "pain-point-opened", "pain-point-closed",
    "opportunity-added", "opportunity-removed", "opportunity-priority", "opportunity-addresses",
    "metric-added", "metric-removed", "metric-actual", "metric-target", "metric-met",
    "metric-missed",
]
# A value before or after: a text, a number (a score, a metric), a list of ids, or nothing.
Value = Union[str, int, float, list[str], None]  # noqa: UP007 - pydantic reads it at runtime
MapStatus = Literal["added", "deleted", "modified", "renamed", "unchanged"]
Fate = Literal["kept", "changed", "new"]


@dataclass(frozen=True)
class Change:
    """One change of a map.

    ``step`` is the id of the step it belongs to (the new map's id; the old one's for a removed
    step), ``stage`` the stage of a stage-level touchpoint or of an added or removed stage, and
    ``item`` the touchpoint, pain point, opportunity or metric, by name or text. ``detail``
    names the quality that was re-scored, or the persona whose emotion changed.
    """

    kind: ChangeKind
    step: str | None = None
    step_name: str | None = None
    stage: str | None = None
    item: str | None = None
    detail: str | None = None
    old: Value = None
    new: Value = None


@dataclass(frozen=True)
class EmotionDelta:
    """A persona's emotion before (the mean of the steps replaced) and after."""

    persona: str | None
    current: float | None
    future: float | None


@dataclass(frozen=True)
class MetricDelta:
    """A metric of a future step beside the same metric (by id, else name) of a step it
    replaces."""

    metric: str
    unit: str | None
    current: float | None
    future: float | None
    target: float | None


@dataclass(frozen=True)
class StepFate:
    """A step of the future map and what it makes of the current one: ``kept`` (it replaces one
    step and changes nothing of it), ``changed`` (it replaces steps and changes them), ``new``."""

    step: str
    name: str
    fate: Fate
    replaces: list[str]
    # The main persona's emotion before (the mean of the replaced steps') and after: the two
    # curves of a current-versus-future overlay.
    current_emotion: float | None
    future_emotion: float | None
    emotions: list[EmotionDelta]
    metrics: list[MetricDelta]
    changes: list[Change]


@dataclass(frozen=True)
class EliminatedStep:
    """A step of the current map that no future step replaces."""

    step: str
    name: str
    emotion: float | None


@dataclass(frozen=True)
class StateComparison:
    """A future-state map beside the current-state map it improves (``improves``)."""

    current: str
    future: str
    steps: list[StepFate]
    eliminated: list[EliminatedStep]
    current_mean_emotion: float | None
    future_mean_emotion: float | None

    def count(self, fate: Fate) -> int:
        return sum(1 for step in self.steps if step.fate == fate)


@dataclass(frozen=True)
class MapDiff:
    """One map that differs: its file before and after (the same unless renamed; None when
    added or deleted), its title and its changes."""

    path: str
    old_path: str | None
    new_path: str | None
    status: MapStatus
    title: str
    steps: int
    changes: list[Change] = field(default_factory=list)
    comparison: StateComparison | None = None

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


@dataclass(frozen=True)
class Summary:
    maps: int
    added: int
    deleted: int
    renamed: int
    modified: int
    changes: int


@dataclass(frozen=True)
class DiffDocument:
    """What ``cjmap diff --format json`` prints: what was compared (two files, or two
    revisions, ``worktree`` for the files on disk) and every map that differs."""

    version: int
    old: str
    new: str
    summary: Summary
    maps: list[MapDiff]


def document(old: str, new: str, diffs: list[MapDiff]) -> DiffDocument:
    """The document of the maps that differ among ``diffs``, with its summary."""
    shown = [diff for diff in diffs if diff.changed]

    def status(name: MapStatus) -> int:
        return sum(1 for diff in shown if diff.status == name)

    changes = sum(len(diff.changes) + (_fates(diff.comparison) if diff.comparison else 0)
                  for diff in shown)
    return DiffDocument(1, old, new, Summary(len(shown), status("added"), status("deleted"),
                                             status("renamed"), status("modified"), changes),
                        shown)


def _fates(comparison: StateComparison) -> int:
    return len(comparison.eliminated) + sum(1 for step in comparison.steps
                                            if step.fate != "kept")
