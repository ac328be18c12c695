"""How fast ``cjmap lint`` is next to ``cjmap validate`` on the same corpus, cold and cached.

    python benchmarks/bench_lint.py                 # 1,000 generated maps
    python benchmarks/bench_lint.py --count 200 --runs 3

Prints medians of several runs, end to end from the shell (process start included).
Targets (issue 3): a cold lint of 1,000 maps within 1.5× the time of ``cjmap validate``; a warm
(cached) re-run in ≤ 0.3 s. Two corpora: maintained maps, as in a repository whose CI lints them
(a few findings in all), and first drafts full of gaps (about 65 findings each, 65,000 in all,
18 MB of text report), where printing the report dominates; ``--statistics`` shows what linting
and the cache cost without it.

Issue 9, against dda484c (the code before format 1.1), first drafts corpus: CPU time
(user+sys, median of 3, interleaved; wall times are too noisy on the shared machine) and
callgrind instructions per map of lint_packed over 40 maps (PYTHONHASHSEED=0; per map =
(one pass over the 40 maps − none) / 40, in one process, after a warm-up map):

    what                               dda484c    format 1.1 as found    first pass   now
    instructions per map               21.31 M    ~25.0 M                24.33 M      23.23 M
    CPU, lint --no-cache, all cores    3.54 s     -                      4.35 s       -
    CPU, lint, cached                  0.92 s     -                      1.01 s       -

(The first pass was 24.16 M when committed; 24.33 M re-measured just before the second on the
same script; CPU times were not re-measured after the second pass.)

The second pass: the four touchpoint rules share one list of touchpoints (−0.71 M), and the
rules' severities and options are resolved once per set of matching overrides (−0.39 M).
Still 9 % over dda484c: about 1.2 M of it is validation (see bench_validate.py), the rest
format 1.1's richer rules (touchpoints of stages, quality advice, action words in step names).

Re-measured with bytecode cached (see bench_validate.py), lint_packed on 40 first drafts of
seed 1, today 2026-12-01, per map as above: dda484c 21.90 M, 768257c 26.46 M, now 26.22 M
(the one before-validator per object); validate's check_file 16.28 M, 17.58 M, 17.35 M.

Third pass (2026-12-02), back to back, the same way (lint_packed, 40 first drafts of seed 1,
today 2026-11-23, default settings; callgrind, PYTHONHASHSEED=0, bytecode
cached):

    what                                      dda484c    before (13a37b1)    now
    instructions per map (lint_packed)        21.77 M    23.85 M             22.82 M
    one map, cold lint (running-shoes)        -          952 M               950 M
    CPU, lint --no-cache -j 1, 1,000 maps     9.33 s     10.46 s             10.35 s
      (user+sys, median of 3 interleaved runs on a loaded machine: ~10 % swings)

Per phase (callgrind client-request dumps around each phase, 10 maps; the probes add ~0.6 M)
the rules' regression was mostly wording: every figure went through Babel (a new figure
costs tens of microseconds; those of up to two decimals are now written without it), and
the touchpoint rules worded "in step ..." for every step (now only for a finding's). A
Finding sets its fields in one update rather than one object.__setattr__ each. Still 4.8 %
over dda484c: validation's 0.5 M (see bench_validate.py), and format 1.1's richer rules
(stale-metric, improves-missing, replaces-unknown-step, future-emotion-worse: ~0.2 M; the
quality advice and the touchpoints of stages: ~0.3 M). YAML parsing, the same code in both,
is 12.8 M of the 22.8 M.

Fourth pass (2026-12-02, ``python benchmarks/bench_instructions.py --src <dda484c>/src``):
the YAML events built in C (see bench_validate.py) take 1.3 M off every map.

    what                                      dda484c    before (4251303)    now
    instructions per map (lint_packed)        21.79 M    22.78 M             21.49 M
    whole ``lint --no-cache -j 1``, 200 maps  6,293 M    -                   6,274 M
      of seed 3, instructions
    CPU, lint --no-cache -j 1, 1,000 maps     6.21 s     -                   6.13 s
      of seed 1 (user+sys, median of 5 interleaved runs at load 1 to 2; an earlier 3 runs
      at a busier moment gave 5.82 s and 5.95 s, within the machine's swings)
"""

import argparse
import sys
import tempfile
from pathlib import Path

import generate
from bench_validate import row, timed, tool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    cjmap = tool("cjmap")
    if cjmap is None:
        sys.exit("cjmap is not installed: pip install -e .")
    for maintained in (True, False):
        with tempfile.TemporaryDirectory() as directory:
            corpus = generate.write_corpus(Path(directory), args.count, seed=1,
                                           maintained=maintained)
            kind = "maintained maps (gaps fixed)" if maintained else "first drafts (~65 gaps each)"
            print(f"\n=== corpus: {len(corpus)} {kind}")
            measure(cjmap, directory, len(corpus), args.runs)


def measure(cjmap: str, directory: str, count: int, runs: int) -> None:
    today = ["--today", "2026-11-23"]
    print(f"cold, end to end, median of {runs}:")
    validate = timed([cjmap, "validate", "-q", "--no-cache", directory], runs)
    lint = timed([cjmap, "lint", "-q", "--no-cache", *today, directory], runs)
    counted = timed([cjmap, "lint", "--statistics", "--no-cache", *today, directory], runs)
    row("cjmap validate --no-cache", validate, count)
    row("cjmap lint --no-cache (text report)", lint, count)
    row("cjmap lint --no-cache --statistics", counted, count)
    print(f"  lint / validate: {lint / validate:.2f}× with the report, "
          f"{counted / validate:.2f}× without (target ≤ 1.5×)")
    validate_1 = timed([cjmap, "validate", "-q", "--no-cache", "-j", "1", directory], runs)
    lint_1 = timed([cjmap, "lint", "-q", "-j", "1", "--no-cache", *today, directory], runs)
    row("cjmap validate --no-cache -j 1", validate_1, count)
    row("cjmap lint --no-cache -j 1", lint_1, count)
    print(f"  lint / validate, one process: {lint_1 / validate_1:.2f}×")

    print(f"warm (cache filled by a first run), end to end, median of {runs}:")
    cache = Path(directory) / ".cjmap_cache"
    command = [cjmap, "lint", "-q", *today, "."]
    # timed() runs once before measuring: that run fills the cache.
    full = timed(command, runs, cwd=Path(directory))
    stats = timed([*command, "--statistics"], runs, cwd=Path(directory))
    row("cjmap lint (text report of every finding)", full, count)
    row("cjmap lint --statistics", stats, count)
    files = list(cache.glob("lint-*.json"))
    size = sum(path.stat().st_size for path in files)
    print(f"  cache: {len(files)} file(s), {size / 1e6:.1f} MB (target ≤ 0.3 s warm)")
    if len(files) > 1:
        print("  note: cjmap's code changed during the run; some runs were cold")


if __name__ == "__main__":
    main()
