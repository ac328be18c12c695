"""What each lint rule costs per map, beside what loading and validating the map costs.

    python benchmarks/generate.py /tmp/corpus --count 1000
    python benchmarks/bench_rules.py /tmp/corpus [--limit 300]

CPU time (not wall time, which other processes on a shared machine distort), best of three runs
of every rule over the same already-loaded maps. The lint budget is 1.5x validate in all, so the
rules together should stay a small fraction of the load.
"""

import argparse
import gc
import time
from datetime import date
from pathlib import Path

from cjmap.lint.rules import RULES, Context
from cjmap.loader import load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a directory of maps, or one map")
    parser.add_argument("--limit", type=int, default=300, help="maps to use (default 300)")
    parser.add_argument("--top", type=int, default=10, help="costliest rules to list")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.yaml")) if args.corpus.is_dir() else [args.corpus]
    files = files[: args.limit]

    started = time.process_time()
    contexts = []
    for path in files:
        result = load(path)
        if result.journey is not None and result.document is not None:
            contexts.append(Context(result.journey, result.document, str(path), date.today()))
    load_time = time.process_time() - started

    gc.disable()
    best: dict[str, float] = {}
    findings: dict[str, int] = {}
    for _ in range(3):
        for rule_id, rule in RULES.items():
            options = dict(rule.OPTIONS)
            started = time.process_time()
            found = sum(1 for context in contexts for _ in rule.check(context, options))
            best[rule_id] = min(best.get(rule_id, float("inf")), time.process_time() - started)
            findings[rule_id] = found
    maps = len(contexts)
    total = sum(best.values())
    print(f"{maps} maps: load and validate {load_time * 1000 / maps:.2f} ms/map, "
          f"all {len(RULES)} rules {total * 1000 / maps:.3f} ms/map ({total / load_time:.0%})")
    for rule_id, spent in sorted(best.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {rule_id:30} {spent * 1e6 / maps:7.1f} µs/map  "
              f"{findings[rule_id] / maps:5.1f} findings/map")


if __name__ == "__main__":
    main()
