"""Reviews due near the end of the calendar (9999-12-31) through the real CLI: a next review that
falls past it is a map error at the cadence for every command; one that just fits is checked by
lint and shown by the renderers."""

import json
from pathlib import Path

import pytest

HEAD = "cjmap: 1\ntitle: Reviewed\nsteps: [Searches, Buys]\n"
PAST_THE_END = {
    "quarterly": (HEAD + "review:\n  last_reviewed: 9999-12-01\n  cadence: quarterly\n",
                  "the next review, quarterly after 9999-12-01, would fall after the year 9999"),
    "millions": (HEAD + "review:\n  last_reviewed: 2024-01-01\n  cadence: 3000000d\n",
                 "the next review, 3000000d after 2024-01-01, would fall after the year 9999"),
}
LAST_DAY = HEAD + "review:\n  last_reviewed: 9999-12-01\n  cadence: 30d\n"


def _maps(folder: Path) -> Path:
    folder.mkdir()
    for stem, (text, _) in PAST_THE_END.items():
        (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_review_past_the_calendar_is_an_error_at_the_cadence(run_cli, tmp_path, command):
    result = run_cli(command, "--format", "json", "--no-cache", str(_maps(tmp_path / "maps")))
    assert result.returncode == 1
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    files = {Path(f["path"]).stem: f["diagnostics"] for f in json.loads(result.stdout)["files"]}
    for stem, (_, message) in PAST_THE_END.items():
        (problem,) = files[stem]
        assert (problem["line"], problem["column"], problem["code"]) == (6, 12, "schema")
        assert problem["message"].startswith(message)
        assert problem["hint"].startswith("write a shorter cadence")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_render_refuses_a_review_past_the_calendar(run_cli, tmp_path, fmt):
    result = run_cli("render", "-f", fmt, "--out-dir", str(tmp_path / "out"),
                     str(_maps(tmp_path / "maps")))
    assert result.returncode == 1
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for stem in PAST_THE_END:
        assert f"{stem}.yaml:6:12: error: the next review" in result.stderr
    assert not (tmp_path / "out").exists()


def test_lint_checks_a_review_due_on_the_last_day(run_cli, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(LAST_DAY, encoding="utf-8")
    result = run_cli("lint", "--format", "json", "--no-cache", "--today", "9999-12-31", str(path))
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    codes = [d["code"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]
    assert "review-overdue" not in codes and "schema" not in codes
    reviewed_earlier = LAST_DAY.replace("9999-12-01", "9999-11-01")
    path.write_text(reviewed_earlier, encoding="utf-8")
    result = run_cli("lint", "--no-cache", "--today", "9999-12-31", str(path))
    assert ("review was due on December 1, 9999 (30d after November 1, 9999), 30 days ago"
            in result.stdout)


@pytest.mark.parametrize(("fmt", "shown"), [
    ("html", '<time class="due" datetime="9999-12-31">December 31, 9999</time>'),
    ("md", "Next review due December 31, 9999")])
def test_render_shows_a_review_due_on_the_last_day(run_cli, tmp_path, fmt, shown):
    path = tmp_path / "map.yaml"
    path.write_text(LAST_DAY, encoding="utf-8")
    result = run_cli("render", "-f", fmt, "-o", "-", str(path))
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout
