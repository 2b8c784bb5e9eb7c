"""The debrief, reached by playing: the long road to an ending in each era, then that era's
exact odds, the funnel line, the questions and the arrivals with the era marked; the odds and
the turning points shown at once from the cache, or as soon as they arrive; where the debrief
opens; where each button leads."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Button

from journey.data import arrivals
from journey.engine import catalog, rules
from journey.engine.loader import load_scenario
from journey.frontend import debrief, odds_cache
from journey.frontend.odds_cache import odds_for
from journey.ui.screens.debrief import DebriefScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen
from journey.ui.widgets.section_text import SectionText

from frontend.helpers import BRACKETS, first_open_number
from .helpers import SIZE, brackets_app, default_path, journey_of, make_app, run, settle

SEED = 2


def text_of(app, selector: str) -> str:
    widget = app.screen.query_one(selector)
    return widget.plain if isinstance(widget, SectionText) else str(widget.content)


@pytest.mark.parametrize("era", [0, 1])
def test_each_era_of_the_long_road_plays_to_its_own_debrief(era):
    async def body():
        app = make_app(default_path(), SEED)
        scenario = load_scenario(default_path())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            state = rules.new_game(scenario, SEED)
            state, _ = rules.step(scenario, state, era)
            await pilot.press(str(era + 1))
            while not rules.is_over(scenario, state):
                assert journey_of(app).state == state
                number, index = first_open_number(scenario, state)
                state, _ = rules.step(scenario, state, index)
                await pilot.press(str(number))
                await pilot.pause()
            await settle(pilot)
            assert isinstance(app.screen, DebriefScreen)
            ending = scenario.nodes[state.node]
            name = scenario.value_text(scenario.slot("closure"), era)
            assert text_of(app, "#ending-heading") == f"The journey ends: {ending.title}"
            assert text_of(app, "#odds-heading") == "The game's odds"
            odds = text_of(app, "#odds").splitlines()
            assert " ".join(odds[:3]).startswith(
                f"If you had chosen at random every time, in this game, journeys {name} would "
                "end like this.")
            summary = odds_for(scenario).summary
            assert debrief.ended_in(ending.kind) in odds
            assert not any("your ending" in line or "as yours did" in line for line in odds)
            meaning = debrief.explained(scenario, ending.kind)
            assert meaning is not None
            assert " ".join(meaning.split()) in " ".join(text_of(app, "#ending-text").split())
            assert " ".join(" ".join(odds).split()).endswith(" ".join(debrief.reached_line(
                scenario, summary.stage(debrief.furthest_stage(journey_of(app)), era=era),
                ending.kind).split()))
            for number, question in enumerate(scenario.questions.for_kind(ending.kind), 1):
                assert f"{number}. {' '.join(question.split())}" in text_of(app, "#questions")
            first, last = scenario.eras.years[era]
            marked = [line for line in text_of(app, "#arrivals").splitlines()
                      if line.endswith(debrief.YOUR_ERA)]
            assert [line.split()[0] for line in marked] == [str(y) for y in
                                                            range(first, last + 1)]
            route = text_of(app, "#route").splitlines()
            assert [line.split()[0] for line in route if line[0].isdigit()] == \
                [f"{n}." for n in range(1, state.step + 1)]
            assert route[-1] == f"End: {ending.title}"
            assert " ".join(ending.context.split()) in " ".join(text_of(app, "#reality").split())
    run(body)


def test_with_a_warm_cache_the_debrief_shows_the_odds_at_once(monkeypatch):
    odds_for(load_scenario(BRACKETS))  # an earlier launch worked them out
    monkeypatch.setattr(odds_cache, "work_out", lambda _: pytest.fail("worked out again"))

    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1")
            await app.workers.wait_for_complete()
            await pilot.press("2")
            await pilot.pause()  # one frame: the debrief is up, nothing waited for
            assert isinstance(app.screen, DebriefScreen)
            assert debrief.ended_in("hiding") in text_of(app, "#odds")
            assert debrief.WORKING not in text_of(app, "#odds")
            assert text_of(app, "#turning-heading") == debrief.TURNING
            assert "Choice and luck, added up." in text_of(app, "#turning")
    run(body)


def test_odds_still_being_worked_out_follow_the_rest_as_soon_as_they_arrive(monkeypatch):
    release = threading.Event()
    work_out = odds_cache.work_out

    def slow(scenario):
        release.wait(60)
        return work_out(scenario)

    monkeypatch.setattr(odds_cache, "work_out", slow)

    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "2")
            await pilot.pause()
            assert isinstance(app.screen, DebriefScreen)
            assert text_of(app, "#odds") == debrief.WORKING
            assert text_of(app, "#turning") == debrief.TURNING_WORKING
            assert text_of(app, "#ending-heading") == "The journey ends: Hidden"
            assert "Your route" == text_of(app, "#route-heading")
            release.set()
            await settle(pilot)
            assert debrief.ended_in("hiding") in text_of(app, "#odds")
            assert "Choice and luck, added up." in text_of(app, "#turning")
    run(body)


def keys_to(scenario, kind: str) -> tuple[int, list[str]]:
    """A seed and the numbers a player types to end the tutorial in an ending of `kind`: the
    first found, trying each seed's open choices in turn."""
    for seed in range(1, 200):
        paths = [(rules.new_game(scenario, seed), [])]
        while paths:
            state, typed = paths.pop()
            node = scenario.nodes[state.node]
            if node.is_ending:
                if node.kind == kind:
                    return seed, typed
                continue
            views = [v for v in rules.choice_views(scenario, state) if v.enabled]
            paths += [(rules.step(scenario, state, view.index)[0], typed + [str(number)])
                      for number, view in enumerate(views, 1)]
    raise AssertionError(f"no seed of the tutorial ends in {kind}")


