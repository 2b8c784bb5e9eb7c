"""The app survives whatever the terminal and the keyboard do: any size on any screen, and keys
typed faster than the screens change (each test fails with the app's own exception if not)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Static

from journey.ui.screens.debrief import DebriefScreen
from journey.ui.screens.base import MainScreen
from journey.ui.screens.dialogs import ConfirmScreen, TextScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen
from journey.ui.screens.too_small import TooSmallScreen

from frontend.helpers import save_file
from .helpers import SIZE, brackets_app, journey_of, run, settle

SMALL = [(30, 8), (1, 1), (2, 40), (200, 3), (10, 3), (79, 23), (31, 9), (79, 60)]
"""Sizes that broke the layout once (30x8 and smaller), corners, and just too small."""

SCREENS = {
    "title": ((), TitleScreen),
    "journey": (("n", "2", "j"), JourneyScreen),
    "debrief": (("n", "1", "2"), DebriefScreen),
    "help": (("n", "question_mark"), TextScreen),
    "confirm": (("n", "2", "q"), ConfirmScreen),
}
"""Keys that reach each screen from the title (seed 4), and the screen they reach."""


@pytest.mark.parametrize("name", SCREENS)
def test_every_screen_survives_every_terminal_size(name):
    keys, expected = SCREENS[name]

    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys)
            await settle(pilot)
            assert isinstance(app.screen, expected)
            for size in SMALL:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert isinstance(app.screen, TooSmallScreen)
                shown = str(app.screen.query_one("#too-small", Static).render())
                assert f"This terminal is {size[0]}x{size[1]}" in shown
            for size in [(200, 60), SIZE]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert isinstance(app.screen, expected)

    run(body)


def type_ahead(app, *keys: str) -> None:
    """Queue key presses all at once, as a fast typist or a paste does: each is handled after
    the ones before it, with no pause for the screens to change in between."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def test_quit_then_new_typed_at_once_on_the_title_quits_cleanly():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            type_ahead(app, "q", "n")
            await pilot.pause()
        assert app.return_code == 0

    run(body)
    assert not save_file().exists()  # the n after q started nothing


BURSTS = [
    ("n", "n"),
    ("n", "c", "n", "c"),
    ("n", "2", "escape", "escape", "escape"),
    ("n", "2", "escape", "1", "c", "2"),
    ("n", "1", "2", "s", "1", "escape"),
    ("n", "1", "2", "t", "r", "n"),
    ("n", "1", "2", "r", "t", "r", "t"),
    ("n", "1", "2", "r", "r", "1", "1", "1"),
    ("n", "s", "escape", "2", "question_mark", "escape", "o", "j", "1", "tab", "enter"),
    ("n", "2", "q", "n", "ctrl+p", "escape", "a", "escape"),
]
"""Key sequences typed at once on the title screen (seed 4: the first crossing succeeds)."""


@pytest.mark.parametrize("keys", BURSTS, ids=["-".join(keys) for keys in BURSTS])
def test_keys_typed_ahead_of_the_screens_never_break_the_app(keys):
    """Which screen each key reaches depends on how fast the screens change; whatever it is,
    the app stays whole: a journey screen or debrief always has an open session, the title
    none, and the app still answers keys."""
    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            type_ahead(app, *keys)
            await settle(pilot)
            await settle(pilot)
            assert app.is_running
            main = app.main_screen
            if isinstance(main, TitleScreen):
                assert app.game.session is None
            else:
                session = app.game.session
                assert session is not None and not session.closed
                if isinstance(main, JourneyScreen):  # the scene the game shows now
                    assert main.view is app.game.view()
                else:
                    assert isinstance(main, DebriefScreen)
                    assert main.debrief.journey is session.journey
            mains = [s for s in app.screen_stack if isinstance(s, MainScreen)]
            assert isinstance(mains[0], TitleScreen) and mains[-1] is main and len(mains) <= 2

    run(body)
