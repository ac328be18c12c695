"""``--format json`` (the versioned shape of docs/cli.md) and the format registry."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cjmap.diagnostics import FileReport
from cjmap.report import FORMATS, REPORTERS
from tests.conftest import ROOT
from tests.reporting import mixed_reports, render


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[FileReport]:
    monkeypatch.chdir(tmp_path)
    return mixed_reports()


def test_json_has_the_summary_counts_and_every_diagnostic(reports: list[FileReport]) -> None:
    document = json.loads(render("json", reports))
    assert document["version"] == 1 and document["command"] == "lint"
    assert document["summary"] == {"files": 14, "valid": 1, "invalid": 13, "errors": 26,
                                   "warnings": 2, "infos": 1}
    assert [f["path"] for f in document["files"]] == [r.path for r in reports]
    found = [d for f in document["files"] for d in f["diagnostics"]]
    assert found == [d.to_dict() for r in reports for d in r.diagnostics]
    assert set(found[0]) == {"path", "line", "column", "end_line", "end_column", "code",
                             "severity", "message", "hint", "pointer"}
    gaps = next(f for f in document["files"] if f["path"] == "maps/compra-añil.yaml")
    assert gaps["valid"] is False  # it has an error finding
    assert "compra-añil" in render("json", reports)  # written as UTF-8, not \\u escapes


def test_every_format_is_registered_and_loads() -> None:
    assert list(REPORTERS) == list(FORMATS) == [
        "text", "concise", "json", "github", "sarif", "junit", "gitlab"]
    for name, load in REPORTERS.items():
        assert callable(load()), name
        assert FORMATS[name][1]


def test_formats_are_imported_only_when_used() -> None:
    code = ("import sys\nfrom cjmap.report import REPORTERS\n"
            "before = sorted(m for m in sys.modules if m.startswith('cjmap.report.'))\n"
            "REPORTERS['sarif']()\n"
            "after = sorted(m for m in sys.modules if m.startswith('cjmap.'))\n"
            "print(before, 'xml.etree.ElementTree' in sys.modules, 'cjmap.lint.rules' in after)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=True)
    # SARIF reads the rule registry only once it is chosen; nothing loads XML support.
    assert result.stdout.split() == ["[]", "False", "False"]
