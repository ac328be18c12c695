"""The Mermaid renderer, checked by Mermaid's own parser (the ``mermaid`` npm package under Node
with jsdom, see tests/mermaid/): what it reads back — title, sections, task names, scores,
actors — must be the map, not only something that parses. What only a browser shows (the
theme, what is drawn) is checked in Chromium with Mermaid's own browser bundle."""

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import cjmap
from cjmap.format.model import Journey, Touchpoint
from cjmap.render import RenderOptions
from cjmap.render.formatting import short_name
from cjmap.render.mermaid import BREAK, BREAK_OPPORTUNITY, ELLIPSIS, WORD_JOINER, diagram, render
from tests.conftest import MERMAID_DIR, REQUIRE_TOOLS, ROOT, example_maps, parse_mermaid, require

pytestmark = pytest.mark.node
RENDER_MAPS = ROOT / "tests" / "maps" / "render"
# The stand-ins the renderer uses, mapped back to what they stand for; the invisible characters
# it adds or replaces (U+2060 WORD JOINER, U+FEFF) count for nothing on either side.
FOLD = str.maketrans({"：": ":", "；": ";", "＃": "#", "，": ",", "＆": "&", "＜": "<", "＞": ">",
                      WORD_JOINER: None, "\ufeff": None, BREAK_OPPORTUNITY: None})
KEYWORD_NAMES = ["Title search", "Section 8 form", "Journey planner", "accTitle x",
                 "accDescr {x}", "%50 off", "%% not a comment", "a%%b", "Tasks: 3: Bob, Eve",
                 "# not a comment", "title:", "section"]
# Text that Mermaid acts on before, or instead of, its grammar: each is written in every field
# (title, section, task, actor) of one map, and must read back as written.
INIT = '%%{init: {"theme":"dark","themeCSS":"text {display: none}"}}%%'
HOSTILE = [
    f"Checkout {INIT}", "x %%{wrap}%% y", "a %%{ b", "%%{x}%%", "%%", "%%{", "}%%", "%%%", "%",
    "%{x}", "{", "{init}", "journeyé…", "journey", "JOURNEY x", "title x", "section x",
    "accTitle: x", "accDescr: x", "accDescr { x }", "ſection x", "---\ntitle: x\n---",
    "--- x", "a: b # c; d, e", ":", "#", ";", ",", "<br>x<br/>y", '<b x="1">q</b>', "<i>",
    "a\nb", "a\tb", "a\rb", "a\r\nb", "a\u2028b\u2029c", "a\x85b", "\ufeff", "\ufeffx\ufeff",
    "a\u200bb\u200cc\u200dd", "\u2060", "\u202eRTL\u202c \u2066iso\u2069 \u200fr\u200e",
    "\u00a0nbsp\u3000", "ﬂ°amp¶ß", "ﬂ°°65¶ß", "a=b", "it's \"q\"", "&amp; &lt;", "\\n \\",
    "L" * 2000, " ".join(["word"] * 300),
]

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


def hostile_journey(text: str) -> Journey:
    """``text`` as title, persona and stage names, and as three step names in two sections."""
    document = {
        "cjmap": 1, "title": text, "persona": {"name": text},
        "stages": [{"id": "a", "name": text}, {"id": "b", "name": f"B {text}"}],
        "steps": [{"id": "s1", "name": text, "stage": "a", "emotion": 1},
                  {"id": "s2", "name": f"x {text} y", "stage": "a"},
                  {"id": "s3", "name": text, "stage": "b", "emotion": -2}],
    }
    result = cjmap.load_text(json.dumps(document), "hostile.yaml")
    assert result.journey is not None, result.diagnostics
    return result.journey


def unfelt_journey(text: str) -> Journey:
    """The hostile journey with no emotion recorded: a timeline."""
    journey = hostile_journey(text)
    return journey.model_copy(update={"steps": [
        step.model_copy(update={"emotion": None}) for step in journey.steps]})


