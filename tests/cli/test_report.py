"""``cjmap report`` on a real repository of maps (tests/portfolio/repository.py), through the
real command: each table's content, every format, the exit codes and the usage errors."""

import csv
import io
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT
from tests.portfolio.repository import TODAY, write_repository

Run = Callable[..., subprocess.CompletedProcess[str]]
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repository(tmp_path)


def report(run_cli: Run, repo: Path, *args: str, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return run_cli("report", "maps", "--today", TODAY.isoformat(), *args, cwd=repo,
                   env={**WIDE, **(env or {})})


def as_json(run_cli: Run, repo: Path, *args: str) -> dict:
    done = report(run_cli, repo, "--format", "json", *args)
    assert done.returncode == 1, done.stderr
    data: dict = json.loads(done.stdout)
    return data


def rows(text: str, title: str) -> list[list[str]]:
    """The body rows of the table titled ``title`` in plain text output, cells split on runs
    of two or more spaces."""
    lines = [line.rstrip() for line in text.splitlines()]
    start = lines.index(title)
    body = []
    for line in lines[start + 3:]:
        if not line.strip() or line.startswith(("Each cell:", "─")):  # the end, the totals
            break
        body.append(re.split(r"\s{2,}", line.strip()))
    return body


def test_an_invalid_map_is_listed_with_its_first_problem_and_exits_1(run_cli: Run,
                                                                     repo: Path) -> None:
    done = report(run_cli, repo)
    assert done.returncode == 1
    assert rows(done.stdout, "Invalid maps") == [
        ["maps/broken.yaml:5:14", "schema", "'emotion' must be at most 2, not 9"]]
    assert "1 of 5 maps is invalid" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout.startswith("Journey-map portfolio — 5 maps, 1 invalid, as of 2026-06-01")


def test_all_valid_exits_0(run_cli: Run, repo: Path) -> None:
    (repo / "maps" / "broken.yaml").unlink()
    assert report(run_cli, repo).returncode == 0


def test_coverage_by_phase_counts_touchpoints_of_steps_and_stages(run_cli: Run,
                                                                  repo: Path) -> None:
    text = report(run_cli, repo, "--table", "coverage").stdout
    assert rows(text, "Coverage: touchpoints per channel and purchase phase") == [
        ["Website", "2", "2", "—", "4", "4", "0", "2", "0"],
        # No touchpoint of these says whether it is online, nor its channel: neither count
        # is known (a channel with none has none of either).
        ["Radio", "1", "—", "—", "1", "1", "0", "—", "—"],
        ["Social media", "1", "—", "—", "1", "1", "0", "1", "0"],
        ["Sports shop", "1", "—", "—", "1", "0", "1", "—", "—"],
        ["Store", "—", "1", "—", "1", "1", "0", "0", "1"],
        ["Word of mouth", "1", "—", "—", "1", "0", "1", "—", "—"],
        ["Email", "—", "—", "—", "0", "0", "0", "0", "0"],
    ]
    total = next(line for line in text.splitlines() if line.startswith("Total"))
    assert total.split() == ["Total", "6", "3", "0", "9", "7", "2", "3", "1"]
    assert "14 gaps" in text


def test_coverage_leaves_out_online_and_offline_when_no_map_says(run_cli: Run,
                                                                  repo: Path) -> None:
    """Maps whose channels and touchpoints never say ``online``: the grid shows no column of
    zeros for it, and says why. A row whose touchpoints say no ``kind`` counts neither."""
    for path in (repo / "maps").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("channel: Radio, kind: direct", "channel: Radio")
        path.write_text(re.sub(r", online: (true|false)", "", text), encoding="utf-8")
    text = report(run_cli, repo, "--table", "coverage").stdout
    phases = "Coverage: touchpoints per channel and purchase phase"
    assert ["Radio", "1", "—", "—", "1", "—", "—"] in rows(text, phases)
    lines = text.splitlines()
    title = lines.index("Coverage: touchpoints per channel and purchase phase")
    assert lines[title + 1].split() == ["Channel", "Before", "During", "After", "Total",
                                        "Direct", "Indirect"]
    assert "; no channel or touchpoint says whether it is online (online: true or false on " \
           "a channel)" in text
    spanish = report(run_cli, repo, "--table", "coverage", "--lang", "es").stdout
    assert "ningún canal ni punto de contacto dice si es en línea" in spanish


def test_coverage_grid_per_stage_model(run_cli: Run, repo: Path) -> None:
    grids = as_json(run_cli, repo, "--table", "coverage")["tables"]["coverage"]
    assert [(g["axis"], g["maps"]) for g in grids] == [
        ("phase", 4), ("consideration-evaluation-purchase", 2), ("six-phases", 1),
        ("before-during-after", 1)]
    cep = grids[1]
    assert [c["id"] for c in cep["columns"]] == ["consideration", "evaluation", "purchase"]
    website = next(row for row in cep["rows"] if row["channel"] == "Website")
    # "website" and "Website" are one channel, spelled as first met.
    assert [cell["touchpoints"] for cell in website["cells"]] == [1, 1, 2]
    assert website["total"] == {"touchpoints": 4, "direct": 4, "indirect": 0, "online": 2,
                                "offline": 0}
    assert {"channel": "Email", "column": "after"} in grids[3]["gaps"]


def test_weakest_touchpoints_ranked_by_average(run_cli: Run, repo: Path) -> None:
    text = report(run_cli, repo, "--table", "weakest").stdout
    assert rows(text, "Weakest touchpoints") == [
        ["1", "Radio ads", "2", "personal (1)", "store-audit", "Before the purchase", "—",
         "Marketing"],
        ["2", "Size guide", "2.3", "simple, relevant (2)", "shoes", "Evaluation",
         "Chooses a size", "—"],
        ["3", "Dependiente", "3", "simple, personal (3)", "zapatillas", "Consideración",
         "Pregunta en la tienda", "—"],
        ["4", "Blog", "3.3", "personal (2)", "shoes", "Consideration", "Searches online",
         "Content team"],
        ["5", "Checkout", "4.5", "engaging (4)", "shoes", "Purchase", "Pays",
         "E-commerce team"],
    ]


def test_emotion_lows_moments_of_truth_and_averages_per_persona(run_cli: Run,
                                                                repo: Path) -> None:
    text = report(run_cli, repo, "--table", "emotions").stdout
    assert rows(text, "Emotion lows") == [
        ["−2", "anxious", "Chooses a size", "Laura, the new runner", "shoes", "Evaluation",
         "✓"],
        ["−1", "—", "Sees a post", "Kim, the student", "meal", "Discovery"],
        ["−1", "dudosa", "Pregunta en la tienda", "Laura, the new runner", "zapatillas",
         "Consideración"],
    ]
    assert rows(text, "Moments of truth") == [
        ["Orders a sample", "Sam, the busy parent +2 · Kim, the student 0", "meal",
         "Conversion"],
        ["Chooses a size", "−2 anxious", "shoes", "Evaluation"],
    ]
    assert rows(text, "Average emotion per persona and purchase phase") == [
        ["Kim, the student", "−1 (1)", "0 (1)", "—"],
        ["Laura, the new runner", "−1 (3)", "+1.5 (2)", "—"],
        ["Sam, the busy parent", "+1 (1)", "+2 (1)", "—"],
    ]


def test_backlog_flags_unowned_and_unlinked(run_cli: Run, repo: Path) -> None:
    text = report(run_cli, repo, "--table", "backlog").stdout
    assert rows(text, "Opportunity backlog") == [
        ["high", "Free size exchange", "Contextual interaction", "Operations",
         "pain point: Fear of the wrong size; metric: Size returns", "shoes", "Evaluation"],
        ["medium", "A fit video", "—", "—", "—", "shoes", "Evaluation",
         "no owner, addresses nothing"],
        ["low", "Formar a los dependientes", "—", "Alianzas", "pain point: Nadie sabe aconsejar",
         "zapatillas", "Consideración"],
        ["—", "Pay later for students", "Personalization", "—", "—", "meal", "Conversion",
         "no owner, addresses nothing"],
    ]


def test_off_target_metrics_with_history(run_cli: Run, repo: Path) -> None:
    text = report(run_cli, repo, "--table", "metrics").stdout
    assert rows(text, "Off-target metrics") == [
        ["Size returns", "shoes", "Evaluation", "12%", "8%", "+4%", "2026-05-01",
         "9% on Jan 1, 2026 → 12% on May 1, 2026"],
        ["NPS", "zapatillas", "Compra", "20", "30", "−10", "—", "—"],
    ]
    metric = as_json(run_cli, repo, "--table", "metrics")["tables"]["metrics"][0]
    assert metric["history"] == [{"as_of": "2026-01-01", "actual": 9.0},
                                 {"as_of": "2026-03-01", "actual": 10.5},
                                 {"as_of": "2026-05-01", "actual": 12.0}]
    assert metric["at"] == {"map": "shoes", "file": "maps/shoes.yaml", "line": 35,
                            "stage": "evaluation", "stage_name": "Evaluation",
                            "step": "Chooses a size"}


def test_freshness_most_urgent_first(run_cli: Run, repo: Path) -> None:
    text = report(run_cli, repo, "--table", "freshness").stdout
    assert rows(text, "Review freshness") == [
        ["shoes", "CX lead", "2025-01-10", "yearly", "2026-01-10", "overdue by 142 days"],
        ["meal", "Head of CX", "2025-09-10", "9m", "2026-06-07", "due in 6 days"],
        ["zapatillas", "Equipo de crecimiento", "2026-05-20", "trimestral", "2026-08-19", "ok"],
        ["store-audit", "—", "—", "—", "—", "never reviewed"],
    ]
    # Within 5 days, the meal kit's review is not due yet.
    short = report(run_cli, repo, "--table", "freshness", "--due-within", "5").stdout
    assert rows(short, "Review freshness")[1][-1] == "ok"


def test_source_date_epoch_is_the_day_without_today(run_cli: Run, repo: Path) -> None:
    # 2026-06-01T12:00:00Z
    done = run_cli("report", "maps", "-t", "freshness", cwd=repo,
                   env={**WIDE, "SOURCE_DATE_EPOCH": "1780315200"})
    assert "as of 2026-06-01" in done.stdout and "overdue by 142 days" in done.stdout
    bad = run_cli("report", "maps", cwd=repo, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert bad.returncode == 2 and "SOURCE_DATE_EPOCH" in bad.stderr


def test_spanish_labels(run_cli: Run, repo: Path) -> None:
    text = report(run_cli, repo, "--lang", "es", "-t", "freshness", "-t", "metrics").stdout
    assert text.startswith("Cartera de mapas de experiencia — 5 mapas, 1 no válidos")
    assert rows(text, "Vigencia de las revisiones")[0][-1] == "vencida hace 142 días"
    assert rows(text, "Métricas fuera de objetivo")[0][-1] == "9% el 1 ene 2026 → 12% el 1 may 2026"


def test_json_is_valid_against_the_committed_schema(run_cli: Run, repo: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "cjmap-report.schema.json").read_text("utf-8"))
    data = as_json(run_cli, repo)
    assert list(Draft202012Validator(schema).iter_errors(data)) == []
    assert data["summary"] == {
        "maps": 5, "valid": 4, "invalid": 1, "touchpoints": 9, "scored_touchpoints": 5,
        "gaps": 14, "opportunities": 4, "unowned_opportunities": 2,
        "unlinked_opportunities": 2, "off_target_metrics": 2, "overdue_reviews": 1,
        "due_reviews": 1}
    assert data["invalid"] == [{"file": "maps/broken.yaml", "line": 5, "column": 14,
                                "code": "schema", "unreadable": False,
                                "message": "'emotion' must be at most 2, not 9"}]
    only = as_json(run_cli, repo, "--table", "backlog")
    assert only["tables_shown"] == ["backlog"]
    assert [name for name, value in only["tables"].items() if value is not None] == ["backlog"]
    assert list(Draft202012Validator(schema).iter_errors(only)) == []


def test_the_schema_rejects_a_report_of_another_shape(run_cli: Run, repo: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "cjmap-report.schema.json").read_text("utf-8"))
    data = as_json(run_cli, repo)
    data["summary"]["surprise"] = 1
    assert list(Draft202012Validator(schema).iter_errors(data))


