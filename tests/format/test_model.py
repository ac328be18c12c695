"""The format's models: shorthands, defaults that depend on the rest of the map, presets."""

from datetime import date

import pytest

from cjmap import load_text
from cjmap.format.model import Journey, Metric, cadence_days, review_due, slugify


def journey(text: str) -> Journey:
    result = load_text(text, "journey.yaml")
    assert result.ok, [d.message for d in result.diagnostics]
    assert result.journey is not None
    return result.journey


MINIMAL = """\
cjmap: 1
title: Buying running shoes
steps:
  - Searches online
  - Asks friends who run
  - Buys the shoes
"""


def test_minimal_map_gets_the_default_stages_and_ids() -> None:
    j = journey(MINIMAL)
    assert j.id == "journey"
    assert j.stage_ids() == ["consideration", "evaluation", "purchase"]
    assert [s.name for s in j.stages] == ["Consideration", "Evaluation", "Purchase"]
    assert j.step_ids() == ["searches-online", "asks-friends-who-run", "buys-the-shoes"]
    assert [s.stage for s in j.steps] == ["consideration"] * 3


def test_steps_inherit_the_stage_of_the_step_before() -> None:
    j = journey(MINIMAL.replace("  - Asks friends who run",
                                "  - {name: Compares, stage: evaluation}\n  - Asks friends"))
    assert [s.stage for s in j.steps] == ["consideration", "evaluation", "evaluation",
                                          "evaluation"]


def test_filled_in_ids_and_stages_count_as_set_fields() -> None:
    """The model fills a step's id and stage in without pydantic's __setattr__; they must still
    be set as an assignment sets them: in the dump of set fields, and as fresh as the others."""
    j = journey(MINIMAL)
    step = j.steps[1]
    assert {"id", "stage"} <= step.model_fields_set
    assert step.model_dump(exclude_unset=True) == {
        "name": "Asks friends who run", "id": "asks-friends-who-run", "stage": "consideration"}
    assert step == step.model_copy(update={"id": "asks-friends-who-run"})


def test_spanish_map_gets_spanish_stage_names() -> None:
    j = journey(MINIMAL + "lang: es\nstages: six-phases\n")
    assert [s.name for s in j.stages] == ["Descubrimiento", "Interés", "Intención de compra",
                                          "Conversión", "Satisfacción", "Fidelización"]
    assert [s.phase for s in j.stages] == ["before"] * 3 + ["during"] + ["after"] * 2


def test_listed_stage_ids_are_filled_in_and_custom_ones_named() -> None:
    j = journey(MINIMAL + "stages: [awareness, {id: word-of-mouth}, return]\n")
    assert [s.name for s in j.stages] == ["Awareness", "Word of mouth", "Return"]
    assert j.stages[0].goal == "Customers get to know the brand and its products."
    assert j.stages[1].phase is None


def test_shorthands_expand() -> None:
    j = journey("""\
cjmap: 1
title: T
persona: Laura
start: Decides to run
timeframe: 3 semanas
steps:
  - name: Searches
    emotion: -1
    duration: 2,5 días
    touchpoints: [Blog]
    pain_points: [Too much information]
    opportunities: [A beginners' guide]
    metrics: [Visits]
    next: end
""")
    step = j.steps[0]
    assert j.persona is not None and j.persona.name == "Laura"
    assert j.start is not None and j.start.name == "Decides to run"
    assert j.timeframe is not None and (j.timeframe.amount, j.timeframe.unit) == (3, "weeks")
    assert step.emotion is not None and step.emotion.score == -1
    assert step.duration is not None and (step.duration.amount, step.duration.unit) == (2.5, "days")
    assert step.touchpoints[0].name == "Blog"
    assert step.pain_points[0].text == "Too much information"
    assert step.opportunities[0].text == "A beginners' guide"
    assert step.metrics[0].name == "Visits" and step.metrics[0].kind == "custom"
    assert step.next == ["end"]


def test_successors_default_to_the_next_step_and_the_end() -> None:
    j = journey(MINIMAL)
    assert [j.successors(i) for i in range(3)] == [
        ["asks-friends-who-run"], ["buys-the-shoes"], ["end"]]


def test_numbers_are_fine_as_text_and_extension_keys_are_ignored() -> None:
    j = journey("cjmap: 1\ntitle: 2024\nx-note: for our tools\nsteps:\n  - name: 42\n"
                "    x-anchor: &a {y: 1}\n")
    assert j.title == "2024" and j.steps[0].name == "42"


@pytest.mark.parametrize(("cadence", "days"), [
    ("90d", 90), ("6w", 42), ("3m", 90), ("1y", 365), ("quarterly", 91), ("Anual", 365),
    ("trimestral", 91), ("monthly", 30)])
def test_cadence(cadence: str, days: int) -> None:
    assert cadence_days(cadence) == days


@pytest.mark.parametrize("cadence", ["often", "0d", "90", "d"])
def test_bad_cadence(cadence: str) -> None:
    with pytest.raises(ValueError, match="is not a review cadence"):
        cadence_days(cadence)


@pytest.mark.parametrize(("cadence", "message"), [
    ("90", "'90' is not a review cadence"), ("5", "'5' is not a review cadence"),
    ("[90d]", "'cadence' must be text, not a list"),
    ("{every: 90d}", "'cadence' must be text, not a mapping"),
    ("true", "'cadence' must be text, not a boolean (true)")])
def test_a_cadence_of_the_wrong_kind_is_a_map_error(cadence: str, message: str) -> None:
    result = load_text(MINIMAL + f"review: {{cadence: {cadence}}}\n")
    [problem] = result.diagnostics
    assert problem.code == "schema" and problem.message.startswith(message), problem.message


