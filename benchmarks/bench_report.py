"""How fast ``cjmap report`` is next to ``cjmap validate --no-cache`` on the same maps.

    python benchmarks/bench_report.py               # 1,000 generated maps
    python benchmarks/bench_report.py --count 200 --runs 3

Prints medians of several runs, end to end from the shell (process start included), for the
text and JSON reports, and their ratio to a cold validate of the same corpus.
Target (issue 12): ``cjmap report`` over 1,000 maps ≤ 1.5 × ``cjmap validate --no-cache``.
"""

import argparse
import tempfile
from pathlib import Path

import generate
from bench_validate import timed, tool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cjmap = tool("cjmap")
    if cjmap is None:
        raise SystemExit("cjmap is not installed: pip install -e .")
    with tempfile.TemporaryDirectory() as directory:
        corpus = generate.write_corpus(Path(directory), args.count, seed=1)
        print(f"corpus: {len(corpus)} maps; median of {args.runs} runs, end to end")
        validate = timed([cjmap, "validate", "-q", "--no-cache", directory], args.runs)
        print(f"  {'cjmap validate --no-cache':<40} {validate * 1000:8.0f} ms")
        for label, extra in (("cjmap report (text)", []),
                             ("cjmap report --format json", ["--format", "json"]),
                             ("cjmap report --format html", ["--format", "html"])):
            seconds = timed([cjmap, "report", "--today", "2026-06-01", *extra, directory],
                            args.runs)
            print(f"  {label:<40} {seconds * 1000:8.0f} ms  {seconds / validate:5.2f} × validate")


if __name__ == "__main__":
    main()
