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
}


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the choice closest to ``word``, if one is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def describe(value: Any) -> str:
    """How a YAML value reads to a person: ``a number (3)``, ``a list``…"""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
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


def _explain(error: ErrorDetails) -> tuple[str, str | None]:
    """Message and hint for one pydantic error."""
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
    if kind == "literal_error":
        allowed = [choice.strip().strip("'") for choice in
                   ctx.get("expected", "").replace(" or ", ", ").split(",")]
        return (f"'{name}' cannot be {describe(value)}: use one of {ctx.get('expected')}",
                did_you_mean(str(value), allowed))
    if kind == "string_pattern_mismatch":
        suggestion = slugify(str(value))
        return (f"'{value}' is not a valid id: ids use lowercase letters, digits, '-' and '_'",
                f"write '{suggestion}'" if suggestion else None)
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
        return f"'{name}' must be {bound} {limit}, not {value}", None
    if kind == "too_short" and ctx.get("min_length") == 1:
        return f"'{name}' must list at least one item", None
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), None
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
