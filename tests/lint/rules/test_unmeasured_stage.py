from tests.lint.rules.helpers import findings, line_of

HEAD = "cjmap: 1\ntitle: T\n"
METRIC = "metrics: [{name: Checkout completion, kind: conversion}]"


def test_a_stage_none_of_whose_steps_has_a_metric() -> None:
    text = HEAD + f"""\
stages: [consideration, evaluation, purchase]
steps:
  - {{name: Searches, stage: consideration}}
  - {{name: Asks friends}}
  - {{name: Compares, stage: evaluation, {METRIC}}}
  - {{name: Buys, stage: purchase, {METRIC}}}
"""
    found = findings("unmeasured-stage", text)
    assert [(f.path, f.message) for f in found] == [(
        ("stages", 0),
        "stage 'Consideration' has no metric in any of its 2 steps: what isn't measured can't "
        "be improved")]
    assert line_of(text, found[0]) == 3


def test_with_the_default_stages_it_points_at_the_first_step_naming_the_stage() -> None:
    text = HEAD + f"""\
steps:
  - {{name: Searches, {METRIC}}}
  - {{name: Compares, stage: evaluation}}
  - {{name: Buys, stage: purchase, {METRIC}}}
"""
    found = findings("unmeasured-stage", text)
    assert [(f.path, f.message.split(":")[0]) for f in found] == [
        (("steps", 1, "stage"), "stage 'Evaluation' has no metric in its step")]


def test_stages_without_steps_are_left_to_empty_stage() -> None:
    assert findings("unmeasured-stage", HEAD + f"steps:\n  - {{name: Searches, {METRIC}}}\n") \
        == []
