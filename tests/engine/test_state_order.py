"""The order the exact passes walk the states in: every transition goes forward.

`partial_order` sorts states by their scene's place in the scene graph and runs Kahn's algorithm
only inside loops of scenes; checked here against Kahn's algorithm on the whole state graph.
"""

from __future__ import annotations

from hypothesis import given

from journey.engine.statespace import _kahn, explore, partial_order

from .strategies import scenarios


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
