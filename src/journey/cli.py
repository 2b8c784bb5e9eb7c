"""The `journey` command line. Each subcommand lives in `journey.commands`; this module only
dispatches, and nothing imports Textual until a command actually starts the app."""

from __future__ import annotations

import argparse
import importlib
import sys

COMMANDS = ("check", "schema")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journey",
        description="A journey simulation of North Korean defectors' escape routes, and tools "
                    "for educators who write such journeys. With no command, plays the default "
                    "scenario.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"journey.commands.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv or ["play"])
    module = importlib.import_module(f"journey.commands.{args.command}")
    try:
        return module.run(args)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
