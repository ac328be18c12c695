"""The peak memory of Graphviz's dot on a dense 2,000-step map, under cjmap's limit.

    python benchmarks/bench_dot_memory.py                    # 2,000 steps
    python benchmarks/bench_dot_memory.py --steps 500 --limit-mb 4096

Before the limit, this map drove dot to 8.9–13.6 GiB; now dot stops at CJMAP_DOT_MEMORY_MB
(2,048 MiB by default) and cjmap says so. Reports cjmap's exit code, the time and the largest
resident set of any process it started (dot's), from getrusage.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.render.test_graphviz import dense_map


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--limit-mb", type=int, default=None)
    args = parser.parse_args()
    env = dict(os.environ)
    if args.limit_mb:
        env["CJMAP_DOT_MEMORY_MB"] = str(args.limit_mb)
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "dense.yaml"
        source.write_text(dense_map(args.steps))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "cjmap", "render", str(source), "-f", "svg",
                               "-o", str(Path(directory) / "dense.svg")], env=env,
                              capture_output=True, text=True, check=False)
        took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{args.steps} steps: exit {done.returncode} in {took:.1f} s, "
          f"peak RSS {peak:.0f} MiB")
    print(done.stderr.strip())


if __name__ == "__main__":
    main()
