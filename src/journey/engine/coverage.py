"""Coverage: the exact probability that a random player reaches each scene and takes each choice.

In an acyclic state graph a state is visited at most once per journey, so the chance of passing
through a state is its reach probability. A scene, though, can be visited several times when the
story loops back to it (with changed values). For scenes that no loop of the scene graph can
bring back, the chance of reaching them is the sum over their states; for the few that can be
revisited, a first-visit pass (`visits.py`) counts each journey once. Past a budget of work, the
expected number of visits (an upper bound on the chance) is used instead.
"""

from __future__ import annotations

from .model import Scenario
from .statespace import StateSpace
from .visits import TooCostly, marks_collected

PASS_BUDGET = 20_000_000  # transitions carried by first-visit passes before using bounds


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


def _visits(space: StateSpace, order, reach, looping: set[int]) -> tuple[dict, dict]:
    """Exact first-visit figures for the scenes in `looping` and their choices, each journey
    counted once however often it comes back (raises TooCostly past PASS_BUDGET)."""
    scenario: Scenario = space.scenario
    node_marks = [0] * len(scenario.nodes)
    choice_marks: dict[int, list[int]] = {}
    bit = 1
    for node in sorted(looping):
        node_marks[node], bit = bit, bit << 1
        choice_marks[node] = []
        for _ in scenario.nodes[node].choices:
            choice_marks[node].append(bit)
            bit <<= 1
    marks = [1 << k for k in range(bit.bit_length() - 1)]
    found = marks_collected(space, order, reach, node_marks, choice_marks, marks, PASS_BUDGET,
                            stops=False)
    scenes = {node: sum(found[node_marks[node]].values()) for node in looping}
    choices = {(node, i): sum(found[mark].values())
               for node, row in choice_marks.items() for i, mark in enumerate(row)}
    return scenes, choices


def reach_probabilities(space: StateSpace, order, reach) -> tuple[dict, dict, bool]:
    """(scene id -> chance of reaching it, (scene id, choice index) -> chance of taking it,
    whether every figure is exact rather than an upper bound)."""
    scenario: Scenario = space.scenario
    node_of, choice_row, choice_of = space.node, space.choice_row, space.choice
    first = [0] * (len(scenario.nodes) + 1)  # choice (node, i) is counted at first[node] + i
    for each in scenario.nodes:
        first[each.index + 1] = first[each.index] + len(getattr(each, "choices", ()))
    scene_sum = [0.0] * len(scenario.nodes)
    choice_sum = [0.0] * first[-1]
    for u, m in enumerate(reach):
        if not m:
            continue
        node = node_of[u]
        scene_sum[node] += m
        lo, hi = choice_row[u], choice_row[u + 1]
        if lo < hi:
            share, base = m / (hi - lo), first[node]
            for c in range(lo, hi):
                choice_sum[base + choice_of[c]] += share
    scenes = {scene.id: scene_sum[scene.index] for scene in scenario.scenes}
    choices = {(scene.id, i): choice_sum[first[scene.index] + i]
               for scene in scenario.scenes for i in range(len(scene.choices))}
    looping = _scenes_on_loops(scenario) & set(node_of)
    if not looping:
        return scenes, choices, True
    try:
        scene_visits, choice_visits = _visits(space, order, reach, looping)
    except TooCostly:  # expected visits stay: an upper bound on the chance
        return scenes, choices, False
    for node, p in scene_visits.items():
        scenes[scenario.nodes[node].id] = p
    for (node, i), p in choice_visits.items():
        choices[(scenario.nodes[node].id, i)] = p
    return scenes, choices, True
