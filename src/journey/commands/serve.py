"""`journey serve [SCENARIO]`: the game for a class in the browser.

By default one process serves the game's web page to the whole class (web.page_server):
resume codes kept on the server, every finished journey checked against the scenario and
added to the class record, and a live page for the teacher. `--terminal` serves the terminal
app instead, one process per browser tab (web.terminal_server), as before the page existed.
This module reads the options, works out the figures once, says where students and the
teacher go, and says, when it stops, what became of the journeys.
"""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journey.commands.exit_codes import FAILED, INTERRUPTED, USAGE
from journey.web import limits

if TYPE_CHECKING:
    from journey.commands.class_ import Figures
    from journey.engine.model import Scenario
    from journey.web.page_server import PageServer
    from journey.web.terminal_server import ClassServer

ANY_ADDRESS = ("0.0.0.0", "::", "")


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve", help="play in the browser: the game's page for a class, from one process",
        description="Serve the game to a class's web browsers. Every student plays her own "
                    "journey in the page, which shows a code that continues it on another "
                    "computer; every journey that ends is checked against the scenario and "
                    "added to the class record (see journey class report). The teacher's "
                    "page, at an address printed when the server starts, shows the class as "
                    "it plays. Stop with Ctrl+C.")
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
                        help="show every student the odds that were in play when a risk "
                             "resolves (the teacher decides for the class)")
    parser.add_argument("--terminal", action="store_true",
                        help="serve the terminal app instead of the page: one process per "
                             "browser tab (some 55 MB each)")
    parser.add_argument("--max-tabs", type=int, default=None, metavar="N",
                        help=f"with --terminal: tabs open at once in all (default: "
                             f"{limits.TABS})")
    parser.add_argument("--tabs-per-computer", type=int, default=None, metavar="N",
                        help="with --terminal: tabs open at once from one computer, 0 for no "
                             f"limit (default: {limits.TABS_PER_COMPUTER})")


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
    """The addresses to give the class: the host itself, or, when the server listens on every
    address, this computer's network addresses, then its name."""
    from journey.web.addresses import network_addresses, url

    if host not in ANY_ADDRESS:
        return [url(host, port)]
    found = network_addresses((socket.AF_INET,) if host != "::" else (socket.AF_INET,
                                                                       socket.AF_INET6))
    return [url(address, port) for address in found] + [url(socket.gethostname(), port)]


def run(args: argparse.Namespace) -> int:
    from journey.commands.loading import load_named
    from journey.engine import catalog

    scenario, path, code = load_named(args.scenario or catalog.DEFAULT_SCENARIO, "journey serve")
    if scenario is None or path is None:
        return int(code)
    if not 0 < args.port < 65536:
        print(f"journey serve: {args.port} is not a port (1-65535).", file=sys.stderr)
        return USAGE
    if args.terminal:
        return run_terminal(scenario, path, args)
    if args.max_tabs is not None or args.tabs_per_computer is not None:
        print("journey serve: --max-tabs and --tabs-per-computer count the tabs of "
              "--terminal; the page needs no process per tab.", file=sys.stderr)
        return USAGE
    from journey.frontend.served_journeys import SEED_LIMIT

    if args.seed is not None and abs(args.seed) > SEED_LIMIT:
        print(f"journey serve: --seed must be from {-SEED_LIMIT} to {SEED_LIMIT} (the class "
              "record keeps seeds as 64-bit integers).", file=sys.stderr)
        return USAGE
    prepare_record()
    server = page_server(scenario, path, args, class_figures(scenario))
    return until_stopped(server.serve, lambda: page_farewell(server), args)


