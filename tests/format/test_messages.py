"""Validation messages that give the fix in one step: each met in practice (issue 9), each
asserted with its hint, through the real loader."""

import pytest

from cjmap import __version__, load_text


def problems(text: str) -> list[tuple[int, int, str, str | None]]:
    result = load_text(text, "map.yaml")
    return [(d.line, d.column, d.message, d.hint) for d in result.diagnostics]


def step(body: str) -> str:
    return "cjmap: 1\ntitle: T\nsteps:\n  - name: Pays\n" + body


def test_a_percentage_as_actual_is_a_number_and_a_unit() -> None:
    assert problems(step("    metrics:\n      - {name: Conversion, actual: 38%}\n")) == [
        (6, 36, "'actual' must be a number, not the text '38%'",
         "write 'actual: 38' with 'unit: \"%\"'")]


@pytest.mark.parametrize(("written", "hint"), [
    ("4,5", "write 'target: 4.5'"),
    ("'4.2/5'", "write 'target: 4.2' with 'unit: \"/5\"'"),
    ("120 €", "write 'target: 120' with 'unit: \"€\"'"),
])
def test_a_target_with_its_unit_or_a_decimal_comma(written: str, hint: str) -> None:
    text = step(f"    metrics:\n      - name: NPS\n        target: {written}\n")
    [(_, _, _, found)] = problems(text)
    assert found == hint


def test_infinity_and_not_a_number_are_no_figures() -> None:
    """YAML reads .inf and .nan as floats; a map holding one used to crash every render (a
    fuzzed map found it) and gave diff's JSON an 'Infinity' no JSON reader takes."""
    text = step("    emotion: .nan\n    duration: {amount: .inf, unit: days}\n"
                "    metrics:\n      - {name: NPS, actual: 3, target: -.Inf}\n")
    hint = ("YAML reads .inf and .nan as infinity and not-a-number, which measure nothing: "
            "write the figure itself")
    assert problems(text) == [
        (5, 14, "'emotion' must be a finite number, not .nan", hint),
        (6, 24, "'amount' must be a finite number, not .inf", hint),
        (8, 40, "'target' must be a finite number, not -.inf", hint)]


def test_a_quality_given_as_one_number_lists_the_six_qualities() -> None:
    assert problems(step("    touchpoints:\n      - {name: Checkout, quality: 3}\n")) == [
        (6, 35, "'quality' scores the six qualities of a touchpoint one by one, so it cannot "
         "be a number (3)",
         "write each score from 1 to 5, e.g. 'quality: {simple: 3, appropriate: 3, "
         "relevant: 3, meaningful: 3, engaging: 3, personal: 3}'")]


def test_a_half_score_says_the_whole_numbers_around_it() -> None:
    assert problems(step("    touchpoints:\n      - name: Checkout\n"
                         "        quality: {appropriate: 4.5}\n")) == [
        (7, 32, "'appropriate' must be a whole number from 1 to 5, not 4.5", "write 4 or 5")]


def test_a_half_emotion_is_a_score_not_a_mapping() -> None:
    assert problems(step("    emotion: -1.5\n")) == [
        (5, 14, "'emotion' must be a whole number from -2 to 2, not -1.5", "write -1 or -2")]


def test_a_misspelt_cadence_is_named() -> None:
    assert problems(step("review: {cadence: annualy}\n")) == [
        (5, 19, "'annualy' is not a review cadence", "did you mean 'annually'?")]


def test_a_cadence_far_from_any_word_lists_them() -> None:
    [(_, _, message, hint)] = problems(step("review: {cadence: often}\n"))
    assert message == "'often' is not a review cadence"
    assert hint is not None and hint.startswith("write a period such as 90d, 6w, 3m or 1y, "
                                                "or one of annual, annually, anual")


def test_a_misspelt_duration_unit_is_named() -> None:
    [(_, _, _, hint)] = problems(step("    duration: 3 wekes\n"))
    assert hint == "did you mean 'weeks'?"


def test_a_later_format_names_this_release_and_what_is_needed() -> None:
    assert problems("cjmap: 2\ntitle: T\nsteps: [A]\n") == [
        (1, 8, f"the map is written in format 2, and this release of cjmap ({__version__}) "
         "reads format 1",
         f"upgrade to a cjmap release that reads format 2 (newer than {__version__}): "
         "'pip install --upgrade cjmap'")]


@pytest.mark.parametrize("written", ["1.1", "'1.1'"])
def test_format_1_1_keeps_the_marker_of_format_1(written: str) -> None:
    [(line, _, message, hint)] = problems(f"cjmap: {written}\ntitle: T\nsteps: [A]\n")
    assert (line, hint) == (1, "write 'cjmap: 1'; format 1.1 adds only optional keys, so it "
                               "keeps the marker of format 1")
    assert message.startswith("the format version is written as a whole number: 'cjmap: 1'")


def test_a_version_that_is_no_number() -> None:
    assert problems("cjmap: yes\ntitle: T\nsteps: [A]\n") == [
        (1, 8, "'cjmap' is the format version and cannot be the text 'yes'",
         "write 'cjmap: 1'")]


def test_a_touchpoint_under_metrics_is_one_message() -> None:
    text = step("    metrics:\n      - name: Checkout page\n        channel: web\n"
                "        owner: Web team\n        quality: {simple: 2}\n")
    assert problems(text) == [
        (6, 9, "this item of 'metrics' looks like a touchpoint, not a metric: 'channel', "
         "'owner' and 'quality' are keys of a touchpoint",
         "move it under 'touchpoints:' of this step")]


def test_one_unknown_key_stays_an_unknown_key() -> None:
    [(_, _, message, _)] = problems(step("    metrics:\n      - {name: NPS, description: x}\n"))
    assert message == "unknown key 'description' in this metric"


def test_a_lone_touchpoint_name_is_a_list_of_one() -> None:
    result = load_text(step("    touchpoints: Checkout lines\n"), "map.yaml")
    assert result.ok and result.journey is not None
    assert [t.name for t in result.journey.steps[0].touchpoints] == ["Checkout lines"]


def test_reference_errors_come_with_schema_errors() -> None:
    codes = [d.code for d in load_text(step("    stage: nowhere\n    emotion: 9\n"),
                                       "map.yaml").diagnostics]
    assert sorted(codes) == ["reference", "schema"]
