"""CSV: one table, as flat records for a spreadsheet or a script.

The header row holds stable English keys (the same names as the JSON fields), whatever
``--lang``; values are raw (numbers unformatted, dates ISO, booleans ``true``/``false``, lists
joined with ``; ``). The grids (coverage, average emotions) are written long: one record per
cell, with its axis and column, which a pivot table turns back into the grid.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from io import StringIO
from typing import TYPE_CHECKING, Any

from cjmap.portfolio.formats import ReportOptions

if TYPE_CHECKING:
    from cjmap.portfolio.model import Place
    from cjmap.portfolio.names import TableName
    from cjmap.portfolio.tables import Portfolio

Record = dict[str, Any]
_PLACE = ["map", "file", "line", "stage", "step"]
FIELDS: dict[str, list[str]] = {
    "coverage": ["axis", "channel", "column", "column_name", "touchpoints", "direct",
                 "indirect", "online", "offline", "gap"],
    "weakest": ["rank", "touchpoint", "average", "scored", "weakest", "simple", "appropriate",
                "relevant", "meaningful", "engaging", "personal", "channel", "owner",
                "external", *_PLACE],
    "emotions": ["kind", "axis", "column", "persona", "score", "average", "steps", "label",
                 "moment_of_truth", *_PLACE],
    "backlog": ["priority", "opportunity", "id", "lever", "owner", "addresses_pain_points",
                "addresses_metrics", "unowned", "unlinked", *_PLACE],
    "metrics": ["metric", "id", "kind", "actual", "target", "unit", "better", "gap", "as_of",
                "history", *_PLACE],
    "freshness": ["map", "file", "line", "title", "owner", "last_reviewed", "cadence", "due",
                  "status", "days"],
}


def write(portfolio: Portfolio, options: ReportOptions) -> bytes:
    """The one table of ``options.tables`` (the command asks for exactly one)."""
    (table,) = options.tables
    return table_csv(portfolio, table).encode("utf-8")


def table_csv(portfolio: Portfolio, table: TableName) -> str:
    buffer = StringIO()
    writer = csv.DictWriter(buffer, FIELDS[table], lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _value(value) for key, value in record.items()}
                     for record in _RECORDS[table](portfolio))
    return buffer.getvalue()


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 64, as the map writes it, not 64.0
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else value


def _place(at: Place) -> Record:
    return {"map": at.map, "file": at.file, "line": at.line, "stage": at.stage,
            "step": at.step}


def _coverage(portfolio: Portfolio) -> Iterator[Record]:
    for grid in portfolio.coverage:
        for row in grid.rows:
            for column, cell in zip(grid.columns, row.cells, strict=True):
                yield {"axis": grid.axis, "channel": row.channel, "column": column.id,
                       "column_name": column.name, "touchpoints": cell.touchpoints,
                       "direct": cell.direct, "indirect": cell.indirect,
                       "online": cell.online, "offline": cell.offline,
                       "gap": row.channel is not None and not cell.touchpoints}


def _weakest(portfolio: Portfolio) -> Iterator[Record]:
    for row in portfolio.weakest:
        yield {"rank": row.rank, "touchpoint": row.name, "average": row.average,
               "scored": row.scored, "weakest": row.weakest, **row.scores,
               "channel": row.channel, "owner": row.owner, "external": row.external,
               **_place(row.at)}


def _emotions(portfolio: Portfolio) -> Iterator[Record]:
    emotions = portfolio.emotions
    for low in emotions.lows:
        yield {"kind": "low", "persona": low.persona, "score": low.score, "label": low.label,
               "moment_of_truth": low.moment_of_truth, **_place(low.at)}
    for moment in emotions.moments_of_truth:
        # One record per persona's feeling; a moment with no emotion recorded still has one.
        yield from ({"kind": "moment_of_truth", "moment_of_truth": True,
                     "persona": feeling.persona_name, "score": feeling.score,
                     "label": feeling.label, **_place(moment.at)}
                    for feeling in moment.feelings)
        if not moment.feelings:
            yield {"kind": "moment_of_truth", "moment_of_truth": True, **_place(moment.at)}
    for grid in emotions.by_stage:
        for row in grid.rows:
            for column, cell in zip(grid.columns, row.cells, strict=True):
                yield {"kind": "average", "axis": grid.axis, "column": column.id,
                       "persona": row.persona_name, "average": cell.average,
                       "steps": cell.steps}


def _backlog(portfolio: Portfolio) -> Iterator[Record]:
    for item in portfolio.backlog:
        yield {"priority": item.priority, "opportunity": item.text, "id": item.id,
               "lever": item.lever, "owner": item.owner,
               "addresses_pain_points": _ids(item.addresses, "pain_point"),
               "addresses_metrics": _ids(item.addresses, "metric"),
               "unowned": item.unowned, "unlinked": item.unlinked, **_place(item.at)}


def _ids(addressed: Sequence[Any], kind: str) -> list[str]:
    return [a.id for a in addressed if a.kind == kind]


def _metrics(portfolio: Portfolio) -> Iterator[Record]:
    for row in portfolio.metrics:
        yield {"metric": row.name, "id": row.id, "kind": row.kind, "actual": row.actual,
               "target": row.target, "unit": row.unit, "better": row.better, "gap": row.gap,
               "as_of": row.as_of,
               "history": [f"{m.as_of.isoformat()}={m.actual:g}" for m in row.history],
               **_place(row.at)}


def _freshness(portfolio: Portfolio) -> Iterator[Record]:
    for row in portfolio.freshness:
        yield {"map": row.map, "file": row.file, "line": row.line, "title": row.title,
               "owner": row.owner, "last_reviewed": row.last_reviewed,
               "cadence": row.cadence, "due": row.due, "status": row.status,
               "days": row.days}


_RECORDS = {"coverage": _coverage, "weakest": _weakest, "emotions": _emotions,
            "backlog": _backlog, "metrics": _metrics, "freshness": _freshness}
