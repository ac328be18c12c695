"""`cjmap init`, run as a user runs it: files on disk, refusals, standard output, and the
prompts answered through a real pseudo-terminal."""

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import cjmap
from tests.conftest import ROOT

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_writes_a_map_that_lints_clean(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("init", "--stages", "six-phases", "--lang", "es", "viaje.yaml",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "viaje.yaml" in result.stdout
    journey = cjmap.load(tmp_path / "viaje.yaml").journey
    assert journey is not None and journey.lang == "es"
    assert journey.stages[0].name == "Descubrimiento"
    lint = run_cli("lint", "viaje.yaml", "--fail-on", "info", cwd=tmp_path)
    assert lint.returncode == 0, lint.stdout


def test_refuses_to_overwrite_without_force(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text("mine\n", encoding="utf-8")
    refused = run_cli("init", "--yes", cwd=tmp_path)
    assert refused.returncode == 2
    assert "journey.yaml already exists; use --force" in refused.stderr
    assert (tmp_path / "journey.yaml").read_text(encoding="utf-8") == "mine\n"
    forced = run_cli("init", "--yes", "--force", "--minimal", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert cjmap.load(tmp_path / "journey.yaml").ok


def test_dash_writes_to_standard_output(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("init", "-", "--minimal", "--title", "Reservar un corte de pelo",
                     "--persona", "Ana", cwd=tmp_path)
    assert result.returncode == 0
    assert list(tmp_path.iterdir()) == []
    journey = cjmap.load_text(result.stdout).journey
    assert journey is not None and journey.title == "Reservar un corte de pelo"


def test_a_directory_gets_a_file_named_after_the_title(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    result = run_cli("init", "maps", "--title", "Comprar una tienda de campaña", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "maps" / "comprar-una-tienda-de-campana.yaml").is_file()


def test_an_unknown_stage_model_is_a_usage_error(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("init", "--stages", "six-phase", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown stage model 'six-phase'; did you mean 'six-phases'?" in result.stderr
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_reported(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = run_cli("init", "file/journey.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("cjmap: cannot write file/journey.yaml")
    assert "Traceback" not in result.stderr


def _in_terminal(args: list[str], cwd: Path, answers: list[tuple[str, str]]) -> str:
    """Run cjmap with stdin and stdout on a pseudo-terminal, answering each prompt (a text it
    prints) as it appears; everything printed is returned."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "cjmap", *args], cwd=cwd, env=env,
                               stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    seen, pending = b"", list(answers)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(controller, 4096)
                except OSError:  # the terminal closed: the process is done
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and pending[0][0].encode() in seen:
                os.write(controller, pending.pop(0)[1].encode() + b"\r")
            if not ready and process.poll() is not None:
                break
        assert process.wait(timeout=30) == 0, seen.decode(errors="replace")
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
    assert not pending, f"never asked: {pending}"
    return seen.decode("utf-8", errors="replace")


def test_at_a_terminal_it_asks_for_title_and_persona(tmp_path: Path) -> None:
    shown = _in_terminal(["init", "--lang", "es"], tmp_path, [
        ("Título del viaje", "Abrir una cuenta en el banco"),
        ("Persona (de quién es el viaje)", "Lucía, autónoma"),
    ])
    assert "(Viaje del cliente)" in shown  # the default is offered
    assert "escrito journey.yaml (consideration-evaluation-purchase, es)" in shown
    journey = cjmap.load(tmp_path / "journey.yaml").journey
    assert journey is not None and journey.persona is not None
    assert journey.title == "Abrir una cuenta en el banco"
    assert journey.persona.name == "Lucía, autónoma"


def test_an_empty_answer_takes_the_default(tmp_path: Path) -> None:
    _in_terminal(["init", "--title", "Given"], tmp_path, [("Persona", "")])
    journey = cjmap.load(tmp_path / "journey.yaml").journey
    assert journey is not None and journey.persona is not None
    assert journey.title == "Given" and journey.persona.name == "Alex, the customer"


@pytest.mark.parametrize("flag", ["--yes", "-y"])
def test_yes_never_asks(flag: str, tmp_path: Path) -> None:
    shown = _in_terminal(["init", flag], tmp_path, [])
    assert "Title" not in shown and "wrote journey.yaml" in shown


def test_a_spanish_locale_gets_a_spanish_map_and_messages(run_cli: Run, tmp_path: Path) -> None:
    spanish = {"LANG": "es_ES.UTF-8"}
    result = run_cli("init", "--yes", cwd=tmp_path, env=spanish)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("✓ escrito journey.yaml (")
    journey = cjmap.load(tmp_path / "journey.yaml").journey
    assert journey is not None and journey.lang == "es"
    assert journey.title == "Viaje del cliente"
    again = run_cli("init", "--yes", cwd=tmp_path, env=spanish)
    assert again.returncode == 2
    assert "journey.yaml ya existe; usa --force para sobrescribirlo" in again.stderr
    unknown = run_cli("init", "--stages", "seis-fases", cwd=tmp_path, env=spanish)
    assert unknown.returncode == 2 and "modelo de etapas desconocido 'seis-fases'" in unknown.stderr
    # --lang wins over the locale, for the map and for the messages.
    english = run_cli("init", "--yes", "--lang", "en", "other.yaml", cwd=tmp_path, env=spanish)
    assert english.stdout.startswith("✓ wrote other.yaml (")
    other = cjmap.load(tmp_path / "other.yaml").journey
    assert other is not None and other.lang == "en"
