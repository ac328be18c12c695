"""Format 1.1: what practitioners had to work around, now said in the map itself.

Every addition is optional: the maps of format 1 (all examples and test maps) load as before,
and each new construct is checked here on the effective map and on its messages.
"""

from pathlib import Path

import pytest

from cjmap import load, load_text
from cjmap.format.model import Journey
from tests.conftest import ROOT

VALID = ROOT / "tests" / "maps" / "valid"


def journey(text: str, name: str = "journey.yaml") -> Journey:
    result = load_text(text, name)
    assert result.ok, [(d.span.line, d.message) for d in result.diagnostics]
    assert result.journey is not None
    return result.journey


def problems(text: str, name: str = "journey.yaml") -> list[tuple[int, str, str | None]]:
    result = load_text(text, name)
    return [(d.span.line, d.message, d.hint) for d in result.diagnostics]


def test_the_format_1_1_maps_load_with_every_new_construct() -> None:
    result = load(VALID / "online-course.yaml")
    assert result.ok, [d.message for d in result.diagnostics]
    j = result.journey
    assert j is not None
    # A persona from a shared file, with the map's id beside its ref; a second one inline.
    assert [p.id for p in j.all_personas()] == ["laura", "marco"]
    assert j.persona is not None and j.persona.name == "Laura, the new runner"
    assert j.persona.segment == "Beginner runners"
    assert j.all_personas()[1].roles() == ["influencer", "user"]
    assert [(p.id, p.role) for p in j.participants] == [("boss", "approver")]
    first, second, third, *_, last = j.steps
    # Per-persona emotions; the main persona's is the step's emotion.
    assert {k: e.score for k, e in first.feelings().items()} == {"laura": 1, "marco": 0}
    assert first.emotion is not None and first.emotion.score == 1
    assert second.duration is not None
    assert (second.duration.low, second.duration.high, second.duration.unit) == (1, 2, "weeks")
    assert j.timeframe is not None and j.timeframe.is_range
    assert third.participants == ["laura", "boss"]
    assert third.moment_of_truth is True  # 'yes'
    assert [a.actor for a in third.frontstage] == ["Sales"]
    assert [a.text for a in third.backstage] == ["Checks the company's training budget"]
    metric = third.metrics[0]
    assert metric.id == "approval-days" and metric.as_of is not None
    assert [(m.as_of.isoformat(), m.actual) for m in metric.history] == [("2026-07-15", 18)]
    assert third.opportunities[0].addresses == ["slow-approval", "approval-days"]
    # 'next' names a stage (its first step), with a label.
    index = len(j.steps) - 1
    assert last.next == ["intent", "end"]
    assert j.transitions(index) == [("asks-her-manager-to-pay", "for the advanced course"),
                                    ("end", None)]
    assert second.touchpoints[0].external is True
    assert j.is_online(first.touchpoints[0]) is False  # from the channel catalogue


def test_a_map_of_stages_and_their_touchpoints_is_an_audit() -> None:
    result = load(VALID / "audit.yaml")
    assert result.ok, [d.message for d in result.diagnostics]
    j = result.journey
    assert j is not None and j.is_audit() and j.steps == []
    where = [(path, touchpoint.name, stage) for path, touchpoint, stage in j.touchpoints()]
    assert where[0] == (("stages", 0, "touchpoints", 0), "Website", "before")
    # A lone text where a list is expected is a list of one.
    assert where[-1] == (("stages", 2, "touchpoints", 0), "Follow-up email", "after")
    assert len(where) == 5


def test_a_map_with_neither_steps_nor_stage_touchpoints_still_needs_steps() -> None:
    found = problems("cjmap: 1\ntitle: Nothing yet\n")
    assert found == [(1, "the map is missing the required key 'steps'",
                      "list the steps; a touchpoint audit may give its 'stages' their "
                      "'touchpoints' instead")]


@pytest.mark.parametrize(("written", "low", "high", "unit"), [
    ("3–8 weeks", 3, 8, "weeks"),
    ("3-8 weeks", 3, 8, "weeks"),
    ("3 to 8 weeks", 3, 8, "weeks"),
    ("between 3 and 8 weeks", 3, 8, "weeks"),
    ("de 3 a 8 semanas", 3, 8, "weeks"),
    ("entre 2,5 y 4 horas", 2.5, 4, "hours"),
    ("{min: 3, max: 8, unit: weeks}", 3, 8, "weeks"),
    ("10 min", 10, 10, "minutes"),
])
def test_durations_may_be_ranges(written: str, low: float, high: float, unit: str) -> None:
    j = journey(f"cjmap: 1\ntitle: t\ntimeframe: {written}\nsteps: [a]\n")
    assert j.timeframe is not None
    assert (j.timeframe.low, j.timeframe.high, j.timeframe.unit) == (low, high, unit)
    assert j.timeframe.is_range == (low != high)


