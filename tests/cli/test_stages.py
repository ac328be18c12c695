"""`cjmap stages`: the stage models of format/presets.py, as tables and as JSON."""

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from cjmap import load
from cjmap.format.presets import DEFAULT_PRESET, MODEL_NAMES, PRESETS, aliases_of

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_json_lists_every_model_as_the_presets_define_it(run_cli: Run) -> None:
    result = run_cli("stages", "--format", "json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert document["version"] == 1 and document["default"] == DEFAULT_PRESET
    assert [model["id"] for model in document["models"]] == list(PRESETS)
    for model in document["models"]:
        assert model["default"] == (model["id"] == DEFAULT_PRESET)
        assert model["aliases"] == aliases_of(model["id"])
        assert model["name"] == MODEL_NAMES[model["id"]] and set(model["name"]) == {"en", "es"}
        assert model["stages"] == [
            {"id": s.id, "name": s.name, "goal": s.goal, "phase": s.phase}
            for s in PRESETS[model["id"]]]


def test_text_shows_ids_names_in_both_languages_and_phases(run_cli: Run) -> None:
    result = run_cli("stages")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout  # piped: plain
    lines = result.stdout.splitlines()
    for name, stages in PRESETS.items():
        assert any(line.startswith(name) for line in lines)
        for stage in stages:
            row = next(line for line in lines if line.split()[:1] == [stage.id])
            assert stage.name["en"] in row and stage.name["es"] in row
            assert row.split()[-1] == stage.phase


def test_titles_and_headings_in_the_chosen_language(run_cli: Run) -> None:
    spanish = run_cli("stages", "--lang", "es").stdout.splitlines()
    assert spanish[0] == ("consideration-evaluation-purchase — Las tres agrupaciones "
                          "(el predeterminado)")
    assert spanish[1].split() == ["etapa", "English", "Español", "fase"]
    assert "six-phases — Las seis fases" in spanish
    assert spanish[-1].startswith("4 modelos de etapas:")
    # Ids and phases are what maps write: they stay as they are.
    assert any(line.split() == ["sale", "Sale", "Venta", "during"] for line in spanish)
    locale = run_cli("stages", "retail", env={"LANG": "es_ES.UTF-8"}).stdout
    assert locale.splitlines()[0] == "retail — El recorrido del comprador en tienda"


def test_one_model(run_cli: Run) -> None:
    result = run_cli("stages", "six-phases", "--format", "json")
    assert [model["id"] for model in json.loads(result.stdout)["models"]] == ["six-phases"]
    text = run_cli("stages", "retail").stdout
    assert "Conocimiento" in text and "Descubrimiento" not in text


def test_colour_only_when_asked(run_cli: Run) -> None:
    result = run_cli("stages", "retail", env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in result.stdout


def test_an_unknown_model_says_which_exist(run_cli: Run) -> None:
    result = run_cli("stages", "before-during")
    assert result.returncode == 2 and result.stdout == ""
    assert "did you mean 'before-during-after'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_documented_json_is_what_stages_prints(run_cli: Run) -> None:
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    shown = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    printed = json.loads(run_cli("stages", "retail", "--format", "json").stdout)
    assert shown["models"][0]["stages"][0] == printed["models"][0]["stages"][0]
    assert {k: v for k, v in shown["models"][0].items() if k != "stages"} == \
        {k: v for k, v in printed["models"][0].items() if k != "stages"}
    assert {k: v for k, v in shown.items() if k != "models"} == \
        {k: v for k, v in printed.items() if k != "models"}


def test_three_groupings_is_the_default_model_by_another_name(run_cli: Run,
                                                               tmp_path: Path) -> None:
    shown = run_cli("stages", "three-groupings", "--format", "json")
    [model] = json.loads(shown.stdout)["models"]
    assert (model["id"], model["aliases"]) == (DEFAULT_PRESET, ["three-groupings"])
    assert "also named: three-groupings" in run_cli("stages").stdout
    written = tmp_path / "map.yaml"
    assert run_cli("init", "--stages", "three-groupings", "--yes", str(written)).returncode == 0
    assert run_cli("validate", "--no-cache", str(written)).returncode == 0
    named = tmp_path / "named.yaml"
    named.write_text("cjmap: 1\ntitle: T\nstages: three-groupings\nsteps:\n"
                     "  - {name: Compara, stage: evaluation}\n", encoding="utf-8")
    result = load(named)
    assert result.ok and result.journey is not None
    assert result.journey.stage_ids() == [s.id for s in PRESETS[DEFAULT_PRESET]]
