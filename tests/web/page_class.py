"""A class served the game's page, for the tests of `journey serve`'s page server: the teacher's
server on a free port with a data folder of its own (its console read line by line, so a test
knows the teacher's address), students as aiohttp clients from loopback addresses of their
own (each address is a computer to the server), and journeys played by the engine, as the
page's runtime plays them draw for draw."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import aiohttp

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.frontend.playthrough import Playthrough

from .browser import WAIT, free_port, wait_until

TEACHER = re.compile(r"^    (http://\S+/teacher/\S+)$", re.MULTILINE)


class PageTeacher:
    """`journey serve SCENARIO [OPTIONS]` (the page), on a free port of 127.0.0.1."""

    def __init__(self, data: Path, scenario: str = "tutorial", *options: str):
        self.data = data
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "XDG_DATA_HOME": str(data)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "journey", "serve", scenario, "--port", str(self.port),
             *options], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        wait_until(lambda: TEACHER.search(self.printed) is not None or
                   self.process.poll() is not None, "journey serve to say where to go")
        assert self.process.poll() is None, self.printed

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def printed(self) -> str:
        return "".join(self.lines)

    @property
    def teacher(self) -> str:
        """The teacher's address, as printed: http://127.0.0.1:PORT/teacher/TOKEN."""
        found = TEACHER.search(self.printed)
        assert found is not None, self.printed
        return found.group(1)

    def stop(self) -> tuple[int, str]:
        """Ctrl+C, as a teacher stops it: (exit code, everything it printed), which never
        holds a traceback."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=WAIT)
        self.reader.join(WAIT)
        assert "Traceback" not in self.printed, self.printed
        return code, self.printed

    def journey(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Another journey command on the same data folder (the class report)."""
        return subprocess.run([sys.executable, "-m", "journey", *args], env=self.env,
                              capture_output=True, text=True, timeout=WAIT)

    @property
    def record(self) -> Path:
        return self.data / "journey" / "class-record.sqlite3"


class Student:
    """An HTTP client from the loopback address `local`: one computer of the class."""

    def __init__(self, teacher: PageTeacher, local: str = "127.0.0.1",
                 origin: str | None = None):
        self.base = f"http://127.0.0.1:{teacher.port}"
        self.origin = teacher.origin if origin is None else origin
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(local, 0)))

    async def send(self, method: str, path: str, body: object = None,
                   headers: dict[str, str] | None = None,
                   raw: bytes | None = None) -> tuple[int, Any, dict[str, str]]:
        """(status, the answer as JSON or else text, its headers)."""
        sent = {"Origin": self.origin} if self.origin else {}
        if body is not None or raw is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        data = raw if raw is not None else (None if body is None else json.dumps(body))
        async with self.http.request(method, self.base + path, data=data,
                                     headers=sent) as answer:
            text = await answer.text()
            try:
                found: Any = json.loads(text)
            except ValueError:
                found = text
            return answer.status, found, dict(answer.headers)

    async def post(self, path: str, body: object) -> tuple[int, Any]:
        status, found, _ = await self.send("POST", path, body)
        return status, found

    async def get(self, path: str) -> tuple[int, Any]:
        status, found, _ = await self.send("GET", path)
        return status, found

    async def close(self) -> None:
        await self.http.close()


def played(scenario: str, seed: int, picks: list[int] | None = None) -> list[list[int]]:
    """The (choice, outcome) pairs of a journey of a bundled scenario from `seed`, taking the
    open choices numbered `picks` (from 1), then the first open one, to its end: the history
    the page sends."""
    loaded = load_scenario(catalog.resolve(scenario))
    journey = Playthrough(loaded, seed)
    wanted = list(picks or [])
    while not journey.over:
        open_ = [v.index for v in rules.choice_views(loaded, journey.state) if v.enabled]
        journey.take(open_[wanted.pop(0) - 1 if wanted else 0])
    return [list(step) for step in journey.state.history]
