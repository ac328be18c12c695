from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def _map(*metrics: str) -> str:
    return HEAD + "steps:\n  - name: Buys\n    metrics:\n" + "".join(
        f"      - {metric}\n" for metric in metrics)


def test_an_actual_below_its_target() -> None:
    found = findings("metric-off-target", _map(
        "{name: Checkout completion, actual: 71, target: 75, unit: '%'}",
        "{name: Organic visits, actual: 12000, target: 20000, unit: visits/month}",
        "{name: CSAT, kind: csat, actual: 4.5, target: 4.3, unit: /5}"))
    assert [(f.path, f.message) for f in found] == [
        (("steps", 0, "metrics", 0, "actual"),
         "metric 'Checkout completion' in step 'Buys' misses its target: 71% against 75% "
         "(higher is better)"),
        (("steps", 0, "metrics", 1, "actual"),
         "metric 'Organic visits' in step 'Buys' misses its target: 12,000 visits/month against "
         "20,000 visits/month (higher is better)"),
    ]


def test_lower_is_better() -> None:
    found = findings("metric-off-target", _map(
        "{name: Exit rate, actual: 48, target: 35, better: lower}",
        "{name: Returns, actual: 4, target: 5, better: lower}"))
    assert [f.message for f in found] == [
        "metric 'Exit rate' in step 'Buys' misses its target: 48 against 35 (lower is better)"]


def test_on_target_and_incomplete_metrics_pass() -> None:
    assert findings("metric-off-target", _map(
        "{name: Exactly on target, actual: 75, target: 75}",
        "{name: No target, actual: 3}", "{name: No actual, target: 3}", "Just a name")) == []


def test_tolerance_lets_small_misses_pass() -> None:
    # A percentage, whole or not: configuration accepts both for a float default.
    text = _map("{name: Checkout completion, actual: 71, target: 75}",
                "{name: Exit rate, actual: 37, target: 35, better: lower}")
    assert len(findings("metric-off-target", text, tolerance=5)) == 2  # 5.3 % and 5.7 % off
    assert findings("metric-off-target", text, tolerance=6) == []
    assert findings("metric-off-target", text, tolerance=5.5) == [
        f for f in findings("metric-off-target", text) if f.path[3] == 1]


def test_a_gap_an_opportunity_addresses_is_answered() -> None:
    import re

    from cjmap.lint.rules import RULES

    answered = re.search(r"Passes too.*?```yaml\n(.*?)```", RULES["metric-off-target"].__doc__
                         or "", re.DOTALL)
    assert answered is not None
    assert findings("metric-off-target", answered.group(1)) == []
    unanswered = answered.group(1).replace("addresses: [exit-rate]", "addresses: []")
    assert len(findings("metric-off-target", unanswered)) == 1


def test_the_newest_value_is_checked_whether_actual_or_history() -> None:
    recovered = _map("{name: Checkout, actual: 71, as_of: 2026-09-01, target: 75, "
                     "history: [{as_of: 2026-10-01, actual: 76}]}")
    assert findings("metric-off-target", recovered) == []
    slipped = _map("{name: Checkout, actual: 78, as_of: 2026-09-01, target: 75, "
                   "history: [{as_of: 2026-08-01, actual: 80}, {as_of: 2026-10-01, actual: 70}]}")
    assert [(f.path, f.message) for f in findings("metric-off-target", slipped)] == [
        (("steps", 0, "metrics", 0, "history", 1, "actual"),
         "metric 'Checkout' in step 'Buys' misses its target: 70 against 75 (higher is better)")]
    # An undated actual is the figure the map states now, whatever its history says.
    undated = _map("{name: Checkout, actual: 70, target: 75, "
                   "history: [{as_of: 2026-10-01, actual: 80}]}")
    assert [f.path for f in findings("metric-off-target", undated)] == [
        ("steps", 0, "metrics", 0, "actual")]
