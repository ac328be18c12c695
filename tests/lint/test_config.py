"""Lint configuration: where it is found, what it changes, its errors at file:line:col, and its
JSON Schema."""

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from cjmap.format.schema import dumps
from cjmap.lint.config import ConfigError, config_schema, find, resolve
from tests.conftest import ROOT
from tests.lintkit import EMPTY_STAGE_MAP, write

SCHEMA_FILE = ROOT / "schemas" / "cjmap-config.schema.json"
COMPLETE = """\
select: [all]
ignore: [missing-review]
rules:
  low-touchpoint-quality: {severity: error, min-score: 4}
  missing-timeframe: off
  empty-stage: error
include: ["maps/"]
exclude: ["maps/drafts/"]
overrides:
  - files: ["maps/legacy/"]
    ignore: [no-actions]
    extend-select: [missing-review]
    rules: {review-overdue: {grace-days: 30}}
fail-on: error
"""


def _errors(path: Path) -> list[tuple[int, int, str, str | None]]:
    from cjmap.lint.config import read

    with pytest.raises(ConfigError) as caught:
        resolve(read(path), path.parent)
    return [(d.line, d.column, d.message, d.hint) for d in sorted(
        caught.value.diagnostics, key=lambda d: (d.line, d.column))]


def _found(start: Path) -> Path | None:
    source = find(start)
    return None if source is None else source.path.resolve()


def test_the_nearest_configuration_upwards_applies(tmp_path: Path) -> None:
    write(tmp_path, "fail-on: error\n", ".cjmap.yaml")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert _found(deep) == tmp_path / ".cjmap.yaml"
    write(deep, "[tool.cjmap]\nfail-on = 'info'\n", "pyproject.toml")
    assert _found(deep) == deep / "pyproject.toml"


def test_a_pyproject_without_a_cjmap_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path, "ignore: [empty-stage]\n", ".cjmap.yml")
    write(tmp_path / "pkg", "[project]\nname = 'x'\n", "pyproject.toml")
    assert _found(tmp_path / "pkg") == tmp_path / ".cjmap.yml"


def test_cjmap_yaml_comes_before_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path, "[tool.cjmap]\n", "pyproject.toml")
    write(tmp_path, "", ".cjmap.yaml")
    assert _found(tmp_path) == tmp_path / ".cjmap.yaml"


def test_a_complete_configuration_resolves(tmp_path: Path) -> None:
    from cjmap.lint.config import read

    settings = resolve(read(write(tmp_path, COMPLETE, ".cjmap.yaml")), tmp_path)
    assert settings.fail_on == "error"
    assert settings.rules["empty-stage"] == {"severity": "error"}
    assert settings.rules["low-touchpoint-quality"] == {"severity": "error", "min-score": 4}
    assert settings.overrides[0].extend_select == ("missing-review",)
    assert settings.root == str(tmp_path.absolute())


def test_yaml_errors_are_placed_where_they_are_written(tmp_path: Path) -> None:
    path = write(tmp_path, "fail-on: eror\nselct: [empty-stage]\noverrides:\n"
                 "  - files: [a/]\n    ignroe: [x]\n  - ignore: []\n", ".cjmap.yaml")
    assert _errors(path) == [
        (1, 10, "'fail-on' cannot be 'eror': use one of 'error', 'warning' or 'info'",
         "did you mean 'error'?"),
        (2, 1, "unknown setting 'selct'", "did you mean 'select'?"),
        (5, 5, "unknown setting 'ignroe'", "did you mean 'ignore'?"),
        (6, 5, "this override is missing the required setting 'files'", None),
    ]


def test_unknown_rules_options_and_bad_option_values(tmp_path: Path) -> None:
    path = write(tmp_path, "ignore: [missing-persona, emty-stage]\nrules:\n"
                 "  low-touchpoint-quality: {min-scor: 4}\n"
                 "  review-overdue: {grace-days: ten}\n  schema: off\n", ".cjmap.yaml")
    assert _errors(path) == [
        (1, 27, "unknown rule 'emty-stage'", "did you mean 'empty-stage'?"),
        (3, 28, "rule 'low-touchpoint-quality' has no option 'min-scor'",
         "did you mean 'min-score'?"),
        (4, 32, "option 'grace-days' of 'review-overdue' must be a whole number, not 'ten'",
         "its default is 0"),
        (5, 3, "'schema' is a validation check, not a rule: validation problems are always "
               "reported", "fix the map instead"),
    ]


