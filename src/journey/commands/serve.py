"""`journey serve [SCENARIO]`: the game in the browser for a class, through textual-serve.

Each browser tab is its own process (`journey play --served`) and its own journey, saved by a
short code shown on screen and recorded in the class record when it ends. The page is our own
template: textual-serve's links a font from another host, and a classroom page must request
nothing from anywhere but this server (its fonts come from textual-serve's static folder).
"""

from __future__ import annotations

import argparse
import errno
import logging
import shlex
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journey.commands.exit_codes import FAILED, INTERRUPTED, USAGE

if TYPE_CHECKING:
    from aiohttp import web

    from journey.engine.model import Scenario

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
"""Our page for the browser (textual-serve's, without the font from another host)."""
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
                        help="also show the odds that were in play when a risk resolves")


def student_command(path: Path, seed: int | None, show_odds: bool) -> str:
    """The shell command textual-serve runs for each tab (it starts it with a shell)."""
    words = [sys.executable, "-m", "journey", "play", "--served", str(path.resolve())]
    if seed is not None:
        words += ["--seed", str(seed)]
    if show_odds:
        words.append("--show-odds")
    return shlex.join(words)


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
    warm_odds(scenario)
    server = class_server(student_command(path, args.seed, args.show_odds), args.host,
                          args.port, scenario.title, scenario.language)
    try:
        server.serve()
    except OSError as error:
        why = ("another program is using that port; choose another with --port"
               if error.errno == errno.EADDRINUSE else str(error))
        print(f"journey serve: cannot listen on {args.host} port {args.port}: {why}.",
              file=sys.stderr)
        return FAILED
    print("journey serve: stopped. Every journey was saved at its last step.", flush=True)
    return INTERRUPTED


def warm_odds(scenario: Scenario) -> None:
    """Work out the debrief's exact odds once, for the whole class, before anyone connects:
    every student's process then reads them from the cache instead of working them out again
    at the same moment as thirty others."""
    from journey.frontend.odds_cache import odds_for

    print("journey serve: working out the exact odds for the debrief, once for the class...",
          flush=True)
    odds_for(scenario)


def policy(websocket: str) -> str:
    """The page's Content-Security-Policy: the browser itself refuses anything from another
    host (textual.js would otherwise fetch any URL given as ?ping= in the address)."""
    return (f"default-src 'self'; connect-src 'self' {websocket}; "
            "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self'; worker-src 'self' blob:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def class_server(command: str, host: str, port: int, title: str, language: str) -> Any:
    """textual-serve's server with our page, and URLs taken from each request, so that the
    page works under whatever address a student typed (and never names another host)."""
    import aiohttp_jinja2
    from textual_serve.server import Server

    class ClassServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # a line a request
            print(f"journey serve: {title}", flush=True)
            print("Students open:", flush=True)
            for url in addresses(host, port):
                print(f"    {url}", flush=True)
            print("Each tab plays its own journey. Press Ctrl+C to stop.", flush=True)

        async def handle_index(self, request: web.Request) -> web.Response:
            font_size = request.query.get("fontsize", "16")
            websocket = f"{'wss' if request.secure else 'ws'}://{request.host}/ws"
            page = aiohttp_jinja2.render_template("app_index.html", request, {
                "font_size": int(font_size) if font_size.isdecimal() else 16,
                "app_websocket_url": websocket, "config": {"static": {"url": "/static/"}},
                "application": {"name": title}, "language": language})
            page.headers["Content-Security-Policy"] = policy(websocket)
            return page

    return ClassServer(command, host=host, port=port, title=title,
                       templates_path=TEMPLATES)
