"""JSON: the documented, stable shape of ``schemas/cjmap-report.schema.json``
(docs/portfolio.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cjmap.portfolio.document import as_json, document
from cjmap.portfolio.formats import ReportOptions

if TYPE_CHECKING:
    from cjmap.portfolio.model import Portfolio


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
    data = as_json(document(portfolio, options.tables))
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
