"""A class on one laptop, served the game's page by one process: `journey serve` (the page, not
--terminal) with scripted students that speak its API over HTTP, as the page does.

Every student connects at the same moment, each from a loopback address of her own (a
computer of the class, to the server): she fetches the page (her first screen), keeps a new
journey under a code, then plays it to an ending, choosing at random among the open choices
as the page's runtime would offer them, reading THINK seconds (+-50%) between steps; after
each step she keeps it under her code and says her stage; at the end she sends the finished
journey to be recorded. Printed: when the last first screen came, the time of each kind of
request (median, 95th percentile, largest), refusals, the server's memory (RSS and PSS at
start, at its largest, at the end) and CPU, and whether every journey is in the class record.

    .venv/bin/python benchmarks/page_class.py [--students 30 300] [--think 0.5]
                                               [--scenario long_road]

It uses a data folder of its own; the exact odds come from the user's cache when they are
there (as in a lesson, where the teacher's computer has played the scenario before).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.engine.model import Scene
from journey.frontend.playthrough import Playthrough

TICK = os.sysconf("SC_CLK_TCK")
READY = re.compile(r"/teacher/")


@dataclass
class Student:
    number: int
    address: str
    first_screen: float | None = None
    recorded: bool = False
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    refused: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process, in KiB, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            found[name] = int(rest.split()[0])
    return found["Rss"], found["Pss"]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class Watch:
    """The server's memory, sampled every 0.1 s on a thread until stopped: the largest."""

    def __init__(self, pid: int):
        self.pid, self.largest, self.running = pid, (0, 0), True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while self.running:
            now = memory_kib(self.pid)
            self.largest = max(self.largest, now)
            time.sleep(0.1)

    def stop(self) -> tuple[int, int]:
        self.running = False
        self.thread.join()
        return self.largest


async def student_plays(base: str, student: Student, scenario_name: str, think: float,
                        start: asyncio.Event, origin: str) -> None:
    scenario = load_scenario(catalog.resolve(scenario_name))
    rng = random.Random(student.number)
    headers = {"Origin": origin}
    connector = aiohttp.TCPConnector(local_addr=(student.address, 0))
    async with aiohttp.ClientSession(connector=connector, headers=headers) as http:

        async def ask(kind: str, method: str, path: str, body: object = None) -> object:
            began = time.monotonic()
            async with http.request(method, base + path, json=body) as answer:
                data = await (answer.json() if path.startswith("/api") else answer.text())
                student.times[kind].append(time.monotonic() - began)
                if answer.status >= 300:
                    student.refused.append(f"{kind} {answer.status}: {data}")
                return data

        await start.wait()
        began = time.monotonic()
        await ask("page", "GET", "/")
        student.first_screen = time.monotonic() - began
        seed = rng.randrange(1_000_000)
        journey = Playthrough(scenario, seed)
        made = await ask("new code", "POST", "/api/codes", {"seed": seed, "history": []})
        code = made["code"] if isinstance(made, dict) else ""
        while not journey.over:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            open_ = [v.index for v in rules.choice_views(scenario, journey.state) if v.enabled]
            journey.take(rng.choice(open_))
            history = [list(step) for step in journey.state.history]
            if journey.over:
                break
            await ask("keep step", "POST", f"/api/codes/{code}",
                      {"seed": seed, "history": history})
            node = journey.node
            assert isinstance(node, Scene)
            await ask("progress", "POST", "/api/progress",
                      {"code": code, "stage": scenario.stages[node.stage].id})
        done = await ask("record", "POST", "/api/journeys",
                         {"seed": seed, "history": history, "code": code})
        student.recorded = isinstance(done, dict) and done.get("recorded") is True


async def lesson(base: str, count: int, scenario: str, think: float,
                 first_address: int) -> list[Student]:
    students = [Student(n, f"127.0.{1 + (first_address + n) // 250}.{1 + (first_address + n) % 250}")
                for n in range(count)]
    start = asyncio.Event()
    tasks = [asyncio.create_task(student_plays(base, s, scenario, think, start,
                                               base)) for s in students]
    await asyncio.sleep(0.2)  # every student waiting at the door
    start.set()
    await asyncio.gather(*tasks)
    return students


def quantiles(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (f"median {1000 * statistics.median(ordered):6.1f} ms, 95% {1000 * p95:6.1f} ms, "
            f"largest {1000 * ordered[-1]:6.1f} ms ({len(ordered)} requests)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, nargs="+", default=[30, 300])
    parser.add_argument("--think", type=float, default=0.5,
                        help="mean seconds between a student's steps (default 0.5)")
    parser.add_argument("--scenario", default="long_road")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average before "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; scenario {args.scenario}, "
          f"think {args.think} s")
    failed = False
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "XDG_DATA_HOME": data}
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([sys.executable, "-m", "journey", "serve", args.scenario,
                                   "--port", str(port)], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        assert server.stdout is not None
        for line in server.stdout:
            if READY.search(line):
                break
        threading.Thread(target=server.stdout.read, daemon=True).start()
        os.environ["XDG_DATA_HOME"] = data
        from journey.frontend import class_record

        try:
            rss, pss = memory_kib(server.pid)
            print(f"server ready: RSS {rss / 1024:.0f} MiB, PSS {pss / 1024:.0f} MiB")
            first_address = 0
            for count in args.students:
                before = len(class_record.read())
                watch, cpu = Watch(server.pid), cpu_seconds(server.pid)
                began = time.monotonic()
                students = asyncio.run(lesson(base, count, args.scenario, args.think,
                                              first_address))
                took = time.monotonic() - began
                first_address += count
                largest = watch.stop()
                rss, pss = memory_kib(server.pid)
                rows = len(class_record.read()) - before
                screens = [s.first_screen for s in students if s.first_screen is not None]
                refused = [r for s in students for r in s.refused]
                times: dict[str, list[float]] = defaultdict(list)
                for s in students:
                    for kind, found in s.times.items():
                        times[kind] += found
                print(f"\n{count} students at once ({took:.1f} s from the first request to "
                      "the last journey recorded):")
                print(f"  first screen (page fetched): last {max(screens):.3f} s, median "
                      f"{statistics.median(screens):.3f} s")
                for kind in ("page", "new code", "keep step", "progress", "record"):
                    print(f"  {kind:<10} {quantiles(times[kind])}")
                print(f"  journeys recorded: {rows} of {count} "
                      f"({sum(s.recorded for s in students)} answered recorded); refusals: "
                      f"{len(refused)}" + (f", first: {refused[0]}" if refused else ""))
                print(f"  server: CPU {cpu_seconds(server.pid) - cpu:.2f} s; memory largest "
                      f"RSS {largest[0] / 1024:.0f} MiB, PSS {largest[1] / 1024:.0f} MiB; at "
                      f"the end RSS {rss / 1024:.0f} MiB, PSS {pss / 1024:.0f} MiB")
                failed |= rows != count or bool(refused)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
