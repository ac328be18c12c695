"""libyaml's events built without a Python call each: what :mod:`cjmap.parse.yamlfast` reads.

PyYAML's C binding (``yaml._yaml.CParser``) makes every event by calling the class of that
name in its own module, ``ScalarEvent`` and its kin from :mod:`yaml.events`, whose
``__init__`` is Python. A map is ~2,000 events, and those constructors were a quarter of the
time of the fast parse loop. Inside :func:`c_events`, the binding's module names subclasses of
those classes that take their arguments in C instead: ``BaseException`` keeps the positional
arguments as the tuple ``args`` without running any Python, and the loop reads the tuple.

The subclasses stay instances of PyYAML's classes with every attribute (a property over
``args``), so another PyYAML user in the process during a parse (a thread's
``yaml.load(..., Loader=yaml.CSafeLoader)``) reads the same events as ever; outside
:func:`c_events` the binding has its own classes back. ``FIELDS`` gives each event's
arguments in the order PyYAML's constructors take them, which is the order the binding passes
them in; a test holds it to ``yaml.events``.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from yaml import events

_START_END = ("start_mark", "end_mark")
FIELDS: dict[str, tuple[str, ...]] = {
    "StreamStartEvent": (*_START_END, "encoding"),
    "StreamEndEvent": _START_END,
    "DocumentStartEvent": (*_START_END, "explicit", "version", "tags"),
    "DocumentEndEvent": (*_START_END, "explicit"),
    "AliasEvent": ("anchor", *_START_END),
    "ScalarEvent": ("anchor", "tag", "implicit", "value", *_START_END, "style"),
    "SequenceStartEvent": ("anchor", "tag", "implicit", *_START_END, "flow_style"),
    "MappingStartEvent": ("anchor", "tag", "implicit", *_START_END, "flow_style"),
    "SequenceEndEvent": _START_END,
    "MappingEndEvent": _START_END,
}


def _field(index: int) -> property:
    return property(lambda event: event.args[index])


def _c_built(name: str) -> type:
    original = getattr(events, name)
    namespace: dict[str, Any] = {
        "__slots__": (),
        "__module__": __name__,
        "__repr__": original.__repr__,
        "__str__": original.__repr__,
    }
    namespace.update({field: _field(index) for index, field in enumerate(FIELDS[name])})
    return type(name, (BaseException, original), namespace)


EVENTS: dict[str, type] = {name: _c_built(name) for name in FIELDS}
_ORIGINAL = {name: getattr(events, name) for name in FIELDS}
_swap = threading.Lock()


@contextmanager
def c_events(binding: Any) -> Iterator[None]:
    """While open, ``binding`` (the ``yaml._yaml`` module) builds the events of :data:`EVENTS`.

    One parse at a time: a second thread waits, so that the first one's classes stay in place
    until its last event.
    """
    with _swap:
        namespace = vars(binding)
        namespace.update(EVENTS)
        try:
            yield
        finally:
            namespace.update(_ORIGINAL)


def rebuilt(get_event: Callable[[], Any]) -> Callable[[], Any]:
    """``get_event`` of a parser that builds PyYAML's own events, giving :data:`EVENTS`
    instead (the pure-Python parser's, for the same loop)."""

    def get() -> Any:
        event = get_event()
        name = type(event).__name__
        return EVENTS[name](*(getattr(event, field) for field in FIELDS[name]))

    return get
