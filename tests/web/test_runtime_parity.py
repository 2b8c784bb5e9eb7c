"""The JavaScript runtime plays a scenario exactly as the Python engine does.

The same (scenario, seed, moves) is played by the engine and by runtime.js, in node and in
Debian's Chromium, and the whole traces must be equal: after every move the saved state (node,
values, step, history, generator state), whether the journey is over, the open choices, the
choices shown, the text of the scene or ending as it reads there (conditional parts and
values), which values the status panel shows, and every event (texts, odds as the same
doubles, values as they read, only the changes that are told); a move
that cannot be taken must be refused with the same message; and replaying the history must
rebuild the last state. The moves of journey i of a written scenario are drawn from
random.Random(i), so a failure names a journey that can be replayed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine.strategies import bool_trees, int_trees, render, scenarios  # tests/engine's
from hypothesis import given, settings
from hypothesis import strategies as st

from journey.engine import catalog
from journey.engine.expressions import BOOL, INT, Symbol, compile_expression, tree_of
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.frontend.scenario_data import scenario_data

from .runtime_parity import (Chromium, Node, first_difference, moves, python_draws,
                             python_trace)

SCENARIOS = {**catalog.bundled(), "parity_rules": Path(__file__).with_name("parity_rules.yaml")}
"""The bundled scenarios, and one that uses every rule where two engines could disagree."""

JOURNEYS = 150
"""Journeys played per scenario, in each runtime."""

SEEDS = list(range(JOURNEYS - 4)) + [-1, 2**63, 2**64 + 5, -(7**40)]
"""Seed of each journey: small ones, and ones past 64 bits or below zero."""

EVERY_SEED = st.integers(min_value=-(2**80), max_value=2**80)


@pytest.fixture(scope="module", params=["node", "chromium"])
def runtime(request) -> Iterator[Any]:
    """The runtime in node, or in a blank page of Chromium."""
    place = Node() if request.param == "node" else Chromium(request.getfixturevalue("browser"))
    yield place
    place.close()


def numbers(seed: int) -> Iterator[int]:
    """The endless numbers that choose the moves of journey `seed`."""
    generator = random.Random(seed)
    return iter(lambda: generator.getrandbits(32), None)


def compare(runtime, scenario: Scenario, journeys: list[tuple[int, list]]) -> int:
    """Play `journeys` ((seed, moves)) in both engines; return how many reached an ending."""
    found = runtime.ask({"kind": "play", "data": scenario_data(scenario),
                         "cases": [{"seed": str(seed), "moves": journey}
                                   for seed, journey in journeys]})
    assert len(found) == len(journeys)
    ended = 0
    for (seed, journey), answer in zip(journeys, found):
        expected = python_trace(scenario, seed, journey)
        difference = first_difference(expected, answer)
        assert difference is None, (f"seed {seed}, moves {journey}: the traces differ at "
                                    f"{difference}")
        ended += expected["trace"][-1].get("over", False)
    return ended


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_written_scenarios_play_draw_for_draw(runtime, name):
    scenario = load_scenario(SCENARIOS[name])
    journeys = [(seed, moves(scenario, seed, numbers(i), limit=200))
                for i, seed in enumerate(SEEDS)]
    assert compare(runtime, scenario, journeys) == JOURNEYS  # each played to its ending


@given(scenarios(continuity=True), st.lists(st.tuples(EVERY_SEED, st.lists(st.integers(0, 2**32), min_size=1,
                                                            max_size=40)),
                             min_size=1, max_size=4))
def test_generated_scenarios_play_draw_for_draw(runtime, generated, drawn):
    journeys = [(seed, moves(generated.scenario, seed, _cycle(picks), limit=40))
                for seed, picks in drawn]
    compare(runtime, generated.scenario, journeys)


def _cycle(picks: list[int]) -> Iterator[int]:
    while True:
        yield from picks


@st.composite
def large_ranges(draw) -> dict[str, tuple[int, int]]:
    """Variables whose values reach ±10^15, the largest a scenario may write."""
    ranges = {}
    for name in ("a", "b"):
        low = draw(st.integers(-10**15, 10**15))
        ranges[name] = (low, min(10**15, low + draw(st.integers(0, 10**15))))
    return ranges


@settings(max_examples=3 * settings().max_examples)  # each example is one quick request
@given(st.data())
def test_expressions_give_the_same_values_however_large(runtime, data):
    """Products past 2^53 and 2^64, and floor division of negative numbers, as in Python."""
    ranges = data.draw(large_ranges(), label="ranges")
    flags = ["f", "g"]
    wanted = data.draw(st.sampled_from((INT, BOOL)), label="type")
    trees = int_trees(ranges, 3, tuple(flags)) if wanted == INT else bool_trees(ranges, flags, 3)
    tree = data.draw(trees, label="tree")
    symbols = {name: Symbol(i, INT, low, high) for i, (name, (low, high)) in
               enumerate(ranges.items())}
    symbols |= {name: Symbol(len(ranges) + j, BOOL, 0, 1) for j, name in enumerate(flags)}
    compiled = compile_expression(render(tree), symbols)
    row = st.tuples(*(st.integers(low, high) for low, high in ranges.values()),
                    st.integers(0, 1), st.integers(0, 1))
    rows = data.draw(st.lists(row, min_size=1, max_size=20), label="rows")
    found = runtime.ask({"kind": "evaluate", "tree": tree_of(compiled.evaluate),
                         "rows": [[str(v) for v in values] for values in rows]})
    assert found == [str(int(compiled.evaluate(values))) for values in rows]


@given(EVERY_SEED, st.lists(st.integers(1, 2**64), max_size=10))
def test_the_generator_draws_the_same_numbers(runtime, seed, bounds):
    found = runtime.ask({"kind": "draws", "cases": [{"seed": str(seed),
                                                          "bounds": [str(b) for b in bounds]}]})
    assert found == [python_draws(seed, bounds)]


@pytest.mark.parametrize("change, seed, message", [
    ({"format": 2}, 1, "Error: this runtime reads scenario data of format 1, not 2"),
    ({}, "1e3", "TypeError: the seed must be a whole number, not 1e3"),
    ({}, "0x10", "TypeError: the seed must be a whole number, not 0x10"),
])
def test_the_runtime_says_what_it_cannot_read(runtime, change, seed, message):
    data = scenario_data(load_scenario(catalog.bundled()["tutorial"])) | change
    assert runtime.ask({"kind": "load", "data": data, "seed": seed}) == message
