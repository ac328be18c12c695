from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_each_touchpoint_without_owner() -> None:
    found = findings("touchpoint-without-owner", HEAD + """\
steps:
  - name: Asks friends
    touchpoints:
      - {name: Recommendation from a friend, kind: indirect, owner: Community team}
      - {name: Reviews on forums, kind: indirect}
  - name: Buys
    touchpoints: [Checkout]
""")
    # Reviews on forums is indirect: the brand owns none of it, so nobody is asked for.
    assert [(f.path, f.message) for f in found] == [
        (("steps", 1, "touchpoints", 0), "touchpoint 'Checkout' in step 'Buys' has no owner"),
    ]


def test_indirect_and_external_touchpoints_have_no_owner_to_name() -> None:
    assert findings("touchpoint-without-owner", HEAD + """\
steps:
  - name: Reads reviews
    touchpoints:
      - {name: Forum thread, kind: indirect}
      - {name: Marketplace listing, external: true}
      - {name: Review site, external: sí}
""") == []


def test_the_touchpoints_of_stages_count() -> None:
    found = findings("touchpoint-without-owner", HEAD + """\
stages:
  - id: before
    touchpoints: [Website, {name: Word of mouth, kind: indirect}]
  - id: during
    touchpoints: [{name: Checkout, owner: Web team}]
""")
    assert [(f.path, f.message) for f in found] == [
        (("stages", 0, "touchpoints", 0),
         "touchpoint 'Website' of stage 'Before the purchase' has no owner")]


def test_owned_touchpoints_pass() -> None:
    assert findings("touchpoint-without-owner", HEAD + """\
steps:
  - {name: Buys, touchpoints: [{name: Checkout, owner: E-commerce team}]}
""") == []
