"""A browser tab of `journey serve` as a student uses it: her odds setting is her tab's own and
never the teacher's file; Ctrl+C (to copy a quote) never ends her journey; leaving it asks
first and names its code; the title, the quit dialog and the too-small message name the code;
and a reload in the same browser carries on by itself, in no other browser."""

from __future__ import annotations

import json

from textual.selection import Selection
from textual.widgets import Input, Static

from journey.engine.loader import load_scenario
from journey.frontend import settings
from journey.frontend.classroom import Classroom, code_slot
from journey.frontend.session import Session
from journey.ui import app as journey_app
from journey.frontend.notices import COPY_HOW
from journey.ui.screens.classroom import ClassroomJourneyScreen, CodeScreen
from journey.ui.screens.dialogs import ConfirmScreen
from journey.ui.screens.title import TitleScreen
from journey.ui.screens.too_small import TooSmallScreen

from frontend.helpers import BRACKETS
from .helpers import SIZE, brackets_app, journey_of, run, told

WAIT = "2"
"""Brackets' 'Wait a night': the journey goes on, one step further."""
BROWSER, OTHER_BROWSER = "a" * 32, "b" * 32


def served(seed: int = 5, show_odds: bool = False, **classroom):
    return brackets_app(seed=seed, show_odds=show_odds, classroom=Classroom(**classroom))


def notices(app) -> list[str]:
    return told(app)


def question(app) -> str:
    assert isinstance(app.screen, ConfirmScreen), app.screen
    return app.screen.question


def test_the_teachers_show_odds_decides_for_every_tab_and_no_tab_writes_a_file(data_home):
    """`o` in a tab changes nothing and writes nothing; every tab starts as the teacher's
    --show-odds says, whatever the teacher's own settings file holds."""
    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "o")
            await pilot.pause()
            assert not app.show_odds
        assert not settings.settings_file().exists()

        settings.write(settings.Settings(show_odds=True))  # the teacher's own game
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not app.show_odds
        app = served(show_odds=True)  # journey serve --show-odds
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "o")
            await pilot.pause()
            assert app.show_odds
        assert json.loads(settings.settings_file().read_text()) == {"show_odds": True}

    run(body)


def test_ctrl_c_in_a_tab_copies_or_says_how_and_never_ends_the_journey():
    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "ctrl+c")
            await pilot.pause()
            assert isinstance(app.screen, ClassroomJourneyScreen)
            assert notices(app) == [COPY_HOW]
            text = app.screen.query_one("#scene-text", Static)
            app.screen.selections = {text: Selection(None, None)}
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert app.clipboard.startswith("Text with [bold]brackets[/]")
            assert notices(app)[-1] == "Copied."
            await pilot.press(WAIT)
            await pilot.pause()
            assert journey_of(app).state.step == 1 and app.is_running

    run(body)


def test_leaving_a_journey_asks_first_and_the_title_names_its_code():
    """Escape asks, naming the code; the title then shows it, `n` there asks before starting
    another journey, and `c` offers it already typed."""
    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", WAIT, "escape")
            await pilot.pause()
            code = app.game.code
            assert question(app) == (f"Go to the title screen? Your journey stays saved under "
                                     f"the code {code}: press c there to carry on with it.")
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ClassroomJourneyScreen)

            await pilot.press("escape", "y")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            status = str(app.screen.query_one("#save-status", Static).content)
            assert status == (f"Your journey in progress: code {code}, 1 step taken. Press c "
                              "to carry on with it, or to type another code.")
            await pilot.press("n")
            await pilot.pause()
            assert question(app) == (f"Start a new journey? Your journey in progress (1 step "
                                     f"taken) stays saved under the code {code}: note it down "
                                     "to come back to it.")
            await pilot.press("n", "c")
            await pilot.pause()
            assert isinstance(app.screen, CodeScreen)
            assert app.screen.query_one(Input).value == code
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ClassroomJourneyScreen)
            assert journey_of(app).state.step == 1 and app.game.code == code

    run(body)


def test_the_quit_dialog_and_the_too_small_message_name_the_code():
    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "q")
            await pilot.pause()
            code = app.game.code
            assert question(app).startswith(f"Quit now? Your journey is saved under the code "
                                            f"{code}. Reload the page to carry on with it")
            await pilot.press("n")
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            message = str(app.screen.query_one("#too-small", Static).content)
            assert message.endswith(f"Your journey is saved under the code {code}.")
            assert "Ctrl+C" not in message

    run(body)


def test_a_reload_in_the_same_browser_carries_on_by_itself_and_in_no_other():
    kept = {}

    async def first_tab():
        app = served(browser=BROWSER)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", WAIT)
            await pilot.pause()
            kept.update(code=app.game.code, state=journey_of(app).state)

    async def reloaded():
        app = served(seed=99, browser=BROWSER)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ClassroomJourneyScreen)
            assert app.game.code == kept["code"]
            assert journey_of(app).state == kept["state"]
            assert notices(app) == [f"Your journey with the code {kept['code']} carries on "
                                    "where you left it."]

    async def other_browser():
        app = served(seed=99, browser=OTHER_BROWSER)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen) and app.game.session is None

    run(first_tab)
    run(reloaded)
    run(other_browser)


def test_a_reloaded_tab_waits_for_its_earlier_self_to_let_go_of_the_journey(monkeypatch):
    """The new tab starts while the old one's process still holds the save: it carries on
    as soon as the save is free, not with an older journey of the browser. (Its patience is
    made long here, so that a slow machine cannot end it before the save is let go.)"""
    monkeypatch.setattr(journey_app, "PATIENCE", 600.0)
    scenario = load_scenario(BRACKETS)
    older = Session.open(scenario, BRACKETS, continuing=False, seed=1,
                         slot=code_slot(scenario.id, "ABCDEF"))
    older.close()
    latest = Session.open(scenario, BRACKETS, continuing=False, seed=2,
                          slot=code_slot(scenario.id, "GHJKMN"))
    latest.choose(int(WAIT))
    browser = Classroom(browser=BROWSER)
    browser.store.remember(BROWSER, "ABCDEF", 1.0)
    browser.store.remember(BROWSER, "GHJKMN", 2.0)

    async def body():
        app = served(browser=BROWSER)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            latest.close()
            for _ in range(600):
                if app.game.session is not None:
                    break
                await pilot.pause(0.05)
            await pilot.pause()
            assert isinstance(app.screen, ClassroomJourneyScreen)
            assert app.game.code == "GHJKMN"
            assert journey_of(app).state.step == 1

    try:
        run(body)
    finally:
        latest.close()
