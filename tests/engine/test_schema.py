"""`journey schema` for editors: draft-07 (what the YAML language server supports), shipped
beside the bundled scenarios, written by `--output`, and accepting every bundled scenario while
refusing the mistakes an editor should underline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from journey.engine import catalog

SHIPPED = catalog.bundled_dir() / "journey.schema.json"
MODELINE = "# yaml-language-server: $schema=./journey.schema.json"
# Every keyword of draft-07 (validation, applicators, annotations); anything else would be
# silently ignored by a draft-07 validator, such as 2020-12's $defs or prefixItems.
DRAFT_07_KEYWORDS = {
    "$schema", "$id", "$ref", "$comment", "title", "description", "default", "examples",
    "readOnly", "writeOnly", "type", "enum", "const", "multipleOf", "maximum",
    "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
    "items", "additionalItems", "maxItems", "minItems", "uniqueItems", "contains",
    "maxProperties", "minProperties", "required", "properties", "patternProperties",
    "additionalProperties", "dependencies", "propertyNames", "if", "then", "else", "allOf",
    "anyOf", "oneOf", "not", "format", "contentMediaType", "contentEncoding", "definitions",
}


def journey(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journey", *args], capture_output=True,
                          text=True, timeout=60)


@pytest.fixture(scope="module")
def printed() -> str:
    result = journey("schema")
    assert result.returncode == 0, result.stderr
    return result.stdout


def keywords(node, found: set) -> set:
    """Every keyword used anywhere in a schema (names of properties are not keywords)."""
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "patternProperties", "definitions"):
                for schema in value.values():
                    keywords(schema, found)
            elif key != "enum" and key != "const":
                keywords(value, found)
    elif isinstance(node, list):
        for item in node:
            keywords(item, found)
    return found


def as_an_editor_sees(path: Path):
    """A scenario as a JSON Schema validator sees it: YAML read into JSON, keys as strings.
    (The YAML language server reads `true:` as a boolean: tests/editors drives the real one.)"""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_the_schema_is_draft_07_and_uses_only_its_keywords(printed):
    schema = json.loads(printed)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert keywords(schema, set()) <= DRAFT_07_KEYWORDS


def test_the_shipped_schema_is_what_journey_schema_prints(printed):
    assert SHIPPED.read_text(encoding="utf-8") == printed, (
        "refresh it with: journey schema --output scenarios/journey.schema.json")


@pytest.mark.parametrize("name", sorted(catalog.bundled()))
def test_bundled_scenarios_validate_against_the_draft_07_schema(printed, name):
    validator = jsonschema.Draft7Validator(json.loads(printed))
    assert list(validator.iter_errors(as_an_editor_sees(catalog.bundled()[name]))) == []


def test_the_tutorial_points_editors_at_the_shipped_schema():
    tutorial = catalog.bundled()["tutorial"]
    assert tutorial.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert (tutorial.parent / "journey.schema.json").is_file()


def test_an_editor_underlines_mistakes_in_the_new_fields(printed):
    data = as_an_editor_sees(catalog.bundled()["tutorial"])
    data["flags"]["closure"]["names"]["yes"] = "After"
    data["variables"]["exposure"]["names"]["high"] = "watched"
    data["eras"]["years"]["true"] = [2020]
    broker = data["scenes"]["broker"]["choices"][0]["outcomes"][0]
    broker["goto"][0]["iff"] = broker["goto"][0].pop("if")
    data["scenes"]["Bad_id"] = data["scenes"].pop("long_wait")
    data["questions"]["asylm"] = data["questions"].pop("asylum")
    validator = jsonschema.Draft7Validator(json.loads(printed))
    found = sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(data))
    assert found == [
        (["eras", "years", "true"], "minItems"),
        (["flags", "closure", "names"], "enum"),  # propertyNames: true or false
        (["questions"], "additionalProperties"),
        (["scenes"], "additionalProperties"),
        (["scenes", "broker", "choices", 0, "outcomes", 0, "goto"], "oneOf"),
        (["variables", "exposure", "names"], "pattern"),  # propertyNames: integers
    ]


def test_output_writes_the_schema_and_prints_the_line_for_scenarios(printed, tmp_path):
    target = tmp_path / "journey.schema.json"
    result = journey("schema", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == printed
    assert result.stdout.splitlines() == [
        f"wrote {target}",
        f"For completion and checking as you type, start each scenario in {tmp_path} with this "
        "line:",
        MODELINE,
    ]


def test_output_into_a_missing_folder_is_a_clear_error(tmp_path):
    target = tmp_path / "missing" / "journey.schema.json"
    result = journey("schema", "--output", str(target))
    assert result.returncode == 2
    assert result.stderr == f"journey schema: cannot write {target}: No such file or directory\n"
    assert result.stdout == ""
