"""Keep cjmap's message catalogues in step with its sources.

    python scripts/i18n.py update     # extract the template, merge it into each .po, compile
    python scripts/i18n.py check      # exit 1 when the template or a .mo is stale, or a
                                      # message lacks a translation (what the tests check)

The template ``src/cjmap/locale/cjmap.pot`` is extracted from the sources with Babel
(``babel.cfg`` says which files; ``_``, ``ngettext`` and ``N_`` mark the messages). ``update``
merges it into every ``src/cjmap/locale/<lang>/LC_MESSAGES/cjmap.po`` (new messages arrive
empty, changed ones fuzzy) and compiles each ``.po`` into the ``.mo`` cjmap reads. The ``.mo``
files are committed, so that an editable install and a wheel work without a build step; the
tests fail when one is not what its ``.po`` compiles to.

To translate a new message: run ``update``, fill its ``msgstr`` in the ``.po`` (remove the
``fuzzy`` flag of a changed one), run ``update`` again and commit the three files.
"""

import argparse
import io
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src"
LOCALE = SOURCES / "cjmap" / "locale"
TEMPLATE = LOCALE / "cjmap.pot"
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
# A fixed date in the headers: the files stay byte-identical until a message changes, so that
# "is it current" is a plain comparison.
_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


_HEADER = ("# cjmap's messages. Kept by `python scripts/i18n.py update` (see its docstring):\n"
           "# translate in the .po files, never in the .pot or the .mo.")


def extract() -> Catalog:
    """The template: every marked message of the sources, with where it is used."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(project="cjmap", version=None, charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            SOURCES, method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        catalog.add(message, None, [(f"src/{filename}", lineno)],
                    auto_comments=comments, context=context)
    return catalog


def po_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    # No line numbers either: moving code does not change the catalogues.
    catalog.creation_date = catalog.revision_date = _DATE
    catalog.last_translator = catalog.language_team = "cjmap developers"
    catalog.msgid_bugs_address = "https://github.com/cjmap/cjmap/issues"
    catalog.header_comment = _HEADER
    write_po(buffer, catalog, include_lineno=False, width=100)
    # Nor the version of Babel that wrote it.
    return "".join(line for line in buffer.getvalue().decode("utf-8").splitlines(keepends=True)
                   if not line.startswith('"Generated-By:'))


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def catalogues() -> Iterator[Path]:
    """Every language's ``.po`` file."""
    yield from sorted(LOCALE.glob("*/LC_MESSAGES/cjmap.po"))


def read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def update() -> None:
    template = extract()
    TEMPLATE.write_text(po_text(template), encoding="utf-8")
    for path in catalogues():
        catalog = read(path)
        catalog.update(template, update_header_comment=False)
        path.write_text(po_text(catalog), encoding="utf-8")
        path.with_suffix(".mo").write_bytes(mo_bytes(read(path)))
        missing = untranslated(read(path))
        if missing:
            print(f"{path.relative_to(ROOT)}: {len(missing)} messages to translate")


def untranslated(catalog: Catalog) -> list[str]:
    """The msgids of ``catalog`` without a usable translation (empty, or fuzzy)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return missing


def problems() -> list[str]:
    """What ``check`` reports: stale files and untranslated messages."""
    found = []
    if not TEMPLATE.is_file() or TEMPLATE.read_text(encoding="utf-8") != po_text(extract()):
        found.append(f"{TEMPLATE.relative_to(ROOT)} is not current with the sources")
    for path in catalogues():
        catalog = read(path)
        mo = path.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != mo_bytes(catalog):
            found.append(f"{mo.relative_to(ROOT)} is not the compiled {path.name}")
        found += [f"{path.relative_to(ROOT)}: untranslated: {message!r}"
                  for message in untranslated(catalog)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "check"])
    command = parser.parse_args(argv).command
    if command == "update":
        update()
        return 0
    found = problems()
    for problem in found:
        print(problem)
    if found:
        print("run: python scripts/i18n.py update (then translate, and run it again)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
