"""``cjmap lint`` end to end: the real command in a subprocess, on real files."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT
from tests.lintkit import EMPTY_STAGE_MAP, write

TODAY = ("--today", "2026-11-23")
SHOES = str(EXAMPLES / "running-shoes.yaml")


def _codes(stdout: str) -> list[str]:
    return [d["code"] for f in json.loads(stdout)["files"] for d in f["diagnostics"]]


def test_exit_codes(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    only = ("--select", "empty-stage", *TODAY)
    assert run_cli("lint", SHOES, *TODAY).returncode == 0
    assert run_cli("lint", "map.yaml", *only, cwd=tmp_path).returncode == 1
    assert run_cli("lint", "map.yaml", *only, "--fail-on", "error", cwd=tmp_path).returncode == 0
    assert run_cli("lint", "map.yaml", *only, "--exit-zero", cwd=tmp_path).returncode == 0
    missing = run_cli("lint", "nope.yaml", "--exit-zero", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nope.yaml:1:1" in missing.stdout and "no such file or directory" in missing.stdout
    (tmp_path / "empty").mkdir()
    empty = run_cli("lint", "empty", cwd=tmp_path)
    assert empty.returncode == 2
    assert "no journey maps found in empty" in empty.stderr


def test_a_bad_date_or_format_is_a_usage_error(run_cli) -> None:
    result = run_cli("lint", SHOES, "--today", "23/11/2026")
    assert result.returncode == 2
    assert "--today" in result.stderr
    assert run_cli("lint", SHOES, "--format", "xml").returncode == 2


def test_select_and_ignore_take_lists_and_repeats(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    json_out = ("--format", "json", *TODAY)
    selected = run_cli("lint", "map.yaml", "--select", "empty-stage,missing-end",
                       "--select", "missing-start", *json_out, cwd=tmp_path)
    assert sorted(set(_codes(selected.stdout))) == ["empty-stage", "missing-end",
                                                    "missing-start"]
    ignored = run_cli("lint", "map.yaml", "--select", "empty-stage,missing-end,missing-start",
                      "--ignore", "missing-end", "--ignore", "empty-stage", *json_out,
                      cwd=tmp_path)
    assert _codes(ignored.stdout) == ["missing-start"]


def test_an_unknown_rule_on_the_command_line_is_a_usage_error(run_cli) -> None:
    result = run_cli("lint", SHOES, "--ignore", "emtpy-stage")
    assert result.returncode == 2
    assert result.stderr == ("cjmap: unknown rule 'emtpy-stage' in --ignore; "
                             "did you mean 'empty-stage'?\n")


def test_statistics_count_findings_per_rule(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP, "a.yaml")
    write(tmp_path, EMPTY_STAGE_MAP, "b.yaml")
    rules = ("--select", "empty-stage,no-emotion", *TODAY)
    result = run_cli("lint", ".", "--statistics", *rules, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ("count  rule         severity\n"
                             "    4  no-emotion   warning\n"
                             "    2  empty-stage  warning\n"
                             "    6  findings in 2 of 2 files\n")
    spanish = run_cli("lint", ".", "--statistics", "--lang", "es", *rules, cwd=tmp_path)
    # The words are the reader's; the rule ids stay, and the columns still line up.
    assert spanish.stdout == ("número  regla        gravedad\n"
                              "     4  no-emotion   aviso\n"
                              "     2  empty-stage  aviso\n"
                              "     6  hallazgos en 2 de 2 archivos\n")
    as_json = run_cli("lint", ".", "--statistics", "--format", "json", *rules, cwd=tmp_path)
    assert json.loads(as_json.stdout) == [
        {"rule": "no-emotion", "severity": "warning", "count": 4},
        {"rule": "empty-stage", "severity": "warning", "count": 2}]
    assert run_cli("lint", ".", "--statistics", "--format", "sarif",
                   cwd=tmp_path).returncode == 2


def test_show_config_names_the_file_and_the_effective_rules(run_cli, tmp_path: Path) -> None:
    write(tmp_path, "rules:\n  low-touchpoint-quality: {severity: error, min-score: 4}\n"
          "  missing-review: off\noverrides:\n  - files: [legacy/]\n    ignore: [no-actions]\n",
          ".cjmap.yaml")
    write(tmp_path / "legacy", EMPTY_STAGE_MAP)
    result = run_cli("lint", "--show-config", cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "configuration: .cjmap.yaml"
    assert "fail-on: warning" in lines
    assert any(line.split() == ["low-touchpoint-quality", "error", "min-score=4"]
               for line in lines)
    assert any(line.split() == ["missing-review", "off"] for line in lines)
    assert any(line.split() == ["no-actions", "warning"] for line in lines)
    assert lines[-1] == '  - files legacy/; ignore no-actions'
    for_file = run_cli("lint", "--show-config", "legacy/map.yaml", cwd=tmp_path)
    assert "for file: legacy/map.yaml" in for_file.stdout
    assert any(line.split() == ["no-actions", "off"] for line in for_file.stdout.splitlines())


def test_show_config_as_json(run_cli, tmp_path: Path) -> None:
    write(tmp_path, "fail-on: error\nexclude: [drafts/]\nrules:\n"
          "  low-touchpoint-quality: {severity: error, min-score: 4}\n"
          "overrides:\n  - files: [legacy/]\n    ignore: [no-actions]\n"
          "    rules: {missing-review: info}\n", ".cjmap.yaml")
    write(tmp_path / "legacy", EMPTY_STAGE_MAP)
    result = run_cli("lint", "--show-config", "--format", "json", "legacy/map.yaml",
                     cwd=tmp_path)
    assert result.returncode == 0
    shown = json.loads(result.stdout)
    assert {key: shown[key] for key in ("configuration", "file", "fail-on", "include",
                                        "exclude")} == {
        "configuration": ".cjmap.yaml", "file": "legacy/map.yaml", "fail-on": "error",
        "include": [], "exclude": ["drafts/"]}
    assert shown["rules"]["low-touchpoint-quality"] == {"severity": "error",
                                                        "options": {"min-score": 4}}
    assert shown["rules"]["no-actions"] == {"severity": "off", "options": {}}
    assert shown["rules"]["missing-review"]["severity"] == "info"
    assert shown["overrides"] == [{"files": ["legacy/"], "extend-select": [],
                                   "ignore": ["no-actions"],
                                   "rules": {"missing-review": {"severity": "info"}}}]
    # The text form says the same.
    text = run_cli("lint", "--show-config", "legacy/map.yaml", cwd=tmp_path).stdout.splitlines()
    assert any(line.split() == ["missing-review", "info"] for line in text)
    assert run_cli("lint", "--show-config", "--format", "sarif", cwd=tmp_path).returncode == 2


def test_the_show_config_json_example_in_the_docs_is_what_cjmap_prints(
        run_cli, tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    section = doc[doc.index("With `--format json` it prints the same"):]
    config, shown = re.findall(r"^```(?:yaml|json)\n(.*?)^```", section, re.M | re.S)[:2]
    write(tmp_path, config, ".cjmap.yaml")
    write(tmp_path / "legacy", EMPTY_STAGE_MAP)
    result = run_cli("lint", "--show-config", "--format", "json", "legacy/map.yaml",
                     cwd=tmp_path)
    printed, documented = json.loads(result.stdout), json.loads(shown)
    printed["rules"] = {rule: printed["rules"][rule] for rule in documented["rules"]}
    assert printed == documented


def test_show_files_honours_gitignore_include_and_exclude(run_cli, tmp_path: Path) -> None:
    for name in ("maps/a.yaml", "maps/drafts/b.yaml", "maps/ignored/c.yaml", "other/d.yaml"):
        write(tmp_path, EMPTY_STAGE_MAP, name)
    write(tmp_path, "not: a map\n", "maps/config.yaml")
    write(tmp_path, "ignored/\n", "maps/.gitignore")
    result = run_cli("lint", "--show-files", cwd=tmp_path)
    assert result.stdout.splitlines() == ["maps/a.yaml", "maps/drafts/b.yaml", "other/d.yaml"]
    write(tmp_path, "include: [maps/]\nexclude: ['drafts/']\n", ".cjmap.yaml")
    assert run_cli("lint", "--show-files", cwd=tmp_path).stdout == "maps/a.yaml\n"
    # A file named on the command line is linted unless excluded.
    named = run_cli("lint", "--show-files", "other/d.yaml", "maps/drafts/b.yaml", cwd=tmp_path)
    assert named.stdout == "other/d.yaml\n"
    missing = run_cli("lint", "--show-files", "other/d.yaml", "nope.yaml", cwd=tmp_path)
    assert (missing.returncode, missing.stdout) == (2, "other/d.yaml\n")
    assert missing.stderr == "cjmap: nope.yaml: no such file or directory\n"


def test_output_writes_report_files_beside_the_terminal_report(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    # out/ does not exist: it is made, as render -o makes the directories of its file.
    result = run_cli("lint", "map.yaml", "--select", "empty-stage", "--output",
                     "json=out/report.json", "-o", "concise=out/report.txt", *TODAY,
                     cwd=tmp_path)
    assert result.returncode == 1
    assert "empty-stage" in result.stdout
    assert _codes((tmp_path / "out" / "report.json").read_text(encoding="utf-8")) == [
        "empty-stage"]
    assert "map.yaml:3:25" in (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json",
                                                                     "report.txt"]
    bad = run_cli("lint", "map.yaml", "--output", "xml=out/x.xml", cwd=tmp_path)
    assert bad.returncode == 2
    assert "unknown format 'xml' in --output" in bad.stderr
    assert run_cli("lint", "map.yaml", "--output", "json", cwd=tmp_path).returncode == 2


def test_a_broken_configuration_shows_in_the_reports_ci_asked_for(run_cli,
                                                                    tmp_path: Path) -> None:
    import jsonschema
    import xmlschema

    from tests.reporting import JUNIT_XSD, sarif_schema

    write(tmp_path, EMPTY_STAGE_MAP)
    write(tmp_path, "ignore: [emty-stage]\n", ".cjmap.yaml")
    (tmp_path / "out").mkdir()
    result = run_cli("lint", "map.yaml", "--format", "sarif", "--output", "junit=out/j.xml",
                     "--output", "github=out/annotations.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown rule 'emty-stage'" in result.stderr
    assert result.stderr.endswith("the configuration in .cjmap.yaml is invalid; "
                                  "nothing was linted\n")
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, sarif_schema())
    [found] = sarif["runs"][0]["results"]
    assert (found["ruleId"], found["level"]) == ("config", "error")
    assert found["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "config")
    assert rule["shortDescription"]["text"] == "The lint configuration is invalid"
    junit = tmp_path / "out" / "j.xml"
    xmlschema.XMLSchema(str(JUNIT_XSD)).validate(str(junit))
    assert ".cjmap.yaml" in junit.read_text(encoding="utf-8")
    assert (tmp_path / "out" / "annotations.txt").read_text(encoding="utf-8").startswith(
        "::error file=.cjmap.yaml,line=1,col=10,")
    # The text format keeps stdout empty: people read the problem on stderr.
    text = run_cli("lint", "map.yaml", cwd=tmp_path)
    assert (text.returncode, text.stdout) == (2, "")


def test_a_cached_run_gives_the_same_output(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP, "a.yaml")
    write(tmp_path, EMPTY_STAGE_MAP.replace("evaluation, ", ""), "b.yaml")
    cold = run_cli("lint", ".", *TODAY, cwd=tmp_path)
    [cache_file] = (tmp_path / ".cjmap_cache").glob("lint-*.json")
    warm = run_cli("lint", ".", *TODAY, cwd=tmp_path)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout,
                                                           cold.stderr)
    assert "  3 | stages: [consideration, evaluation, purchase]" in warm.stdout
    assert (tmp_path / ".cjmap_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    # A corrupt cache costs a cold run, nothing more.
    cache_file.write_text('{"format": 1, "key": "', encoding="utf-8")
    assert run_cli("lint", ".", *TODAY, cwd=tmp_path).stdout == cold.stdout


def test_the_cache_sees_changed_files_and_configuration(run_cli, tmp_path: Path) -> None:
    path = write(tmp_path, EMPTY_STAGE_MAP)
    rules = ("--select", "empty-stage", "--format", "json", *TODAY)
    assert _codes(run_cli("lint", ".", *rules, cwd=tmp_path).stdout) == ["empty-stage"]
    path.write_text(EMPTY_STAGE_MAP.replace("evaluation, ", ""), encoding="utf-8")
    assert _codes(run_cli("lint", ".", *rules, cwd=tmp_path).stdout) == []
    path.write_text(EMPTY_STAGE_MAP, encoding="utf-8")
    write(tmp_path, "rules: {empty-stage: info}\n", ".cjmap.yaml")
    result = run_cli("lint", ".", *rules, cwd=tmp_path)
    assert json.loads(result.stdout)["files"][0]["diagnostics"][0]["severity"] == "info"
    assert result.returncode == 0


def test_no_cache_neither_reads_nor_writes_it(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    result = run_cli("lint", ".", "--no-cache", *TODAY, cwd=tmp_path)
    assert result.returncode == 1
    assert not (tmp_path / ".cjmap_cache").exists()


def test_github_format_is_chosen_under_github_actions(tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    env = {**os.environ, "GITHUB_ACTIONS": "true", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "cjmap", "lint", "map.yaml", "--select", "empty-stage", *TODAY],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, encoding="utf-8")
    assert result.stdout.startswith("::warning file=map.yaml,line=3,col=25,"), result.stdout
    text = subprocess.run(
        [sys.executable, "-m", "cjmap", "lint", "map.yaml", "--select", "empty-stage", *TODAY,
         "--format", "text"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, encoding="utf-8")
    assert "::warning" not in text.stdout


def test_lint_reports_everything_validate_does(run_cli) -> None:
    maps = str(ROOT / "tests" / "maps" / "invalid")
    validated = run_cli("validate", maps, "--format", "json")
    linted = run_cli("lint", maps, "--format", "json", "--no-cache", *TODAY)
    assert (validated.returncode, linted.returncode) == (1, 1)
    for checked, found in zip(json.loads(validated.stdout)["files"],
                              json.loads(linted.stdout)["files"], strict=True):
        assert found["path"] == checked["path"]
        assert found["diagnostics"] == checked["diagnostics"]


def test_standard_input_is_linted_and_never_cached(run_cli, tmp_path: Path) -> None:
    result = run_cli("lint", "-", "--select", "empty-stage", "--format", "concise", *TODAY,
                     input=EMPTY_STAGE_MAP, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:3:25: warning [empty-stage]")


HEAVY = ("pydantic", "pydantic_core", "yaml", "rich", "cjmap.format.model", "cjmap.lint.rules",
         "cjmap.lint.engine")


def _run_in_process(args: list[str], cwd: Path) -> tuple[str, list[str]]:
    """What ``cjmap ARGS`` prints, and which of the HEAVY modules it has imported."""
    code = (f"import sys; sys.argv = ['cjmap', *{args!r}]\n"
            "from cjmap.cli.app import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m in {HEAVY!r}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=cwd, timeout=120,
                            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    *output, modules = result.stdout.splitlines()
    return "\n".join(output), json.loads(modules.replace("'", '"'))


def test_a_cached_run_loads_neither_pydantic_nor_the_model_nor_the_rules(
        run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    assert run_cli("lint", ".", *TODAY, cwd=tmp_path).returncode == 1
    output, heavy = _run_in_process(["lint", ".", *TODAY], tmp_path)
    assert heavy == []
    assert "empty-stage" in output  # it did report, from the cache


def test_lint_help_shows_every_format_and_loads_nothing_heavy() -> None:
    from cjmap.report import REPORTERS

    output, heavy = _run_in_process(["lint", "--help"], ROOT)
    assert heavy == []
    assert f"<{'|'.join(REPORTERS)}>" in output


def test_a_read_only_output_is_refused_unless_forced_and_the_others_are_written(
        run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    kept = tmp_path / "kept.sarif"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o444)  # refused by its mode bits, even for root
    args = ("lint", "map.yaml", "--select", "empty-stage", "-o", "sarif=kept.sarif",
            "-o", "json=new/report.json", *TODAY)
    refused = run_cli(*args, cwd=tmp_path)
    assert refused.returncode == 2
    assert "cjmap: cannot write kept.sarif: it is read-only; --force replaces it\n" \
        in refused.stderr
    assert kept.read_text(encoding="utf-8") == "old"
    assert _codes((tmp_path / "new" / "report.json").read_text(encoding="utf-8")) == [
        "empty-stage"]
    forced = run_cli(*args, "--force", cwd=tmp_path)
    assert forced.returncode == 1, forced.stderr
    assert json.loads(kept.read_text(encoding="utf-8"))["runs"][0]["results"]


def test_an_output_whose_directory_cannot_be_made_is_reported(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    (tmp_path / "out").write_text("a file where the directory should be", encoding="utf-8")
    result = run_cli("lint", "map.yaml", "-o", "json=out/report.json", *TODAY, cwd=tmp_path)
    assert result.returncode == 2
    assert "cjmap: cannot write out/report.json: " in result.stderr
    assert "Traceback" not in result.stderr
