"""Pydantic's validation errors, told in the words of the format and placed where the user wrote."""

import difflib
import math
import re
import sys
import types
import typing
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from cjmap import __version__
from cjmap.diagnostics import Diagnostic, Span, json_pointer
from cjmap.format.model import FORMAT_VERSION, NO_STEPS, Journey, Quality, Step, slugify
from cjmap.parse.document import Document

_KIND_OF_VALUE = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
    "dict_type": "a mapping of keys and values",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD) without a time",
    "finite_number": "a finite number",
}


_CUTOFF = 0.6
# Choices compared per Suggester, at most (about a second): past it, words get no suggestion.
# A thousand broken references against a thousand step ids would otherwise take a difflib
# comparison each, tens of seconds; a map a person wrote never comes near it.
_BUDGET = 10_000


class Suggester:
    """``did_you_mean`` for many words against one set of choices: the choices are grouped by
    length once, so that those too short or too long to be close are never compared; each
    distinct word is looked up once; the comparisons of all words share one budget.

    Its suggestions are those of ``difflib.get_close_matches(word, choices, n=1, cutoff=0.6)``.
    """

    def __init__(self, choices: Iterable[str]) -> None:
        self._by_length: dict[int, list[str]] = {}
        for choice in dict.fromkeys(choices):
            self._by_length.setdefault(len(choice), []).append(choice)
        self._memo: dict[str, str | None] = {}
        self._budget = _BUDGET

    def __call__(self, word: str) -> str | None:
        """A hint naming the choice closest to ``word``, if one is close enough."""
        if word not in self._memo:
            match = self._closest(word)
            self._memo[word] = f"did you mean '{match}'?" if match is not None else None
        return self._memo[word]

    def _closest(self, word: str) -> str | None:
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for length, choices in self._by_length.items():
            # SequenceMatcher.real_quick_ratio, computed once for every choice of a length.
            total = length + len(word)
            if total and 2.0 * min(length, len(word)) / total < _CUTOFF:
                continue
            if self._budget < len(choices):
                return None
            self._budget -= len(choices)
            for choice in choices:
                matcher.set_seq1(choice)
                # quick_ratio bounds ratio from above: a choice below the best cannot beat it.
                bound = max(_CUTOFF, best[0] if best else 0.0)
                if matcher.quick_ratio() >= bound and (score := matcher.ratio()) >= _CUTOFF \
                        and (best is None or (score, choice) > best):
                    best = (score, choice)  # as get_close_matches: ties go to the larger
        return best[1] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the choice closest to ``word``, if one is close enough."""
    return Suggester(choices)(word)


def _figure(value: float) -> str:
    """A number as written, or how long it is when writing it out would swamp the message."""
    text = str(value)
    return text if len(text) <= _LONGEST_FIGURE else f"a number of {len(text.lstrip('-'))} digits"


_LONGEST_FIGURE = 30


def describe(value: Any) -> str:
    """How a YAML value reads to a person: ``a number (3)``, ``a list``…"""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        figure = _figure(value)
        return f"a number ({figure})" if figure == str(value) else figure
    if isinstance(value, date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) < 60 else "a long text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class whose object sits at ``loc`` inside a journey, if any."""
    annotation: Any = Journey
    for part in loc:
        annotation = _unwrap(annotation, item=isinstance(part, int))
        if isinstance(part, int):
            continue
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        field = annotation.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
    annotation = _unwrap(annotation, item=False)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _unwrap(annotation: Any, *, item: bool) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0]
        elif origin is list and item:
            annotation = typing.get_args(annotation)[0]
            item = False
        else:
            return annotation


def _what(model: type[BaseModel] | None) -> str:
    if model is None or model is Journey:
        return "the map"
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in model.__name__).strip()
    return f"this {words}"


