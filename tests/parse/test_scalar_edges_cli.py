"""Scalars that look like numbers or times but are none, and integers too long to print, through
the real CLI: every command reads them the same way, as text or as a positioned problem, and
none stops with an internal error."""

import json
import re
from pathlib import Path

import pytest

from cjmap.parse.yamlfast import MAX_INT_DIGITS
from cjmap.report import REPORTERS
from tests.parse.test_yaml_differential import NOT_NUMBERS_OR_TIMES

HUGE = "9" * 4301  # past Python's own int/str limit (4,300 digits), not only cjmap's


def _write_maps(folder: Path) -> dict[str, str]:
    """Maps whose titles are the tricky scalars, by file stem → title."""
    folder.mkdir()
    titles = {f"text-{index}": text for index, text in enumerate(NOT_NUMBERS_OR_TIMES)}
    titles["longest-number"] = "9" * MAX_INT_DIGITS  # a number, and fine as text
    for stem, title in titles.items():
        (folder / f"{stem}.yaml").write_text(f"cjmap: 1\ntitle: {title}\nsteps: [Buys]\n",
                                             encoding="utf-8")
    return titles


# (map, line, column, code, words of the message)
PROBLEMS = {
    "bad-date": ("cjmap: 1\ntitle: Reviewed\nreview:\n  last_reviewed: 2024-01-01 24:00:00\n"
                 "steps: [Buys]\n", 4, 18, "schema",
                 "'last_reviewed' must be a date (YYYY-MM-DD), not the text '2024-01-01 24:00:00'"),
    "huge-title": (f"cjmap: 1\ntitle: {HUGE}\nsteps: [Buys]\n", 2, 8, "yaml-limit",
                   f"a number of more than {MAX_INT_DIGITS} digits"),
    "huge-emotion": (f"cjmap: 1\ntitle: Feels\nsteps:\n  - name: Buys\n    emotion: -{HUGE}\n",
                     5, 14, "yaml-limit", f"a number of more than {MAX_INT_DIGITS} digits"),
    "huge-hex": (f"cjmap: 1\ntitle: Counts\nsteps:\n  - name: Buys\n    metrics:\n"
                 f"      - {{name: Visits, actual: 0x{'f' * 600}}}\n", 6, 32, "yaml-limit",
                 f"a number of more than {MAX_INT_DIGITS} digits"),
    # the longest number a map may hold is still more than a float field takes
    "longest-actual": (f"cjmap: 1\ntitle: Counts\nsteps:\n  - name: Buys\n    metrics:\n"
                       f"      - {{name: Visits, actual: {'9' * MAX_INT_DIGITS}}}\n", 6, 32,
                       "schema",
                       f"'actual' must be at most 1.8e+308, not a number of {MAX_INT_DIGITS} "
                       "digits"),
}


def _by_file(stdout: str) -> dict[str, list[dict]]:
    return {Path(f["path"]).stem: f["diagnostics"] for f in json.loads(stdout)["files"]}


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_text_lookalikes_are_valid_titles(run_cli, tmp_path, command):
    titles = _write_maps(tmp_path / "maps")
    result = run_cli(command, "--format", "json", "--no-cache", str(tmp_path / "maps"))
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode == (0 if command == "validate" else 1), result.stderr
    found = _by_file(result.stdout)
    assert found.keys() == titles.keys()
    for diagnostics in found.values():
        assert [d for d in diagnostics if d["severity"] == "error"] == []


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_text_lookalikes_are_rendered_as_written(run_cli, tmp_path, fmt):
    titles = _write_maps(tmp_path / "maps")
    out = tmp_path / "out"
    result = run_cli("render", "-f", fmt, "--out-dir", str(out), str(tmp_path / "maps"))
    assert result.returncode == 0, result.stderr
    for stem, title in titles.items():
        (page,) = out.rglob(f"{stem}.{fmt}")
        text = page.read_text(encoding="utf-8")
        if fmt == "html":
            assert f"<title>{title}" in text
        else:
            heading = text.splitlines()[0]
            assert re.sub(r"\\(.)", r"\1", heading) == f"# {title}"


@pytest.mark.parametrize("command", ["validate", "lint"])
def test_problems_are_placed_where_they_are_written(run_cli, tmp_path, command):
    for stem, (text, *_) in PROBLEMS.items():
        (tmp_path / f"{stem}.yaml").write_text(text, encoding="utf-8")
    result = run_cli(command, "--format", "json", "--no-cache", str(tmp_path))
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode == 1
    found = _by_file(result.stdout)
    for stem, (_, line, column, code, words) in PROBLEMS.items():
        (diagnostic,) = found[stem]
        assert (diagnostic["line"], diagnostic["column"], diagnostic["code"]) \
            == (line, column, code), stem
        assert words in diagnostic["message"]
        if code == "yaml-limit":
            assert "quotes" in diagnostic["hint"]


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_problems_are_reported_in_every_format(run_cli, tmp_path, fmt):
    for stem, (text, *_) in PROBLEMS.items():
        (tmp_path / f"{stem}.yaml").write_text(text, encoding="utf-8")
    result = run_cli("lint", "--format", fmt, "--no-cache", str(tmp_path))
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert all(stem in result.stdout for stem in PROBLEMS)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_problems_stop_render_with_the_same_message(run_cli, tmp_path, fmt):
    for stem, (text, *_) in PROBLEMS.items():
        (tmp_path / f"{stem}.yaml").write_text(text, encoding="utf-8")
    result = run_cli("render", "-f", fmt, "--out-dir", str(tmp_path / "out"), str(tmp_path))
    assert result.returncode == 1
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    for stem, (_, line, column, code, _words) in PROBLEMS.items():
        assert f"{stem}.yaml:{line}:{column}: error:" in result.stderr
        assert f"[{code}]" in result.stderr
    assert not (tmp_path / "out").exists()
