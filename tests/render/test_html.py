"""The HTML journey map, opened in a real browser: Debian's Chromium driven by Playwright.

Every example map and every valid test map is rendered to a file and opened from ``file://`` at
laptop (1280 px) and phone (390 px) widths; the checks read what the browser laid out.
"""

import datetime
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cjmap import load, load_text
from cjmap.format.model import Journey
from cjmap.render import RenderOptions
from cjmap.render.formatting import format_number, signed
from cjmap.render.html import LANES, render
from cjmap.render.labels import LABELS
from cjmap.render.palette import EMOTION
from tests.conftest import ROOT, example_maps, require

MAPS = example_maps() + sorted((ROOT / "tests" / "maps" / "valid").glob("*.yaml"))
MAP_IDS = [f"{path.parent.name}/{path.stem}" for path in MAPS]
# The maps with steps, which the page lays out as a grid (an audit map has a table instead).
AUDIT = ROOT / "tests" / "maps" / "valid" / "audit.yaml"
GRID_MAPS = [path for path in MAPS if path != AUDIT]
GRID_IDS = [f"{path.parent.name}/{path.stem}" for path in GRID_MAPS]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
LAPTOP, PHONE = 1280, 390

# Every place a map's text reaches the page, each holding markup that would run or load something
# if it were not escaped.
PAYLOAD = "<script>alert(1)</script>"
XSS_MAP = f"""\
cjmap: 1
title: "{PAYLOAD} </title><script>alert(2)</script>"
description: "<img src=x onerror=alert(3)>"
tags: ["<b>bold</b>", "\\"><svg onload=alert(4)>"]
owner: "</style><script>alert(5)</script>"
persona:
  name: "{PAYLOAD}"
  segment: "<iframe src=https://example.com></iframe>"
  goals: ["<a href=javascript:alert(6)>go</a>"]
objectives: ["{PAYLOAD}"]
review: {{last_reviewed: 2026-01-31, cadence: 30d, owner: "<script>alert(7)</script>"}}
stages:
  - {{id: one, name: "<script>alert(8)</script>", goal: "<style>body{{display:none}}</style>"}}
start: "<link rel=stylesheet href=https://example.com/x.css>"
end: {{name: "{PAYLOAD}", description: "&amp; &lt;"}}
steps:
  - name: "{PAYLOAD}"
    description: "<object data=x></object>"
    actions: ["<script>alert(9)</script>"]
    thoughts: ["\\"'><script>alert(10)</script>"]
    emotion: {{score: -1, label: "<script>alert(11)</script>"}}
    touchpoints:
      - {{name: "<img src=x>", channel: "<script>alert(12)</script>", owner: "<u>x</u>"}}
    pain_points: [{{id: p1, text: "<script>alert(13)</script>"}}]
    opportunities:
      - {{text: "<script>alert(14)</script>", owner: "<i>o</i>", addresses: [p1]}}
    metrics:
      - {{name: "<script>alert(15)</script>", actual: 1, target: 2, unit: "<b>u</b>"}}
  - name: "<img src=x onerror=alert(16)>"
    emotion: 1
    next: [end]
"""

# One map with every feature the grid draws, including the rarer ones: a step with no emotion
# (the curve breaks there), a loop, a lower-is-better metric that misses its target, evidence.
FEATURES_MAP = """\
cjmap: 1
title: Renewing a gym membership
lang: en
state: future
review: {last_reviewed: 2026-03-01, cadence: 90d, owner: CX lead}
timeframe: 1 week
stages: [discovery, conversion, loyalty]
start: Membership about to expire
end: Trains for another year
steps:
  - id: reminder
    name: Gets a renewal reminder
    stage: discovery
    emotion: {score: 0, label: indifferent}
    evidence: observed
    metrics:
      - {name: Reminder open rate, actual: 41, target: 50, unit: "%"}
  - id: compare
    name: Compares other gyms
    evidence: assumed
    duration: 2 days
    pain_points: [{id: price, text: Our price went up, severity: high}]
  - id: renew
    name: Renews online
    stage: conversion
    moment_of_truth: true
    emotion: {score: -2, label: annoyed}
    opportunities:
      - {text: Loyalty discount at renewal, lever: personalization, priority: high,
         owner: Pricing, addresses: [price]}
    metrics:
      - {name: Renewal time, actual: 9, target: 5, unit: min, better: lower}
      - {name: Renewal rate, actual: 80, target: 75, unit: "%"}
  - id: trains
    name: Trains again
    stage: loyalty
    evidence: proposed
    emotion: 2
    next: [renew, end]
"""


# Words too long for any column or phone screen, in every kind of place they can appear.
LONG = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung"
LONG_MAP = f"""\
cjmap: 1
title: {LONG} https://example.com/{LONG}
description: {LONG}
tags: [{LONG}]
owner: {LONG}
persona: {{name: {LONG}, segment: {LONG}, goals: [{LONG}]}}
objectives: [{LONG}]
channels: [{LONG}]
review: {{last_reviewed: 2026-01-01, cadence: quarterly, owner: {LONG}}}
stages: [{{id: long, name: {LONG}, goal: {LONG}}}]
start: {LONG}
end: {{name: {LONG}, description: {LONG}}}
steps:
  - name: {LONG}
    description: {LONG}
    duration: 10 days
    evidence: proposed
    moment_of_truth: true
    actions: [{LONG}]
    needs: [{LONG}]
    thoughts: [{LONG}]
    emotion: {{score: 1, label: {LONG}}}
    touchpoints:
      - {{name: {LONG}, channel: {LONG}, kind: indirect, owner: {LONG}, description: {LONG},
         quality: {{simple: 2, personal: 3}}}}
    pain_points: [{{id: p, text: {LONG}, severity: medium}}]
    opportunities:
      - {{text: {LONG}, owner: {LONG}, priority: medium, lever: contextual, addresses: [p]}}
    metrics:
      - {{name: {LONG}, kind: nps, actual: 123456789, target: 987654321, unit: {LONG},
         source: {LONG}}}
    next: [long-2, end]
  - {{id: long-2, name: {LONG}, emotion: -1, next: [long-2]}}
"""


@dataclass
class Opened:
    """A page in the browser and what it tried to do."""

    page: Any
    left_the_file: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def journey_of(path: Path) -> Journey:
    result = load(path)
    assert result.ok and result.journey is not None, result.diagnostics
    return result.journey


def journey_from(text: str) -> Journey:
    result = load_text(text, "test.yaml")
    assert result.ok and result.journey is not None, result.diagnostics
    return result.journey


