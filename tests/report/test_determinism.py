"""Machine formats are deterministic: the same maps give the same bytes, so reports can be
diffed and cached. Checked across processes, whose hash seeds differ."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = """
import json, os, sys
sys.path.insert(0, {root!r})
from cjmap.report import FORMATS
from tests.reporting import mixed_reports, render
os.chdir(sys.argv[1])
reports = mixed_reports()
print(json.dumps({{name: render(name, reports) for name in FORMATS}}))
"""


def test_every_format_gives_the_same_bytes_in_another_process(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        # The same directory both times: SARIF names it as %SRCROOT%.
        directory = tmp_path / "run"
        directory.mkdir()
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT.format(root=str(ROOT)), str(directory)],
            capture_output=True, text=True, encoding="utf-8", timeout=60, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"})
        outputs.append(json.loads(result.stdout))
        directory.rename(tmp_path / f"run-{seed}")
    assert set(outputs[0]) == {"text", "concise", "json", "github", "sarif", "junit", "gitlab"}
    assert outputs[0] == outputs[1]
    for name in ("sarif", "junit", "gitlab"):
        assert "Utc" not in outputs[0][name] and "timestamp" not in outputs[0][name]