def _field_name(loc: Sequence[int | str]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def _noun(model: type[BaseModel]) -> str:
    """``a touchpoint``, ``an opportunity``: a model named as a thing of the format."""
    words = _what(model).removeprefix("this ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


def _bounds(loc: Sequence[int | str]) -> tuple[float | None, float | None]:
    """The lowest and highest value the field at ``loc`` allows, as its model declares them
    (on the field, or on an annotated type such as ``Score | None``)."""
    model = _model_at(loc[:-1])
    field = model.model_fields.get(str(loc[-1])) if model and loc else None
    if field is None:
        return None, None
    constraints = list(field.metadata)
    for member in typing.get_args(field.annotation) or (field.annotation,):
        if typing.get_origin(member) is typing.Annotated:
            for extra in typing.get_args(member)[1:]:
                constraints += getattr(extra, "metadata", [extra])
    low = high = None
    for constraint in constraints:
        low = getattr(constraint, "ge", low)
        high = getattr(constraint, "le", high)
    return low, high


# A number written with its unit or a decimal comma: '38%', '4,5', '120 €', '4.2/5'.
_NUMBER_WITH_UNIT = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*(.*?)\s*$")


def _number_hint(name: str, value: Any) -> str | None:
    match = _NUMBER_WITH_UNIT.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    number, unit = match.group(1).replace(",", "."), match.group(2)
    if not unit:
        return f"write '{name}: {number}'"
    return f"write '{name}: {number}' with 'unit: \"{unit}\"'"


def _whole_number(name: str, value: float, bounds: tuple[float | None, float | None]
                  ) -> tuple[str, str]:
    low, high = bounds
    span = f" from {low:g} to {high:g}" if low is not None and high is not None else ""
    if not math.isfinite(value):  # .inf, .nan: no whole number is near
        return f"'{name}' must be a whole number{span}, not {value:g}", "write a whole number"
    down, up = math.floor(value), math.ceil(value)
    return (f"'{name}' must be a whole number{span}, not {value:g}",
            f"write {down} or {up}" if value >= 0 else f"write {up} or {down}")


def _version(value: Any) -> tuple[str, str]:
    """What to say of a ``cjmap:`` marker that is not this release's format."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            number = None
    if number is not None and not math.isfinite(number):
        number = None  # .nan and .inf are no version
    if number is not None and math.floor(number) == FORMAT_VERSION:
        return (f"the format version is written as a whole number: 'cjmap: {FORMAT_VERSION}', "
                f"not {describe(value)}",
                f"write 'cjmap: {FORMAT_VERSION}'; format 1.1 adds only optional keys, so it "
                "keeps the marker of format 1")
    if number is not None and number > FORMAT_VERSION:
        return (f"the map is written in format {number:g}, and this release of cjmap "
                f"({__version__}) reads format {FORMAT_VERSION}",
                f"upgrade to a cjmap release that reads format {number:g} (newer than "
                f"{__version__}): 'pip install --upgrade cjmap'")
    return (f"'cjmap' is the format version and cannot be {describe(value)}",
            f"write 'cjmap: {FORMAT_VERSION}'")


def _explain(error: ErrorDetails, field_loc: Sequence[int | str]
             ) -> tuple[str, str | None]:
    """Message and hint for one pydantic error; ``field_loc`` is where pydantic found it,
    ``error['loc']`` the part of the file the user wrote (a shorthand such as ``emotion: 3``)."""
    kind, loc, value = error["type"], error["loc"], error["input"]
    ctx = error.get("ctx", {})
    name = _field_name(loc)
    if kind == NO_STEPS:
        return ("the map is missing the required key 'steps'",
                "list the steps; a touchpoint audit may give its 'stages' their 'touchpoints' "
                "instead")
    if kind == "missing":
        parent = _model_at(loc[:-1])
        if loc == ("cjmap",):
            return ("missing the format version 'cjmap'",
                    "add 'cjmap: 1' as the first line of the map")
        return f"{_what(parent)} is missing the required key '{name}'", None
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        known = list(parent.model_fields) if parent else []
        hint = did_you_mean(str(loc[-1]), known)
        if hint is None and known:
            hint = f"known keys here: {', '.join(known)}"
        return f"unknown key '{loc[-1]}' in {_what(parent)}", hint
    if kind == "literal_error" and tuple(loc) == ("cjmap",):
        return _version(value)
    if kind == "int_from_float":
        return _whole_number(name, float(value), _bounds(field_loc))
    if kind == "model_type" and _model_at(field_loc) is Quality:
        score = value if isinstance(value, int) and 1 <= value <= 5 else 3
        scores = ", ".join(f"{quality}: {score}" for quality in Quality.model_fields)
        return (f"'{name}' scores the six qualities of a touchpoint one by one, so it cannot "
                f"be {describe(value)}",
                f"write each score from 1 to 5, e.g. 'quality: {{{scores}}}'")
    if kind == "float_parsing" and (hint := _number_hint(name, value)) is not None:
        return f"'{name}' must be a number, not {describe(value)}", hint
    if kind == "literal_error":
        allowed = [choice.strip().strip("'") for choice in
                   ctx.get("expected", "").replace(" or ", ", ").split(",")]
        return (f"'{name}' cannot be {describe(value)}: use one of {ctx.get('expected')}",
                did_you_mean(str(value), allowed))
    if kind == "string_pattern_mismatch":
        suggestion = slugify(str(value))
        return (f"'{value}' is not a valid id: ids use lowercase letters, digits, '-' and '_'",
                f"write '{suggestion}'" if suggestion else None)
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        # An integer past what a float holds: it is a number, only too large a one.
        bound, limit = ("at most", sys.float_info.max) if value > 0 else \
            ("at least", -sys.float_info.max)
        return f"'{name}' must be {bound} {limit:.1e}, not {_figure(value)}", None
    if kind in _KIND_OF_VALUE:
        hint = None
        if _KIND_OF_VALUE[kind] == "text" and isinstance(value, bool | date):
            hint = "put the value in quotes to keep it as text"
        if kind == "model_type" and isinstance(value, str):
            hint = "write it as a mapping of keys and values"
        return f"'{name}' must be {_KIND_OF_VALUE[kind]}, not {describe(value)}", hint
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most",
                 "greater_than": "more than", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()))
        return f"'{name}' must be {bound} {limit}, not {_figure(value)}", None
    if kind == "too_short" and ctx.get("min_length") == 1:
        return f"'{name}' must list at least one item", None
    if kind == "value_error":
        cause = ctx.get("error", error["msg"])
        return str(cause), getattr(cause, "hint", None)
    if "hint" in ctx:  # the model's own errors (PydanticCustomError) bring their advice
        return error["msg"], str(ctx["hint"])
    return f"'{name}': {error['msg']}", None


def diagnose(errors: list[ErrorDetails], document: Document, path: str) -> list[Diagnostic]:
    """Diagnostics for pydantic errors, at the place in ``document`` each one belongs."""
    typos = _typo_targets(errors)
    misplaced = _misplaced_items(errors, document)
    found = [Diagnostic(path, document.locate(loc), "schema", message, pointer=json_pointer(loc),
                        hint=hint) for loc, (message, hint) in misplaced.items()]
    for error in errors:
        loc = tuple(Step.written_as.get(part, part) if isinstance(part, str) else part
                    for part in error["loc"])
        if any(loc[:len(item)] == item for item in misplaced):
            continue  # an item under the wrong list: one message says where it belongs
        field_loc = loc
        error = {**error, "loc": loc}
        if error["type"] == "missing" and loc in typos:
            continue  # the unknown key next to it is this one misspelt; one message says it all
        written = _written_part(loc, document)
        if written != loc and error["type"] not in ("missing", "extra_forbidden"):
            # A shorthand (``emotion: 3``): speak of what the user wrote, not the expanded key.
            error = {**error, "loc": written}
        message, hint = _explain(error, field_loc)
        span = document.locate(loc, key=error["type"] == "extra_forbidden")
        if error["type"] in ("missing", NO_STEPS):
            span = Span.point(span.line, span.column)  # the mapping that lacks it starts here
        found.append(Diagnostic(path, span, "schema", message, pointer=json_pointer(loc),
                                hint=hint))
    return found


def _misplaced_items(errors: list[ErrorDetails], document: Document
                     ) -> dict[tuple[Any, ...], tuple[str, str]]:
    """Items written under the wrong list of their object, e.g. a touchpoint under
    ``metrics:``: the message and hint for each, by the item's location.

    An item is misplaced when two or more of its keys are unknown and a sibling list's items
    (``touchpoints`` beside ``metrics``) have every key it has."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and len(loc) >= 3 and isinstance(loc[-2], int):
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    found = {}
    for item, keys in unknown.items():
        written = _value_at(document.data, item)
        if len(keys) < 2 or not isinstance(written, dict):
            continue
        here, container = _model_at(item), _model_at(item[:-2])
        if here is None or container is None:
            continue
        for field, info in container.model_fields.items():
            sibling = _unwrap(info.annotation, item=True)
            if (sibling is here or not isinstance(sibling, type)
                    or not issubclass(sibling, BaseModel)
                    or not {str(key) for key in written} <= sibling.model_fields.keys()):
                continue
            names = [f"'{key}'" for key in keys]
            listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
            found[item] = (
                f"this item of '{item[-2]}' looks like {_noun(sibling)}, not {_noun(here)}: "
                f"{listed} are keys of {_noun(sibling)}",
                f"move it under '{field}:' of {_what(container)}",
            )
            break
    return found


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _written_part(loc: tuple[Any, ...], document: Document) -> tuple[Any, ...]:
    while loc and loc not in document.values:
        loc = loc[:-1]
    return loc


def _typo_targets(errors: list[ErrorDetails]) -> set[tuple[Any, ...]]:
    """Locations of missing keys for which an unknown sibling key is a likely misspelling."""
    targets = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        loc = tuple(error["loc"])
        parent = _model_at(loc[:-1])
        if parent is None:
            continue
        match = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields), n=1,
                                          cutoff=0.6)
        if match:
            targets.add((*loc[:-1], match[0]))
    return targets
