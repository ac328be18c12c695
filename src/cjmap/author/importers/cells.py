"""What one spreadsheet cell holds, as the format's data.

A cell of a list lane holds one item per line; a one-line cell is split on `` | ``, else on
``;``. An item may end in a parenthesis of details, comma-separated: known words
(``high``, ``direct``, ``automation``, ``csat``…, in English or Spanish) and ``key: value`` pairs
(``owner: Content team``, ``id: size-doubt``). A parenthesis holding anything else is part of the
text, so ``Compares (price, size)`` keeps its words; ``()`` says "no details" for a text that
ends in a parenthesis of its own.
"""

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from cjmap.author.importers.lanes import words

_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*–—-]|\d{1,2}[.)])\s+")
_DETAILS = re.compile(r"^(?P<text>.*?)\s*\((?P<details>[^()]*)\)\s*$", re.DOTALL)
# 12000 · 3.1 · 3,1 · -2 · −2 · 12,000 · 12 000
_NUMBER_TEXT = r"[+\-−]?\d+(?:[ \u00a0\u202f,.]\d{3})*(?:[.,]\d+)?"
_NUMBER = re.compile(rf"^\s*({_NUMBER_TEXT})\s*$")

LEVELS = {"low": "low", "medium": "medium", "high": "high", "baja": "low", "bajo": "low",
          "media": "medium", "medio": "medium", "alta": "high", "alto": "high"}
_LEVERS = {"automation": "automation", "automatizacion": "automation",
           "personalization": "personalization", "personalisation": "personalization",
           "personalizacion": "personalization", "contextual": "contextual",
           "contextual interaction": "contextual", "interaccion contextual": "contextual"}
_KINDS = {"direct": "direct", "directo": "direct", "indirect": "indirect",
          "indirecto": "indirect"}
_ONLINE = {"online": True, "en linea": True, "offline": False, "fuera de linea": False,
           "presencial": False}
_EXTERNAL = {"external": True, "externo": True, "externa": True, "third party": True,
             "de terceros": True}
_METRIC_KINDS = {"nps": "nps", "csat": "csat", "ces": "ces", "conversion": "conversion",
                 "count": "count", "recuento": "count", "conteo": "count", "custom": "custom",
                 "personalizada": "custom"}
_BETTER = {"lower": "lower", "lower is better": "lower", "menor": "lower",
           "mejor menor": "lower", "higher": "higher", "higher is better": "higher",
           "mayor": "higher", "mejor mayor": "higher"}
EVIDENCE = {"observed": "observed", "assumed": "assumed", "proposed": "proposed",
            "observado": "observed", "observada": "observed", "supuesto": "assumed",
            "supuesta": "assumed", "asumido": "assumed", "propuesto": "proposed",
            "propuesta": "proposed"}
_TRUE = {"true", "yes", "y", "x", "si", "1", "verdadero", "moment of truth",
         "momento de la verdad"}
_FALSE = {"false", "no", "n", "0", "falso", ""}
_FLAG_MARKS = {"✓", "✔", "★", "☑", "✅"}

# The keys a ``key: value`` detail may name, in English and Spanish, for each kind of item.
_KEYS: dict[str, dict[str, str]] = {
    "touchpoint": {"channel": "channel", "canal": "channel", "owner": "owner",
                   "responsable": "owner", "kind": "kind", "tipo": "kind",
                   "description": "description", "descripcion": "description"},
    "pain_point": {"id": "id", "severity": "severity", "gravedad": "severity",
                   "severidad": "severity"},
    "opportunity": {"id": "id", "owner": "owner", "responsable": "owner",
                    "priority": "priority", "prioridad": "priority", "lever": "lever",
                    "palanca": "lever", "addresses": "addresses", "resuelve": "addresses",
                    "aborda": "addresses"},
    "metric": {"id": "id", "target": "target", "objetivo": "target", "meta": "target",
               "unit": "unit", "unidad": "unit", "source": "source", "fuente": "source",
               "kind": "kind", "tipo": "kind", "better": "better", "mejor": "better",
               "as of": "as_of", "fecha": "as_of", "a fecha de": "as_of"},
    "action": {"actor": "actor", "owner": "actor", "responsable": "actor", "quien": "actor"},
}
# The words a bare detail may be, for each kind of item: word → (field, value).
_WORDS: dict[str, dict[str, tuple[str, Any]]] = {
    "touchpoint": {**{w: ("kind", v) for w, v in _KINDS.items()},
                   **{w: ("online", v) for w, v in _ONLINE.items()},
                   **{w: ("external", v) for w, v in _EXTERNAL.items()}},
    "pain_point": {w: ("severity", v) for w, v in LEVELS.items()},
    "opportunity": {**{w: ("priority", v) for w, v in LEVELS.items()},
                    **{w: ("lever", v) for w, v in _LEVERS.items()}},
    "metric": {**{w: ("kind", v) for w, v in _METRIC_KINDS.items()},
               **{w: ("better", v) for w, v in _BETTER.items()}},
    "action": {},
}
# The one field a bare detail that is no known word fills: ``Website (Web)`` is the channel.
_FREE = {"touchpoint": "channel", "action": "actor"}
# What a key's value must be, when not text.
_CHOICES: dict[str, dict[str, Any]] = {
    "severity": LEVELS, "priority": LEVELS, "lever": _LEVERS, "kind": {**_KINDS,
                                                                      **_METRIC_KINDS},
    "better": _BETTER,
}


