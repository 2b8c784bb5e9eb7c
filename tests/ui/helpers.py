"""Helpers for the app's tests: scenarios, the app at 80x24, and async bodies without a plugin."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.frontend.game import Game
from journey.frontend.library import FILE, Entry

from frontend.helpers import BRACKETS

SIZE = (80, 24)
CELL_WIDTH = 12.2
"""Width of one terminal cell in the SVG that Rich exports."""


def make_app(path: Path, seed: int | None = 1, *, show_odds: bool = False, watch: bool = False,
             **game_options):
    """The app playing `path`, new journeys seeded with `seed`; `game_options` are the Game's
    (entries, classroom, record). Its notices are recorded (`told`)."""
    from journey.ui.app import JourneyApp

    app = JourneyApp(Game(load_scenario(path), path, seed=seed, **game_options),
                     show_odds=show_odds, watch=watch)
    told(app)
    return app


def brackets_app(seed: int = 1, **options):
    """The test scenario alone in the library, so screens do not change with bundled content."""
    return make_app(BRACKETS, seed, entries=[Entry("brackets", BRACKETS, FILE)], **options)


def default_path() -> Path:
    return catalog.resolve(catalog.DEFAULT_SCENARIO)


def run(test):
    """Run an async test body (no pytest plugin needed)."""
    return asyncio.run(test())


async def settle(pilot) -> None:
    """Let workers finish and the screen redraw, footer included (its keys are filled in after
    the rest of the screen, a while later on a loaded machine)."""
    from textual.widgets import Footer

    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await wait_until(pilot, lambda: all(footer.children
                                        for footer in pilot.app.screen.query(Footer)))


def screen_lines(svg: str) -> list[str]:
    """The text of an exported screenshot, one string per terminal line, for readable asserts
    and snapshot diffs."""
    import html
    import re

    cells: dict[int, dict[int, str]] = {}
    for x, line, text in re.findall(
            r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
            r'clip-path="url\(#terminal-\d+-line-(\d+)\)">([^<]*)</text>', svg):
        cells.setdefault(int(line), {})[round(float(x) / CELL_WIDTH)] = html.unescape(text)
    lines = []
    for number in range(max(cells, default=-1) + 1):
        row = ""
        for column, text in sorted(cells.get(number, {}).items()):
            row = row.ljust(column) + text
        lines.append(row.replace("\xa0", " ").rstrip())
    return lines



WAIT = 60.0
"""Seconds to wait for the app to reach a state: a few hundredths of a second usually, but a
loaded machine runs the app's workers (the odds, the palette's search, a watched file's
reload) much later, and the deadline is only reached when something is wrong."""


async def wait_until(pilot, condition) -> None:
    """Let the app run until `condition()` holds (the palette searches in the background)."""
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the app never reached the expected state in {WAIT:.0f} s")
        await pilot.pause(0.05)


def journey_of(app):
    """The journey the app is playing (on the journey or the debrief screen)."""
    assert app.game.session is not None, "no journey is open"
    return app.game.session.journey




def told(app) -> list[str]:
    """Every notice `app` has shown, in order (make_app starts the recording): recorded as each
    is given, since Textual takes a notice off the screen (and out of its own list) once its
    seconds are over, and on a loaded machine a test can take longer than that."""
    if not hasattr(app, "told"):
        app.told = []
        notify = app.notify

        def recording(message, *args, **kwargs):
            app.told.append(str(message))
            return notify(message, *args, **kwargs)

        app.notify = recording
    return app.told
