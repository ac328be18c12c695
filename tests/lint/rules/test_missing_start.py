from tests.lint.rules.helpers import findings

RULE = "missing-start"
BARE = "cjmap: 1\ntitle: T\nsteps: [Searches, Buys]\n"
MESSAGE = "the map has no start point: the moment the customer's need arises"


def test_reported_where_it_would_be_written() -> None:
    found = findings(RULE, BARE)
    assert [(f.path, f.message) for f in found] == [(('start',), MESSAGE)]
    assert found[0].hint


def test_silent_when_given() -> None:
    assert findings(RULE, BARE + "start: Decides to start running\n") == []
    assert findings(RULE, BARE + "start:\n  name: Decide empezar a correr\n"
                    "  description: Antes de pensar en zapatillas\n") == []
