from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_a_step_listed_after_a_later_stage() -> None:
    found = findings("stage-order", HEAD + """\
steps:
  - {name: Compara modelos, stage: evaluation}
  - {name: Busca información, stage: consideration}
  - {name: Compra, stage: purchase}
""")
    assert [(f.path, f.message) for f in found] == [(
        ("steps", 1, "stage"),
        "step 'Busca información' ('Consideration') follows 'Compara modelos' ('Evaluation'), "
        "a later stage")]


def test_a_next_that_goes_back_without_a_loop_points_at_the_next() -> None:
    found = findings("stage-order", HEAD + """\
steps:
  - {id: search, name: Searches, stage: consideration}
  - {id: buy, name: Buys, stage: purchase, next: [unbox]}
  - {id: compare, name: Compares, stage: evaluation, next: end}
  - {id: unbox, name: Unboxes, stage: purchase, next: [end, compare]}
""")
    assert [f.path for f in found] == [("steps", 3, "next", 1)]


def test_a_loyalty_loop_back_to_an_earlier_stage_passes() -> None:
    assert findings("stage-order", HEAD + """\
stages: six-phases
steps:
  - {id: discover, name: Hears about it, stage: discovery}
  - {id: subscribe, name: Subscribes, stage: conversion}
  - {id: enjoy, name: Enjoys it, stage: satisfaction}
  - {id: renew, name: Renews, stage: loyalty, next: [subscribe, end]}
""") == []


def test_branches_in_order_pass() -> None:
    assert findings("stage-order", HEAD + """\
stages: retail
steps:
  - {id: ad, name: Sees an ad, stage: awareness, next: [web, shop]}
  - {id: web, name: Visits the website, stage: visit, next: [pay]}
  - {id: shop, name: Walks into the shop, stage: visit}
  - {id: pay, name: Pays, stage: sale}
  - {id: back, name: Comes back, stage: return}
""") == []


def test_unreachable_steps_are_not_checked() -> None:
    assert findings("stage-order", HEAD + """\
steps:
  - {id: search, name: Searches, stage: evaluation, next: end}
  - {id: other, name: Other, stage: consideration}
""") == []


def test_a_new_round_after_the_purchase_may_go_back_without_a_loop() -> None:
    text = HEAD + """\
stages: six-phases
steps:
  - {id: discover, name: Hears about it, stage: discovery}
  - {id: buy, name: Subscribes, stage: conversion}
  - {id: renew, name: Renews, stage: loyalty, next: [rebuy]}
  - {id: rebuy, name: Buys a second plan, stage: conversion, next: end}
"""
    assert findings("stage-order", text) == []
    # From the purchase itself, a 'next' back is reported.
    assert [f.path for f in findings("stage-order", HEAD + """\
stages: six-phases
steps:
  - {id: discover, name: Hears about it, stage: discovery}
  - {id: buy, name: Subscribes, stage: conversion, next: [again]}
  - {id: again, name: Hears about it again, stage: discovery, next: end}
""")] == [("steps", 1, "next", 0)]


def test_after_the_purchase_the_list_order_alone_still_counts() -> None:
    found = findings("stage-order", HEAD + """\
stages: before-during-after
steps:
  - {name: Sees an ad, stage: before}
  - {name: Gets the thank-you card, stage: after}
  - {name: Pays, stage: during}
""")
    assert [f.path for f in found] == [("steps", 2, "stage")]
