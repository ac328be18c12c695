from tests.lint.rules.helpers import findings, line_of

HEAD = "cjmap: 1\ntitle: T\n"


def test_without_the_key_it_points_at_the_steps_name() -> None:
    text = HEAD + """\
steps:
  - name: Searches online
    touchpoints: [Blog]
  - Pregunta a amigos
  - id: compare
    name: Compares
"""
    found = findings("no-touchpoints", text)
    assert [(f.path, f.key, f.message) for f in found] == [
        (("steps", 1, "name"), False, "step 'Pregunta a amigos' has no touchpoints"),
        (("steps", 2, "name"), False, "step 'Compares' has no touchpoints")]
    assert [line_of(text, f) for f in found] == [6, 8]


def test_an_empty_list_points_at_its_key() -> None:
    text = HEAD + "steps:\n  - name: Buys\n    touchpoints: []\n"
    found = findings("no-touchpoints", text)
    assert [f.path for f in found] == [("steps", 0, "touchpoints")]
    assert line_of(text, found[0]) == 5


def test_every_step_with_a_touchpoint_passes() -> None:
    assert findings("no-touchpoints", HEAD + """\
steps:
  - {name: Searches, touchpoints: [Search results]}
  - {name: Buys, touchpoints: [{name: Checkout, channel: Website}]}
""") == []


def test_a_step_whose_stage_lists_touchpoints_is_covered() -> None:
    assert [f.message for f in findings("no-touchpoints", HEAD + """\
stages:
  - {id: consideration, touchpoints: [Blog, Search ads]}
  - evaluation
steps:
  - {name: Searches online, stage: consideration}
  - {name: Compares, stage: evaluation}
""")] == ["step 'Compares' has no touchpoints"]
