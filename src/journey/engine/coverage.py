"""Coverage: the exact probability that a random player reaches each scene and takes each choice.

In an acyclic state graph a state is visited at most once per journey, so the chance of passing
through a state is its reach probability. A scene, though, can be visited several times when the
story loops back to it (with changed values). For scenes that no loop of the scene graph can
bring back, the chance of reaching them is the sum over their states; for the few that can be
revisited, a first-visit pass counts each journey once. Those passes cost one sweep of the graph
each; past a budget, the expected number of visits (an upper bound on the chance) is used instead.
"""

from __future__ import annotations

from array import array

from .model import Scenario
from .statespace import StateSpace

PASS_BUDGET = 20_000_000  # edges swept by first-visit passes before falling back to bounds


def _scenes_on_loops(scenario: Scenario) -> set[int]:
    """Scenes that some path can visit twice: those on a cycle of the scene-level graph."""
    successors = {scene.index: {t for c in scene.choices for o in c.outcomes for t in o.targets}
                  for scene in scenario.scenes}
    looping = set()
    for scene in successors:
        seen, stack = set(), list(successors[scene])
        while stack:
            node = stack.pop()
            if node == scene:
                looping.add(scene)
                break
            if node in seen or node not in successors:
                continue
            seen.add(node)
            stack.extend(successors[node])
    return looping


def _first_hit(space: StateSpace, order, hit_state, hit_slot) -> float:
    """Probability that a random journey hits a state (or takes a slot) matching the tests."""
    mass = array("d", bytes(8 * len(space)))
    mass[0] = 1.0
    choice_row, branch_row = space.choice_row, space.branch_row
    total, weight, target = space.total, space.weight, space.target
    hits = 0.0
    for u in order:
        m = mass[u]
        if not m:
            continue
        if hit_state(u):
            hits += m
            continue
        lo, hi = choice_row[u], choice_row[u + 1]
        for c in range(lo, hi):
            share = m / (hi - lo)
            if hit_slot(u, c):
                hits += share
                continue
            for e in range(branch_row[c], branch_row[c + 1]):
                mass[target[e]] += share * weight[e] / total[c]
    return hits


def reach_probabilities(space: StateSpace, order, reach) -> tuple[dict, dict, bool]:
    """(scene id -> chance of reaching it, (scene id, choice index) -> chance of taking it,
    whether every figure is exact rather than an upper bound)."""
    scenario: Scenario = space.scenario
    keys, choice_row, choice_of = space.keys, space.choice_row, space.choice
    scene_sum = [0.0] * len(scenario.nodes)
    choice_sum: dict[tuple[int, int], float] = {}
    for u, key in enumerate(keys):
        node = key[0]
        scene_sum[node] += reach[u]
        lo, hi = choice_row[u], choice_row[u + 1]
        for c in range(lo, hi):
            taken = (node, choice_of[c])
            choice_sum[taken] = choice_sum.get(taken, 0.0) + reach[u] / (hi - lo)
    looping = _scenes_on_loops(scenario)
    passes = sum(1 + len(scenario.nodes[node].choices) for node in looping)
    exact = passes * len(space.target) <= PASS_BUDGET
    if not exact:
        looping = set()
    scenes, choices = {}, {}
    for scene in scenario.scenes:
        node = scene.index
        if node in looping:
            scenes[scene.id] = _first_hit(space, order, lambda u, n=node: keys[u][0] == n,
                                          lambda u, c: False)
        else:
            scenes[scene.id] = scene_sum[node]
        for i in range(len(scene.choices)):
            if node in looping:
                choices[(scene.id, i)] = _first_hit(
                    space, order, lambda u: False,
                    lambda u, c, n=node, i=i: keys[u][0] == n and choice_of[c] == i)
            else:
                choices[(scene.id, i)] = choice_sum.get((node, i), 0.0)
    return scenes, choices, exact
