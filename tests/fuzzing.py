"""The fuzzer: mutated maps through every command and format of the real CLI, and the judges
that say whether each answer is one a user may get.

Mutants are byte, token, line and structure mutations of the example and test maps, with the
extremes an audit of 11,744 inputs found faults with (5,000-digit integers, out-of-range
timestamps, control characters, 20,000-character labels, deep nesting, Mermaid directives…).
Mutant ``index`` of ``seed`` depends on those two numbers only, so any one can be made again
without the others.

Runs go through ``cjmap.cli.app.main``, the console script's own entry point, in worker
processes that run many commands each (output captured at the file descriptors, since the
commands bind ``sys.stdout`` when they are imported), or through the real ``cjmap`` script.
Every answer is judged: no internal error, no traceback, exit 0 or 1, and the output
well-formed for its format. Mermaid's parser and ``dot`` judge many outputs per process.

Used by ``tests/test_fuzz.py`` (a small fixed-seed run) and ``benchmarks/fuzz.py`` (a long run).
"""

import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import yaml

from cjmap.format.model import DURATION_UNITS
from cjmap.loader import load, load_text
from cjmap.render import RENDERERS
from cjmap.report import REPORTERS
from tests.conftest import ROOT, installed, parse_mermaid

TODAY = "2026-11-23"
REPORT_FORMATS = list(REPORTERS)
RENDER_FORMATS = list(RENDERERS)

CONTROLS = [chr(code) for code in range(0x20)] + ["\x7f", "\ufffe", "\uffff"]
# Text that reaches labels whole (the structure mutations dump it double-quoted and escaped).
TEXTS: list[str] = [
    "", " ", "x", "<script>alert(1)</script>", 'a\\b"c\'d', "🏃‍♀️" * 3, "日本語テキスト",
    "x" * 20_000, "word " * 4_000, "\\" * 1_000, "a\\nb\\tc\\\\", "%%{init: {'theme': 'dark'}}%%",
    "%%{init: {\"securityLevel\": \"loose\"}}%%\nclick x call alert(1)", "section x", "title y",
    "accTitle: a", "x : 5 : Bob", "}\ndigraph { a }", "\"];evil[label=\"", "<<b>>&amp;&",
    "\u202eevil\u202c", "\u2066iso\u2069", "\u200f\u200e", "\x1b[31mred\x1b[0m", "\x1b]0;pwn\x07",
    "\x1b[2J\x1b[H", "\x9b31m", *CONTROLS, *(f"a{c}b" for c in CONTROLS), "\r\n", "\u2028\u2029",
    "end", "start",
    "consideration", "a-b", "quarterly", "3000000d", "0d", "99999999999y", "2026-01-01",
    "9999-12-31", *(f"{amount} {unit}" for unit in DURATION_UNITS for amount in ("10", "1.5")),
    "0 days", "10 min", "1e308 years", "99999999999999999999 minutes",
]
VALUES: list[Any] = [
    *TEXTS, 0, -1, 2, 5, 10**12, 10**300, -(10**300), 1.5, -0.0, float("inf"), float("nan"),
    True, None, [], {}, ["a"], {"name": "n"}, {"score": 9}, [[[]]],
]
# Raw YAML scalars that resolve to extremes: numbers, timestamps, durations, escapes.
EXTREMES: list[str] = [
    "~", "null", "Null", "true", "yes", "no", "on", ".inf", "-.inf", ".nan", "0x_", "0x1F", "0o7",
    "0b101", "1_000", "+1", "-0", "1e400", "-1e-400", "9" * 5_000, "-" + "9" * 5_000, "!!int",
    "!!float", "2024-01-01 24:00:00", "2024-13-45", "2024-02-30", "0000-01-01", "9999-12-31",
    "9999-12-31T23:59:59+14:00", "10000-01-01", "2024-01-01T25:61:61Z", "3000000d", "0d",
    *(f"10 {unit}" for unit in DURATION_UNITS), "99999999999999999999 min", '"\\u0000"',
    '"\\x1b[31m"', '"\\uFFFE"', '"\\uFFFF"', '"\\u202e"', '"\\ud800"', "\\" * 64,
    "%%{init: {}}%%", "'" + "x" * 20_000 + "'",
]
_DURATIONS = [*(f"10 {unit}" for unit in DURATION_UNITS), "99999999999999999999 min", "1e308 y"]
_NUMBERS = ["9" * 5_000, "-" + "9" * 5_000, "0x_", "1e400", ".nan", "!!int"]
# Generated extremes for the fields they bite: in the map, in the review, in a step.
FIELD_EXTREMES: dict[tuple[str, str], list[str]] = {
    ("map", "timeframe"): _DURATIONS,
    ("review", "last_reviewed"): ["9999-12-31", "2024-01-01 24:00:00", "0001-01-01",
                                  "10000-01-01", "2024-02-30"],
    ("review", "cadence"): ["3000000d", "99999999y", "1d", "yearly"],
    ("step", "duration"): _DURATIONS,
    ("step", "emotion"): _NUMBERS,
    ("step", "name"): ['"' + "x" * 20_000 + '"', '"\\x1b]0;pwn\\x07"', '"%%{init: {}}%%"',
                       '"a\\u0000b"', '"\\u202eevil"', '"' + "\\\\" * 500 + '"'],
}
_SENTINEL = "@@extreme@@"
# Raw YAML put in place of a token: YAML's own syntax, and the extremes.
TOKENS: list[str] = [
    ":", ": ", "- ", "-", "?", "? ", ",", "[", "]", "{", "}", "#", "&a", "*a", "!!str", "!!int",
    "!!binary", "!x", "|", ">", "|-", ">+", "'", '"', "---", "...", "%YAML 1.2", "<<: *a",
    "[" * 500 + "]" * 500, "{a: " * 300 + "}" * 300, "\t", "\u00a0", "\ufeff", *EXTREMES,
]
# Every command runs in the mutant's folder, on its map by this name: a command line
# reproduces the run from that folder, wherever it is.
MAP = "mutant.yaml"
FMT_COPY = "formatted.yaml"
DIFF_BASE = "before.yaml"
STDIN = "-"
# How much a map may grow: enough to show quadratic work, small enough to run many.
MANY = 1_000
DEEP = 150


