"""An exported page in Chromium, read as a player reads it, for the page's browser tests.

The page says which screen it shows and after how many steps (`data-screen`, `data-steps` on
its <main>), so a test waits for those, never for a fixed time. Every request the page makes is
logged (a file:// page should make none but its own load), and so is every error it reports.
`plain_transcript` reads `journey play --plain`'s output into the same parts a test reads from
the page: each scene's heading, text, status and choices, what each step did, and the ending.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".venv" / "node-web" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
ZOOMED = {"width": 640, "height": 422}
"""A 1280x844 window at 200% zoom: what zoom does to a page is halve the CSS pixels it has."""


def words(text: str) -> str:
    """Text with every run of white space made one space, as it reads wrapped or not."""
    return " ".join(text.split())


@dataclass
class Screen:
    """A scene as read from the page or from plain mode."""

    heading: str
    text: str
    status: str
    choices: list[str]
    happened: str = ""
    """What the step taken here did (filled in after it)."""


@dataclass
class Transcript:
    scenes: list[Screen] = field(default_factory=list)
    ending: str = ""
    ending_text: str = ""


class PageTab:
    """An exported page in a fresh browser context (its own storage), from file://."""

    def __init__(self, browser: Any, path: Path, viewport: dict[str, int] | None = None,
                 color_scheme: str = "light", scale: float = 1, bypass_csp: bool = False):
        self.path = path
        self.context = browser.new_context(viewport=viewport or {"width": 1100, "height": 800},
                                           color_scheme=color_scheme, device_scale_factor=scale,
                                           bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and
                     self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    @property
    def url(self) -> str:
        return self.path.as_uri()

    def open(self, query: str = "") -> None:
        self.page.goto(self.url + query)
        self.wait("title")

    def wait(self, screen: str, steps: int | None = None) -> None:
        """Until the page shows `screen` (after `steps` steps, if given)."""
        self.page.wait_for_function(
            "([screen, steps]) => { const page = document.getElementById('page');"
            " return page.dataset.screen === screen &&"
            " (steps === null || page.dataset.steps === String(steps)); }",
            arg=[screen, steps])

    @property
    def screen(self) -> str:
        return str(self.page.get_attribute("#page", "data-screen"))

    @property
    def steps(self) -> int:
        return int(self.page.get_attribute("#page", "data-steps") or 0)

    def press(self, key: str) -> None:
        """A key that takes a step; returns once the page shows where it led."""
        steps = self.steps
        self.page.keyboard.press(key)
        self.page.wait_for_function(
            "steps => document.getElementById('page').dataset.steps === String(steps)",
            arg=steps + 1)
        self.page.wait_for_function(
            "() => ['scene', 'debrief'].includes(document.getElementById('page').dataset.screen)")

    def type_numbers(self, typed: list[int]) -> None:
        for number in typed:
            self.press(str(number))

    def play(self, seed: int, typed: list[int]) -> None:
        """Open the page with `seed` in its address, begin, and type `typed`."""
        self.open(f"?seed={seed}")
        self.page.keyboard.press("Enter")
        self.wait("scene", 0)
        self.type_numbers(typed)

    def read_scene(self) -> Screen:
        page = self.page
        status = "; ".join(f"{words(dt)}: {words(dd)}" for dt, dd in zip(
            page.locator("dl.status dt").all_inner_texts(),
            page.locator("dl.status dd").all_inner_texts()))
        return Screen(words(page.inner_text("#scene-heading")),
                      words(" ".join(page.locator("article p").all_inner_texts())),
                      f"Status: {status}" if status else "",
                      [words(text) for text in page.locator("ol.choices li").all_inner_texts()])

    def happened(self) -> str:
        return words(" ".join(self.page.locator("#happened p").all_inner_texts()))

    def open_numbers(self) -> list[int]:
        return [int(n) for n in self.page.locator("ol.choices button").evaluate_all(
            "buttons => buttons.map(b => b.dataset.number)")]

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the page is wider than its window (0: no sideways scrolling)."""
        return int(self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"))

    def focused(self) -> str:
        return str(self.page.evaluate(
            "document.activeElement.id || document.activeElement.textContent"))

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the page as it is now (the context must bypass the page's
        own Content-Security-Policy, which lets no other script in)."""
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        found: list[dict[str, Any]] = self.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' '))}))")
        return found

    def close(self) -> None:
        self.context.close()


def play_plain(scenario: str, seed: int, typed: list[int], data: Path) -> str:
    """`journey play SCENARIO --plain --seed N` with `typed` as its input, in a data and
    cache folder of its own."""
    env = {**os.environ, "XDG_DATA_HOME": str(data / "data"),
           "XDG_CACHE_HOME": str(data / "cache")}
    done = subprocess.run([sys.executable, "-m", "journey", "play", scenario, "--plain",
                           "--seed", str(seed)], input="".join(f"{n}\n" for n in typed),
                          env=env, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


HEADER = re.compile(r"^== (.*) ==$")
CHOICE = re.compile(r"^  (?:\d+\.|-) ")
PROMPT = re.compile(r"^Your choice \(")


def plain_transcript(output: str) -> Transcript:
    """The scenes, what each step did and the ending, from plain mode's output."""
    found = Transcript()
    lines = output.splitlines()
    i = 0
    while i < len(lines):
        header = HEADER.match(lines[i])
        i += 1
        if header is None:
            continue
        if header[1].startswith("The journey ends: "):
            found.ending = header[1]
            text = []
            while i < len(lines) and lines[i] != "What happens in reality":
                text.append(lines[i])
                i += 1
            found.ending_text = words(" ".join(text))
            break
        text, status, choices = [], [], []
        while not CHOICE.match(lines[i]):
            if lines[i].startswith("Status: ") or status and lines[i]:
                status.append(lines[i])
            elif not status:
                text.append(lines[i])
            i += 1
        while not PROMPT.match(lines[i]):
            if CHOICE.match(lines[i]):
                choices.append(lines[i])
            else:  # a choice's wrapped line
                choices[-1] += " " + lines[i]
            i += 1
        told = []
        i += 2  # the prompt with the number typed, then a blank line
        while i < len(lines) and lines[i] and not HEADER.match(lines[i]):
            told.append(lines[i])
            i += 1
        found.scenes.append(Screen(header[1], words(" ".join(text)), words(" ".join(status)),
                                   [words(c).removeprefix("- ") for c in choices],
                                   words(" ".join(told))))
    return found
