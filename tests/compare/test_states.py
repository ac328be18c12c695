"""A future-state map beside the current-state map it improves, from real files: kept, changed,
new and eliminated steps, and the emotion and metric deltas an overlay of the two curves reads."""

from pathlib import Path

from cjmap import load
from cjmap.compare.states import compare_states
from tests.conftest import EXAMPLES

FUTURE = """\
cjmap: 1
title: Buying a first pair of running shoes, as it should be
state: future
improves: running-shoes.yaml
steps:
  - id: search-online
    name: Searches for shoe information online
    stage: consideration
    emotion: {score: 0, label: curious}
  - name: Answers the shoe finder's five questions
    stage: evaluation
    replaces: [shortlist, try-on]
    emotion: 2
    metrics:
      - {name: Comparison page exit rate, actual: 20, target: 35, unit: "%", better: lower}
  - name: Buys the shoes
    id: buy
    stage: purchase
    emotion: 2
  - name: Books a gait analysis
    replaces: []
    stage: purchase
"""


def test_kept_changed_new_and_eliminated(tmp_path: Path) -> None:
    current = load(EXAMPLES / "running-shoes.yaml").journey
    path = tmp_path / "future.yaml"
    path.write_text(FUTURE, encoding="utf-8")
    future = load(path).journey
    assert current is not None and future is not None
    found = compare_states(current, future)
    # search-online is the same step in its own words: kept, though the future map writes
    # less of it (its touchpoints go: the step changed).
    fates = [(s.step, s.fate, s.replaces) for s in found.steps]
    assert fates == [
        ("search-online", "changed", ["search-online"]),
        ("answers-the-shoe-finder-s-five-questions", "changed", ["shortlist", "try-on"]),
        ("buy", "changed", ["buy"]),
        ("books-a-gait-analysis", "new", []),
    ]
    assert [s.step for s in found.eliminated] == ["ask-friends", "ask-shop", "choose-model",
                                                  "take-home"]
    finder = found.steps[1]
    # The mean of the two steps it replaces (−1 and +1), and its own.
    assert (finder.current_emotion, finder.future_emotion) == (0, 2)
    assert [(m.metric, m.current, m.future, m.target) for m in finder.metrics] == [
        ("Comparison page exit rate", 48, 20, 35)]
    assert found.steps[2].current_emotion == 1 and found.steps[2].future_emotion == 2
    assert found.steps[3].current_emotion is None


def test_a_step_that_changes_nothing_is_kept(tmp_path: Path) -> None:
    current = load(EXAMPLES / "running-shoes.yaml").journey
    assert current is not None
    text = (EXAMPLES / "running-shoes.yaml").read_text("utf-8").replace(
        "state: current", "state: future\nimproves: running-shoes.yaml")
    path = tmp_path / "future.yaml"
    path.write_text(text.replace("emotion: {score: 2, label: delighted}", "emotion: 1"),
                    encoding="utf-8")
    future = load(path).journey
    assert future is not None
    found = compare_states(current, future)
    assert [s.fate for s in found.steps] == ["kept"] * 7 + ["changed"]
    assert found.eliminated == []
    assert [(c.kind, c.old, c.new) for c in found.steps[-1].changes] == [("emotion", 2, 1)]