def audit_journey(text: str) -> Journey:
    """``text`` as the title, a stage name and the names of touchpoints, scored and not."""
    document = {
        "cjmap": 1, "title": text,
        "stages": [{"id": "a", "name": text, "touchpoints": [
            {"name": text, "quality": {"simple": 4, "relevant": 3}},
            {"name": f"x {text}"},
            {"name": f"{text} y", "quality": {"personal": 1}}]},
            {"id": "b", "name": f"B {text}", "touchpoints": [text]}],
    }
    result = cjmap.load_text(json.dumps(document), "audit.yaml")
    assert result.journey is not None, result.diagnostics
    return result.journey


JOURNEYS: dict[str, Journey] = {
    **{path.name: journey_of(path) for path in
       [*example_maps(), *sorted(RENDER_MAPS.glob("*.yaml")), ROOT / "tests" / "maps" / "valid"
        / "audit.yaml"]},
    "keywords": keyword_journey(),
    **{f"hostile-{i}": hostile_journey(text) for i, text in enumerate(HOSTILE)},
    **{f"unfelt-{i}": unfelt_journey(text) for i, text in enumerate(HOSTILE)},
    **{f"audit-{i}": audit_journey(text) for i, text in enumerate(HOSTILE)},
}


def require_mermaid() -> Path:
    """The folder of the installed ``mermaid`` package; skip (or fail in CI) without it."""
    package = MERMAID_DIR / "node_modules" / "mermaid"
    if not package.is_dir():
        message = "Mermaid is not installed: run npm ci --prefix tests/mermaid"
        if REQUIRE_TOOLS:
            pytest.fail(message)
        pytest.skip(message)
    return package


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict[str, Any]]:
    """What Mermaid read from the diagram of every journey (one Node process for all)."""
    require("node", "Mermaid's parser runs under Node.js")
    require_mermaid()
    texts = [render(j, RenderOptions()).decode("utf-8") for j in JOURNEYS.values()]
    return dict(zip(JOURNEYS, parse_mermaid(texts), strict=True))


def fold(text: str) -> str:
    return text.translate(FOLD)


def one_line(text: str) -> str:
    """What a field of the map shows as: on one line, stand-ins folded back."""
    return fold(" ".join(text.split()) or "—")


def average_quality(touchpoint: Touchpoint) -> int | None:
    """Half up, by hand: 3.5 → 4."""
    scores = list(touchpoint.quality.scores().values()) if touchpoint.quality else []
    return None if not scores else math.floor(sum(scores) / len(scores) + 0.5)


def expected_diagram(journey: Journey) -> tuple[str, list[dict[str, Any]]]:
    """The diagram type cjmap should write, and what Mermaid should read as its tasks."""
    stage_names = {stage.id: stage.name for stage in journey.stages}
    if journey.is_audit():
        scored = any(average_quality(t) for stage in journey.stages for t in stage.touchpoints)
        return ("journey" if scored else "timeline"), [
            {"section": one_line(stage_names[stage.id]), "task": one_line(touchpoint.name),
             "score": average_quality(touchpoint) if scored else None, "people": [],
             "events": []}
            for stage in journey.stages for touchpoint in stage.touchpoints
            if not scored or average_quality(touchpoint) is not None]
    if all(step.emotion is None for step in journey.steps):
        return "timeline", [{"section": one_line(stage_names[step.stage or ""]),
                             "task": one_line(step.name), "score": None, "people": [],
                             "events": []} for step in journey.steps]
    return "journey", [
        {"section": one_line(stage_names[step.stage or ""]),
         "task": one_line(step.name),
         "score": step.emotion.score + 3 if step.emotion else 3,
         "people": [one_line(short_name(journey.persona.name))] if journey.persona else [],
         "events": []}
        for step in journey.steps
    ]


