"""The current-state map a future-state map improves, as the renderers draw it beside the future
map: the dashed "current" curve, the new and eliminated steps, the deltas.

Render comes before compare in the flow (docs/architecture.md), so it cannot name
``cjmap.compare.changes.StateComparison``; these protocols say what a renderer reads of it, and
the command line hands the comparison over as it is.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class ComparedMetric(Protocol):
    @property
    def metric(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def current(self) -> float | None: ...
    @property
    def future(self) -> float | None: ...
    @property
    def target(self) -> float | None: ...


class ComparedStep(Protocol):
    """A future step: "kept", "changed" or "new", and the main persona's emotion before (the
    mean of the current steps it replaces) and after."""

    @property
    def name(self) -> str: ...
    @property
    def fate(self) -> str: ...
    @property
    def replaces(self) -> Sequence[str]: ...
    @property
    def current_emotion(self) -> float | None: ...
    @property
    def future_emotion(self) -> float | None: ...
    @property
    def metrics(self) -> Sequence[ComparedMetric]: ...


class EliminatedStep(Protocol):
    @property
    def step(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def emotion(self) -> float | None: ...


class Comparison(Protocol):
    """One entry of ``steps`` per step of the future map, in its order."""

    @property
    def steps(self) -> Sequence[ComparedStep]: ...
    @property
    def eliminated(self) -> Sequence[EliminatedStep]: ...
    @property
    def current_mean_emotion(self) -> float | None: ...
    @property
    def future_mean_emotion(self) -> float | None: ...


@dataclass(frozen=True)
class Baseline:
    title: str
    # The current map's file as the command line names it, for the page to say which map.
    source: str
    comparison: Comparison
