"""The Graphviz renderer, checked by the real ``dot``: its layout (as ``dot -Tjson``), its SVG
text, and the command's behaviour when Graphviz is missing."""

import contextlib
import itertools
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cjmap
from cjmap.format.model import Journey
from cjmap.render import LAYOUTS, SHOWABLE, RenderOptions
from cjmap.render.graphviz import render_dot, render_png, render_svg
from cjmap.render.palette import EMOTION, MOMENT_OF_TRUTH, PAIN, UNKNOWN
from tests.conftest import ROOT, example_maps, require

pytestmark = pytest.mark.graphviz
RENDER_MAPS = ROOT / "tests" / "maps" / "render"
NASTY = RENDER_MAPS / "nasty.yaml"
LOOP = RENDER_MAPS / "loop.yaml"
SVG_NS = "{http://www.w3.org/2000/svg}"
AUDIT = ROOT / "tests" / "maps" / "valid" / "audit.yaml"
COURSE = ROOT / "tests" / "maps" / "valid" / "online-course.yaml"
ALL = frozenset(SHOWABLE)


def journey(path: Path) -> Journey:
    result = cjmap.load(path)
    assert result.journey is not None, result.diagnostics
    return result.journey


def dot(args: list[str], source: bytes) -> subprocess.CompletedProcess[bytes]:
    program = require("dot", "the Graphviz renderer is checked by Graphviz itself")
    return subprocess.run([program, *args], input=source, capture_output=True, timeout=60,
                          check=False)


def layout(path: Path, **options: Any) -> dict[str, Any]:
    """What ``dot`` made of the DOT we write: nodes, clusters and edges with positions."""
    done = dot(["-Tjson"], render_dot(journey(path), RenderOptions(**options)))
    assert done.returncode == 0 and done.stderr == b"", done.stderr
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def nodes(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["name"]: o for o in data["objects"] if "pos" in o}


def clusters(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for o in data["objects"] if o["name"].startswith("cluster_")]


def x(position: str) -> float:
    return float(position.split(",")[0])


def svg_lines(path: Path, **options: Any) -> list[str]:
    """Every line of text the SVG shows, as a viewer reads it (entities decoded)."""
    root = ET.fromstring(render_svg(journey(path), RenderOptions(**options)))
    return [t.text or "" for t in root.iter(f"{SVG_NS}text")]


@pytest.mark.parametrize("layout_name", LAYOUTS)
@pytest.mark.parametrize("path", [*example_maps(), NASTY, LOOP, AUDIT, COURSE],
                         ids=lambda p: p.name)
def test_dot_output_is_accepted_by_dot_for_every_map(path, layout_name):
    source = render_dot(journey(path), RenderOptions(show=ALL, layout=layout_name))
    done = dot(["-Tsvg"], source)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"", done.stderr  # no warning either (e.g. an unknown colour)
    ET.fromstring(done.stdout)


@pytest.mark.parametrize("path", [*example_maps(), LOOP], ids=lambda p: p.name)
def test_one_cluster_per_stage_left_to_right_in_stage_order(path):
    data = layout(path)
    model = journey(path)
    found = clusters(data)
    assert [c["label"] for c in found] == [f"<B>{s.name}</B>" for s in model.stages]
    lefts = [float(c["bb"].split(",")[0]) for c in found]
    assert lefts == sorted(lefts)
    for cluster, stage in zip(found, model.stages, strict=True):
        members = {data["objects"][i]["name"] for i in cluster.get("nodes", [])}
        assert members == {s.id for s in model.steps if s.stage == stage.id}


def test_start_and_end_are_distinct_nodes_at_either_side():
    data = layout(ROOT / "examples" / "running-shoes.yaml")
    placed = nodes(data)
    start, end = placed["Start"], placed["End"]
    assert start["shape"] == end["shape"] == "ellipse"
    assert end["peripheries"] == "2" and "peripheries" not in start
    assert "Decides to start running" in start["label"]
    assert "Goes out running in the" in end["label"]
    steps = [n for name, n in placed.items() if name not in ("Start", "End")]
    assert {n["shape"] for n in steps} == {"box"}
    assert all(x(start["pos"]) < x(n["pos"]) < x(end["pos"]) for n in steps)


