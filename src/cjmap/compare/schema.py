"""The JSON of a diff and its JSON Schema, both from :class:`DiffDocument`: what
``cjmap diff --format json`` prints is what ``schemas/cjmap-diff.schema.json`` describes."""

from typing import Any

from cjmap.compare.changes import DiffDocument

DIFF_SCHEMA_FILE = "cjmap-diff.schema.json"
DIFF_SCHEMA_ID = f"https://cjmap.dev/schemas/{DIFF_SCHEMA_FILE}"


def as_json(document: DiffDocument) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(DiffDocument).dump_python(document, mode="json")


def diff_schema() -> dict[str, Any]:
    """The JSON Schema of ``cjmap diff --format json``."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(DiffDocument).json_schema(mode="serialization")
    for definition in schema.get("$defs", {}).values():
        # The shape is closed: a field added to the diff must be added to the schema too.
        definition["additionalProperties"] = False
    schema["additionalProperties"] = False
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": DIFF_SCHEMA_ID,
            "title": "cjmap diff", **{k: v for k, v in schema.items() if k != "title"}}