@dataclass(frozen=True)
class Mutant:
    seed: int
    index: int
    how: str  # the mutation and the map it started from
    data: bytes


def corpus() -> list[tuple[str, bytes]]:
    """The maps mutants start from: the examples and the test maps, by path from the root."""
    paths = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/maps/**/*.yaml")])
    return [(path.relative_to(ROOT).as_posix(), path.read_bytes()) for path in paths]


def _byte(rng: Random, data: bytes) -> tuple[str, bytes]:
    at = rng.randrange(len(data) + 1)
    kind = rng.choice(["flip", "insert", "delete"])
    if kind == "flip" and at < len(data):
        return "byte flip", data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]
    if kind == "delete":
        return "byte delete", data[:at] + data[at + rng.randint(1, 8):]
    inserted = bytes([rng.randrange(256)]) if rng.random() < 0.7 else rng.choice(
        [b"\x00", b"\xff\xfe", b"\xed\xa0\x80", b"\xc3", b"\r", b"\x1b[", b"\xef\xbb\xbf"])
    return "byte insert", data[:at] + inserted + data[at:]


def _token(rng: Random, text: str) -> tuple[str, str]:
    tokens = re.findall(r"\s+|[\w.+-]+|.", text)
    places = [i for i, token in enumerate(tokens) if not token.isspace()]
    for _ in range(rng.randint(1, 3)):
        tokens[rng.choice(places)] = rng.choice(TOKENS)
    return "token swap", "".join(tokens)


def _value(rng: Random, text: str) -> tuple[str, str]:
    """A whole scalar after ``key:`` replaced by raw YAML, most often one with a digit in it
    (a date, a score, a duration, a cadence), where the extremes bite."""
    values = list(re.finditer(r"^[ -]*[\w-]+: *([^\s{\[&*|>#][^#\n]*?) *$", text, re.MULTILINE))
    numeric = [value for value in values if re.search(r"\d", value.group(1))]
    if not values:
        return _token(rng, text)
    value = rng.choice(numeric if numeric and rng.random() < 0.7 else values)
    return "value swap", text[:value.start(1)] + rng.choice(EXTREMES) + text[value.end(1):]


