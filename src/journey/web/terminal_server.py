"""`journey serve`'s server: textual-serve's, one process per browser tab (`journey play
--served`), with the guards of web.origin and web.limits before any process starts, our own
page, and a true account, when it stops, of whether every journey was saved.

textual-serve's own server answers a plain GET /ws with a traceback, lists its static folder,
takes any origin and any terminal size, and starts a shell per tab; here each of those is
answered at the door, cheaply and in one line, and the tab's process is started directly.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
import shlex
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from journey.frontend.classroom import SAVE_REPORT, TAB_VARIABLES
from journey.web.limits import COMPUTER_FULL, TabCount, computer, terminal_size
from journey.web.origin import host_allowed, same_origin

TEMPLATES = Path(__file__).resolve().parent / "templates"
"""Our pages for the browser (textual-serve's, without the font from another host)."""
COOKIE = "journey-browser"
"""The browser's token: a reload in the same browser carries on with its journey."""
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
LARGEST_MESSAGE = 64 * 1024
"""Bytes in one message from a tab: keys and pastes; far below aiohttp's 4 MB default."""
CLOSING = 10.0
"""Seconds a tab's process has to leave when the server stops, before it is killed."""

log = logging.getLogger("journey.serve")


def policy(websocket: str) -> str:
    """The page's Content-Security-Policy: the browser itself refuses anything from another
    host (textual.js would otherwise fetch any URL given as ?ping= in the address)."""
    return (f"default-src 'self'; connect-src 'self' {websocket}; "
            "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self'; worker-src 'self' blob:; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def unsaved(reports: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """(code, why) of each journey whose last step is not on disk, from the tabs' last save
    reports by code (frontend.classroom.save_report): its save failed, or its file is gone."""
    found = []
    for code, report in sorted(reports.items()):
        if report.get("over"):
            continue
        if report.get("error"):
            found.append((code, str(report["error"])))
        elif not Path(str(report.get("save"))).is_file():
            found.append((code, "its save file is missing"))
    return found


class TabService(AppService):
    """textual-serve's tab process, started without a shell, with `environment` added (the
    tab's computer and browser), in a terminal within the cap, passing on its save reports."""

    def __init__(self, argv: list[str], environment: dict[str, str],
                 reports: dict[str, dict[str, Any]], **options: Any):
        super().__init__(shlex.join(argv), **options)
        self.argv = argv
        self.environment = environment
        self.reports = reports

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(*terminal_size(width, height))
        environment.update(self.environment)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment)
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """The process's output until it ends, however it ends; then the tab is closed (its
        page says so) instead of left open on a process that is gone."""
        await super().run()
        await self.remote_close()

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*terminal_size(width, height))

    async def on_meta(self, data: bytes) -> None:
        meta = json.loads(data)
        if isinstance(meta, dict) and meta.get("type") == SAVE_REPORT:
            self.reports[str(meta.get("code"))] = meta
            return
        await super().on_meta(data)

    async def leave(self) -> None:
        """Ask the process to quit and wait until it has gone (killed if it has not within
        CLOSING), then close its input: all while the server's loop runs, which must see the
        process end before it closes itself."""
        process = self._process
        try:
            await asyncio.wait_for(self.stop(), CLOSING)
            if process is not None:
                await asyncio.wait_for(process.wait(), CLOSING)
        except TimeoutError:
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()
        if process is not None and process.stdin is not None:
            process.stdin.close()