def test_markdown_tables(run_cli: Run, repo: Path) -> None:
    text = report(run_cli, repo, "--format", "md", "-t", "freshness").stdout
    assert text.splitlines()[:7] == [
        "# Journey-map portfolio", "", "*5 maps, 1 invalid, as of 2026-06-01*", "",
        "## Invalid maps", "", "| File | Code | Problem |"]
    assert "| shoes | CX lead | 2025-01-10 | yearly | 2026-01-10 | **overdue by 142 days** |" \
        in text.splitlines()


def test_csv_one_table_on_stdout(run_cli: Run, repo: Path) -> None:
    done = report(run_cli, repo, "--format", "csv", "-t", "backlog")
    records = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["priority"], r["opportunity"], r["unowned"], r["unlinked"],
             r["addresses_pain_points"], r["addresses_metrics"], r["line"]) for r in records] == [
        ("high", "Free size exchange", "false", "false", "size-doubt", "returns", "31"),
        ("medium", "A fit video", "true", "true", "", "", "33"),
        ("low", "Formar a los dependientes", "false", "false", "dudas", "", "14"),
        ("", "Pay later for students", "true", "true", "", "", "18"),
    ]


def test_csv_needs_one_table_or_a_directory(run_cli: Run, repo: Path) -> None:
    done = report(run_cli, repo, "--format", "csv")
    assert done.returncode == 2 and "CSV holds one table" in done.stderr and not done.stdout
    written = report(run_cli, repo, "--format", "csv", "-o", "tables")
    assert written.returncode == 1 and written.stdout == ""
    assert sorted(p.name for p in (repo / "tables").iterdir()) == [
        "backlog.csv", "coverage.csv", "emotions.csv", "freshness.csv", "metrics.csv",
        "weakest.csv"]
    fresh = list(csv.DictReader((repo / "tables" / "freshness.csv").open(encoding="utf-8")))
    assert [(r["map"], r["status"], r["days"]) for r in fresh] == [
        ("shoes", "overdue", "142"), ("meal", "due", "6"), ("zapatillas", "ok", "79"),
        ("store-audit", "unreviewed", "")]


