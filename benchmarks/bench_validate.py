"""How fast ``cjmap validate`` is, next to yamllint and check-jsonschema on the same files.

    python benchmarks/bench_validate.py               # 1,000 generated maps, peers included
    python benchmarks/bench_validate.py --count 200 --no-peers

Prints medians of several runs, end to end from the shell (process start included):
one map, then the whole corpus, each cold (``--no-cache``) and re-run with the report cache
filled; and, in process, files/s of each YAML parse path.
Targets (issue 2): one map no slower than ``yamllint -d relaxed``; 1,000 maps in ≤ 2.5 s.
Issue 9: a Spanish run (``--lang es``) of one map, valid or broken, within a few milliseconds
of an English one (gettext's catalogue is cheap; Babel is loaded only for numbers and dates).

Issue 9 (format 1.1 must not slow validate down; baseline dda484c, the code before 1.1). Wall
times on the shared 2-core machine swing by 2-5x with other users' load, so the figures are
CPU time (user+sys of the process and its workers, median of 3, old and new runs interleaved)
and callgrind instruction counts (load-independent), on the 1,000-map corpus of seed 1:

    what                                      dda484c      format 1.1 as found    now
    instructions per map (check_file)         15.91 M      17.97 M                17.08 M
    one map, cold (examples/running-shoes)    1,026 M      1,326 M                1,236 M
      (yamllint -d relaxed: 735 M; ratio 1.40x, 1.80x, 1.68x)
    CPU, validate --no-cache, all cores       2.60 s       -                      2.92 s
    CPU, validate --no-cache -j 1             2.14 s       -                      2.31 s
    CPU, validate, cached                     0.18 s       -                      0.20 s

Not yet at the baseline: the rest is pydantic validating format 1.1's larger model (2.40 M
instructions per map at dda484c, 3.24 M now) and the larger model's import.

Those figures ran cjmap from source without its bytecode cached (PYTHONDONTWRITEBYTECODE in
the environment), so each run compiled cjmap's modules again, and yamllint's were cached. A
pip-installed cjmap has its bytecode; with it cached for both (python -m compileall src),
callgrind (PYTHONHASHSEED=0), examples/running-shoes.yaml, same machine:

    what                                      dda484c    before (768257c)    now
    one map, cold, instructions               884 M      997 M               900 M
      (yamllint -d relaxed: 751 M; ratio 1.18x, 1.33x, 1.20x)
    one map, cold, CPU (user+sys, median of   -          750 ms              573 ms
      12 interleaved runs; yamllint 374 ms)              (2.0x)              (1.53x)
    instructions per map (check_file, 40      16.28 M    17.58 M             17.35 M
      maps of seed 1 minus none, in process)
    of which Journey.model_validate           2.73 M     ~3.95 M             3.69 M

Instructions understate the cold run's time. The interpreter's last garbage collection on the
way out goes through every object of the run, memory-bound work: ``main`` freezes them first,
38 M instructions but about 100 ms of CPU in interleaved runs. pydantic's plugin loader, which
imports importlib.metadata even with plugins off, is stood in for: 52 M instructions.

Third pass (2026-12-02), measured back to back the same way (callgrind, PYTHONHASHSEED=0,
bytecode cached; per map = (check_file over 40 maps of seed 1 − over none) / 40, one process,
after a warm-up map):

    what                                      dda484c    before (13a37b1)    now
    instructions per map (check_file)         16.28 M    17.34 M             16.80 M
    one map, cold (running-shoes), instr.     -          905 M               904 M
    CPU, validate --no-cache -j 1, 1,000      6.71 s     7.26 s              6.72 s
      maps (user+sys, median of 3 interleaved runs; the machine was loaded, so all three are
      ~3x the figures above and swing by 10 %: the instruction counts are the ones to trust)

What it took: fewer Python calls per map in what pydantic calls back (a list field's
before-validator settles a list first; a step skips the per-persona emotion and labelled
``next`` expansions it has no use for; ids and stages filled in without pydantic's
``__setattr__``), stage-name tables built at import rather than per map, and the reference
checks passing over the lists a step lacks. Still 3 % over dda484c: Journey.model_validate
(format 1.1's larger model, ~0.45 M a map, most of it inside pydantic-core) and the
reference checks reading the data as written (~0.4 M; dda484c read the validated model).

Fourth pass (2026-12-02, ``python benchmarks/bench_instructions.py --src <dda484c>/src``, the
same measure as the third): PyYAML's C binding made each of a map's ~2,000 events through a
Python ``__init__``; cjmap.parse.cevents has it build them in C while cjmap parses (and
gives PyYAML back its classes after), and the loop reads each event's argument tuple.

    what                                      dda484c    before (4251303)    now
    instructions per map (check_file)         16.28 M    16.80 M             15.52 M
    whole ``validate --no-cache -j 1``, 200   4,178 M    -                   3,997 M
      maps of seed 3, instructions
    one map, cold (running-shoes), instr.     -          905 M               905 M
      (yamllint -d relaxed: 751 M, 1.21x)
    one map, wall (hyperfine, 15 runs)        -          -                   302 ms cold,
      (yamllint -d relaxed: 194 ms; 1.56x cold, 0.69x cached)                121 ms cached
    CPU, validate --no-cache -j 1, 1,000      3.49 s     -                   3.10 s
      maps of seed 1 (user+sys, median of 5 interleaved runs at load 1 to 2; an earlier
      3 runs at a busier moment gave 3.26 s and 3.35 s: the machine swings by more than
      that, the instruction counts are the ones to trust)
"""

