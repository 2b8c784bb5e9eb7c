"""The app as one browser tab of `journey serve`: each journey shows a code, the title screen
asks for a code to carry on (and never offers the teacher's own save), a wrong or busy code
gets one and the same message, codes that open nothing are limited per computer, and a journey
that ends goes to the class record, or says why it could not. (The tab's own settings, Ctrl+C,
leaving a journey and coming back after a reload: test_classroom_tab.py.)"""

from __future__ import annotations

from textual.widgets import Button, Static

from journey.engine.loader import load_scenario
from journey.frontend import class_record
from journey.frontend.classroom import ALPHABET, CODES_PER_WINDOW, Classroom, code_slot
from journey.frontend.session import Session
from journey.ui.screens.classroom import ClassCode, ClassroomJourneyScreen, CodeScreen
from journey.ui.screens.debrief import DebriefScreen
from journey.frontend.notices import BY_CODE
from journey.ui.screens.title import TitleScreen

from frontend.helpers import BRACKETS
from .helpers import SIZE, brackets_app, journey_of, run, told

WAIT, CROSS, HIDE = "2", "1", "2"
"""Brackets' keys: 'Wait a night' (first scene), 'Cross now' (a risk), 'Stay hidden' (town)."""


def served(seed: int = 5, **classroom):
    return brackets_app(seed=seed, classroom=Classroom(**classroom))


def notices(app) -> list[str]:
    return told(app)


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
            code = app.game.code
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


UNAVAILABLE = ("No journey can be continued with the code {} here. Check the code: a journey "
               "that has ended leaves nothing to continue, and a journey open in another tab "
               "must be closed there first.")


def saved_journey(code: str) -> Session:
    """A journey saved under `code`, one step in, still open (as in another tab)."""
    scenario = load_scenario(BRACKETS)
    session = Session.open(scenario, BRACKETS, continuing=False, seed=1,
                           slot=code_slot(scenario.id, code))
    session.choose(int(WAIT))
    return session


def test_a_code_with_no_journey_and_a_code_open_elsewhere_get_the_same_answer():
    """A guesser cannot tell a code that exists from one that does not, nor learn which
    process holds a journey."""
    other = saved_journey("GHJKMN")
    try:
        async def body():
            app = served()
            async with app.run_test(size=SIZE) as pilot:
                await type_code(pilot, "ABCDEF")
                await type_code(pilot, "ghj-kmn")
                assert isinstance(app.screen, TitleScreen)
                assert app.game.session is None
                assert notices(app) == [UNAVAILABLE.format("ABCDEF"),
                                        UNAVAILABLE.format("GHJKMN")]

        run(body)
        assert other.journey.state.step == 1
    finally:
        other.close()
    assert other.slot.path.exists()


def test_codes_that_open_nothing_are_limited_per_computer_across_its_tabs():
    """Ten codes that open nothing from one computer, in two tabs: then even a good code is
    refused there for a while, while another computer's tab still opens it."""
    saved_journey("GHJKMN").close()
    wrong = [f"ABCD{a}{b}" for a in "23" for b in "23456"]
    assert len(wrong) == CODES_PER_WINDOW

    async def guess(client: str, codes: list[str]) -> list[str]:
        app = served(client=client)
        async with app.run_test(size=SIZE) as pilot:
            for code in codes:
                await type_code(pilot, code)
            return notices(app) if app.game.session is None else ["opened"]

    assert run(lambda: guess("10.0.0.5", wrong[:6])) == [UNAVAILABLE.format(c)
                                                          for c in wrong[:6]]
    *refused, last = run(lambda: guess("10.0.0.5", wrong[6:] + ["GHJKMN"]))
    assert refused == [UNAVAILABLE.format(c) for c in wrong[6:]]
    assert last == ("Too many codes that open no journey were typed on this computer. Try "
                    "again in 10 minutes, or ask your teacher.")
    assert run(lambda: guess("10.0.0.6", ["GHJKMN"])) == ["opened"]


def test_without_the_shared_file_the_limit_still_holds_in_each_tab(data_home):
    """A class-saves folder where the shared file cannot be made (here a folder stands in its
    place): guessing is still limited, per tab, and nothing breaks."""
    (data_home / "class-saves" / "tabs.sqlite3").mkdir(parents=True)

    codes = [f"ABCDE{ch}" for ch in ALPHABET[:CODES_PER_WINDOW + 1]]

    async def body():
        app = served(client="10.0.0.5")
        async with app.run_test(size=SIZE) as pilot:
            for code in codes:
                await type_code(pilot, code)
            assert notices(app)[-1].startswith("Too many codes that open no journey")
            assert notices(app)[:-1] == [UNAVAILABLE.format(code) for code in codes[:-1]]

    run(body)


def test_a_class_served_to_the_network_gives_longer_codes():
    async def body():
        app = served(code_length=8)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert len(app.game.code) == 8
            await pilot.press("q", "y")
        app = served(code_length=8)
        async with app.run_test(size=SIZE) as pilot:
            await type_code(pilot, "ABCDEF")
            problem = str(app.screen.query_one("#code-problem", Static).content)
            assert problem.startswith("'ABCDEF' is not a code. A code is 8 letters and digits")

    run(body)


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
            assert app.game.session is None

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
    app.game.recorder.wait()
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

