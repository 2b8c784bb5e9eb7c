"""Probes of `journey serve` as a stranger on the network and as a careless student: each starts
a real server on a free port with a data folder of its own, speaks textual-serve's websocket
protocol as textual.js does, and prints what it saw. Nothing here asserts: the tests
(tests/cli/test_serve_*.py, tests/web/) hold the answers; this prints the figures.

    .venv/bin/python benchmarks/serve_probes.py [PROBE ...] [--tabs 150]

Probes: huge (a 20000x20000 terminal at connect, and in one resize message: the tab's memory),
tabs (many tabs at once from many loopback addresses: processes, memory, answers), getws (plain
GET /ws: time per request, lines on the teacher's console, a student's key response meanwhile),
origin (a websocket from another origin), codes (guessing codes through one tab; what a code
open elsewhere says), odds (`o` in one tab: the teacher's settings file), ctrlc (Ctrl+C in a
tab), fulldisk (a save that fails, then Ctrl+C on the server), static (GET /static/).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from classroom import ESCAPES, free_port, memory_mib

LIMIT_GIB = 1.5
"""The huge-terminal probe stops a tab whose process grows past this (the machine is shared)."""


def descendants(root: int) -> list[int]:
    """Every process under `root` (the shells textual-serve starts included)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        found += frontier
    return found


def resident_gib(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += memory_mib(pid)[0]
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def squeeze(text: str) -> str:
    """Letters and digits only: text as the screen wraps it, without the wrapping."""
    return re.sub(r"[^0-9A-Za-z]", "", text)


class Server:
    """`journey serve tutorial` on a free port, its console captured to a file."""

    def __init__(self, data: Path, *extra: str, host: str = "127.0.0.1"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.origin = f"http://127.0.0.1:{self.port}"
        self.data = data
        self.console = data / "console.txt"
        data.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "journey", "serve", "tutorial", "--terminal", "--port",
             str(self.port), "--host", host, *extra],
            env={**os.environ, "XDG_DATA_HOME": str(data)}, stdout=self.console.open("w"),
            stderr=subprocess.STDOUT, start_new_session=True)

    async def ready(self) -> None:
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.close()
                return
            except OSError:
                await asyncio.sleep(0.1)

    def lines(self) -> int:
        return len(self.console.read_text(errors="replace").splitlines())

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        return self.console.read_text(errors="replace")


class Tab:
    """One websocket, as a browser tab opens it."""

    def __init__(self, server: Server, width: int = 100, height: int = 30,
                 origin: str | None = None, local: str | None = None):
        self.server, self.size = server, (width, height)
        self.origin = server.origin if origin is None else origin
        self.local = local
        self.text, self.mark = "", 0
        self.closed = False

    async def open(self) -> int:
        """Connect; the HTTP status of the answer (101 when a tab opened)."""
        connector = aiohttp.TCPConnector(local_addr=(self.local, 0) if self.local else None)
        self.http = aiohttp.ClientSession(connector=connector)
        width, height = self.size
        try:
            self.ws = await self.http.ws_connect(
                f"ws://127.0.0.1:{self.server.port}/ws?width={width}&height={height}",
                headers={"Origin": self.origin}, max_msg_size=0)
        except aiohttp.WSServerHandshakeError as refused:
            await self.http.close()
            self.closed = True
            return refused.status
        self.reader = asyncio.create_task(self.read())
        return 101

    async def read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.text += ESCAPES.sub("", message.data.decode("utf-8", "replace"))
        self.closed = True

    def since(self) -> str:
        return self.text[self.mark:]

    async def until(self, text: str, limit: float = 60.0) -> bool:
        """Until the tab shows `text` (any of its |-separated parts) after the last key, in
        whatever lines and boxes the screen wraps it."""
        deadline = time.monotonic() + limit
        parts = [squeeze(part) for part in text.split("|")]
        while not any(part in squeeze(self.since()) for part in parts):
            if self.closed or time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True

    async def send(self, *envelope: object) -> None:
        await self.ws.send_str(json.dumps(list(envelope)))

    async def press(self, *keys: str) -> None:
        self.mark = len(self.text)
        for key in keys:
            if not self.closed:
                await self.send("stdin", key)

    async def close(self) -> None:
        if not self.closed:
            await self.ws.close()
            self.reader.cancel()
        await self.http.close()


