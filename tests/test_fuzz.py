"""Maps nobody would write by hand still get an answer a user may get, from every command in
every format: the fuzzer of tests/fuzzing.py with a fixed seed, small enough for CI.

A failure prints the seed, the mutant (and the file it is in) and the command line that
reproduces it. ``benchmarks/fuzz.py`` runs the same fuzzer on thousands of mutants.
"""

from pathlib import Path

import pytest

from tests.conftest import require, require_mermaid
from tests.fuzzing import (
    FMT_COPY,
    RENDER_FORMATS,
    REPORT_FORMATS,
    Campaign,
    Failure,
    Mutant,
    Run,
    campaign,
    execute,
    import_mutants,
    import_plan,
    judge,
)

pytestmark = pytest.mark.node
SEED = 4
COUNT = 50
# Through the installed script, one process each: start-up, standard input and the console
# script itself; the rest run through its entry point in two worker processes.
SCRIPT_RUNS = 21
SHOWN = 12  # failures printed in full; the summary counts them all


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    require("dot", "dot judges the DOT output and draws svg, png and pdf")
    require_mermaid()
    return campaign(SEED, COUNT, tmp_path_factory.mktemp("fuzz"), script_runs=SCRIPT_RUNS)


def test_every_command_and_format_meets_mutants_valid_and_invalid(fuzzed: Campaign) -> None:
    valid = {run.mutant.index for run in fuzzed.runs
             if run.command == "validate" and run.code == 0}
    invalid = {run.mutant.index for run in fuzzed.runs
               if run.command == "validate" and run.code == 1}
    assert len(valid) >= 10 and len(invalid) >= 10
    for command, formats in [("validate", REPORT_FORMATS), ("lint", REPORT_FORMATS),
                             ("render", RENDER_FORMATS)]:
        for name in formats:
            met = {run.mutant.index for run in fuzzed.runs if run.command == command
                   and any(shown == name for shown, _ in run.outputs)}
            # Only a valid map is drawn: enough of them must reach each renderer.
            assert len(met & valid) >= (3 if command == "render" else 1), (command, name)
            assert met & invalid, (command, name)
    script = [run for run in fuzzed.runs if run.stdin]
    assert {"validate", "lint", "render"} <= {run.command for run in script}
    # Mutants that pass and mutants that do not: fmt leaves YAML it cannot read (1), diff
    # refuses a map that does not validate (2).
    for command, codes in (("fmt", {0, 1}), ("diff", {0, 2})):
        done = {run.code for run in fuzzed.runs if run.command == command}
        assert codes <= done, (command, done)


def test_fuzzed_maps_get_well_formed_answers(fuzzed: Campaign) -> None:
    if fuzzed.failures:
        # The first failure of each kind first: one mutant often fails every command alike.
        first: dict[str, Failure] = {}
        for failure in fuzzed.failures:
            first.setdefault(failure.kind, failure)
        ordered = [*first.values(), *(failure for failure in fuzzed.failures
                                      if first[failure.kind] is not failure)]
        shown = "\n\n".join(failure.describe() for failure in ordered[:SHOWN])
        pytest.fail(f"{fuzzed.summary()}\n\n{shown}", pytrace=False)


