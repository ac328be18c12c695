from datetime import date

from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\nreview: {last_reviewed: 2026-10-01, cadence: quarterly}\n"  # 91 days


def _map(metric: str, head: str = HEAD) -> str:
    return head + f"steps:\n  - name: Buys\n    metrics:\n      - {metric}\n"


def test_a_value_older_than_the_cadence_is_stale() -> None:
    found = findings("stale-metric", _map("{name: Checkout, actual: 71, as_of: 2026-08-01}"),
                     today=date(2026, 11, 23))
    assert [(f.path, f.message) for f in found] == [(
        ("steps", 0, "metrics", 0, "as_of"),
        "metric 'Checkout' in step 'Buys' was last measured on August 1, 2026, 114 days ago: "
        "longer than the map's review cadence (quarterly)")]


def test_on_the_last_day_of_the_cadence_it_is_not_stale() -> None:
    text = _map("{name: Checkout, actual: 71, as_of: 2026-08-24}")
    assert findings("stale-metric", text, today=date(2026, 11, 23)) == []  # 91 days
    assert len(findings("stale-metric", text, today=date(2026, 11, 24))) == 1


def test_the_newest_value_counts_whether_actual_or_history() -> None:
    newer_in_history = _map("{name: Checkout, actual: 71, as_of: 2026-01-01, "
                            "history: [{as_of: 2026-11-01, actual: 73}]}")
    assert findings("stale-metric", newer_in_history, today=date(2026, 11, 23)) == []
    old_history = _map("{name: Checkout, actual: 71, as_of: 2026-01-01, "
                       "history: [{as_of: 2025-11-01, actual: 73}]}")
    assert [f.path for f in findings("stale-metric", old_history, today=date(2026, 11, 23))] \
        == [("steps", 0, "metrics", 0, "as_of")]
    only_history = _map("{name: Checkout, history: [{as_of: 2026-01-01, actual: 7}, "
                        "{as_of: 2026-02-01, actual: 8}]}")
    assert [f.path for f in findings("stale-metric", only_history, today=date(2026, 11, 23))] \
        == [("steps", 0, "metrics", 0, "history", 1, "as_of")]


def test_undated_values_and_maps_without_a_cadence_are_not_checked() -> None:
    assert findings("stale-metric", _map("{name: Checkout, actual: 71}")) == []
    undated_actual = _map("{name: Checkout, actual: 71, history: [{as_of: 2020-01-01, "
                          "actual: 60}]}")
    assert findings("stale-metric", undated_actual) == []
    no_cadence = _map("{name: Checkout, actual: 71, as_of: 2020-01-01}", "cjmap: 1\ntitle: T\n")
    assert findings("stale-metric", no_cadence) == []
    assert len(findings("stale-metric", no_cadence, default_cadence="90d")) == 1


def test_grace_days() -> None:
    text = _map("{name: Checkout, actual: 71, as_of: 2026-08-01}")
    assert findings("stale-metric", text, today=date(2026, 11, 23), grace_days=23) == []
    assert len(findings("stale-metric", text, today=date(2026, 11, 23), grace_days=22)) == 1


def test_the_message_in_spanish() -> None:
    from cjmap import i18n

    i18n.use("es")
    assert [f.message for f in findings("stale-metric", _map(
        "{name: Pagos, actual: 71, as_of: 2026-08-01}"), today=date(2026, 11, 23))] == [
        "la métrica 'Pagos' del paso 'Buys' se midió por última vez el 1 de agosto de 2026, "
        "hace 114 días: más que la cadencia de revisión del mapa (quarterly)"]
