"""OpenJourney files become maps: lanes by their names, scores −5..+5 as emotions −2..+2,
blueprints as blueprint layers, and what a map has no place for kept or named."""

from pathlib import Path

import pytest

import cjmap
from cjmap.author.importers import ojf
from cjmap.author.importers.base import ImportOptions, SourceError
from cjmap.author.importers.build import emotion_of, map_text
from cjmap.format.model import Journey

SOURCES = Path(__file__).parent / "sources"


def _journey(name: str, columns: tuple[tuple[str, str], ...] = ()) -> tuple[Journey, list[str]]:
    item, = ojf.read((SOURCES / name).read_bytes(), name, ImportOptions("ojf", columns=columns))
    result = cjmap.load_text(map_text(item, name), "imported.yaml")
    assert result.journey is not None, [d.message for d in result.diagnostics]
    return result.journey, item.dropped


def test_lanes_become_what_each_step_holds() -> None:
    journey, dropped = _journey("coffee-maker.ojf", (("Gut feeling", "thoughts"),))
    assert journey.title == "Buying a high-end coffee maker for a new kitchen"
    assert journey.persona is not None and journey.persona.name.startswith("Jane Doe")
    assert [step.name for step in journey.steps] == [
        "Search for best coffee makers", "Compare specs and reviews",
        "Compare specs and reviews", "Delivery"]
    assert [step.id for step in journey.steps][1:3] == ["compare-specs-and-reviews",
                                                        "compare-specs-and-reviews-2"]
    first, _, second, delivery = journey.steps
    assert first.emotion is not None and (first.emotion.score, first.emotion.label) == \
        (2, "Excitement")
    assert first.thoughts == ["Feeling optimistic."]
    assert second.moment_of_truth and second.evidence == "assumed"  # score 9, clamped
    assert [(p.text, p.severity) for p in second.pain_points] == [
        ("Information overload — Too many models.", "medium")]
    assert [t.name for t in second.touchpoints] == ["Review site"]
    assert second.thoughts == ["This is too expensive"]
    assert delivery.evidence == "assumed" and delivery.pain_points[0].severity == "high"
    assert any("Backlog" in note for note in dropped)
    assert any("outside -5..+5" in note for note in dropped)


def test_a_blueprint_becomes_the_blueprint_layers() -> None:
    journey, _ = _journey("clinic.ojf")
    step = journey.steps[0]
    assert journey.description == "Annual check-up at a GP clinic"
    assert [(t.name, t.online) for t in step.touchpoints] == [("Waiting Room", False),
                                                              ("Check-in kiosk", True)]
    assert [(a.text, a.actor) for a in step.frontstage] == [("Confirms the appointment",
                                                             "Receptionist")]
    assert [(a.text, a.actor) for a in step.support] == [("Loads the patient record",
                                                          "EMR Database")]
    assert journey.steps[1].emotion is not None and journey.steps[1].emotion.score == -2


@pytest.mark.parametrize(("score", "emotion"), [(-5, -2), (-4, -2), (-3, -1), (-2, -1),
                                                (-1, 0), (0, 0), (1, 0), (2, 1), (3, 1),
                                                (4, 2), (5, 2)])
def test_scores_map_symmetrically(score: int, emotion: int) -> None:
    assert emotion_of(score, -5, 5) == (emotion, False)


@pytest.mark.parametrize(("name", "place", "words"), [
    ("unknown-stage.ojf", (5, 17), "names no stage"),
    ("broken.ojf", (4, 3), "not JSON"),
])
def test_errors_are_at_their_place(name: str, place: tuple[int, int], words: str) -> None:
    with pytest.raises(SourceError, match=words) as raised:
        ojf.read((SOURCES / name).read_bytes(), name, ImportOptions("ojf"))
    assert (raised.value.line, raised.value.column) == place


def test_positions_find_every_value() -> None:
    text = '{"a": [1, {"b": "x"}], "c": null}'
    found = ojf.positions(text)
    assert found[("a", 1, "b")] == text.index('"x"')
    assert found[("c",)] == text.index("null")