@pytest.mark.parametrize(("written", "message"), [
    ("{min: 8, max: 3, unit: weeks}", "the range's 'min' (8) must be less than its 'max' (3)"),
    ("{min: 3, unit: weeks}", "a duration needs an 'amount', or both 'min' and 'max'"),
    ("{amount: 2, min: 1, max: 3, unit: days}", "a duration has an 'amount', or a 'min' and"),
])
def test_a_broken_range_says_what_is_wrong(written: str, message: str) -> None:
    found = problems(f"cjmap: 1\ntitle: t\ntimeframe: {written}\nsteps: [a]\n")
    assert len(found) == 1 and found[0][0] == 3 and found[0][1].startswith(message), found


@pytest.mark.parametrize(("lang", "stage", "meant"), [
    ("es", "consideración", "consideration"),
    ("es", "Evaluación", "evaluation"),
    ("es", "compra", "purchase"),
    ("en", "Consideration", "consideration"),
])
def test_preset_stages_may_be_written_by_their_names(lang: str, stage: str, meant: str) -> None:
    j = journey(f"cjmap: 1\ntitle: t\nlang: {lang}\nsteps:\n  - {{name: a, stage: {stage}}}\n")
    assert j.steps[0].stage == meant


def test_a_stage_written_by_its_shown_name_means_its_id() -> None:
    j = journey("cjmap: 1\ntitle: t\nstages: six-phases\nsteps:\n"
                "  - {name: a, stage: purchase intent}\n  - {name: b, stage: Discovery}\n")
    assert [s.stage for s in j.steps] == ["intent", "discovery"]
    es = journey("cjmap: 1\ntitle: t\nlang: es\nstages: six-phases\nsteps:\n"
                 "  - {name: a, stage: intención de compra}\n"
                 "  - {name: b, stage: fidelización, next: [{to: Intención de compra}]}\n")
    assert [s.stage for s in es.steps] == ["intent", "loyalty"]
    assert es.steps[1].next == ["intent"]


def test_declared_custom_stage_ids_keep_their_meaning() -> None:
    # 'compra' is the Spanish name of 'purchase', but a map that declares it keeps its own stage.
    j = journey("cjmap: 1\ntitle: t\nlang: es\nstages: [busqueda, compra]\nsteps:\n"
                "  - {name: a, stage: busqueda}\n  - {name: b, stage: compra}\n")
    assert j.stage_ids() == ["busqueda", "compra"]
    assert j.stages[1].phase is None


@pytest.mark.parametrize("written", ["true", "yes", "on", "1", "sí", "si", "True"])
def test_booleans_take_the_spellings_people_write(written: str) -> None:
    j = journey(f"cjmap: 1\ntitle: t\nsteps:\n  - {{name: a, moment_of_truth: {written}}}\n")
    assert j.steps[0].moment_of_truth is True


@pytest.mark.parametrize("written", ["false", "no", "off", "0"])
def test_false_booleans(written: str) -> None:
    j = journey(f"cjmap: 1\ntitle: t\nsteps:\n  - {{name: a, moment_of_truth: {written}}}\n")
    assert j.steps[0].moment_of_truth is False


def test_a_boolean_that_is_no_boolean_is_refused() -> None:
    found = problems("cjmap: 1\ntitle: t\nsteps:\n  - {name: a, moment_of_truth: maybe}\n")
    assert [line for line, *_ in found] == [4]
    assert "'moment_of_truth' must be true or false" in found[0][1]


def test_next_names_a_stage_and_a_stage_without_steps_is_an_error() -> None:
    text = ("cjmap: 1\ntitle: t\nstages: six-phases\nsteps:\n"
            "  - {name: a, stage: discovery, next: [loyalty, interest]}\n"
            "  - {name: b, stage: loyalty}\n")
    found = problems(text)
    assert found == [(5, "'next' names stage 'interest', which has no steps",
                      "name one of its steps once it has some, or a step id")]


def test_a_step_id_wins_over_a_stage_id_in_next() -> None:
    j = journey("cjmap: 1\ntitle: t\nsteps:\n  - {name: a, next: purchase}\n"
                "  - {name: purchase, stage: evaluation}\n  - {name: c, stage: purchase}\n")
    assert j.successors(0) == ["purchase"]


def test_a_labelled_next_entry_needs_to() -> None:
    found = problems("cjmap: 1\ntitle: t\nsteps:\n  - {name: a, next: [{label: why}]}\n")
    assert len(found) == 1 and found[0][0] == 4
    assert "mapping with 'to' and an optional 'label'" in found[0][1]


