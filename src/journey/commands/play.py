"""`journey play [SCENARIO]`: play in the full-screen app, or in plain text with --plain."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journey.commands.exit_codes import FAILED, OK, USAGE

if TYPE_CHECKING:
    from journey.engine.model import Scenario
    from journey.ui.app import JourneyApp


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "play", help="play a scenario (the default when no command is given)",
        description="Play a bundled scenario by name, or any scenario file by path. The journey "
                    "is saved after every step; choose Continue (or, in plain mode, run the "
                    "same command again) to carry on.")
    parser.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                        help="a bundled scenario's name or a scenario file (default: the "
                             "default scenario)")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="start a new journey with this seed, so it can be replayed exactly")
    parser.add_argument("--plain", action="store_true",
                        help="no full-screen UI: print the story, read one number per line")
    parser.add_argument("--new", action="store_true",
                        help="plain mode: start a new journey even if one is saved")
    parser.add_argument("--show-odds", action="store_true",
                        help="also show the odds that were in play when a risk resolves")
    parser.add_argument("--watch", action="store_true",
                        help="for authors: open the journey at once and, whenever the "
                             "scenario file is saved, reload it and replay the choices made "
                             "so far (or show what stops it from loading)")
    parser.add_argument("--record", action="store_true",
                        help="add the journey, once it ends, to the class record that "
                             "journey class report reads")
    # The app in one browser tab of `journey serve`, which starts it (there is no terminal),
    # and the length of the codes it gives journeys (longer when serving the network).
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code-length", type=int, default=None, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from journey.commands.loading import load_named
    from journey.engine import catalog
    from journey.frontend.game import Game

    scenario, path, code = load_named(args.scenario or catalog.DEFAULT_SCENARIO, "journey play")
    if scenario is None or path is None:
        return int(code)
    if args.plain:
        from journey.plain.play import play

        played = play(Game(scenario, path, record=args.record), args.seed, args.new,
                      args.show_odds, sys.stdin, sys.stdout, watch=args.watch)
        return OK if played else FAILED
    if args.served:
        return served(scenario, path, args)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("journey play: the full-screen app needs a terminal; add --plain to play with "
              "text on standard input and output.", file=sys.stderr)
        return USAGE
    from journey.ui.app import JourneyApp

    return run_app(JourneyApp(Game(scenario, path, seed=args.seed, record=args.record),
                              show_odds=args.show_odds, watch=args.watch))


def run_app(app: JourneyApp) -> int:
    # Everything loaded so far lives as long as the app: keep it out of the garbage
    # collector's full passes, which otherwise pause a key press for tens of milliseconds.
    gc.freeze()
    app.run()
    return app.return_code or OK


def served(scenario: Scenario, path: Path, args: argparse.Namespace) -> int:
    """One browser tab of `journey serve`: Textual's web driver (set by textual-serve) in place
    of a terminal, the served scenario alone on the title screen, journeys saved by code and
    recorded for the class. The server names the tab's computer and browser in the
    environment (frontend.classroom.TAB_VARIABLES), where other users cannot read them."""
    from journey.frontend import library
    from journey.frontend.classroom import LOCAL_CODE_LENGTH, Classroom
    from journey.frontend.game import Game
    from journey.ui.app import JourneyApp

    entries = [e for e in library.entries(path) if e.path.resolve() == path.resolve()]
    classroom = Classroom.from_environment(args.code_length or LOCAL_CODE_LENGTH)
    return run_app(JourneyApp(Game(scenario, path, seed=args.seed, entries=entries,
                                   classroom=classroom), show_odds=args.show_odds))
