"""A teacher's server and students' browser tabs, for the browser tests.

How a test reads the screen: textual.js draws the terminal on a canvas (xterm's WebGL or
canvas renderer), so the page's DOM holds no text, and the xterm object is private to the
script. What xterm draws is exactly the bytes the server sends over the page's websocket, so a
tab records every frame it receives (Playwright's websocket events) and the test searches
their text, escape sequences removed. Where a test must know that something has happened on
the server (a save let go, a journey recorded), it waits for that on disk instead.

Chromium is Debian's (`apt-get install chromium`; .ci/run installs it); Playwright drives it
with its own bundled driver and never downloads a browser. Every tab's browser has a dead
proxy for anything but this machine, so a request to any other host would fail (and would
still show in the request log, which the tests check).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--no-default-browser-check"]
WAIT = 60.0
"""Seconds to wait for a screen or a file (a student's process starts a Python each time)."""
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                     r"|\x1bP[^\x1b]*\x1b\\|\x1b[()][0-9A-B]|\x1b[=>78MDEc]")


def chromium() -> Path:
    """Debian's Chromium, or a failure that says how to get it (never a skip)."""
    if not CHROMIUM.exists():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: as root, "
                    "apt-get install chromium (.ci/run does it before make test).")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def screen_text(frames: list[str]) -> str:
    """The text the terminal was sent, escape sequences removed."""
    return ESCAPES.sub("", "".join(frames))


def wait_until(condition, what: str, pause=lambda: time.sleep(0.1)) -> None:
    """Until `condition()` holds. Playwright's synchronous API hands events (frames, requests)
    to the test only inside its own calls: while tabs are open, `pause` must be one."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if condition():
            return
        pause()
    raise AssertionError(f"waited {WAIT:.0f} s for {what}")


class Teacher:
    """`journey serve SCENARIO --terminal` on a free port, with its own data folder."""

    def __init__(self, data: Path, scenario: str = "tutorial", seed: int | None = None,
                 *options: str):
        self.data = data
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.origin = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "XDG_DATA_HOME": str(data)}
        command = [sys.executable, "-m", "journey", "serve", scenario, "--terminal", "--port",
                   str(self.port), *options]
        if seed is not None:
            command += ["--seed", str(seed)]
        self.process = subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        wait_until(self.listening, "journey serve to listen")

    def listening(self) -> bool:
        assert self.process.poll() is None, self.process.communicate()[0]
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> tuple[int, str]:
        """Ctrl+C, as a teacher stops it: (exit code, everything it printed)."""
        self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=WAIT)
        return self.process.returncode, output

    def journey(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Another journey command on the same data folder (the class report)."""
        return subprocess.run([sys.executable, "-m", "journey", *args], env=self.env,
                              capture_output=True, text=True, timeout=WAIT)

    @property
    def folder(self) -> Path:
        return self.data / "journey"

    def tabs(self) -> list[int]:
        """The process ids of the tabs' processes (every process under the server)."""
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            try:
                stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
            except OSError:
                continue
            if stat:
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        found, frontier = [], {self.process.pid}
        while frontier:
            frontier = {pid for pid, parent in parents.items() if parent in frontier}
            found += frontier
        return found


class Tab:
    """A student's browser tab in a fresh browser context (no shared storage), with a log of
    every request the page makes, every websocket frame it receives and every error it
    reports."""

    def __init__(self, browser, url: str):
        self.url = url
        self.context = browser.new_context(viewport={"width": 1100, "height": 700})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.frames: list[str] = []
        self.errors: list[str] = []
        """Errors the page reported: a script's, or a request its security policy refused."""
        self.mark = 0
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and
                     self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("websocket", self.watch)

    def watch(self, websocket) -> None:
        self.requests.append(websocket.url)
        websocket.on("framereceived", lambda payload: self.frames.append(
            payload if isinstance(payload, str) else payload.decode("utf-8", "replace")))

    def open(self) -> None:
        self.mark = len(self.frames)
        self.page.goto(self.url)
        self.shows("New journey")
        self.page.focus(".xterm-helper-textarea")  # where xterm takes keys from

    def reload(self, then: str = "New journey") -> None:
        """Reload the page, and wait until it shows `then`."""
        self.mark = len(self.frames)
        self.page.reload()
        self.shows(then)
        self.page.focus(".xterm-helper-textarea")

    def text(self) -> str:
        """What the terminal was sent since the last key press or page load."""
        return screen_text(self.frames[self.mark:])

    def until(self, condition, what: str) -> None:
        """Wait for `condition`, taking in what the tab receives meanwhile."""
        wait_until(condition, what, lambda: self.page.wait_for_timeout(100))

    def shows(self, text: str) -> str:
        self.until(lambda: text in self.text(), f"the tab to show {text!r}")
        return self.text()

    def press(self, *keys: str) -> None:
        """Keys one at a time; what the screen shows afterwards is read from here on."""
        self.mark = len(self.frames)
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.mark = len(self.frames)
        self.page.keyboard.type(text)

    def select(self, height: float, start: float, end: float) -> None:
        """Drag the mouse along the terminal at `height`, from `start` to `end` (fractions of
        its height and width), as a student selects words to copy."""
        box = self.page.locator(".xterm-screen").bounding_box()
        assert box is not None, "no terminal on the page"
        y = box["y"] + box["height"] * height
        self.page.mouse.move(box["x"] + box["width"] * start, y)
        self.page.mouse.down()
        self.page.mouse.move(box["x"] + box["width"] * end, y, steps=10)
        self.page.mouse.up()

    def code(self) -> str:
        found = re.findall(r"Your code: ([0-9A-Z]{6})", screen_text(self.frames))
        assert found, "no code was shown"
        return found[-1]

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the server's own host and port."""
        server = urlsplit(self.url).netloc
        return [url for url in self.requests if urlsplit(url).netloc != server]

    def close(self) -> None:
        self.context.close()
