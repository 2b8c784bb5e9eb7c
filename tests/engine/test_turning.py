"""Turning points (`engine.turning`): along every route of small generated scenarios, the
changes made by the choices and by the draws add up exactly, as fractions, to the journey's
outcome minus its chance at the start; each step starts where the one before ended; and every
option's chance, worked out by the game from the table, is the analysis's own figure, bit for
bit.
"""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction

import pytest
from hypothesis import assume, given

from journey.engine import catalog, rules
from journey.engine.exact.chances import chances, outlook, table
from journey.engine.exact.exploration import explore
from journey.engine.exact.odds import summarise
from journey.engine.exact.order import topological_order
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.engine.turning import MEASURES, NotInTable, TurningPoints, turning_points

from .strategies import ENDING_SHAPES, scenarios

ROUTE_BUDGET = 2_000


def every_route(scenario: Scenario) -> list[tuple[tuple[int, int], ...]]:
    """The (choice, outcome) history of every route from the start to an ending; skips the
    scenario (Hypothesis `assume`) past ROUTE_BUDGET routes."""
    found: list[tuple[tuple[int, int], ...]] = []

    def follow(node: int, values: tuple[int, ...], history: tuple[tuple[int, int], ...]) -> None:
        assume(len(found) <= ROUTE_BUDGET)
        if scenario.nodes[node].is_ending:
            found.append(history)
            return
        for c in rules.available(scenario, node, values):
            for b in rules.branches(scenario, node, values, c):
                follow(b.target, b.values, history + ((c, b.outcome),))

    follow(scenario.start, scenario.start_values, ())
    return found


def assert_adds_up(points: TurningPoints) -> None:
    for measure in MEASURES:
        outcome = points.outcome.of(measure)
        assert outcome in (0.0, 1.0)
        assert points.choices(measure) + points.luck(measure) == \
            Fraction(outcome) - Fraction(points.start.of(measure))
    before = points.start
    for turn in points.turns:
        assert turn.before == before
        assert sum(option.taken for option in turn.options) == 1
        before = turn.after


@given(scenarios(ENDING_SHAPES))
def test_the_split_adds_up_exactly_on_every_route(generated):
    scenario = generated.scenario
    summary = summarise(scenario)
    assume(summary is not None and summary.chances is not None)
    space = explore(scenario)
    found = chances(space, topological_order(space), outlook(scenario))
    kernel = {}  # (node, values, choice position) -> the analysis's chance after that option
    for u in range(len(space)):
        for c in space.slots(u):
            kernel[space.node[u], space.values[u], space.choice[c]] = tuple(found.option[c])
    for history in every_route(scenario):
        points = turning_points(scenario, summary.chances, 0, history)
        assert_adds_up(points)
        state = rules.new_game(scenario)
        for turn, (choice, outcome) in zip(points.turns, history):
            for option in turn.options:
                assert (option.outlook.hopeful, option.outlook.harmful) == \
                    kernel[state.node, state.values, option.position]
            state, _ = rules.step(scenario, state, choice, outcome)


def test_the_split_adds_up_exactly_on_long_road_journeys():
    scenario = load_scenario(catalog.resolve("long_road"))
    summary = summarise(scenario)
    for seed in range(40):
        rng, state = random.Random(seed), rules.new_game(scenario, seed)
        while not rules.is_over(scenario, state):
            state, _ = rules.step(scenario, state, rng.choice(
                rules.available(scenario, state.node, state.values)))
        points = turning_points(scenario, summary.chances, seed, state.history)
        assert_adds_up(points)
        assert len(points.turns) == state.step


def test_a_table_of_another_version_is_refused_by_name():
    scenario = load_scenario(catalog.resolve("tutorial"))
    summary = summarise(scenario)
    other = summarise(dataclasses.replace(scenario, start=scenario.node_index["yanji"]))
    history = ((0, 0),)
    turning_points(scenario, summary.chances, 1, history)
    with pytest.raises(NotInTable, match="another version"):
        turning_points(scenario, other.chances, 1, history)


def test_each_option_reads_as_the_player_read_it_at_that_step():
    """A label with parts (the tutorial's "Stay hidden and work", with the money she has while
    she has little) reads in the turning points as it read on the screen, never as written."""
    scenario = load_scenario(catalog.resolve("tutorial"))
    summary = summarise(scenario)
    shown_with_parts = 0
    for seed in range(60):
        rng, state = random.Random(seed), rules.new_game(scenario, seed)
        screens = []
        while not rules.is_over(scenario, state):
            screens.append({view.index: view.label
                            for view in rules.choice_views(scenario, state) if view.enabled})
            state, _ = rules.step(scenario, state, rng.choice(
                rules.available(scenario, state.node, state.values)))
        points = turning_points(scenario, summary.chances, seed, state.history)
        for turn, labels in zip(points.turns, screens):
            assert {option.position: option.label for option in turn.options} == labels
            shown_with_parts += any("(with " in option.label for option in turn.options)
    assert shown_with_parts > 0, "no journey met the label with parts"
