"""Every duration unit the format accepts, in every language, through the renderers that show
durations (HTML, Markdown): the number and the unit's word, singular or plural, as each language
writes them. Mermaid and Graphviz show no durations; they must still draw such maps."""

import typing
from pathlib import Path

import pytest

from cjmap.format.model import DURATION_UNITS, Duration

UNITS = typing.get_args(Duration.model_fields["unit"].annotation)
# What a reader should see, written here rather than read from the labels under test.
WORDS = {
    "en": {"minutes": ("minute", "minutes"), "hours": ("hour", "hours"), "days": ("day", "days"),
           "weeks": ("week", "weeks"), "months": ("month", "months"),
           "years": ("year", "years")},
    "es": {"minutes": ("minuto", "minutos"), "hours": ("hora", "horas"), "days": ("día", "días"),
           "weeks": ("semana", "semanas"), "months": ("mes", "meses"),
           "years": ("año", "años")},
}
AMOUNTS = {1: {"en": "1", "es": "1"}, 10: {"en": "10", "es": "10"},
           2.5: {"en": "2.5", "es": "2,5"}, 3: {"en": "3", "es": "3"}}


def test_every_unit_of_the_format_is_expected_in_every_language() -> None:
    assert UNITS and all(set(words) == set(UNITS) for words in WORDS.values())


def _shown(amount: float, unit: str, lang: str) -> str:
    singular, plural = WORDS[lang][unit]
    return f"{AMOUNTS[amount][lang]} {singular if amount == 1 else plural}"


def _spellings(unit: str) -> list[str]:
    return [word for word, meaning in DURATION_UNITS.items() if meaning == unit]


def _maps(folder: Path) -> Path:
    """One map per unit: its timeframe 10 units, steps 1, 10 and 2.5 units long, and a step of
    3 units for each way of writing the unit (``3 min``, ``3 minutos``…)."""
    folder.mkdir()
    for unit in UNITS:
        steps = "".join(f"  - name: Takes {amount} {unit}\n"
                        f"    duration: {{amount: {amount}, unit: {unit}}}\n"
                        for amount in (1, 10, 2.5))
        steps += "".join(f"  - name: Takes 3, spelt {index}\n    duration: 3 {word}\n"
                         for index, word in enumerate(_spellings(unit)))
        (folder / f"{unit}.yaml").write_text(
            f"cjmap: 1\ntitle: In {unit}\ntimeframe: {{amount: 10, unit: {unit}}}\nsteps:\n{steps}",
            encoding="utf-8")
    return folder


# How each format frames a step's duration, in each language, and the map's timeframe.
STEP_FRAMES = {"html": {"en": "</svg>{}</span>", "es": "</svg>{}</span>"},
               "md": {"en": "*Duration: {}*", "es": "*Duración: {}*"}}
TIMEFRAME_FRAMES = {"html": "<dd>{}</dd>", "md": ":** {}\n"}


@pytest.mark.parametrize("lang", list(WORDS))
@pytest.mark.parametrize("fmt", list(STEP_FRAMES))
def test_every_unit_is_shown_in_words(run_cli, tmp_path, fmt, lang):
    out = tmp_path / "out"
    result = run_cli("render", "-f", fmt, "--lang", lang, "--out-dir", str(out),
                     str(_maps(tmp_path / "maps")))
    assert result.returncode == 0, result.stderr
    step_frame = STEP_FRAMES[fmt][lang]
    # The HTML page writes each step twice: in the screen's grid and in the printed one.
    copies = 2 if fmt == "html" else 1
    for unit in UNITS:
        (page,) = out.rglob(f"{unit}.{fmt}")
        text = page.read_text(encoding="utf-8")
        assert TIMEFRAME_FRAMES[fmt].format(_shown(10, unit, lang)) in text, unit
        for amount in (1, 10, 2.5):
            assert text.count(step_frame.format(_shown(amount, unit, lang))) == copies, (
                unit, amount)
        assert text.count(step_frame.format(_shown(3, unit, lang))) == copies * len(
            _spellings(unit))


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_renderers_without_durations_draw_every_unit(run_cli, tmp_path, fmt):
    out = tmp_path / "out"
    result = run_cli("render", "-f", fmt, "--out-dir", str(out), str(_maps(tmp_path / "maps")))
    assert result.returncode == 0, result.stderr
    assert len(list(out.rglob("*.*"))) == len(UNITS)