def test_text_is_plain_when_piped_and_coloured_when_forced(run_cli: Run, repo: Path) -> None:
    piped = report(run_cli, repo).stdout
    assert "\x1b[" not in piped
    coloured = report(run_cli, repo, env={"NO_COLOR": "", "FORCE_COLOR": "1"}).stdout
    assert "\x1b[1;31m" in coloured  # the overdue review, the invalid map
    assert "\x1b[1mWeakest touchpoints\x1b[0m" in coloured
    # The colours are all there is to it: the same tables, character for character.
    assert re.sub("\x1b\\[[0-9;]*m", "", coloured) == piped


def test_usage_problems_exit_2_without_a_traceback(run_cli: Run, repo: Path) -> None:
    missing = report(run_cli, repo, "nowhere.yaml")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert ["nowhere.yaml:1:1", "file", "no such file or directory"] in \
        rows(missing.stdout, "Invalid maps")
    (repo / "empty").mkdir()
    empty = run_cli("report", "empty", cwd=repo)
    assert empty.returncode == 2 and "no journey maps found in empty" in empty.stderr
    bad_table = report(run_cli, repo, "--table", "everything")
    assert bad_table.returncode == 2 and "Traceback" not in bad_table.stderr


def test_configuration_exclude_applies(run_cli: Run, repo: Path) -> None:
    (repo / ".cjmap.yaml").write_text("exclude: [maps/broken.yaml]\n", encoding="utf-8")
    done = report(run_cli, repo)
    assert done.returncode == 0 and "4 maps, 0 invalid" in done.stdout