def test_one_node_per_step_and_edges_along_next_with_loops():
    data = layout(LOOP)
    names = [o["name"] for o in data["objects"]]
    model = journey(LOOP)
    assert sorted(n for n in nodes(data) if n not in ("Start", "End")
                  and not n.startswith("stage ")) == sorted(model.step_ids())
    edges = {(names[e["tail"]], names[e["head"]]): e for e in data["edges"]
             if e.get("style") != "invis"}
    assert set(edges) == {
        ("Start", "discover"), ("discover", "browse"), ("browse", "compare"), ("browse", "buy"),
        ("compare", "buy"), ("buy", "use"), ("use", "repurchase"), ("repurchase", "browse"),
        ("repurchase", "End"),
    }
    loop = edges[("repurchase", "browse")]
    assert loop["constraint"] == "false" and loop["style"] == "dashed"
    assert all("constraint" not in e for key, e in edges.items() if key != ("repurchase",
                                                                            "browse"))
    # The loop does not drag the layout: the journey still reads left to right.
    placed = nodes(data)
    order = ["Start", *model.step_ids(), "End"]
    assert [x(placed[n]["pos"]) for n in order] == sorted(x(placed[n]["pos"]) for n in order)


def test_an_empty_stage_keeps_its_place_with_a_note():
    data = layout(NASTY)
    found = clusters(data)
    assert [c["label"] for c in found][1] == "<B>Etapa sin pasos</B>"
    hole = data["objects"][found[1]["nodes"][0]]
    assert hole["name"] == "stage vacia" and "sin pasos en el mapa" in hole["label"]
    lefts = [float(c["bb"].split(",")[0]) for c in found]
    assert lefts == sorted(lefts)


def test_steps_are_filled_with_their_emotion_colour():
    placed = nodes(layout(LOOP))
    model = journey(LOOP)
    for step in model.steps:
        expected = EMOTION[step.emotion.score] if step.emotion else UNKNOWN
        assert placed[step.id]["fillcolor"] == expected.fill
        assert placed[step.id]["fontcolor"] == expected.text
    assert "dashed" in placed["repurchase"]["style"]  # no emotion recorded


def test_every_colour_is_written_rrggbb():
    for path in [*example_maps(), NASTY, LOOP]:
        source = render_dot(journey(path), RenderOptions(show=ALL)).decode()
        colours = re.findall(r'(?i)(?:color|fillcolor|fontcolor|bgcolor)="?([^"\s\]]+)',
                             source)
        assert colours, path
        assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours), (path, set(colours))


def test_pain_points_and_moments_of_truth_are_marked():
    placed = nodes(layout(ROOT / "examples" / "running-shoes.yaml"))
    assert placed["try-on"]["color"] == MOMENT_OF_TRUTH and placed["try-on"]["penwidth"] == "3"
    assert "★ Moment of truth" in placed["try-on"]["label"]
    assert "⚠ 1 pain point" in placed["shortlist"]["label"]
    assert "⚠" not in placed["buy"]["label"] and "★" not in placed["buy"]["label"]


def test_touchpoints_and_channels_only_on_request():
    path = ROOT / "examples" / "running-shoes.yaml"
    assert not any("Blog for new runners" in line for line in svg_lines(path))
    shown = " ".join(svg_lines(path, show=frozenset({"touchpoints"})))
    assert "◦ Blog for new runners (Blog)" in shown
    assert "◦ Recommendation from a friend (Word of mouth)" in shown


