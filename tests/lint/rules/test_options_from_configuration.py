"""Rule options set in a project's configuration reach the rules through the real `cjmap lint`."""

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]

MAP = """\
cjmap: 1
title: Buying running shoes
review: {last_reviewed: 2026-06-01, cadence: quarterly}
steps:
  - name: Compares three models
    touchpoints:
      - name: Comparison page
        quality: {simple: 2, relevant: 3, personal: 5}
    metrics:
      - {name: Checkout completion, actual: 71, target: 75}
      - {name: Exit rate, actual: 37, target: 35, better: lower}
"""
RULES = "low-touchpoint-quality,metric-off-target,review-overdue"


def _found(run_cli: Run, directory: Path, config: str | None) -> list[tuple[str, str]]:
    (directory / "map.yaml").write_text(MAP, encoding="utf-8")
    if config is not None:
        (directory / ".cjmap.yaml").write_text(config, encoding="utf-8")
    result = run_cli("lint", "map.yaml", "--select", RULES, "--today", "2026-09-05",
                     "--format", "json", "--no-cache", cwd=directory)
    assert result.returncode in (0, 1), result.stderr
    diagnostics = json.loads(result.stdout)["files"][0]["diagnostics"]
    return [(d["code"], d["pointer"]) for d in diagnostics]


def test_defaults(run_cli: Run, tmp_path: Path) -> None:
    assert _found(run_cli, tmp_path, None) == [
        ("review-overdue", "/review/last_reviewed"),
        ("low-touchpoint-quality", "/steps/0/touchpoints/0/quality"),
        ("metric-off-target", "/steps/0/metrics/0/actual"),
        ("metric-off-target", "/steps/0/metrics/1/actual"),
    ]


def test_options_change_what_the_rules_find(run_cli: Run, tmp_path: Path) -> None:
    assert _found(run_cli, tmp_path, """\
rules:
  low-touchpoint-quality: {min-score: 4}
  metric-off-target: {tolerance: 5.5}
  review-overdue: {grace-days: 5}
""") == [
        ("low-touchpoint-quality", "/steps/0/touchpoints/0/quality"),  # now names relevant too
        ("metric-off-target", "/steps/0/metrics/1/actual"),
    ]