def _line(rng: Random, text: str) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    at = rng.randrange(len(lines))
    kind = rng.choice(["duplicate", "delete", "move", "indent"])
    if kind == "duplicate":
        lines[at:at] = [lines[at]] * rng.choice([1, 2, MANY])
    elif kind == "delete":
        del lines[at:at + rng.randint(1, 3)]
    elif kind == "move":
        lines.insert(rng.randrange(len(lines)), lines.pop(at))
    else:
        change = rng.choice([-4, -2, -1, 1, 2, 4])
        lines[at] = (" " * change + lines[at] if change > 0
                     else re.sub(f"^ {{1,{-change}}}", "", lines[at]))
    return f"line {kind}", "".join(lines)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _structure(rng: Random, data: Any) -> tuple[str, str]:
    """Keys dropped, items repeated, reordered or multiplied, values replaced or nested deep."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        paths = [path for path in _paths(data) if path]
        if not paths:
            break
        path = rng.choice(paths)
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        chance = rng.random()
        if chance < 0.25 and isinstance(parent, dict):
            del parent[path[-1]]
        elif chance < 0.35 and isinstance(parent, list):
            parent.insert(rng.randrange(len(parent)), copy.deepcopy(parent[path[-1]]))
        elif chance < 0.4 and isinstance(parent, list):
            parent.reverse()
        elif chance < 0.45 and isinstance(parent, list) and len(repr(parent[path[-1]])) < 1_000:
            # Small items only: a map over cjmap's size limit is rightly refused with exit 2.
            parent.extend(copy.deepcopy(parent[path[-1]]) for _ in range(MANY))
        elif chance < 0.5:
            nested: Any = parent[path[-1]]
            for _ in range(DEEP):
                nested = [nested] if rng.random() < 0.5 else {"name": nested}
            parent[path[-1]] = nested
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
    return "structure", yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


def _field(rng: Random, data: dict[str, Any]) -> tuple[str, str]:
    """One of FIELD_EXTREMES, written raw (so that YAML resolves it) into the field."""
    (where, key), values = rng.choice(list(FIELD_EXTREMES.items()))
    steps = [step for step in data.get("steps") or [] if isinstance(step, dict)]
    target = data
    if where == "review":
        if not isinstance(data.get("review"), dict):
            data["review"] = {}
        target = data["review"]
    elif where == "step" and steps:
        target = rng.choice(steps)
    target[key] = _SENTINEL
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    return f"{key} extreme", dumped.replace(f"'{_SENTINEL}'", rng.choice(values))


def mutant(seed: int, index: int, sources: Sequence[tuple[str, bytes]]) -> Mutant:
    rng = Random(f"{seed}/{index}")
    # Mostly valid maps, so that most mutants still reach the rules and the renderers.
    valid = [source for source in sources if "/invalid/" not in source[0]]
    name, data = rng.choice(valid if rng.random() < 0.85 else sources)
    text = data.decode("utf-8")
    kind = rng.choice(["byte", "token", "value", "line", "field", "structure", "structure"])
    if kind == "byte":
        how, mutated = _byte(rng, data)
        return Mutant(seed, index, f"{how} of {name}", mutated)
    if kind in ("structure", "field"):
        try:
            parsed = yaml.safe_load(text)
        except yaml.YAMLError:
            parsed = None
        if kind == "field" and isinstance(parsed, dict):
            how, text = _field(rng, parsed)
            return Mutant(seed, index, f"{how} of {name}", text.encode("utf-8"))
        if isinstance(parsed, (dict, list)):
            how, text = _structure(rng, parsed)
            return Mutant(seed, index, f"{how} of {name}", text.encode("utf-8"))
    how, text = {"token": _token, "value": _value}.get(kind, _line)(rng, text)
    return Mutant(seed, index, f"{how} of {name}", text.encode("utf-8"))


def mutants(seed: int, count: int) -> list[Mutant]:
    sources = corpus()
    return [mutant(seed, index, sources) for index in range(count)]


# The sources ``cjmap import`` reads (Mermaid diagrams, Markdown, OpenJourney files), and the
# --from format of each file ending.
IMPORT_SOURCES = ROOT / "tests" / "author" / "importers" / "sources"
IMPORT_FORMATS = {"mmd": "mermaid", "md": "mermaid", "ojf": "ojf"}


def import_mutants(seed: int, count: int) -> list[Mutant]:
    """Byte, token and line mutations of the importers' test sources."""
    sources = [(path.relative_to(ROOT).as_posix(), path.read_bytes())
               for path in sorted(IMPORT_SOURCES.iterdir())
               if path.suffix[1:] in IMPORT_FORMATS]
    found = []
    for index in range(count):
        rng = Random(f"import/{seed}/{index}")
        name, data = rng.choice(sources)
        kind = rng.choice(["byte", "token", "line"])
        if kind == "byte":
            how, mutated = _byte(rng, data)
        else:
            how, text = (_token if kind == "token" else _line)(rng, data.decode("utf-8"))
            mutated = text.encode("utf-8")
        found.append(Mutant(seed, index, f"{how} of {name}", mutated))
    return found


