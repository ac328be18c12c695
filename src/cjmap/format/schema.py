"""The JSON Schema of the map format, generated from the models."""

import json
from typing import Any

SCHEMA_ID = "https://cjmap.dev/schemas/cjmap-1.schema.json"
SCHEMA_FILE = "cjmap-1.schema.json"
# Where editors can fetch the schema today: the committed file on the main branch. Format 1's
# schema only ever accepts more, so a map written now stays valid against it.
SCHEMA_URL = f"https://raw.githubusercontent.com/cjmap/cjmap/main/schemas/{SCHEMA_FILE}"


def journey_schema() -> dict[str, Any]:
    from cjmap.format.model import Journey

    schema = Journey.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def dumps(schema: dict[str, Any]) -> str:
    """The committed, byte-stable text of a schema."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
