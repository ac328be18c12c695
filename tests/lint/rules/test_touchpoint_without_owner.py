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
    assert [(f.path, f.message) for f in found] == [
        (("steps", 0, "touchpoints", 1),
         "touchpoint 'Reviews on forums' in step 'Asks friends' has no owner"),
        (("steps", 1, "touchpoints", 0), "touchpoint 'Checkout' in step 'Buys' has no owner"),
    ]


def test_owned_touchpoints_pass() -> None:
    assert findings("touchpoint-without-owner", HEAD + """\
steps:
  - {name: Buys, touchpoints: [{name: Checkout, owner: E-commerce team}]}
""") == []
