"""A tab as a script opens one: aiohttp's websocket client speaking textual-serve's protocol as
textual.js does (["stdin", keys] and ["resize", {width, height}] out, terminal output back), for
the tests that probe `journey serve` as a stranger would. Every wait is for something the tab
is sent, within browser.WAIT."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp

from .browser import ESCAPES, WAIT, Teacher

T = TypeVar("T")

POSITION = re.compile(r"\x1b\[(\d+);(\d+)H")
"""The cursor moves Textual draws with: row;column, from 1."""


def squeeze(text: str) -> str:
    """Letters and digits only: what the screen says, however its lines and boxes wrap it."""
    return re.sub(r"[^0-9A-Za-z]", "", text)


class SocketTab:
    """One websocket to the server at `port`, from the loopback address `local` (127.0.0.1
    unless given), sending `origin` (the server's own unless given; "" for none)."""

    def __init__(self, port: int, width: int = 100, height: int = 30,
                 origin: str | None = None, local: str = "127.0.0.1",
                 headers: dict[str, str] | None = None):
        self.port, self.size = port, (width, height)
        self.origin = f"http://127.0.0.1:{port}" if origin is None else origin
        self.local = local
        self.headers = headers or {}
        self.raw = ""
        self.mark = 0
        self.closed = asyncio.Event()
        self.http: aiohttp.ClientSession | None = None

    async def open(self) -> int:
        """Connect: 101 once the tab is open, or the HTTP status it was refused with."""
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(self.local, 0)))
        headers = {**({"Origin": self.origin} if self.origin else {}), **self.headers}
        width, height = self.size
        try:
            self.ws = await self.http.ws_connect(
                f"ws://127.0.0.1:{self.port}/ws?width={width}&height={height}",
                headers=headers, max_msg_size=0)
        except aiohttp.WSServerHandshakeError as refused:
            await self.http.close()
            self.closed.set()
            return refused.status
        self.reader = asyncio.create_task(self.read())
        return 101

    async def start_journey(self) -> str:
        """Open the tab, start a new journey from the title screen; its code."""
        assert await self.open() == 101
        await self.shows("New journey")
        await self.press("n")
        await self.shows("Your code")
        return self.code()

    async def read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.raw += message.data.decode("utf-8", "replace")
        self.closed.set()

    def text(self) -> str:
        """What the tab was sent since the last key, escape sequences removed."""
        return ESCAPES.sub("", self.raw[self.mark:])

    async def until(self, condition, what: str) -> None:
        """Wait until `condition()` holds, taking in what the tab is sent meanwhile."""
        deadline = time.monotonic() + WAIT
        while not condition():
            assert not self.closed.is_set(), f"the tab closed before {what}"
            assert time.monotonic() < deadline, f"waited {WAIT:.0f} s for {what}"
            await asyncio.sleep(0.05)

    async def shows(self, text: str) -> str:
        """Wait until the tab shows `text`; what it shows then."""
        await self.until(lambda: squeeze(text) in squeeze(self.text()), f"it to show {text!r}")
        return self.text()

    async def send(self, *envelope: object) -> None:
        await self.ws.send_str(json.dumps(list(envelope)))

    async def press(self, *keys: str) -> None:
        self.mark = len(self.raw)
        for key in keys:
            await self.send("stdin", key)

    def code(self) -> str:
        found = re.findall(r"Your code: ([0-9A-Z]+)", ESCAPES.sub("", self.raw))
        assert found, "no code was shown"
        return found[-1]

    def farthest(self) -> tuple[int, int]:
        """The lowest row the tab was drawn at since the last key, and the widest line: each
        line is drawn from a cursor move to its first column."""
        drawn = self.raw[self.mark:]
        rows = [int(row) for row, _ in POSITION.findall(drawn)] or [0]
        lines = POSITION.split(drawn)[3::3]
        return max(rows), max((len(ESCAPES.sub("", line).rstrip("\r\n")) for line in lines),
                              default=0)

    async def close(self) -> None:
        if self.http is None:
            return
        if not self.closed.is_set():
            await self.ws.close()
            await self.reader
        await self.http.close()


def against(teacher: Teacher, body: Callable[[], Awaitable[T]]) -> tuple[T, int, str]:
    """Run `body` against the teacher's server, then stop it with Ctrl+C however `body` ended:
    (what `body` returned, the server's exit code, everything it printed, which never holds a
    traceback: the teacher reads it)."""
    try:
        result = asyncio.run(body())
    finally:
        code, printed = teacher.stop()
    assert "Traceback" not in printed and "Exception ignored" not in printed, printed
    return result, code, printed


async def page(port: int, path: str = "/", local: str = "127.0.0.1",
               headers: dict[str, str] | None = None) -> tuple[int, str]:
    """GET `path` from the server: (status, body)."""
    async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(local, 0))) as http:
        async with http.get(f"http://127.0.0.1:{port}{path}", headers=headers) as answer:
            return answer.status, await answer.text()


def words(html: str) -> str:
    """The text of an HTML page, tags removed and spaces squeezed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
