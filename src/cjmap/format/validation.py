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
from cjmap.i18n import N_, _
from cjmap.parse.document import Document

# What each kind of value error expects, completing "'{name}' must be {expected}, not …".
_TEXT = N_("text")
_KIND_OF_VALUE = {
    "string_type": _TEXT,
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "list_type": N_("a list"),
    "model_type": N_("a mapping of keys and values"),
    "model_attributes_type": N_("a mapping of keys and values"),
    "dict_type": N_("a mapping of keys and values"),
    "date_type": N_("a date (YYYY-MM-DD)"),
    "date_parsing": N_("a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": N_("a date (YYYY-MM-DD) without a time"),
}
# "unknown key 'x' in this step": each object of the format, named in the messages.
_THIS = {
    "Duration": N_("this duration"), "Review": N_("this review"), "Persona": N_("this persona"),
    "Participant": N_("this participant"), "Endpoint": N_("this endpoint"),
    "Channel": N_("this channel"), "Emotion": N_("this emotion"), "Quality": N_("this quality"),
    "Touchpoint": N_("this touchpoint"), "PainPoint": N_("this pain point"),
    "Opportunity": N_("this opportunity"), "Measurement": N_("this measurement"),
    "Metric": N_("this metric"), "Action": N_("this action"), "Step": N_("this step"),
    "Stage": N_("this stage"),
}
# "looks like a touchpoint, not a metric": each object of the format, named with its article.
_A = {
    "Duration": N_("a duration"), "Review": N_("a review"), "Persona": N_("a persona"),
    "Participant": N_("a participant"), "Endpoint": N_("an endpoint"),
    "Channel": N_("a channel"), "Emotion": N_("an emotion"), "Quality": N_("a quality"),
    "Touchpoint": N_("a touchpoint"), "PainPoint": N_("a pain point"),
    "Opportunity": N_("an opportunity"), "Measurement": N_("a measurement"),
    "Metric": N_("a metric"), "Action": N_("an action"), "Step": N_("a step"),
    "Stage": N_("a stage"),
}
_BOUNDS = {
    "greater_than_equal": N_("'{name}' must be at least {limit}, not {value}"),
    "less_than_equal": N_("'{name}' must be at most {limit}, not {value}"),
    "greater_than": N_("'{name}' must be more than {limit}, not {value}"),
    "less_than": N_("'{name}' must be less than {limit}, not {value}"),
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
        # Grouped on the first question: the reference checks make several per map, and most
        # maps never ask one.
        self._choices = tuple(choices)
        self._by_length: dict[int, list[str]] | None = None
        self._memo: dict[str, str | None] = {}
        self._budget = _BUDGET

    def __call__(self, word: str) -> str | None:
        """A hint naming the choice closest to ``word``, if one is close enough."""
        if self._by_length is None:
            self._by_length = {}
            for choice in dict.fromkeys(self._choices):
                self._by_length.setdefault(len(choice), []).append(choice)
        if word not in self._memo:
            match = self._closest(word)
            self._memo[word] = match
        match = self._memo[word]
        return _("did you mean '{choice}'?").format(choice=match) if match is not None else None

    def _closest(self, word: str) -> str | None:
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for length, choices in (self._by_length or {}).items():
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
    return text if len(text) <= _LONGEST_FIGURE else _("a number of {count} digits").format(
        count=len(text.lstrip("-")))


_LONGEST_FIGURE = 30


def describe(value: Any) -> str:
    """How a YAML value reads to a person: ``a number (3)``, ``a list``…"""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("a boolean ({value})").format(value=str(value).lower())
    if isinstance(value, int | float):
        # As written in the YAML, not in the reader's locale: it quotes the file.
        figure = _figure(value)
        return _("a number ({value})").format(value=figure) if figure == str(value) else figure
    if isinstance(value, date):
        return _("a date ({value})").format(value=value.isoformat())
    if isinstance(value, str):
        return _("the text '{value}'").format(value=value) if len(value) < 60 \
            else _("a long text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
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
        return _("the map")
    return _(_THIS[model.__name__])


def _field_name(loc: Sequence[int | str]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def _noun(model: type[BaseModel]) -> str:
    """``a touchpoint``, ``an opportunity``: a model named as a thing of the format."""
    return _(_A.get(model.__name__, N_("an object")))


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
        return _("write '{name}: {number}'").format(name=name, number=number)
    return _("write '{name}: {number}' with 'unit: \"{unit}\"'").format(
        name=name, number=number, unit=unit)


def _whole_number(name: str, value: float, bounds: tuple[float | None, float | None]
                  ) -> tuple[str, str]:
    low, high = bounds
    if low is not None and high is not None:
        message = _("'{name}' must be a whole number from {low} to {high}, not {value}").format(
            name=name, low=f"{low:g}", high=f"{high:g}", value=f"{value:g}")
    else:
        message = _("'{name}' must be a whole number, not {value}").format(
            name=name, value=f"{value:g}")
    if not math.isfinite(value):  # .inf, .nan: no whole number is near
        return message, _("write a whole number")
    down, up = math.floor(value), math.ceil(value)
    first, second = (down, up) if value >= 0 else (up, down)
    return message, _("write {first} or {second}").format(first=first, second=second)


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
        return (_("the format version is written as a whole number: 'cjmap: {version}', "
                  "not {value}").format(version=FORMAT_VERSION, value=describe(value)),
                _("write 'cjmap: {version}'; format 1.1 adds only optional keys, so it "
                  "keeps the marker of format 1").format(version=FORMAT_VERSION))
    if number is not None and number > FORMAT_VERSION:
        return (_("the map is written in format {number}, and this release of cjmap "
                  "({release}) reads format {version}").format(
                    number=f"{number:g}", release=__version__, version=FORMAT_VERSION),
                _("upgrade to a cjmap release that reads format {number} (newer than "
                  "{release}): 'pip install --upgrade cjmap'").format(
                    number=f"{number:g}", release=__version__))
    return (_("'cjmap' is the format version and cannot be {value}").format(
                value=describe(value)),
            _("write 'cjmap: {version}'").format(version=FORMAT_VERSION))


def _explain(error: ErrorDetails, field_loc: Sequence[int | str]
             ) -> tuple[str, str | None]:
    """Message and hint for one pydantic error; ``field_loc`` is where pydantic found it,
    ``error['loc']`` the part of the file the user wrote (a shorthand such as ``emotion: 3``)."""
    kind, loc, value = error["type"], error["loc"], error["input"]
    ctx = error.get("ctx", {})
    name = _field_name(loc)
    if kind == NO_STEPS:
        return (_("the map is missing the required key 'steps'"),
                _("list the steps; a touchpoint audit may give its 'stages' their "
                  "'touchpoints' instead"))
    if kind == "missing":
        parent = _model_at(loc[:-1])
        if loc == ("cjmap",):
            return (_("missing the format version 'cjmap'"),
                    _("add 'cjmap: 1' as the first line of the map"))
        if parent is None or parent is Journey:
            return _("the map is missing the required key '{key}'").format(key=name), None
        return _("{what} is missing the required key '{key}'").format(what=_what(parent),
                                                                      key=name), None
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        known = list(parent.model_fields) if parent else []
        hint = did_you_mean(str(loc[-1]), known)
        if hint is None and known:
            hint = _("known keys here: {keys}").format(keys=", ".join(known))
        return _("unknown key '{key}' in {what}").format(key=loc[-1], what=_what(parent)), hint
    if kind == "literal_error" and tuple(loc) == ("cjmap",):
        return _version(value)
    if kind == "int_from_float":
        return _whole_number(name, float(value), _bounds(field_loc))
    if kind == "model_type" and _model_at(field_loc) is Quality:
        score = value if isinstance(value, int) and 1 <= value <= 5 else 3
        scores = ", ".join(f"{quality}: {score}" for quality in Quality.model_fields)
        return (_("'{name}' scores the six qualities of a touchpoint one by one, so it cannot "
                  "be {value}").format(name=name, value=describe(value)),
                _("write each score from 1 to 5, e.g. 'quality: {{{scores}}}'").format(
                    scores=scores))
    if kind == "float_parsing" and (hint := _number_hint(name, value)) is not None:
        return _("'{name}' must be a number, not {value}").format(
            name=name, value=describe(value)), hint
    if kind == "literal_error":
        allowed = [choice.strip().strip("'") for choice in
                   ctx.get("expected", "").replace(" or ", ", ").split(",")]
        return (_("'{name}' cannot be {value}: use one of {choices}").format(
            name=name, value=describe(value), choices=ctx.get("expected")),
                did_you_mean(str(value), allowed))
    if kind == "string_pattern_mismatch":
        suggestion = slugify(str(value))
        return (_("'{value}' is not a valid id: ids use lowercase letters, digits, '-' and "
                  "'_'").format(value=value),
                _("write '{id}'").format(id=suggestion) if suggestion else None)
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        # An integer past what a float holds: it is a number, only too large a one.
        bound, limit = ("less_than_equal", sys.float_info.max) if value > 0 else \
            ("greater_than_equal", -sys.float_info.max)
        return _(_BOUNDS[bound]).format(name=name, limit=f"{limit:.1e}",
                                        value=_figure(value)), None
    if kind == "finite_number":
        spelling = ".nan" if value != value else ("-.inf" if value < 0 else ".inf")
        return (_("'{name}' must be a finite number, not {value}").format(
            name=name, value=spelling),
                _("YAML reads .inf and .nan as infinity and not-a-number, which measure "
                  "nothing: write the figure itself"))
    if kind in _KIND_OF_VALUE:
        hint = None
        if _KIND_OF_VALUE[kind] == _TEXT and isinstance(value, bool | date):
            hint = _("put the value in quotes to keep it as text")
        if kind == "model_type" and isinstance(value, str):
            hint = _("write it as a mapping of keys and values")
        return _("'{name}' must be {expected}, not {value}").format(
            name=name, expected=_(_KIND_OF_VALUE[kind]), value=describe(value)), hint
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()))
        return _(_BOUNDS[kind]).format(name=name, limit=limit, value=_figure(value)), None
    if kind == "too_short" and ctx.get("min_length") == 1:
        return _("'{name}' must list at least one item").format(name=name), None
    if kind == "value_error":
        cause = ctx.get("error", error["msg"])
        return str(cause), getattr(cause, "hint", None)
    if "hint" in ctx:  # the model's own errors (PydanticCustomError) bring their advice
        return error["msg"], str(ctx["hint"])
    # pydantic's own words, for errors the format never makes: left in English.
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
            listed = names[0] if len(names) == 1 else _("{items} and {last}").format(
                items=", ".join(names[:-1]), last=names[-1])
            found[item] = (
                _("this item of '{list}' looks like {sibling}, not {here}: {keys} are keys of "
                  "{sibling}").format(list=item[-2], sibling=_noun(sibling), here=_noun(here),
                                      keys=listed),
                _("move it under '{field}:' of {what}").format(field=field,
                                                               what=_what(container)),
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