def test_review_due_date() -> None:
    j = journey(MINIMAL + "review: {last_reviewed: 2026-01-01, cadence: 90d}\n")
    assert j.review is not None and j.review.due == date(2026, 4, 1)


@pytest.mark.parametrize(("better", "actual", "target", "misses"), [
    ("higher", 3, 4, True), ("higher", 4, 4, False), ("lower", 9, 5, True),
    ("lower", 5, 9, False)])
def test_metric_target(better: str, actual: float, target: float, misses: bool) -> None:
    metric = Metric(name="m", actual=actual, target=target, better=better)
    assert metric.misses_target() is misses


def test_metric_without_actual_misses_nothing() -> None:
    assert Metric(name="m", target=3).misses_target() is False


@pytest.mark.parametrize(("text", "slug"), [
    ("Pregunta a amigos que corran", "pregunta-a-amigos-que-corran"),
    ("¿Qué zapatillas compro?", "que-zapatillas-compro"),
    ("Ñandú & Co.", "nandu-co"), ("🏃", "")])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_a_step_whose_name_makes_no_slug_gets_a_numbered_id() -> None:
    j = journey("cjmap: 1\ntitle: T\nsteps: [🏃, 🛒]\n")
    assert j.step_ids() == ["step-1", "step-2"]


def test_id_defaults_to_the_file_name() -> None:
    result = load_text(MINIMAL, "maps/running-shoes.cjmap.yaml")
    assert result.journey is not None and result.journey.id == "running-shoes"


@pytest.mark.parametrize(("text", "expected"), [
    ("10 min", (10.0, "minutes")), ("15 minutos", (15.0, "minutes")),
    ("1,5 horas", (1.5, "hours")), ("6 meses", (6.0, "months")), ("2 weeks", (2.0, "weeks")),
])
def test_durations_in_english_and_spanish(text: str, expected: tuple[float, str]) -> None:
    step = journey(MINIMAL.replace("  - Buys the shoes", f"  - {{name: Buys, duration: '{text}'}}"))
    duration = step.steps[-1].duration
    assert duration is not None and (duration.amount, duration.unit) == expected


def test_a_bare_m_is_not_a_duration_unit_since_it_could_mean_minutes_or_months() -> None:
    result = load_text(MINIMAL.replace("  - Buys the shoes", "  - {name: Buys, duration: 3 m}"))
    assert not result.ok and "not a duration" in result.diagnostics[0].message


def test_a_stage_of_another_model_is_named_with_the_model_to_declare() -> None:
    step = "  - {name: Sees an ad, stage: loyalty}"
    result = load_text(MINIMAL.replace("  - Buys the shoes", step))
    [problem] = result.diagnostics
    assert problem.message == "stage 'loyalty' is not declared"
    assert problem.hint is not None and "'stages: six-phases'" in problem.hint


def test_review_due_at_the_end_of_the_calendar() -> None:
    assert review_due(date(9999, 12, 1), "30d") == date(9999, 12, 31)
    assert review_due(date(9999, 12, 1), "31d") is None
    assert review_due(date(1, 1, 1), "9999999d") is None


# (review, line, column, message): the cadence is where the next review falls off the calendar
REVIEWS_PAST_9999 = [
    ("{last_reviewed: 9999-12-01, cadence: quarterly}", 7, 46,
     "the next review, quarterly after 9999-12-01, would fall after the year 9999"),
    ("{last_reviewed: 2024-01-01, cadence: 3000000d}", 7, 46,
     "the next review, 3000000d after 2024-01-01, would fall after the year 9999"),
    ("{cadence: 99999999d}", 7, 19, "'99999999d' is longer than the calendar"),
    ("{cadence: " + "9" * 5000 + "d}", 7, 19, "this cadence is longer than the calendar"),
]


@pytest.mark.parametrize(("review", "line", "column", "message"), REVIEWS_PAST_9999)
def test_a_review_due_after_9999_is_a_map_error_at_the_cadence(
        review: str, line: int, column: int, message: str) -> None:
    result = load_text(MINIMAL + f"review: {review}\n")
    [problem] = result.diagnostics
    assert (problem.code, problem.line, problem.column) == ("schema", line, column)
    assert problem.message.startswith(message), problem.message
    assert problem.hint == "write a shorter cadence, such as 90d or yearly, and check " \
        "'last_reviewed'"


def _metric(text: str) -> Metric:
    return journey("cjmap: 1\ntitle: T\nsteps:\n  - name: Buys\n    metrics:\n"
                   f"      - {text}\n").steps[0].metrics[0]


def test_readings_and_latest_merge_history_and_actual_by_date() -> None:
    metric = _metric("{name: Checkout, actual: 71, as_of: 2026-08-01, history: "
                     "[{as_of: 2026-09-01, actual: 74}, {as_of: 2026-06-01, actual: 66}, "
                     "{as_of: 2026-08-01, actual: 70}]}")
    # Oldest first; on a day both give, 'actual' wins; a later history entry is the latest.
    assert [(r.as_of, r.actual) for r in metric.readings()] == [
        (date(2026, 6, 1), 66), (date(2026, 8, 1), 71), (date(2026, 9, 1), 74)]
    assert metric.latest == (date(2026, 9, 1), 74)
    undated = _metric("{name: Checkout, actual: 60, history: [{as_of: 2026-09-01, actual: 74}]}")
    assert undated.latest == (None, 60) and len(undated.readings()) == 2
    assert _metric("{name: Checkout, target: 3}").latest is None
    assert _metric("Tasa de conversión").ref == "tasa-de-conversion"
    assert _metric("{id: conv, name: Tasa de conversión}").ref == "conv"
