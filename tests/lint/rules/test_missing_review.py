from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\nsteps: [Searches, Buys]\n"


def test_no_review_at_all() -> None:
    found = findings("missing-review", HEAD)
    assert [(f.path, f.message) for f in found] == [
        (("review",), "the map has no review date: a map is a living document")]


def test_a_review_without_date_or_cadence() -> None:
    assert [(f.path, f.message) for f in findings(
        "missing-review", HEAD + "review:\n  owner: CX lead\n")] == [
        (("review", "last_reviewed"), "the map's review has no 'last_reviewed' date"),
        (("review", "cadence"), "the map's review has no 'cadence'"),
    ]
    assert [f.path for f in findings("missing-review", HEAD + "review: {cadence: trimestral}\n")
            ] == [("review", "last_reviewed")]


def test_a_complete_review_passes() -> None:
    assert findings("missing-review",
                    HEAD + "review: {last_reviewed: 2026-10-01, cadence: 90d}\n") == []