def tab_processes(server: Server) -> list[int]:
    return descendants(server.process.pid)


async def journey_tab(data: Path) -> tuple[Server, Tab]:
    """A server, and a tab of it on a new journey."""
    server = Server(data)
    await server.ready()
    return server, await new_journey(server)


async def new_journey(server: Server) -> Tab:
    """A tab of the server on a new journey."""
    tab = Tab(server)
    await tab.open()
    await tab.until("New journey")
    await tab.press("n")
    await tab.until("Your code")
    return tab


async def probe_huge(data: Path, seconds: float = 60.0) -> None:
    for how in ("at connect", "in one resize message"):
        server = Server(data / how.replace(" ", "-"))
        await server.ready()
        big = how == "at connect"
        tab = Tab(server, *((20000, 20000) if big else (100, 30)))
        status = await tab.open()
        if status != 101:
            print(f"huge terminal {how}: refused with HTTP {status}")
            server.stop()
            continue
        if not big:
            await tab.until("New journey")
            await tab.send("resize", {"width": 20000, "height": 20000})
        started, peak, grew = time.monotonic(), 0.0, 0.0
        while (spent := time.monotonic() - started) < seconds:
            peak = max(peak, resident_gib(tab_processes(server)))
            if peak > LIMIT_GIB:
                grew = spent
                break
            await asyncio.sleep(0.5)
        alive = not tab.closed
        await tab.close()
        server.stop()
        print(f"huge terminal {how}: tab's processes peaked at {peak:.2f} GiB"
              + (f", past {LIMIT_GIB} GiB after {grew:.1f} s (stopped there)" if grew else
                 f" in {seconds:.0f} s; tab still open: {alive}"))


async def probe_tabs(data: Path, count: int) -> None:
    server = Server(data / "tabs", host="127.0.0.1")
    await server.ready()
    tabs = [Tab(server, local=f"127.0.0.{2 + n // 4}") for n in range(count)]
    started = time.monotonic()
    times: dict[int, list[float]] = {}

    async def opened(tab: Tab) -> int:
        begun = time.monotonic()
        status = await tab.open()
        times.setdefault(status, []).append(time.monotonic() - begun)
        return status

    statuses = await asyncio.gather(*(opened(t) for t in tabs))
    answered = time.monotonic() - started
    admitted = [t for t, s in zip(tabs, statuses) if s == 101]
    print(f"tabs: {count} websockets from {len({t.local for t in tabs})} loopback addresses "
          f"answered in {answered:.1f} s: " + "; ".join(
              f"{len(spent)} {'opened' if status == 101 else f'refused with HTTP {status}'} "
              f"(median {statistics.median(spent):.2f} s, slowest {max(spent):.2f} s)"
              for status, spent in sorted(times.items())))
    peak_count, peak_gib, began = 0, 0.0, time.monotonic()
    settled = asyncio.gather(*(t.until("New journey", 90) for t in admitted))
    while not settled.done() and time.monotonic() - began < 90:
        pids = tab_processes(server)
        peak_count = max(peak_count, len(pids))
        peak_gib = max(peak_gib, resident_gib(pids))
        await asyncio.sleep(1)
    shown = sum(await settled) if settled.done() else "not all"
    print(f"tabs: processes under the server at most {peak_count}, their memory at most "
          f"{peak_gib:.2f} GiB; {shown} of {len(admitted)} opened tabs showed the title "
          f"within {time.monotonic() - began:.0f} s")
    async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=("127.0.0.250", 0))) as http:
        begun = time.monotonic()
        async with http.get(server.url) as page:
            body = await page.text()
        took = time.monotonic() - begun
        said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.split("<body>")[-1])).strip()
        print(f"tabs: a new student's page meanwhile: HTTP {page.status} in {took:.2f} s: "
              f"{said[:160]!r}")
    latecomer = Tab(server, local="127.0.0.251")
    begun = time.monotonic()
    status = await latecomer.open()
    if status == 101:
        came = await latecomer.until("New journey", 90)
        print(f"tabs: a new student's tab meanwhile: title screen "
              f"{'after' if came else 'not within'} {time.monotonic() - begun:.1f} s")
    else:
        print(f"tabs: a new student's tab meanwhile: refused with HTTP {status} in "
              f"{time.monotonic() - begun:.2f} s")
    await latecomer.close()
    await asyncio.gather(*(t.close() for t in tabs))
    server.stop()


