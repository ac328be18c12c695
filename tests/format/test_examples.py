"""The shipped examples: each shows what the issue promises, and the Spanish running-shoes map is
the English one in translation, with the same ids, stages, emotions and figures."""

from pathlib import Path
from typing import Any

import pytest

import cjmap
from cjmap.format.model import Journey
from tests.conftest import EXAMPLES, example_maps


def _journey(name: str) -> Journey:
    result = cjmap.load(EXAMPLES / name)
    assert result.ok, [d.message for d in result.diagnostics]
    assert result.journey is not None
    return result.journey


def _raw(name: str) -> dict[str, Any]:
    result = cjmap.load(EXAMPLES / name)
    assert result.document is not None and isinstance(result.document.data, dict)
    return result.document.data


def _skeleton(journey: Journey) -> list[dict[str, Any]]:
    """Everything of each step that does not depend on the language it is written in."""
    return [
        {
            "id": step.id,
            "stage": step.stage,
            "emotion": step.emotion.score if step.emotion else None,
            "moment_of_truth": step.moment_of_truth,
            "evidence": step.evidence,
            "next": step.next,
            "touchpoints": [(t.kind, t.quality) for t in step.touchpoints],
            "pain_points": [(p.id, p.severity) for p in step.pain_points],
            "opportunities": [(o.id, o.priority, o.lever, o.addresses)
                              for o in step.opportunities],
            "metrics": [(m.kind, m.actual, m.target, m.better) for m in step.metrics],
            "counts": [len(step.actions), len(step.needs), len(step.thoughts)],
        }
        for step in journey.steps
    ]


def test_spanish_running_shoes_is_the_english_map_translated() -> None:
    english, spanish = _journey("running-shoes.yaml"), _journey("zapatillas-de-correr.yaml")
    assert (english.lang, spanish.lang) == ("en", "es")
    assert _skeleton(spanish) == _skeleton(english)
    assert spanish.stage_ids() == english.stage_ids()
    assert [s.name for s in spanish.stages] == ["Consideración", "Evaluación", "Compra"]
    assert spanish.timeframe == english.timeframe
    assert len(spanish.channels) == len(english.channels)
    # Translated, not copied: no step keeps its English name.
    assert not {s.name for s in spanish.steps} & {s.name for s in english.steps}


def test_running_shoes_follows_the_worked_example() -> None:
    journey = _journey("running-shoes.yaml")
    assert journey.start is not None and journey.end is not None
    assert "start running" in journey.start.name
    assert [s.stage for s in journey.steps].count("consideration") == 3
    assert [s.stage for s in journey.steps].count("evaluation") == 3
    assert [s.stage for s in journey.steps].count("purchase") == 2
    assert {o.id for s in journey.steps for o in s.opportunities} >= {
        "new-runner-blog", "affiliate-plan", "shop-agreements"}


def test_six_phase_example_has_surveys_and_a_loyalty_loop() -> None:
    name = "meal-kit-subscription.yaml"
    journey = _journey(name)
    assert _raw(name)["stages"] == "six-phases"
    assert {s.stage for s in journey.steps} == set(journey.stage_ids())
    kinds = {m.kind for s in journey.steps for m in s.metrics}
    assert {"csat", "nps"} <= kinds
    assert {o.lever for s in journey.steps for o in s.opportunities} == {
        "automation", "personalization", "contextual"}
    # The loop: a loyalty step leads back to an earlier step.
    ids = journey.step_ids()
    back = [(step.id, target) for index, step in enumerate(journey.steps)
            for target in journey.successors(index)
            if target in ids and ids.index(target) <= index]
    assert back and all(journey.steps[ids.index(s)].stage == "loyalty" for s, _ in back)
    assert journey.persona is not None and journey.persona.participation == "buyer"
    assert journey.timeframe is not None


def test_retail_example_maps_touchpoints_before_during_after() -> None:
    name = "retail-touchpoints.yaml"
    journey = _journey(name)
    assert _raw(name)["stages"] == "before-during-after"
    touchpoints = [t for s in journey.steps for t in s.touchpoints]
    assert {t.kind for t in touchpoints} == {"direct", "indirect"}
    scored = [t.quality.scores() for t in touchpoints if t.quality is not None]
    assert scored and all(len(scores) == 6 for scores in scored)
    catalogue = {c.name for c in journey.channels}
    assert {t.channel for t in touchpoints} <= catalogue
    assert journey.review is not None and journey.review.owner and journey.review.due


def test_minimal_example_is_about_ten_lines() -> None:
    lines = [line for line in (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert len(lines) <= 10
    journey = _journey("minimal.yaml")
    assert "stages" not in _raw("minimal.yaml")
    assert journey.stage_ids() == ["consideration", "evaluation", "purchase"]


def test_examples_show_different_stage_models() -> None:
    models = {path.name: _raw(path.name).get("stages", "(default)") for path in example_maps()}
    assert models == {
        "meal-kit-subscription.yaml": "six-phases",
        "minimal.yaml": "(default)",
        "retail-touchpoints.yaml": "before-during-after",
        "running-shoes.yaml": "(default)",
        "zapatillas-de-correr.yaml": "(default)",
    }


@pytest.mark.parametrize("path", example_maps(), ids=lambda p: p.name)
def test_both_parsers_give_the_same_effective_map(path: Path) -> None:
    # test_yaml_differential compares the parsed data; this compares what validation makes of it.
    fast, ruamel = cjmap.load(path), cjmap.load(path, backend="ruamel")
    assert fast.ok and ruamel.ok
    assert fast.journey is not None and ruamel.journey is not None
    assert fast.journey.model_dump() == ruamel.journey.model_dump()


@pytest.mark.parametrize("path", [p for p in example_maps() if p.name != "minimal.yaml"],
                         ids=lambda p: p.name)
def test_complete_examples_fill_in_what_the_method_asks(path: Path) -> None:
    journey = _journey(path.name)
    assert journey.persona and journey.objectives and journey.start and journey.end
    assert journey.review is not None and journey.review.owner
    assert journey.channels
    for step in journey.steps:
        assert step.actions and step.touchpoints, step.id
        assert all(t.channel and t.owner and t.kind for t in step.touchpoints), step.id
