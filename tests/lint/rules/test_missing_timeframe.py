from tests.lint.rules.helpers import findings

RULE = "missing-timeframe"
BARE = "cjmap: 1\ntitle: T\nsteps: [Searches, Buys]\n"
MESSAGE = "the map gives no timeframe: does the journey take hours, days, weeks or years?"


def test_reported_where_it_would_be_written() -> None:
    found = findings(RULE, BARE)
    assert [(f.path, f.message) for f in found] == [(('timeframe',), MESSAGE)]
    assert found[0].hint


def test_silent_when_given() -> None:
    assert findings(RULE, BARE + "timeframe: 3 weeks\n") == []
    assert findings(RULE, BARE + "timeframe: 2 semanas\n") == []
