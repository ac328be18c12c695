"""How fast ``cjmap fmt --check`` is on 1,000 already-formatted generated maps.

    python benchmarks/bench_fmt.py               # 1,000 maps
    python benchmarks/bench_fmt.py --count 200

Prints medians, end to end from the shell: cold (``--no-cache``) and warm (the fmt cache filled
by an earlier run), as wall time and as the CPU time (user + system) of the command and its
worker processes, which a machine busy with other work disturbs less. It also prints how many
of the maps the fast canonical check answers (``cjmap.author.canonical``); the others fall back
to the full formatter. Targets (issue 11): cold ≤ 5 s, warm ≤ 0.3 s on two cores.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
from bench_validate import tool


def timed(command: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall and CPU seconds of ``command`` (one warm-up run first)."""
    subprocess.run(command, capture_output=True, check=False, cwd=cwd)
    walls, cpus = [], []
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, cwd=cwd)
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(after.children_user - before.children_user
                    + after.children_system - before.children_system)
    return statistics.median(walls), statistics.median(cpus)


def fast_share(root: Path) -> tuple[int, int]:
    """How many of the maps under ``root`` the fast check answers, of how many."""
    from cjmap.author.canonical import is_canonical
    from cjmap.author.fmt import default_shape
    from cjmap.parse.yamlfast import parse

    shape = default_shape()
    paths = sorted(root.glob("*.yaml"))
    fast = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        fast += is_canonical(text, parse(text), shape)
    return fast, len(paths)


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
        cold = timed([cjmap, "fmt", "--check", "-q", "--no-cache", "."], args.runs, root)
        warm = timed([cjmap, "fmt", "--check", "-q", "."], args.runs, root)
        fast, total = fast_share(root)
        print(f"{args.count} formatted maps: fmt --check cold {cold[0]:.2f} s "
              f"(CPU {cold[1]:.2f} s), warm (cache) {warm[0]:.2f} s (CPU {warm[1]:.2f} s); "
              f"fast check {fast} of {total} maps, {total - fast} fell back")


if __name__ == "__main__":
    main()
