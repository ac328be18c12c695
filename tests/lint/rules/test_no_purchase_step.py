from tests.lint.rules.helpers import findings, line_of

HEAD = "cjmap: 1\ntitle: T\n"


def test_a_purchase_stage_without_steps() -> None:
    text = HEAD + """\
stages: six-phases
steps:
  - {name: Sees an ad, stage: discovery}
  - {name: Reads reviews, stage: interest}
"""
    found = findings("no-purchase-step", text)
    assert [(f.path, f.message) for f in found] == [(
        ("stages", 3),
        "no step reaches the purchase: the purchase stage 'Conversion' has no steps")]
    assert line_of(text, found[0]) == 3  # the stage model's name: the stage is not written out
    assert found[0].hint == "add the step where the customer buys, with 'stage: conversion'"


def test_a_written_purchase_stage_is_pointed_at() -> None:
    found = findings("no-purchase-step", HEAD + """\
stages:
  - explore
  - {id: sign-up, phase: during}
steps:
  - {name: Browses, stage: explore}
""")
    assert [f.path for f in found] == [("stages", 1)]
    assert "'Sign up'" in found[0].message


def test_stages_without_a_purchase_phase() -> None:
    found = findings("no-purchase-step", HEAD + """\
stages: [explore, adopt]
steps:
  - {name: Browses, stage: explore}
  - {name: Uses it daily, stage: adopt}
""")
    assert [(f.path, f.key, f.message) for f in found] == [(
        ("stages",), True,
        "no stage is a purchase stage, so the map never shows the customer buying")]


def test_any_purchase_phase_stage_counts() -> None:
    for stages, stage in (("retail", "sale"), ("before-during-after", "during"),
                          ("six-phases", "conversion"), ("[browse, {id: pay, phase: during}]",
                                                         "pay")):
        assert findings("no-purchase-step", HEAD + f"""\
stages: {stages}
steps:
  - {{name: Buys, stage: {stage}}}
""") == [], stages