@dataclass
class Run:
    """One command on one mutant, and the reports it writes (format, file; None: stdout)."""

    mutant: Mutant
    file: Path
    argv: list[str]
    outputs: list[tuple[str, Path | None]]
    stdin: bool = False  # the real script reads the map from standard input
    code: int | None = None  # None: it did not finish in time
    seconds: float = 0.0
    stdout: bytes = b""
    stderr: bytes = b""

    @property
    def command(self) -> str:
        return self.argv[0]

    def shell(self) -> str:
        """The command line that reproduces the run, from the folder of the mutant's file."""
        line = " ".join(_quote(arg) for arg in ["cjmap", *self.script_argv()])
        return f"{line} < {MAP}" if self.stdin else line

    def script_argv(self) -> list[str]:
        return [STDIN if arg == MAP and self.stdin else arg for arg in self.argv]


def _quote(arg: str) -> str:
    return arg if re.fullmatch(r"[\w./=:,-]+", arg) else "'" + arg.replace("'", "'\\''") + "'"


@dataclass(frozen=True)
class Failure:
    kind: str
    run: Run
    detail: str

    def describe(self) -> str:
        text = self.run.mutant.data.decode("utf-8", "backslashreplace")
        shown = text if len(text) <= 1_500 else text[:1_500] + f"… ({len(text)} characters)"
        return (f"{self.kind}: {self.detail}\n"
                f"  seed {self.run.mutant.seed}, mutant {self.run.mutant.index} "
                f"({self.run.mutant.how}), written to {self.run.file}\n"
                f"  reproduce: cd {self.run.file.parent} && {self.run.shell()}\n"
                f"  mutant:\n{shown}")


