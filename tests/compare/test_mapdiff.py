"""The changes between two versions of a map, from real files on disk through the loader: what
each kind of change looks like, and that form alone (a ``cjmap fmt`` run, comments, key order,
shorthands) is no change."""

import shutil
import subprocess
import sys
from pathlib import Path

from cjmap import load
from cjmap.compare.changes import Change
from cjmap.compare.mapdiff import diff_journeys
from cjmap.compare.match import moved
from tests.conftest import EXAMPLES

SHOES = EXAMPLES / "running-shoes.yaml"


def changes(tmp_path: Path, old: str, new: str) -> list[Change]:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    before, after = load(tmp_path / "old.yaml").journey, load(tmp_path / "new.yaml").journey
    assert before is not None and after is not None
    return diff_journeys(before, after)


def kinds(found: list[Change]) -> list[tuple[str, str | None, object, object]]:
    return [(c.kind, c.step, c.old, c.new) for c in found]


BASE = """\
cjmap: 1
title: Buying running shoes
steps:
  - id: search
    name: Searches for shoe information online
    stage: consideration
    emotion: 0
    touchpoints:
      - name: Blog
        channel: Blog
        owner: Content team
        quality: {simple: 4, relevant: 5}
    pain_points:
      - {id: overload, text: Too much contradictory information}
  - id: shortlist
    name: Narrows down to a few models
    stage: evaluation
    emotion: -1
    opportunities:
      - {id: finder, text: A shoe finder, priority: medium, addresses: []}
    metrics:
      - {id: exit, name: Exit rate, actual: 48, target: 35, unit: "%", better: lower}
  - id: buy
    name: Buys the shoes
    stage: purchase
"""


def test_the_example_against_itself_is_no_change(tmp_path: Path) -> None:
    text = SHOES.read_text("utf-8")
    assert changes(tmp_path, text, text) == []


def test_a_fmt_run_comments_key_order_and_shorthands_are_no_change(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(SHOES, copy)
    # Long form where the example is short, keys reordered, a comment: the same map.
    text = copy.read_text("utf-8").replace(
        "emotion: {score: 0, label: curious}",
        "emotion:   # how she feels\n      label: curious\n      score: 0")
    copy.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cjmap", "fmt", str(copy)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert copy.read_text("utf-8") != SHOES.read_text("utf-8")
    assert changes(tmp_path, SHOES.read_text("utf-8"), copy.read_text("utf-8")) == []


def test_steps_added_removed_renamed_and_moved_to_another_stage(tmp_path: Path) -> None:
    new = (BASE.replace("  - id: buy\n    name: Buys the shoes\n    stage: purchase\n",
                        "  - id: buy-online\n    name: Buys the shoes online\n"
                        "    stage: purchase\n  - name: Goes for a first run\n")
           .replace("    stage: evaluation\n", "    stage: consideration\n"))
    found = changes(tmp_path, BASE, new)
    assert ("step-renamed", "buy-online", "Buys the shoes", "Buys the shoes online") \
        in kinds(found)
    assert ("step-stage", "shortlist", "evaluation", "consideration") in kinds(found)
    assert ("step-added", "goes-for-a-first-run", None, None) in kinds(found)
    assert not [c for c in found if c.kind == "step-removed"]
    gone = changes(tmp_path, BASE, BASE.replace("  - id: buy\n    name: Buys the shoes\n"
                                                "    stage: purchase\n", ""))
    assert kinds(gone) == [("step-removed", "buy", None, None)]


def test_a_step_moved_is_one_move_not_every_step_it_passed() -> None:
    assert moved([(0, 0), (1, 1), (2, 2), (3, 3)]) == set()
    # The step at old index 3 moved to the front: only it moved.
    assert moved([(3, 0), (0, 1), (1, 2), (2, 3)]) == {0}


def test_a_step_moved_in_the_list(tmp_path: Path) -> None:
    search, rest = BASE.split("  - id: shortlist\n")
    head, first = search.split("  - id: search\n")
    new = head + "  - id: shortlist\n" + rest + "  - id: search\n" + first
    found = changes(tmp_path, BASE, new)
    assert [(c.kind, c.step, c.old, c.new) for c in found if c.kind == "step-position"] == [
        ("step-position", "search", 1, 3)]


def test_emotions_touchpoints_pain_points_opportunities_and_metrics(tmp_path: Path) -> None:
    new = (BASE.replace("emotion: -1", "emotion: 1")
           .replace("quality: {simple: 4, relevant: 5}", "quality: {simple: 2, relevant: 5}")
           .replace("owner: Content team", "owner: Growth team")
           .replace("      - {id: overload, text: Too much contradictory information}\n",
                    "      - {id: jargon, text: Jargon nobody explains}\n")
           .replace("priority: medium, addresses: []", "priority: high, addresses: [exit]")
           .replace("actual: 48", "actual: 31"))
    found = kinds(changes(tmp_path, BASE, new))
    assert found == [
        ("touchpoint-quality", "search", 4, 2),
        ("touchpoint-owner", "search", "Content team", "Growth team"),
        ("pain-point-opened", "search", None, None),
        ("pain-point-closed", "search", None, None),
        ("emotion", "shortlist", -1, 1),
        ("opportunity-priority", "shortlist", "medium", "high"),
        ("opportunity-addresses", "shortlist", [], ["exit"]),
        ("metric-actual", "shortlist", 48, 31),
        ("metric-met", "shortlist", 35, None),
    ]


def test_emotion_per_persona(tmp_path: Path) -> None:
    old = BASE.replace("title: Buying running shoes\n", "title: Buying running shoes\n"
                       "personas: [{id: laura, name: Laura}, {id: marco, name: Marco}]\n")
    old = old.replace("emotion: -1", "emotion: {laura: -1, marco: 1}")
    new = old.replace("emotion: {laura: -1, marco: 1}", "emotion: {laura: -1, marco: -2}")
    found = changes(tmp_path, old, new)
    assert [(c.kind, c.detail, c.old, c.new) for c in found] == [("emotion", "marco", 1, -2)]


def test_the_map_review_and_state(tmp_path: Path) -> None:
    old = BASE + "review: {last_reviewed: 2026-01-10, cadence: yearly}\n"
    new = (BASE.replace("title: Buying running shoes", "title: Buying shoes\nstate: future")
           + "review: {last_reviewed: 2026-11-02, cadence: quarterly, owner: CX lead}\n")
    assert kinds(changes(tmp_path, old, new)) == [
        ("title", None, "Buying running shoes", "Buying shoes"),
        ("state", None, "current", "future"),
        ("review-date", None, "2026-01-10", "2026-11-02"),
        ("review-cadence", None, "yearly", "quarterly"),
        ("review-owner", None, None, "CX lead"),
    ]
