from tests.lint.rules.helpers import findings

RULE = "missing-persona"
BARE = "cjmap: 1\ntitle: T\nsteps: [Searches, Buys]\n"
MESSAGE = "the map names no persona: whose journey is it?"


def test_reported_where_it_would_be_written() -> None:
    found = findings(RULE, BARE)
    assert [(f.path, f.message) for f in found] == [(('persona',), MESSAGE)]
    assert found[0].hint


def test_silent_when_given() -> None:
    assert findings(RULE, BARE + "persona: Laura\n") == []
    assert findings(RULE, BARE + "persona: {name: Laura, participation: influencer}\n") == []
