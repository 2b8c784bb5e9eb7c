"""How fast the app feels, measured the way a player meets it: a new `journey` process in a real
pseudo-terminal of 80x24.

  cold start   process start -> title screen drawn -> press n -> first journey screen drawn
  key press    a number key -> the screen redrawn with what happened ("You chose: ..."),
               each key pressed once the screen has been still for 0.15 s, as a player would

The journey is seeded, so the engine says in advance what each redrawn screen must show; the
script waits for exactly that text in the terminal output. It prints figures and asserts
nothing (goals: cold start below 0.5 s, key press below 50 ms, on a 2-core machine).

As on a player's machine, Python may cache compiled modules (PYTHONDONTWRITEBYTECODE is
dropped for the child), and one warm-up run, not counted, fills that cache.

    .venv/bin/python benchmarks/startup.py [--runs N] [--steps N] [SCENARIO]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.frontend.session import numbered_choices

ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")
TIMEOUT = 10.0
SEED = 1


class Terminal:
    """A `journey play` process on a pseudo-terminal; reads its output as plain text."""

    def __init__(self, scenario: str, data_home: str):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "XDG_DATA_HOME": data_home, "TERM": "xterm-256color",
               "COLORTERM": "truecolor"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "journey", "play", scenario, "--seed", str(SEED)],
            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.fd = master
        self.seen = b""

    def wait_for(self, text: str) -> float:
        """Block until `text` appears in the output since the last call; return the time."""
        wanted = text.encode()
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if not ready:
                continue
            try:
                self.seen += os.read(self.fd, 65536)
            except OSError:
                break
            if wanted in ESCAPES.sub(b"", self.seen):
                now = time.perf_counter()
                self.seen = b""
                return now
        raise TimeoutError(f"did not see {text!r} within {TIMEOUT} s")

    def settle(self, quiet: float = 0.15) -> None:
        """Read until the app has written nothing for `quiet` seconds, as a player's pause
        between two keys would allow."""
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                os.read(self.fd, 65536)
            except OSError:
                return

    def press(self, key: str) -> float:
        self.seen = b""
        moment = time.perf_counter()
        os.write(self.fd, key.encode())
        return moment

    def close(self) -> None:
        os.write(self.fd, b"\x03")  # Ctrl+C quits at once
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.fd)


def planned_steps(scenario, count: int) -> list[tuple[str, str]]:
    """(key, text the redrawn screen must show) for up to `count` steps of the first open
    choice, skipping steps that would end the journey (they open the debrief instead)."""
    state, plan = rules.new_game(scenario, SEED), []
    while len(plan) < count:
        first = next(c for c in numbered_choices(scenario, state) if c.number is not None)
        after, _ = rules.step(scenario, state, first.index)
        if rules.is_over(scenario, after):
            break
        plan.append((str(first.number), f"You chose: {first.label}"[:34]))
        state = after
    return plan


def one_run(name: str, scenario, steps: int) -> tuple[float, float, list[float]]:
    first = next(v for v in rules.choice_views(scenario, rules.new_game(scenario, SEED))
                 if v.enabled)
    with tempfile.TemporaryDirectory() as data_home:
        terminal = Terminal(name, data_home)
        try:
            title = terminal.wait_for("New journey (n)") - terminal.started
            terminal.press("n")
            journey = terminal.wait_for(f"1. {first.label}"[:30]) - terminal.started
            keys = []
            for key, shows in planned_steps(scenario, steps):
                terminal.settle()
                pressed = terminal.press(key)
                keys.append(terminal.wait_for(shows) - pressed)
        finally:
            terminal.close()
    return title, journey, keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=catalog.DEFAULT_SCENARIO)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", type=int, default=8)
    args = parser.parse_args()
    scenario = load_scenario(catalog.resolve(args.scenario))
    titles, journeys, keys = [], [], []
    one_run(args.scenario, scenario, 1)
    for _ in range(args.runs):
        title, journey, pressed = one_run(args.scenario, scenario, args.steps)
        titles.append(title)
        journeys.append(journey)
        keys += pressed
    ms = [1000 * k for k in keys]
    print(f"scenario {args.scenario}, {args.runs} runs at 80x24, {os.cpu_count()} CPUs, "
          f"Python {sys.version.split()[0]}")
    print(f"cold start to title screen:          median {statistics.median(titles):.3f} s  "
          f"(min {min(titles):.3f}, max {max(titles):.3f})")
    print(f"cold start to first journey screen:  median {statistics.median(journeys):.3f} s  "
          f"(min {min(journeys):.3f}, max {max(journeys):.3f})  goal < 0.5 s")
    print(f"key press to redrawn screen:         median {statistics.median(ms):.1f} ms  "
          f"(min {min(ms):.1f}, max {max(ms):.1f}, {len(ms)} presses)  goal < 50 ms")


if __name__ == "__main__":
    main()
