"""The JSON document of the report and its JSON Schema, both from
:class:`~cjmap.portfolio.model.ReportDocument`: what ``--format json`` prints is what
``schemas/cjmap-report.schema.json`` describes, since one class makes both."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from cjmap.portfolio.model import ReportDocument, Tables
from cjmap.portfolio.names import TABLES, TableName
from cjmap.portfolio.tables import Portfolio

T = TypeVar("T")
REPORT_SCHEMA_FILE = "cjmap-report.schema.json"
REPORT_SCHEMA_ID = f"https://cjmap.dev/schemas/{REPORT_SCHEMA_FILE}"


def document(portfolio: Portfolio, tables: Sequence[TableName] = TABLES) -> ReportDocument:
    """The report of ``portfolio`` with the ``tables`` asked for (the others are null)."""
    shown = [table for table in TABLES if table in tables]

    def pick(table: TableName, value: T) -> T | None:
        return value if table in shown else None

    chosen = Tables(
        coverage=pick("coverage", portfolio.coverage), weakest=pick("weakest", portfolio.weakest),
        emotions=pick("emotions", portfolio.emotions), backlog=pick("backlog", portfolio.backlog),
        metrics=pick("metrics", portfolio.metrics),
        freshness=pick("freshness", portfolio.freshness))
    return ReportDocument(1, portfolio.today, portfolio.due_within, portfolio.lang, shown,
                          portfolio.summary, portfolio.maps, portfolio.invalid, chosen)


def as_json(report: ReportDocument) -> bytes:
    """The document as indented JSON text in UTF-8 (dates as ISO text), one newline at the end.

    pydantic-core writes it in one pass; dump_python and then json.dumps with ``indent`` took
    eight times as long, since CPython's C encoder does not indent and its Python one does.
    """
    from pydantic import TypeAdapter

    return TypeAdapter(ReportDocument).dump_json(report, indent=2) + b"\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema of ``cjmap report --format json``."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(ReportDocument).json_schema(mode="serialization")
    for name, definition in schema.get("$defs", {}).items():
        # The shape is closed: a field added to the report must be added to the schema too.
        definition["additionalProperties"] = False
        # A class without a docstring gets its signature as one; that describes nothing.
        if definition.get("description", "").startswith(f"{name}("):
            del definition["description"]
    schema["additionalProperties"] = False
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": REPORT_SCHEMA_ID,
            "title": "cjmap report", **{k: v for k, v in schema.items() if k != "title"}}
