"""`journey serve`'s server for the web page: one aiohttp process gives the whole class the
game's page, keeps resume codes, records finished journeys (page_api) and gives the teacher a
live view (teacher). aiohttp is what textual-serve already brings: one async web stack, no
second one.

Before any handler, every request passes the same guards: the Host must be this computer when
the server answers this computer only (web.origin, against DNS rebinding); a request carrying
another site's Origin is refused, and a POST must carry the server's own; each computer has a
rate (page_limits). Whatever goes wrong is answered in one plain sentence (JSON under /api),
never with a traceback.
"""

from __future__ import annotations

import gzip
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from journey.frontend.classroom_store import ClassroomStore
from journey.frontend.served_journeys import ServedScenario
from journey.web.class_live import ClassLive
from journey.web.limits import computer
from journey.web.origin import host_allowed, same_origin
from journey.web.page_api import ApiError, PageApi, seed_json
from journey.web.page_limits import RequestRate
from journey.web.record_writer import RecordWriter
from journey.web.teacher import TeacherPages

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
               "img-src data: blob:; connect-src 'self' data: blob:; font-src data:; "
               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
"""The page's Content-Security-Policy: its own inline script and style, and requests to this
server only (the browser refuses any other host)."""
SHUTDOWN = 5.0
"""Seconds open requests get to finish when the server stops."""

log = logging.getLogger("journey.serve")


@dataclass(frozen=True)
class ClassSite:
    """What the command gives the server: the scenario, the page for a configuration (the
    seam to the game's page), the class report since a moment, and how to run."""

    served: ServedScenario
    page: Callable[[dict[str, object]], str]
    report: Callable[[datetime], str]
    host: str
    port: int
    code_length: int
    show_odds: bool
    greeting: Callable[[str], list[str]]
    """The lines to print once listening, given the teacher's address path."""


class PageServer:
    """The class's server: `serve()` runs it until Ctrl+C."""

    def __init__(self, site: ClassSite, token: str, store: ClassroomStore | None = None):
        self.site = site
        self.live = ClassLive(site.served.stages)
        self.writer = RecordWriter(lambda message: log.warning("%s", message))
        self.api = PageApi(site.served, store or ClassroomStore(keep_open=True), self.live,
                           self.writer, site.code_length)
        self.started = datetime.now().astimezone().replace(microsecond=0)
        """When the server started, to the second, as the class record writes times."""
        self.teacher = TeacherPages(token, site.served.title, site.served.language, self.live,
                                    site.report, self.started)
        self.rate = RequestRate()
        seed = None if site.served.seed is None else seed_json(site.served.seed)
        config = {"served": True, "api": "/api", "seed": seed,
                  "showOdds": site.show_odds, "codeLength": site.code_length}
        self.html = site.page(config).encode("utf-8")
        self.gzipped = gzip.compress(self.html, 9)
        """The page compressed once, for every browser that takes gzip: a third of the bytes
        to send when the whole class opens it at once."""

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.answers, self.guards],
                              client_max_size=self.api.cap)
        app.add_routes([web.get("/", self.index), web.get("/favicon.ico", self.no_icon),
                        *self.api.routes(), *self.teacher.routes()])
        app.on_response_prepare.append(self.headers)
        app.on_shutdown.append(self.closing)
        return app

    def serve(self) -> None:
        """Listen until Ctrl+C. Raises OSError when the address cannot be listened on."""
        logging.basicConfig(level=logging.WARNING, format="journey serve: %(message)s")
        web.run_app(self.app(), host=self.site.host, port=self.site.port,
                    print=lambda _: self.greet(), access_log=None,
                    shutdown_timeout=SHUTDOWN, handle_signals=True)

    def greet(self) -> None:
        for line in self.site.greeting(self.teacher.path):
            print(line, flush=True)

    async def index(self, request: web.Request) -> web.Response:
        headers = {"Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-cache",
                   "Vary": "Accept-Encoding"}
        body = self.html
        if takes_gzip(request.headers.get("Accept-Encoding", "")):
            body, headers["Content-Encoding"] = self.gzipped, "gzip"
        return web.Response(body=body, content_type="text/html", charset="utf-8",
                            headers=headers)

    async def no_icon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    @web.middleware
    async def answers(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Every refusal in one plain sentence: JSON {"error"} under /api, text elsewhere."""
        api = request.path.startswith("/api/")
        try:
            return await handler(request)
        except ApiError as error:
            return refusal(api, error.status, error.message, error.retry)
        except web.HTTPException as error:
            if error.status < 400:
                raise
            return refusal(api, error.status, plain(error))
        except (ConnectionError, TimeoutError):
            raise
        except Exception as error:  # one line on the console; the client learns nothing more
            log.warning("a request to %s failed: %s: %s", request.path,
                        type(error).__name__, error)
            return refusal(api, 500, "The server could not answer this request.")

    @web.middleware
    async def guards(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """The rate first, so that every request counts, refused or not; then the Host and
        the Origin."""
        wait = self.rate.wait(computer(request.remote), time.monotonic())
        if wait:
            raise ApiError(429, "Too many requests from this computer; wait a moment.", wait)
        if not host_allowed(request.host, self.site.host):
            raise ApiError(403, "journey serve answers this computer only: open "
                                "http://127.0.0.1 or http://localhost instead.")
        origin = request.headers.get("Origin")
        if (origin is not None or request.method not in ("GET", "HEAD")) and not same_origin(
                origin, request.scheme, request.host):
            raise ApiError(403, "Only this server's own page may ask this.")
        return await handler(request)

    async def headers(self, request: web.Request, response: web.StreamResponse) -> None:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")

    async def closing(self, app: web.Application) -> None:
        """The teacher's streams end, and every journey and code handed over is written."""
        await self.live.close()
        await self.writer.close()
        self.api.storing.submit(self.api.store.close)
        self.api.storing.shutdown(wait=True)


def takes_gzip(accepted: str) -> bool:
    """Whether an Accept-Encoding header takes gzip: named, and not refused with q=0."""
    for part in accepted.lower().split(","):
        name, *parameters = (piece.strip() for piece in part.split(";"))
        if name == "gzip":
            weights = [p.removeprefix("q=").strip() for p in parameters if p.startswith("q=")]
            try:
                return not weights or float(weights[0]) > 0
            except ValueError:
                return False
    return False


def plain(error: web.HTTPException) -> str:
    """aiohttp's own refusals (an unknown address, a method not allowed, a body too large) in
    one sentence."""
    known = {404: "There is nothing at this address.",
             405: "This address does not take that kind of request.",
             413: "The request is larger than this server takes."}
    return known.get(error.status, (error.text or error.reason or "").strip() or
                     "The request was refused.")


def refusal(api: bool, status: int, message: str, retry: float | None = None) -> web.Response:
    headers = {"Cache-Control": "no-store"}
    if retry:
        headers["Retry-After"] = str(max(1, round(retry + 0.5)))
    if api:
        return web.json_response({"error": message}, status=status, headers=headers)
    return web.Response(status=status, text=message + "\n", headers=headers)
