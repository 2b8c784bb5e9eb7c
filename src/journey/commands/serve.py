"""`journey serve [SCENARIO]`: the game in the browser for a class, through textual-serve.

Each browser tab is its own process (`journey play --served`) and its own journey, saved by a
short code shown on screen and recorded in the class record when it ends. The server itself
is web.terminal_server; this module reads the options, says where students go, and says, when
it stops, whether every journey was saved.
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journey.commands.exit_codes import FAILED, INTERRUPTED, USAGE
from journey.web import limits

if TYPE_CHECKING:
    from journey.engine.model import Scenario
    from journey.web.terminal_server import ClassServer

ANY_ADDRESS = ("0.0.0.0", "::", "")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve", help="play in the browser: one journey per tab, for a class",
        description="Serve the game to web browsers. Every tab plays its own journey, saved "
                    "after every step under a code shown on screen, and every journey that "
                    "ends is added to the class record (see journey class report). Stop with "
                    "Ctrl+C.")
    parser.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                        help="a bundled scenario's name or a scenario file (default: the "
                             "default scenario)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default: 127.0.0.1, this computer "
                             "only; 0.0.0.0 for every computer on the network)")
    parser.add_argument("--port", type=int, default=8000, help="the port (default: 8000)")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="start every new journey with this seed: the whole class meets "
                             "the same luck, and only the choices differ")
    parser.add_argument("--show-odds", action="store_true",
                        help="show every tab the odds that were in play when a risk resolves "
                             "(the teacher decides: o does nothing in a tab)")
    parser.add_argument("--max-tabs", type=int, default=limits.TABS, metavar="N",
                        help=f"tabs open at once in all; each is a process of some 55 MB "
                             f"(default: {limits.TABS})")
    parser.add_argument("--tabs-per-computer", type=int, default=limits.TABS_PER_COMPUTER,
                        metavar="N",
                        help="tabs open at once from one computer, 0 for no limit (default: "
                             f"{limits.TABS_PER_COMPUTER})")


def tab_command(path: Path, seed: int | None, show_odds: bool, code_length: int) -> list[str]:
    """The command the server runs for each tab."""
    words = [sys.executable, "-m", "journey", "play", "--served", str(path.resolve()),
             "--code-length", str(code_length)]
    if seed is not None:
        words += ["--seed", str(seed)]
    if show_odds:
        words.append("--show-odds")
    return words


def addresses(host: str, port: int) -> list[str]:
    """The addresses to give the class: the host itself, or this computer's names when the
    server listens on every address."""
    if host not in ANY_ADDRESS:
        shown = f"[{host}]" if ":" in host else host
        return [f"http://{shown}:{port}/"]
    return [f"http://{socket.gethostname()}:{port}/", f"http://127.0.0.1:{port}/"]


def run(args: argparse.Namespace) -> int:
    from journey.commands.loading import load_named
    from journey.engine import catalog

    scenario, path, code = load_named(args.scenario or catalog.DEFAULT_SCENARIO, "journey serve")
    if scenario is None or path is None:
        return int(code)
    if not 0 < args.port < 65536:
        print(f"journey serve: {args.port} is not a port (1-65535).", file=sys.stderr)
        return USAGE
    if args.max_tabs < 1 or args.tabs_per_computer < 0:
        print("journey serve: --max-tabs must be 1 or more, and --tabs-per-computer 0 (no "
              "limit) or more.", file=sys.stderr)
        return USAGE
    prepare_record()
    warm_odds(scenario)
    server = class_server(scenario, path, args)
    try:
        server.serve()
    except OSError as error:
        why = ("another program is using that port; choose another with --port"
               if error.errno == errno.EADDRINUSE else str(error))
        print(f"journey serve: cannot listen on {args.host} port {args.port}: {why}.",
              file=sys.stderr)
        return FAILED
    print(farewell(server), flush=True)
    return INTERRUPTED


def class_server(scenario: Scenario, path: Path, args: argparse.Namespace) -> ClassServer:
    from journey.frontend.classroom import LOCAL_CODE_LENGTH, NETWORK_CODE_LENGTH
    from journey.web.origin import is_loopback
    from journey.web.terminal_server import ClassServer

    length = LOCAL_CODE_LENGTH if is_loopback(args.host) else NETWORK_CODE_LENGTH
    per_computer = (f"{args.tabs_per_computer} per computer" if args.tabs_per_computer
                    else "any number per computer")
    greeting = [f"journey serve: {scenario.title}", "Students open:",
                *(f"    {url}" for url in addresses(args.host, args.port)),
                "Each tab plays its own journey. Press Ctrl+C to stop.",
                f"Up to {args.max_tabs} tabs at once, {per_computer} (--max-tabs, "
                "--tabs-per-computer)."]
    return ClassServer(tab_command(path, args.seed, args.show_odds, length), args.host,
                       args.port, scenario.title, scenario.language,
                       limits.TabCount(args.max_tabs, args.tabs_per_computer), greeting)


def farewell(server: ClassServer) -> str:
    """What the server says when it stops: whether every journey was saved at its last step,
    as the tabs reported it and as the files on disk show."""
    from journey.web.terminal_server import unsaved

    lost = unsaved(server.reports)
    if not lost:
        return "journey serve: stopped. Every journey was saved at its last step."
    lines = [f"journey serve: stopped. {len(lost)} journey{'s' if len(lost) > 1 else ''} "
             "could not be saved at the last step (each carries on from the last step that "
             "was saved, if any; make room on the disk before the next lesson):"]
    lines += [f"    code {code}: {why}" for code, why in lost]
    return "\n".join(lines)


def prepare_record() -> None:
    """Create the class record before anyone connects, add the journeys kept aside since the
    last lesson, and say what came of a damaged record; a record that cannot be used is said
    once here, and each tab keeps its journeys until it can be."""
    from journey.frontend import class_record

    try:
        note = class_record.prepare()
    except class_record.RecordProblem as problem:
        print(f"journey serve: {problem} Journeys are still saved; each tab says so when one "
              "cannot be recorded.", flush=True)
        return
    if note:
        print(f"journey serve: {note}", flush=True)


def warm_odds(scenario: Scenario) -> None:
    """Work out the debrief's exact odds once, for the whole class, before anyone connects:
    every student's process then reads them from the cache instead of working them out again
    at the same moment as thirty others."""
    from journey.frontend.odds_cache import odds_for

    print("journey serve: working out the exact odds for the debrief, once for the class...",
          flush=True)
    odds_for(scenario)
