from tests.lint.rules.helpers import findings

RULE = "missing-objectives"
BARE = "cjmap: 1\ntitle: T\nsteps: [Searches, Buys]\n"
MESSAGE = "the map states no objectives: what should it help find out or improve?"


def test_reported_where_it_would_be_written() -> None:
    found = findings(RULE, BARE)
    assert [(f.path, f.message) for f in found] == [(('objectives',), MESSAGE)]
    assert found[0].hint


def test_silent_when_given() -> None:
    assert findings(RULE, BARE + "objectives: [Lose fewer buyers at checkout]\n") == []
    assert findings(RULE, BARE + "objectives:\n  - Perder menos compradores\n") == []


def test_an_empty_list_points_at_its_key() -> None:
    found = findings(RULE, BARE + "objectives: []\n")
    assert [(f.path, f.key, f.message) for f in found] == [(("objectives",), True, MESSAGE)]
