"""The exploration in rounds (numpy, `exact/exploration.py`) gives exactly the tables of a
reference written here directly on `rules.available` and `rules.results`, one state at a
time: the same states in the same order, the same open choices, and for each the same weights,
outcomes and targets.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journey.engine import catalog, rules
from journey.engine.loader import load_scenario, load_text
from journey.engine.exact.space import batchable
from journey.engine.exact.exploration import explore
from journey.engine.exact.space import StateLimitExceeded, StateSpace

from ..strategies import scenarios


def reference(scenario) -> tuple[list, list, list]:
    """(states as (node, values) in the order first reached, per state its open choices with
    their branches (weight, outcome, target state), per state the branch first reaching it)."""
    states = [(scenario.start, scenario.start_values)]
    number = {states[0]: 0}
    rows, first, edges = [], [None], 0
    for node, values in states:  # the list grows as we go
        row = []
        for k in rules.available(scenario, node, values):
            branches = []
            for weight, outcome, t_node, t_values in rules.results(scenario, node, values, k):
                if (t_node, t_values) not in number:
                    number[t_node, t_values] = len(states)
                    states.append((t_node, t_values))
                    first.append((number[node, values], edges))
                branches.append((weight, outcome, number[t_node, t_values]))
                edges += 1
            row.append((k, branches))
        rows.append(row)
    return states, rows, first


def tables(space: StateSpace) -> tuple[list, list, list]:
    """The same three lists, read from the explored tables."""
    states = [(space.node[u], space.values[u]) for u in range(len(space))]
    rows = [[(space.choice[c], [(space.weight[e], space.outcome[e], space.target[e])
                                for e in space.results(c)]) for c in space.slots(u)]
            for u in range(len(space))]
    first = [None] + [(space.parent[u], space.parent_branch[u]) for u in range(1, len(space))]
    return states, rows, first


def assert_same(space: StateSpace, scenario) -> None:
    assert tables(space) == reference(scenario)
    for u in range(len(space)):
        assert space.state_of(space.node[u], space.values[u]) == u
        for c in space.slots(u):
            assert space.total[c] == sum(space.weight[e] for e in space.results(c))


@given(scenarios(), st.integers(0, 30))
def test_rounds_give_the_reference_tables(generated, handover):
    """From any point of hand-over (0: rounds from the start)."""
    assert batchable(generated.scenario)
    assert_same(explore(generated.scenario, handover=handover), generated.scenario)


@pytest.mark.parametrize("name", sorted(catalog.bundled()))
def test_rounds_give_the_reference_tables_for_the_bundled_scenarios(name):
    scenario = load_scenario(catalog.bundled()[name])
    assert batchable(scenario)
    assert_same(explore(scenario, handover=0), scenario)


def test_the_state_limit_stops_rounds_as_it_stops_the_reference():
    scenario = load_scenario(catalog.bundled()["tutorial"])
    count = len(reference(scenario)[0])
    assert len(explore(scenario, max_states=count, handover=0)) == count
    with pytest.raises(StateLimitExceeded):
        explore(scenario, max_states=count - 1, handover=0)


WIDE = """
format: 1
id: wide
title: Wide
summary: Values too large for 64-bit arithmetic in one expression.
content_note: A test.
start: s0
variables:
  big: {start: 3, min: -1000000000000000, max: 1000000000000000, label: Big}
stages: [{id: route, title: Route, place: Anywhere}]
scenes:
  s0:
    stage: route
    text: Start.
    choices:
      - {label: Square it, if: "big * big < 10", effects: {add: {big: 2}}, goto: s0}
      - {label: Grow, if: "big < 5", effects: {add: {big: 1}}, goto: s0}
      - {label: Stop, goto: end}
endings:
  end: {kind: asylum, title: End, text: It ends., context: Context., sources: [src]}
sources:
  src: {title: A source, publisher: Publisher, year: 2020, url: "https://example.org"}
"""


def test_a_scenario_without_vector_twins_is_explored_one_state_at_a_time():
    scenario = load_text(WIDE)
    assert not batchable(scenario)  # big * big can pass 2^63
    assert_same(explore(scenario, handover=0), scenario)