@pytest.fixture(scope="module")
def open_map(browser: Any, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[Callable[..., Opened]]:
    """Render a journey to a file and open it; pages are shared by the tests of this module."""
    directory = tmp_path_factory.mktemp("html")
    opened: dict[tuple[str, int], Opened] = {}

    def open_(journey: Journey, width: int = LAPTOP, *, name: str,
              options: RenderOptions | None = None) -> Opened:
        key = (name, width)
        if key in opened:
            return opened[key]
        page_file = directory / f"page-{len(opened)}.html"
        page_file.write_bytes(render(journey, options or RenderOptions()))
        url = page_file.as_uri()
        page = browser.new_page(viewport={"width": width, "height": 844 if width == PHONE else 800})
        result = Opened(page)

        def route(route: Any) -> None:
            if route.request.url == url:
                route.continue_()
            else:
                result.left_the_file.append(route.request.url)
                route.abort()

        def dialog(dialog: Any) -> None:
            result.dialogs.append(dialog.message)
            dialog.dismiss()

        page.route("**/*", route)
        page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: result.errors.append(str(error)))
        page.on("dialog", dialog)
        page.goto(url)
        opened[key] = result
        return result

    yield open_
    for result in opened.values():
        result.page.close()


def text(locator: Any) -> str:
    """What a screen reader reads: the text including visually hidden parts, spaces collapsed."""
    return " ".join((locator.text_content() or "").split())


# The page's screen copy of an element: the printed grid repeats the grid's cells in tables of
# its own (hidden on screen).
SCREEN = ":not(.print-grids *)"


def lane_heads(page: Any) -> list[str]:
    """The lane titles as written (before CSS capitals), without screen-reader extras."""
    return [text.strip().splitlines()[0]
            for text in page.locator(f"th.lane-head{SCREEN}").all_text_contents()]


def open_example(open_map: Callable[..., Opened], path: Path, width: int = LAPTOP) -> Opened:
    return open_map(journey_of(path), width, name=str(path))


@pytest.mark.browser
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_page_loads_nothing_and_logs_no_error(open_map: Callable[..., Opened],
                                              path: Path) -> None:
    opened = open_example(open_map, path)
    assert opened.left_the_file == []
    assert opened.errors == []
    # Everything is inline: no script, no external style sheet, image or font.
    assert opened.page.locator("script, link, img, iframe, object").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_every_step_name_is_visible(open_map: Callable[..., Opened], path: Path) -> None:
    journey = journey_of(path)
    page = open_example(open_map, path).page
    headers = page.locator("th.step")
    assert headers.count() == len(journey.steps)
    for index, step in enumerate(journey.steps):
        name = headers.nth(index).locator(".step-name")
        assert name.is_visible()
        assert name.text_content() == step.name
        box = name.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0


OVERFLOWING_SCRIPT = """() =>
    [...document.querySelectorAll(
        '.grid th, .grid td, .glance-summary td, .card, .counts div, .masthead')]
      .filter(el => el.scrollWidth > el.clientWidth + 1)
      .map(el => el.className + ': ' + el.textContent.trim().slice(0, 60))"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_no_text_overflows_its_cell(open_map: Callable[..., Opened], path: Path,
                                    width: int) -> None:
    page = open_example(open_map, path, width).page
    overflowing = page.evaluate(OVERFLOWING_SCRIPT)
    assert overflowing == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_long_words_wrap_inside_their_boxes(open_map: Callable[..., Opened], width: int) -> None:
    page = open_map(journey_from(LONG_MAP), width, name="long words").page
    assert page.evaluate(OVERFLOWING_SCRIPT) == []
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width


@pytest.mark.browser
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_curve_has_one_point_per_step_with_an_emotion(open_map: Callable[..., Opened],
                                                      path: Path) -> None:
    journey = journey_of(path)
    page = open_example(open_map, path).page
    points = page.evaluate("""() =>
      [...document.querySelectorAll('circle.emotion-point:not(.print-grids *)')].map(c => {
        const box = c.getBoundingClientRect();
        return {score: +c.dataset.score, fill: c.getAttribute('fill'),
                x: box.x + box.width / 2, y: box.y + box.height / 2};
    })""")
    scored = [step for step in journey.steps if step.emotion is not None]
    assert len(points) == len(scored)
    assert [p["score"] for p in points] == [step.emotion.score for step in scored if step.emotion]
    assert [p["fill"] for p in points] == [EMOTION[p["score"]].fill for p in points]
    # Each point stands under its own step's column, higher for a better feeling.
    for point, step in zip(points, scored, strict=True):
        header = page.locator(f'th.step[data-step="{step.id}"]').bounding_box()
        assert header is not None
        assert abs(point["x"] - (header["x"] + header["width"] / 2)) < 1.5
    # Each cell of the curve says its score in words, for screen readers and for everyone.
    cells = page.locator(f"tr.lane-emotion td:not(.endpoint-body){SCREEN}")
    assert cells.count() == len(journey.steps)
    names = {persona.id: persona.name for persona in journey.all_personas()}
    several = len(names) > 1
    for index, step in enumerate(journey.steps):
        said = text(cells.nth(index))
        if not step.feelings():
            assert said == LABELS[journey.lang]["no_emotion"]
        for persona, emotion in step.feelings().items():
            word = LABELS[journey.lang][f"score_{emotion.score}"]
            told = f"{emotion.label or word} ({word})"
            if several:
                who = names[persona] if persona else journey.all_personas()[0].name
                assert f"{who}: {signed(emotion.score)} {told}" in said
            else:
                assert said.endswith(f" {told}")
    for a in points:
        for b in points:
            if a["score"] > b["score"]:
                assert a["y"] < b["y"]
            elif a["score"] == b["score"]:
                assert abs(a["y"] - b["y"]) < 0.5


@pytest.mark.browser
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_curve_pieces_meet_from_column_to_column(open_map: Callable[..., Opened], path: Path,
                                                 width: int) -> None:
    # Each cell draws its part of the curve edge to edge; any padding would break the line.
    gaps = open_example(open_map, path, width).page.evaluate("""() =>
        [...document.querySelectorAll('tr.lane-emotion td svg.curve')].map(svg => {
            const cell = svg.parentElement.getBoundingClientRect();
            const box = svg.getBoundingClientRect();
            return Math.max(box.left - cell.left, cell.right - box.right);
        }).filter(gap => gap > 2.5)""")
    assert gaps == []


@pytest.mark.browser
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_lang_and_labels_follow_the_map(open_map: Callable[..., Opened], path: Path) -> None:
    journey = journey_of(path)
    page = open_example(open_map, path).page
    assert page.get_attribute("html", "lang") == journey.lang
    labels = LABELS[journey.lang]
    expected = [labels["emotion_curve" if lane == "emotion" else lane] for lane in LANES
                if any(getattr(step, lane) for step in journey.steps)]
    assert lane_heads(page) == expected


@pytest.mark.browser
@pytest.mark.parametrize("printed", [False, True], ids=["screen", "print"])
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_nothing_in_the_map_is_left_out(open_map: Callable[..., Opened], path: Path,
                                        printed: bool) -> None:
    journey = journey_of(path)
    page = open_example(open_map, path).page
    steps = journey.steps
    # On paper the steps' tags and descriptions open the body of their printed table.
    head = ".step-details" if printed else "th.step"
    expected = {
        "tr.lane-actions li": sum(len(s.actions) for s in steps),
        "tr.lane-needs li": sum(len(s.needs) for s in steps),
        # A stage's own touchpoints show once: in its first band, or in the audit table (which
        # is not part of the printed grid).
        "li.touchpoint": sum(len(s.touchpoints) for s in steps)
        + sum(len(stage.touchpoints) for stage in journey.stages) * (bool(steps) or not printed),
        "p.thought": sum(len(s.thoughts) for s in steps),
        "li.pain": sum(len(s.pain_points) for s in steps),
        "li.opportunity": sum(len(s.opportunities) for s in steps),
        "li.metric": sum(len(s.metrics) for s in steps),
        "li.metric.off-target": sum(m.misses_target() for s in steps for m in s.metrics),
        f"{head} .badge.mot": sum(s.moment_of_truth for s in steps),
        f"{head} .evidence": sum(s.evidence is not None for s in steps),
        f"{head} .step-description": sum(s.description is not None for s in steps),
        "th.endpoint": (journey.start is not None) + (journey.end is not None),
    }
    if printed:
        expected[".print-step-name"] = len(steps)
        found = {selector: page.locator(f".print-grids {selector}").count()
                 for selector in expected}
    else:
        expected["th.stage"] = sum(i == 0 or s.stage != steps[i - 1].stage
                                   for i, s in enumerate(steps))
        found = {selector: page.locator(f"{selector}{SCREEN}").count() for selector in expected}
    assert found == expected
    # Stage by stage, thoughts in the order the steps have them.
    scope = ".print-grids " if printed else ""
    assert page.locator(f"{scope}p.thought{'' if printed else SCREEN} q").all_text_contents() == [
        thought for s in steps for thought in s.thoughts]


@pytest.mark.browser
def test_spanish_labels(open_map: Callable[..., Opened]) -> None:
    page = open_example(open_map, ROOT / "tests" / "maps" / "valid" / "spanish-emoji.yaml").page
    assert page.get_attribute("html", "lang") == "es"
    assert lane_heads(page) == ["Acciones", "Pensamientos", "Curva emocional", "Puntos de dolor"]
    assert page.locator(f".endpoint-kicker{SCREEN}").all_text_contents() == ["Inicio", "Fin"]
    assert "Marco temporal" in page.locator(".about-cards").inner_text()
    assert "3 semanas" in page.locator(".about-cards").inner_text()
    assert page.locator("#glance-title").inner_text() == "El recorrido de un vistazo"


# One stage, one pain point and one moment of truth; two steps and two opportunities.
COUNTED_MAP = """\
cjmap: 1
title: Counting
steps:
  - name: Looks
    pain_points: [Slow]
    opportunities: [Faster, Cheaper]
    moment_of_truth: true
  - name: Buys
