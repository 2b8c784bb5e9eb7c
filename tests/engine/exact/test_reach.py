"""The one share of a branch and the one reach sweep (`reach.py`).

A branch's share is what the game does: for a random player 1/n for each of the n open choices
(`rules.available`), times the outcome's weight over its choice's total (`rules.branches`);
for a policy, the outcome's chance on the choice it picks. The sweep, a layer of states at a
time, adds up exactly what the plain loop over the states adds up, in the same order: the same
floats, bit for bit.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journey.engine import catalog, rules
from journey.engine.exact.exploration import explore
from journey.engine.exact.order import topological_order
from journey.engine.exact.reach import outcome_chances, shares, sweep
from journey.engine.loader import load_scenario
from journey.engine.policies import POLICIES, PolicyError

from ..strategies import ENDING_SHAPES, scenarios


def plain_loop(space, order, share) -> tuple[list[float], list[int]]:
    """Reach and longest path, state by state in `order`."""
    reach, depth = [0.0] * len(space), [0] * len(space)
    reach[0] = 1.0
    for u in order:
        for e in space.edges(u):
            t = space.target[e]
            reach[t] += reach[u] * share[e]
            depth[t] = max(depth[t], depth[u] + 1)
    return reach, depth


def assert_sweeps_agree(space, chosen=None) -> None:
    order = topological_order(space)
    assert order is not None
    share = shares(space, chosen).branch
    reach, depth = sweep(space, order, share, longest=True)
    assert (reach.tolist(), depth.tolist()) == plain_loop(space, order, share.tolist())


@given(scenarios(ENDING_SHAPES), st.sampled_from(tuple(POLICIES)))
def test_the_sweep_adds_up_what_the_plain_loop_adds_up(generated, name):
    space = explore(generated.scenario)
    policy = POLICIES[name]
    resource = generated.scenario.variables[0].id if generated.scenario.variables else "money"
    try:
        chosen = policy.pick(space, resource) if policy.pick else None
    except PolicyError:
        return  # 'cheapest' needs a variable
    assert_sweeps_agree(space, chosen)


def test_the_sweep_adds_up_what_the_plain_loop_adds_up_on_the_long_road():
    assert_sweeps_agree(explore(load_scenario(catalog.bundled()["long_road"])))


@given(scenarios(), st.data())
def test_each_branch_gets_the_share_the_game_gives_it(generated, data):
    scenario = generated.scenario
    space = explore(scenario)
    chosen = None
    if data.draw(st.booleans(), label="a policy"):  # any rule: one open slot per state
        chosen = [data.draw(st.sampled_from(space.slots(u))) if len(space.slots(u)) else -1
                  for u in range(len(space))]
    given_shares = shares(space, chosen)
    choice, branch = given_shares.choice.tolist(), given_shares.branch.tolist()
    outcome = outcome_chances(space).tolist()
    for u in range(len(space)):
        node, values = space.node[u], space.values[u]
        open_choices = rules.available(scenario, node, values)
        assert [space.choice[c] for c in space.slots(u)] == open_choices
        for c, k in zip(space.slots(u), open_choices):
            taking = 1 / len(open_choices) if chosen is None else float(chosen[u] == c)
            assert choice[c] == taking
            found = rules.branches(scenario, node, values, k)
            total = sum(b.weight for b in found)
            assert [outcome[e] for e in space.results(c)] == [b.weight / total for b in found]
            assert [branch[e] for e in space.results(c)] == [
                b.weight / total * taking for b in found]
