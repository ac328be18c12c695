"""JSON: the documented shape of ``schemas/cjmap-diff.schema.json`` (docs/change.md)."""

import json

from cjmap.compare.changes import DiffDocument
from cjmap.compare.schema import as_json


def write(document: DiffDocument, color: bool) -> str:
    return json.dumps(as_json(document), indent=2, ensure_ascii=False) + "\n"
