"""Quit halfway, start the app again, press Continue: the same place, the same generator. And
what the title screen says of a save that cannot be used, or is open in another game."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Static

from journey.engine import rules
from journey.engine.loader import load_scenario
from journey.frontend.session import Session
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen

from frontend.helpers import BRACKETS, save_file
from .helpers import SIZE, brackets_app, journey_of, run


def test_continue_restores_the_journey_exactly():
    """Two runs of the app, as two launches: the second continues with the same generator, so
    its next draw is the one the engine makes from the saved state."""
    saved = {}

    async def first_run():
        app = brackets_app(seed=5)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "2")
            await pilot.pause()
            saved["state"] = journey_of(app).state
            await pilot.press("q", "y")

    async def second_run():
        app = brackets_app(seed=99)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            title = app.screen
            assert isinstance(title, TitleScreen)
            assert not title.query_one("#continue", Button).disabled
            assert "Journey in progress, 1 step taken" in str(
                title.query_one("#save-status", Static).content)
            await pilot.press("c")
            await pilot.pause()
            journey = journey_of(app)
            assert isinstance(app.screen, JourneyScreen)
            assert journey.state == saved["state"]
            assert [s.choice for s in journey.steps] == ["Wait a night"]
            expected, _ = rules.step(journey_of(app).scenario, saved["state"], 0)
            await pilot.press("1")
            await pilot.pause()
            assert journey_of(app).state == expected

    run(first_run)
    run(second_run)


@pytest.mark.parametrize("damage, reason", [
    (lambda text: "{ half a save", "it is not valid JSON"),
    (lambda text: text.replace('"seed": 1', '"seed": 1e400'), "its seed is not a whole number"),
    (lambda text: "[" * 100_000 + "]" * 100_000, "it is nested too deeply"),
], ids=["damaged", "seed-1e400", "deep-nesting"])
def test_a_save_that_cannot_be_used_is_set_aside_with_a_message(damage, reason):
    """A seed of 1e400 (OverflowError) and deep nesting (RecursionError) once stopped the app
    at its title screen, at every start, and the save was never moved aside."""
    with Session.open(load_scenario(BRACKETS), BRACKETS, continuing=False, seed=1):
        pass
    path = save_file()
    damaged = damage(path.read_text())
    path.write_text(damaged)

    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            status = str(app.screen.query_one("#save-status", Static).content)
            assert status.startswith(f"Your saved journey could not be used: {reason}")
            assert status.endswith("No journey in progress.")
            assert app.screen.query_one("#continue", Button).disabled
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)

    run(body)
    kept = list(path.parent.glob("brackets-*.unusable-*.json"))
    assert [p.read_text() for p in kept] == [damaged]


def test_new_journey_asks_before_replacing_a_journey_in_progress():
    async def body():
        app = brackets_app(seed=5)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "2", "escape")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            assert app.game.session is None  # leaving closed it: the save is free for another game
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            status = str(app.screen.query_one("#save-status", Static).content)
            assert status.startswith("Journey in progress, 1 step taken")
            await pilot.press("n", "y")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            assert journey_of(app).state.step == 0

    run(body)


def test_a_save_open_in_another_game_is_shown_as_such_and_not_opened():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key in ("n", "c"):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, TitleScreen)
            status = str(app.screen.query_one("#save-status", Static).content)
            assert status.startswith("This journey is already open in another journey game")
            assert app.game.session is None

    with Session.open(load_scenario(BRACKETS), BRACKETS, continuing=False, seed=1):
        run(body)
