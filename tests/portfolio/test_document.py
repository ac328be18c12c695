"""The report's JSON Schema is generated from the report's dataclasses and stays current."""

import json

from jsonschema import Draft202012Validator

from cjmap.format.schema import dumps
from cjmap.portfolio.document import REPORT_SCHEMA_FILE, report_schema
from tests.conftest import ROOT

SCHEMA_PATH = ROOT / "schemas" / REPORT_SCHEMA_FILE


def test_committed_report_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == dumps(report_schema()), (
        "schemas/ is stale: run 'cjmap schema --report > schemas/cjmap-report.schema.json'")


def test_schema_command_prints_it(run_cli) -> None:
    assert run_cli("schema", "--report").stdout == SCHEMA_PATH.read_text(encoding="utf-8")


def test_report_schema_is_a_closed_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert all(d["additionalProperties"] is False for d in schema["$defs"].values())