def test_output_file_is_written_whole(run_cli: Run, repo: Path) -> None:
    done = report(run_cli, repo, "--format", "html", "-o", "out/portfolio.html")
    assert done.returncode == 1 and done.stdout == ""
    page = (repo / "out" / "portfolio.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page


def test_labels_follow_the_maps_language_by_default(run_cli: Run, repo: Path) -> None:
    done = run_cli("report", "maps/zapatillas.yaml", "--today", TODAY.isoformat(), "-t",
                   "freshness", cwd=repo, env=WIDE)
    assert done.returncode == 0
    assert rows(done.stdout, "Vigencia de las revisiones") == [
        ["zapatillas", "Equipo de crecimiento", "2026-05-20", "trimestral", "2026-08-19",
         "al día"]]


def test_worker_processes_give_the_same_report(run_cli: Run, repo: Path) -> None:
    # Enough maps for the runner to start workers: copies of the repository's maps.
    for copy in range(12):
        for name in ("shoes", "meal"):
            text = (repo / "maps" / f"{name}.yaml").read_text(encoding="utf-8")
            (repo / "maps" / f"{name}-{copy}.yaml").write_text(
                text.replace(f"id: {name}\n", f"id: {name}-{copy}\n"), encoding="utf-8")
    one = report(run_cli, repo, "--format", "json", "-j", "1").stdout
    two = report(run_cli, repo, "--format", "json", "-j", "2").stdout
    assert one == two and json.loads(one)["summary"]["valid"] == 28


def test_messages_speak_the_flag_the_configuration_or_the_locale(run_cli: Run,
                                                                 repo: Path) -> None:
    english = report(run_cli, repo)
    assert "1 of 5 maps is invalid and left out of the tables" in english.stderr
    flag = report(run_cli, repo, "--lang", "es")
    assert "1 de 5 mapas no es válido y queda fuera de las tablas" in flag.stderr
    locale = report(run_cli, repo, "--format", "csv", env={"LANG": "es_ES.UTF-8"})
    assert locale.returncode == 2 and "un CSV guarda una sola tabla" in locale.stderr
    (repo / ".cjmap.yaml").write_text("lang: es\n", encoding="utf-8")
    assert "1 de 5 mapas no es válido" in report(run_cli, repo).stderr
    # A usage error found before the configuration is read speaks the locale's language.
    early = run_cli("report", "maps", cwd=repo, env={"SOURCE_DATE_EPOCH": "soon"})
    assert early.returncode == 2
    assert "SOURCE_DATE_EPOCH='soon' is not a time in seconds" in early.stderr
