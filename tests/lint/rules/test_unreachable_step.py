from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_a_step_skipped_by_the_next_of_the_step_before() -> None:
    found = findings("unreachable-step", HEAD + """\
steps:
  - {id: trial, name: Starts a free trial, next: subscribe}
  - {id: compare, name: Compara planes}
  - {id: subscribe, name: Subscribes}
""")
    assert [(f.path, f.message, f.hint) for f in found] == [(
        ("steps", 1, "name"), "step 'Compara planes' cannot be reached from the start",
        "the step before it, 'Starts a free trial', goes to subscribe: add 'compare' to its "
        "'next', or remove the step")]


def test_a_skipped_branch_is_reported_once_at_its_first_step() -> None:
    found = findings("unreachable-step", HEAD + """\
steps:
  - {id: a, name: A, next: [d]}
  - {id: b, name: B}
  - {id: c, name: C, next: [b, d]}
  - {id: d, name: D}
""")
    assert [(f.path, f.message) for f in found] == [(
        ("steps", 1, "name"),
        "step 'B' cannot be reached from the start, and neither can the 1 step after it")]


def test_an_isolated_loop_is_reported_once() -> None:
    found = findings("unreachable-step", HEAD + """\
steps:
  - {id: a, name: A, next: end}
  - {id: b, name: B}
  - {id: c, name: C, next: [b]}
""")
    assert [f.path for f in found] == [("steps", 1, "name")]
    assert found[0].hint == "the step before it, 'A', goes to end: add 'b' to its 'next', or " \
        "remove the step"


def test_branches_and_loops_that_reach_every_step_pass() -> None:
    assert findings("unreachable-step", HEAD + """\
stages: six-phases
steps:
  - {id: discover, name: Hears about it, stage: discovery}
  - {id: trial, name: Starts a trial, stage: interest, next: [subscribe, leave]}
  - {id: leave, name: Leaves, next: end}
  - {id: subscribe, name: Subscribes, stage: conversion}
  - {id: enjoy, name: Enjoys it, stage: satisfaction}
  - {id: renew, name: Renews, stage: loyalty, next: [enjoy, end]}
""") == []
