"""Numbers, scores and durations written the way each language writes them, for every renderer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.render.labels import labels

if TYPE_CHECKING:
    from cjmap.format.model import Duration


def signed(score: int) -> str:
    """``+1``, ``0``, ``−2``: a true minus sign reads better than a hyphen next to a digit."""
    return f"+{score}" if score > 0 else ("−" + str(-score) if score < 0 else "0")


def format_number(value: float, lang: str) -> str:
    """``12000`` → ``12,000`` (en) or ``12 000`` (es); ``3.1`` → ``3.1`` / ``3,1``."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "es":
        # Spanish groups thousands with a (narrow, non-breaking) space and writes a decimal comma;
        # four-digit numbers are not grouped.
        integer = text.split(".")[0]
        if len(integer.replace(",", "")) <= 4:
            text = text.replace(",", "")
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def with_unit(value: float, unit: str | None, lang: str) -> str:
    """A figure and its unit (already escaped for the output format, if it needs that)."""
    number = format_number(value, lang)
    if not unit:
        return number
    # "48%" and "4.5/5" stick to the number; words ("visits/month") take a space.
    return f"{number}{unit}" if not unit[0].isalnum() else f"{number} {unit}"


def format_duration(duration: Duration, lang: str) -> str:
    """``3 weeks`` / ``3 semanas``, ``1 day`` / ``1 día``; a range is ``3–8 weeks``."""
    words = labels(lang)
    unit = words[f"{duration.unit}_1"] if duration.high == 1 else words[duration.unit]
    if duration.is_range:
        return f"{format_number(duration.low, lang)}–{format_number(duration.high, lang)} {unit}"
    return f"{format_number(duration.low, lang)} {unit}"


def short_name(name: str) -> str:
    """A persona's name without what a comma adds: "Sam, the busy parent" → "Sam"."""
    return name.split(",", 1)[0].strip() or name.strip()
