"""The long fuzzing run: thousands of mutated maps through every command and format.

    python benchmarks/fuzz.py                          # 1,000 mutants of seed 1
    python benchmarks/fuzz.py --seed 7 --count 10000 --out fuzz-failures

The fuzzer of tests/fuzzing.py, as the suite's tests/test_fuzz.py runs it on a few dozen.
Each failing input is written to OUT/<kind>/<n>/mutant.yaml beside ``command``, the line that
reproduces it from that folder and what was wrong; a summary gives the inputs and the failures
by kind, and the slowest runs (where quadratic work shows). Needs dot and Mermaid's parser
(npm ci --prefix tests/mermaid).
"""

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import Campaign, campaign  # noqa: E402 - needs ROOT on sys.path

SLOWEST = 10


def write_failures(fuzzed: Campaign, out: Path) -> None:
    for number, failure in enumerate(fuzzed.failures):
        folder = out / re.sub(r"\W+", "-", failure.kind).strip("-") / str(number)
        folder.mkdir(parents=True)
        (folder / "mutant.yaml").write_bytes(failure.run.mutant.data)
        (folder / "command").write_text(
            f"{failure.run.shell()}\n# seed {fuzzed.seed}, mutant {failure.run.mutant.index} "
            f"({failure.run.mutant.how})\n# {failure.kind}: "
            + failure.detail.replace("\n", "\n# ") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1000, help="mutants (default: 1000)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"),
                        help="folder for the failing inputs (default: fuzz-failures)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--script-runs", type=int, default=50,
                        help="runs through the installed cjmap script, one process each")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a run may take")
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists: name a new folder, so that runs do not mix")
    for program in ("dot", "node"):
        if shutil.which(program) is None:
            parser.error(f"{program} is not installed")

    with tempfile.TemporaryDirectory(prefix="cjmap-fuzz-") as directory:
        fuzzed = campaign(args.seed, args.count, Path(directory), args.script_runs,
                          args.workers, args.timeout)
        write_failures(fuzzed, args.out)
    print(fuzzed.summary())
    print(f"slowest of {len(fuzzed.runs)} runs:")
    for run in sorted(fuzzed.runs, key=lambda run: -run.seconds)[:SLOWEST]:
        print(f"  {run.seconds:7.2f} s  mutant {run.mutant.index} ({run.mutant.how}, "
              f"{len(run.mutant.data):,} bytes): {' '.join(run.argv[:-1])}")
    if fuzzed.failures:
        print(f"failing inputs in {args.out}/")
    sys.exit(1 if fuzzed.failures else 0)


if __name__ == "__main__":
    main()
