"""The committed JSON Schema is generated from the models, stays current, and independent
validators (the ``jsonschema`` package, check-jsonschema) agree with cjmap about real files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cjmap.format.schema import SCHEMA_FILE, dumps, journey_schema
from cjmap.parse import yamlfast
from tests.conftest import ROOT, example_maps, installed

SCHEMA_PATH = ROOT / "schemas" / SCHEMA_FILE
VALID = example_maps() + sorted((ROOT / "tests" / "maps" / "valid").glob("*.yaml"))
# Broken at the level a JSON Schema can see (not cross-references, not YAML syntax).
SCHEMA_INVALID = ["unknown-key", "wrong-types", "missing-keys", "no-version", "bad-values",
                  "top-level-list"]


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == dumps(journey_schema()), (
        "schemas/ is stale: run 'cjmap schema > schemas/cjmap-1.schema.json'"
    )


def test_schema_command_prints_the_committed_schema(run_cli) -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert result.stdout == SCHEMA_PATH.read_text(encoding="utf-8")


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _data(path: Path) -> object:
    # Dates come back as date objects; the schema sees them as the strings the YAML holds.
    return json.loads(json.dumps(yamlfast.parse(path.read_text(encoding="utf-8")).data,
                                 default=str))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_schema_accepts_valid_maps(path: Path) -> None:
    errors = list(_validator().iter_errors(_data(path)))
    assert errors == []


@pytest.mark.parametrize("name", SCHEMA_INVALID)
def test_schema_rejects_broken_maps(name: str) -> None:
    path = ROOT / "tests" / "maps" / "invalid" / f"{name}.yaml"
    assert list(_validator().iter_errors(_data(path)))


def _check_jsonschema() -> str:
    found = installed("check-jsonschema")
    if found is None:
        pytest.fail("check-jsonschema is a test dependency (pip install -e '.[test]')")
    return found


def test_check_jsonschema_agrees_on_examples() -> None:
    result = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(SCHEMA_PATH), *map(str, VALID)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_broken_map() -> None:
    broken = ROOT / "tests" / "maps" / "invalid" / "unknown-key.yaml"
    result = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(SCHEMA_PATH), str(broken)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "chanel" in result.stdout


def test_modeline_in_examples_points_at_the_schema() -> None:
    for path in example_maps():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/cjmap-1.schema.json", path
        assert (path.parent / "../schemas/cjmap-1.schema.json").resolve() == SCHEMA_PATH


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