def test_user_text_shows_exactly_as_written():
    lines = svg_lines(NASTY, show=frozenset({"touchpoints"}))
    text = "".join("".join(lines).split())
    model = journey(NASTY)
    # Short strings come out whole; long ones are wrapped (a word longer than a line is cut
    # too), so those are compared without whitespace.
    assert model.title in lines
    assert 'Buyer persona: Ana "la <jefa>", \\N: #2; 👩🏽‍💻 · Estado actual' in lines
    assert 'Etapa <i>{x|y}</i> "q" \\l: #3; a, b' in lines
    assert "<inicio> & \"comillas\"" in lines and "fin \\G }|{" in lines
    for expected in [model.steps[0].name, model.steps[1].name, model.steps[2].name,
                     "−2 · " + '\\G "mal" & <peor>', 'Web | {form} ("chan" \\ <x>)']:
        assert "".join(expected.split()) in text, expected
    root = ET.fromstring(render_svg(model, RenderOptions()))
    assert not list(root.iter(f"{SVG_NS}script"))


def test_hovering_a_step_shows_its_description_or_name():
    root = ET.fromstring(render_svg(journey(NASTY), RenderOptions()))
    titles = {g.findtext(f"{SVG_NS}title"): a.get("{http://www.w3.org/1999/xlink}title")
              for g in root.iter(f"{SVG_NS}g") if g.get("class") == "node"
              for a in g.iter(f"{SVG_NS}a")}
    names = {step.id: " ".join(step.name.split()) for step in journey(NASTY).steps}
    assert titles[names["uno"]] == 'Línea 1 Línea 2 <script>alert(1)</script> & "q" \\N {a|b}'
    assert titles[names["cuatro"]] == '<a "b" \\N c>'
    assert titles[names["tres"]] == 'Section 8 \\\\ "fin"'


def test_labels_wrap_at_about_24_characters():
    lines = svg_lines(ROOT / "examples" / "running-shoes.yaml")
    assert "Reads about the models" in lines and "or tries them on" in lines
    assert max(len(line) for line in lines if "Reads about" in line) <= 24


def test_legend_explains_the_scores_in_the_map_language_or_lang():
    spanish = svg_lines(NASTY)
    assert {"Emoción", "−2 muy negativa", "0 neutra", "+2 muy positiva",
            "sin emoción registrada", "★ Momento de la verdad", "⚠ Puntos de dolor"} <= \
        set(spanish)
    english = svg_lines(NASTY, lang="en")
    assert {"Emotion", "−2 very negative", "+2 very positive", "no emotion recorded"} <= \
        set(english)
    assert "Emoción" not in english


def test_dot_output_is_deterministic():
    model = journey(NASTY)
    assert render_dot(model, RenderOptions()) == render_dot(journey(NASTY), RenderOptions())


@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n"),
                                            ("pdf", b"%PDF-")])
