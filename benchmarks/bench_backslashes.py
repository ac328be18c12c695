"""How long ``cjmap render -f dot`` takes for a step description made only of backslashes.

    python benchmarks/bench_backslashes.py              # 10 KB and 100 KB
    python benchmarks/bench_backslashes.py --sizes 10000 20000 --timeout 120

The graphviz package's quoting regexes backtrack on runs of backslashes, which made 10 KB take
27 s; tooltips are now written without a backslash (as ``&#92;``) and cut to what dot holds, so
the time should not grow with the size. End to end from the shell, process start included.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        for size in args.sizes:
            source = Path(directory) / f"b{size}.yaml"
            source.write_text("cjmap: 1\ntitle: T\nsteps:\n  - name: A\n"
                              f"    description: '{chr(92) * size}'\n")
            start = time.perf_counter()
            try:
                subprocess.run([sys.executable, "-m", "cjmap", "render", str(source), "-f",
                                "dot", "-o", "-"], capture_output=True, check=True,
                               timeout=args.timeout)
                took = f"{time.perf_counter() - start:.2f} s"
            except subprocess.TimeoutExpired:
                took = f"over {args.timeout:.0f} s"
            print(f"{size:>8} backslashes: {took}")


if __name__ == "__main__":
    main()
