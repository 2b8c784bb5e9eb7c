"""The `journey` command line. Each subcommand lives in `journey.commands`; this module only
dispatches, and nothing imports Textual until a command actually starts the app."""

from __future__ import annotations

import argparse
import importlib
import keyword
import sys

from journey import __version__
from journey.commands.exit_codes import INTERRUPTED, OK

COMMANDS = ("play", "check", "schema", "simulate", "graph", "serve", "export", "class", "guide")


def command_module(name: str) -> str:
    """The module of a subcommand: its name, with "_" after a Python keyword (class)."""
    return f"journey.commands.{name}_" if keyword.iskeyword(name) else f"journey.commands.{name}"


def build_parser(commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    """The parser, with only `commands` set up (each costs the imports its options need)."""
    parser = argparse.ArgumentParser(
        prog="journey",
        description="A journey simulation of North Korean defectors' escape routes, and tools "
                    "for educators who write such journeys. With no command, plays the default "
                    "scenario.")
    parser.add_argument("--version", action="version", version=f"journey {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands:
        importlib.import_module(command_module(name)).add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = (sys.argv[1:] if argv is None else argv) or ["play"]
    # A known command needs only its own parser; anything else (--help, typos) gets them all.
    parser = build_parser((argv[0],) if argv[0] in COMMANDS else COMMANDS)
    args = parser.parse_args(argv)
    from journey.frontend import words

    if (unknown_language := words.notice()) is not None:
        print(unknown_language, file=sys.stderr)  # the words are English then; play goes on
    module = importlib.import_module(command_module(args.command))
    try:
        code: int = module.run(args)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        return OK
    return code