def plan(items: Sequence[Mutant], directory: Path) -> list[Run]:
    """Every mutant through validate in every report format, lint in one on stdout and the six
    others with -o, render in each cheap format and one of the Graphviz ones (which run
    ``dot``), the formats taking turns, in English or Spanish."""
    runs = []
    for item in items:
        folder = directory / f"mutant-{item.index}"
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / MAP
        file.write_bytes(item.data)
        turn = item.index
        runs += [Run(item, file, ["validate", "--no-cache", "-j", "1", "-f", shown, MAP],
                     [(shown, None)]) for shown in REPORT_FORMATS]
        shown = REPORT_FORMATS[(turn + 3) % len(REPORT_FORMATS)]
        others = [(name, folder / f"lint.{name}") for name in REPORT_FORMATS if name != shown]
        runs.append(Run(item, file, [
            "lint", "--no-cache", "-j", "1", "--today", TODAY, "-f", shown,
            *(f"-o{name}={path.name}" for name, path in others), MAP],
            [(shown, None), *others]))
        lang = ["--lang", "es"] if turn % 4 == 1 else []
        touchpoints = ["--touchpoints"] if turn % 2 else []
        # Every drawn format for every mutant: which mutants are valid maps is known only once
        # they are read, and each format must meet enough of them.
        for name in RENDER_FORMATS:
            extra = {"md": ["--mermaid"], "dot": touchpoints, "svg": touchpoints,
                     "png": touchpoints, "pdf": touchpoints}
            runs.append(Run(item, file, ["render", "-j", "1", "-f", name, *lang,
                                         *extra.get(name, []), "-o", STDIN, MAP],
                            [(name, None)]))
        # fmt rewrites a copy (judged against the mutant: same data or untouched); diff
        # compares the mutant with the map it was made from ("… of examples/x.yaml").
        # Neither reads standard input, so their paths are not MAP, which a script run
        # would replace with '-'.
        (folder / FMT_COPY).write_bytes(item.data)
        runs.append(Run(item, file, ["fmt", "--no-cache", "-j", "1", FMT_COPY],
                        [("text", None)]))
        (folder / DIFF_BASE).write_bytes((ROOT / item.how.rsplit(" of ", 1)[1]).read_bytes())
        runs.append(Run(item, file, ["diff", "-f", "json" if turn % 2 else "text", *lang,
                                     DIFF_BASE, f"./{MAP}"],
                        [("json" if turn % 2 else "text", None)]))
    return runs


def import_plan(items: Sequence[Mutant], directory: Path) -> list[Run]:
    """Every mutant through ``cjmap import``, its format named and guessed in turn, the map
    printed (judged by the map check)."""
    runs = []
    for item in items:
        suffix = item.how.rsplit(".", 1)[-1]
        folder = directory / f"mutant-{item.index}"
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / f"mutant.{suffix}"
        file.write_bytes(item.data)
        named = ["--from", IMPORT_FORMATS[suffix]] if item.index % 2 else []
        runs.append(Run(item, file, ["import", *named, file.name], [("map", None)]))
    return runs


def _environment() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "PYTHONPATH": str(ROOT)}
    for name in ("GITHUB_ACTIONS", "CJMAP_DEBUG", "FORCE_COLOR"):
        env.pop(name, None)
    return env


class _Timeout(BaseException):
    """Raised by the alarm; not an Exception, so ``main`` cannot report it as an internal
    error."""


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def serve(jobs_file: str, timeout: int) -> None:
    """Worker process: each job's argv through ``main``, stdout and stderr captured at the file
    descriptors into the job's files; a line per job done, its exit code (None: timed out)
    and seconds, appended to ``jobs_file``.done."""
    from cjmap.cli.app import main

    signal.signal(signal.SIGALRM, _alarm)
    jobs = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    saved = os.dup(1), os.dup(2)
    with Path(jobs_file + ".done").open("w", encoding="utf-8") as done:
        for job in jobs:
            os.chdir(job["cwd"])
            sys.argv = ["cjmap", *job["argv"]]
            code: int | None = 0
            with Path(job["out"]).open("wb") as out, Path(job["err"]).open("wb") as err:
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                signal.alarm(timeout)
                start = time.perf_counter()
                try:
                    main()
                except SystemExit as exit:
                    code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
                except _Timeout:
                    code = None
                finally:
                    signal.alarm(0)
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os.dup2(saved[0], 1)
                    os.dup2(saved[1], 2)
            done.write(json.dumps([code, time.perf_counter() - start]) + "\n")
            done.flush()


def _read(file: str) -> bytes:
    path = Path(file)
    return path.read_bytes() if path.exists() else b""


