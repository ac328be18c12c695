"""Validation messages about numbers too long to write out in full."""

import pytest

from cjmap import load_text

HEAD = "cjmap: 1\ntitle: Counts\nsteps:\n  - name: Buys\n"
LONG = "9" * 640  # the longest whole number a map may hold


@pytest.mark.parametrize(("step", "message"), [
    (f"    emotion: {LONG}\n", "'emotion' must be at most 2, not a number of 640 digits"),
    (f"    emotion: -{LONG}\n", "'emotion' must be at least -2, not a number of 640 digits"),
    ("    emotion: 123456789012345678901234567890\n",
     "'emotion' must be at most 2, not 123456789012345678901234567890"),
    (f"    metrics: [{{name: Visits, actual: {LONG}}}]\n",
     "'actual' must be at most 1.8e+308, not a number of 640 digits"),
    (f"    metrics: [{{name: Visits, target: -{LONG}}}]\n",
     "'target' must be at least -1.8e+308, not a number of 640 digits"),
])
def test_a_long_number_is_told_by_its_length(step: str, message: str) -> None:
    [problem] = load_text(HEAD + step).diagnostics
    assert problem.code == "schema" and problem.message == message


def test_a_long_number_is_fine_as_text() -> None:
    result = load_text(f"cjmap: 1\ntitle: {LONG}\nsteps: [{{name: {LONG}}}]\n")
    assert result.ok and result.journey is not None
    assert result.journey.title == LONG and result.journey.steps[0].name == LONG
