"""`journey play FILE --watch` in the app, driven through Pilot on a copy of the tutorial that
each test edits as an author would: the scene in play updates without a key press, an edit that
no longer fits says at which step and why and offers the nearest start, and a broken file shows
its problems as `journey check` prints them until it is fixed, with the journey kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Button, Static

from journey.engine.loader import load_scenario
from journey.frontend.saves import Slot
from journey.ui.screens.dialogs import TextScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.unfit import UnfitScreen

from frontend.helpers import edit, save_header, tutorial_copy
from .helpers import SIZE, journey_of, make_app, run, screen_lines, told, wait_until

@pytest.fixture
def path(tmp_path) -> Path:
    return tutorial_copy(tmp_path)


def shown(app) -> str:
    return "\n".join(screen_lines(app.export_screenshot()))


def at_the_river(path: Path, then) -> None:
    """Play `path` with --watch: the journey opens at once, and two steps reach the riverbank
    (step 3); then run `then(pilot)`."""
    async def body():
        app = make_app(path, seed=1, watch=True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
            await pilot.press("1", "1")
            await wait_until(pilot, lambda: journey_of(app).state.step == 2)
            assert journey_of(app).node.id == "riverbank"
            await then(pilot)
    run(body)


def test_an_edit_of_the_scene_in_play_shows_without_a_key_and_the_save_follows_it(path):
    async def then(pilot):
        app = pilot.app
        assert "Floodlights" not in shown(app)
        edit(path, "The Tumen is shallow", "Floodlights sweep the Tumen. It is shallow")
        await wait_until(pilot, lambda: "Floodlights" in shown(app))
        assert isinstance(app.screen, JourneyScreen)
        assert journey_of(app).state.step == 2
        assert told(app) == [
            "Reloaded mine.yaml and replayed 2 steps."]
        saved = save_header(Slot.for_file("tutorial", path).path)
        assert saved["content_hash"] == load_scenario(path).content_hash
        await pilot.press("3")  # the journey goes on under the edit
        await wait_until(pilot, lambda: journey_of(app).state.step == 3)
    at_the_river(path, then)


def test_a_renamed_scene_says_which_step_no_longer_fits_and_why_then_carries_on(path):
    async def then(pilot):
        app = pilot.app
        kept = journey_of(app)
        edit(path, r"\briverbank\b", "tumen_bank")
        await wait_until(pilot, lambda: "no longer fits" in shown(app))
        dialog = app.screen
        assert isinstance(dialog, UnfitScreen)
        assert str(dialog.query_one("#unfit-why", Static).content) == (
            "Step 2 of your journey no longer fits the edited mine.yaml: it now leads to "
            "'tumen_bank', not 'riverbank'.")
        assert [str(b.label) for b in dialog.query(Button)] == [
            "Carry on after step 1 (c)", "Start again (n)", "Keep the old version (Escape)"]
        assert journey_of(app) is kept  # nothing changes before the player answers
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
        journey = journey_of(app)
        assert (journey.state.step, journey.node.id) == (1, "home")
        await pilot.press("1")
        await wait_until(pilot, lambda: journey_of(app).node.id == "tumen_bank")
    at_the_river(path, then)


def test_escape_keeps_the_journey_until_an_edit_fits_again(path):
    async def then(pilot):
        app = pilot.app
        kept, good = journey_of(app), path.read_text()
        edit(path, r"\briverbank\b", "tumen_bank")
        await wait_until(pilot, lambda: isinstance(app.screen, UnfitScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
        assert journey_of(app) is kept
        path.write_text(good.replace("The Tumen is shallow", "Floodlights. The Tumen"))
        await wait_until(pilot, lambda: "Floodlights" in shown(app))
        assert (journey_of(app).state.step, journey_of(app).node.id) == (2, "riverbank")
    at_the_river(path, then)


def test_a_broken_file_shows_its_problems_and_the_fix_brings_the_journey_back(path):
    async def then(pilot):
        app = pilot.app
        good = path.read_text()
        edit(path, r"\nscenes:\n", "\nscenes: [\n")
        await wait_until(pilot, lambda: "has problems to fix" in shown(app))
        dialog = app.screen
        assert isinstance(dialog, TextScreen)
        assert dialog.page_title == "mine.yaml has problems to fix"
        assert dialog.text.startswith("Your journey is kept as it was.")
        assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: YAML syntax", dialog.text,
                         re.MULTILINE)
        assert journey_of(app).state.step == 2
        path.write_text(good.replace("The Tumen is shallow", "Floodlights. The Tumen"))
        await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
        assert "Floodlights" in shown(app)
        assert (journey_of(app).state.step, journey_of(app).node.id) == (2, "riverbank")
    at_the_river(path, then)


def test_a_journey_started_from_the_title_plays_the_latest_edit(path):
    """The title screen read the file before the edit; the journey it starts catches up."""
    async def body():
        app = make_app(path, seed=1, watch=True)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.game.session is None)
            edit(path, "Choose when this journey happens", "Floodlights. Choose when")
            await wait_until(pilot, lambda: "Floodlights" in app.game.watch.scenario
                             .nodes[0].text)
            await pilot.press("c")  # continue: the title's copy of the scenario is older
            await wait_until(pilot, lambda: isinstance(app.screen, JourneyScreen))
            await wait_until(pilot, lambda: "Floodlights" in shown(app))
    run(body)


def test_an_edit_of_the_ending_reached_shows_in_the_debrief(path):
    async def then(pilot):
        app = pilot.app
        await pilot.press("4")  # turn back home: an ending
        await wait_until(pilot, lambda: journey_of(app).over)
        edit(path, "You go home before anyone", "Floodlights. You go home before anyone")
        await wait_until(pilot, lambda: "Floodlights" in shown(app))
        assert journey_of(app).ending.id == "stayed_home"
    at_the_river(path, then)