def execute(runs: Sequence[Run], directory: Path, workers: int = 2, timeout: int = 60) -> None:
    """Run ``runs`` in ``workers`` worker processes, filling in their codes and output."""
    directory.mkdir(parents=True, exist_ok=True)
    started = []
    for number in range(workers):
        share = list(runs[number::workers])
        jobs = [{"argv": run.argv, "cwd": str(run.file.parent),
                 "out": str(directory / f"{number}-{i}.out"),
                 "err": str(directory / f"{number}-{i}.err")} for i, run in enumerate(share)]
        jobs_file = directory / f"worker-{number}.json"
        jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
        code = f"from tests.fuzzing import serve; serve({str(jobs_file)!r}, {timeout})"
        started.append((share, jobs, jobs_file, subprocess.Popen(
            [sys.executable, "-c", code], cwd=ROOT, env=_environment(),
            stdin=subprocess.DEVNULL)))
    for share, jobs, jobs_file, process in started:
        process.wait()
        done = Path(str(jobs_file) + ".done")
        lines = done.read_text(encoding="utf-8").splitlines() if done.exists() else []
        for run, job, line in zip(share, jobs, lines, strict=False):
            run.code, run.seconds = json.loads(line)
            run.stdout, run.stderr = _read(job["out"]), _read(job["err"])
        if len(lines) < len(share):
            # The interpreter itself died (a signal, memory): blame the job it was on, and run
            # the ones after it in a fresh worker.
            culprit, job = share[len(lines)], jobs[len(lines)]
            # As a shell shows it: 128 + the signal's number.
            culprit.code = 128 - process.returncode if process.returncode < 0 else 255
            culprit.stdout, culprit.stderr = _read(job["out"]), _read(job["err"])
            execute(share[len(lines) + 1:], directory / f"after-{culprit.mutant.index}", 1,
                    timeout)


def execute_script(runs: Sequence[Run], timeout: int = 60) -> None:
    """Run each of ``runs`` through the installed ``cjmap`` script, one process each."""
    script = installed("cjmap") or "cjmap"
    for run in runs:
        start = time.perf_counter()
        try:
            done = subprocess.run([script, *run.script_argv()], cwd=run.file.parent,
                                  env=_environment(), capture_output=True,
                                  input=run.file.read_bytes() if run.stdin else None,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired as expired:
            run.code, run.stdout, run.stderr = None, expired.stdout or b"", expired.stderr or b""
            continue
        run.code, run.stdout, run.stderr = done.returncode, done.stdout, done.stderr
        run.seconds = time.perf_counter() - start


# What a terminal or a CI log acts on instead of showing (escapes, carriage returns, C1).
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What HTML calls a parse error: those and the noncharacters.
_HTML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8")


def _none_of(pattern: re.Pattern[str], data: bytes) -> None:
    found = pattern.search(_decoded(data))
    if found:
        raise ValueError(f"control character {found.group()!r} at {found.start()}")


def _terminal(data: bytes) -> None:
    _none_of(_TERMINAL_CONTROL, data)


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON")


def _json(data: bytes) -> None:
    json.loads(data, parse_constant=_not_json)


def _xml(data: bytes) -> None:
    ElementTree.fromstring(data)


def _signature(magic: bytes) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        if not data.startswith(magic):
            raise ValueError(f"does not start with {magic!r}: {data[:20]!r}")

    return check


def _html(data: bytes) -> None:
    _none_of(_HTML_CONTROL, data)
    text = _decoded(data)
    if not text.lstrip().lower().startswith("<!doctype html") or "</html>" not in text[-100:]:
        raise ValueError("not a whole HTML document")


def _csv(data: bytes) -> None:
    import csv
    import io

    text = _decoded(data)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";" if ";" in
                           text.split("\n", 1)[0] else ","))
    if not rows:
        raise ValueError("an empty spreadsheet")


def _xlsx(data: bytes) -> None:
    import io

    import openpyxl

    if not data.startswith(b"PK\x03\x04"):
        raise ValueError("not a zip")
    openpyxl.load_workbook(io.BytesIO(data), read_only=True).close()


def _map(data: bytes) -> None:
    result = load_text(_decoded(data), "imported.yaml")
    if not result.ok:
        raise ValueError("the imported map is not valid: " + "; ".join(
            f"{d.line}:{d.column} {d.message}" for d in result.diagnostics[:3]))


