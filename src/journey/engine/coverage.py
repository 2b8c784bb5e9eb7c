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

PASS_BUDGET = 20_000_000  # edges swept by first-visit passes before falling back to bounds


def _scenes_on_loops(scenario: Scenario) -> set[int]:
    """Scenes that some path can visit twice: those on a cycle of the scene-level graph."""
    successors = {scene.index: {o.target for c in scene.choices for o in c.outcomes}
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


def _first_hit(graph, order, hit_state, hit_edge) -> float:
    """Probability that a journey hits a state (or takes an edge) matching the predicates."""
    mass = array("d", bytes(8 * len(graph)))
    mass[0] = 1.0
    row, target, prob = graph.row, graph.target, graph.prob
    total = 0.0
    for u in order:
        m = mass[u]
        if not m:
            continue
        if hit_state(u):
            total += m
            continue
        for e in range(row[u], row[u + 1]):
            if hit_edge(u, e):
                total += m * prob[e]
            else:
                mass[target[e]] += m * prob[e]
    return total


def reach_probabilities(graph, order, reach) -> tuple[dict, dict, bool]:
    """(scene id -> chance of reaching it, (scene id, choice index) -> chance of taking it,
    whether every figure is exact rather than an upper bound)."""
    scenario: Scenario = graph.scenario
    keys, row, prob, choice_of = graph.keys, graph.row, graph.prob, graph.choice
    scene_sum = [0.0] * len(scenario.nodes)
    choice_sum: dict[tuple[int, int], float] = {}
    for u, key in enumerate(keys):
        node = key[0]
        scene_sum[node] += reach[u]
        taken: dict[int, float] = {}
        for e in range(row[u], row[u + 1]):
            taken[choice_of[e]] = taken.get(choice_of[e], 0.0) + prob[e]
        for c, share in taken.items():
            choice_sum[(node, c)] = choice_sum.get((node, c), 0.0) + reach[u] * share
    looping = _scenes_on_loops(scenario)
    passes = sum(1 + len(scenario.nodes[node].choices) for node in looping)
    exact = passes * len(graph.target) <= PASS_BUDGET
    if not exact:
        looping = set()
    scenes, choices = {}, {}
    for scene in scenario.scenes:
        node = scene.index
        if node in looping:
            scenes[scene.id] = _first_hit(graph, order, lambda u, n=node: keys[u][0] == n,
                                          lambda u, e: False)
        else:
            scenes[scene.id] = scene_sum[node]
        for c in range(len(scene.choices)):
            if node in looping:
                choices[(scene.id, c)] = _first_hit(
                    graph, order, lambda u: False,
                    lambda u, e, n=node, c=c: keys[u][0] == n and choice_of[e] == c)
            else:
                choices[(scene.id, c)] = choice_sum.get((node, c), 0.0)
    return scenes, choices, exact
