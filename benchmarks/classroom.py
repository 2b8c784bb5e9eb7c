"""A class on one laptop: `journey serve` with scripted students speaking textual-serve's
websocket protocol, as textual.js does (JSON envelopes ["resize", {...}] and ["stdin", keys]
from the browser; binary packets of terminal output back).

First one student alone, then a class: every student connects at the same moment (the server
starts a process for each), waits until the whole class has the title screen, then starts a
new journey and plays it to an ending, pressing a key every THINK seconds (+-50%: people read
at different speeds). Printed: how long the title took to come, every journey finished or
not, the class record's row count, keypress-to-screen times (first output after a key, and the
last output of the redraw it caused), and the memory and CPU of each student's process.

    .venv/bin/python benchmarks/classroom.py [--students 30] [--think 1.0] [--scenario tutorial]

Students take the first open choice, except in the first scene, where they alternate between
the eras (keys 1 and 2), so both eras' screens are drawn. It uses a data folder of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                     r"|\x1b[()][0-9A-B]|\x1b[=>78MDEc]")
QUIET = 0.25
"""Seconds without output that end a redraw."""
SIZE = {"width": 100, "height": 30}
ENDED = "The journey ends"
"""The debrief's first words."""
TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Student:
    number: int
    first: list[float] = field(default_factory=list)
    last: list[float] = field(default_factory=list)
    ended: bool = False
    cpu: list[float] = field(default_factory=list)
    """CPU seconds the student's process spent on each key (measured for a student alone)."""
    arrived: float = 0.0
    """Seconds from connecting to the title screen."""
    steps: int = 0
    error: str = ""


async def redraw(ws: aiohttp.ClientWebSocketResponse, since: float,
                 until: str | None = None, limit: float = 120.0) -> tuple[str, float, float]:
    """Output until it goes quiet (and shows `until`, if given): (text, first, last) with
    times in seconds after `since`."""
    text, first, last = "", None, since
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            message = await ws.receive(timeout=QUIET)
        except asyncio.TimeoutError:
            if first is not None and (until is None or until in ESCAPES.sub("", text)):
                break
            continue
        if message.type != aiohttp.WSMsgType.BINARY:
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED,
                                aiohttp.WSMsgType.ERROR):
                raise ConnectionError("the server closed the connection")
            continue
        now = time.monotonic()
        first = now if first is None else first
        last = now
        text += message.data.decode("utf-8", "replace")
    else:
        raise TimeoutError(f"no {until!r} within {limit:.0f} s")
    return ESCAPES.sub("", text), (first or last) - since, last - since


