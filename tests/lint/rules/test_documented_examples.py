"""Every registered rule documents a failing and a passing map, and both do what they say when
the real lint engine runs every rule on them; the example maps of the repository are clean."""

from pathlib import Path

import pytest

import cjmap
from cjmap.lint.config import Settings
from cjmap.lint.engine import lint_file, run_rules
from cjmap.lint.rules import RULES
from tests.conftest import ROOT, example_maps
from tests.lint.rules.helpers import TODAY, context, examples


def _rules_found(text: str) -> set[str]:
    # Each result starts with the rule id; the rest is the engine's business.
    return {found[0] for found in run_rules(context(text), text, Settings(root=str(ROOT)))}


@pytest.mark.parametrize("rule", list(RULES))
def test_the_failing_example_makes_the_rule_fire(rule: str) -> None:
    text = examples(rule)["Fails"]
    assert cjmap.load_text(text).ok
    assert rule in _rules_found(text)


@pytest.mark.parametrize("rule", list(RULES))
def test_the_passing_example_keeps_the_rule_silent(rule: str) -> None:
    text = examples(rule)["Passes"]
    assert cjmap.load_text(text).ok
    assert rule not in _rules_found(text)


@pytest.mark.parametrize("rule", list(RULES))
def test_the_documentation_has_a_summary_and_a_reason(rule: str) -> None:
    doc = RULES[rule].__doc__ or ""
    summary, blank, *why = doc.strip().splitlines()
    assert summary.endswith(".") and blank == "" and why[0].strip()
    assert doc.index("Fails:") < doc.index("Passes:")


# minimal.yaml shows the least a map needs; lint is meant to list what it still lacks.
MINIMAL = ROOT / "examples" / "minimal.yaml"
COMPLETE = [path for path in example_maps() if path != MINIMAL]


@pytest.mark.parametrize("path", COMPLETE, ids=lambda path: path.name)
def test_the_complete_example_maps_trigger_no_rule(path: Path) -> None:
    report = lint_file(path, Settings(root=str(ROOT)), TODAY)
    assert [f"{d.line}:{d.column} {d.code} {d.message}" for d in report.diagnostics] == []


def test_the_minimal_example_is_valid_and_lint_lists_what_it_lacks() -> None:
    report = lint_file(MINIMAL, Settings(root=str(ROOT)), TODAY)
    assert report.ok
    found = {d.code for d in report.diagnostics}
    # Its steps are named by what the customer does: that is their action (no-actions).
    assert "no-actions" not in found
    assert {"missing-objectives", "missing-review", "unmeasured-stage", "no-needs",
            "touchpoint-without-channel", "unaddressed-pain-point"} <= found


@pytest.mark.parametrize("rule", list(RULES))
def test_the_rule_follows_the_interface(rule: str) -> None:
    from cjmap.diagnostics import SEVERITIES

    module = RULES[rule]
    assert module.__name__ == "cjmap.lint.rules." + rule.replace("-", "_")  # type: ignore[attr-defined]
    assert rule == module.ID and module.SEVERITY in SEVERITIES
    for name, default in module.OPTIONS.items():
        assert name == name.lower() and " " not in name and "_" not in name
        assert isinstance(default, int | float | str | bool | list)
