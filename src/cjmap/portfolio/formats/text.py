"""Text: tables fitted to the terminal, in colour there; plain when piped or under
``NO_COLOR`` (:mod:`cjmap.portfolio.formats.plain` draws both).

The tables are laid out here rather than by rich, which measures every cell of every row: on a
terminal a thousand maps' report took 19 s with rich tables and takes what a pipe's does
(about 2.5 s) now, and a hundred maps' 2.0 s against 0.5 s. Every string from a map is shown
through :func:`~cjmap.report.style.printable`, so a name with an escape sequence prints as
written, and a map's text never carries colour codes of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.portfolio.formats import ReportOptions
from cjmap.portfolio.formats.plain import plain

if TYPE_CHECKING:
    from cjmap.portfolio.tables import Portfolio


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
    return plain(portfolio, options.tables, options.width or 100, options.workers,
                 color=options.color).encode("utf-8")