def run_terminal(scenario: Scenario, path: Path, args: argparse.Namespace) -> int:
    """`journey serve --terminal`: a process of the terminal app per tab."""
    args.max_tabs = limits.TABS if args.max_tabs is None else args.max_tabs
    args.tabs_per_computer = (limits.TABS_PER_COMPUTER if args.tabs_per_computer is None
                              else args.tabs_per_computer)
    if args.max_tabs < 1 or args.tabs_per_computer < 0:
        print("journey serve: --max-tabs must be 1 or more, and --tabs-per-computer 0 (no "
              "limit) or more.", file=sys.stderr)
        return USAGE
    prepare_record()
    warm_odds(scenario)
    server = class_server(scenario, path, args)
    return until_stopped(server.serve, lambda: farewell(server), args)


def until_stopped(serve: Callable[[], None], goodbye: Callable[[], str],
                  args: argparse.Namespace) -> int:
    """Serve until Ctrl+C, then say what became of the journeys (exit code 130); or say why
    the address cannot be listened on (1)."""
    try:
        serve()
    except OSError as error:
        why = ("another program is using that port; choose another with --port"
               if error.errno == errno.EADDRINUSE else str(error))
        print(f"journey serve: cannot listen on {args.host} port {args.port}: {why}.",
              file=sys.stderr)
        return FAILED
    print(goodbye(), flush=True)
    return INTERRUPTED


def served_page(scenario: Scenario, config: dict[str, object]) -> str:
    """The page each student gets, with the served-mode `config` (docs/web-page.md): the one
    seam between this server and the game's page."""
    from journey.frontend.odds_cache import odds_for
    from journey.frontend.page_data import page_content
    from journey.web.page import page_html

    return page_html(page_content(scenario, odds_for(scenario)), config)


def class_figures(scenario: Scenario) -> Figures:
    """The exact odds (cached, as the debrief reads them) and the analysis the class's report
    and the journeys' checks need: once, before anyone connects."""
    from journey.commands.class_ import figures

    print("journey serve: working out the exact odds, once for the class...", flush=True)
    return figures(scenario)


def page_server(scenario: Scenario, path: Path, args: argparse.Namespace,
                worked_out: Figures) -> PageServer:
    from journey.commands.class_ import report_since
    from journey.frontend.classroom import LOCAL_CODE_LENGTH, NETWORK_CODE_LENGTH
    from journey.frontend.served_journeys import ServedScenario
    from journey.web.origin import is_loopback
    from journey.web.page_server import ClassSite, PageServer
    from journey.web.teacher import new_token

    longest = worked_out.analysis.longest if worked_out.analysis is not None else None
    served = ServedScenario(scenario, path, args.seed, longest)
    site = ClassSite(
        served, lambda config: served_page(scenario, config),
        lambda since: report_since(scenario, since, worked_out), args.host, args.port,
        LOCAL_CODE_LENGTH if is_loopback(args.host) else NETWORK_CODE_LENGTH, args.show_odds,
        lambda teacher: greeting(scenario.title, args.host, args.port, teacher))
    return PageServer(site, new_token())


def greeting(title: str, host: str, port: int, teacher: str) -> list[str]:
    """What the page's server prints once listening: where students go, and where the
    teacher's page is."""
    from journey.web.addresses import url
    from journey.web.origin import is_loopback

    local = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
    lines = [f"journey serve: {title}"]
    if is_loopback(host):
        lines += ["Students open, on this computer only:", f"    {url(local, port)}",
                  "To let students in from other computers, start journey serve with "
                  "--host 0.0.0.0."]
    else:
        found = addresses(host, port)
        lines += ["Students open, from other computers on this network:",
                  *(f"    {address}" for address in found)]
        if len(found) == 1 and host in ANY_ADDRESS:
            lines.append("    (no network address was found besides this computer's name: is "
                         "it on a network?)")
    lines += ["The teacher's page, for you alone: it shows the class as it plays, and the "
              "class report.", f"    {url(local, port, teacher)}",
              "Every journey that ends is added to the class record. Press Ctrl+C to stop."]
    return lines


def page_farewell(server: PageServer) -> str:
    count = server.writer.written
    return (f"journey serve: stopped. {count} journey{'' if count == 1 else 's'} "
            f"{'was' if count == 1 else 'were'} added to the class record while it ran; "
            "journeys not finished stay under their codes.")


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
