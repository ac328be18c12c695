"""The formats people read: ``text`` (grouped by file for lint) and ``concise``."""

import re
from pathlib import Path

import pytest

from cjmap.diagnostics import Diagnostic, FileReport, Span
from cjmap.report.style import Style
from cjmap.report.text import cells, excerpt
from tests.reporting import file_report, mixed_reports, render

HEAD = re.compile(r"^(?P<place>\S+:\d+:\d+) +(?P<severity>error|warning|info) +"
                  r"(?P<code>[a-z-]+) +(?P<message>.+)$")


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[FileReport]:
    monkeypatch.chdir(tmp_path)
    return mixed_reports()


def test_lint_text_groups_findings_under_a_header_per_file(reports: list[FileReport]) -> None:
    out = render("text", reports).splitlines()
    with_findings = [r for r in reports if r.diagnostics]
    headers = [line for line in out if line.endswith(")") and not line.startswith(" ")
               and ":" not in line.split(" ")[0]]
    assert [h.split(" (")[0] for h in headers] == [r.path for r in with_findings]
    assert "maps/compra-añil.yaml (1 error, 2 warnings, 1 info)" in out
    # The clean map gets no header: only problems are listed.
    assert not any(line.startswith("maps/clean.yaml") for line in out)
    heads = [HEAD.match(line) for line in out]
    found = [(m["place"], m["severity"], m["code"], m["message"]) for m in heads if m]
    expected = [(f"{d.path}:{d.line}:{d.column}", d.severity, d.code, d.message)
                for r in reports for d in r.diagnostics]
    assert found == expected
    assert out[-1] == "✗ 26 errors, 2 warnings, 1 info in 13 of 14 files"


def test_lint_text_aligns_the_columns_within_a_file(reports: list[FileReport]) -> None:
    out = render("text", reports).splitlines()
    heads = [HEAD.match(line) for line in out if line.startswith("maps/compra-añil.yaml:")]
    assert len(heads) == 4
    for group in ("severity", "code"):
        assert len({m.start(group) for m in heads if m}) == 1, group


def test_lint_text_shows_the_line_with_a_caret_under_the_span(
        reports: list[FileReport]) -> None:
    out = render("text", reports).splitlines()
    index = out.index("maps/compra-añil.yaml:4:25  warning  empty-stage  "
                      "stage 'evaluation' (Evaluación) has no steps")
    assert out[index + 1:index + 4] == [
        "  4 | stages: [consideration, evaluation, purchase]",
        "    |                         ^^^^^^^^^^",
        "  hint: add the steps of this stage with 'stage: evaluation', or remove the stage",
    ]


def test_caret_counts_terminal_cells_of_wide_characters() -> None:
    line = "title: 🏃 Corre 世界"
    start = line.index("Corre") + 1
    diagnostic = Diagnostic("m.yaml", Span(1, start, 1, start + len("Corre 世界")), "schema",
                            "x", source_line=line)
    caret = excerpt(diagnostic, Style(False))[1].split("| ")[1]
    # 🏃 and each ideograph take two cells on a terminal.
    assert caret == " " * (len("title: ") + 2 + 1) + "^" * (len("Corre ") + 4)
    assert cells("👩‍💻") == 4 and cells("é") == 1 and cells("e\u0301") == 1


def test_quiet_drops_the_summary_and_a_clean_run_says_so(reports: list[FileReport]) -> None:
    assert not render("text", reports, quiet=True).splitlines()[-1].startswith("✗")
    clean = [r for r in reports if not r.diagnostics]
    assert render("text", clean) == "✓ 1 map checked, no problems\n"
    assert render("text", clean, quiet=True) == ""


def test_warnings_only_count_the_files_that_have_them(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(
        "cjmap: 1\ntitle: A\nstages: [x, y]\nsteps: [{name: S, stage: x}]\n", encoding="utf-8")
    Path("b.yaml").write_text("cjmap: 1\ntitle: B\nstages: [x]\nsteps: [{name: S, stage: x}]\n",
                              encoding="utf-8")
    out = render("text", [file_report("a.yaml"), file_report("b.yaml")])
    assert out.splitlines()[-1] == "! 0 errors, 1 warning in 1 of 2 files"


def test_validate_keeps_its_own_layout(reports: list[FileReport]) -> None:
    out = render("text", reports, command="validate").splitlines()
    assert "invalid/syntax.yaml:6:20: error: YAML syntax error: mapping values are not " \
           "allowed in this context [yaml-syntax]" in out
    assert not any(HEAD.match(line) for line in out)


def test_concise_is_one_line_per_finding(reports: list[FileReport]) -> None:
    out = render("concise", reports).splitlines()
    diagnostics = [d for r in reports for d in r.diagnostics]
    assert out[:-1] == [f"{d.path}:{d.line}:{d.column}: {d.severity} [{d.code}] {d.message}"
                        for d in diagnostics]
    assert out[-1].startswith("✗ 26 errors")
    assert render("concise", reports, quiet=True).splitlines() == out[:-1]


def test_concise_keeps_a_finding_on_one_line() -> None:
    diagnostic = Diagnostic("m.yaml", Span(3, 1, 3, 2), "x-rule", "first\nsecond\r\nthird",
                            "info")
    assert render("concise", [FileReport("m.yaml", (diagnostic,))], quiet=True) == \
        "m.yaml:3:1: info [x-rule] first second third\n"


@pytest.mark.parametrize("format", ["text", "concise"])
def test_control_characters_from_a_map_cannot_drive_the_terminal(
        format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # A raw escape (refused by YAML, shown in the excerpt) and one written as "\u001b" in a
    # quoted string (valid YAML, quoted back in a message).
    Path("raw.yaml").write_bytes(b'cjmap: 1\ntitle: "A\x1b[2Jb"\nsteps: [A]\n')
    made = FileReport("m.yaml", (Diagnostic("m.yaml", Span(1, 1, 1, 2), "x-rule",
                                            "step 'x\x1b[31my\x07' has no owner", "warning",
                                            hint="rename \x9b1m it"),))
    out = render(format, [file_report("raw.yaml"), made])
    assert not any(char in out for char in "\x1b\x07\x9b")
    assert "step 'x␛[31my␇' has no owner" in out
    assert "\u202e" not in render(format, [FileReport("m.yaml", (Diagnostic(
        "m.yaml", Span(1, 1, 1, 2), "x-rule", "step 'abc\u202edef' has no owner", "warning"),))])
    if format == "text":
        assert '  2 | title: "A␛[2Jb"' in out.splitlines()
        assert "    |          ^" in out.splitlines()  # the caret still under the escape
        assert "  hint: rename \ufffd1m it" in out.splitlines()
