"""The output formats of ``cjmap report``: ``--format`` name → a function of the portfolio.

Each module is imported only when its format is asked for, so the HTML page and the CSV writer
stay out of every other run. A format writes text (``text``, ``json``, ``md``,
``csv``) or bytes (``html``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from cjmap.portfolio.names import FORMATS, TABLES, TableName

if TYPE_CHECKING:
    from cjmap.portfolio.tables import Portfolio

__all__ = ["FORMATS", "Formatter", "Link", "ReportOptions", "formatter"]

# Where a row's item links (HTML), from where in a map it comes (``file:line``): a site links
# each to its map's page.
Link = Callable[[str], str]


@dataclass(frozen=True)
class ReportOptions:
    # The tables to show, in any order (they are always shown in the order of TABLES).
    tables: tuple[TableName, ...] = TABLES
    # Colour on a terminal (text only).
    color: bool = False
    # The terminal's width (text only); None: 100 columns.
    width: int | None = None
    # Processes to draw a large portfolio's tables in (text, Markdown, HTML).
    workers: int = 1
    # HTML only; None: no links (a report is a page on its own).
    link: Link | None = None


class Formatter(Protocol):
    def __call__(self, portfolio: "Portfolio", options: ReportOptions) -> bytes: ...


def formatter(name: str) -> Formatter:
    """The function that writes ``name``, imported now."""
    module = {"md": "markdown", "json": "jsonformat", "csv": "csvformat"}.get(name, name)
    function: Formatter = import_module(f"cjmap.portfolio.formats.{module}").write
    return function