def test_cli_binary_formats_are_real_and_byte_identical_between_runs(fmt, magic, tmp_path):
    require("dot", "svg, png and pdf are drawn by Graphviz")
    outputs = []
    for run in ("a", "b"):
        target = tmp_path / f"{run}.{fmt}"
        done = subprocess.run(
            [sys.executable, "-m", "cjmap", "render", str(ROOT / "examples" / "running-shoes.yaml"),
             "--format", fmt, "-o", str(target)], capture_output=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(target.read_bytes())
    assert outputs[0].startswith(magic)
    assert outputs[0] == outputs[1]


def _path_without_dot(tmp_path: Path) -> str:
    # Only the Python running the tests: whatever else PATH held, `dot` is not reachable.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    return str(bin_dir)


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_missing_graphviz_is_explained_and_exits_2(fmt, run_cli, tmp_path):
    result = run_cli("render", "examples/running-shoes.yaml", "--format", fmt,
                     "--out-dir", str(tmp_path / "out"), env={"PATH": _path_without_dot(tmp_path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"'dot' program is needed for {fmt.upper()} output" in result.stderr
    for advice in ("apt-get install graphviz", "brew install graphviz", "graphviz.org"):
        assert advice in result.stderr
    assert not (tmp_path / "out").exists()


def test_dot_format_needs_no_graphviz(run_cli, tmp_path):
    result = run_cli("render", "examples/running-shoes.yaml", "--format", "dot", "-o", "-",
                     env={"PATH": _path_without_dot(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('digraph "running-shoes" {')


def test_missing_graphviz_is_said_once_for_many_maps(run_cli, tmp_path):
    result = run_cli("render", "examples", "--format", "svg", "--out-dir", str(tmp_path / "out"),
                     env={"PATH": _path_without_dot(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.count("'dot' program is needed") == 1
    assert result.stderr.startswith(f"cjmap: {len(example_maps())} maps: Graphviz's 'dot'")
    assert result.stderr.endswith("\nno map rendered\n")


def test_a_layout_that_runs_too_long_is_stopped_with_a_clear_error(monkeypatch):
    from cjmap.render import RenderError, graphviz

    require("dot", "the time limit applies to Graphviz's dot")
    monkeypatch.setattr(graphviz, "DOT_TIMEOUT", 1e-6)
    with pytest.raises(RenderError, match=r"did not finish laying out the map within 1e-06 s"):
        graphviz.render_svg(journey(LOOP), RenderOptions())


def test_dot_errors_are_passed_on_not_hidden():
    from cjmap.render import RenderError, graphviz

    require("dot", "errors come from Graphviz's dot")
    with pytest.raises(RenderError, match=r"Graphviz failed to draw the map: .*syntax error"):
        graphviz.run_dot("digraph { a -> }", "svg")


# Every character XML 1.0 cannot hold that YAML can carry, in every text the diagram shows.
UNDRAWABLE = "\\0\\x01\\x08\\x0e\\x1b[31m\\x1f\\uFFFE\\uFFFF"
UNDRAWABLE_MAP = f"""cjmap: 1
title: "Title {UNDRAWABLE}"
persona: "Persona {UNDRAWABLE}"
start: "Start {UNDRAWABLE}"
stages:
  - {{id: s, name: "Stage {UNDRAWABLE}"}}
steps:
  - name: "Step {UNDRAWABLE}"
    stage: s
    description: "Tooltip {UNDRAWABLE}"
    emotion: {{score: 1, label: "Feeling {UNDRAWABLE}"}}
    touchpoints: ["Touch {UNDRAWABLE}", {{name: Web, channel: "Channel {UNDRAWABLE}"}}]
"""
BACKSLASH = "\\"
LONG = 20_000
TOUCHPOINTS = ", ".join(f'"{i}{"t" * 400}"' for i in range(100))
LONG_MAP = f"""cjmap: 1
title: "{'T' * LONG}"
steps:
  - name: "{'n' * LONG}"
    description: '{'d' + BACKSLASH * LONG}'
    emotion: {{score: 1, label: "{'e ' * LONG}"}}
    touchpoints: [{TOUCHPOINTS}]
"""


def render_cli(tmp_path: Path, text: str, fmt: str) -> bytes:
    source = tmp_path / "map.yaml"
    source.write_text(text, encoding="utf-8")
    target = tmp_path / f"map.{fmt}"
    done = subprocess.run([sys.executable, "-m", "cjmap", "render", str(source), "--format",
                           fmt, "--touchpoints", "-o", str(target)],
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return target.read_bytes()


@pytest.mark.parametrize("text", [UNDRAWABLE_MAP, LONG_MAP], ids=["controls", "long"])
@pytest.mark.parametrize("fmt", ["dot", "svg", "png", "pdf"])
def test_any_valid_text_is_drawn_in_every_format(tmp_path, text, fmt):
    require("dot", "Graphviz draws (and, for .dot, reads) the output")
    data = render_cli(tmp_path, text, fmt)
    if fmt == "dot":
        done = dot(["-Tsvg"], data)
        assert done.returncode == 0 and done.stderr == b"", done.stderr
    elif fmt == "svg":
        ET.fromstring(data)
    else:
        assert data.startswith(b"%PDF-" if fmt == "pdf" else b"\x89PNG")


def svg_texts(data: bytes) -> tuple[list[str], list[str]]:
    """The text lines and the tooltips of an SVG."""
    root = ET.fromstring(data)
    tips = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in root.iter(f"{SVG_NS}a")]
    return [t.text or "" for t in root.iter(f"{SVG_NS}text")], tips


def test_characters_xml_cannot_hold_show_as_pictures(tmp_path):
    require("dot", "the SVG is drawn by Graphviz")
    texts, tips = svg_texts(render_cli(tmp_path, UNDRAWABLE_MAP, "svg"))
    # U+001F is whitespace to str.split, so it is one of the spaces the label collapses.
    assert "Title ␀␁␈␎␛[31m \ufffd\ufffd" in texts
    assert tips == ["Tooltip ␀␁␈␎␛[31m \ufffd\ufffd"]


def test_overlong_texts_are_cut_with_an_ellipsis(tmp_path):
    require("dot", "the SVG is drawn by Graphviz")
    texts, tips = svg_texts(render_cli(tmp_path, LONG_MAP, "svg"))
    assert f"{'T' * 499}…" in texts
    [tip] = tips
    # Cut where dot's 16,381-byte string ends: each backslash takes 20 bytes (&#92; four times).
    assert tip.endswith("…") and tip.startswith("d" + BACKSLASH * 10)
    assert len(tip) == (16_381 - 3 - 1) // 20 + 2
    assert "◦ … (+" in " ".join(texts)


def test_backslash_runs_in_a_tooltip_take_linear_time(tmp_path):
    # 10 KB of backslashes took 27 s before (a backtracking regex in the graphviz package);
    # 100 KB would take most of an hour. The 20 s timeout bounds it, however loaded the machine.
    source = tmp_path / "map.yaml"
    source.write_text("cjmap: 1\ntitle: T\nsteps:\n  - name: A\n"
                      f"    description: '{BACKSLASH * 100_000}'\n")
    done = subprocess.run([sys.executable, "-m", "cjmap", "render", str(source), "-f", "dot",
                           "-o", "-"], capture_output=True, timeout=20, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"&#92;") == 4 * ((16_381 - 3) // 20)


def test_an_svg_with_controls_in_a_description_loads_in_a_browser(tmp_path):
    require("dot", "the SVG is drawn by Graphviz")
    chromium = require("chromium", "the browser is the judge of a well-formed SVG")
    from playwright.sync_api import sync_playwright

    from tests.render.test_html import CHROMIUM_ARGS

    svg = tmp_path / "map.svg"
    svg.write_bytes(render_cli(tmp_path, UNDRAWABLE_MAP, "svg"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(svg.as_uri())
        errors = page.locator("parsererror").count()
        nodes = page.locator("g.node").count()
        browser.close()
    assert errors == 0 and nodes == 3


def dense_map(steps: int, fanout: int = 8, seed: int = 0) -> str:
    """A map whose layout keeps dot busy (and, at 2,000 steps, drove it past 13 GiB): each step
    leads to ``fanout`` others picked at random, the same for the same seed."""
    pick = random.Random(seed)
    lines = ["cjmap: 1", "title: Dense", "steps:"]
    for index in range(steps):
        targets = ", ".join(f"s{pick.randrange(steps)}" for _ in range(fanout))
        lines.append(f"  - {{id: s{index}, name: Step {index}, next: [{targets}]}}")
    return "\n".join(lines) + "\n"


def dot_children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == parent and (entry / "comm").read_text().strip() == "dot":
                    found.append(int(entry.name))
    return found


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for(condition: Callable[[], Any], seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_stops_dot_which_runs_alone_with_a_memory_limit(tmp_path):
    require("dot", "the process under test is Graphviz's dot")
    source = tmp_path / "dense.yaml"
    source.write_text(dense_map(300))
    cjmap_process = subprocess.Popen(
        [sys.executable, "-m", "cjmap", "render", str(source), "-f", "svg", "-o",
         str(tmp_path / "dense.svg")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "CJMAP_DOT_MEMORY_MB": "1536"})
    try:
        children = wait_for(lambda: dot_children(cjmap_process.pid), 60)
        assert children, "dot never started"
        [child] = children
        limits = Path(f"/proc/{child}/limits").read_text()
        group = os.getpgid(child)
        assert group == child != os.getpgid(cjmap_process.pid)
        cjmap_process.send_signal(signal.SIGTERM)
        assert cjmap_process.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        cjmap_process.kill()
        cjmap_process.communicate()
    assert re.search(rf"Max address space\s+{1536 * 2**20}\s+{1536 * 2**20}\s+bytes", limits)
    assert wait_for(lambda: not group_alive(group), 10), "dot outlived cjmap"


def test_dot_at_its_memory_limit_is_explained(run_cli, tmp_path):
    require("dot", "the limit applies to Graphviz's dot")
    source = tmp_path / "dense.yaml"
    source.write_text(dense_map(300))
    # 16 MiB start dot and then run out in the layout; 2 GiB would take that layout easily.
    result = run_cli("render", str(source), "-f", "svg", "-o", str(tmp_path / "out.svg"),
                     env={"CJMAP_DOT_MEMORY_MB": "16"})
    assert result.returncode == 2
    assert "at its memory limit of 16 MiB" in result.stderr
    assert "CJMAP_DOT_MEMORY_MB" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.svg").exists()


def svg_titles(path: Path, **options: Any) -> dict[str, list[str]]:
    """The ``<title>`` (what a browser shows on hover) of every node, edge and cluster."""
    root = ET.fromstring(render_svg(journey(path), RenderOptions(**options)))
    found: dict[str, list[str]] = {}
    for group in root.iter(f"{SVG_NS}g"):
        if group.get("class") in ("node", "edge", "cluster"):
            found.setdefault(group.get("class") or "", []).append(
                group.findtext(f"{SVG_NS}title") or "")
    return found


def test_svg_titles_name_what_they_title_in_the_map_language():
    path = ROOT / "examples" / "zapatillas-de-correr.yaml"
    model = journey(path)
    titles = svg_titles(path)
    assert set(titles["node"]) == {model.start.name, model.end.name,
                                   *(step.name for step in model.steps)}
    assert titles["cluster"] == [f"Etapa: {stage.name}" for stage in model.stages]
    assert f"{model.steps[0].name} → {model.steps[1].name}" in titles["edge"]
    assert all("->" not in t and "&#45;" not in t and "cluster_" not in t
               for group in titles.values() for t in group)


def test_a_moment_of_truth_with_pain_points_has_both_borders():
    model = journey(COURSE)
    both = next(s for s in model.steps if s.moment_of_truth and s.pain_points)
    placed = nodes(layout(COURSE))[both.id]
    # The purple border outside, the red one inside: an HTML-like table's two frames.
    assert placed["shape"] == "plain"
    assert f'BORDER="3" COLOR="{MOMENT_OF_TRUTH}"' in placed["label"]
    assert f'BORDER="2" COLOR="{PAIN}"' in placed["label"]


def test_legend_lists_only_what_the_map_uses():
    minimal = set(svg_lines(ROOT / "examples" / "minimal.yaml"))
    assert {"0 neutral", "−1 negative", "+2 very positive", "⚠ Pain points"} <= minimal
    assert not {"+1 positive", "−2 very negative", "★ Moment of truth",
                "no emotion recorded", "goes back to an earlier step"} & minimal
    assert "goes back to an earlier step" in " ".join(svg_lines(LOOP, lang="en"))


def test_per_persona_scores_are_in_the_box():
    shown = svg_lines(COURSE)
    assert "Laura: −1 · negative" in shown and "Marco: +1 · positive" in shown
    assert any(line.startswith("Emotion (fill: Laura)") for line in shown)


def test_opportunities_and_metrics_on_request_in_the_map_language():
    path = ROOT / "examples" / "zapatillas-de-correr.yaml"
    plain = " ".join(svg_lines(path))
    shown = " ".join(svg_lines(path, show=frozenset({"opportunities", "metrics"})))
    model = journey(path)
    opportunity = next(o for s in model.steps for o in s.opportunities)
    assert "OPORTUNIDADES" in shown and "MÉTRICAS" in shown
    assert opportunity.text.split()[0] in shown and "OPORTUNIDADES" not in plain


def font_sizes(data: dict[str, Any]) -> list[float]:
    """Every font size dot drew text with (the F operations of -Tjson's draw lists)."""
    found: list[float] = []
    for item in [data, *data.get("objects", []), *data.get("edges", [])]:
        for key in ("_ldraw_", "_hldraw_", "_tldraw_", "_hdraw_", "_tdraw_"):
            found += [op["size"] for op in item.get(key, []) if op.get("op") == "F"]
    return found


def twelve_steps(tmp_path: Path) -> Path:
    """A 12-step map in six stages, with names as long as real ones."""
    steps = "".join(
        f"  - {{name: Step {n} where the customer does something, stage: {stage}, "
        f"emotion: {(n % 5) - 2}, pain_points: [Something goes wrong]}}\n"
        for n, stage in enumerate(["discovery", "interest", "intent", "conversion",
                                   "satisfaction", "loyalty"] * 2))
    path = tmp_path / "twelve.yaml"
    path.write_text(f"cjmap: 1\ntitle: Twelve steps\nstages: six-phases\npersona: Sam\n"
                    f"steps:\n{steps}", encoding="utf-8")
    return path


def test_a_12_step_map_wrapped_is_readable_on_a_16_9_slide(tmp_path):
    path = twelve_steps(tmp_path)
    assert len(journey(path).steps) == 12
    data = layout(path, layout="wrap")
    _, _, width, height = (float(v) for v in data["bb"].split(","))
    # Fitted to 1920 × 1080 px (a slide at 100 %), a point of the drawing is this many pixels.
    fit = min(1920 / width, 1080 / height)
    assert min(font_sizes(data)) * fit >= 12, (width, height, min(font_sizes(data)))
    assert 1.2 <= width / height <= 2.6  # about the slide's shape, not a strip
    # Left to right, the same map is a strip whose text would be too small on that slide.
    wide = layout(path)
    _, _, wide_width, wide_height = (float(v) for v in wide["bb"].split(","))
    assert min(font_sizes(wide)) * min(1920 / wide_width, 1080 / wide_height) < 12


def test_wrap_puts_stages_on_rows_in_order_and_tb_stacks_them():
    path = ROOT / "examples" / "meal-kit-subscription.yaml"
    placed = nodes(layout(path, layout="wrap"))
    model = journey(path)
    ys = [float(placed[step.id]["pos"].split(",")[1]) for step in model.steps]
    # A row is a band of nodes about level with one another (boxes differ in height).
    row = [0]
    for before, after in itertools.pairwise(ys):
        row.append(row[-1] + (before - after > 60))
    assert 2 <= row[-1] + 1 <= 4
    assert all(0 <= b - a <= 1 for a, b in itertools.pairwise(row))  # rows top to bottom
    for (a, row_a), (b, row_b) in itertools.pairwise(zip(model.steps, row, strict=True)):
        if row_a == row_b:
            assert x(placed[a.id]["pos"]) < x(placed[b.id]["pos"])
        else:
            assert x(placed[b.id]["pos"]) < x(placed[a.id]["pos"])  # back to the left
    tall = nodes(layout(path, layout="tb"))
    ys = [float(tall[s.id]["pos"].split(",")[1]) for s in model.steps]
    assert ys == sorted(ys, reverse=True)


def test_png_scale_sets_the_resolution(tmp_path):
    model = journey(ROOT / "examples" / "minimal.yaml")
    one = render_png(model, RenderOptions())
    two = render_png(model, RenderOptions(scale=2))
    width = lambda png: int.from_bytes(png[16:20], "big")  # noqa: E731
    assert abs(width(two) - 2 * width(one)) <= 2


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("en", "⚠ 1 pain point", "⚠ 2 pain points"),
    ("es", "⚠ 1 punto de dolor", "⚠ 2 puntos de dolor"),
])
def test_a_count_of_pain_points_agrees_with_its_number(tmp_path: Path, lang: str, one: str,
                                                       two: str) -> None:
    path = tmp_path / "counted.yaml"
    path.write_text("cjmap: 1\ntitle: Counting\nsteps:\n"
                    "  - {id: a, name: Looks, pain_points: [Slow]}\n"
                    "  - {id: b, name: Buys, pain_points: [Queue, Card declined]}\n",
                    encoding="utf-8")
    placed = nodes(layout(path, lang=lang))
    assert one in placed["a"]["label"] and two in placed["b"]["label"]
