"""How fast ``cjmap report`` is next to ``cjmap validate --no-cache`` on the same maps.

    python benchmarks/bench_report.py               # 1,000 generated maps
    python benchmarks/bench_report.py --count 200 --runs 3

Prints medians of several runs, end to end from the shell (process start included), for the
text, JSON and HTML reports, and their ratio to a cold validate of the same corpus, in wall
time and in CPU time (user + system of the process and its workers). The commands take turns.
Target (issue 12): ``cjmap report`` over 1,000 maps ≤ 1.5 × ``cjmap validate --no-cache``.

Issue 12, the report's own work made faster (JSON by pydantic-core, the text layout, HTML
cells, contributions sent as tuples). The shared 2-core machine ran at load 4 to 7, where wall
times say little (13 to 45 s for runs that take 3 to 7 s on a quiet machine), so the figures
are CPU time (user+sys of the process and its workers, /usr/bin/time, median of 3, the code
before and after run back to back) on the 1,000 maps of seed 1:

    what                                   before           after
    cjmap validate --no-cache              7.70 s           (the same)
    cjmap report (text)                    14.14 s (1.84x)  11.52 s (1.50x)
    cjmap report --format json             12.20 s (1.58x)  10.95 s (1.42x)
    cjmap report --format html             11.84 s (1.54x)   9.69 s (1.26x)

In one process (callgrind, PYTHONHASHSEED=0, 200 of those maps), writing the portfolio took
1,309 M instructions as text before and 837 M after, 1,403 M as JSON and 499 M, 833 M as HTML
and 546 M. The workers of a 200-map collect took 6.94 G instructions before and 6.34 G after
(a validate's: 6.01 G); the main process's share of it grew from 1.40 G to 1.51 G, the
contributions now being made into dataclasses there.

Still short on wall time: the main process's work after the workers are done (the tables,
about 0.5 s, then laying out and writing the report, 0.2 to 0.7 s) runs on one core while the
other waits, so a quiet machine's wall ratio stays well above the CPU ratio.

Fourth pass (2026-12-02, a quieter machine, median of 3): validate --no-cache 1.68 s (faster
for the YAML events built in C); text 3.15 s (1.88x), JSON 2.94 s (1.75x), HTML 3.53 s
(2.11x). Laying out and writing the text report of 1,000 maps: 3.94 G → 3.54 G instructions
(callgrind; the narrowest-width search skipped for a table that fits, each column read once).

Fifth pass (2026-12-03, two cores): the portfolio's dataclasses unfrozen, and a large report's
tables computed and drawn in forked processes. This script, median of 5: validate --no-cache
1.91 s; text 2.65 s (1.39x), JSON 2.81 s (1.47x), HTML 2.65 s (1.39x). The four commands
interleaved, median of 6, against the code before (a1d6d0d), twice: text 1.72x → 1.47x and
1.36x, JSON 1.55x → 1.36x and 1.33x, HTML 1.62x → 1.48x and 1.37x. In one process (callgrind,
1,000 maps' contributions): laying out and writing the text report 3,078 M → 3,001 M
instructions; HTML 2,316 M → 2,114 M; unpacking a map's rows 1.95 M → 0.8 M. Run with all of
one command before the next, the ratios swung from one run of this script to the next (1.39x
and then 1.74x for text, validate having been timed at a quieter minute), so the commands now
take turns and CPU time is printed beside wall time. Interleaved, median of 7, on the final
code: validate 1.74 s; text 1.62x (CPU 1.66x), JSON 1.25x (1.23x), HTML 1.43x (1.47x).

Sixth pass (2026-12-03, a machine twice as slow: cjmap --version 151-224 ms), this script,
median of 5, twice: validate 3.58 s and 3.73 s; text 1.41x and 1.39x, JSON 1.37x and 1.38x,
HTML 1.50x and 1.38x (the second run after dates stopped loading Babel). A third run, later
(validate 3.9 s): text 1.31x, JSON 1.37x, HTML 1.39x.
"""

import argparse
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import generate
from bench_validate import tool


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
        report = [cjmap, "report", "--today", "2026-06-01"]
        commands = {"cjmap validate --no-cache": [cjmap, "validate", "-q", "--no-cache"],
                    "cjmap report (text)": report,
                    "cjmap report --format json": [*report, "--format", "json"],
                    "cjmap report --format html": [*report, "--format", "html"]}
        wall: dict[str, list[float]] = {label: [] for label in commands}
        cpu: dict[str, list[float]] = {label: [] for label in commands}
        # The commands take turns, round after round: a shared machine's load drifts over a
        # minute, and running all of one command first would put the drift into the ratios.
        for round_ in range(args.runs + 1):
            for label, command in commands.items():
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([*command, directory], capture_output=True, check=False)
                seconds = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if round_:  # the first round warms the caches
                    wall[label].append(seconds)
                    cpu[label].append(after.ru_utime - before.ru_utime
                                      + after.ru_stime - before.ru_stime)
        print(f"corpus: {len(corpus)} maps; median of {args.runs} interleaved runs, end to end")
        base = statistics.median(wall["cjmap validate --no-cache"])
        base_cpu = statistics.median(cpu["cjmap validate --no-cache"])
        for label in commands:
            seconds, used = statistics.median(wall[label]), statistics.median(cpu[label])
            print(f"  {label:<30} {seconds * 1000:6.0f} ms {seconds / base:5.2f} × validate"
                  f"   CPU {used * 1000:6.0f} ms {used / base_cpu:5.2f} ×")


if __name__ == "__main__":
    main()
