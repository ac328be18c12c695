"""Instructions per map of validate's and lint's per-file work, counted by callgrind.

    python benchmarks/bench_instructions.py                     # this checkout
    python benchmarks/bench_instructions.py --src ../old/src    # this one and another, side by side
    python benchmarks/bench_instructions.py --count 20 --what validate

Wall and CPU times on a shared machine swing with other users' load; callgrind's instruction
counts do not (the same total twice for the same inputs), so a change of a few per cent can be
told apart from noise. For each checkout's ``src`` folder, one process (PYTHONHASHSEED=0,
bytecode compiled first) checks a warm-up map and then ``--count`` generated first drafts
(seed 1) with validate's ``check_file`` or lint's ``lint_packed``; a second process checks the
warm-up map alone, and the difference over ``--count`` is the figure per map. Both the layout
of today and that of dda484c (the code before format 1.1, which issue 9 measures against) are
understood. Needs valgrind.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import generate

HERE = Path(__file__).resolve().parent
# Run in the measured process: imports whichever layout the checkout has.
_PROBE = """
import sys
from datetime import date
from pathlib import Path
what, folder, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
try:
    from cjmap.cli.validate import check_file as _check
    from cjmap.lint.config import Settings
    from cjmap.lint.engine import lint_packed
    def check(path): return _check(path, "en")
except ImportError:  # dda484c
    from cjmap.commands.validate import check_file as check
    from cjmap.config import Settings
    from cjmap.linting import lint_packed
settings = Settings(root=str(folder))
today = date(2026, 11, 23)
run = check if what == "validate" else (lambda path: lint_packed(path, settings, today))
files = sorted(folder.glob("*.yaml"))
run(files[0])
for path in files[:count]:
    run(path)
"""


def instructions(src: Path, what: str, corpus: Path, count: int, work: Path) -> int:
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = work / "callgrind.out"
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
         "-c", _PROBE, what, str(corpus), str(count)],
        env=env, capture_output=True, text=True, check=True)
    match = re.search(r"Collected : (\d+)", result.stderr)
    if match is None:
        raise SystemExit(f"callgrind printed no total:\n{result.stderr}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, action="append", default=[],
                        help="another checkout's src folder to measure beside this one's")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--what", choices=("validate", "lint", "both"), default="both")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    sources = [HERE.parent / "src", *args.src]
    kinds = ("validate", "lint") if args.what == "both" else (args.what,)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "maps"
        generate.write_corpus(corpus, args.count, seed=args.seed)
        for src in sources:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], check=True,
                           env={k: v for k, v in os.environ.items()
                                if k != "PYTHONDONTWRITEBYTECODE"})
        print(f"instructions per map, {args.count} first drafts of seed {args.seed}")
        for what in kinds:
            for src in sources:
                many = instructions(src, what, corpus, args.count, work)
                none = instructions(src, what, corpus, 0, work)
                per_map = (many - none) / args.count
                print(f"  {what:<9} {per_map / 1e6:7.2f} M   {src}")


if __name__ == "__main__":
    main()