import argparse
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "running-shoes.yaml"
SCHEMA = ROOT / "schemas" / "cjmap-1.schema.json"


def timed(command: list[str], runs: int, cwd: Path | None = None) -> float:
    """Median wall time of ``command`` in seconds (one warm-up run first)."""
    subprocess.run(command, capture_output=True, check=False, cwd=cwd)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, cwd=cwd)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def tool(name: str) -> str | None:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def parse_rate(parse: Callable[[str], object], texts: list[str]) -> float:
    gc.disable()
    start = time.perf_counter()
    for text in texts:
        parse(text)
    elapsed = time.perf_counter() - start
    gc.enable()
    return len(texts) / elapsed


def row(label: str, seconds: float, files: int) -> None:
    print(f"  {label:<44} {seconds * 1000:9.0f} ms  {files / seconds:8.0f} files/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-peers", action="store_true", help="skip yamllint/check-jsonschema")
    args = parser.parse_args()

    cjmap = tool("cjmap")
    if cjmap is None:
        sys.exit("cjmap is not installed: pip install -e .")
    peers = {} if args.no_peers else {
        "yamllint -d relaxed": [tool("yamllint"), "-d", "relaxed"],
        "check-jsonschema": [tool("check-jsonschema"), "--schemafile", str(SCHEMA)],
    }
    peers = {name: command for name, command in peers.items() if command[0]}

    with tempfile.TemporaryDirectory() as directory:
        corpus = generate.write_corpus(Path(directory), args.count, seed=1)
        size = sum(path.stat().st_size for path in corpus)
        lines = sum(path.read_text(encoding="utf-8").count("\n") for path in corpus)
        print(f"corpus: {len(corpus)} maps, {size / 1e6:.1f} MB, "
              f"{lines / len(corpus):.0f} lines per map on average")

        # The cache goes where cjmap runs: a scratch directory, so no earlier run's cache counts.
        cache_home = Path(directory) / "cwd"
        cache_home.mkdir()

        def cjmap_timed(*arguments: str, runs: int) -> float:
            return timed([cjmap, "validate", *arguments], runs, cwd=cache_home)

        print(f"\none map ({EXAMPLE.name}), end to end, median of {args.runs * 3}:")
        row("cjmap validate --no-cache (cold)",
            cjmap_timed("--no-cache", str(EXAMPLE), runs=args.runs * 3), 1)
        row("cjmap validate (re-run, cached)", cjmap_timed(str(EXAMPLE), runs=args.runs * 3), 1)
        broken = ROOT / "tests" / "maps" / "invalid" / "references.yaml"
        for lang in ("en", "es"):
            row(f"cjmap validate --no-cache --lang {lang}, a broken map",
                cjmap_timed("--no-cache", "--lang", lang, str(broken), runs=args.runs * 3), 1)
        for name, command in peers.items():
            row(name, timed([*command, str(EXAMPLE)], args.runs * 3), 1)

        print(f"\n{len(corpus)} maps, end to end, median of {args.runs}:")
        row("cjmap validate --no-cache (all cores)",
            cjmap_timed("-q", "--no-cache", directory, runs=args.runs), len(corpus))
        row("cjmap validate --no-cache -j 1",
            cjmap_timed("-q", "--no-cache", "-j", "1", directory, runs=args.runs), len(corpus))
        row("cjmap validate (re-run, cached)",
            cjmap_timed("-q", directory, runs=args.runs), len(corpus))
        for name, command in peers.items():
            row(name, timed([*command, *map(str, corpus)], 1), len(corpus))

        from cjmap.parse import yamlfast, yamlref

        texts = [path.read_text(encoding="utf-8") for path in corpus[:200]]
        print(f"\nparse only, in process, {len(texts)} maps:")
        print(f"  {'fast path (libyaml events + spans)':<44} "
              f"{parse_rate(yamlfast.parse, texts):9.0f} files/s")
        print(f"  {'ruamel.yaml round-trip (reference)':<44} "
              f"{parse_rate(yamlref.parse, texts[:50]):9.0f} files/s")


if __name__ == "__main__":
    main()
