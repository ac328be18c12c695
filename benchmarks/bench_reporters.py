"""How long each --format takes to write a large lint run: 1,000 maps and their findings.

Run: .venv/bin/python benchmarks/bench_reporters.py [MAPS]

The findings are real: the repository's maps (examples and test maps, valid and invalid)
linted with the default settings, repeated under new names until there are MAPS files, so the
reporters see real messages, hints, spans and source lines. Output goes to memory; the figure
is the best of three runs.
"""

import io
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from cjmap.diagnostics import FileReport
from cjmap.lint.config import Settings
from cjmap.lint.engine import lint_file
from cjmap.report import FORMATS, REPORTERS

ROOT = Path(__file__).resolve().parent.parent


def reports(count: int) -> list[FileReport]:
    sources = sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "tests/maps").glob("*/*.yaml")])
    settings = Settings(root=str(ROOT))
    linted = [lint_file(path.relative_to(ROOT), settings, date(2026, 11, 23)) for path in sources]
    made = []
    for index in range(count):
        report = linted[index % len(linted)]
        path = f"maps/{index // 100:02d}/{index:04d}-{Path(report.path).name}"
        made.append(FileReport(path, tuple(replace(d, path=path) for d in report.diagnostics),
                               report.unreadable))
    return made


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    made = reports(count)
    findings = sum(len(r.diagnostics) for r in made)
    print(f"{count} maps, {findings} findings")
    for name in FORMATS:
        reporter = REPORTERS[name]()
        best = float("inf")
        for _ in range(3):
            stream = io.StringIO()
            start = time.perf_counter()
            reporter(made, stream, command="lint", quiet=False)
            best = min(best, time.perf_counter() - start)
        size = len(stream.getvalue().encode("utf-8"))
        print(f"  {name:8} {best * 1000:7.0f} ms  {size / 1024 / 1024:6.1f} MiB")


if __name__ == "__main__":
    main()
