"""The portfolio: every map of a repository as one report (``cjmap report``), and the data a
static site builds on.

:func:`portfolio_of` loads the maps (in worker processes) and returns a typed
:class:`~cjmap.portfolio.tables.Portfolio`; :func:`cjmap.portfolio.formats.html.portfolio_page`
draws it as a self-contained HTML page. Importing this package loads no pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmap.portfolio.tables import Portfolio

DEFAULT_DUE_WITHIN = 30


def portfolio_of(files: Sequence[Path], today: date, *, due_within: int = DEFAULT_DUE_WITHIN,
                 lang: str | None = None, missing: Sequence[Path] = (),
                 jobs: int | None = None) -> Portfolio:
    """The portfolio of the map ``files`` (``missing``: paths named that do not exist, listed
    as unreadable), with reviews due against ``today``."""
    from cjmap.portfolio.collect import collect, missing_map
    from cjmap.portfolio.tables import build

    contributions = [*map(missing_map, missing), *collect(files, jobs)]
    return build(contributions, today, due_within, lang)
