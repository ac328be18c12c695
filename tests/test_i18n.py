"""The catalogues and the language choice (src/cjmap/i18n.py, scripts/i18n.py)."""

import gettext
import importlib.util
import string
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from cjmap import i18n
from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
assert spec is not None and spec.loader is not None
tool = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tool)

SPANISH = ROOT / "src" / "cjmap" / "locale" / "es" / "LC_MESSAGES" / "cjmap.po"


def test_the_template_is_current_with_the_sources() -> None:
    assert tool.TEMPLATE.read_text(encoding="utf-8") == tool.po_text(tool.extract()), \
        "run: python scripts/i18n.py update"


def test_every_language_has_a_catalogue_and_the_template_is_in_it() -> None:
    assert [path.parent.parent.name for path in tool.catalogues()] == ["es"]
    template = {message.id for message in tool.extract() if message.id}
    catalogue = {message.id for message in tool.read(SPANISH) if message.id}
    assert template == catalogue, "run: python scripts/i18n.py update"


def test_every_message_has_a_spanish_translation() -> None:
    missing = tool.untranslated(tool.read(SPANISH))
    assert not missing, (
        f"{len(missing)} messages lack a Spanish translation (or are fuzzy); translate them in "
        f"{SPANISH.relative_to(ROOT)}, then run: python scripts/i18n.py update\n"
        + "\n".join(f"  msgid {message!r}" for message in missing))


def test_the_checker_sees_an_untranslated_and_a_fuzzy_message() -> None:
    catalog = Catalog(locale="es")
    catalog.add("step {step} has no touchpoints", "")
    catalog.add("the map has no steps", "el mapa no tiene pasos", flags=["fuzzy"])
    catalog.add("the map", "el mapa")
    assert tool.untranslated(catalog) == ["step {step} has no touchpoints",
                                          "the map has no steps"]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _placeholder_problems(catalog: Catalog) -> list[str]:
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*map(_fields, ids))
        found = [_fields(text) for text in strings if text]
        # A singular form may leave the count out ("el paso que le sigue"); the others not.
        if found and (any(not fields <= expected for fields in found)
                      or set().union(*found) != expected
                      or (not isinstance(message.id, tuple) and found[0] != expected)):
            problems.append(f"{ids[0]!r}: {sorted(expected)} != {[sorted(f) for f in found]}")
    return problems


def test_placeholders_match_between_message_and_translation() -> None:
    problems = _placeholder_problems(tool.read(SPANISH))
    assert not problems, "\n".join(problems)


def test_the_placeholder_check_sees_a_renamed_placeholder() -> None:
    catalog = Catalog(locale="es")
    catalog.add("stage '{stage}' is not declared", "la etapa '{etapa}' no está declarada")
    assert len(_placeholder_problems(catalog)) == 1


def test_the_compiled_catalogue_is_what_the_po_compiles_to() -> None:
    assert SPANISH.with_suffix(".mo").read_bytes() == tool.mo_bytes(tool.read(SPANISH)), \
        "run: python scripts/i18n.py update"


