"""The language cjmap speaks: its messages through gettext catalogues, its numbers and dates
through Babel's CLDR locale data.

Every stage words messages (parse, format, lint, render, report, the CLI), so this module sits
in the core beside ``diagnostics``: any stage may import it, and it imports no other part of
cjmap. Messages use the standard library's ``gettext`` (a catalogue is a few kilobytes read at
start-up); Babel is imported only when a number or a date is formatted.

The source strings are the English messages, with named placeholders::

    _("stage '{stage}' is not declared").format(stage=name)

The language is chosen once per run (:func:`choose`, then :func:`use`) before any message is
made, and passed to worker processes, which call :func:`use` too.
"""

import gettext
import os
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast, get_args

DOMAIN = "cjmap"
LOCALE_DIR = Path(__file__).parent / "locale"
# The languages cjmap speaks; English is the source language and needs no catalogue.
Language = Literal["en", "es"]
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT: Language = "en"
# Where the user's locale is read from, first non-empty wins, as POSIX and gettext read it.
ENVIRONMENT = ("LC_ALL", "LC_MESSAGES", "LANG")

_language: str | None = None
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def language_of(locale_name: str | None) -> Language | None:
    """The cjmap language of a locale name: ``es_ES.UTF-8``, ``es_MX``, ``es`` → ``es``;
    ``C``, ``POSIX`` or a language cjmap does not speak → None."""
    if not locale_name:
        return None
    language = locale_name.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return cast(Language, language) if language in LANGUAGES else None


def from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """The language of the user's locale: the first of LC_ALL, LC_MESSAGES and LANG that is
    set decides (``LC_ALL=C`` means English even under a Spanish ``LANG``)."""
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = environ.get(name)
        if value:
            return language_of(value) or DEFAULT
    return DEFAULT


def choose(flag: str | None = None, config: str | None = None,
           environ: Mapping[str, str] | None = None) -> str:
    """The language of a run: ``--lang``, else the configuration's ``lang``, else the locale."""
    return flag or config or from_environment(environ)


def use(language: str) -> None:
    """Speak ``language`` from now on (in this process)."""
    global _language, _catalogue
    if language == _language:
        return
    _catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    _language = language


def current() -> str:
    """The language in use; the user's locale until :func:`use` chose one."""
    if _language is None:
        use(from_environment())
    return _language or DEFAULT


def _(message: str) -> str:
    """``message`` in the current language (the English text when it has no translation)."""
    if _language is None:
        current()
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the current language (Spanish has two, as
    English; other languages have more, which is why the catalogue chooses)."""
    if _language is None:
        current()
    return _catalogue.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet: for tables built at
    import time, translated with :func:`_` when used."""
    return message


# CLDR's minimumGroupingDigits, which Babel's locale data does not carry: Spanish writes 1234
# but 12.345 (a separator appears from five integer digits on).
_MINIMUM_GROUPING = {"es": 2}
# CLDR's group and decimal symbols of the languages cjmap speaks (a test holds them to
# Babel's).
_GROUP_SEPARATOR = {"en": ",", "es": "."}
_DECIMAL_SYMBOL = {"en": ".", "es": ","}


def _grouped(value: float, language: str) -> bool:
    return len(str(abs(int(value)))) >= 3 + _MINIMUM_GROUPING.get(language, 1)


def format_number(value: float, language: str | None = None) -> str:
    """``12000`` → ``12,000`` (en) or ``12.000`` (es); ``3.1`` → ``3.1`` / ``3,1``; at most
    two decimals, trailing zeros dropped."""
    language = language or current()
    # Counts in summaries and messages are integers, and most figures of a map (48.0 for 48 %,
    # 4.5 of 5) have at most two decimals: written here as CLDR writes them, they need no Babel
    # (whose import and locale data cost a one-map run ~20 ms, and each new figure tens of µs).
    separator = _GROUP_SEPARATOR.get(language)
    if separator is not None:
        if type(value) is int:
            return _integer(value, separator, language)
        if type(value) is float:
            # Babel reads a float as the Decimal of its repr, so a repr with at most two
            # decimals is the figure exactly, and needs no rounding. 'inf', 'nan' and '1e+16'
            # are not digits: Babel writes those.
            text = repr(value)
            sign = "-" if text[0] == "-" else ""
            whole, _dot, fraction = text.lstrip("-").partition(".")
            if len(fraction) <= 2 and whole.isdigit():
                fraction = fraction.rstrip("0")
                return (sign + _integer(int(whole), separator, language)
                        + (_DECIMAL_SYMBOL[language] + fraction if fraction else ""))
    # 0.0 and -0.0 are one key of a cache but two texts ('0', '-0'): zeros are not memoised.
    return _memoised_decimal(value, language) if value else _decimal(value, language)


def _integer(value: int, separator: str, language: str) -> str:
    return f"{value:,}".replace(",", separator) if _grouped(value, language) else str(value)


def _decimal(value: float, language: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.##" if _grouped(value, language) else "0.##",
                          locale=language)


# Lint words the same figures (targets, actual values) in many findings, a portfolio of a
# thousand maps the same few hundred numbers tens of thousands of times, and Babel takes tens
# of microseconds a number.
_memoised_decimal = lru_cache(maxsize=4096)(_decimal)


def with_unit(value: float, unit: str | None, language: str | None = None) -> str:
    """A figure and its unit: ``48%`` and ``4.5/5`` stick to the number; words
    (``12.000 visitas/mes``) take a space. ``unit`` is used as given (escaped already, if the
    output needs that)."""
    number = format_number(value, language)
    if not unit:
        return number
    return f"{number}{unit}" if not unit[0].isalnum() else f"{number} {unit}"


# CLDR's month names, full and abbreviated, of the languages cjmap speaks (a test holds them,
# and the dates made of them, to Babel's): writing a date needs no Babel then, whose import and
# locale data cost a one-map render or a site's rebuild 15 to 40 ms for its first date.
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre")}
_SHORT_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov",
           "dic")}


def format_date(value: date, language: str | None = None, *, short: bool = False) -> str:
    """``1 de diciembre de 2026`` (es), ``December 1, 2026`` (en): CLDR's long date; with
    ``short``, its medium one, ``1 dic 2026`` and ``Dec 1, 2026``, for tables."""
    language = language or current()
    months = (_SHORT_MONTHS if short else _MONTHS).get(language)
    if months is None:
        from babel.dates import format_date as babel_format_date

        return babel_format_date(value, format="medium" if short else "long", locale=language)
    month = months[value.month - 1]
    if language == "en":
        return f"{month} {value.day}, {value.year}"
    return f"{value.day} {month} {value.year}" if short \
        else f"{value.day} de {month} de {value.year}"
