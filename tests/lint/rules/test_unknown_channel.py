from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def _map(catalogue: str, *channels: str) -> str:
    touchpoints = "".join(f"      - {{name: Point {n}, channel: {c}}}\n"
                          for n, c in enumerate(channels))
    return HEAD + catalogue + "steps:\n  - name: Buys\n    touchpoints:\n" + touchpoints


def test_a_near_miss_gets_did_you_mean() -> None:
    found = findings("unknown-channel", _map("channels: [Website, Email]\n", "Email", "Webiste"))
    assert [(f.path, f.message, f.hint) for f in found] == [(
        ("steps", 0, "touchpoints", 1, "channel"),
        "channel 'Webiste' of touchpoint 'Point 1' in step 'Buys' is not in the map's channel "
        "catalogue",
        "did you mean 'Website'?")]


def test_a_channel_far_from_all_gets_the_catalogue() -> None:
    found = findings("unknown-channel", _map("channels: [Website, Email]\n", "Radio"))
    assert [f.hint for f in found] == [
        "use one of Website, Email, or add 'Radio' to 'channels:'"]


def test_case_does_not_matter() -> None:
    catalogue = "channels:\n  - name: Redes sociales\n  - WhatsApp\n"
    assert findings("unknown-channel", _map(catalogue, "redes sociales", "WHATSAPP")) == []


def test_no_catalogue_no_check() -> None:
    assert findings("unknown-channel", _map("", "Anything")) == []


def test_a_long_catalogue_is_cut_short_in_the_hint() -> None:
    catalogue = "channels: [" + ", ".join(f"Channel {n}" for n in range(12)) + "]\n"
    found = findings("unknown-channel", _map(catalogue, "Radio"))
    assert [f.hint for f in found] == [
        "use one of Channel 0, Channel 1, Channel 2, Channel 3, Channel 4, Channel 5, Channel 6, "
        "Channel 7… (12 in all), or add 'Radio' to 'channels:'"]


def test_the_touchpoints_of_stages_are_checked_too() -> None:
    found = findings("unknown-channel", "cjmap: 1\ntitle: T\nchannels: [Website]\nstages:\n"
                     "  - id: before\n    touchpoints: [{name: Ad, channel: Radio}]\n")
    assert [(f.path, f.message) for f in found] == [(
        ("stages", 0, "touchpoints", 0, "channel"),
        "channel 'Radio' of touchpoint 'Ad' of stage 'Before the purchase' is not in the map's "
        "channel catalogue")]
