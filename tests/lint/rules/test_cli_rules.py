"""``cjmap rules`` and ``cjmap rule ID``, run as a user runs them, and the generated docs."""

import json
import subprocess
from collections.abc import Callable

from cjmap.lint.rules import RULES, summary
from tests.conftest import ROOT
from tests.test_project import HEAVY, _heavy_modules_after

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_rules_lists_every_rule_with_its_severity(run_cli: Run) -> None:
    result = run_cli("rules", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["RULE", "SEVERITY", "SUMMARY"]
    rows = [line.split(None, 2) for line in lines[1:len(RULES) + 1]]
    assert rows == [[rule_id, rule.SEVERITY, summary(rule)] for rule_id, rule in RULES.items()]


def test_rules_wraps_summaries_to_the_terminal(run_cli: Run) -> None:
    result = run_cli("rules", env={"COLUMNS": "80"})
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_rules_as_json(run_cli: Run) -> None:
    result = run_cli("rules", "--format", "json")
    document = json.loads(result.stdout)
    assert document["version"] == 1
    by_id = {rule["id"]: rule for rule in document["rules"]}
    assert list(by_id) == list(RULES)
    assert by_id["low-touchpoint-quality"]["options"] == {"min-score": 3}
    assert by_id["unreachable-step"]["severity"] == "error"
    assert "Fails:" in by_id["stage-order"]["description"]


def test_docs_rules_md_is_current(run_cli: Run) -> None:
    result = run_cli("rules", "--format", "markdown")
    assert result.returncode == 0
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == result.stdout, \
        "docs/rules.md is stale: run 'cjmap rules --format markdown > docs/rules.md'"


def test_rule_shows_the_whole_documentation(run_cli: Run) -> None:
    result = run_cli("rule", "unknown-channel")
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("unknown-channel (warning)\n\n" + summary(RULES["unknown-channel"]))
    # The examples' maps are indented for the terminal, without the Markdown fences.
    assert "\nFails:\n\n    cjmap: 1\n" in text and "```" not in text
    assert "        channel: Webiste\n" in text
    assert text.endswith("Options: none.\n")
    assert run_cli("rule", "Unknown-Channel").stdout == text
    assert run_cli("rule", "review-overdue").stdout.endswith(
        "Options: grace-days (default 0).\n")


def test_an_unknown_rule_is_a_usage_error_with_a_suggestion(run_cli: Run) -> None:
    result = run_cli("rule", "unknown-chanel")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "cjmap: unknown rule 'unknown-chanel'; did you mean " \
        "'unknown-channel'?\n"
    assert run_cli("rule", "zzz").stderr == "cjmap: unknown rule 'zzz'; 'cjmap rules' lists them\n"


def test_listing_and_showing_rules_load_no_heavy_module() -> None:
    assert "cjmap.format.model" in HEAVY
    assert _heavy_modules_after("rules") == []
    assert _heavy_modules_after("rule", "stage-order") == []
    assert _heavy_modules_after("rules", "--format", "json") == []
