"""The chance of each ending from every state (`chances.py`, on `reach.sweep_back`).

The backward sweep adds up what the plain loop over the states in reverse adds up, bit for bit.
The chance from a state is the exact odds of a copy of the scenario that starts in that state:
its start scene and start values set to the state's, and its odds worked out from scratch by
the forward pass. From the start, the chances are the scenario's own odds. The debrief's table
keeps the hopeful and harmful columns for every state with a choice, and reads back from its
JSON equal, or refuses a damaged one.
"""

from __future__ import annotations

import dataclasses
import json
import math
from array import array

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from journey.engine import catalog
from journey.engine.exact.chances import by_ending, by_kind, chances, outlook, table
from journey.engine.exact.codes import Coder
from journey.engine.exact.exploration import explore
from journey.engine.exact.odds import journeys, summarise
from journey.engine.exact.order import topological_order
from journey.engine.exact.reach import shares, sweep_back
from journey.engine.exact.summary import ChanceTable, OddsSummary
from journey.engine.kinds import harmful
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario

from ..strategies import ENDING_SHAPES, scenarios


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def explored(scenario: Scenario):
    """(space, order, a random player's journeys) of a scenario with no cycle of states."""
    space = explore(scenario)
    order = topological_order(space)
    assume(order is not None)
    return space, order, journeys(space, order)


def started_at(scenario: Scenario, node: int, values: tuple[int, ...]) -> Scenario:
    """A copy of `scenario` whose journeys start at `node` with `values`."""
    count = len(scenario.variables)
    return dataclasses.replace(
        scenario, start=node,
        variables=tuple(dataclasses.replace(v, start=values[i])
                        for i, v in enumerate(scenario.variables)),
        flags=tuple(dataclasses.replace(f, start=bool(values[count + j]))
                    for j, f in enumerate(scenario.flags)))


def plain_loop_back(space, order, share, stops) -> list[list[float]]:
    worth = [list(row) for row in stops]
    for u in reversed(order):
        for e in space.edges(u):
            t = space.target[e]
            for j in range(len(worth[u])):
                worth[u][j] += share[e] * worth[t][j]
    return worth


def test_the_backward_sweep_adds_up_what_the_plain_loop_adds_up_on_the_long_road():
    space = explore(load_scenario(catalog.resolve("long_road")))
    order = topological_order(space)
    columns = by_kind(space.scenario)
    found = chances(space, order, columns)
    stops = [[float(node in endings) for _, endings in columns] for node in space.node]
    assert found.state.tolist() == plain_loop_back(space, order, shares(space).branch.tolist(),
                                                   stops)


@given(scenarios(ENDING_SHAPES), st.data())
def test_the_chance_from_a_state_is_the_odds_of_the_scenario_started_there(generated, data):
    scenario = generated.scenario
    space, order, _ = explored(scenario)
    found = chances(space, order, by_ending(scenario))
    u = data.draw(st.integers(0, len(space) - 1), label="state")
    copy = started_at(scenario, space.node[u], space.values[u])
    copied = explore(copy)
    run = journeys(copied, topological_order(copied))
    for j, ending in enumerate(scenario.endings):
        assert close(found.state[u, j], run.odds.endings[ending.id]), ending.id


@given(scenarios(ENDING_SHAPES))
def test_from_the_start_the_chances_are_the_scenarios_odds_and_kinds_add_up(generated):
    scenario = generated.scenario
    space, order, run = explored(scenario)
    kinds = chances(space, order, by_kind(scenario))
    for j, kind in enumerate(kinds.columns):
        assert close(kinds.state[0, j], run.odds.kinds[kind]), kind
    ahead = chances(space, order, outlook(scenario))
    hopeful = sum(p for k, p in run.odds.kinds.items() if not harmful(k))
    assert close(ahead.state[0, 0], hopeful)
    assert close(ahead.state[0, 1], 1 - hopeful - run.odds.stuck)
    # Each option's chance, averaged over the open options as a random player takes them, is
    # the chance before choosing.
    for u in range(len(space)):
        slots = space.slots(u)
        if len(slots):
            mean = sum(ahead.option[c, 0] for c in slots) / len(slots)
            assert close(mean, ahead.state[u, 0])


@pytest.mark.parametrize("name", ["tutorial", "long_road"])
def test_the_table_holds_every_state_with_a_choice_and_reads_back_equal(name):
    scenario = load_scenario(catalog.resolve(name))
    space = explore(scenario)
    found = chances(space, topological_order(space), outlook(scenario))
    kept = table(space, found)
    coder = Coder.of(scenario)
    moving = [u for u in range(len(space)) if len(space.slots(u))]
    assert len(kept.codes) == len(moving)
    for u in moving[::97]:
        assert kept.at(coder.encode(space.node[u], space.values[u])) == (
            found.state[u, 0], found.state[u, 1])
    ending = next(u for u in range(len(space)) if space.scenario.nodes[space.node[u]].is_ending)
    assert kept.at(coder.encode(space.node[ending], space.values[ending])) is None
    assert ChanceTable.from_json(json.loads(json.dumps(kept.to_json()))) == kept


UNORDERED = ChanceTable(array("q", [5, 3]), array("d", [0.5, 0.5]), array("d", [0.5, 0.5]))


@pytest.mark.parametrize("damage", [
    {"hopeful": "not base64!"}, {"harmful": "aGVsbG8="}, {"states": 10**9},
    {"states": 2, "codes": UNORDERED.to_json()["codes"]}])
def test_the_summary_keeps_the_table_and_a_damaged_one_is_refused(damage):
    summary = summarise(load_scenario(catalog.resolve("tutorial")))
    data = json.loads(json.dumps(summary.to_json()))
    assert OddsSummary.from_json(data) == summary
    data["chances"].update(damage)
    with pytest.raises(ValueError, match="malformed odds summary"):
        OddsSummary.from_json(data)