class ClassServer(Server):
    """The class server: `tab` is the command of one tab's process; `tabs` counts the open
    tabs against their caps."""

    def __init__(self, tab: list[str], host: str, port: int, title: str, language: str,
                 tabs: TabCount, greeting: list[str]):
        super().__init__(shlex.join(tab), host=host, port=port, title=title,
                         templates_path=TEMPLATES)
        self.tab = tab
        self.language = language
        self.tabs = tabs
        self.greeting = greeting
        """What to print once listening: the addresses to give the class, and the caps."""
        self.live: set[TabService] = set()
        self.reports: dict[str, dict[str, Any]] = {}
        """Each journey's last save report, by code."""

    def initialize_logging(self) -> None:
        """One plain line per problem on the teacher's console, never a traceback with every
        local variable in it (textual-serve's rich handler)."""
        logging.basicConfig(level=logging.WARNING, format="journey serve: %(message)s")
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # a line a request

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_tab, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        for line in self.greeting:
            print(line, flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's journey (each saves as it goes) before the server stops."""
        await asyncio.gather(*(service.leave() for service in list(self.live)))

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not host_allowed(request.host, self.host):
            return misdirected()
        token = request.cookies.get(COOKIE, "")
        browser = token if TOKEN.fullmatch(token) else secrets.token_urlsafe(24)
        websocket = f"{'wss' if request.secure else 'ws'}://{request.host}/ws"
        context = {"config": {"static": {"url": "/static/"}}, "application": {"name": self.title},
                   "language": self.language}
        refused = self.tabs.refusal(computer(request.remote), browser)
        if refused is not None:
            page = aiohttp_jinja2.render_template(
                "class_full.html", request, {**context, "computer": refused == COMPUTER_FULL,
                                             "total": self.tabs.total,
                                             "per_computer": self.tabs.per_computer},
                status=503)
        else:
            font_size = request.query.get("fontsize", "16")
            page = aiohttp_jinja2.render_template("app_index.html", request, {
                **context, "font_size": int(font_size[:3]) if font_size.isdecimal() else 16,
                "app_websocket_url": websocket})
        page.headers["Content-Security-Policy"] = policy(websocket)
        page.set_cookie(COOKIE, browser, httponly=True, samesite="Strict", path="/",
                        secure=request.secure)
        return page

    async def handle_tab(self, request: web.Request) -> web.StreamResponse:
        """A tab's websocket, after the guards: a websocket request (400), from our own page
        (403), within the caps (503). Then a process of its own until either side closes."""
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=LARGEST_MESSAGE)
        if not websocket.can_prepare(request).ok:
            return web.Response(status=400, text="This address is for the game's page, which "
                                                 "opens it by itself: open / instead.\n")
        if not host_allowed(request.host, self.host) or not same_origin(
                request.headers.get("Origin"), request.scheme, request.host):
            return web.Response(status=403, text="Only this server's own page can open a "
                                                 "journey.\n")
        where = computer(request.remote)
        token = request.cookies.get(COOKIE, "")
        browser = token if TOKEN.fullmatch(token) else ""
        refused = await self.tabs.enter(where, browser)
        if refused is not None:
            full = ("this computer has every journey it may open" if refused == COMPUTER_FULL
                    else "the class is full")
            return web.Response(status=503, text=f"No journey can be opened now: {full}. "
                                                 "Reload the page in a minute.\n")
        try:
            await self.run_tab(request, websocket, where, browser)
        finally:
            await self.tabs.leave(where, browser)
        return websocket

    async def run_tab(self, request: web.Request, websocket: web.WebSocketResponse,
                      where: str, browser: str) -> None:
        width, height = terminal_size(request.query.get("width"), request.query.get("height"))
        service = TabService(self.tab, dict(zip(TAB_VARIABLES, (where, browser), strict=True)),
                             self.reports, write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=websocket.close,
                             download_manager=self.download_manager)
        self.live.add(service)
        try:
            await websocket.prepare(request)
            await service.start(width, height)
            await relay(websocket, service)
        except asyncio.CancelledError:
            pass
        except (OSError, ConnectionError, RuntimeError, ValueError) as error:
            log.warning("a tab closed after an error: %s", error)
        finally:
            await service.leave()
            self.live.discard(service)
            if not websocket.closed:
                await websocket.close()


async def relay(websocket: web.WebSocketResponse, service: TabService) -> None:
    """Pass what the page sends to the tab's process, as textual-serve does, but skip what is
    not one of textual.js's messages instead of failing on it."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(*terminal_size(data.get("width"),
                                                           data.get("height")))
        elif kind == "ping" and isinstance(data, str):
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def misdirected() -> web.Response:
    return web.Response(status=403, text="journey serve answers this computer only: open "
                                         "http://127.0.0.1 or http://localhost instead.\n")
