"""The app in the pseudo-locale, driven through Pilot: the title screen, the journey screen with
its footer of keys, help, sources, About, a question before quitting and the code dialog of a
browser tab show every word of journey's own from the catalogue (accented, between ⟦ ⟧); only
the scenario's text and its library name stay as written. The debrief's words are converted
apart (frontend/debrief.py), so the journey here stops before it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from frontend.pseudo import OPEN, escaped, scenario_texts
from journey.engine.loader import load_scenario
from journey.frontend import words
from journey.frontend.classroom import Classroom
from journey.ui.screens.dialogs import ConfirmScreen, TextScreen
from journey.ui.screens.journey import JourneyScreen

from frontend.helpers import BRACKETS
from .helpers import brackets_app, run, screen_lines, settle, wait_until

SCENARIO = load_scenario(BRACKETS)
KNOWN = [*scenario_texts(SCENARIO), "brackets"]
"""The scenario's texts, and its name in the library (its file's name)."""
SIZE = (200, 50)
"""Wide enough that no text of the scenario wraps beside the side panel: the finder reads a
line of the screen whole, and a scenario's text cut by the status must not hide it."""


@pytest.fixture(autouse=True)
def pseudo() -> Iterator[None]:
    words.use(words.choose({"JOURNEY_LANG": "qps-ploc"}))
    yield
    words.use(None)


def shown(app) -> str:
    return "\n".join(screen_lines(app.export_screenshot()))


def english(app) -> str:
    """The English words on screen that bypassed the catalogue, one per line ('' if none)."""
    return "\n".join(map(str, escaped(shown(app), KNOWN)))


def test_title_journey_help_sources_and_quit_question_speak_only_the_catalogue():
    async def body():
        app = brackets_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert english(app) == ""
            assert "⟦Ñéŵ ĵöûŕñéý (ñ)⟧" in shown(app)
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, TextScreen))
            assert english(app) == ""
            await pilot.press("escape")
            await pilot.press("n")
            await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
            await settle(pilot)
            assert english(app) == ""
            assert "⟦Šöûŕçéš⟧" in shown(app)  # the footer's keys are looked up too
            await pilot.press("2")  # wait a night: a step, its narration and changed values
            await settle(pilot)
            assert english(app) == ""
            await pilot.press("j")
            await settle(pilot)
            assert english(app) == ""
            for key in ("question_mark", "s"):
                await pilot.press(key)
                await wait_until(pilot, lambda: isinstance(app.screen, TextScreen))
                await settle(pilot)
                assert english(app) == ""
                await pilot.press("escape")
                await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
            await pilot.press("q")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert english(app) == ""
            assert OPEN in shown(app)
    run(body)


def test_a_browser_tab_asks_for_its_code_in_the_catalogue_s_words():
    async def body():
        app = brackets_app(classroom=Classroom())
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert english(app) == ""
            await pilot.press("c")
            await wait_until(pilot, lambda: app.screen.query("#code"))
            await pilot.press("x", "enter")
            await wait_until(pilot, lambda: OPEN in str(app.screen.query_one("#code-problem")
                                                        .render()))
            assert english(app) == ""
    run(body)
