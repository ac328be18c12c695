from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"
STEPS = """\
steps:
  - name: Compra las zapatillas
    touchpoints:
      - Caja
      - {name: Email de confirmación, channel: Email}
"""


def test_each_touchpoint_without_channel() -> None:
    found = findings("touchpoint-without-channel", HEAD + STEPS)
    assert [(f.path, f.message, f.hint) for f in found] == [(
        ("steps", 0, "touchpoints", 0),
        "touchpoint 'Caja' in step 'Compra las zapatillas' has no channel",
        "add 'channel:' (website, shop, email…)")]


def test_the_hint_offers_the_channel_catalogue() -> None:
    found = findings("touchpoint-without-channel", HEAD + "channels: [Web, Tienda]\n" + STEPS)
    assert [f.hint for f in found] == ["add 'channel:', one of Web, Tienda"]


def test_touchpoints_with_channels_pass() -> None:
    assert findings("touchpoint-without-channel", HEAD + """\
steps:
  - {name: Buys, touchpoints: [{name: Checkout, channel: Website}]}
  - Takes them home
""") == []