def test_the_judges_reject_what_they_are_for(tmp_path: Path) -> None:
    require("dot", "dot judges the DOT output")
    require_mermaid()
    file = tmp_path / "mutant.yaml"
    # An emotion, so that the map is drawn as a journey (without one it is a timeline).
    file.write_text("cjmap: 1\ntitle: T\nsteps: [{name: a, emotion: 0}]\n", encoding="utf-8")
    item = Mutant(SEED, 0, "by hand", file.read_bytes())

    def run(command: str, name: str, code: int = 0, stdout: bytes = b"",
            stderr: bytes = b"") -> Run:
        return Run(item, file, [command, "-f", name, "mutant.yaml"], [(name, None)], code=code,
                   stdout=stdout, stderr=stderr)

    good = [run("validate", "json", stdout=b'{"files": []}'),
            run("render", "mermaid", stdout=b"journey\n  title T\n  section S\n    a: 3\n"),
            run("render", "dot", stdout=b"digraph { a -> b }\n"),
            run("render", "svg", 1, stderr=b"mutant.yaml:1:1: error: invalid\n")]
    bad = {"exit 2": run("validate", "text", 2),
           "internal error": run("lint", "text", 1, stderr=b"cjmap: internal error: X()\n"),
           "traceback": run("lint", "json", 1, b"{}", b"Traceback (most recent call last):\n"),
           "control characters on stderr": run("render", "svg", 1, stderr=b"a\x1b[2Jb\n"),
           "bad sarif": run("lint", "sarif", 1, b'{"runs": ['),
           "bad json": run("validate", "json", 1, b'{"score": NaN}'),
           "bad junit": run("validate", "junit", 1, b"<testsuites><testcase>"),
           "bad svg": run("render", "svg", stdout=b"<svg>\x01</svg>"),
           "bad png": run("render", "png", stdout=b"%PDF-1.7"),
           "bad html": run("render", "html", stdout="<!DOCTYPE html><p>\ufffe</p></html>".encode()),
           "bad concise": run("lint", "concise", 1, b"a.yaml:1:1: \x07 error\n"),
           "mermaid parse": run("render", "mermaid", stdout=b"journey\n  section\n    : :\n"),
           "mermaid misreads": run("render", "mermaid", stdout=b"journey\n  section S\n    a: 3\n"
                                   b"    b: 3\n"),
           # An HTML label dot rejects with a message that names no file.
           "dot rejects": run("render", "dot", stdout=b"digraph { a [label=<<B>\x01</B>>] }")}
    failures = judge([*good, *bad.values()], tmp_path)
    assert sorted((failure.kind, failure.run.argv[0]) for failure in failures) == sorted(
        (kind, found.argv[0]) for kind, found in bad.items())



def test_the_fmt_judge_rejects_changed_data_and_writes_that_failed(tmp_path: Path) -> None:
    original = b"cjmap: 1\ntitle: 'T'  # kept\nsteps: [a]\n"
    cases = {None: (b"cjmap: 1\ntitle: T  # kept\nsteps: [a]\n", 0),  # same data
             "fmt changed the data": (b"cjmap: 1\ntitle: U\nsteps: [a]\n", 0),
             "fmt wrote and failed": (b"cjmap: 1\ntitle: T\nsteps: [a]\n", 1),
             "fmt wrote bad YAML": (b"cjmap: 1\ntitle: [\n", 0)}
    found = {}
    for number, (kind, (written, code)) in enumerate(cases.items()):
        folder = tmp_path / str(number)
        folder.mkdir()
        (folder / "mutant.yaml").write_bytes(original)
        (folder / FMT_COPY).write_bytes(written)
        run = Run(Mutant(SEED, number, "by hand", original), folder / "mutant.yaml",
                  ["fmt", "--no-cache", FMT_COPY], [("text", None)], code=code)
        found[kind] = [failure.kind for failure in judge([run], tmp_path)]
    assert found == {kind: [] if kind is None else [kind] for kind in cases}


IMPORT_COUNT = 120


def test_import_answers_every_mutated_source_without_a_traceback(tmp_path: Path) -> None:
    """Mutated Mermaid diagrams, Markdown and OpenJourney files: ``cjmap import`` exits 0
    with a valid map on standard output, or 1 with a message; never anything else."""
    runs = import_plan(import_mutants(SEED, IMPORT_COUNT), tmp_path / "mutants")
    execute(runs, tmp_path / "output")
    failures = judge(runs, tmp_path)
    assert {run.code for run in runs} == {0, 1}, "the mutants must reach both answers"
    if failures:
        shown = "\n\n".join(failure.describe() for failure in failures[:SHOWN])
        pytest.fail(f"{len(failures)} failures of {len(runs)} runs\n\n{shown}", pytrace=False)