# What each format's output must be, checked in this process; Mermaid's parser and dot judge
# mermaid, md and dot output too, in batches (see judge).
CHECKS: dict[str, Callable[[bytes], None]] = {
    "text": _terminal, "concise": _terminal, "github": _terminal, "json": _json,
    "gitlab": _json, "sarif": _json, "junit": _xml, "svg": _xml, "html": _html,
    "png": _signature(b"\x89PNG\r\n\x1a\n"), "pdf": _signature(b"%PDF-"), "map": _map,
    "csv": _csv, "xlsx": _xlsx,
}


def _output(run: Run, file: Path | None) -> bytes | None:
    if file is None:
        return run.stdout
    return file.read_bytes() if file.exists() else None


def _judge_run(run: Run) -> list[Failure]:
    stderr = run.stderr.decode("utf-8", "backslashreplace")
    if run.code is None:
        return [Failure("timeout", run, "no answer in time")]
    if "internal error" in stderr:
        return [Failure("internal error", run, stderr.strip()[-800:])]
    if "Traceback" in stderr:
        return [Failure("traceback", run, stderr.strip()[-800:])]
    # diff refuses a map that does not validate with exit 2, as git diff does a bad revision.
    if run.code not in ((0, 1, 2) if run.command == "diff" else (0, 1)):
        return [Failure(f"exit {run.code}", run, stderr.strip()[-800:])]
    failures = _judge_fmt(run) if run.command == "fmt" else []
    try:
        _terminal(run.stderr)
    except ValueError as error:
        failures.append(Failure("control characters on stderr", run, str(error)))
    if (run.command in ("render", "import") and run.code == 1) or \
            (run.command == "diff" and run.code == 2):
        return failures  # an invalid map or source, reported on stderr, nothing written
    for name, file in run.outputs:
        data = _output(run, file)
        where = "stdout" if file is None else file.name
        if data is None:
            failures.append(Failure(f"no {name} report", run, f"{where} was not written"))
            continue
        try:
            CHECKS.get(name, _decoded)(data)
        except (ValueError, ElementTree.ParseError) as error:
            failures.append(Failure(f"bad {name}", run, f"{where}: {error}"))
    return failures


def _judge_fmt(run: Run) -> list[Failure]:
    """fmt either leaves the copy as it was or writes YAML that reads to the same data."""
    from cjmap.author.verify import difference
    from cjmap.parse.yamlfast import YamlError, parse

    written = (run.file.parent / FMT_COPY).read_bytes()
    if written == run.mutant.data:
        return []
    if run.code != 0:
        return [Failure("fmt wrote and failed", run, "the file changed, yet fmt exited 1")]
    try:
        before = parse(run.mutant.data.decode("utf-8-sig")).data
        after = parse(written.decode("utf-8-sig")).data
    except (UnicodeDecodeError, YamlError) as error:
        return [Failure("fmt wrote bad YAML", run, str(error))]
    where = difference(before, after)
    if where is not None:
        return [Failure("fmt changed the data", run, f"at {list(where)}")]
    return []


