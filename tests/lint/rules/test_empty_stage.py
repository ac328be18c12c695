from tests.lint.rules.helpers import findings, paths

HEAD = "cjmap: 1\ntitle: T\n"


def test_a_declared_stage_without_steps_is_reported_at_the_stage() -> None:
    found = findings("empty-stage", HEAD + """\
stages: [consideration, evaluation, purchase]
steps:
  - {name: Searches, stage: consideration}
  - {name: Buys, stage: purchase}
""")
    assert [(f.path, f.message) for f in found] == [
        (("stages", 1), "stage 'evaluation' (Evaluation) has no steps")]
    assert found[0].hint is not None and "stage: evaluation" in found[0].hint


def test_default_stages_count_too() -> None:
    # No 'stages:' means consideration → evaluation → purchase; one step fills only the first.
    assert paths("empty-stage", HEAD + "steps: [Searches]\n") == [("stages", 1), ("stages", 2)]


def test_every_stage_with_a_step_passes() -> None:
    assert findings("empty-stage", HEAD + """\
stages: before-during-after
steps:
  - {name: Sees an ad, stage: before}
  - {name: Pays, stage: during}
  - {name: Gets a thank-you card, stage: after}
""") == []


def test_a_stage_with_its_own_touchpoints_is_not_empty() -> None:
    assert findings("empty-stage", HEAD + """\
stages:
  - {id: consideration, touchpoints: [Blog]}
  - evaluation
  - purchase
steps:
  - {name: Compares, stage: evaluation}
  - {name: Pays, stage: purchase}
""") == []


def test_on_an_audit_an_empty_stage_is_one_without_touchpoints() -> None:
    found = findings("empty-stage", HEAD + """\
stages:
  - {id: before, touchpoints: [Ads]}
  - during
  - {id: after, touchpoints: [Survey]}
""")
    assert [(f.path, f.message, f.hint) for f in found] == [(
        ("stages", 1), "stage 'during' (During the purchase) lists no touchpoints",
        "list where the customer meets the brand in this stage under its 'touchpoints:', or "
        "remove the stage")]
