"""The forward sweep (`sweep.py`, a layer of states at a time) adds up exactly what the plain
loop over the states adds up, in the same order: the same floats, bit for bit."""

from __future__ import annotations

from hypothesis import given

from journey.engine import catalog
from journey.engine.loader import load_scenario
from journey.engine.statespace import (explore, partial_order, slot_shares, topological_order)
from journey.engine.sweep import sweep

from .strategies import ENDING_SHAPES, scenarios


def plain_loop(space, order, shares=None) -> tuple[list[float], list[int]]:
    """Reach and longest path, state by state in `order`."""
    mass, depth = [0.0] * len(space), [0] * len(space)
    mass[0] = 1.0
    for u in order:
        slots = space.slots(u)
        for c in slots:
            if shares is None:
                per_weight = mass[u] / len(slots) / space.total[c]
            else:
                per_weight = mass[u] * shares[c] / space.total[c]
            for e in space.results(c):
                t = space.target[e]
                mass[t] += per_weight * space.weight[e]
                depth[t] = max(depth[t], depth[u] + 1)
    return mass, depth


def assert_sweeps_agree(space) -> None:
    order = topological_order(space)
    assert order is not None
    mass, depth = sweep(space, order, longest=True)
    assert (mass.tolist(), depth.tolist()) == plain_loop(space, order)
    shares = slot_shares(space, None)
    assert sweep(space, order, shares)[0].tolist() == plain_loop(space, order, shares)[0]


@given(scenarios(ENDING_SHAPES))
def test_the_sweep_adds_up_what_the_plain_loop_adds_up(generated):
    assert_sweeps_agree(explore(generated.scenario))


def test_the_sweep_adds_up_what_the_plain_loop_adds_up_on_the_long_road():
    assert_sweeps_agree(explore(load_scenario(catalog.bundled()["long_road"])))


@given(scenarios())
def test_no_transition_joins_two_states_of_one_layer(generated):
    space = explore(generated.scenario)
    order = partial_order(space)
    layer = {}
    for i, (lo, hi) in enumerate(zip(order.bounds, order.bounds[1:])):
        layer.update((u, i) for u in order[lo:hi])
    assert order.bounds[0] == 0 and order.bounds[-1] == len(order)
    for u in order:
        for e in space.edges(u):
            assert layer[u] < layer.get(space.target[e], len(order.bounds))
