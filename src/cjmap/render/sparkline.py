"""A metric over time: the sparkline the HTML page draws, and the trend the tables write.

The sparkline (Tufte's word-sized graphic) shows a metric's measurements in date order, evenly
spaced as spreadsheet sparklines are, with its target as a dashed reference line and its latest
value marked; the vertical scale takes in the target, so that the distance to it reads at a
glance. Its accessible name says every value with its date, in the map's language, for those
who cannot see the line. The tables (Markdown, ``cjmap report``) write the same series as its
first and its latest value, each with its date.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cjmap.render.formatting import format_date, with_unit
from cjmap.render.labels import labels

WIDTH = 96
HEIGHT = 28
PAD = 4  # room for the latest point's marker inside the box

Reading = tuple[date | None, float]  # as :class:`cjmap.format.model.Reading` gives it


@dataclass(frozen=True)
class Sparkline:
    points: list[tuple[float, float]]
    target_y: float | None
    label: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def polyline(self) -> str:
        """The ``points`` attribute of the SVG polyline."""
        return " ".join(f"{x:g},{y:g}" for x, y in self.points)

    @property
    def latest(self) -> tuple[float, float]:
        return self.points[-1]


def sparkline(name: str, readings: Sequence[Reading], target: float | None, unit: str | None,
              lang: str) -> Sparkline | None:
    """The sparkline of a metric's ``readings`` (oldest first), or None for fewer than two."""
    if len(readings) < 2:
        return None
    values = [value for _, value in readings]
    scale = values + ([target] if target is not None else [])
    low, high = min(scale), max(scale)
    span = high - low

    def y(value: float) -> float:
        # A flat series sits in the middle; otherwise higher values are drawn higher.
        share = 0.5 if span == 0 else (value - low) / span
        return round(HEIGHT - PAD - share * (HEIGHT - 2 * PAD), 2)

    step = (WIDTH - 2 * PAD) / (len(readings) - 1)
    points = [(round(PAD + n * step, 2), y(value)) for n, value in enumerate(values)]
    return Sparkline(points, None if target is None else y(target),
                     _label(name, readings, target, unit, lang))


def _label(name: str, readings: Sequence[Reading], target: float | None, unit: str | None,
           lang: str) -> str:
    words = labels(lang)
    points = words["then"].join(_measured(reading, unit, lang) for reading in readings)
    text = words["trend_label"].format(metric=name, count=len(readings), points=points)
    if target is not None:
        text += words["trend_target"].format(target=with_unit(target, unit, lang))
    return text


def _measured(reading: Reading, unit: str | None, lang: str, *, short: bool = False) -> str:
    day, value = reading
    figure = with_unit(value, unit, lang)
    if day is None:
        return figure
    return labels(lang)["measured_on"].format(value=figure,
                                             date=format_date(day, lang, short=short))


def trend(readings: Sequence[Reading], unit: str | None, lang: str) -> str | None:
    """``66% on Jun 1, 2026 → 74.5% on Oct 1, 2026``: the first and the latest value, for a
    table; None for fewer than two."""
    if len(readings) < 2:
        return None
    return " → ".join(_measured(reading, unit, lang, short=True)
                      for reading in (readings[0], readings[-1]))
