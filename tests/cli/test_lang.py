"""--lang, the configuration's lang and the locale, through the real command line."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.conftest import ROOT

Run = Callable[..., CompletedProcess[str]]
SPANISH = {"LANG": "es_ES.UTF-8"}

# A map with a validation problem and one that lints with findings.
BROKEN = "cjmap: 1\ntitle: Comprar zapatillas\nsteps:\n  - name: Busca\n    stage: descubrimiento\n"
GAPS = """\
cjmap: 1
title: Comprar zapatillas
review:
  last_reviewed: 2026-01-15
  cadence: quarterly
steps:
  - name: Busca información
    metrics:
      - {name: Visitas, actual: 12000, target: 15000, unit: visitas/mes}
  - Compra
"""


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    (tmp_path / "roto.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "huecos.yaml").write_text(GAPS, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("args", "env"), [
    (["--lang", "es"], {}),
    ([], SPANISH),
    ([], {"LC_MESSAGES": "es_MX.UTF-8"}),
])
def test_validate_speaks_spanish(run_cli: Run, maps: Path, args: list[str],
                                 env: dict[str, str]) -> None:
    result = run_cli("validate", "roto.yaml", *args, cwd=maps, env=env)
    assert result.returncode == 1
    assert "roto.yaml:5:12: error: la etapa 'descubrimiento' no está declarada [reference]" \
        in result.stdout
    assert "sugerencia: etapas declaradas: consideration, evaluation, purchase" in result.stdout
    assert "✗ 1 error, 0 avisos en 1 de 1 archivo" in result.stdout


def test_lint_speaks_spanish_under_a_spanish_locale(run_cli: Run, maps: Path) -> None:
    result = run_cli("lint", "huecos.yaml", "--today", "2026-12-01", cwd=maps, env=SPANISH)
    assert result.returncode == 1
    out = result.stdout
    # Rule ids stay English; messages, hints, numbers and dates are Spanish.
    assert "aviso  missing-persona  el mapa no nombra ninguna buyer persona" in out
    assert "sugerencia: añade 'end:' con ese momento, p. ej. 'end: Sale a correr con las " \
        "zapatillas nuevas'" in out
    assert "la métrica 'Visitas' del paso 'Busca información' no alcanza su objetivo: " \
        "12.000 visitas/mes frente a 15.000 visitas/mes (cuanto más alto, mejor)" in out
    assert "la revisión del mapa vencía el 16 de abril de 2026 (quarterly después del 15 de " \
        "enero de 2026), hace 229 días" in out
    assert "avisos" in out.splitlines()[-1] and " de 1 archivo" in out.splitlines()[-1]


def test_the_flag_wins_over_the_locale(run_cli: Run, maps: Path) -> None:
    result = run_cli("lint", "huecos.yaml", "--lang", "en", "--today", "2026-12-01",
                     cwd=maps, env=SPANISH)
    assert "the map names no persona: whose journey is it?" in result.stdout
    assert "12,000 visits/mes against 15,000" not in result.stdout  # the unit is the map's
    assert "12,000 visitas/mes against 15,000 visitas/mes (higher is better)" in result.stdout
    assert "was due on April 16, 2026 (quarterly after January 15, 2026), 229 days ago" \
        in result.stdout
    validated = run_cli("validate", "roto.yaml", "--lang", "en", cwd=maps, env=SPANISH)
    assert "stage 'descubrimiento' is not declared" in validated.stdout


@pytest.mark.parametrize("config", [".cjmap.yaml", "pyproject.toml"])
def test_the_configuration_sets_the_language(run_cli: Run, maps: Path, config: str) -> None:
    text = "lang: es\n" if config == ".cjmap.yaml" else "[tool.cjmap]\nlang = \"es\"\n"
    (maps / config).write_text(text, encoding="utf-8")
    linted = run_cli("lint", "huecos.yaml", cwd=maps)
    assert "el mapa no nombra ninguna buyer persona" in linted.stdout
    validated = run_cli("validate", "roto.yaml", cwd=maps)
    assert "la etapa 'descubrimiento' no está declarada" in validated.stdout
    # Twice: the second run reads the cache, which remembers the language.
    again = run_cli("validate", "roto.yaml", cwd=maps)
    assert again.stdout == validated.stdout
    english = run_cli("lint", "huecos.yaml", "--lang", "en", cwd=maps, env=SPANISH)
    assert "the map names no persona" in english.stdout


def test_a_wrong_language_in_the_configuration_is_a_configuration_error(run_cli: Run,
                                                                       maps: Path) -> None:
    (maps / ".cjmap.yaml").write_text("lang: fr\n", encoding="utf-8")
    result = run_cli("lint", "huecos.yaml", cwd=maps)
    assert result.returncode == 2
    assert "'lang' cannot be 'fr': use one of 'en' or 'es'" in result.stderr
    # validate is no judge of lint's configuration: it speaks the locale's language.
    validated = run_cli("validate", "roto.yaml", cwd=maps, env=SPANISH)
    assert validated.returncode == 1 and "no está declarada" in validated.stdout


def test_the_cache_keeps_one_report_per_language(run_cli: Run, maps: Path) -> None:
    english = run_cli("validate", "roto.yaml", cwd=maps)
    spanish = run_cli("validate", "roto.yaml", cwd=maps, env=SPANISH)
    assert "is not declared" in english.stdout and "no está declarada" in spanish.stdout
    assert run_cli("validate", "roto.yaml", cwd=maps).stdout == english.stdout
    linted = [run_cli("lint", "huecos.yaml", cwd=maps, env=env).stdout
              for env in ({}, SPANISH, {})]
    assert "whose journey" in linted[0] and "buyer persona" in linted[1]
    assert linted[2] == linted[0]


def test_worker_processes_speak_the_chosen_language(run_cli: Run, tmp_path: Path) -> None:
    for number in range(4):
        (tmp_path / f"roto-{number}.yaml").write_text(BROKEN, encoding="utf-8")
    result = run_cli("lint", ".", "-j", "2", "--no-cache", "--format", "json",
                     cwd=tmp_path, env=SPANISH)
    files = json.loads(result.stdout)["files"]
    assert len(files) == 4
    messages = {d["message"] for report in files for d in report["diagnostics"]}
    assert messages == {"la etapa 'descubrimiento' no está declarada"}


def test_the_maps_own_lang_does_not_change_the_messages(run_cli: Run, tmp_path: Path) -> None:
    """A Spanish map linted by an English-speaking team: messages are for the team."""
    shutil.copy(ROOT / "examples" / "zapatillas-de-correr.yaml", tmp_path)
    (tmp_path / "zapatillas-de-correr.yaml").write_text(
        (tmp_path / "zapatillas-de-correr.yaml").read_text(encoding="utf-8")
        + "x-broken: {}\nextra: 1\n", encoding="utf-8")
    result = run_cli("validate", "zapatillas-de-correr.yaml", cwd=tmp_path)
    assert "unknown key 'extra' in the map" in result.stdout


@pytest.mark.parametrize("form", ["junit", "gitlab", "github", "sarif"])
def test_the_ci_formats_label_hints_in_the_chosen_language(run_cli: Run, maps: Path,
                                                          form: str) -> None:
    """The words a CI page shows around a finding follow --lang, like the finding itself."""
    spanish = run_cli("lint", "huecos.yaml", "--format", form, "--today", "2026-12-01",
                      cwd=maps, env=SPANISH).stdout
    english = run_cli("lint", "huecos.yaml", "--format", form, "--lang", "en",
                      "--today", "2026-12-01", cwd=maps, env=SPANISH).stdout
    # Machine formats escape or quote differently; the label is what matters.
    assert "sugerencia:" in spanish and "hint:" not in spanish
    assert "hint:" in english and "sugerencia:" not in english
    if form == "junit":
        assert "no es un fallo: info está por debajo de fail-on warning" in spanish
        assert "not a failure: info is below fail-on warning" in english
