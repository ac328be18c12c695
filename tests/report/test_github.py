"""``--format github``: workflow commands that GitHub turns into annotations, read back here the
way the Actions runner reads them, then the plain report for the log."""

import re
from pathlib import Path

import pytest

from cjmap.diagnostics import Diagnostic, FileReport, Span
from cjmap.report.github import escape_data, escape_property
from tests.reporting import file_report, mixed_reports, render

COMMAND = re.compile(r"^::(?P<name>error|warning|notice)(?: (?P<properties>[^:]*))?::(?P<data>.*)$")


def _unescape(value: str, *, property: bool) -> str:
    """The runner's reading of an escaped value (actions/runner, ActionCommand.cs)."""
    replacements = [("%0D", "\r"), ("%0A", "\n")]
    if property:
        replacements += [("%3A", ":"), ("%2C", ",")]
    for escaped, plain in [*replacements, ("%25", "%")]:
        value = value.replace(escaped, plain)
    return value


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    properties = {}
    for pair in (match["properties"] or "").split(","):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, property=True)
    return match["name"], properties, _unescape(match["data"], property=False)


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[FileReport]:
    monkeypatch.chdir(tmp_path)
    return mixed_reports()


def test_one_annotation_per_finding_with_its_place(reports: list[FileReport]) -> None:
    out = render("github", reports).splitlines()
    diagnostics = [d for r in reports for d in r.diagnostics]
    commands = [parse(line) for line in out[:len(diagnostics)]]
    names = {"error": "error", "warning": "warning", "info": "notice"}
    for diagnostic, (name, properties, data) in zip(diagnostics, commands, strict=True):
        assert name == names[diagnostic.severity]
        assert properties == {
            "file": diagnostic.path, "line": str(diagnostic.span.line),
            "col": str(diagnostic.span.column), "endLine": str(diagnostic.span.end_line),
            "endColumn": str(diagnostic.span.end_column), "title": f"cjmap {diagnostic.code}"}
        assert data == diagnostic.message + (f"\nhint: {diagnostic.hint}"
                                             if diagnostic.hint else "")
    assert {name for name, _, _ in commands} == {"error", "warning", "notice"}
    assert not any(line.startswith("::") for line in out[len(diagnostics):])


def test_the_plain_report_follows_for_the_log(reports: list[FileReport]) -> None:
    out = render("github", reports)
    text = render("text", reports)
    assert out.endswith(text)
    assert out.count("\n") == text.count("\n") + sum(len(r.diagnostics) for r in reports)


@pytest.mark.parametrize("message", [
    "100% of the journey", "first line\nsecond line", "carriage\rreturn", "windows\r\nline",
    "a: b, c", "%0A is not a line break", "::error::nested", "ñandú 🏃 Ω",
])
def test_messages_survive_the_escaping(message: str) -> None:
    diagnostic = Diagnostic("m.yaml", Span(1, 1, 1, 2), "x-rule", message, "warning")
    line = render("github", [FileReport("m.yaml", (diagnostic,))], quiet=True).splitlines()[0]
    assert "\n" not in line and "\r" not in line
    assert parse(line) == ("warning", {"file": "m.yaml", "line": "1", "col": "1",
                                       "endLine": "1", "endColumn": "2",
                                       "title": "cjmap x-rule"}, message)


def test_property_escaping_protects_the_separators() -> None:
    assert escape_property("a:b,c%d\ne\rf") == "a%3Ab%2Cc%25d%0Ae%0Df"
    assert escape_data("a:b,c%d\ne\rf") == "a:b,c%25d%0Ae%0Df"


def test_a_file_name_with_separators_is_escaped(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = Path("maps, v2") / "viaje: 50% más.yaml"
    name.parent.mkdir()
    name.write_text("cjmap: 1\ntitle: Viaje\nstages: [a, b]\nsteps: [{name: Uno, stage: a}]\n",
                    encoding="utf-8")
    line = render("github", [file_report(name)]).splitlines()[0]
    assert "maps%2C v2/viaje%3A 50%25 más.yaml" in line
    assert parse(line)[1]["file"] == "maps, v2/viaje: 50% más.yaml"


def test_paths_are_relative_to_the_working_directory(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo" / "maps").mkdir(parents=True)
    map_path = tmp_path / "repo" / "maps" / "m.yaml"
    map_path.write_text("cjmap: 1\ntitle: M\nstages: [a, b]\nsteps: [{name: S, stage: a}]\n",
                        encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    report = file_report(map_path)
    assert report.path == str(map_path)  # absolute, as given
    assert parse(render("github", [report]).splitlines()[0])[1]["file"] == "maps/m.yaml"


def test_standard_input_has_no_file_to_annotate() -> None:
    diagnostic = Diagnostic("<stdin>", Span(2, 1, 2, 5), "schema", "bad", "error")
    name, properties, data = parse(render("github", [FileReport("<stdin>", (diagnostic,))],
                                          quiet=True).splitlines()[0])
    assert (name, properties, data) == ("error", {"title": "cjmap schema"}, "bad")


@pytest.mark.parametrize("variable", ["GITHUB_WORKSPACE", "CI_PROJECT_DIR"])
def test_paths_are_relative_to_the_ci_checkout(variable: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A job that runs cjmap in a subdirectory still names files from the repository root,
    where GitHub and GitLab look for them."""
    import json

    (tmp_path / "docs" / "maps").mkdir(parents=True)
    (tmp_path / "docs" / "maps" / "m.yaml").write_text(
        "cjmap: 1\ntitle: M\nstages: [a, b]\nsteps: [{name: S, stage: a}]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "docs")
    monkeypatch.setenv(variable, str(tmp_path))
    reports = [file_report(Path("maps") / "m.yaml")]
    assert parse(render("github", reports).splitlines()[0])[1]["file"] == "docs/maps/m.yaml"
    assert json.loads(render("gitlab", reports))[0]["location"]["path"] == "docs/maps/m.yaml"
    run = json.loads(render("sarif", reports))["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    assert run["artifacts"][0]["location"]["uri"] == "docs/maps/m.yaml"
    # A checkout that is not where cjmap runs is no base.
    monkeypatch.setenv(variable, str(tmp_path / "elsewhere"))
    assert parse(render("github", reports).splitlines()[0])[1]["file"] == "maps/m.yaml"


def test_a_path_outside_the_working_directory_stays_absolute(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    (tmp_path / "sub").mkdir()
    (tmp_path / "m.yaml").write_text(
        "cjmap: 1\ntitle: M\nstages: [a, b]\nsteps: [{name: S, stage: a}]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    line = render("github", [file_report("../m.yaml")]).splitlines()[0]
    assert parse(line)[1]["file"] == (tmp_path / "m.yaml").as_posix()
