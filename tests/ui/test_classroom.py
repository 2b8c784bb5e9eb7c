"""The app as one browser tab of `journey serve`: each journey shows a code, the title screen
asks for a code to carry on (and never offers the teacher's own save), a wrong or busy code
gets a message, and a journey that ends goes to the class record, or says why it could not."""

from __future__ import annotations

from textual.widgets import Button, Static

from journey.engine.loader import load_scenario
from journey.frontend import class_record
from journey.frontend.classroom import Classroom, code_slot
from journey.frontend.session import Session
from journey.ui.screens.classroom import ClassCode, ClassroomJourneyScreen, CodeScreen
from journey.ui.screens.debrief import DebriefScreen
from journey.ui.screens.title import BY_CODE, TitleScreen

from .helpers import BRACKETS, SIZE, brackets_app, journey_of, run

WAIT, CROSS, HIDE = "2", "1", "2"
"""Brackets' keys: 'Wait a night' (first scene), 'Cross now' (a risk), 'Stay hidden' (town)."""


def served(seed: int = 5):
    return brackets_app(seed=seed, classroom=Classroom())


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def type_code(pilot, text: str) -> None:
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CodeScreen)
    await pilot.press(*text, "enter")
    await pilot.pause()


def test_a_served_journey_shows_its_code_and_the_code_brings_it_back():
    """A reload is a new process: its title screen knows nothing until the code is typed,
    in small letters and with a dash as a student might."""
    kept = {}

    async def first_tab():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", WAIT)
            await pilot.pause()
            assert isinstance(app.screen, ClassroomJourneyScreen)
            code = app.classroom.code
            line = str(app.screen.query_one(ClassCode).content)
            assert line.startswith(f"Your code: {code} ")
            kept.update(code=code, state=journey_of(app).state)
            await pilot.press("q", "y")

    async def second_tab():
        app = served(seed=99)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            assert str(app.screen.query_one("#save-status", Static).content) == BY_CODE
            button = app.screen.query_one("#continue", Button)
            assert str(button.label) == "Continue with a code (c)" and not button.disabled
            code = kept["code"]
            await type_code(pilot, f"{code[:3].lower()}-{code[3:].lower()}")
            assert isinstance(app.screen, ClassroomJourneyScreen)
            assert journey_of(app).state == kept["state"]
            assert str(app.screen.query_one(ClassCode).content).startswith(f"Your code: {code}")

    run(first_tab)
    run(second_tab)


def test_what_cannot_be_a_code_is_explained_in_the_dialog():
    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await type_code(pilot, "10OIL")
            assert isinstance(app.screen, CodeScreen)
            problem = str(app.screen.query_one("#code-problem", Static).content)
            assert problem.startswith("'10OIL' is not a code. A code is 6 letters and digits")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)

    run(body)


def test_a_code_with_no_journey_is_refused_with_a_message():
    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await type_code(pilot, "ABCDEF")
            assert isinstance(app.screen, TitleScreen)
            assert app.session is None
            assert any(n.startswith("No journey is saved under the code ABCDEF.")
                       for n in notices(app))

    run(body)


def test_a_code_open_in_another_tab_is_refused_and_left_alone():
    scenario = load_scenario(BRACKETS)
    slot = code_slot(scenario.id, "ABCDEF")
    with Session.open(scenario, BRACKETS, continuing=False, seed=1, slot=slot) as other:
        other.choose(int(WAIT))

        async def body():
            app = served()
            async with app.run_test(size=SIZE) as pilot:
                await type_code(pilot, "ABCDEF")
                assert isinstance(app.screen, TitleScreen)
                assert any("already open in another journey game" in n for n in notices(app))

        run(body)
        assert other.journey.state.step == 1
    assert slot.path.exists()


def test_the_title_in_a_classroom_never_offers_the_teachers_own_save():
    """A save of the scenario file (the teacher's, played in a terminal) stays out of reach
    of thirty tabs: Continue asks for a code instead."""
    with Session.open(load_scenario(BRACKETS), BRACKETS, continuing=False, seed=1) as own:
        own.choose(int(WAIT))

    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, CodeScreen)
            assert app.session is None

    run(body)


async def play_to_an_ending(pilot) -> None:
    """New journey, then Cross until it ends (Stay hidden if it reaches the town)."""
    app = pilot.app
    await pilot.press("n", CROSS)
    await pilot.pause()
    if not journey_of(app).over:
        await pilot.press(HIDE)
    await pilot.pause()
    assert isinstance(app.screen, DebriefScreen)
    app.recorder.wait()
    await pilot.pause()


def test_a_served_journey_that_ends_is_in_the_class_record():
    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await play_to_an_ending(pilot)
            journey = journey_of(app)
            (entry,) = class_record.read()
            assert (entry.scenario, entry.ending, entry.seed, entry.played_with) == (
                "brackets", journey.ending.id, 5, class_record.SERVE)
            assert [(s.scene, s.label) for s in entry.route] == [
                (s.scene.id, s.choice) for s in journey.steps]
            assert not notices(app)

    run(body)


def test_a_damaged_class_record_gets_a_message_and_the_debrief_still_shows(data_home):
    data_home.mkdir(parents=True)
    class_record.database_path().write_bytes(b"not a database, " * 100)

    async def body():
        app = served()
        async with app.run_test(size=SIZE) as pilot:
            await play_to_an_ending(pilot)
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            (notice,) = notices(app)
            assert notice.startswith("Your journey was added to the class record. The class "
                                     f"record at {class_record.database_path()} was damaged "
                                     "(file is not a database), so it was moved to")
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ClassroomJourneyScreen)

    run(body)

