"""A map on which cjmap fails (a bug) is that map's finding, not the end of the run: every other
map is still reported, in every format, and rendered; the run exits 2 so that CI still fails.

In process (``-j 1``) a monkeypatched loader, rule or renderer raises; with ``-j 2`` the failure
is planted by a ``sitecustomize`` on ``PYTHONPATH``, which worker processes inherit."""

import io
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import cjmap.loader
from cjmap.cli import lint, render, validate
from cjmap.exitcodes import ExitCode
from cjmap.lint.rules import empty_stage
from cjmap.render import RENDERERS
from cjmap.report import REPORTERS

GOOD = "cjmap: 1\ntitle: {title}\nsteps: [Searches, Buys]\n"
BAD = "cjmap: 1\ntitle: Bad\nsteps:\n  - name: Searches\n    emotion: 9\n"
MESSAGE = "cjmap failed on this file: ZeroDivisionError: planted"


def write_maps(directory: Path) -> Path:
    """crash.yaml (the one cjmap will fail on), a valid map and an invalid one."""
    maps = directory / "maps"
    maps.mkdir()
    (maps / "crash.yaml").write_text(GOOD.format(title="Crash"), encoding="utf-8")
    (maps / "fine.yaml").write_text(GOOD.format(title="Fine"), encoding="utf-8")
    (maps / "invalid.yaml").write_text(BAD, encoding="utf-8")
    return maps


@pytest.fixture
def maps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CJMAP_DEBUG", raising=False)
    return write_maps(tmp_path).relative_to(tmp_path)


def plant_in_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    load = cjmap.loader.load

    def failing(path: str | Path, **options: Any) -> cjmap.loader.LoadResult:
        if Path(path).name == "crash.yaml":
            raise ZeroDivisionError("planted")
        return load(path, **options)

    monkeypatch.setattr(cjmap.loader, "load", failing)


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_validate_reports_every_other_map_in_every_format(maps, monkeypatch, fmt):
    plant_in_loader(monkeypatch)
    out, err = io.StringIO(), io.StringIO()
    code = validate.run(validate.ValidateOptions([maps], format=fmt, jobs=1, cache=False),
                        out, err)
    assert code == ExitCode.USAGE
    report = out.getvalue()
    for expected in ("crash.yaml", "internal-error", MESSAGE, "invalid.yaml"):
        assert expected in report
    if fmt == "json":
        files = {f["path"]: f["diagnostics"] for f in json.loads(report)["files"]}
        assert files["maps/fine.yaml"] == []
        assert [d["code"] for d in files["maps/invalid.yaml"]] == ["schema"]
        (crash,) = files["maps/crash.yaml"]
        assert crash["hint"].startswith("this is a bug in cjmap: please report it with the file")


def test_a_failing_rule_is_the_file_finding_and_is_never_cached(maps, monkeypatch):
    check = empty_stage.check

    def failing(context: Any, options: Any) -> Iterator[Any]:
        # A generator, as rules are: it fails while the engine reads its findings.
        if context.path.endswith("crash.yaml"):
            raise ZeroDivisionError("planted")
        yield from check(context, options)

    monkeypatch.setattr(empty_stage, "check", failing)
    options = lint.LintOptions([maps], format="sarif", jobs=1, today=date(2026, 1, 1))
    out = io.StringIO()
    assert lint.run(options, out, io.StringIO()) == ExitCode.USAGE
    results = json.loads(out.getvalue())["runs"][0]["results"]
    crashed = [r for r in results if r["ruleId"] == "internal-error"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in crashed] == ["maps/crash.yaml"]
    assert crashed[0]["message"]["text"].startswith(
        "cjmap failed on this file: RuntimeError: rule 'empty-stage' failed on "
        "maps/crash.yaml: ZeroDivisionError('planted')")
    assert {"schema", "missing-persona"} <= {r["ruleId"] for r in results}
    # Fixed (the patch gone), the file is checked again: its failure was not cached.
    monkeypatch.setattr(empty_stage, "check", check)
    out = io.StringIO()
    assert lint.run(options, out, io.StringIO()) == ExitCode.FINDINGS
    assert "internal-error" not in out.getvalue()


