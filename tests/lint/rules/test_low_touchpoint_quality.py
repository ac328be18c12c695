from pathlib import Path

from tests.lint.rules.helpers import findings
from tests.lintkit import lint, write

HEAD = "cjmap: 1\ntitle: T\n"
MAP = HEAD + """\
steps:
  - name: Compara modelos
    touchpoints:
      - name: Página de comparación
        quality: {simple: 2, appropriate: 4, relevant: 3, personal: 1}
      - {name: Reviews, quality: {engaging: 5}}
      - Search results
  - name: Asks for a refund
    touchpoints:
      - name: Refunds
        quality: {simple: 1, appropriate: 3, engaging: 1}
"""


def test_one_finding_per_touchpoint_names_every_weak_quality_ties_included() -> None:
    found = findings("low-touchpoint-quality", MAP)
    assert [(f.path, f.message, f.hint, f.minor) for f in found] == [
        (("steps", 0, "touchpoints", 0, "quality"),
         "touchpoint 'Página de comparación' in step 'Compara modelos' scores below 3 of 5 on "
         "personal (1) and simple (2)",
         "to raise them to 3 or more: adapt it to each customer's needs (personal); make it "
         "easy to understand and to use (simple)", False),
        (("steps", 1, "touchpoints", 0, "quality"),
         "touchpoint 'Refunds' in step 'Asks for a refund' scores below 3 of 5 on simple (1) "
         "and engaging (1)",
         "to raise them to 3 or more: make it easy to understand and to use (simple); give "
         "customers what they want (engaging)", False),
    ]


def test_a_fair_score_below_a_raised_minimum_is_one_level_lower() -> None:
    found = findings("low-touchpoint-quality", HEAD + "steps:\n  - name: Pays\n"
                     "    touchpoints: [{name: Checkout, quality: {relevant: 3, simple: 4}}]\n",
                     min_score=4)
    assert [(f.message, f.hint, f.minor) for f in found] == [(
        "touchpoint 'Checkout' in step 'Pays' scores below 4 of 5 on relevant (3)",
        "to raise it to 4 or more: give what the customer expects at this stage (relevant)",
        True)]


def test_the_engine_reports_poor_scores_as_warnings_and_fair_ones_as_infos(
        tmp_path: Path) -> None:
    text = HEAD + """\
steps:
  - name: Pays
    touchpoints:
      - {name: Checkout, quality: {relevant: 3}}
      - {name: Card form, quality: {simple: 2, relevant: 3}}
"""
    found = lint(write(tmp_path, text), cli_select=("low-touchpoint-quality",),
                 rules={"low-touchpoint-quality": {"min-score": 4}})
    assert [(d.line, d.severity) for d in found] == [(6, "info"), (7, "warning")]


def test_min_score_option() -> None:
    assert len(findings("low-touchpoint-quality", MAP, min_score=4)) == 2
    assert findings("low-touchpoint-quality", MAP, min_score=1) == []


def test_the_touchpoints_of_stages_are_scored_too() -> None:
    found = findings("low-touchpoint-quality", HEAD + "stages:\n  - id: before\n"
                     "    touchpoints: [{name: Ads, quality: {personal: 2}}]\n")
    assert [f.message for f in found] == [
        "touchpoint 'Ads' of stage 'Before the purchase' scores below 3 of 5 on personal (2)"]


def test_every_quality_has_advice() -> None:
    from cjmap.format.model import Quality
    from cjmap.lint.rules import low_touchpoint_quality

    assert list(low_touchpoint_quality._ADVICE) == list(Quality.model_fields)
