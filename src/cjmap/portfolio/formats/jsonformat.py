"""JSON: the documented, stable shape of ``schemas/cjmap-report.schema.json``
(docs/portfolio.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjmap.portfolio.document import as_json, document
from cjmap.portfolio.formats import ReportOptions

if TYPE_CHECKING:
    from cjmap.portfolio.tables import Portfolio


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
    return as_json(document(portfolio, options.tables))