def _mermaid_texts(run: Run) -> list[str]:
    """The Mermaid diagrams a successful render wrote: the output, or the md's fences."""
    if run.command != "render" or run.code != 0:
        return []
    name = run.outputs[0][0]
    text = run.stdout.decode("utf-8", "replace")
    if name == "mermaid":
        return [text]
    if name == "md":
        return re.findall(r"^```mermaid\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    return []


def check_dot(sources: Sequence[bytes], directory: Path) -> list[str | None]:
    """``dot``'s complaint about each source, None when it accepts it. One process reads them
    all; when it complains, each half is read again, down to the sources at fault (its
    messages do not always name the file, nor its exit status tell a bad one among many)."""
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError("dot is not installed")
    directory.mkdir(parents=True, exist_ok=True)
    files = []
    for number, source in enumerate(sources):
        files.append(directory / f"{number}.gv")
        files[-1].write_bytes(source)
    results: list[str | None] = [None] * len(files)

    def check(first: int, last: int) -> None:
        done = subprocess.run([dot, "-Tcanon", "-o", os.devnull, *map(str, files[first:last])],
                              capture_output=True, timeout=600, check=False)
        stderr = done.stderr.decode("utf-8", "replace")
        if done.returncode == 0 and "Error" not in stderr:
            return
        if last - first == 1:
            results[first] = stderr.strip()[:800] or f"exit {done.returncode}"
            return
        middle = (first + last) // 2
        check(first, middle)
        check(middle, last)

    if files:
        check(0, len(files))
    return results


@cache
def _expected_diagram(file: Path) -> tuple[str, int]:
    """The Mermaid diagram type the (valid) map in ``file`` is drawn as, and how many tasks it
    has: a task per step, or in an audit per touchpoint that is drawn (docs/render.md)."""
    from cjmap.render.mermaid import kind

    journey = load(file).journey
    assert journey is not None, f"{file} was drawn, yet it is not valid"
    drawn = kind(journey)
    if not journey.is_audit():
        return ("timeline" if drawn == "timeline" else "journey"), len(journey.steps)
    touchpoints = [t for stage in journey.stages for t in stage.touchpoints]
    if drawn == "timeline":
        return "timeline", len(touchpoints)
    return "journey", sum(1 for t in touchpoints if t.quality and t.quality.scores())


def judge(runs: Sequence[Run], directory: Path) -> list[Failure]:
    """Every failure among ``runs``, by the judges of each run's command and formats."""
    failures = [failure for run in runs for failure in _judge_run(run)]
    diagrams = [(run, text) for run in runs for text in _mermaid_texts(run)]
    if diagrams:
        for (run, _), read in zip(diagrams, parse_mermaid([text for _, text in diagrams]),
                                  strict=True):
            kind, tasks = _expected_diagram(run.file)
            if "error" in read:
                failures.append(Failure("mermaid parse", run, read["error"][:800]))
            elif read["type"] != kind or len(read["tasks"]) != tasks:
                # Text of the map read as Mermaid syntax: a directive, a line of its own.
                failures.append(Failure("mermaid misreads", run, f"a {read['type']} diagram of "
                                        f"{len(read['tasks'])} tasks, not a {kind} of {tasks}"))
    dots = [run for run in runs
            if run.command == "render" and run.code == 0 and run.outputs[0][0] == "dot"]
    for run, complaint in zip(dots, check_dot([run.stdout for run in dots], directory / "dot"),
                              strict=True):
        if complaint is not None:
            failures.append(Failure("dot rejects", run, complaint))
    return failures


@dataclass
class Campaign:
    """A fuzzing run: its mutants, every command run on them, and the failures."""

    seed: int
    runs: list[Run] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        kinds: dict[str, int] = {}
        for failure in self.failures:
            kinds[failure.kind] = kinds.get(failure.kind, 0) + 1
        inputs = len({run.mutant.index for run in self.runs})
        lines = [f"seed {self.seed}: {inputs} inputs, {len(self.runs)} runs, "
                 f"{len(self.failures)} failures"]
        lines += [f"  {count:6}  {kind}" for kind, count in sorted(kinds.items(),
                                                                   key=lambda kv: -kv[1])]
        return "\n".join(lines)


def campaign(seed: int, count: int, directory: Path, script_runs: int = 0, workers: int = 2,
             timeout: int = 60) -> Campaign:
    """Fuzz ``count`` mutants of ``seed`` in ``directory``: each through every command (the
    formats taking turns), ``script_runs`` of those runs through the real script (mutant k's
    run k, so that they take turns over the commands too; every other one reading standard
    input), the rest through ``main`` in worker processes."""
    runs = plan(mutants(seed, count), directory / "mutants")
    per_mutant = len(runs) // count
    picked = {k * per_mutant + k % per_mutant for k in range(min(script_runs, count))}
    through_script = [runs[i] for i in sorted(picked)]
    for number, run in enumerate(through_script):
        run.stdin = number % 2 == 1
    in_process = [run for i, run in enumerate(runs) if i not in picked]
    execute(in_process, directory / "output", workers, timeout)
    execute_script(through_script, timeout)
    return Campaign(seed, runs, judge(runs, directory))
