"""How fast ``cjmap render`` draws a large map, end to end from the shell.

    python benchmarks/bench_render.py               # a 1,000-step map, every format
    python benchmarks/bench_render.py --steps 5000 --runs 3
    python benchmarks/bench_render.py --several     # the examples × every format, one call

Prints the median wall time of each format (process start, parse, validation, rendering and,
for svg/png/pdf, Graphviz's layout included) and, for the Graphviz formats, how much of it is
``dot`` itself. Targets: a 1,000-step map to HTML in ≤ 1.0 s (issue 10, with the overview), to
SVG in ≤ 2 s (issue 4).
"""

import argparse
import sys
import tempfile
from pathlib import Path

import generate
from bench_validate import timed

TARGETS = {"html": 1.0, "svg": 2.0}
FORMATS = ["html", "svg", "dot", "png", "pdf", "mermaid", "md"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="comma-separated formats to time (default: all)")
    parser.add_argument("--several", action="store_true",
                        help="time the examples in every format in one call instead")
    args = parser.parse_args()
    if args.several:
        several_formats(args.runs)
        return
    cjmap = [sys.executable, "-m", "cjmap"]

    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "big.yaml"
        source.write_text(generate.make_map(args.steps, seed=1), encoding="utf-8")
        lines = source.read_text(encoding="utf-8").count("\n")
        print(f"map: {args.steps} steps, {lines} lines, {source.stat().st_size / 1e3:.0f} kB")
        print(f"`cjmap render` end to end, median of {args.runs}:")
        for fmt in args.formats.split(","):
            out = Path(directory) / f"big.{fmt}"
            seconds = timed([*cjmap, "render", str(source), "-f", fmt, "-o", str(out)],
                            args.runs)
            if not out.exists():
                sys.exit(f"cjmap render --format {fmt} failed; run it by hand to see why")
            size = out.stat().st_size / 1e3
            target = TARGETS.get(fmt)
            verdict = "" if target is None else (
                f"  target ≤ {target:.1f} s: {'met' if seconds <= target else 'MISSED'}")
            print(f"  {fmt:<8} {seconds * 1000:7.0f} ms  {size:8.0f} kB{verdict}")
        dot_source = Path(directory) / "big.dot"
        drawn = [fmt for fmt in ("svg", "png", "pdf") if fmt in args.formats.split(",")]
        if dot_source.exists() and drawn:
            print("of which Graphviz alone (dot on the written DOT source):")
            for fmt in drawn:
                seconds = timed(["dot", f"-T{fmt}", str(dot_source), "-o", "/dev/null"],
                                args.runs)
                print(f"  dot -T{fmt:<4} {seconds * 1000:7.0f} ms")


def several_formats(runs: int) -> None:
    """The examples in every format: one ``render -f all`` against one call per map and format
    (what a script looping over formats did before ``-f`` took a list)."""
    cjmap = [sys.executable, "-m", "cjmap", "render", "-q"]
    examples = sorted(str(p) for p in (Path(__file__).parent.parent / "examples").glob("*.yaml"))
    with tempfile.TemporaryDirectory() as directory:
        together = timed([*cjmap, *examples, "-f", "all", "-d", directory], runs)
        apart = sum(timed([*cjmap, example, "-f", fmt, "-d", directory], runs)
                    for example in examples for fmt in FORMATS)
        by_format = sum(timed([*cjmap, *examples, "-f", fmt, "-d", directory], runs)
                        for fmt in FORMATS)
    print(f"{len(examples)} examples × {len(FORMATS)} formats, median of {runs}:")
    print(f"  one call, -f all          {together * 1000:7.0f} ms")
    print(f"  one call per format       {by_format * 1000:7.0f} ms")
    print(f"  one call per map × format {apart * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