@pytest.mark.parametrize("kind, hopeful", [("asylum", True), ("repatriation", False),
                                           ("hiding", False), ("turned_back", False)])
def test_play_again_comes_first_only_after_asylum_and_never_after_hiding_or_turning_back(
        kind, hopeful):
    """Years in hiding and turning back are not safety (engine.kinds): after them, as after an
    arrest, the debrief opens on the ending's own words and emphasises no "Play again"."""
    path = catalog.bundled()["tutorial"]
    scenario = load_scenario(path)
    seed, typed = keys_to(scenario, kind)

    async def body():
        app = make_app(path, seed)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", *typed)
            await settle(pilot)
            assert isinstance(app.screen, DebriefScreen)
            ending = journey_of(app).ending
            assert ending.kind == kind
            assert text_of(app, "#ending-heading") == f"The journey ends: {ending.title}"
            assert app.focused is app.screen.query_one("#ending-text")
            again = app.screen.query_one("#same", Button)
            assert again.variant == ("primary" if hopeful else "default")
    run(body)


@pytest.mark.parametrize("keys, harmful", [(("n", "1", "2"), True), (("n", "1", "1"), False)])
def test_the_debrief_opens_on_the_endings_own_words(keys, harmful):
    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys)
            await settle(pilot)
            assert debrief.harmful(journey_of(app).ending) is harmful
            assert app.focused is app.screen.query_one("#ending-text")
            assert app.screen.query_one("#debrief").scroll_y == 0
            again = app.screen.query_one("#same", Button)
            assert again.variant == ("default" if harmful else "primary")
    run(body)


def test_the_arrivals_chart_has_every_year_to_2025():
    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "2")
            await settle(pilot)
            chart = text_of(app, "#arrivals")
            table = arrivals.load()
            for row in table.rows:
                if row.year is None or 1998 <= row.year <= 2025:
                    assert any(line.startswith(row.label) and line.endswith(f"{row.total:,}")
                               for line in chart.splitlines())
            assert table.source in chart
    run(body)


def test_play_again_with_the_same_seed_replays_the_same_draws():
    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "2")
            await settle(pilot)
            first = journey_of(app)
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, JourneyScreen)
            again = journey_of(app)
            assert (again.seed, again.state.step) == (4, 0)
            await pilot.press("1", "2")
            await settle(pilot)
            assert journey_of(app).state == first.state
    run(body)


def test_play_again_with_a_new_seed(monkeypatch):
    monkeypatch.setattr("journey.frontend.session.new_seed", lambda: 123)

    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "2")
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            assert (journey_of(app).seed, journey_of(app).state.step) == (123, 0)
    run(body)


def test_back_to_the_title_where_a_finished_journey_is_not_continued():
    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "2")
            await settle(pilot)
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            assert app.screen.query_one("#continue", Button).disabled
            assert text_of(app, "#save-status") == "No journey in progress."
    run(body)
