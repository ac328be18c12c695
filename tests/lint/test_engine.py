"""The lint engine on real files: findings with every field, rules chosen and tuned by
settings, overrides by glob, and validation problems as findings."""

from pathlib import Path

import pytest

from cjmap.lint.config import Override, Settings
from cjmap.lint.rules import RULES
from cjmap.loader import load
from tests.conftest import EXAMPLES, ROOT
from tests.lintkit import EMPTY_STAGE_MAP, codes, lint, write

QUALITY_MAP = """\
cjmap: 1
title: Buying running shoes
steps:
  - name: Compares three models
    touchpoints:
      - name: Comparison page
        quality: {simple: 2, relevant: 4}
"""
INVALID = sorted((ROOT / "tests" / "maps" / "invalid").glob("*.yaml"))
DEFAULTS = {rule: module.SEVERITY for rule, module in RULES.items()}


def test_a_finding_carries_file_position_pointer_rule_severity_and_message(
        tmp_path: Path) -> None:
    path = write(tmp_path, EMPTY_STAGE_MAP)
    [finding] = lint(path, cli_select=("empty-stage",))
    assert finding.path == str(path)
    assert finding.span == (3, 25, 3, 35)
    assert finding.pointer == "/stages/1"
    assert finding.code == "empty-stage"
    assert finding.severity == "warning"
    assert finding.message == "stage 'evaluation' (Evaluation) has no steps"
    assert finding.hint is not None
    assert finding.source_line == "stages: [consideration, evaluation, purchase]"


def test_findings_are_sorted_by_position(tmp_path: Path) -> None:
    findings = lint(write(tmp_path, EMPTY_STAGE_MAP))
    positions = [(d.line, d.column, d.code) for d in findings]
    assert positions == sorted(positions)
    assert len(findings) > 3


def test_every_rule_runs_by_default(tmp_path: Path) -> None:
    found = {d.code for d in lint(write(tmp_path, EMPTY_STAGE_MAP))}
    assert {"empty-stage", "missing-persona", "no-touchpoints"} <= found


def test_the_configured_severity_replaces_the_rule_default(tmp_path: Path) -> None:
    [finding] = lint(write(tmp_path, EMPTY_STAGE_MAP), cli_select=("empty-stage",),
                     rules={"empty-stage": {"severity": "error"}})
    assert finding.severity == "error"


def test_off_turns_a_rule_off(tmp_path: Path) -> None:
    found = {d.code for d in lint(write(tmp_path, EMPTY_STAGE_MAP),
                                  rules={"empty-stage": {"severity": "off"}})}
    assert "empty-stage" not in found
    assert "missing-persona" in found


def test_options_reach_the_rule(tmp_path: Path) -> None:
    path = write(tmp_path, QUALITY_MAP)
    only = ("low-touchpoint-quality",)
    assert codes(lint(path, cli_select=only)) == [("low-touchpoint-quality", 7)]
    assert lint(path, cli_select=only,
                rules={"low-touchpoint-quality": {"min-score": 2}}) == []


def test_select_ignore_and_extend_select() -> None:
    settings = Settings(root="/", select=("empty-stage", "missing-persona"),
                        extend_select=("missing-start",), ignore=("missing-persona",))
    assert list(settings.enabled("map.yaml", DEFAULTS)) == ["empty-stage", "missing-start"]
    assert len(Settings(root="/", select=("all",)).enabled("m.yaml", DEFAULTS)) == len(RULES)


def test_the_command_line_select_wins_and_its_ignore_comes_last() -> None:
    settings = Settings(root="/", ignore=("empty-stage",), cli_select=("empty-stage",
                                                                       "missing-end"),
                        cli_ignore=("missing-end",))
    assert settings.enabled("map.yaml", DEFAULTS) == {"empty-stage": "warning"}
    everything = Settings(root="/", ignore=("empty-stage",), cli_select=("all",))
    assert len(everything.enabled("map.yaml", DEFAULTS)) == len(RULES)


def test_overrides_apply_to_the_files_their_globs_match(tmp_path: Path) -> None:
    settings = Settings(
        root=str(tmp_path), cli_select=None,
        select=("empty-stage", "low-touchpoint-quality"),
        overrides=(
            Override(files=("drafts/",), ignore=("empty-stage",)),
            Override(files=("*.quality.yaml",),
                     rules={"low-touchpoint-quality": {"severity": "error", "min-score": 5}}),
        ))
    draft = write(tmp_path, EMPTY_STAGE_MAP, "drafts/a.yaml")
    kept = write(tmp_path, EMPTY_STAGE_MAP, "maps/a.yaml")
    assert codes(lint(draft, settings)) == []
    assert codes(lint(kept, settings)) == [("empty-stage", 3)]
    good = QUALITY_MAP.replace("simple: 2", "simple: 5")
    quality = [(d.code, d.severity) for d in lint(write(tmp_path, good, "maps/b.quality.yaml"),
                                                  settings) if d.code != "empty-stage"]
    # Its scores are fair (4 of a required 5): one level below the configured error.
    assert quality == [("low-touchpoint-quality", "warning")]
    assert "low-touchpoint-quality" not in {
        d.code for d in lint(write(tmp_path, good, "maps/b.yaml"), settings)}


