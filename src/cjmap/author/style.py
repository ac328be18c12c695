"""The canonical style's knowledge of the format: key order and shorthands, read from the models.

Nothing here is a hand-written list of keys: the order of a mapping's keys is the order of the
fields of the pydantic model it validates against (``cjmap.format.model``), so a field added to
the format takes its place in formatted maps with no change here. The result is a plain,
JSON-able tree (:class:`Shape`) that the formatter walks without pydantic, and that the command
keeps in its cache so that a run whose answers all come from the cache imports no model.
"""

import types
import typing
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass
class Shape:
    """What the format knows of one kind of mapping: its keys in order, the shape of the mapping
    (or the mappings in the list) under each key, and its shorthand."""

    keys: tuple[str, ...] = ()
    children: dict[str, "Shape"] = field(default_factory=dict)
    # The key a bare scalar stands for (``- Website`` for ``- name: Website``), and the scalar
    # types that spelling accepts; None where the object has no shorthand.
    short_key: str | None = None
    short_types: tuple[str, ...] = ()
    # Keys whose value is a list that a single id may stand for (``next: buy``).
    one_or_many: tuple[str, ...] = ()

    @cached_property
    def rank(self) -> dict[str, int]:
        """Each key's place in the order of :attr:`keys`."""
        return {name: number for number, name in enumerate(self.keys)}

    def child(self, key: object) -> "Shape":
        return self.children.get(key, UNKNOWN) if isinstance(key, str) else UNKNOWN

    def to_json(self) -> dict[str, Any]:
        return {"keys": list(self.keys), "short_key": self.short_key,
                "short_types": list(self.short_types), "one_or_many": list(self.one_or_many),
                "children": {key: shape.to_json() for key, shape in self.children.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Shape":
        return cls(tuple(data["keys"]),
                   {key: cls.from_json(value) for key, value in data["children"].items()},
                   data["short_key"], tuple(data["short_types"]), tuple(data["one_or_many"]))


UNKNOWN = Shape()  # a mapping the format does not describe: keys stay in the written order


def journey_shape() -> Shape:
    """The shape of a whole map, derived from :class:`cjmap.format.model.Journey`."""
    from cjmap.format.model import Journey

    return _shape(Journey)


def _shape(model: type) -> Shape:
    from cjmap.format.model import Duration, Shorthand, SlugList

    fields = model.__pydantic_fields__  # type: ignore[attr-defined]
    # ``next: buy`` is ``next: [buy]``: the fields typed SlugList carry its validator.
    one_id = [id(marker) for marker in SlugList.__metadata__]  # type: ignore[attr-defined]
    children = {}
    one_or_many = []
    for name, info in fields.items():
        nested = _model_in(info.annotation)
        if nested is not None:
            children[name] = _shape(nested)
        validators = [*info.metadata, *_annotated_metadata(info.annotation)]
        if any(id(marker) in one_id for marker in validators):
            one_or_many.append(name)
    short_key = None
    short_types: tuple[str, ...] = ()
    # A duration's shorthand is a text of its own ("3 days"), not the value of one key.
    if issubclass(model, Shorthand) and model is not Duration:
        short_key = model.shorthand_field
        short_types = tuple(kind.__name__ for kind in model.shorthand_types)
    return Shape(tuple(fields), children, short_key, short_types, tuple(one_or_many))


def _annotated_metadata(annotation: Any) -> list[Any]:
    """The metadata of an ``Annotated`` inside ``X | None``."""
    for argument in typing.get_args(annotation):
        if typing.get_origin(argument) is typing.Annotated:
            return list(argument.__metadata__)
    return []


def _model_in(annotation: Any) -> type | None:
    """The model class a field holds, directly, in a list, or in a union with None or a
    shorthand scalar."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None
