"""How long ``cjmap metrics update`` takes: a year of monthly values for many metrics.

    python benchmarks/bench_metrics_update.py                  # 20 maps × 25 metrics × 12 months
    python benchmarks/bench_metrics_update.py --maps 100 --metrics 50 --months 24

Each map has one step per metric; the CSV gives every metric a value per month, with a ``map``
column. The run is timed end to end from the shell (process start included) twice: the first
writes every map, the second finds every value in place and writes nothing.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _map(index: int, metrics: int) -> str:
    steps = "".join(
        f"  - name: Step {n}\n    metrics:\n      - id: m{n}\n        name: Metric {n}\n"
        f"        actual: {n}\n        as_of: 2020-01-01\n        target: {n + 10}\n"
        for n in range(metrics))
    return f"cjmap: 1\ntitle: Map {index}\nsteps:\n{steps}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=20)
    parser.add_argument("--metrics", type=int, default=25)
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        rows = ["metric,map,date,value"]
        for index in range(args.maps):
            (root / f"map{index}.yaml").write_text(_map(index, args.metrics), encoding="utf-8")
            rows += [f"m{n},map{index},{2021 + month // 12}-{month % 12 + 1:02d}-01,{n + month}"
                     for n in range(args.metrics) for month in range(args.months)]
        (root / "values.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        maps = [f"map{index}.yaml" for index in range(args.maps)]
        for run in ("first run (writes)", "second run (nothing to do)"):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "cjmap", "metrics", "update", *maps, "--from",
                            "values.csv"], cwd=root, capture_output=True, check=True)
            took = time.perf_counter() - start
            print(f"{run}: {took:.2f} s for {len(rows) - 1} rows into {args.maps} maps")


if __name__ == "__main__":
    main()
