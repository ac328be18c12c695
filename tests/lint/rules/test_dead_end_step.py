from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_a_loop_without_a_way_out_is_reported_once_where_it_closes() -> None:
    found = findings("dead-end-step", HEAD + """\
steps:
  - {id: subscribe, name: Se suscribe}
  - {id: enjoy, name: Disfruta del servicio}
  - {id: renew, name: Renueva, next: [enjoy]}
""")
    assert [(f.path, f.message) for f in found] == [(
        ("steps", 2, "next"),
        "the end cannot be reached from step 'Renueva': the loop through 'Disfruta del "
        "servicio', 'Renueva' has no way out")]


def test_an_empty_next() -> None:
    found = findings("dead-end-step", HEAD + """\
steps:
  - {id: a, name: Searches, next: [b, c]}
  - {id: b, name: Gives up, next: []}
  - {id: c, name: Buys}
""")
    assert [(f.path, f.message, f.hint) for f in found] == [(
        ("steps", 1, "next"), "the end cannot be reached from step 'Gives up': its 'next' is "
        "empty", "name the step that follows, or 'end'")]


def test_a_step_that_leads_to_itself() -> None:
    found = findings("dead-end-step", HEAD + """\
steps:
  - {id: a, name: Searches}
  - {id: b, name: Keeps searching, next: b}
""")
    assert [f.message for f in found] == [
        "the end cannot be reached from step 'Keeps searching': it only leads back to itself"]


def test_loops_with_a_way_out_pass() -> None:
    assert findings("dead-end-step", HEAD + """\
steps:
  - {id: buy, name: Buys}
  - {id: use, name: Uses, next: [buy, return]}
  - {id: return, name: Comes back, next: [use, end]}
""") == []


def test_unreachable_traps_are_left_to_unreachable_step() -> None:
    assert findings("dead-end-step", HEAD + """\
steps:
  - {id: a, name: A, next: end}
  - {id: b, name: B, next: [b]}
""") == []
