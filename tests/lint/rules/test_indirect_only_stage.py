from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_a_stage_whose_touchpoints_are_all_indirect() -> None:
    found = findings("indirect-only-stage", HEAD + """\
stages: before-during-after
steps:
  - name: Oye hablar de la tienda
    stage: before
    touchpoints: [{name: Boca a boca, kind: indirect}]
  - name: Lee reseñas
    touchpoints: [{name: Reseñas en foros, kind: indirect}]
  - {name: Pays, stage: during, touchpoints: [{name: Till, kind: direct}]}
  - {name: Recommends it, stage: after, touchpoints: [{name: Word of mouth, kind: indirect}]}
""")
    assert [(f.path, f.message) for f in found] == [
        (("steps", 0, "stage"), "every touchpoint of stage 'Before the purchase' is indirect: "
         "nothing there is in the brand's control"),
        (("steps", 3, "stage"), "every touchpoint of stage 'After the purchase' is indirect: "
         "nothing there is in the brand's control"),
    ]


def test_a_direct_or_unclassified_touchpoint_or_none_at_all_passes() -> None:
    assert findings("indirect-only-stage", HEAD + """\
stages: [consideration, evaluation, purchase]
steps:
  - name: Asks friends
    stage: consideration
    touchpoints: [{name: Friend, kind: indirect}, {name: Blog, kind: direct}]
  - {name: Compares, stage: evaluation, touchpoints: [{name: Forum, kind: indirect}, Website]}
  - {name: Buys, stage: purchase}
""") == []
