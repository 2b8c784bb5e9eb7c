"""The debrief, reached by playing: the default scenario to an ending with a fixed seed, then
the exact odds per ending kind, the arrivals chart, and where each button leads."""

from __future__ import annotations

from textual.widgets import Static

from journey.data import arrivals
from journey.engine import engine
from journey.engine.analysis import analyse
from journey.engine.loader import load_scenario
from journey.frontend.debrief import kind_label
from journey.frontend.narration import percent
from journey.ui.screens.debrief import DebriefScreen
from journey.ui.screens.journey import JourneyScreen
from journey.ui.screens.title import TitleScreen

from .helpers import (SIZE, brackets_app, default_path, first_open_number, journey_of, make_app,
                      run, settle)

SEED = 2


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def test_the_default_scenario_plays_to_an_ending_and_its_debrief():
    async def body():
        app = make_app(default_path(), SEED)
        scenario = load_scenario(default_path())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            state = engine.new_game(scenario, SEED)
            while not engine.is_over(scenario, state):
                assert journey_of(app).state == state
                number, index = first_open_number(scenario, state)
                state, _ = engine.step(scenario, state, index)
                await pilot.press(str(number))
                await pilot.pause()
            await settle(pilot)
            assert isinstance(app.screen, DebriefScreen)
            ending = scenario.nodes[state.node]
            assert text_of(app, "#ending-title") == f"The journey ends: {ending.title}"
            timeline = app.screen.query_one("#timeline", Static).content
            assert [str(cell) for cell in timeline.columns[0].cells if str(cell)] == \
                [f"{n}." for n in range(1, state.step + 1)]
            assert str(list(timeline.columns[1].cells)[-1]) == f"End: {ending.title}"
            assert " ".join(ending.context.split()) in text_of(app, "#context")
            totals = {}
            for kind, p in analyse(scenario).endings.values():
                totals[kind] = totals.get(kind, 0) + p
            chart = text_of(app, "#kind-chart").splitlines()
            mine = [line for line in chart if line.endswith("(your ending)")]
            assert len(mine) == 1 and mine[0].startswith(kind_label(ending.kind))
            for kind, p in totals.items():
                if p > 0:
                    assert any(line.startswith(kind_label(kind)) and percent(p) in line
                               for line in chart)
    run(body)


def test_the_arrivals_chart_has_every_year_to_2025():
    async def body():
        app = brackets_app(seed=4)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n", "1", "2")
            await settle(pilot)
            chart = text_of(app, "#arrivals-chart")
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
            assert app.screen.save is None
            assert text_of(app, "#save-status") == "No journey in progress."
    run(body)