def test_addresses_names_pain_points_and_metrics_and_clashing_ids_are_errors() -> None:
    text = """\
cjmap: 1
title: t
steps:
  - name: a
    pain_points: [{id: slow, text: Slow}]
    metrics: [{id: slow, name: Minutes}, {id: nps, name: NPS}]
    opportunities: [{text: Faster, addresses: [nps, nope]}]
"""
    found = problems(text)
    assert (6, "the id 'slow' names a pain point and a metric",
            "give the metric another id, so that 'addresses' means one of them") in found
    assert any(line == 7 and message.startswith("'addresses' names 'nope'")
               for line, message, _ in found)
    assert len(found) == 2


def test_per_persona_emotions_name_personas_and_are_placed() -> None:
    text = """\
cjmap: 1
title: t
personas: [{name: Ana}, {name: Bo}]
steps:
  - name: a
    emotion: {ana: 7, bo: -1, cy: 1}
"""
    assert problems(text) == [
        (6, "'ana' must be at most 2, not 7", None),
        (6, "the emotion names 'cy', which is no persona id", "persona ids: ana, bo"),
    ]


def test_persona_and_personas_together_are_refused() -> None:
    found = problems("cjmap: 1\ntitle: t\npersona: Ana\npersonas: [Bo]\nsteps: [a]\n")
    assert [message for _, message, _ in found] == [
        "write the map's persona under 'persona' or under 'personas', not both"]


def test_participants_of_a_step_must_be_declared() -> None:
    found = problems("cjmap: 1\ntitle: t\npersona: Ana\nparticipants: [{name: Boss}]\n"
                     "steps:\n  - {name: a, participants: [ana, bos]}\n")
    assert found == [(6, "'participants' names 'bos', which is no persona or participant id",
                      "did you mean 'boss'?")]


def test_a_persona_file_that_cannot_be_read_is_placed_at_its_ref(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "list.yaml").write_text("- not a mapping\n", encoding="utf-8")
    text = ("cjmap: 1\ntitle: t\npersonas:\n  - {ref: personas/nobody.yaml}\n"
            "  - {ref: personas/list.yaml}\nsteps: [a]\n")
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    result = load(path)
    found = [(d.span.line, d.message.split(":")[0]) for d in result.diagnostics]
    assert found == [(4, "cannot read the persona file 'personas/nobody.yaml'"),
                     (5, "the persona file 'personas/list.yaml' must be a mapping of the "
                         "persona's keys")]


def test_keys_beside_a_ref_override_the_persona_file(tmp_path: Path) -> None:
    (tmp_path / "laura.yaml").write_text("name: Laura\nsegment: Runners\n", encoding="utf-8")
    path = tmp_path / "map.yaml"
    path.write_text("cjmap: 1\ntitle: t\npersona: {ref: laura.yaml, segment: Walkers}\n"
                    "steps: [a]\n", encoding="utf-8")
    result = load(path)
    assert result.journey is not None and result.journey.persona is not None
    assert (result.journey.persona.name, result.journey.persona.segment) == ("Laura", "Walkers")


def test_reference_problems_come_in_the_same_run_as_schema_problems() -> None:
    text = """\
cjmap: 1
title: t
steps:
  - {name: a, emotion: 9}
  - {name: b, stage: evalutaion, next: [zz]}
"""
    found = problems(text)
    assert [line for line, *_ in found] == [4, 5, 5]
    assert found[1][1] == "stage 'evalutaion' is not declared"
    assert found[2][1] == "'next' names 'zz', which is no step or stage id"


@pytest.mark.parametrize("field", ["touchpoints", "pain_points", "actions", "metrics"])
def test_a_lone_item_where_a_list_is_expected_is_a_list_of_one(field: str) -> None:
    j = journey(f"cjmap: 1\ntitle: t\nsteps:\n  - name: a\n    {field}: Checkout lines\n")
    items = getattr(j.steps[0], field)
    assert len(items) == 1


def test_a_lone_number_where_a_list_of_text_is_expected_is_its_text() -> None:
    j = journey("cjmap: 1\ntitle: t\nsteps:\n  - {name: a, actions: 12}\n")
    assert j.steps[0].actions == ["12"]


def test_every_example_and_test_map_of_format_1_still_loads() -> None:
    maps = [*sorted((ROOT / "examples").glob("*.yaml")),
            *sorted((ROOT / "tests" / "maps" / "valid").glob("*.yaml"))]
    assert len(maps) >= 7
    for path in maps:
        result = load(path)
        assert result.ok, (path.name, [d.message for d in result.diagnostics])
