"""How fast ``cjmap fmt --check`` is on 1,000 already-formatted generated maps.

    python benchmarks/bench_fmt.py               # 1,000 maps
    python benchmarks/bench_fmt.py --count 200

Prints medians, end to end from the shell: cold (``--no-cache``) and warm (the fmt cache filled
by an earlier run). Targets (issue 11): cold ≤ 5 s, warm ≤ 0.3 s on two cores.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import generate
from bench_validate import timed, tool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cjmap = tool("cjmap")
    if cjmap is None:
        sys.exit("cjmap is not installed: pip install -e .")
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        generate.write_corpus(root, args.count, seed=1)
        subprocess.run([cjmap, "fmt", "-q", "--no-cache", "."], cwd=root, check=False)
        cold = timed([cjmap, "fmt", "--check", "-q", "--no-cache", "."], args.runs, cwd=root)
        warm = timed([cjmap, "fmt", "--check", "-q", "."], args.runs, cwd=root)
        print(f"{args.count} formatted maps: fmt --check cold {cold:.2f} s, "
              f"warm (cache) {warm:.2f} s")


if __name__ == "__main__":
    main()