@pytest.mark.parametrize("path", INVALID, ids=lambda path: path.name)
def test_lint_reports_everything_validate_does(path: Path) -> None:
    expected = load(path).diagnostics
    assert expected, "an invalid map must have problems"
    assert lint(path) == expected


def test_an_unreadable_file_is_a_usage_problem_and_bad_bytes_a_finding(tmp_path: Path) -> None:
    from cjmap.lint.engine import lint_file
    from tests.lintkit import TODAY

    settings = Settings(root=str(tmp_path))
    missing = lint_file(tmp_path / "gone.yaml", settings, TODAY)
    assert missing.unreadable
    assert [d.code for d in missing.diagnostics] == ["file"]
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"cjmap: 1\ntitle: Caf\xe9\n")
    report = lint_file(path, settings, TODAY)
    assert not report.unreadable
    assert [(d.code, d.line, d.severity) for d in report.diagnostics] == [("encoding", 2,
                                                                           "error")]


def test_the_running_shoes_example_is_clean() -> None:
    assert lint(EXAMPLES / "running-shoes.yaml") == []


def test_a_cached_report_equals_the_fresh_one(tmp_path: Path) -> None:
    from cjmap.files.cache import Cache, file_key
    from cjmap.lint.engine import lint_file
    from tests.lintkit import TODAY

    path = write(tmp_path, EMPTY_STAGE_MAP.replace("cjmap: 1", "cjmap: 1  # cjmap: ignore[x]"))
    fresh = lint_file(path, Settings(root=str(tmp_path)), TODAY)
    data = path.read_bytes()
    key = file_key(str(path), data)
    cache = Cache(tmp_path / ".cjmap_cache", "k")
    cache.put(key, fresh)
    cache.save({"root": "."})
    cached = Cache(tmp_path / ".cjmap_cache", "k").load().get(str(path), key, data)
    assert cached is not None
    assert cached == fresh
    assert [d.source_line for d in cached.diagnostics] == [
        d.source_line for d in fresh.diagnostics]
    assert Cache(tmp_path / ".cjmap_cache", "other").load().get(str(path), key, data) is None


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb\rc", "a\x85b\u2028c\u2029d\ne", "", "x"])
def test_lines_are_split_where_yaml_breaks_them(text: str) -> None:
    import re

    from cjmap.loader import split_lines

    assert split_lines(text) == re.split("\r\n|\r|\n|\x85|\u2028|\u2029", text)


def test_a_failing_rule_names_itself_and_the_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(context: object, options: object) -> object:
        yield from ()
        raise KeyError("stages")

    monkeypatch.setattr(RULES["empty-stage"], "check", broken)
    path = write(tmp_path, EMPTY_STAGE_MAP)
    with pytest.raises(RuntimeError, match=r"rule 'empty-stage' failed on .*map\.yaml: "
                                           r"KeyError\('stages'\)"):
        lint(path)


@pytest.mark.parametrize("text", [
    "", "[]", '{"format": 1, "key": "k", "settings": {}, "strings": [], "files": []}',
    '{"format": 1, "key": "k", "settings": {}, "strings": ["x"], "files": {"f": [[1]]}}',
    '{"format": 1, "key": "k", "settings": {}, "strings": [], "files": {"f": [[1, 1, 1, 2, '
    '7, 8, "m", -1, "", null]]}}',
])
def test_a_corrupt_cache_is_a_miss(tmp_path: Path, text: str) -> None:
    from cjmap.files.cache import Cache

    (tmp_path / "lint-k.json").write_text(text, encoding="utf-8")
    assert Cache(tmp_path, "k").load().get("map.yaml", "f", b"cjmap: 1\n") is None


def test_the_run_key_follows_content_not_modification_times(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from cjmap.files import cache

    package = tmp_path / "fakedep"
    package.mkdir()
    version = package / "version.py"
    version.write_text("VERSION = '1.0'\n", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cache, "_DEPENDENCIES", (("fakedep", "version.py"),))
    before = cache.run_key(None, [])
    # A fresh install of the same release (new modification times) keeps the key, so that a
    # CI job can use the cache an earlier job left...
    stat = version.stat()
    os.utime(version, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert cache.run_key(None, []) == before
    # ...and an upgrade changes it.
    version.write_text("VERSION = '1.1'\n", encoding="utf-8")
    assert cache.run_key(None, []) != before


def test_a_finding_takes_every_field_and_stays_frozen() -> None:
    """Finding writes its own __init__ (the dataclass's is slower): it must take each field,
    in order, with the field's default, and still refuse to change."""
    import dataclasses
    import inspect

    from cjmap.diagnostics import Span
    from cjmap.lint.finding import Finding

    fields = [(field.name, field.default) for field in dataclasses.fields(Finding)]
    parameters = list(inspect.signature(Finding).parameters.values())
    assert [(p.name, p.default) for p in parameters] == [
        (name, inspect.Parameter.empty if default is dataclasses.MISSING else default)
        for name, default in fields]
    span = Span.point(3, 4)
    finding = Finding(("steps", 0), "a message", "a hint", True, span, True)
    assert dataclasses.astuple(finding) == (("steps", 0), "a message", "a hint", True, span, True)
    assert dataclasses.replace(finding, minor=False).minor is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.hint = "another"  # type: ignore[misc]