def as_read(read: str, expected: str) -> str:
    """What Mermaid read of a name, its line breaks (``<br>``, which the user's text cannot
    form) taken out: ``expected`` itself when it is ``expected`` cut with ``…`` at a word or
    mid-word, so that a list of names compares whole; the folded read text otherwise."""
    text = fold(read.replace(BREAK, ""))
    cut = text.endswith(ELLIPSIS) and not expected.endswith(ELLIPSIS)
    if cut and len(text) > 1 and expected.startswith(text[:-1]):
        return expected
    return text


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_mermaid_reads_the_map(parsed, name):
    journey, read = JOURNEYS[name], parsed[name]
    assert "error" not in read, read
    kind, expected_tasks = expected_diagram(journey)
    assert read["type"] == kind
    assert fold(read["title"]) == one_line(journey.title)
    read_tasks = [{**task, "section": as_read(task["section"], expected["section"]),
                   "task": as_read(task["task"], expected["task"]),
                   "people": [fold(p) for p in task["people"]]}
                  for task, expected in zip(read["tasks"], expected_tasks, strict=False)]
    assert read_tasks == expected_tasks
    # A section per run of steps in one stage, in the order the steps come.
    runs = [t["section"] for i, t in enumerate(expected_tasks)
            if i == 0 or t["section"] != expected_tasks[i - 1]["section"]]
    assert [as_read(s, r) for s, r in zip(read["sections"], runs, strict=False)] == runs
    assert len(read["sections"]) == len(runs)


def test_names_are_cut_only_when_the_widest_box_cannot_hold_them(parsed):
    """The examples' names all fit whole (their diagrams ask for wider boxes); only a name of
    hundreds of characters is cut, and a word wider than a box is broken, not cut."""
    for name in [path.name for path in example_maps()]:
        assert all(ELLIPSIS not in fold(t["task"]) for t in parsed[name]["tasks"]), name
    long_words = parsed[f"hostile-{HOSTILE.index('L' * 2000)}"]["tasks"][0]["task"]
    assert long_words.endswith(ELLIPSIS) and BREAK_OPPORTUNITY in long_words
    timeline = parsed[f"unfelt-{HOSTILE.index('L' * 2000)}"]["tasks"][0]["task"]
    assert timeline.replace(BREAK, "") == "L" * 2000


def test_scores_map_emotion_onto_one_to_five(parsed):
    scores = [t["score"] for t in parsed["loop.yaml"]["tasks"]]
    # discover 0, browse +1, compare −1, buy +1, use +2, repurchase (none: neutral)
    assert scores == [3, 4, 2, 4, 5, 3]
    assert [t["score"] for t in parsed["nasty.yaml"]["tasks"]] == [1, 5, 3, 3]


def test_characters_mermaid_cannot_carry_become_look_alikes(parsed):
    read = parsed["nasty.yaml"]
    assert read["title"] == 'Compra "rápida" \\ ＜b＞R＆D＜/b＞ {a|b}: ＃1； uno, dos 🏃‍♀️'
    # An invisible joiner keeps "<i" from reading as a tag.
    assert read["sections"][0] == f'Etapa <{WORD_JOINER}i>{{x|y}}</i> "q" \\l： ＃3； a, b'
    # "Title" is no keyword here: Mermaid's title needs a space after it, not a colon.
    assert read["tasks"][1]["task"] == "Title： section ＃4； journey, 50% off"
    # The actor is the name up to its first comma, not what the comma adds.
    assert read["actors"] == [f'Ana "la <{WORD_JOINER}jefa>"']


def test_task_names_that_start_like_keywords_or_comments_stay_tasks(parsed):
    read = parsed["keywords"]
    assert [fold(t["task"]) for t in read["tasks"]] == KEYWORD_NAMES
    assert [t["score"] for t in read["tasks"]] == [2] * len(KEYWORD_NAMES)
    assert read["sections"] == ["Consideration"]
    assert read["title"] == "Keywords"


def test_a_map_without_persona_has_no_actor():
    text = render(journey_of(RENDER_MAPS / "nasty.yaml").model_copy(update={"persona": None}),
                  RenderOptions()).decode()
    task = next(line for line in text.splitlines() if line.startswith("      "))
    assert task.endswith(": 1")


