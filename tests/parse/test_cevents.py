"""The fast parse path has PyYAML's C binding build its events from cevents' classes, only
while it parses, and without changing what anyone else reading PyYAML's events sees."""

import inspect
import threading

import pytest
import yaml
from yaml import events

from cjmap.parse import cevents, yamlfast

binding = pytest.importorskip("yaml._yaml")

TEXT = """\
%YAML 1.1
---
title: &t Ñandú
tags: [a, 'b', "c"]
steps:
  - {id: one, emotion: -1}
  - *t
...
"""


def _event_stream(text: str) -> list[tuple[str, dict]]:
    """Each event of ``text`` as PyYAML's own parser names and describes it."""
    stream = []
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        fields = cevents.FIELDS[type(event).__name__]
        stream.append((type(event).__name__, {f: getattr(event, f) for f in fields
                                              if not f.endswith("_mark")}))
    return stream


@pytest.mark.parametrize("name", sorted(cevents.FIELDS))
def test_fields_are_the_constructors_arguments_in_order(name: str) -> None:
    # The binding passes an event's arguments by position: a PyYAML release that reorders or
    # adds one must fail here, not misread maps.
    parameters = list(inspect.signature(getattr(events, name).__init__).parameters)[1:]
    assert tuple(parameters) == cevents.FIELDS[name]


def test_every_event_class_the_binding_names_is_covered() -> None:
    named = {name for name in vars(binding) if name.endswith("Event")}
    assert named == set(cevents.FIELDS)


def test_the_binding_has_its_own_classes_back_after_a_parse_and_after_an_error() -> None:
    yamlfast.parse(TEXT)
    with pytest.raises(yamlfast.YamlError):
        yamlfast.parse("a: [1\n")
    for name in cevents.FIELDS:
        assert getattr(binding, name) is getattr(events, name)


def test_events_built_in_c_read_the_same_as_pyyaml_s_own() -> None:
    expected = _event_stream(TEXT)
    with cevents.c_events(binding):
        seen = _event_stream(TEXT)
        built = [type(event) for event in yaml.parse(TEXT, Loader=yaml.CSafeLoader)]
    assert seen == expected
    assert all(cls is cevents.EVENTS[cls.__name__] for cls in built)
    assert all(issubclass(cls, getattr(events, cls.__name__)) for cls in built)
    assert yaml.load(TEXT, Loader=yaml.CSafeLoader) == {
        "title": "Ñandú", "tags": ["a", "b", "c"],
        "steps": [{"id": "one", "emotion": -1}, "Ñandú"]}


def test_the_pure_python_parser_s_events_give_the_same_document() -> None:
    fast = yamlfast.parse(TEXT)
    pure = yamlfast.parse(TEXT, yamlfast.PurePythonParser)
    assert (pure.data, pure.values, pure.keys) == (fast.data, fast.values, fast.keys)


def test_parses_in_threads_do_not_see_each_other_s_classes() -> None:
    # While one thread parses, another's parse waits rather than restoring the binding's
    # classes under it; every thread reads every document whole.
    texts = [f"n: {i}\nitems: [{', '.join(str(j) for j in range(200))}]\n" for i in range(8)]
    results: dict[int, object] = {}

    def work(index: int) -> None:
        for _ in range(20):
            results[index] = yamlfast.parse(texts[index]).data

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {i: {"n": i, "items": list(range(200))} for i in range(len(texts))}
    assert all(getattr(binding, name) is getattr(events, name) for name in cevents.FIELDS)
