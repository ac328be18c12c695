"""Maps nobody would write by hand still get an answer a user may get, from every command in
every format: the fuzzer of tests/fuzzing.py with a fixed seed, small enough for CI.

A failure prints the seed, the mutant (and the file it is in) and the command line that
reproduces it. ``benchmarks/fuzz.py`` runs the same fuzzer on thousands of mutants.
"""

import pytest

from tests.conftest import require, require_mermaid
from tests.fuzzing import RENDER_FORMATS, REPORT_FORMATS, Campaign, campaign

pytestmark = pytest.mark.node
SEED = 11
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
    assert {run.command for run in script} == {"validate", "lint", "render"}


def test_fuzzed_maps_get_well_formed_answers(fuzzed: Campaign) -> None:
    shown = "\n\n".join(failure.describe() for failure in fuzzed.failures[:SHOWN])
    assert not fuzzed.failures, f"{fuzzed.summary()}\n\n{shown}"