def test_diagram_text_is_deterministic_and_line_per_task():
    journey = JOURNEYS["running-shoes.yaml"]
    text = render(journey, RenderOptions()).decode()
    assert text == render(journey_of(ROOT / "examples" / "running-shoes.yaml"),
                          RenderOptions()).decode()
    # Its names fit whole in boxes 200 px wide, which the front matter asks for.
    assert text.startswith("---\nconfig:\n  journey:\n    width: 200\n---\n"
                           "journey\n    title Buying a first pair of running shoes\n")
    assert "      Chooses one model: 2: Laura\n" in text


# What Mermaid draws, read in the page: the theme's style sheet (the diagram's id made neutral),
# the title, and every section and task label (a foreignObject div) with whether it shows.
DRAW = """async (texts) => {
  mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
  const drawn = [];
  for (const [i, text] of texts.entries()) {
    const box = document.body.appendChild(document.createElement("div"));
    box.innerHTML = (await mermaid.render(`d${i}`, text)).svg;
    const shown = (element) => {
      const style = getComputedStyle(element), rect = element.getBoundingClientRect();
      return style.display !== "none" && style.visibility === "visible" && rect.width > 0
        && rect.height > 0;
    };
    const title = box.querySelector("svg > text[font-weight=bold]");
    drawn.push({
      style: box.querySelector("svg style").textContent.replaceAll(`#d${i}`, "#ID"),
      title: title && {text: title.textContent, shown: shown(title)},
      labels: [...box.querySelectorAll("foreignObject div.label")].map(
        (label) => ({text: label.textContent, shown: shown(label)})),
      // Every label with the box it is drawn in: a journey's HTML label and its rect, a
      // timeline's text and its path.
      boxes: [
        ...[...box.querySelectorAll("foreignObject div.label")].map((label) => [
          label, label.closest("switch").parentElement.querySelector(":scope > rect")]),
        ...[...box.querySelectorAll("g.timeline-node")].map((node) => [
          node.querySelector("text"), node.querySelector("path.node-bkg")]),
      ].map(([label, frame]) => {
        const inner = label.getBoundingClientRect(), outer = frame.getBoundingClientRect();
        return {text: label.textContent, inside: inner.left >= outer.left - 0.5
          && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5
          && inner.bottom <= outer.bottom + 0.5};
      }),
    });
  }
  return drawn;
}"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="module")
def draw() -> Iterator[Any]:
    """Draw Mermaid texts in Chromium with Mermaid's browser bundle, from a local file only;
    each call is a fresh page, so no diagram's configuration can leak into another's."""
    bundle = require_mermaid() / "dist" / "mermaid.min.js"
    chromium = require("chromium", "Mermaid's drawing is checked in a real browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)

        def draw_(texts: list[str]) -> list[dict[str, Any]]:
            page = browser.new_page()
            left: list[str] = []
            errors: list[str] = []
            page.route("**/*", lambda route: (left.append(route.request.url), route.abort()))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.set_content("<!DOCTYPE html><html><body></body></html>")
            page.add_script_tag(path=str(bundle))
            drawn: list[dict[str, Any]] = page.evaluate(DRAW, texts)
            page.close()
            assert not left and not errors, (left, errors)
            return drawn

        yield draw_
        browser.close()


def injected_journey() -> Journey:
    """The audit's reproducer: a theme and a style sheet hiding every label, in the title."""
    # Each step records an emotion, so that it is drawn as a journey, as it was then.
    steps = "".join(f"  - {{id: s{i}, name: {name}, emotion: 0}}\n" for i, name in enumerate(
        ["Adds to cart", "Pays", "Gets the receipt"]))
    result = cjmap.load_text(f"cjmap: 1\ntitle: {json.dumps(f'Checkout {INIT}')}\nsteps:\n{steps}",
                             "injected.yaml")
    assert result.journey is not None, result.diagnostics
    return result.journey