async def get_ws(http: aiohttp.ClientSession, server: Server) -> str:
    """A plain GET /ws, as curl sends it: the HTTP status, or what happened instead."""
    try:
        async with http.get(f"{server.url}ws") as answer:
            await answer.read()
            return f"HTTP {answer.status}"
    except aiohttp.ClientError as error:
        return type(error).__name__


async def probe_getws(data: Path) -> None:
    server = Server(data / "getws")
    await server.ready()
    lines = server.lines()
    async with aiohttp.ClientSession() as http:
        times, statuses = [], set()
        for _ in range(30):
            begun = time.monotonic()
            statuses.add(await get_ws(http, server))
            times.append(time.monotonic() - begun)
    printed = server.lines() - lines
    print(f"GET /ws: {', '.join(sorted(statuses))}, {1000 * statistics.mean(times):.1f} ms each "
          f"(mean of 30), {printed / 30:.0f} lines on the teacher's console each")
    student = await new_journey(server)

    async def key_times(count: int) -> list[float]:
        found = []
        for n in range(count):
            await asyncio.sleep(0.3)
            begun = time.monotonic()
            await student.press("j")
            if await student.until("Journal" if n % 2 == 0 else "Status", 10):
                found.append(time.monotonic() - begun)
        return found

    quiet = await key_times(10)
    stop = asyncio.Event()

    async def loop() -> None:
        async with aiohttp.ClientSession() as http:
            while not stop.is_set():
                await get_ws(http, server)

    loops = [asyncio.create_task(loop()) for _ in range(4)]
    busy = await key_times(10)
    stop.set()
    await asyncio.gather(*loops)
    print(f"GET /ws: a student's key to screen: median {1000 * statistics.median(quiet):.0f} "
          f"ms alone, {1000 * statistics.median(busy):.0f} ms while four loops GET /ws")
    await student.close()
    server.stop()


async def probe_origin(data: Path) -> None:
    server = Server(data / "origin")
    await server.ready()
    for origin in ("http://evil.example", f"http://localhost.evil.example:{server.port}",
                   "null", ""):
        tab = Tab(server, origin=origin)
        status = await tab.open()
        shown = await tab.until("New journey", 30) if status == 101 else False
        print(f"origin {origin or '(none)'!r}: HTTP {status}"
              + (", the title screen came" if shown else ""))
        await tab.close()
    server.stop()


ANSWERS = "No journey|Too many|already open"
"""The first words of every answer to a code typed on the title screen, before and after."""


