"""Adversarial maps whose cost once grew with the square of their size (the inputs of
``benchmarks/bench_limits.py``): each must finish well within the subprocess timeout of
``run_cli`` and give a report of bounded size. Linear, each takes a few seconds; quadratic, the
sizes below take minutes or hundreds of MB."""

import json
import re
import sys

from cjmap.diagnostics import FRAME_WIDTH, MAX_PER_CODE, cells
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_limits


def test_many_findings_in_one_long_line_make_a_small_report(run_cli, tmp_path):
    path = tmp_path / "steps.yaml"
    path.write_text(bench_limits.one_line_steps(10_000))
    result = run_cli("validate", "--no-cache", str(path))
    assert result.returncode == 1
    assert len(result.stdout.encode()) < 2_000_000
    # MAX_PER_CODE duplicate ids shown, the others counted; the summary counts them all.
    assert result.stdout.count("is already used by step 'a'") == MAX_PER_CODE
    hidden = 9_999 - MAX_PER_CODE
    assert f":3:{12 + 3 * MAX_PER_CODE}: error: {hidden} more 'reference' findings in this " \
           "file not shown [reference]" in result.stdout
    assert "✗ 9,999 errors, 0 warnings in 1 of 1 file" in result.stdout
    frames = [line for line in result.stdout.splitlines() if line.startswith("  3 | ")]
    assert len(frames) == MAX_PER_CODE + 1
    assert max(cells(line) for line in frames) <= len("  3 | ") + FRAME_WIDTH + 2  # the … marks
    assert frames[-1].startswith("  3 | …") and frames[-1].endswith(", a,…")


def test_json_carries_the_same_limit_and_exact_counts(run_cli, tmp_path):
    path = tmp_path / "steps.yaml"
    path.write_text(bench_limits.one_line_steps(1_000))
    report = json.loads(run_cli("validate", "--no-cache", "--format", "json", str(path)).stdout)
    diagnostics = report["files"][0]["diagnostics"]
    assert len(diagnostics) == MAX_PER_CODE + 1
    assert diagnostics[-1]["message"] == \
        f"{999 - MAX_PER_CODE} more 'reference' findings in this file not shown"
    assert report["summary"]["errors"] == 999


def test_statistics_count_the_findings_not_shown(run_cli, tmp_path):
    path = tmp_path / "channels.yaml"
    path.write_text(bench_limits.unknown_channels(300))
    result = run_cli("lint", "--no-cache", "--statistics", "--format", "json",
                     "--select", "unknown-channel", str(path))
    assert json.loads(result.stdout) == [
        {"rule": "unknown-channel", "severity": "warning", "count": 300}]
    shown = run_cli("lint", "--no-cache", "--select", "unknown-channel", str(path)).stdout
    assert shown.count("is not in the map's channel catalogue") == MAX_PER_CODE
    assert f"{300 - MAX_PER_CODE} more 'unknown-channel' findings in this file not shown" in shown
    assert "(300 warnings)" in shown


def test_the_caret_stays_under_its_character_in_a_cut_line_of_wide_characters(run_cli,
                                                                              tmp_path):
    path = tmp_path / "wide.yaml"
    path.write_text("cjmap: 1\ntitle: T\nsteps: [{name: " + "日本語\t" * 40 + ", emotion: 7}]\n",
                    encoding="utf-8")
    for _ in range(2):  # cold, then with the frame rebuilt from the cache
        result = run_cli("validate", str(path), cwd=tmp_path)
        assert "'emotion' must be at most 2, not 7" in result.stdout
        frame, caret = (line for line in result.stdout.splitlines() if re.match(r"  +3? \|", line))
        assert frame.startswith("  3 | …") and cells(frame) <= len("  3 | ") + FRAME_WIDTH + 2
        assert cells(frame[:frame.index("7")]) == caret.index("^")


def test_many_broken_references_get_their_suggestions_in_linear_time(run_cli, tmp_path):
    path = tmp_path / "next.yaml"
    path.write_text(bench_limits.broken_next(4_000))
    result = run_cli("validate", "--no-cache", str(path))
    assert result.returncode == 1
    assert "'next' names 'stpe-00000', which is no step or stage id [reference]" in result.stdout
    assert "hint: did you mean 'step-00000'?" in result.stdout
    assert "✗ 4,000 errors" in result.stdout


def test_many_undeclared_stages_among_many_are_checked_in_linear_time(run_cli, tmp_path):
    path = tmp_path / "stages.yaml"
    path.write_text(bench_limits.undeclared_stages(4_000))
    result = run_cli("validate", "--no-cache", str(path))
    assert "stage 'stgae-00000' is not declared" in result.stdout
    assert "hint: did you mean 'stage-00000'?" in result.stdout
    assert "✗ 4,000 errors" in result.stdout


def test_many_unknown_channels_among_many_are_linted_in_linear_time(run_cli, tmp_path):
    path = tmp_path / "channels.yaml"
    path.write_text(bench_limits.unknown_channels(4_000))
    result = run_cli("lint", "--no-cache", "--select", "unknown-channel", str(path))
    assert "hint: did you mean 'Channel 00000'?" in result.stdout
    assert "(4,000 warnings)" in result.stdout


def test_thousands_of_suppressions_are_applied_in_linear_time(run_cli, tmp_path):
    path = tmp_path / "suppressions.yaml"
    path.write_text(bench_limits.suppressions(8_000))
    result = run_cli("lint", "--no-cache", "--select", "no-emotion,unused-suppression",
                     str(path))
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout
