"""``cjmap metrics update`` from the shell, on real maps and CSV files written to disk."""

import difflib
import os
import stat
from pathlib import Path

import cjmap

# A map full of comments and of the ways a metric may be written.
MAP = """\
# The checkout journey, reviewed every quarter.
cjmap: 1
title: Buying running shoes   # working title
review: {last_reviewed: 2026-10-01, cadence: quarterly}
steps:
  - name: Compares models
    metrics:
      # The exit rate, from web analytics.
      - id: exit-rate
        name: Comparison page exit rate   # the comparison page only
        actual: 48      # before the shoe finder
        as_of: 2026-09-01
        target: 35
        unit: "%"
        better: lower

  - name: Buys the shoes
    metrics:
      - name: Checkout completion
        kind: conversion
        actual: 71
        as_of: 2026-08-01
        history:
          # the first measurement
          - {as_of: 2026-06-01, actual: 66}
          - {as_of: 2026-07-01, actual: 69}
        source: Web analytics
      - {name: NPS, actual: 31, as_of: 2026-08-01}
      - Returns
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        (removed if line.startswith("-") else added).append(line[1:])
    return removed, added


def test_values_join_the_history_and_the_newest_becomes_actual(run_cli, tmp_path) -> None:
    journey = _write(tmp_path, "shoes.yaml", MAP)
    _write(tmp_path, "kpis.csv", "metric,date,value\n"
           "exit-rate,2026-10-01,41\n"
           "Checkout completion,2026-09-01,73\n"
           "checkout-completion,2026-10-01,74.5\n"
           "exit-rate,2026-08-01,50\n")  # older than actual: backfills the history only
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = journey.read_text(encoding="utf-8")
    removed, added = _changed_lines(MAP, after)
    # Only the figures change, and the history gains lines: every comment stays.
    assert removed == ["        actual: 48      # before the shoe finder",
                       "        as_of: 2026-09-01",
                       "        actual: 71", "        as_of: 2026-08-01"]
    assert added == [
        "        actual: 41      # before the shoe finder", "        as_of: 2026-10-01",
        "        history:", "          - {as_of: 2026-08-01, actual: 50}",
        "          - {as_of: 2026-09-01, actual: 48}",
        "        actual: 74.5", "        as_of: 2026-10-01",
        "          - {as_of: 2026-08-01, actual: 71}",
        "          - {as_of: 2026-09-01, actual: 73}"]
    metrics = cjmap.load(journey).journey.steps  # type: ignore[union-attr]
    checkout = metrics[1].metrics[0]
    assert [(r.as_of.isoformat(), r.actual) for r in checkout.readings() if r.as_of] == [
        ("2026-06-01", 66), ("2026-07-01", 69), ("2026-08-01", 71), ("2026-09-01", 73),
        ("2026-10-01", 74.5)]
    assert "updated 1 map (values: 4 added, 0 corrected)" in result.stdout
    assert not list(tmp_path.glob(".*.tmp"))


def test_importing_the_same_file_twice_adds_nothing(run_cli, tmp_path) -> None:
    journey = _write(tmp_path, "shoes.yaml", MAP)
    _write(tmp_path, "kpis.csv", "metric,date,value\nexit-rate,2026-10-01,41\n")
    assert run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv",
                   cwd=tmp_path).returncode == 0
    once = journey.read_bytes()
    mtime = journey.stat().st_mtime_ns
    again = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", cwd=tmp_path)
    assert again.returncode == 0
    assert "nothing to update" in again.stdout
    assert journey.read_bytes() == once and journey.stat().st_mtime_ns == mtime
    check = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", "--check",
                    cwd=tmp_path)
    assert check.returncode == 0


def test_a_different_value_for_a_day_corrects_it(run_cli, tmp_path) -> None:
    journey = _write(tmp_path, "shoes.yaml", MAP)
    _write(tmp_path, "kpis.csv", "metric,date,value\ncheckout-completion,2026-07-01,68\n"
           "exit-rate,2026-09-01,47\n")
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    removed, added = _changed_lines(MAP, journey.read_text(encoding="utf-8"))
    assert removed == ["        actual: 48      # before the shoe finder",
                       "          - {as_of: 2026-07-01, actual: 69}"]
    assert added == ["        actual: 47      # before the shoe finder",
                     "          - {as_of: 2026-07-01, actual: 68}"]
    assert "2026-07-01 corrected from 69 to 68" in result.stdout


def test_dry_run_shows_the_diff_and_writes_nothing(run_cli, tmp_path) -> None:
    journey = _write(tmp_path, "shoes.yaml", MAP)
    _write(tmp_path, "kpis.csv", "metric,date,value\nNPS,2026-11-01,35\nReturns,2026-11-01,9\n")
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", "--dry-run",
                     cwd=tmp_path)
    assert result.returncode == 1
    assert journey.read_text(encoding="utf-8") == MAP
    assert "+++ shoes.yaml\t(updated)" in result.stdout
    # A one-line metric stays on one line; one written as its name becomes a mapping.
    assert ("+      - {name: NPS, actual: 35, as_of: 2026-11-01, history: [{as_of: 2026-08-01, "
            "actual: 31}]}") in result.stdout
    assert "+      - name: Returns\n+        actual: 9\n+        as_of: 2026-11-01\n" in \
        result.stdout
    assert "would update 1 map (values: 2 to add, 0 to correct)" in result.stdout


def test_spanish_spreadsheet_csv_from_standard_input(run_cli, tmp_path) -> None:
    journey = _write(tmp_path, "shoes.yaml", MAP)
    csv = "\ufeffMétrica;Fecha;Valor;Nota\nexit-rate;2026-10-01;40,5;tras el buscador\n"
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "-", "--lang", "es",
                     input=csv, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "        actual: 40.5      # before the shoe finder\n" in journey.read_text(
        encoding="utf-8")
    assert "actualizado 1 mapa" in result.stdout


def test_every_problem_of_the_csv_at_its_line_and_nothing_written(run_cli, tmp_path) -> None:
    journey = _write(tmp_path, "shoes.yaml", MAP)
    other = _write(tmp_path, "other.yaml", MAP.replace("Buying running shoes", "Other"))
    _write(tmp_path, "kpis.csv", "metric,date,value,map\n"
           "exit-rate,2026-10-01,41,shoes\n"       # fine, but the file has problems
           "exit-rat,2026-10-01,41,shoes\n"        # unknown metric
           "exit-rate,13/10/2026,41,shoes\n"       # not ISO
           "exit-rate,2026-11-01,4l,shoes\n"       # not a number
           "exit-rate,2026-11-01,41,elsewhere\n"   # a map not given
           "exit-rate,2026-12-01,41,\n")           # ambiguous: in both maps
    result = run_cli("metrics", "update", "shoes.yaml", "other.yaml", "--from", "kpis.csv",
                     cwd=tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("kpis.csv:")]
    assert errors == [
        "kpis.csv:3: no metric 'exit-rat' in shoes.yaml",
        "kpis.csv:4: '13/10/2026' is not an ISO date: day and month may be either way round",
        "kpis.csv:5: '4l' is not a number",
        "kpis.csv:6: map 'elsewhere' is not among the maps given: shoes.yaml, other.yaml",
        "kpis.csv:7: metric 'exit-rate' is ambiguous: step 'compares-models' of shoes.yaml, "
        "step 'compares-models' of other.yaml have one"]
    assert "hint: did you mean 'exit-rate'?" in result.stderr
    assert "hint: write it as 2026-10-13" in result.stderr
    assert "add a 'map' column" in result.stderr
    assert "Traceback" not in result.stderr and "nothing was written" in result.stderr
    assert journey.read_text(encoding="utf-8") == MAP
    assert other.read_text(encoding="utf-8") == MAP.replace("Buying running shoes", "Other")


def test_a_missing_column_and_an_ambiguous_name_within_a_map(run_cli, tmp_path) -> None:
    _write(tmp_path, "shoes.yaml", MAP)
    _write(tmp_path, "kpis.csv", "metric,value\nexit-rate,41\n")
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "kpis.csv:1: the header has no column 'date'" in result.stderr
    twice = MAP.replace("      - Returns\n", "      - Returns\n  - name: Returns home\n"
                        "    metrics: [Returns]\n")
    _write(tmp_path, "twice.yaml", twice)
    _write(tmp_path, "returns.csv", "metric,date,value\nreturns,2026-10-01,9\n")
    result = run_cli("metrics", "update", "twice.yaml", "--from", "returns.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "returns.csv:2: metric 'returns' is ambiguous" in result.stderr
    assert "add a 'step' column" in result.stderr
    _write(tmp_path, "returns.csv", "metric,step,date,value\nreturns,Returns home,2026-10-01,9\n")
    result = run_cli("metrics", "update", "twice.yaml", "--from", "returns.csv", "--dry-run",
                     cwd=tmp_path)
    # A flow list of metrics is not patched: the run says how to write it instead.
    assert result.returncode == 1 and "cannot update it safely" in result.stderr


def test_an_invalid_map_is_refused_with_its_problems(run_cli, tmp_path) -> None:
    bad = _write(tmp_path, "bad.yaml", MAP.replace("    metrics:\n      # The", "    metrics:\n"
                                                   "      - 3\n      # The", 1)
                 .replace("title: Buying", "titel: Buying"))
    _write(tmp_path, "kpis.csv", "metric,date,value\nexit-rate,2026-10-01,41\n")
    result = run_cli("metrics", "update", "bad.yaml", "--from", "kpis.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:3:1" in result.stderr and "1 map is invalid" in result.stderr
    assert "Traceback" not in result.stderr
    assert "titel: Buying" in bad.read_text(encoding="utf-8")


def test_an_undated_actual_is_not_silently_dropped(run_cli, tmp_path) -> None:
    journey = _write(tmp_path, "shoes.yaml", MAP.replace("        as_of: 2026-09-01\n", ""))
    _write(tmp_path, "kpis.csv", "metric,date,value\nexit-rate,2026-10-01,41\n")
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", cwd=tmp_path)
    assert result.returncode == 1
    assert "shoes.yaml:11: metric 'Comparison page exit rate' has an 'actual' without " \
           "'as_of'" in result.stderr
    assert "as_of: 2026-09-01" not in journey.read_text(encoding="utf-8")


def test_crlf_and_byte_order_mark_are_kept(run_cli, tmp_path) -> None:
    journey = tmp_path / "shoes.yaml"
    journey.write_bytes(b"\xef\xbb\xbf" + MAP.replace("\n", "\r\n").encode("utf-8"))
    _write(tmp_path, "kpis.csv", "metric,date,value\nexit-rate,2026-10-01,41\n")
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "kpis.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = journey.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"        actual: 41      # before the shoe finder\r\n" in data


def test_a_read_only_map_stops_the_run_before_any_write(run_cli, tmp_path) -> None:
    first = _write(tmp_path, "a.yaml", MAP)
    second = _write(tmp_path, "b.yaml", MAP.replace("exit-rate", "exits"))
    second.chmod(stat.S_IRUSR)
    _write(tmp_path, "kpis.csv", "metric,date,value\nexit-rate,2026-10-01,41\n"
           "exits,2026-10-01,41\n")
    try:
        result = run_cli("metrics", "update", "a.yaml", "b.yaml", "--from", "kpis.csv",
                         cwd=tmp_path)
        if os.access(second, os.W_OK):  # root writes anything
            return
        assert result.returncode == 2 and "read-only" in result.stderr
        assert first.read_text(encoding="utf-8") == MAP
    finally:
        second.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_unreadable_csv_and_usage(run_cli, tmp_path) -> None:
    _write(tmp_path, "shoes.yaml", MAP)
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "none.csv", cwd=tmp_path)
    assert result.returncode == 2 and "none.csv:1: no such file or directory" in result.stderr
    (tmp_path / "latin.csv").write_bytes("métrica,fecha,valor\n".encode("latin-1"))
    result = run_cli("metrics", "update", "shoes.yaml", "--from", "latin.csv", cwd=tmp_path)
    assert result.returncode == 2 and "not valid UTF-8" in result.stderr
    result = run_cli("metrics", "update", "-", "--from", "latin.csv", cwd=tmp_path)
    assert result.returncode == 2 and "standard input" in result.stderr
    assert "Traceback" not in result.stderr
