"""The vocabulary every stage speaks: JSON pointers and code frames, whose fast paths must give
what the general ones give."""

import pytest

from cjmap.diagnostics import FRAME_WIDTH, cells, frame, json_pointer


@pytest.mark.parametrize(("path", "pointer"), [
    ((), ""), (("steps",), "/steps"), (("steps", 2, "touchpoints", 0), "/steps/2/touchpoints/0"),
    (("a/b", 1), "/a~1b/1"), (("t~", "x"), "/t~0/x"), (("~/",), "/~0~1"), (("",), "/"),
    (("", ""), "//"), (("steps", ""), "/steps/"), (("x-a", "año"), "/x-a/año"),
])
def test_json_pointers_follow_rfc_6901(path: tuple[object, ...], pointer: str) -> None:
    assert json_pointer(path) == pointer


@pytest.mark.parametrize("line", [
    "a" * 60, "é" * 60, "界" * 60, "界" * 61, "a" * FRAME_WIDTH, "界" * (FRAME_WIDTH // 2 + 1),
    "na\u0303" * 50, "👍" * 70,
])
def test_a_line_is_cut_only_when_wider_than_the_frame(line: str) -> None:
    shown, offset = frame(line, 1)
    if cells(line) <= FRAME_WIDTH:
        assert (shown, offset) == (line, 0)
    else:
        assert shown.endswith("…") and cells(shown) <= FRAME_WIDTH + 1
