"""Edit-to-screen time of `journey play --watch`: from the moment an edited scenario file is in
place (written to a new file and renamed over the old one, as many editors save) until the
edited scene is on the screen. Plain mode is timed through a pipe, until its "Reloaded" line
and the edited scene arrive; the app headless (Textual's Pilot), until its screen shows the
edited scene. Prints the best, median and worst of ROUNDS edits per scenario.

The watch polls every 0.2 s and waits for the file to hold still for one more poll, so most of
the time is that wait (0.2 to 0.4 s); the rest is loading the file and replaying the journey.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from journey.engine import catalog

ROUNDS = 10
STEPS = 3
"""Choices made (always the first open one) before the edits start."""


def save(path: Path, text: str) -> float:
    """Write `text` over `path` by renaming a new file over it; when it was in place."""
    new = path.with_name(f".{path.name}.new")
    new.write_text(text)
    os.replace(new, path)
    return time.perf_counter()


def edits(path: Path, marker: str):
    """ROUNDS versions of the file, each with `marker` and its number in the current scene's
    text (the scene reached by STEPS first choices, found by its text in the file)."""
    from journey.engine.loader import load_scenario
    from journey.frontend.playthrough import Playthrough
    from journey.frontend.session import numbered_choices

    scenario = load_scenario(path)
    journey = Playthrough(scenario, 1)
    for _ in range(STEPS):
        first = next(c for c in numbered_choices(scenario, journey.state) if c.number)
        journey.take(first.index)
    words = " ".join(journey.node.text.split()[:3])
    original = path.read_text()
    assert original.count(words) == 1, f"the scene's first words, {words!r}, are not unique"
    return [original.replace(words, f"{marker}{n} {words}") for n in range(ROUNDS)]


def plain_times(path: Path, data: Path) -> list[float]:
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PYTHONUNBUFFERED": "1"}
    game = subprocess.Popen([sys.executable, "-m", "journey", "play", str(path), "--plain",
                             "--watch", "--seed", "1"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env)
    assert game.stdin is not None and game.stdout is not None
    out = b""

    def until(text: bytes) -> None:
        nonlocal out
        while text not in out:
            chunk = os.read(game.stdout.fileno(), 65536)
            assert chunk, out.decode()
            out += chunk

    times = []
    try:
        until(b"Your choice")
        for number in range(STEPS):
            game.stdin.write(b"1\n")
            game.stdin.flush()
            until(f"step {number + 2} ==".encode())
        until(b"Your choice")
        for n, text in enumerate(edits(path, "PLAINEDIT")):
            out = b""
            time.sleep(0.5)
            start = save(path, text)
            until(f"PLAINEDIT{n}".encode())
            times.append(time.perf_counter() - start)
    finally:
        game.kill()
        game.wait()
    return times


def app_times(path: Path, data: Path) -> list[float]:
    os.environ["XDG_DATA_HOME"] = str(data)
    from journey.engine.loader import load_scenario
    from journey.frontend.game import Game
    from journey.ui.app import JourneyApp

    async def run() -> list[float]:
        app = JourneyApp(Game(load_scenario(path), path, seed=1), watch=True)
        times = []
        async with app.run_test(size=(100, 40)) as pilot:
            while app.game.session is None:
                await pilot.pause(0.05)
            for _ in range(STEPS):
                await pilot.press("1")
            await pilot.pause(0.2)
            for n, text in enumerate(edits(path, "APPEDIT")):
                await pilot.pause(0.5)
                start = save(path, text)
                while f"APPEDIT{n}" not in _screen_text(app):
                    await pilot.pause(0.01)
                times.append(time.perf_counter() - start)
        return times

    return asyncio.run(run())


def _screen_text(app) -> str:
    """What the screen shows, as text (the scene's words are in it once drawn)."""
    import html
    import re

    return html.unescape("".join(re.findall(r">([^<]*)</text>", app.export_screenshot())))


def report(label: str, times: list[float]) -> None:
    print(f"  {label}: best {min(times):.3f} s, median {statistics.median(times):.3f} s, "
          f"worst {max(times):.3f} s ({len(times)} edits)")


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    for name in ("tutorial", "long_road"):
        print(f"{name}: edit of the scene reached after {STEPS} steps")
        for label, measure in (("plain mode", plain_times), ("app, headless", app_times)):
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"{name}.yaml"
                shutil.copy(catalog.bundled()[name], path)
                report(label, measure(path, Path(folder) / "data"))


if __name__ == "__main__":
    main()