def test_a_cadence_option_is_checked_as_a_review_cadence(tmp_path: Path) -> None:
    path = write(tmp_path, "rules:\n  stale-metric: {default-cadence: fortnigthly}\n",
                 ".cjmap.yaml")
    [(line, column, message, hint)] = _errors(path)
    assert (line, column, message) == (2, 35, "'fortnigthly' is not a review cadence")
    assert hint is not None and "90d" in hint
    fine = write(tmp_path, "rules:\n  stale-metric: {default-cadence: 90d}\n", ".cjmap.yaml")
    from cjmap.lint.config import read

    assert resolve(read(fine), fine.parent).rules["stale-metric"]["default-cadence"] == "90d"


def test_unknown_rules_come_in_the_same_run_as_other_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "fail-on: eror\nignore: [emty-stage, 7]\nrules:\n"
                 "  empty-stage: {severity: loud, min-scor: 1}\n  nope: warning\n"
                 "overrides:\n  - ignore: [missing-persona, persona]\n", ".cjmap.yaml")
    assert _errors(path) == [
        (1, 10, "'fail-on' cannot be 'eror': use one of 'error', 'warning' or 'info'",
         "did you mean 'error'?"),
        (2, 10, "unknown rule 'emty-stage'", "did you mean 'empty-stage'?"),
        (2, 22, "'ignore' must be text, not a number (7)", None),
        (4, 27, "'severity' cannot be 'loud': use one of 'error', 'warning', 'info' or 'off'",
         None),
        (4, 33, "rule 'empty-stage' has no option 'min-scor'", "it takes no options"),
        (5, 3, "unknown rule 'nope'", "cjmap rules lists them all"),
        (7, 5, "this override is missing the required setting 'files'", None),
        (7, 31, "unknown rule 'persona'", "did you mean 'missing-persona'?"),
    ]


def test_pyproject_errors_are_placed_on_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[project]\nname = 'x'\n\n[tool.cjmap]\n"
                 "ignore = ['missing-persona', 'emty-stage']\n\n[tool.cjmap.rules]\n"
                 "low-touchpoint-quality = { severity = 'error', min-scor = 4 }\n\n"
                 "[[tool.cjmap.overrides]]\nfiles = ['a/']\n\n[[tool.cjmap.overrides]]\n"
                 "files = ['b/']\nrules.review-overdue.grace-days = 'x'\n",
                 "pyproject.toml")
    assert _errors(path) == [
        (5, 30, "unknown rule 'emty-stage'", "did you mean 'empty-stage'?"),
        (8, 48, "rule 'low-touchpoint-quality' has no option 'min-scor'",
         "did you mean 'min-score'?"),
        (15, 1, "option 'grace-days' of 'review-overdue' must be a whole number, not 'x'",
         "its default is 0"),
    ]


def test_syntax_errors_have_positions(tmp_path: Path) -> None:
    toml = write(tmp_path, "[tool.cjmap]\nignore = ['a'\nfail-on = 'x'\n", "pyproject.toml")
    [(line, column, message, _)] = _errors(toml)
    assert (line, column, message) == (3, 1, "TOML syntax: Unclosed array")
    yaml = write(tmp_path, "ignore: [a\nfail-on: x\n", ".cjmap.yaml")
    [(line, _, message, _)] = _errors(yaml)
    assert message.startswith("YAML syntax error")
    assert line == 2
    listing = write(tmp_path, "- ignore\n", "list.yaml")
    assert _errors(listing) == [(1, 1, "the configuration must be a mapping of settings",
                                 "for example 'ignore: [missing-persona]'")]


def test_an_empty_file_means_the_defaults(tmp_path: Path) -> None:
    from cjmap.lint.config import read

    settings = resolve(read(write(tmp_path, "# nothing yet\n", ".cjmap.yaml")), tmp_path)
    assert (settings.select, settings.ignore, settings.fail_on) == (None, (), "warning")


def test_the_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == dumps(config_schema()), (
        "schemas/ is stale: run 'cjmap schema --config > schemas/cjmap-config.schema.json'")


def test_the_schema_accepts_a_complete_configuration_and_rejects_mistakes() -> None:
    from cjmap.parse import yamlfast

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(yamlfast.parse(COMPLETE).data)) == []
    for mistake in ({"ignore": ["emty-stage"]}, {"rules": {"empty-stage": "loud"}},
                    {"rules": {"low-touchpoint-quality": {"min-scor": 4}}},
                    {"overrides": [{"ignore": []}]}, {"fail-on": "never"}):
        assert list(validator.iter_errors(mistake)), mistake


