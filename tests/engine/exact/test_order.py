"""The order the exact passes walk the states in: every transition goes forward, and never
within a layer.

`partial_order` sorts states by their scene's place in the scene graph and runs Kahn's algorithm
only inside loops of scenes; checked here against Kahn's algorithm on the whole state graph.
"""

from __future__ import annotations

from hypothesis import given

from journey.engine.exact.exploration import explore
from journey.engine.exact.order import _kahn, partial_order

from ..strategies import scenarios


@given(scenarios())
def test_every_transition_goes_forward_and_the_same_states_are_left_out(generated):
    space = explore(generated.scenario)
    order = partial_order(space)
    everything = _kahn(space, range(len(space)))
    assert sorted(order) == sorted(everything)
    position = {u: i for i, u in enumerate(order)}
    for u in order:
        for e in space.edges(u):
            t = space.target[e]  # a state on a cycle is left out, whatever leads to it
            assert position[u] < position.get(t, len(order))


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
