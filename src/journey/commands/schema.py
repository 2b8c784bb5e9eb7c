"""`journey schema`: print the JSON Schema of the scenario format, for editors."""

from __future__ import annotations


def add_parser(sub) -> None:
    sub.add_parser("schema", help="print the JSON Schema of the scenario format",
                   description="Print the JSON Schema of scenario format v1. Point your editor's "
                               "YAML language server at it to complete and check scenarios.")


def run(args) -> int:
    import json

    from journey.engine.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0
