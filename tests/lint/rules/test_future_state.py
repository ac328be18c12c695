"""The future-state rules on real files side by side, through the real lint engine: an
``improves`` that leads nowhere, by file or by id; ``replaces`` ids the current map lacks; a
future step that feels worse; and the cache, which must notice that the current map changed."""

import subprocess
import sys
from pathlib import Path

from cjmap.diagnostics import Diagnostic
from tests.lint.rules.helpers import TODAY
from tests.lintkit import lint, write

RULES = ("improves-missing", "replaces-unknown-step", "future-emotion-worse")
CURRENT = """\
cjmap: 1
id: shoes-today
title: Buying running shoes
steps:
  - {id: compare, name: Compares three models, emotion: -1}
  - {id: buy, name: Buys the shoes, emotion: 1}
"""


def future(improves: str, *steps: str) -> str:
    return ("cjmap: 1\ntitle: Buying running shoes, as it should be\nstate: future\n"
            f"improves: {improves}\nsteps:\n" + "".join(f"  - {step}\n" for step in steps))


def found(path: Path) -> list[tuple[str, int, str]]:
    diagnostics: list[Diagnostic] = lint(path, select=list(RULES))
    return [(d.code, d.line, d.message) for d in diagnostics]


def test_improves_by_file_and_by_id(tmp_path: Path) -> None:
    write(tmp_path, CURRENT, "current.yaml")
    by_file = write(tmp_path, future("current.yaml", "{name: Uses the finder, replaces: "
                                     "[compare], emotion: 1}"), "future.yaml")
    assert found(by_file) == []
    by_id = write(tmp_path, future("shoes-today", "{name: Uses the finder, replaces: "
                                   "[compare]}"), "by-id.yaml")
    assert found(by_id) == []
    # A folder of its own: relative to the future map, not to where lint runs.
    write(tmp_path / "to-be", future("../current.yaml", "{id: buy, name: Buys}"), "f.yaml")
    assert found(tmp_path / "to-be" / "f.yaml") == []


def test_improves_that_leads_nowhere(tmp_path: Path) -> None:
    missing = write(tmp_path, future("gone.yaml", "Buys"), "future.yaml")
    assert found(missing) == [("improves-missing", 4, "the map this future state improves, "
                               "'gone.yaml', does not exist")]
    no_id = write(tmp_path, future("no-such-map", "Buys"), "by-id.yaml")
    assert found(no_id) == [("improves-missing", 4,
                             "no map with the id 'no-such-map' is in this map's folder")]
    write(tmp_path, CURRENT.replace("emotion: 1}", "emotion: 9}"), "broken.yaml")
    invalid = write(tmp_path, future("broken.yaml", "Buys"), "on-broken.yaml")
    assert found(invalid) == [("improves-missing", 4, "the map this future state improves, "
                               "'broken.yaml', is not a valid map")]


def test_replaces_a_step_that_does_not_exist(tmp_path: Path) -> None:
    write(tmp_path, CURRENT, "current.yaml")
    path = write(tmp_path, future("current.yaml", "{name: Uses the finder, replaces: "
                                  "[compare, shortlist]}"), "future.yaml")
    assert found(path) == [("replaces-unknown-step", 6, "step 'Uses the finder' replaces "
                            "'shortlist', which is no step of 'current.yaml'")]
    alone = write(tmp_path, "cjmap: 1\ntitle: T\nsteps:\n  - {name: A, replaces: [x]}\n",
                  "alone.yaml")
    assert [code for code, *_ in found(alone)] == ["replaces-unknown-step"]


def test_a_future_step_that_feels_worse(tmp_path: Path) -> None:
    write(tmp_path, CURRENT, "current.yaml")
    path = write(tmp_path, future("current.yaml",
                                  "{name: Uses the finder, replaces: [compare], emotion: -2}",
                                  "{id: buy, name: Buys the shoes, emotion: 0}",
                                  "{name: Books a run, replaces: [], emotion: -2}"),
                 "future.yaml")
    assert found(path) == [
        ("future-emotion-worse", 6, "step 'Uses the finder' feels worse than the current step "
         "'Compares three models' it replaces: -2 against -1"),
        ("future-emotion-worse", 7, "step 'Buys the shoes' feels worse than the current step "
         "'Buys the shoes' it replaces: 0 against +1"),
    ]


def test_the_cache_notices_the_current_map_changed(tmp_path: Path) -> None:
    current = write(tmp_path, CURRENT, "current.yaml")
    write(tmp_path, future("current.yaml", "{name: Uses the finder, replaces: [compare]}"),
          "future.yaml")

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["cjmap", "lint", "future.yaml", "--select", ",".join(RULES), "--today",
             TODAY.isoformat()], cwd=tmp_path, capture_output=True, text=True,
            env={"PATH": str(Path(sys.executable).parent), "NO_COLOR": "1"})

    assert run().returncode == 0
    current.write_text(CURRENT.replace("id: compare", "id: comparison"), encoding="utf-8")
    again = run()
    assert again.returncode == 1 and "replaces-unknown-step" in again.stdout
