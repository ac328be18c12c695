"""Pydantic's validation errors, told in the words of the format and placed where the user wrote."""

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from cjmap.diagnostics import Diagnostic, Span, json_pointer
from cjmap.format.model import NO_STEPS, Journey, Step, slugify
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
_BOUNDS = {
    "greater_than_equal": N_("'{name}' must be at least {limit}, not {value}"),
    "less_than_equal": N_("'{name}' must be at most {limit}, not {value}"),
    "greater_than": N_("'{name}' must be more than {limit}, not {value}"),
    "less_than": N_("'{name}' must be less than {limit}, not {value}"),
}


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the choice closest to ``word``, if one is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return _("did you mean '{choice}'?").format(choice=matches[0]) if matches else None


def describe(value: Any) -> str:
    """How a YAML value reads to a person: ``a number (3)``, ``a list``…"""
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return _("a boolean ({value})").format(value=str(value).lower())
    if isinstance(value, int | float):
        # As written in the YAML, not in the reader's locale: it quotes the file.
        return _("a number ({value})").format(value=value)
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


def _explain(error: ErrorDetails) -> tuple[str, str | None]:
    """Message and hint for one pydantic error."""
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
        return _(_BOUNDS[kind]).format(name=name, limit=limit, value=value), None
    if kind == "too_short" and ctx.get("min_length") == 1:
        return _("'{name}' must list at least one item").format(name=name), None
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), None
    # pydantic's own words, for errors the format never makes: left in English.
    return f"'{name}': {error['msg']}", None


def diagnose(errors: list[ErrorDetails], document: Document, path: str) -> list[Diagnostic]:
    """Diagnostics for pydantic errors, at the place in ``document`` each one belongs."""
    typos = _typo_targets(errors)
    found = []
    for error in errors:
        loc = tuple(Step.written_as.get(part, part) if isinstance(part, str) else part
                    for part in error["loc"])
        error = {**error, "loc": loc}
        if error["type"] == "missing" and loc in typos:
            continue  # the unknown key next to it is this one misspelt; one message says it all
        written = _written_part(loc, document)
        if written != loc and error["type"] not in ("missing", "extra_forbidden"):
            # A shorthand (``emotion: 3``): speak of what the user wrote, not the expanded key.
            error = {**error, "loc": written}
        message, hint = _explain(error)
        span = document.locate(loc, key=error["type"] == "extra_forbidden")
        if error["type"] in ("missing", NO_STEPS):
            span = Span.point(span.line, span.column)  # the mapping that lacks it starts here
        found.append(Diagnostic(path, span, "schema", message, pointer=json_pointer(loc),
                                hint=hint))
    return found


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