def test_render_draws_every_other_map(maps, monkeypatch):
    renderer = RENDERERS["md"]()

    def failing(journey: Any, options: Any) -> bytes:
        if journey.title == "Crash":
            raise ZeroDivisionError("planted")
        return renderer(journey, options)

    monkeypatch.setitem(RENDERERS, "md", lambda: failing)
    err = io.StringIO()
    options = render.RenderCommandOptions([maps], formats=("md",), out_dir=Path("out"), jobs=1)
    assert render.run(options, io.BytesIO(), err) == ExitCode.USAGE
    assert sorted(p.name for p in (Path("out") / "maps").iterdir()) == ["fine.md"]
    assert f"maps/crash.yaml:1:1: error: {MESSAGE} [internal-error]" in err.getvalue()
    assert err.getvalue().endswith("rendered 1 map to out/; 2 not rendered\n")


def test_cjmap_debug_shows_the_traceback_and_still_reports_everything(maps, monkeypatch,
                                                                       capsys):
    plant_in_loader(monkeypatch)
    monkeypatch.setenv("CJMAP_DEBUG", "1")
    out = io.StringIO()
    validate.run(validate.ValidateOptions([maps], format="concise", jobs=1, cache=False), out,
                 io.StringIO())
    traceback = capsys.readouterr().err
    assert traceback.startswith("Traceback (most recent call last):")
    assert traceback.endswith("ZeroDivisionError: planted\n")
    assert "maps/invalid.yaml:5:14: error [schema]" in out.getvalue()


# Loaded by every Python started with this directory on PYTHONPATH, before cjmap runs; the
# workers are forked from that process, so they carry the planted failure too.
SITECUSTOMIZE = """\
    import os
    from pathlib import Path

    import cjmap.loader

    MAIN = os.getpid()
    _load = cjmap.loader.load


    def load(path, **options):
        if Path(path).name == "crash.yaml":
            where = "main" if os.getpid() == MAIN else "worker"
            raise ZeroDivisionError(f"planted in a {where} process")
        return _load(path, **options)


    cjmap.loader.load = load
"""


def run_planted(tmp_path: Path, *args: str, debug: bool = False
                ) -> subprocess.CompletedProcess[str]:
    shim = tmp_path / "shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(textwrap.dedent(SITECUSTOMIZE), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(shim)}
    env.pop("CJMAP_DEBUG", None)
    if debug:
        env["CJMAP_DEBUG"] = "1"
    return subprocess.run([sys.executable, "-m", "cjmap", *args, "-j", "2"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    maps = write_maps(tmp_path)
    for number in range(6):  # enough files that both workers get some
        (maps / f"more-{number}.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "CJMAP_DEBUG"])
def test_worker_processes_report_a_failing_map_and_every_other(planted, debug):
    result = run_planted(planted, "validate", "maps", "--format", "sarif", "--no-cache",
                         debug=debug)
    assert result.returncode == ExitCode.USAGE
    results = json.loads(result.stdout)["runs"][0]["results"]
    by_file = {}
    for entry in results:
        uri = entry["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_file.setdefault(uri, []).append(entry["ruleId"])
    assert by_file == {"maps/crash.yaml": ["internal-error"], "maps/invalid.yaml": ["schema"],
                       **{f"maps/more-{n}.yaml": ["schema"] for n in range(6)}}
    crash = next(e for e in results if e["ruleId"] == "internal-error")
    assert "ZeroDivisionError: planted in a worker process" in crash["message"]["text"]
    assert ("Traceback (most recent call last)" in result.stderr) == debug


def test_worker_processes_render_every_other_map(planted):
    result = run_planted(planted, "render", "maps", "--format", "mermaid", "--out-dir", "out")
    assert result.returncode == ExitCode.USAGE
    assert "Traceback" not in result.stderr
    assert "maps/crash.yaml:1:1: error: cjmap failed on this file: ZeroDivisionError: planted " \
           "in a worker process [internal-error]" in result.stderr
    assert sorted(p.name for p in (planted / "out" / "maps").iterdir()) == ["fine.mmd"]
