"""The Mermaid renderer, checked by Mermaid's own parser (the ``mermaid`` npm package under Node
with jsdom, see tests/mermaid/): what it reads back — title, sections, task names, scores,
actors — must be the map, not only something that parses."""

import json
from pathlib import Path
from typing import Any

import pytest

import cjmap
from cjmap.format.model import Journey
from cjmap.render import RenderOptions
from cjmap.render.mermaid import WORD_JOINER, render
from tests.conftest import ROOT, example_maps, parse_mermaid, require_mermaid

pytestmark = pytest.mark.node
RENDER_MAPS = ROOT / "tests" / "maps" / "render"
# The full-width stand-ins the renderer uses, mapped back to what the map says.
ORIGINAL = str.maketrans({"：": ":", "；": ";", "＃": "#", "，": ",", "＆": "&", "＜": "<",
                          "＞": ">", WORD_JOINER: None})
KEYWORD_NAMES = ["Title search", "Section 8 form", "Journey planner", "accTitle x",
                 "accDescr {x}", "%50 off", "%% not a comment", "a%%b", "Tasks: 3: Bob, Eve",
                 "# not a comment", "title:", "section"]


def journey_of(path: Path) -> Journey:
    result = cjmap.load(path)
    assert result.journey is not None, result.diagnostics
    return result.journey


def keyword_journey() -> Journey:
    steps = "".join(f"  - {json.dumps({'id': f'k{i}', 'name': name, 'emotion': -1})}\n"
                    for i, name in enumerate(KEYWORD_NAMES))
    result = cjmap.load_text(f"cjmap: 1\ntitle: Keywords\nsteps:\n{steps}", "keywords.yaml")
    assert result.journey is not None, result.diagnostics
    return result.journey


JOURNEYS: dict[str, Journey] = {
    **{path.name: journey_of(path) for path in
       [*example_maps(), *sorted(RENDER_MAPS.glob("*.yaml"))]},
    "keywords": keyword_journey(),
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    """What Mermaid read from the diagram of every journey (one Node process for all)."""
    require_mermaid()
    texts = [render(j, RenderOptions()).decode("utf-8") for j in JOURNEYS.values()]
    return dict(zip(JOURNEYS, parse_mermaid(texts), strict=True))


def original(text: str) -> str:
    return text.translate(ORIGINAL)


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_mermaid_reads_the_map(parsed, name):
    journey, read = JOURNEYS[name], parsed[name]
    assert "error" not in read, read
    assert read["type"] == "journey"
    assert original(read["title"]) == one_line(journey.title)
    stage_names = {stage.id: stage.name for stage in journey.stages}
    expected_tasks = [
        {"section": one_line(stage_names[step.stage or ""]),
         "task": one_line(step.name),
         "score": step.emotion.score + 3 if step.emotion else 3,
         "people": [one_line(journey.persona.name)] if journey.persona else []}
        for step in journey.steps
    ]
    read_tasks = [{**task, "section": original(task["section"]), "task": original(task["task"]),
                   "people": [original(p) for p in task["people"]]} for task in read["tasks"]]
    assert read_tasks == expected_tasks
    # A section per run of steps in one stage, in the order the steps come.
    runs = [t["section"] for i, t in enumerate(expected_tasks)
            if i == 0 or t["section"] != expected_tasks[i - 1]["section"]]
    assert [original(s) for s in read["sections"]] == runs


def test_scores_map_emotion_onto_one_to_five(parsed):
    scores = [t["score"] for t in parsed["loop.yaml"]["tasks"]]
    # discover 0, browse +1, compare −1, buy +1, use +2, repurchase (none: neutral)
    assert scores == [3, 4, 2, 4, 5, 3]
    assert [t["score"] for t in parsed["nasty.yaml"]["tasks"]] == [1, 5, 3, 3]


def test_characters_mermaid_cannot_carry_become_look_alikes(parsed):
    read = parsed["nasty.yaml"]
    assert read["title"] == 'Compra "rápida" \\ ＜b＞R＆D＜/b＞ {a|b}: ＃1； uno, dos 🏃‍♀️'
    assert read["sections"][0] == 'Etapa <i>{x|y}</i> "q" \\l： ＃3； a, b'
    # "Title" is no keyword here: Mermaid's title needs a space after it, not a colon.
    assert read["tasks"][1]["task"] == "Title： section ＃4； journey, 50% off"
    # A comma would split the persona into two actors.
    assert read["actors"] == ['Ana "la <jefa>"， \\N： ＃2； 👩🏽‍💻']


def test_task_names_that_start_like_keywords_or_comments_stay_tasks(parsed):
    read = parsed["keywords"]
    assert [original(t["task"]) for t in read["tasks"]] == KEYWORD_NAMES
    assert [t["score"] for t in read["tasks"]] == [2] * len(KEYWORD_NAMES)
    assert read["sections"] == ["Consideration"]
    assert read["title"] == "Keywords"


def test_a_map_without_persona_has_no_actor():
    text = render(journey_of(RENDER_MAPS / "nasty.yaml").model_copy(update={"persona": None}),
                  RenderOptions()).decode()
    assert text.splitlines()[3].endswith(": 1")


def test_diagram_text_is_deterministic_and_line_per_task():
    journey = JOURNEYS["running-shoes.yaml"]
    text = render(journey, RenderOptions()).decode()
    assert text == render(journey_of(ROOT / "examples" / "running-shoes.yaml"),
                          RenderOptions()).decode()
    assert text.startswith("journey\n    title Buying a first pair of running shoes\n")
    assert "      Chooses one model: 2: Laura， the new runner\n" in text
