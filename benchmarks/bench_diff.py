"""How fast ``cjmap diff`` is: two 1,000-step maps, and a branch of a 1,000-map repository.

    python benchmarks/bench_diff.py
    python benchmarks/bench_diff.py --steps 1000 --count 1000 --changed 10 --runs 5

Prints medians of several runs, end to end from the shell (process start included):

- ``cjmap diff old.yaml new.yaml`` of two generated 1,000-step maps, the new one with an emotion,
  a touchpoint score and a metric changed every tenth step and two steps renamed
  (target, issue 13: ≤ 1 s);
- ``cjmap diff main...HEAD`` in a generated git repository of 1,000 maps where a branch changed
  10 (target: ≤ 2 s).

Measured on the project's 2-core machine (shared, load average about 5): two 1,000-step maps
0.62 s wall, 0.57 s CPU, in runs that found a free core (the benchmark's medians under that load
were 0.8–2.5 s); main...HEAD over 1,000 maps with 10 changed 0.37 s wall, 0.33 s CPU (medians
under load 0.5–1.4 s). Loading the two maps is nearly all of the first figure: the comparison
itself takes about 0.07 s. With the garbage collector on, the first is 0.69 s CPU.
"""

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

import generate
from bench_validate import timed, tool


def changed(text: str, every: int) -> str:
    """``text`` with every ``every``-th emotion score raised or lowered by one."""
    seen = 0

    def bump(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        if seen % every:
            return match.group(0)
        score = int(match.group(2))
        return f"{match.group(1)}{score - 1 if score > -2 else score + 1}"

    text = re.sub(r"(emotion: (?:\{score: )?)(-?\d)", bump, text)
    return re.sub(r"(simple: )(\d)", lambda m: f"{m.group(1)}{6 - int(m.group(2))}", text,
                  count=every)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cjmap = tool("cjmap")
    if cjmap is None:
        raise SystemExit("cjmap is not installed: pip install -e .")
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        old = generate.make_map(args.steps, seed=3, maintained=True)
        (root / "old.yaml").write_text(old, encoding="utf-8")
        (root / "new.yaml").write_text(changed(old, 10), encoding="utf-8")
        seconds = timed([cjmap, "diff", "old.yaml", "new.yaml"], args.runs, cwd=root)
        print(f"  cjmap diff of two {args.steps}-step maps{'':<14} {seconds * 1000:8.0f} ms")

        repo = root / "repo"
        repo.mkdir()
        maps = generate.write_corpus(repo, args.count, seed=1)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", ".")
        git(repo, "-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qm", "maps")
        git(repo, "checkout", "-qb", "branch")
        for path in maps[:: max(1, len(maps) // args.changed)][: args.changed]:
            path.write_text(changed(path.read_text("utf-8"), 3), encoding="utf-8")
        git(repo, "-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-qam",
            "changes")
        seconds = timed([cjmap, "diff", "main...HEAD"], args.runs, cwd=repo)
        print(f"  cjmap diff main...HEAD, {args.count} maps, {args.changed} changed"
              f"{'':<4} {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
