"""Quit halfway, start the app again, press Continue: the same place, the same generator."""

from __future__ import annotations

from textual.widgets import Button, Static

from journey.engine import engine
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen

from .helpers import SIZE, brackets_app, run


def test_continue_restores_the_journey_exactly():
    """Two runs of the app, as two launches: the second continues with the same generator, so
    its next draw is the one the engine makes from the saved state."""
    saved = {}

    async def first_run():
        app = brackets_app(seed=5)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "3")
            await pilot.pause()
            saved["state"] = app.screen.journey.state
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
            journey = app.screen.journey
            assert isinstance(app.screen, JourneyScreen)
            assert journey.state == saved["state"]
            assert [s.choice for s in journey.steps] == ["Wait a night"]
            expected, _ = engine.step(app.scenario, saved["state"], 0)
            await pilot.press("1")
            await pilot.pause()
            assert app.screen.journey.state == expected

    run(first_run)
    run(second_run)


def test_a_corrupt_save_is_set_aside_with_a_message(data_home):
    saves_dir = data_home / "saves"
    saves_dir.mkdir(parents=True)
    (saves_dir / "brackets.json").write_text("{ half a save")

    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            status = str(app.screen.query_one("#save-status", Static).content)
            assert status.startswith("Your saved journey could not be used: it is not valid JSON")
            assert app.screen.query_one("#continue", Button).disabled
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)

    run(body)
    assert not (saves_dir / "brackets.json").exists()
    kept = list(saves_dir.glob("brackets.unusable-*.json"))
    assert [p.read_text() for p in kept] == ["{ half a save"]


def test_new_journey_asks_before_replacing_a_journey_in_progress():
    async def body():
        app = brackets_app(seed=5)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "3", "escape")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            assert app.screen.save.state.step == 1
            await pilot.press("n", "y")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            assert app.screen.journey.state.step == 0

    run(body)
