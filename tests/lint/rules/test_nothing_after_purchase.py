from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_stops_at_the_purchase_with_stages_after_it() -> None:
    found = findings("nothing-after-purchase", HEAD + """\
stages: retail
steps:
  - {name: Sees the shop window, stage: awareness}
  - {name: Pays at the till, stage: sale}
  - Takes the receipt
""")
    # The last step inherits the sale stage: the journey still stops at the purchase.
    assert [(f.path, f.message) for f in found] == [(
        ("steps", 2, "name"),
        "the journey stops at the purchase: no step after 'Takes the receipt' is in 'Return'")]


def test_lists_every_stage_after_the_purchase_in_the_maps_language() -> None:
    found = findings("nothing-after-purchase", HEAD + """\
lang: es
stages: six-phases
steps:
  - {name: Ve un anuncio, stage: discovery}
  - {name: Se suscribe, stage: conversion}
""")
    assert [f.message for f in found] == [
        "the journey stops at the purchase: no step after 'Se suscribe' is in "
        "'Satisfacción' or 'Fidelización'"]


def test_silent_when_a_step_follows_the_purchase() -> None:
    assert findings("nothing-after-purchase", HEAD + """\
stages: before-during-after
steps:
  - {name: Sees an ad, stage: before}
  - {name: Pays, stage: during}
  - {name: Receives the parcel, stage: after}
""") == []


def test_silent_when_the_stage_model_ends_at_the_purchase() -> None:
    assert findings("nothing-after-purchase", HEAD + """\
steps:
  - {name: Searches, stage: consideration}
  - {name: Buys, stage: purchase}
""") == []


def test_silent_without_a_purchase_which_is_another_rules_finding() -> None:
    assert findings("nothing-after-purchase", HEAD + """\
stages: six-phases
steps:
  - {name: Sees an ad, stage: discovery}
""") == []
