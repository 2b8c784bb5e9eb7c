"""The teacher's side of a served class: a live page of the journeys in progress by stage and
the finished ones by era and kind of ending, updated by Server-Sent Events as the class plays,
and the class report (one screen for the projector, the details below it).

Every address of it holds a random token (`secrets.token_urlsafe`, 192 bits), printed only on
the teacher's console and never put in a student's page: a request without it is answered as
any unknown address is. The token is compared in constant time (`hmac.compare_digest`), and the
pages ask the browser to send no Referer, so the address leaves the teacher's browser nowhere.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import jinja2
from aiohttp import web
from markupsafe import Markup

from journey.web.class_live import QUIET, ClassLive
from journey.web.page_limits import TEACHER_STREAMS

TEMPLATES = Path(__file__).resolve().parent / "templates"
KEEP_ALIVE = 15.0
"""Seconds between two messages on the live stream when nothing changes (the page's time is
brought up to date, and a closed page is noticed)."""
GATHER = 0.5
"""Seconds the stream waits after a change, so that a class's steps come as one message."""


def new_token() -> str:
    return secrets.token_urlsafe(24)


def event(data: str) -> bytes:
    """One Server-Sent Event carrying `data` (each line of it a `data:` field)."""
    return ("".join(f"data: {line}\n" for line in data.splitlines()) + "\n").encode("utf-8")


class TeacherPages:
    """The teacher's addresses, under /teacher/TOKEN: the live page, its stream (/live), and
    the class report (/report) that `report` writes for the journeys finished since a moment."""

    def __init__(self, token: str, title: str, language: str, live: ClassLive,
                 report: Callable[[datetime], str], started: datetime):
        self.token = token
        self.title = title
        self.language = language
        self.live = live
        self.report = report
        self.started = started
        self.streams = 0
        self.templates = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                            autoescape=True)

    @property
    def path(self) -> str:
        return f"/teacher/{self.token}"

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/teacher/{token}", self.page),
                web.get("/teacher/{token}/live", self.stream),
                web.get("/teacher/{token}/report", self.class_report)]

    def check(self, request: web.Request) -> None:
        """Answer as for an unknown address unless the token is the teacher's."""
        given = request.match_info["token"].encode("utf-8", "replace")
        if not hmac.compare_digest(given, self.token.encode("ascii")):
            raise web.HTTPNotFound(text="There is nothing at this address.\n")

    def fragment(self) -> str:
        return self.templates.get_template("teacher_fragment.html").render(
            snapshot=self.live.snapshot(), quiet=round(QUIET / 60),
            when=time.strftime("%H:%M:%S"))

    async def page(self, request: web.Request) -> web.Response:
        self.check(request)
        nonce = secrets.token_urlsafe(16)
        html = self.templates.get_template("teacher_live.html").render(
            title=self.title, language=self.language, fragment=Markup(self.fragment()),
            nonce=nonce, events=f"{self.path}/live", report=f"{self.path}/report")
        return web.Response(text=html, content_type="text/html", headers={
            "Content-Security-Policy": f"default-src 'none'; script-src 'nonce-{nonce}'; "
                                       "style-src 'unsafe-inline'; connect-src 'self'; "
                                       "img-src data:; base-uri 'none'; form-action 'none'; "
                                       "frame-ancestors 'none'",
            "Cache-Control": "no-store"})

    async def stream(self, request: web.Request) -> web.StreamResponse:
        """The live page's events: the page's changing part, whenever the class moves (at
        most every GATHER seconds) and every KEEP_ALIVE seconds, until the server stops."""
        self.check(request)
        if self.streams >= TEACHER_STREAMS:
            raise web.HTTPServiceUnavailable(
                text=f"The teacher's page is open {TEACHER_STREAMS} times already: close one.\n")
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream",
                                               "Cache-Control": "no-store"})
        self.streams += 1
        try:
            await response.prepare(request)
            seen = -1
            while not self.live.closing:
                seen = self.live.version
                await response.write(event(self.fragment()))
                if await self.live.wait(seen, KEEP_ALIVE) != seen:
                    await asyncio.sleep(GATHER)
        except ConnectionError:
            pass  # the page was closed
        finally:
            self.streams -= 1
        return response

    async def class_report(self, request: web.Request) -> web.Response:
        """The class report of the journeys finished since the server started."""
        self.check(request)
        html = await asyncio.to_thread(self.report, self.started)
        return web.Response(text=html, content_type="text/html", headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                       "base-uri 'none'; form-action 'none'; "
                                       "frame-ancestors 'none'",
            "Cache-Control": "no-store"})