@pytest.mark.browser
def test_a_directive_in_the_title_changes_no_theme_in_the_browser(draw):
    journey = injected_journey()
    text = diagram(journey)
    plain = "journey\n    title Checkout\n    section Consideration\n      Pays: 3\n"
    # What the renderer wrote before joiners broke "%%": Mermaid applies the dark theme and
    # the style sheet, which hides the title (an SVG text); this check sees it.
    unbroken = text.replace(WORD_JOINER, "")
    drawn, reference, applied = draw([text, plain, unbroken])
    assert applied["style"] != reference["style"]
    assert re.search(r"display:\s*none", applied["style"])
    assert not applied["title"]["shown"]
    # The map's own text: default theme, no style sheet of its own, every name drawn.
    assert drawn["style"] == reference["style"]
    assert re.search(r"display:\s*none", drawn["style"]) is None
    assert drawn["title"]["shown"] and fold(drawn["title"]["text"]) == journey.title
    assert [fold(label["text"]) for label in drawn["labels"] if label["shown"]] == [
        "Consideration", "Adds to cart", "Pays", "Gets the receipt"]


@pytest.mark.browser
def test_every_hostile_name_is_drawn_as_written(draw):
    journeys = [JOURNEYS[f"hostile-{i}"] for i in range(len(HOSTILE))]
    drawn = draw([diagram(journey) for journey in journeys])
    reference = drawn[0]["style"]
    for journey, seen in zip(journeys, drawn, strict=True):
        stages = {stage.id: stage.name for stage in journey.stages}
        expected = [one_line(stages["a"]), one_line(journey.steps[0].name),
                    one_line(journey.steps[1].name), one_line(stages["b"]),
                    one_line(journey.steps[2].name)]
        assert [as_read(label["text"], name)
                for label, name in zip(seen["labels"], expected, strict=True)] == expected
        assert all(label["shown"] for label in seen["labels"]), seen["labels"]
        title = one_line(journey.title)
        assert fold(seen["title"]["text"]) == title
        assert seen["title"]["shown"] or not title.strip(), (title, seen["title"])
        assert seen["style"] == reference


def test_a_map_without_emotions_is_a_timeline_not_a_row_of_threes():
    text = diagram(JOURNEYS["unfelt-0"])
    assert text.startswith("timeline\n") and ": 3" not in text


def test_an_audit_scores_each_scored_touchpoint_by_its_average_quality(parsed):
    read = parsed["audit.yaml"]
    assert read["type"] == "journey" and read["actors"] == []
    # Website: (4 + 3) / 2 = 3.5 → 4; Checkout lines: (2 + 1 + 1) / 3 → 1. Unscored: left out.
    assert [(t["section"], t["task"], t["score"]) for t in read["tasks"]] == [
        ("Before the purchase", "Website", 4), ("During the purchase", "Checkout lines", 1)]


@pytest.mark.browser
def test_timelines_and_audits_draw_without_errors_or_directives(draw):
    texts = [diagram(JOURNEYS[f"{kind}-{i}"]) for kind in ("unfelt", "audit")
             for i in range(len(HOSTILE))]
    plain = draw(["timeline\n    title T\n    section S\n      a\n",
                  "journey\n    title T\n    section S\n      a: 3\n"])
    for text, seen in zip(texts, draw(texts), strict=True):
        reference = plain[0] if text.startswith("timeline") else plain[1]
        assert seen["style"] == reference["style"], text


@pytest.mark.browser
def test_every_label_fits_inside_its_box(draw):
    """Drawn by Mermaid at its default font in Chromium, no name spills out of its box: the
    examples' (whole, in the wider boxes their diagrams ask for) and the corpus's (a word of
    2,000 letters broken, 300 words cut), in journeys, timelines and audits; and no label shows
    a line break as text."""
    names = [path.name for path in example_maps()] + [
        f"{kind}-{i}" for kind in ("hostile", "unfelt", "audit") for i in range(len(HOSTILE))]
    for name, seen in zip(names, draw([diagram(JOURNEYS[name]) for name in names]),
                          strict=True):
        assert seen["boxes"], name
        spilled = [box["text"] for box in seen["boxes"] if not box["inside"]]
        assert not spilled, (name, spilled)
        assert not any(re.search(r"<br", box["text"], re.I) for box in seen["boxes"]), name