def test_cli_reports_config_errors_at_file_line_col_and_exits_2(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    write(tmp_path, "rules:\n  emtpy-stage: error\n", ".cjmap.yaml")
    result = run_cli("lint", "map.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert ".cjmap.yaml:2:3" in result.stderr
    assert "unknown rule 'emtpy-stage'" in result.stderr
    assert "did you mean 'empty-stage'?" in result.stderr
    assert "nothing was linted" in result.stderr


def test_cli_applies_the_configuration_found_above(run_cli, tmp_path: Path) -> None:
    write(tmp_path / "maps", EMPTY_STAGE_MAP)
    write(tmp_path, "select: [empty-stage]\nrules: {empty-stage: info}\n", ".cjmap.yaml")
    result = run_cli("lint", "map.yaml", "--format", "json", cwd=tmp_path / "maps")
    assert result.returncode == 0, result.stderr  # info is below the default fail-on
    [finding] = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert (finding["code"], finding["severity"]) == ("empty-stage", "info")
    failing = run_cli("lint", "map.yaml", "--fail-on", "info", cwd=tmp_path / "maps")
    assert failing.returncode == 1


def test_cli_config_option_names_the_file(run_cli, tmp_path: Path) -> None:
    write(tmp_path, EMPTY_STAGE_MAP)
    write(tmp_path, "[tool.cjmap]\nselect = ['empty-stage']\nfail-on = 'error'\n",
          "settings/pyproject.toml")
    result = run_cli("lint", "map.yaml", "--config", "settings/pyproject.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "empty-stage" in result.stdout
    missing = run_cli("lint", "map.yaml", "--config", "nope.yaml", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nope.yaml:1:1" in missing.stderr and "cannot read the configuration" in \
        missing.stderr


def _documented(language: str) -> list[str]:
    import re

    text = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_the_documented_configurations_are_valid(tmp_path: Path) -> None:
    from cjmap.lint.config import read

    # The YAML blocks of docs/lint.md are configurations, but for the map with suppressions.
    configs = [block for block in _documented("yaml") if not block.startswith("cjmap: 1")]
    assert len(configs) >= 2
    for config in configs:
        resolve(read(write(tmp_path, config, ".cjmap.yaml")), tmp_path)
    complete_yaml = configs[0]
    [toml] = _documented("toml")
    yaml_settings = resolve(read(write(tmp_path, complete_yaml, ".cjmap.yaml")), tmp_path)
    toml_settings = resolve(read(write(tmp_path, toml, "pyproject.toml")), tmp_path)
    assert yaml_settings.rules["low-touchpoint-quality"] == toml_settings.rules[
        "low-touchpoint-quality"] == {"severity": "error", "min-score": 4}
    assert toml_settings.overrides[0].ignore == ("no-actions", "no-needs")


def test_the_documented_suppressions_do_what_the_docs_say(tmp_path: Path) -> None:
    from tests.lintkit import lint

    [example] = [block for block in _documented("yaml") if block.startswith("cjmap: 1")]
    rules = ("missing-timeframe", "empty-stage", "no-actions", "no-needs", "unused-suppression")
    assert lint(write(tmp_path, example), cli_select=rules) == []
    bare = example.replace("# cjmap: ignore", "# no longer").replace("# cjmap: file-ignore",
                                                                      "# no longer")
    assert {d.code for d in lint(write(tmp_path, bare), cli_select=rules)} == {
        "missing-timeframe", "empty-stage", "no-actions", "no-needs"}


TOML = """\
[tool.cjmap]
select = ['all']
ignore = ['a', "emty-stage"]
[tool.cjmap.rules]
review-overdue = { grace-days = 'x' }
low-touchpoint-quality.min-score = 9
"missing-review" = 'of'
[[tool.cjmap.overrides]]
files = ['a/']

[[tool.cjmap.overrides]]
files = ['b/']
"""


@pytest.mark.parametrize(("path", "expected"), [
    (("tool", "cjmap", "select"), (2, 1, 2, 7)),
    (("tool", "cjmap", "ignore", 1), (3, 16, 3, 28)),  # the string in the array
    (("tool", "cjmap", "rules", "review-overdue", "grace-days"), (5, 20, 5, 30)),
    (("tool", "cjmap", "rules", "low-touchpoint-quality", "min-score"), (6, 1, 6, 33)),
    (("tool", "cjmap", "rules", "missing-review"), (7, 1, 7, 17)),
    (("tool", "cjmap", "overrides", 1, "files"), (12, 1, 12, 6)),
    (("tool", "cjmap", "overrides", 1, "ignore"), (11, 3, 11, 23)),  # not written: its table
])
def test_toml_keys_are_found_in_tables_dotted_keys_and_inline_tables(
        path: tuple[object, ...], expected: tuple[int, int, int, int]) -> None:
    from cjmap.lint.tomlpos import locate

    assert tuple(locate(TOML, path)) == expected


_PATTERNS_YAML = """\
include: ["maps/"]
exclude: ["maps/drafts/", "*.wip.yaml"]
overrides:
  - files: ["maps/retail/"]
    ignore: [no-touchpoints]
  - files: ["maps/retail/deep/*.yaml"]
    rules: {missing-objectives: error}
"""
_PATTERNS_TOML = """\
[tool.cjmap]
include = ["maps/"]
exclude = ["maps/drafts/", "*.wip.yaml"]

[[tool.cjmap.overrides]]
files = ["maps/retail/"]
ignore = ["no-touchpoints"]

[[tool.cjmap.overrides]]
files = ["maps/retail/deep/*.yaml"]
rules = {missing-objectives = "error"}
"""


def _findings(result: subprocess.CompletedProcess[str], cwd: Path,
              repository: Path) -> set[tuple[str, int, int, str, str]]:
    """Each finding, its file named from the repository root whatever the path it was given as."""
    assert result.returncode in (0, 1), result.stderr
    return {((cwd / d["path"]).resolve().relative_to(repository).as_posix(), d["line"],
             d["column"], d["code"], d["severity"])
            for file in json.loads(result.stdout)["files"] for d in file["diagnostics"]}


@pytest.mark.parametrize("name, text", [(".cjmap.yaml", _PATTERNS_YAML),
                                        ("pyproject.toml", _PATTERNS_TOML)])
def test_patterns_are_relative_to_the_configuration_wherever_cjmap_runs(
        run_cli, tmp_path: Path, name: str, text: str) -> None:
    repository = tmp_path / "repo"
    minimal = ROOT / "examples" / "minimal.yaml"
    for where in ("maps/a.yaml", "maps/retail/b.yaml", "maps/retail/deep/c.yaml",
                  "maps/drafts/d.yaml", "maps/retail/e.wip.yaml", "notes/f.yaml"):
        (repository / where).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(minimal, repository / where)
    (repository / name).write_text(text, encoding="utf-8")
    deep = repository / "maps" / "retail" / "deep"

    def lint(cwd: Path, *paths: str) -> set[tuple[str, int, int, str, str]]:
        result = run_cli("lint", "--no-cache", "--format", "json", "--today", "2026-12-01",
                         *paths, cwd=cwd)
        return _findings(result, cwd, repository)

    everything = lint(repository)
    files = {finding[0] for finding in everything}
    # include leaves notes/ out, exclude the drafts and the .wip map, at any depth.
    assert files == {"maps/a.yaml", "maps/retail/b.yaml", "maps/retail/deep/c.yaml"}
    codes = {(finding[0], finding[3], finding[4]) for finding in everything}
    assert ("maps/a.yaml", "no-touchpoints", "warning") in codes
    assert not any(file.startswith("maps/retail/") and code == "no-touchpoints"
                   for file, code, _ in codes)
    assert ("maps/retail/deep/c.yaml", "missing-objectives", "error") in codes
    assert ("maps/retail/b.yaml", "missing-objectives", "warning") in codes

    for cwd, paths in [
        (repository, ["maps"]),
        (repository, [str(repository / "maps")]),
        (repository / "maps", []),
        (repository / "maps", ["."]),
        (repository / "maps", [".."]),
        (deep, ["../../../"]),
        (deep, ["../.."]),
        (deep, [str(repository)]),
        (repository / "notes", ["../maps"]),
    ]:
        assert lint(cwd, *paths) == everything, (cwd, paths)

    # Files named on the command line: the same overrides, and exclude still applies.
    named = {finding for finding in everything if finding[0] == "maps/retail/deep/c.yaml"}
    assert lint(deep, "c.yaml") == named
    assert lint(repository, "maps/retail/deep/c.yaml") == named
    assert lint(repository / "maps", str(deep / "c.yaml")) == named
    assert lint(repository / "notes", "../maps/retail/deep/../deep/c.yaml") == named
    excluded = run_cli("lint", "--no-cache", "../../drafts/d.yaml", "../e.wip.yaml", cwd=deep)
    assert excluded.returncode == 0, excluded.stderr
    assert "the configuration excludes every map given" in excluded.stderr