def items(text: str) -> list[str]:
    """The items of a list cell: one per line, else split on `` | ``, else on ``;``; bullets
    (``•``, ``-``, ``1.``) and blanks dropped."""
    if "\n" in text:
        parts = text.split("\n")
    elif " | " in text:
        parts = text.split(" | ")
    else:
        parts = text.split(";")
    return [stripped for part in parts if (stripped := _BULLET.sub("", part).strip())]


def number(text: str) -> float | None:
    """A figure as spreadsheets write it (``12000``, ``3,1``, ``12,000``, ``−2``), or None."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    digits = re.sub(r"[ \u00a0\u202f]", "", match.group(1)).replace("−", "-")
    if "," in digits and "." in digits:  # the last one is the decimal mark
        thousands = "," if digits.rfind(",") < digits.rfind(".") else "."
        digits = digits.replace(thousands, "")
    elif re.fullmatch(r"[+-]?\d{1,3}(?:,\d{3})+", digits):
        digits = digits.replace(",", "")
    value = float(digits.replace(",", "."))
    return value if math.isfinite(value) else None


def whole(value: float) -> int | float:
    """``3.0`` as ``3``: a figure written without decimals stays without them."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def flag(text: str) -> bool | None:
    """A yes/no cell (``yes``, ``x``, ``✓``, ``sí``, ``no``, empty), or None."""
    if text.strip() in _FLAG_MARKS:
        return True
    word = words(text)
    return True if word in _TRUE else False if word in _FALSE else None


def details(text: str, kind: str) -> tuple[str, dict[str, Any]]:
    """An item's text and the fields its trailing parenthesis gives, or the whole text and
    nothing when the parenthesis is not made of details."""
    match = _DETAILS.match(text)
    if match is None or not match.group("text"):
        return text, {}
    inside = match.group("details").strip()
    if not inside:
        return match.group("text"), {}
    found: dict[str, Any] = {}
    for part in (part.strip() for part in inside.split(",")):
        key, value = _detail(part, kind, found)
        if key is None:
            return text, {}
        found[key] = value
    return match.group("text"), found


def _detail(part: str, kind: str, found: dict[str, Any]) -> tuple[str | None, Any]:
    known = _WORDS[kind].get(words(part))
    if known is not None and known[0] not in found:
        return known
    key, colon, value = part.partition(":")
    field = _KEYS[kind].get(words(key)) if colon else None
    if field is not None and value.strip() and field not in found:
        choices = _CHOICES.get(field)
        if field == "kind":
            choices = _KINDS if kind == "touchpoint" else _METRIC_KINDS
        if choices is not None:
            chosen = choices.get(words(value))
            return (field, chosen) if chosen is not None else (None, None)
        if field == "target":
            figure = number(value)
            return (field, whole(figure)) if figure is not None else (None, None)
        if field == "addresses":
            return field, value.split()
        if field == "as_of":
            # A day the map can hold, or the parenthesis is no list of details.
            try:
                return field, date.fromisoformat(value.strip())
            except ValueError:
                return None, None
        return field, value.strip()
    free = _FREE.get(kind)
    if free is not None and free not in found and part and not colon:
        return free, part
    return None, None


def touchpoint(item: str) -> dict[str, Any]:
    """``Size guide (Website, direct, owner: E-commerce team)``."""
    name, fields = details(item, "touchpoint")
    return {"name": name, **fields}


def pain_point(item: str) -> dict[str, Any]:
    """``Fear of the wrong size (medium, id: size-doubt)``."""
    text, fields = details(item, "pain_point")
    return {"text": text, **fields}


def opportunity(item: str) -> dict[str, Any]:
    """``Free size exchange (high, contextual, owner: Operations, addresses: size-doubt)``."""
    text, fields = details(item, "opportunity")
    return {"text": text, **fields}


def action(item: str) -> dict[str, Any]:
    """``Sends the quote (Sales)``: a blueprint action and who does it."""
    text, fields = details(item, "action")
    return {"text": text, **fields}


_METRIC = re.compile(rf"^(?P<name>.*?)\s*:\s*(?P<actual>{_NUMBER_TEXT})\s*(?P<unit>.*?)\s*$",
                     re.DOTALL)


def metric(item: str) -> dict[str, Any]:
    """``Size-related returns: 9 % (target: 10, lower, source: Returns system)``."""
    text, fields = details(item, "metric")
    match = _METRIC.match(text)
    found: dict[str, Any] = {"name": text}
    if match is not None and match.group("name"):
        actual = number(match.group("actual"))
        if actual is not None:
            found = {"name": match.group("name"), "actual": whole(actual)}
            if match.group("unit"):
                found["unit"] = match.group("unit")
    return {**found, **fields}


PARSERS: dict[str, Callable[[str], dict[str, Any]]] = {
    "touchpoints": touchpoint, "stage_touchpoints": touchpoint, "pain_points": pain_point,
    "opportunities": opportunity, "metrics": metric, "frontstage": action,
    "backstage": action, "support": action,
}
