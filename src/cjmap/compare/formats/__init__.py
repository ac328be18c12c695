"""The output formats of ``cjmap diff``: ``--format`` name → a function of the diff document.

Each module is imported only when its format is asked for.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from cjmap.compare.changes import DiffDocument

FORMATS = ("text", "markdown", "json")


class Formatter(Protocol):
    def __call__(self, document: "DiffDocument", color: bool) -> str: ...


def formatter(name: str) -> Formatter:
    """The function that writes ``name``, imported now."""
    module = {"json": "jsonformat"}.get(name, name)
    function: Formatter = import_module(f"cjmap.compare.formats.{module}").write
    return function