def test_the_check_command_passes_on_the_committed_catalogues() -> None:
    result = subprocess.run([sys.executable, "scripts/i18n.py", "check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(("environ", "language"), [
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LANG": "es_MX"}, "es"),
    ({"LANG": "es"}, "es"),
    ({"LANG": "es_AR.ISO8859-1@euro"}, "es"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({}, "en"),
    ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_GB.UTF-8"}, "es"),
    # The first variable that is set decides, as POSIX says: LC_ALL=C means English.
    ({"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "en"),
    ({"LC_ALL": "es_CO.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "es"),
    ({"LC_ALL": "", "LANG": "es_ES.UTF-8"}, "es"),
])
def test_the_locale_chooses_the_language(environ: dict[str, str], language: str) -> None:
    assert i18n.from_environment(environ) == language


def test_the_flag_wins_over_the_configuration_which_wins_over_the_locale() -> None:
    spanish = {"LANG": "es_ES.UTF-8"}
    assert i18n.choose("en", "es", spanish) == "en"
    assert i18n.choose(None, "en", spanish) == "en"
    assert i18n.choose(None, None, spanish) == "es"


def test_messages_are_translated_once_a_language_is_chosen() -> None:
    i18n.use("es")
    assert i18n._("the map has no steps") == "el mapa no tiene pasos"
    assert i18n.ngettext("{count} error", "{count} errors", 2) == "{count} errores"
    i18n.use("en")
    assert i18n._("the map has no steps") == "the map has no steps"


def test_the_catalogue_is_found_where_the_package_is() -> None:
    """What an installed cjmap reads: the compiled catalogue beside the module."""
    found = gettext.find(i18n.DOMAIN, str(i18n.LOCALE_DIR), languages=["es"])
    assert found is not None and Path(found).is_relative_to(Path(i18n.__file__).parent)


@pytest.mark.parametrize(("value", "language", "text"), [
    (12000, "es", "12.000"), (12000, "en", "12,000"), (1234, "es", "1234"),
    (12345, "es", "12.345"), (2.5, "es", "2,5"), (999, "es", "999"),
])
def test_numbers_follow_cldr(value: float, language: str, text: str) -> None:
    assert i18n.format_number(value, language) == text


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_integers_are_written_as_babel_writes_them(language: str) -> None:
    """Integers skip Babel (a one-map run never imports it): the text must be Babel's."""
    from babel.numbers import format_decimal

    for value in (0, 7, -7, 999, 1000, -1000, 1234, 9999, 10_000, 12_345, -12_345, 999_999,
                  1_000_000, 123_456_789, 10**20, -(10**15)):
        grouped = len(str(abs(value))) >= (4 if language == "en" else 5)
        babel = format_decimal(value, format="#,##0.##" if grouped else "0.##", locale=language)
        assert i18n.format_number(value, language) == babel, value


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_figures_are_written_as_babel_writes_them(language: str) -> None:
    """Figures of up to two decimals skip Babel too; the rest, and those Python writes with
    an exponent, go to it: either way the text must be Babel's."""
    from babel.numbers import format_decimal

    values = [0.0, -0.0, 48.0, -48.0, 4.5, -0.5, 0.05, 3.25, 999.99, 1000.0, 1234.5, 9999.99,
              12_345.67, -12_345.6, 1_000_000.0, 1e15, 1e16, 1.5e-05, 2.675, 0.125, 1 / 3,
              123_456.789, 1.5e20]
    values += [round(n * 0.37, 2) for n in range(-3000, 3000, 7)]
    for value in values:
        grouped = len(str(abs(int(value)))) >= (4 if language == "en" else 5)
        babel = format_decimal(value, format="#,##0.##" if grouped else "0.##", locale=language)
        assert i18n.format_number(value, language) == babel, value


def test_repeated_figures_keep_their_sign() -> None:
    """Figures are memoised; 0.0 and -0.0, equal as keys, are still two texts."""
    assert [i18n.format_number(v, "en") for v in (-0.0, 0.0, -0.0, 2.5, 2.5, -2.5)] == [
        "-0", "0", "-0", "2.5", "2.5", "-2.5"]


def test_dates_follow_cldr() -> None:
    assert i18n.format_date(date(2026, 12, 1), "es") == "1 de diciembre de 2026"
    assert i18n.format_date(date(2026, 12, 1), "en") == "December 1, 2026"
    assert i18n.format_date(date(2026, 9, 9), "es", short=True) == "9 sept 2026"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_dates_are_written_as_babel_writes_them(language: str) -> None:
    """Dates skip Babel (a one-map render never imports it): the text must be Babel's, long
    and medium, every day of a year and the first and last years a date can hold."""
    from datetime import timedelta

    from babel.dates import format_date

    days = [date(2028, 1, 1) + timedelta(days=n) for n in range(366)]
    days += [date(1, 1, 1), date(9, 2, 28), date(999, 12, 31), date(9999, 12, 31)]
    for day in days:
        for short in (False, True):
            babel = format_date(day, format="medium" if short else "long", locale=language)
            assert i18n.format_date(day, language, short=short) == babel, (day, short)


def test_every_object_of_the_format_is_named_in_messages() -> None:
    """'unknown key in this …' needs each model's name in the catalogue."""
    from pydantic import BaseModel

    from cjmap.format import model, validation

    models = {name for name, value in vars(model).items() if isinstance(value, type)
              and issubclass(value, BaseModel) and value.__module__ == model.__name__
              and name not in ("Model", "Shorthand", "Journey")}
    assert models == set(validation._THIS)