"""


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["2 Steps", "1 Stage", "1 Pain point", "2 Opportunities", "1 Moment of truth"]),
    ("es", ["2 Pasos", "1 Etapa", "1 Punto de dolor", "2 Oportunidades",
            "1 Momento de la verdad"]),
])
def test_header_counts_agree_with_their_numbers(open_map: Callable[..., Opened], lang: str,
                                                expected: list[str]) -> None:
    page = open_map(journey_from(COUNTED_MAP), name=f"counted {lang}",
                    options=RenderOptions(lang=lang)).page
    # What the eye reads: the figure, then its word (the list puts dd before dt).
    shown = page.locator(".counts div").evaluate_all(
        "divs => divs.map(d => d.querySelector('dd').innerText + ' ' +"
        " d.querySelector('dt').innerText)")
    assert shown == expected
    summary = page.locator(".stage-facts").first.inner_text()
    word = {"en": "1 pain point", "es": "1 punto de dolor"}[lang]
    assert word in " ".join(summary.split())


@pytest.mark.browser
def test_lang_option_overrides_the_map(open_map: Callable[..., Opened]) -> None:
    journey = journey_of(ROOT / "examples" / "running-shoes.yaml")
    page = open_map(journey, name="running-shoes in es", options=RenderOptions(lang="es")).page
    assert page.get_attribute("html", "lang") == "es"
    assert lane_heads(page)[0] == "Acciones"
    # The user's text stays as written.
    assert page.locator("h1").inner_text() == journey.title


@pytest.mark.browser
def test_user_text_is_shown_literally_and_runs_nothing(open_map: Callable[..., Opened]) -> None:
    journey = journey_from(XSS_MAP)
    opened = open_map(journey, name="xss")
    page = opened.page
    assert opened.dialogs == []
    assert opened.left_the_file == []
    assert opened.errors == []
    assert page.locator("script, img, iframe, object, link, svg[onload], b, u, i").count() == 0
    assert page.locator("th.step .step-name").first.text_content() == PAYLOAD
    assert page.locator("th.step .step-name").nth(1).text_content() == (
        "<img src=x onerror=alert(16)>")
    assert page.title().startswith(f"{PAYLOAD} </title><script>alert(2)</script>")
    assert page.locator("h1").is_visible()
    assert page.locator(f".endpoint-description{SCREEN}").text_content() == "&amp; &lt;"
    assert page.locator("q").first.text_content() == "\"'><script>alert(10)</script>"


@pytest.mark.browser
@pytest.mark.parametrize("path", GRID_MAPS, ids=GRID_IDS)
def test_phone_scrolls_the_grid_not_the_page(open_map: Callable[..., Opened], path: Path) -> None:
    journey = journey_of(path)
    page = open_example(open_map, path, PHONE).page
    if not journey.steps:
        # An audit has no grid: its tables fit the phone, or scroll in their own frames.
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= PHONE
        return
    sizes = page.evaluate("""() => {
        const grid = document.querySelector('.grid-scroll');
        return {page: document.scrollingElement.scrollWidth, viewport: innerWidth,
                grid: grid.scrollWidth, box: grid.clientWidth};
    }""")
    assert sizes["page"] <= sizes["viewport"]
    assert sizes["grid"] > sizes["box"]
    # Scrolled to its end, the grid shows the last step; the page has not moved sideways.
    page.evaluate("() => { const g = document.querySelector('.grid-scroll');"
                  " g.scrollLeft = g.scrollWidth; }")
    last = page.locator(f'th.step[data-step="{journey.steps[-1].id}"]').bounding_box()
    assert last is not None
    assert last["x"] >= 0
    assert last["x"] + last["width"] <= PHONE
    assert page.evaluate("() => scrollX") == 0
    page.evaluate("() => { document.querySelector('.grid-scroll').scrollLeft = 0; }")


# Text colour against the first opaque background behind it, per WCAG 2.x.
CONTRAST_SCRIPT = """() => {
    const rgb = s => s.match(/[\\d.]+/g).map(Number);
    const lum = c => {
        const [r, g, b] = c.slice(0, 3).map(v => v / 255)
            .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = el => {
        for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length < 4 || c[3] > 0) return c;
        }
        return [255, 255, 255];
    };
    const failures = [];
    for (const el of document.body.querySelectorAll('*')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest('.sr-only, .skip-link, svg')) continue;
        const fg = lum(rgb(getComputedStyle(el).color));
        const bg = lum(background(el));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < 4.5) failures.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)}`);
    }
    return failures;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_text_contrast_is_at_least_4_5(open_map: Callable[..., Opened], path: Path) -> None:
    assert open_example(open_map, path).page.evaluate(CONTRAST_SCRIPT) == []


@pytest.mark.browser
def test_features_are_marked(open_map: Callable[..., Opened]) -> None:
    page = open_map(journey_from(FEATURES_MAP), name="features").page
    # A metric that misses its target, whichever way is better; the one that meets it is marked.
    assert page.locator(f".metric.off-target{SCREEN} .metric-name").all_inner_texts() == [
        "Reminder open rate", "Renewal time"]
    assert page.locator(f".metric{SCREEN} .status.meets").count() == 1
    # The step with no emotion breaks the curve: no point, no line into or out of it.
    compare = page.locator(f"tr.lane-emotion td{SCREEN}").nth(2)
    assert compare.locator("circle, line.segment").count() == 0
    assert compare.inner_text().strip() == "no emotion recorded"
    assert page.locator(f"tr.lane-emotion td{SCREEN}").nth(1).locator("line.segment").count() == 0
    # The loop and the exit from the last step; the steps that flow on show nothing.
    goes_to = page.locator('th.step[data-step="trains"] .goes-to')
    assert text(goes_to) == (
        "Goes to: ↺ (loops back) Renews online → Trains for another year")
    assert goes_to.locator("a").evaluate_all("links => links.map(a => a.hash)") == [
        "#step-renew", "#end"]
    assert page.locator(".goes-to").count() == 1
    # The step the loop comes back to says where from.
    comes_from = page.locator('th.step[data-step="renew"] .comes-from')
    assert text(comes_from) == "Comes from: ↺ (loops back) Trains again"
    assert page.locator(".comes-from").count() == 1
    assert page.locator('th.step[data-step="renew"] .badge.mot').inner_text() == (
        "Moment of truth")
    assert page.locator(f"tr.lane-emotion{SCREEN} circle.mot-ring").count() == 1
    assert text(page.locator('th.step[data-step="compare"] .evidence')) == "Evidence: assumed"
    assert text(page.locator('th.step[data-step="compare"] .duration')) == "Duration: 2 days"
    # The opportunity links to the pain point it addresses.
    link = page.locator(f".addresses{SCREEN} a")
    assert link.inner_text() == "Our price went up"
    assert page.locator(link.get_attribute("href") or "").inner_text().endswith(
        "Our price went up")
    about = page.locator(".about-cards").inner_text()
    assert "Future state" in about and "1 week" in about
    assert "May 30, 2026" in about  # next review due: 2026-03-01 + 90 days
    # The curve is described in words for screen readers.
    summary = text(page.locator(f"tr.lane-emotion{SCREEN} th .sr-only"))
    assert "Lowest point: Renews online (−2, very negative)" in summary
    assert "Highest point: Trains again (+2, very positive)" in summary


@pytest.mark.browser
def test_semantic_structure(open_map: Callable[..., Opened]) -> None:
    journey = journey_of(ROOT / "examples" / "running-shoes.yaml")
    page = open_example(open_map, ROOT / "examples" / "running-shoes.yaml").page
    assert page.locator("h1").count() == 1
    assert page.locator("body > header, body > main, body > footer").count() == 3
    # The overview, the ranking of the touchpoints and the grid.
    assert page.get_by_role("table").count() == 3
    # Each section, and the frame it scrolls in.
    assert page.get_by_role("region", name="The journey at a glance").count() == 2
    assert page.get_by_role("region", name="Weakest touchpoints").count() == 2
    assert page.get_by_role("columnheader").filter(has=page.locator(".step-name")).count() == len(
        journey.steps)
    lanes = [lane for lane in LANES if any(getattr(step, lane) for step in journey.steps)]
    assert page.locator(".grid").get_by_role("rowheader").count() == len(lanes)
    assert page.get_by_role("region", name="The detailed map", exact=True).count() == 1


# The printable width of A4 landscape with the page's 10 mm margins, in CSS pixels.
A4_LANDSCAPE = round((297 - 20) / 25.4 * 96)


@pytest.mark.browser
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_prints_on_landscape_paper(browser: Any, tmp_path: Path, path: Path) -> None:
    page_file = tmp_path / "print.html"
    page_file.write_bytes(render(journey_of(path), RenderOptions()))
    page = browser.new_page(viewport={"width": A4_LANDSCAPE, "height": 700})
    try:
        page.goto(page_file.as_uri())
        page.emulate_media(media="print")
        # The whole grid is laid out on the width of the page, with nothing spilling out.
        assert page.evaluate(
            "() => [...document.querySelectorAll('.grid-scroll, .glance-scroll, .table-scroll')]"
            ".map(e => getComputedStyle(e).overflowX)") == ["visible"] * page.locator(
            ".grid-scroll, .glance-scroll, .table-scroll").count()
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= A4_LANDSCAPE
        assert page.evaluate(OVERFLOWING_SCRIPT) == []
        pdf = page.pdf(format="A4", landscape=True, print_background=True)
        assert pdf.startswith(b"%PDF")
    finally:
        page.close()


@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_output_is_deterministic(path: Path) -> None:
    options = RenderOptions(source=path.name)
    assert render(journey_of(path), options) == render(journey_of(path), options)


def test_output_does_not_depend_on_the_hash_seed_or_the_template_cache(tmp_path: Path) -> None:
    # The first process compiles the templates into Jinja2's cache (under TMPDIR), the second
    # runs the cached code: same page.
    code = ("import sys; from cjmap import load; from cjmap.render import RenderOptions; "
            "from cjmap.render.html import render; "
            "sys.stdout.buffer.write(render(load(sys.argv[1]).journey, RenderOptions()))")
    path = str(ROOT / "examples" / "running-shoes.yaml")
    outputs = [
        subprocess.run([sys.executable, "-c", code, path], capture_output=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed, "TMPDIR": str(tmp_path)}).stdout
        for seed in ("1", "2")
    ]
    assert list(tmp_path.glob("_jinja2-cache-*/*.cache"))
    assert outputs[0] == outputs[1]
    assert outputs[0] == render(journey_of(Path(path)), RenderOptions())
    assert outputs[0].startswith(b"<!DOCTYPE html>")


def test_templates_compiled_by_another_cjmap_are_not_loaded(tmp_path: Path) -> None:
    # A release that compiled the page with other options left its code in the shared cache,
    # under the name Jinja2 gives by default (as cjmap did before 2026-12): this release must
    # compile its own rather than run code compiled another way.
    seed = ("import sys, jinja2; from cjmap.render.html import TEMPLATES; "
            "env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), "
            "bytecode_cache=jinja2.FileSystemBytecodeCache(), autoescape=True, "
            "trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True, "
            "extensions=['jinja2.ext.do']); "
            "env.get_template('journey.html.j2')")
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", seed], check=True, env=env)
    assert list(tmp_path.glob("_jinja2-cache-*/__jinja2_*.cache"))
    code = ("import sys; from cjmap import load; from cjmap.render import RenderOptions; "
            "from cjmap.render.html import render; "
            "sys.stdout.buffer.write(render(load(sys.argv[1]).journey, RenderOptions()))")
    path = ROOT / "examples" / "running-shoes.yaml"
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          env=env, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == render(journey_of(path), RenderOptions())


# What HTML cannot hold: C0 controls, DEL, C1 controls, noncharacters.
NOT_HTML = "\\x01\\x07\\x1b[31m\\x7f\\x85\\x9b\\uFFFE"
CONTROLS_MAP = f"""\
cjmap: 1
title: "Title {NOT_HTML}"
tags: ["tag {NOT_HTML}"]
persona: {{name: "Persona {NOT_HTML}"}}
steps:
  - name: "Step {NOT_HTML}"
    emotion: {{score: -1, label: "Feeling {NOT_HTML}"}}
    touchpoints: [{{name: "Touch {NOT_HTML}", channel: web}}]
    pain_points: ["Pain {NOT_HTML}"]
"""


def test_characters_html_cannot_hold_show_as_pictures() -> None:
    html = render(journey_from(CONTROLS_MAP), RenderOptions(
        tag_pages=(("tag \x01\x07\x1b[31m\x7f\x85\x9b\ufffe", "tags/t.html"),))).decode()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]", html)
    for text in ("Title", "Persona", "Step", "Feeling", "Touch", "Pain", "tag"):
        assert f"{text} \u2401\u2407\u241b[31m\u2421\ufffd\ufffd\ufffd" in html, text


def test_every_user_string_is_escaped_in_the_source() -> None:
    html = render(journey_from(XSS_MAP), RenderOptions()).decode()
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(("value", "lang", "text"), [
    (12000, "en", "12,000"), (12000, "es", "12.000"), (2024, "es", "2024"), (2024, "en", "2,024"),
    (12345, "es", "12.345"), (3.1, "en", "3.1"), (3.1, "es", "3,1"), (4.25, "es", "4,25"),
    (1234567.5, "en", "1,234,567.5"), (1234567.5, "es", "1.234.567,5"), (-12000, "es", "-12.000"),
    (0.125, "en", "0.12"), (7, "es", "7"),
])
def test_numbers_are_written_the_way_each_language_writes_them(value: float, lang: str,
                                                               text: str) -> None:
    assert format_number(value, lang) == text


@pytest.mark.browser
def test_an_audit_map_shows_its_touchpoints_by_stage(open_map: Callable[..., Opened]) -> None:
    """A map of stages and their touchpoints has no grid: a table lists each stage's
    touchpoints, with their channel, owner, third party and online marks, on a phone too."""
    journey = journey_of(AUDIT)
    for width in (1280, PHONE):
        page = open_example(open_map, AUDIT, width).page
        assert page.locator(".grid-scroll").count() == 0
        rows = page.locator(".audit-table tbody tr")
        assert rows.count() == len(journey.stages)
        assert [rows.nth(i).locator("li.touchpoint").count() for i in range(rows.count())] == [
            len(stage.touchpoints) for stage in journey.stages]
        assert page.locator(".audit-table .external").all_text_contents() == ["third party"]
        assert page.locator(".audit-table .presence").all_text_contents() == ["offline"]
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width


# The journey at a glance, the audit, personas, the blueprint, review status, print -----------

STEPPED = [path for path in MAPS if journey_of(path).steps]
STEPPED_IDS = [f"{path.parent.name}/{path.stem}" for path in STEPPED]
ONLINE_COURSE = ROOT / "tests" / "maps" / "valid" / "online-course.yaml"
FIRST_SCREEN = 800

# Six personas, each with a feeling at every step: six curves to tell apart.
def _feelings(step: int) -> str:
    return ", ".join(f"p{n}: {(step + n) % 5 - 2}" for n in range(6))


SIX_PERSONAS = "cjmap: 1\ntitle: Six\npersonas: [{}]\nsteps:\n{}".format(
    ", ".join(f"{{id: p{n}, name: Persona {n}}}" for n in range(6)),
    "".join(f"  - name: Step {s}\n    emotion: {{{_feelings(s)}}}\n" for s in range(15)),
)

# Two touchpoints with the same average (a tie), one scored 1 on two qualities.
TIES_MAP = """\
cjmap: 1
title: Ties
stages:
  - id: consideration
    touchpoints: [{name: Billboard, quality: {simple: 2, relevant: 4}}]
  - purchase
steps:
  - name: Searches
    stage: consideration
    touchpoints:
      - {name: Search ad, quality: {simple: 1, engaging: 1, personal: 4}}
      - {name: Landing page, quality: {simple: 3, relevant: 3}}
      - Word of mouth
  - name: Buys
    stage: purchase
    emotion: 1
    touchpoints: [{name: Checkout, quality: {simple: 5, appropriate: 5}}]
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", STEPPED, ids=STEPPED_IDS)
def test_overview_shows_every_step_on_the_first_laptop_screen(open_map: Callable[..., Opened],
                                                              path: Path) -> None:
    journey = journey_of(path)
    page = open_example(open_map, path).page
    steps = page.locator(".glance-step")
    assert steps.count() == len(journey.steps)
    box = page.locator(".glance-table").bounding_box()
    assert box is not None
    # The whole overview fits the width and stands on the first screen, under the header.
    assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP
    assert box["y"] + box["height"] <= FIRST_SCREEN
    assert page.evaluate("() => { const s = document.querySelector('.glance-scroll');"
                         " return s.scrollWidth <= s.clientWidth; }")
    for index, step in enumerate(journey.steps):
        name = steps.nth(index).locator(".glance-name")
        assert name.text_content() == step.name
        assert name.is_visible()
        assert steps.nth(index).locator("a").get_attribute("href") == f"#step-{step.id}"
    # The header cards come after the map.
    cards = page.locator(".about-cards").bounding_box()
    grid = page.locator("#journey").bounding_box()
    assert cards is not None and grid is not None and cards["y"] > grid["y"]


@pytest.mark.browser
def test_a_step_of_the_overview_jumps_to_its_column(open_map: Callable[..., Opened]) -> None:
    journey = journey_of(ROOT / "examples" / "meal-kit-subscription.yaml")
    page = open_example(open_map, ROOT / "examples" / "meal-kit-subscription.yaml").page
    last = journey.steps[-1]
    page.locator(".glance-step a").last.click()
    assert page.evaluate("() => location.hash") == f"#step-{last.id}"
    header = page.locator(f'th.step[data-step="{last.id}"]').bounding_box()
    assert header is not None
    assert header["x"] >= -1 and header["x"] + header["width"] <= LAPTOP  # subpixel
    assert -1 <= header["y"] < FIRST_SCREEN
    page.evaluate("() => { history.replaceState(null, '', location.pathname); scrollTo(0, 0);"
                  " document.querySelector('.grid-scroll').scrollLeft = 0; }")


@pytest.mark.browser
@pytest.mark.parametrize("path", STEPPED, ids=STEPPED_IDS)
def test_overview_scrolls_inside_its_box_on_a_phone(open_map: Callable[..., Opened],
                                                    path: Path) -> None:
    page = open_example(open_map, path, PHONE).page
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= PHONE
    names = page.locator(".glance-name")
    assert names.first.is_visible()
    # No name is squeezed to less than a word's width.
    widths = names.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    assert min(widths) > 40


@pytest.mark.browser
def test_overview_marks_the_lowest_points_moments_of_truth_and_counts(
        open_map: Callable[..., Opened]) -> None:
    page = open_map(journey_from(FEATURES_MAP), name="features").page
    curve = page.locator(".glance-curve td")
    lowest = [index for index in range(curve.count())
              if "is-lowest" in (curve.nth(index).get_attribute("class") or "")]
    assert lowest == [2]  # "Renews online", −2
    assert curve.nth(2).locator(".low-mark").inner_text() == "▼ lowest"
    assert curve.nth(2).locator("circle.low-ring, circle.mot-ring").count() == 2
    # The feeling of each step is said in words; a step without one says so.
    assert text(curve.nth(2).locator(".sr-only")) == "−2 annoyed"
    assert text(curve.nth(1).locator(".sr-only")) == "no emotion recorded"
    steps = page.locator(".glance-step")
    assert text(steps.nth(2).locator("a")) == "3★Moment of truth: Renews online"
    assert page.locator(".glance-step .glance-mot").count() == 1
    counts = page.locator(".glance-counts td")
    assert [text(counts.nth(i)) for i in range(counts.count())] == [
        "◆ 1 metric off target", "⚠ 1 pain point", "✦ 1 opportunity◆ 1 metric off target",
        ""]
    # The marks are drawn in more than colour: icons of their own.
    assert page.locator(".count-pain").evaluate("e => getComputedStyle(e).color") == (
        "rgb(178, 24, 43)")


@pytest.mark.browser
def test_stage_summary_names_the_stage_that_hurts_most(open_map: Callable[..., Opened]) -> None:
    page = open_map(journey_from(FEATURES_MAP), name="features").page
    cells = page.locator(".glance-summary td")
    assert cells.count() == 3
    hurting = page.locator(".glance-summary td.hurts-most")
    assert hurting.count() == 1
    assert text(hurting) == (
        "▼ Hurts most −2 lowest emotion (very negative) ⚠ 0 pain points "
        "◆ 1 metric off target")
    assert text(cells.nth(0)) == (
        "0 lowest emotion (neutral) ⚠ 1 pain point ◆ 1 metric off target")
    # The summary spans its stage's steps.
    band = page.locator(".glance-stages th").nth(0).bounding_box()
    summary = cells.nth(0).bounding_box()
    assert band is not None and summary is not None
    assert abs(band["width"] - summary["width"]) < 1


@pytest.mark.browser
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_six_personas_are_six_distinct_curves_with_a_legend(open_map: Callable[..., Opened],
                                                            width: int) -> None:
    page = open_map(journey_from(SIX_PERSONAS), width, name="six personas").page
    legend = page.locator(".glance-keys .persona-key")
    assert legend.all_inner_texts() == [f"Persona {n}" for n in range(6)]
    looks = page.evaluate("""() => [0, 1, 2, 3, 4, 5].map(n => {
        const line = document.querySelector(`.glance-curve .segment.s${n}`);
        const mark = document.querySelector(`.glance-curve .m${n}`);
        const style = getComputedStyle(line);
        return [style.stroke, style.strokeDasharray, mark.tagName,
                mark.getAttribute('d') || 'circle'];
    })""")
    assert len({look[0] for look in looks}) == 6  # colours
    assert len({look[1] for look in looks}) == 6  # dashes
    assert len({look[3] for look in looks}) == 6  # marker shapes
    # Fifteen steps with six curves still fit a laptop's width.
    if width == LAPTOP:
        assert page.evaluate("() => { const s = document.querySelector('.glance-scroll');"
                             " return s.scrollWidth <= s.clientWidth; }")
    # Every persona's point stands higher for a better feeling, in the grid as in the overview.
    points = page.evaluate("""() => [...document.querySelectorAll(
        'tr.lane-emotion:not(.print-grids *) td:nth-of-type(1) .emotion-point, '
        + 'tr.lane-emotion:not(.print-grids *) td:nth-of-type(1) .persona-point')].map(p => {
            const b = p.getBoundingClientRect(); return [+p.dataset.score, b.y + b.height / 2];
        })""")
    assert len(points) == 6
    for a in points:
        for b in points:
            if a[0] > b[0]:
                assert a[1] < b[1]
    cell = text(page.locator("tr.lane-emotion td").first)
    assert cell.startswith("Persona 0: −2 very negative (very negative) Persona 1: −1")


@pytest.mark.browser
def test_several_personas_each_have_their_feelings(open_map: Callable[..., Opened]) -> None:
    journey = journey_of(ONLINE_COURSE)
    page = open_example(open_map, ONLINE_COURSE).page
    assert page.locator(".glance-keys .persona-key").all_inner_texts() == [
        "Laura, the new runner", "Marco, the team lead"]
    # Marco has no feeling at "Enrols": his curve breaks there.
    enrols = page.locator(".glance-curve td").nth(3)
    assert enrols.locator(".m1").count() == 0
    assert enrols.locator(".m0").count() == 1
    asks = page.locator(".glance-curve td").nth(2)
    assert text(asks.locator(".sr-only")) == "Laura, the new runner: −2 very negative; " \
        "Marco, the team lead: −1 negative"
    assert len(journey.all_personas()) == page.locator(".about-cards .persona").count()


@pytest.mark.browser
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_touchpoint_qualities_are_drawn_with_their_numbers(open_map: Callable[..., Opened],
                                                           width: int) -> None:
    page = open_map(journey_from(TIES_MAP), width, name="ties").page
    search = page.locator(f"li.touchpoint{SCREEN}").filter(has_text="Search ad")
    bars = search.locator(".qbar")
    assert bars.count() == 6
    assert bars.first.inner_text().split() == ["simple", "1"]
    widths = search.locator(".qfill").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width / "
        "e.parentElement.getBoundingClientRect().width)")
    assert [round(w, 2) for w in widths] == [0.2, 0.2, 0.8]
    # A weak score is said in more than red: it is bold and marked with "!".
    weak = search.locator(".qbar.weak .qnum").first
    assert weak.evaluate("e => getComputedStyle(e, '::after').content") == '"!"'
    assert weak.evaluate("e => getComputedStyle(e).color") == "rgb(178, 24, 43)"
    assert "weak" in (search.locator(".quality").get_attribute("class") or "")
    assert page.locator(f"li.touchpoint{SCREEN}").filter(has_text="Word of mouth").locator(
        ".qbar").count() == 0


@pytest.mark.browser
def test_weakest_touchpoints_rank_steps_and_stages_with_ties(
        open_map: Callable[..., Opened]) -> None:
    page = open_map(journey_from(TIES_MAP), name="ties").page
    rows = page.locator(".ranking-table tbody tr")
    table = [[text(cell) for cell in row.locator("td, th").all()] for row in rows.all()]
    assert [row[:4] for row in table] == [
        ["1", "Search ad", "Consideration · Searches", "2/5"],
        ["2", "Billboard", "Consideration", "3/5"],
        ["2", "Landing page", "Consideration · Searches", "3/5"],
        ["4", "Checkout", "Purchase · Buys", "5/5"],
    ]
    assert table[0][4:] == ["simple: 1", "appropriate: –not scored", "relevant: –not scored",
                            "meaningful: –not scored", "engaging: 1", "personal: 4",
                            "simple, engaging (1)"]
    assert table[2][-1] == "simple, relevant (3)"
    assert rows.first.locator("a").get_attribute("href") == "#step-searches"
    assert rows.first.locator(".qcell.q1").first.evaluate(
        "e => getComputedStyle(e).backgroundColor") == "rgb(178, 24, 43)"


@pytest.mark.browser
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_audit_map_shows_stage_quality_and_the_ranking(open_map: Callable[..., Opened],
                                                       width: int) -> None:
    page = open_example(open_map, AUDIT, width).page
    assert page.locator(".glance").count() == 0
    names = page.locator(".ranking-table .rank-name").all_inner_texts()
    assert names == ["Checkout lines", "Website"]
    summaries = page.locator(".audit-table .band-summary")
    assert summaries.count() == 3
    hurting = page.locator(".audit-table tr.hurts-most .stage-name").all_inner_texts()
    assert hurting == ["During the purchase"]
    assert "1,3/5" not in text(summaries.nth(1)) and "1.3/5" in text(summaries.nth(1))
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width


@pytest.mark.browser
@pytest.mark.parametrize("width", [LAPTOP, PHONE])
def test_blueprint_layers_are_lanes_under_labelled_lines(open_map: Callable[..., Opened],
                                                         width: int) -> None:
    page = open_example(open_map, ONLINE_COURSE, width).page
    assert lane_heads(page)[-3:] == ["Frontstage", "Backstage", "Support processes"]
    lines = page.locator(f".blueprint-line{SCREEN} .line-text")
    assert lines.all_inner_texts() == ["LINE OF INTERACTION", "LINE OF VISIBILITY",
                                       "LINE OF INTERNAL INTERACTION"]
    for index in range(3):
        box = lines.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    # Each line runs the whole width of the grid, above its layer's lane.
    rows = page.evaluate("""() => [...document.querySelectorAll('.grid tbody tr')].map(r =>
        [r.className, getComputedStyle(r.cells[0]).borderTopStyle, r.scrollWidth])""")
    classes = [row[0] for row in rows]
    assert classes.index("blueprint-line line-frontstage") + 1 == classes.index(
        "lane lane-frontstage")
    assert classes.index("blueprint-line line-support") + 1 == classes.index("lane lane-support")
    assert {row[1] for row in rows if row[0].startswith("blueprint-line")} <= {"dashed", "dotted"}
    cells = page.locator("tr.lane-frontstage td .action")
    assert text(cells.first) == "Sends the quote Who: Sales"


@pytest.mark.browser
@pytest.mark.parametrize(("today", "alert"), [
    (None, None),
    (datetime.date(2026, 5, 30), None),
    (datetime.date(2026, 5, 31), "⚠ Review overdue since May 30, 2026"),
])
def test_header_says_when_the_review_is_overdue(open_map: Callable[..., Opened],
                                                today: datetime.date | None,
                                                alert: str | None) -> None:
    page = open_map(journey_from(FEATURES_MAP), name=f"features {today}",
                    options=RenderOptions(today=today)).page
    alerts = page.locator("header .review-alert")
    if alert is None:
        assert alerts.count() == 0
        assert "Next review dueMay 30, 2026" in text(page.locator(".about-cards"))  # dt, dd
    else:
        assert text(alerts) == alert
        box = alerts.bounding_box()
        assert box is not None and box["y"] < 100
        assert "Review overdue sinceMay 30, 2026" in text(page.locator(".about-cards"))


def test_review_alert_is_in_spanish_for_a_spanish_map() -> None:
    journey = journey_of(ROOT / "examples" / "zapatillas-de-correr.yaml")
    assert journey.review is not None and journey.review.due is not None
    late = journey.review.due + datetime.timedelta(days=1)
    html = render(journey, RenderOptions(today=late)).decode()
    assert f"Revisión pendiente desde <time datetime=\"{journey.review.due}\">" in html
    on_time = render(journey, RenderOptions(today=journey.review.due)).decode()
    assert "Revisión pendiente" not in on_time


# The printable area of each paper with the page's 10 mm margins, in CSS pixels.
PAPERS = {("A4", False): (190, 277), ("A4", True): (277, 190),
          ("Letter", False): (195.9, 259.4), ("Letter", True): (259.4, 195.9)}
PAPER_IDS = [f"{paper}-{'landscape' if landscape else 'portrait'}" for paper, landscape in PAPERS]

# Each word of the page's text whose letters land on more than one line; a line may end after
# the hyphen of a compound ("first-" / "week"), as typesetting allows.
BROKEN_WORDS_SCRIPT = """() => {
    const broken = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('.sr-only, svg, .skip-link')) continue;
        for (const match of node.textContent.matchAll(/[^\\s-]+-?/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0)
                .map(r => Math.round(r.top)));
            if (tops.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext), spaces collapsed."""
    require("pdftotext", "printed pages are read back from Chromium's PDF")
    source = tmp_path / "print.pdf"
    source.write_bytes(pdf)
    # -raw keeps the order Chromium wrote the text in: a step's name stays in one piece.
    out = subprocess.run(["pdftotext", "-raw", str(source), "-"], capture_output=True,
                         check=True, text=True).stdout
    # A line may end after a compound's hyphen: "first-" / "week" is one word again.
    return [re.sub(r"-\s+", "-", " ".join(page.split())) for page in out.split("\f")
            if page.strip()]


@pytest.mark.browser
@pytest.mark.parametrize("paper", list(PAPERS), ids=PAPER_IDS)
@pytest.mark.parametrize("path", MAPS, ids=MAP_IDS)
def test_print_keeps_words_whole_and_repeats_the_step_headers(
        browser: Any, tmp_path: Path, path: Path, paper: tuple[str, bool]) -> None:
    journey = journey_of(path)
    width_mm, height_mm = PAPERS[paper]
    page_file = tmp_path / "print.html"
    page_file.write_bytes(render(journey, RenderOptions(today=datetime.date(2026, 12, 1))))
    page = browser.new_page(viewport={"width": round(width_mm / 25.4 * 96),
                                      "height": round(height_mm / 25.4 * 96)})
    try:
        page.goto(page_file.as_uri())
        page.emulate_media(media="print")
        assert page.evaluate(BROKEN_WORDS_SCRIPT) == []
        assert page.evaluate(OVERFLOWING_SCRIPT) == []
        assert page.evaluate("() => document.scrollingElement.scrollWidth") <= round(
            width_mm / 25.4 * 96)
        # The step names of each printed table of the grid, in order.
        tables = page.evaluate("""() => [...document.querySelectorAll('.print-grid')].map(t =>
            [...t.querySelectorAll('thead .print-step-name')].map(name => name.textContent))""")
        ranked = page.evaluate("""() => [...document.querySelectorAll('.ranking-table tbody tr')]
            .map(row => [row.cells[0].textContent, row.querySelector('.rank-name').textContent])
            """)
        ranking_height = page.evaluate(
            "() => document.querySelector('.ranking')?.getBoundingClientRect().height ?? 0")
        pages = pdf_pages(page.pdf(format=paper[0], landscape=paper[1], print_background=True),
                          tmp_path)
    finally:
        page.close()
    labels = LABELS[journey.lang]
    if ranked and ranking_height < height_mm / 25.4 * 96:
        # A ranking shorter than a page is on one page whole: none of its rows is left alone
        # on the next one.
        heading = next(n for n, text in enumerate(pages) if labels["weakest_touchpoints"] in text)
        assert all(f"{rank} {name}" in pages[heading] for rank, name in ranked), ranked
    if not journey.steps:
        # An audit's overview is its ranking.
        assert labels["weakest_touchpoints"] in pages[0]
        return
    # The overview is on the first page, every step in it; the grid starts on the next.
    assert labels["at_a_glance"] in pages[0]
    assert [step.name for step in journey.steps if step.name not in pages[0]] == []
    grid = [n for n, text in enumerate(pages) if labels["detailed_map"] in text]
    assert grid and grid[0] > 0
    # The grid prints as tables of a few steps, all of them in order, each from a page of its
    # own; every page of the grid has its table's step headers, so it shows the names of one
    # table's steps (a page that started without its headers would show none), and the pages
    # go through the tables in order. The cards start on a page of their own (their heading is
    # in capitals on paper).
    assert [name for table in tables for name in table] == [step.name for step in journey.steps]
    assert all(len(table) <= 5 for table in tables)
    cards = next(n for n, text in enumerate(pages)
                 if labels["about_map"].casefold() in text.casefold())
    assert cards > grid[0]
    headed = [[n for n, table in enumerate(tables) if all(name in text for name in table)]
              for text in pages[grid[0]:cards]]
    assert all(headed), headed
    assert [shown[0] for shown in headed] == sorted(shown[0] for shown in headed)
    assert {shown[0] for shown in headed} == set(range(len(tables)))


SPARKLINE_MAP = """\
cjmap: 1
title: Checkout over time
lang: es
steps:
  - name: Paga
    metrics:
      - name: Pagos completados
        actual: 64
        as_of: 2026-10-31
        target: 70
        unit: "%"
        history:
          - {as_of: 2026-08-31, actual: 67}
          - {as_of: 2026-07-31, actual: 61}
          - {as_of: 2026-09-30, actual: 69}
      - {name: Una sola medición, actual: 3, as_of: 2026-10-31, target: 4}
"""


@pytest.mark.browser
def test_a_metric_with_history_draws_a_sparkline(open_map: Callable[..., Opened]) -> None:
    page = open_map(journey_from(SPARKLINE_MAP), name="sparkline").page
    lines = page.locator(f"svg.sparkline{SCREEN}")
    assert lines.count() == 1  # a metric measured once has no line to draw
    svg = lines.first
    box = svg.bounding_box()
    assert box is not None and (box["width"], box["height"]) == (96, 28)
    assert svg.is_visible()
    # The points are the measurements in date order: 61, 67, 69, 64, left to right.
    points = [tuple(map(float, pair.split(","))) for pair in
              (svg.locator("polyline").get_attribute("points") or "").split()]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert len(points) == 4 and xs == sorted(xs)
    assert sorted(range(4), key=lambda n: ys[n]) == [2, 1, 3, 0]  # higher values drawn higher
    latest = svg.locator("circle.spark-latest")
    assert (float(latest.get_attribute("cx") or 0), float(latest.get_attribute("cy") or 0)) \
        == points[-1]
    # The target, 70, is above every value: the reference line tops the scale, and the latest
    # point, off target, is drawn in the colour of a miss.
    target_y = float(svg.locator("line.spark-target").get_attribute("y1") or 0)
    assert target_y < min(ys)
    fill = latest.evaluate("node => getComputedStyle(node).fill")
    assert fill == "rgb(178, 24, 43)"
    assert svg.get_attribute("aria-label") == svg.locator("title").text_content() == (
        "Pagos completados, 4 mediciones: 61% el 31 de julio de 2026; después, 67% el 31 de "
        "agosto de 2026; después, 69% el 30 de septiembre de 2026; después, 64% el 31 de "
        "octubre de 2026; objetivo: 70%")
    # The figure shown is the newest one.
    assert text(page.locator(f"li.metric .actual{SCREEN}").first) == "Actual: 64%"


@pytest.mark.browser
def test_the_running_shoes_example_shows_its_checkout_trend(
        open_map: Callable[..., Opened]) -> None:
    path = ROOT / "examples" / "running-shoes.yaml"
    page = open_example(open_map, path).page
    metric = page.locator(f"li.metric{SCREEN}", has=page.locator("svg.sparkline"))
    assert metric.count() == 1
    assert "Checkout completion" in text(metric.locator(".metric-name"))
    points = metric.locator("polyline").get_attribute("points") or ""
    assert len(points.split()) == 6
