from tests.lint.rules.helpers import findings

RULE = "missing-end"
BARE = "cjmap: 1\ntitle: T\nsteps: [Searches, Buys]\n"
MESSAGE = "the map has no end point: the moment the customer is done"


def test_reported_where_it_would_be_written() -> None:
    found = findings(RULE, BARE)
    assert [(f.path, f.message) for f in found] == [(('end',), MESSAGE)]
    assert found[0].hint


def test_silent_when_given() -> None:
    assert findings(RULE, BARE + "end:\n  name: Goes out running in the new shoes\n") == []
    assert findings(RULE, BARE + "end: Sale a estrenarlas\n") == []
