"""How ``cjmap validate`` and ``lint`` hold up on adversarial maps: inputs whose cost used to
grow with the square of their size.

    python benchmarks/bench_limits.py                  # the sizes of the audit
    python benchmarks/bench_limits.py --scale 0.25     # a quick look

Each case is one generated map, checked once end to end from the shell (process start
included): wall time, peak RSS of the child and the size of the report it writes.
Targets (issue 14–16): each case finishes in seconds, in tens of MB, and its report stays small
(at most 100 findings per rule per file, code frames of about 100 characters).

- ``one-line steps``: ``steps: [a, a, …]`` on one line: 10,000 duplicate step ids, each a
  diagnostic pointing into the same 30 KB line;
- ``broken next``: 1,000 steps, each whose ``next`` names a step id with a typo;
- ``undeclared stages``: 1,000 declared stages and 1,000 steps naming undeclared ones;
- ``unknown channels``: a catalogue of 1,000 channels and 1,000 touchpoints with typos;
- ``suppressions``: 4,000 ``# cjmap: ignore[...]`` comments.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_validate import tool

HEAD = "cjmap: 1\ntitle: Adversarial\n"


def one_line_steps(count: int) -> str:
    return HEAD + "steps: [" + ", ".join(["a"] * count) + "]\n"


def broken_next(count: int) -> str:
    steps = [f"  - {{id: step-{i:05}, name: Step {i}, next: [stpe-{i:05}]}}"
             for i in range(count)]
    return HEAD + "steps:\n" + "\n".join(steps) + "\n"


def undeclared_stages(count: int) -> str:
    stages = [f"  - {{id: stage-{i:05}, name: Stage {i}}}" for i in range(count)]
    steps = [f"  - {{name: Step {i}, stage: stgae-{i:05}}}" for i in range(count)]
    return HEAD + "stages:\n" + "\n".join(stages) + "\nsteps:\n" + "\n".join(steps) + "\n"


def unknown_channels(count: int) -> str:
    channels = [f"  - Channel {i:05}" for i in range(count)]
    steps = [f"  - {{name: Step {i}, touchpoints: [{{name: Touch {i}, channel: Chanel {i:05}}}]}}"
             for i in range(count)]
    return HEAD + "channels:\n" + "\n".join(channels) + "\nsteps:\n" + "\n".join(steps) + "\n"


def suppressions(count: int) -> str:
    steps = [f"  # cjmap: ignore[no-emotion]\n  - name: Step {i}" for i in range(count)]
    return HEAD + "steps:\n" + "\n".join(steps) + "\n"


# (name, command, generator, size in the audit)
CASES: list[tuple[str, str, Callable[[int], str], int]] = [
    ("one-line steps", "validate", one_line_steps, 10_000),
    ("one-line steps", "validate", one_line_steps, 20_000),
    ("broken next", "validate", broken_next, 1_000),
    ("broken next", "validate", broken_next, 4_000),
    ("undeclared stages", "validate", undeclared_stages, 1_000),
    ("unknown channels", "lint", unknown_channels, 1_000),
    ("suppressions", "lint", suppressions, 4_000),
]


def run(cjmap: str, command: str, path: Path, timeout: float) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB (of this child: each case runs in its own process) and
    report bytes of one run."""
    start = time.perf_counter()
    runner = [sys.executable, "-c", _MEASURE, cjmap, command, str(path)]
    done = subprocess.run(runner, capture_output=True, text=True, timeout=timeout, check=True)
    elapsed = time.perf_counter() - start
    rss_kib, size = (int(part) for part in done.stdout.split())
    return elapsed, rss_kib / 1024, size


# A small parent per case, so that the peak RSS of its one child is that case's alone.
_MEASURE = """
import resource, subprocess, sys
done = subprocess.run([sys.argv[1], sys.argv[2], "--no-cache", sys.argv[3]],
                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, len(done.stdout))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()

    cjmap = tool("cjmap")
    if cjmap is None:
        sys.exit("cjmap is not installed: pip install -e .")
    print(f"  {'case':<30} {'command':<9} {'time':>9} {'peak RSS':>10} {'report':>11}")
    with tempfile.TemporaryDirectory() as directory:
        for name, command, generate, size in CASES:
            count = max(1, round(size * args.scale))
            path = Path(directory) / f"{name.replace(' ', '-')}-{count}.yaml"
            path.write_text(generate(count), encoding="utf-8")
            label = f"{name} ×{count:,}"
            try:
                seconds, rss, report = run(cjmap, command, path, args.timeout)
            except subprocess.TimeoutExpired:
                print(f"  {label:<30} {command:<9} {'> ' + str(args.timeout):>9} s")
                continue
            print(f"  {label:<30} {command:<9} {seconds:8.2f}s {rss:7.0f} MiB "
                  f"{report / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()
