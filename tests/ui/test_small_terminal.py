"""A terminal smaller than 80x24 gets a plain message instead of a broken layout, and the
journey comes back, where it was, once the terminal is large enough."""

from __future__ import annotations

from textual.widgets import Static

from journey.ui.screens.too_small import TooSmallScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.widgets.choice_list import ChoiceList

from .helpers import SIZE, brackets_app, journey_of, run


def test_a_small_terminal_is_told_its_size_and_the_size_needed(data_home):
    async def body():
        app = brackets_app()
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            message = str(app.screen.query_one("#too-small", Static).render())
            assert "This terminal is 40x12" in message
            assert "at least 80x24" in message
            assert "journey play --plain" in message

    run(body)


def test_growing_the_terminal_uncovers_the_journey_where_it_was(data_home):
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            await pilot.resize_terminal(*SIZE)
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            assert journey_of(app).state.step == 0
            assert isinstance(app.focused, ChoiceList)  # arrows and Enter work again
            await pilot.press("down", "enter")
            await pilot.pause()
            assert journey_of(app).state.history == ((3, 0),)

    run(body)
