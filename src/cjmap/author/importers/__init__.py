"""Importers: journeys kept elsewhere (Mermaid diagrams, spreadsheets, OpenJourney files)
turned into cjmap maps.

``IMPORTERS`` maps each ``--from`` name to the module that reads it, imported only when that
format is asked for (openpyxl, for one, is heavy). Each module provides ``read`` (see
:class:`~cjmap.author.importers.base.Reader`) and ``SUFFIXES``, and may provide ``sniff`` to
recognise its format from the content when the file name does not tell.
"""

from importlib import import_module
from typing import TYPE_CHECKING, cast

# Only for the type: the command line reads IMPORTERS for its choices at start-up.
if TYPE_CHECKING:
    from cjmap.author.importers.base import Reader

IMPORTERS: dict[str, str] = {
    "mermaid": "cjmap.author.importers.mermaid",
    "csv": "cjmap.author.importers.sheet",
    "xlsx": "cjmap.author.importers.sheet",
    "ojf": "cjmap.author.importers.ojf",
}


def reader(name: str) -> "Reader":
    """The reader of the ``--from`` format ``name``."""
    return cast("Reader", import_module(IMPORTERS[name]))