async def read_for(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> str:
    """A student reading: output that comes meanwhile (the end of a slow redraw) is not
    counted for the next key, but what it shows is returned."""
    deadline, text = time.monotonic() + seconds, ""
    while (left := deadline - time.monotonic()) > 0:
        try:
            message = await ws.receive(timeout=left)
        except asyncio.TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            text += message.data.decode("utf-8", "replace")
    return ESCAPES.sub("", text)


async def play(url: str, student: Student, think: float, everyone: asyncio.Barrier,
               probe: Callable[[], float] | None) -> None:
    """One student's tab: the title screen, then, once every student has it (as a teacher
    waits for the class to be in), a new journey and keys until the debrief."""
    rng = random.Random(student.number)
    try:
        async with aiohttp.ClientSession() as http, http.ws_connect(
                f"{url}ws?width={SIZE['width']}&height={SIZE['height']}",
                headers={"Origin": url.rstrip("/")}, max_msg_size=0) as ws:
            connected = time.monotonic()
            await ws.send_str(json.dumps(["resize", SIZE]))
            await redraw(ws, connected, "New journey")
            student.arrived = time.monotonic() - connected
            await everyone.wait()
            keys = ["n", str(1 + student.number % 2)]
            while True:
                if ENDED in await read_for(ws, think * rng.uniform(0.5, 1.5)):
                    student.ended = True
                    return
                key = keys.pop(0) if keys else "1"
                spent = probe() if probe else 0.0
                start = time.monotonic()
                await ws.send_str(json.dumps(["stdin", key]))
                text, first, last = await redraw(ws, start)
                if probe:
                    student.cpu.append(probe() - spent)
                student.first.append(first)
                student.last.append(last)
                student.steps += key != "n"
                if ENDED in text:
                    student.ended = True
                    return
    except (OSError, ConnectionError, TimeoutError, aiohttp.ClientError,
            asyncio.BrokenBarrierError) as error:
        student.error = f"{type(error).__name__}: {error}"
        await everyone.abort()


def students_of(server: int) -> list[int]:
    """Process ids of the students' processes (journey play --served) under the server (a
    shell that starts one, as textual-serve's own server does, is left out)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--served" in command and not command[0].endswith(b"sh") and \
                _descends(int(entry.name), server):
            found.append(int(entry.name))
    return found


def _descends(pid: int, ancestor: int) -> bool:
    while pid > 1:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])
        if pid == ancestor:
            return True
    return False


def memory_mib(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process now, in MiB; PSS shares pages used by several processes (the
    Python interpreter, shared libraries) out among them."""
    rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    pss = next(int(line.split()[1]) * 1024 for line in
               Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
               if line.startswith("Pss:"))
    return rss / 2**20, pss / 2**20


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


async def watch(server: int, old: set[int], seen: dict[int, float],
                memory: dict[int, tuple[float, float]], busiest: list[int],
                stop: asyncio.Event) -> None:
    """Each second: each student's CPU time so far and how many run at once; every fifth
    second, each one's RSS and PSS (reading smaps costs the kernel milliseconds a process, so
    not more often). Processes in `old`, from an earlier lesson, are left out."""
    tick = 0
    while not stop.is_set():
        pids = [pid for pid in students_of(server) if pid not in old]
        busiest[0] = max(busiest[0], len(pids))
        for pid in pids:
            try:
                seen[pid] = cpu_seconds(pid)
                if tick % 5 == 4:
                    rss, pss = memory_mib(pid)
                    top = memory.get(pid, (0.0, 0.0))
                    memory[pid] = (max(top[0], rss), max(top[1], pss))
            except (OSError, StopIteration, ValueError):
                continue
        tick += 1
        try:
            await asyncio.wait_for(stop.wait(), 1.0)
        except asyncio.TimeoutError:
            pass


async def lesson(url: str, server: int, count: int, think: float) -> dict[str, object]:
    students = [Student(n) for n in range(count)]
    seen: dict[int, float] = {}
    memory: dict[int, tuple[float, float]] = {}
    busiest = [0]
    stop = asyncio.Event()
    old = set(students_of(server))
    watcher = asyncio.create_task(watch(server, old, seen, memory, busiest, stop))
    started, server_cpu, own_cpu = time.monotonic(), cpu_seconds(server), time.process_time()
    everyone = asyncio.Barrier(count)

    def alone() -> float:
        """CPU seconds of the one student process so far."""
        return sum(cpu_seconds(pid) for pid in students_of(server) if pid not in old)

    await asyncio.gather(*(play(url, s, think, everyone, alone if count == 1 else None)
                           for s in students))
    took = time.monotonic() - started
    server_cpu, own_cpu = cpu_seconds(server) - server_cpu, time.process_time() - own_cpu
    stop.set()
    await watcher
    return {"students": students, "cpu": seen, "memory": list(memory.values()),
            "busiest": busiest[0], "took": took, "server_cpu": server_cpu, "own_cpu": own_cpu}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def milliseconds(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (f"median {1000 * statistics.median(ordered):.0f} ms, 90th percentile "
            f"{1000 * p90:.0f} ms, max {1000 * ordered[-1]:.0f} ms ({len(ordered)} keys)")


def report(title: str, result: dict[str, object], database: Path, before: int) -> int:
    from journey.frontend import class_record

    students: list[Student] = result["students"]  # type: ignore[assignment]
    cpu: dict[int, float] = result["cpu"]  # type: ignore[assignment]
    memory: list[tuple[float, float]] = result["memory"]  # type: ignore[assignment]
    rows = len(class_record.read(database)) - before
    finished = sum(s.ended for s in students)
    print(f"\n{title}: {len(students)} student(s), {result['took']:.1f} s")
    print(f"  journeys finished: {finished} of {len(students)}; class record rows added: {rows}")
    for s in students:
        if s.error:
            print(f"  student {s.number}: {s.error}")
    print(f"  connect to title screen: slowest {max(s.arrived for s in students):.1f} s, "
          f"median {statistics.median(s.arrived for s in students):.1f} s")
    print(f"  keypress to first output: {milliseconds([t for s in students for t in s.first])}")
    print(f"  keypress to redraw done:  {milliseconds([t for s in students for t in s.last])}")
    if students[0].cpu:
        print(f"  CPU of the student's process per key: "
              f"{milliseconds([t for s in students for t in s.cpu])}")
    if memory:
        print(f"  memory per student process (peak of each, mean of {len(memory)}; up to "
              f"{result['busiest']} at once): RSS {statistics.mean(m[0] for m in memory):.0f} "
              f"MiB, PSS {statistics.mean(m[1] for m in memory):.0f} MiB")
    if cpu:
        print(f"  CPU per student process (start-up and whole journey): "
              f"{statistics.mean(cpu.values()):.2f} s mean, {max(cpu.values()):.2f} s max, "
              f"{len(cpu)} processes")
    print(f"  CPU of the server process {result['server_cpu']:.1f} s, of these scripted "
          f"students (one process) {result['own_cpu']:.1f} s")
    return 0 if finished == len(students) == rows else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds between a student's keys (default 1.0)")
    parser.add_argument("--scenario", default="tutorial")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average before "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "XDG_DATA_HOME": data}
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        # The whole class is on this one computer: no cap per computer, and room for all.
        server = subprocess.Popen([sys.executable, "-m", "journey", "serve", args.scenario,
                                   "--terminal", "--port", str(port), "--seed", "11",
                                   "--tabs-per-computer", "0",
                                   "--max-tabs", str(max(60, args.students))], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.environ["XDG_DATA_HOME"] = data
        from journey.frontend import class_record

        database = class_record.database_path()
        try:
            while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
                time.sleep(0.1)
            failed = 0
            for title, count in (("One student alone", 1), ("A class at once", args.students)):
                before = len(class_record.read(database))
                result = asyncio.run(lesson(url, server.pid, count, args.think))
                failed |= report(title, result, database, before)
                print(f"  server process: RSS {memory_mib(server.pid)[0]:.0f} MiB; load "
                      f"average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
        leftovers = list((Path(data) / "journey" / "class-saves").glob("*"))
        print(f"\nsaves or locks left behind after every journey ended: {len(leftovers)}")
        return failed or (1 if leftovers else 0)


if __name__ == "__main__":
    sys.exit(main())
