from datetime import date

from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\nsteps: [Searches, Buys]\n"
QUARTERLY = HEAD + "review: {last_reviewed: 2026-06-01, cadence: quarterly}\n"  # due 2026-08-31


def test_past_the_review_date() -> None:
    found = findings("review-overdue", QUARTERLY, today=date(2026, 11, 23))
    assert [(f.path, f.message) for f in found] == [(
        ("review", "last_reviewed"),
        "the map's review was due on August 31, 2026 (quarterly after June 1, 2026), 84 days "
        "ago")]


def test_one_day_late_and_cadences_in_days_and_spanish() -> None:
    assert [f.message for f in findings(
        "review-overdue", HEAD + "review: {last_reviewed: 2026-01-01, cadence: 30d}\n",
        today=date(2026, 2, 1))] == [
        "the map's review was due on January 31, 2026 (30d after January 1, 2026), 1 day ago"]
    assert len(findings("review-overdue", HEAD + "review: {last_reviewed: 2025-01-01, "
                        "cadence: anual}\n", today=date(2026, 1, 2))) == 1


def test_on_the_due_date_it_is_not_late() -> None:
    assert findings("review-overdue", QUARTERLY, today=date(2026, 8, 31)) == []


def test_grace_days() -> None:
    assert findings("review-overdue", QUARTERLY, today=date(2026, 9, 10), grace_days=10) == []
    assert len(findings("review-overdue", QUARTERLY, today=date(2026, 9, 11),
                        grace_days=10)) == 1


def test_without_a_date_or_a_cadence_there_is_nothing_to_be_late_for() -> None:
    for review in ("", "review: {cadence: 90d}\n", "review: {last_reviewed: 2020-01-01}\n"):
        assert findings("review-overdue", HEAD + review, today=date(2026, 11, 23)) == []


def test_reviews_due_at_the_end_of_the_calendar() -> None:
    on_the_last_day = HEAD + "review: {last_reviewed: 9999-12-01, cadence: 30d}\n"
    assert findings("review-overdue", on_the_last_day, today=date.max) == []
    a_month_before = HEAD + "review: {last_reviewed: 9999-11-01, cadence: 30d}\n"
    assert [f.message for f in findings("review-overdue", a_month_before, today=date.max)] == [
        "the map's review was due on December 1, 9999 (30d after November 1, 9999), 30 days "
        "ago"]


def test_the_dates_and_days_are_written_as_spanish_writes_them() -> None:
    from cjmap import i18n

    i18n.use("es")
    assert [f.message for f in findings("review-overdue", QUARTERLY,
                                        today=date(2026, 11, 23))] == [
        "la revisión del mapa vencía el 31 de agosto de 2026 (quarterly después del 1 de junio "
        "de 2026), hace 84 días"]
