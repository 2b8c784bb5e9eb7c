"""`journey schema`: print the JSON Schema of the scenario format, or write it to a file, for
editors (see "Editor support" in docs/scenario-format.md)."""

from __future__ import annotations

from pathlib import Path

MODELINE = "# yaml-language-server: $schema=./{}"  # a path relative to the scenario file


def add_parser(sub) -> None:
    parser = sub.add_parser(
        "schema", help="print the JSON Schema of the scenario format",
        description="Print the JSON Schema (draft-07) of scenario format v1. Point your editor's "
                    "YAML language server at it to complete and check scenarios as you type.")
    parser.add_argument("--output", "-o", metavar="PATH",
                        help="write the schema to PATH instead (e.g. journey.schema.json beside "
                             "your scenarios) and print the line that points a scenario at it")


def run(args) -> int:
    from journey.commands.output import write_out
    from journey.engine.schema import schema_text

    text = schema_text()
    if not write_out(text, args.output, "journey schema"):
        return 2
    if args.output is None:
        return 0
    path = Path(args.output)
    print(f"wrote {path}\nFor completion and checking as you type, start each scenario in "
          f"{path.parent} with this line:\n{MODELINE.format(path.name)}")
    return 0