async def probe_codes(data: Path) -> None:
    server = Server(data / "codes")
    await server.ready()
    owner = await new_journey(server)
    code = re.findall(r"Your code: ([0-9A-Z]{6,8})", owner.text)[-1]
    guesser = Tab(server)
    await guesser.open()
    await guesser.until("New journey")
    await guesser.press("c")
    await guesser.until("Type the code")
    await guesser.press(code, "\r")
    await guesser.until(ANSWERS, 10)
    answer = re.sub(r"\s+", " ", guesser.since())
    said = re.findall(r"(?:already open|No journey|cannot|Too many)[^▁▔]{0,120}", answer)
    print(f"codes: a code open in another tab answers: {said[:1] or answer[-200:]!r}")
    guesses, refusals, looked, begun = 0, 0, 0, time.monotonic()
    while guesses < 25 and time.monotonic() - begun < 120:
        await guesser.press("c")
        if not await guesser.until("Type the code", 10):
            break
        guess = f"{guesses:0{len(code)}d}".translate(str.maketrans("01", "XY"))
        await guesser.press(guess, "\r")
        if not await guesser.until(f"code {guess}|Too many", 30):  # not an earlier answer
            break
        guesses += 1
        if "Too many" in guesser.since():
            refusals += 1
        elif not refusals:
            looked = guesses
    took = time.monotonic() - begun
    print(f"codes: {guesses} wrong codes typed through one tab in {took:.0f} s "
          f"({guesses / took:.1f} a second); the first {looked} were looked up, "
          f"{refusals} were answered 'too many'")
    await owner.close()
    await guesser.close()
    server.stop()


async def probe_odds(data: Path) -> None:
    server, tab = await journey_tab(data / "odds")
    await tab.press("o")
    await tab.until("Hide odds", 10)
    await tab.close()
    settings = data / "odds" / "journey" / "settings.json"
    written = settings.read_text() if settings.exists() else None
    print(f"odds: `o` in one tab; the teacher's settings file: {written!r}")
    server.stop()


async def probe_ctrlc(data: Path) -> None:
    server, tab = await journey_tab(data / "ctrlc")
    await tab.press("\x03")
    came = await tab.until("Ctrl+C", 10)
    await tab.press("1")
    await tab.until("Leave tonight", 10)
    print(f"ctrlc: Ctrl+C in a journey: tab {'closed' if tab.closed else 'still open'}"
          + (f"; it said {re.sub(chr(10), ' ', tab.text[tab.text.rfind('Ctrl+C') - 60:])[:200]!r}"
             if came else ""))
    await tab.close()
    server.stop()


async def probe_fulldisk(data: Path) -> None:
    server, tab = await journey_tab(data / "fulldisk")
    saves = data / "fulldisk" / "journey" / "class-saves"
    saves.rename(saves.with_name("class-saves-away"))
    saves.write_text("not a folder: every save in it fails, as on a full disk")
    await tab.press("1")
    await tab.until("could not be saved", 20)
    printed = server.stop()
    await tab.close()
    last = printed.strip().splitlines()
    words = last[-1] if "Every journey" in last[-1] else " / ".join(last[-2:])
    print(f"fulldisk: a save failed, then Ctrl+C; the server's last words: {words!r}")


async def probe_static(data: Path) -> None:
    server = Server(data / "static")
    await server.ready()
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}static/") as answer:
            body = await answer.text()
    print(f"static: GET /static/: HTTP {answer.status}, lists its folder: {'js/' in body}")
    server.stop()


PROBES = {"huge": probe_huge, "getws": probe_getws, "origin": probe_origin,
          "codes": probe_codes, "odds": probe_odds, "ctrlc": probe_ctrlc,
          "fulldisk": probe_fulldisk, "static": probe_static}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", nargs="*", metavar="PROBE",
                        help=f"which probes: {', '.join([*PROBES, 'tabs'])} (default: all)")
    parser.add_argument("--tabs", type=int, default=150, help="tabs for the tabs probe")
    args = parser.parse_args()
    chosen = args.probes or [*PROBES, "tabs"]
    if unknown := set(chosen) - {*PROBES, "tabs"}:
        parser.error(f"no such probe: {', '.join(sorted(unknown))}")
    print(f"machine: {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        for name in chosen:
            if name == "tabs":
                asyncio.run(probe_tabs(Path(folder), args.tabs))
            else:
                asyncio.run(PROBES[name](Path(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
