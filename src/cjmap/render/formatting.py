"""Numbers, scores and durations written the way each language writes them, for every renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.i18n import format_date, format_number, with_unit
from cjmap.render.labels import counted, labels

if TYPE_CHECKING:
    from cjmap.format.model import Duration

# Numbers and dates are written with CLDR's rules of each language (cjmap.i18n, through Babel).
__all__ = ["format_date", "format_duration", "format_number", "signed", "with_unit"]


def signed(score: float, lang: str | None = None) -> str:
    """``+1``, ``0``, ``−2``, ``+0.5`` (``+0,5`` in Spanish): a true minus sign reads better than
    a hyphen next to a digit. A mean of scores has decimals, written as ``lang`` writes them."""
    # An int, the score of one step, is the common case: no Babel for it.
    number = str(abs(score)) if isinstance(score, int) else format_number(abs(score), lang)
    return f"+{number}" if score > 0 else f"−{number}" if score < 0 else number


def format_duration(duration: Duration, lang: str) -> str:
    """``3 weeks`` / ``3 semanas``, ``1 day`` / ``1 día``; a range is ``3–8 weeks``."""
    unit = counted(labels(lang), duration.unit, duration.high)
    if duration.is_range:
        return f"{format_number(duration.low, lang)}–{format_number(duration.high, lang)} {unit}"
    return f"{format_number(duration.low, lang)} {unit}"


def short_name(name: str) -> str:
    """A persona's name without what a comma adds: "Sam, the busy parent" → "Sam"."""
    return name.split(",", 1)[0].strip() or name.strip()
