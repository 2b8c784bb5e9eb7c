"""Coverage: the exact probability that a random player reaches each scene and takes each choice.

In an acyclic state graph a state is visited at most once per journey, so the chance of passing
through a state is its reach probability. A scene, though, can be visited several times when the
story loops back to it (with changed values). For scenes that no loop of the scene graph can
bring back, the chance of reaching them is the sum over their states; for the few that can be
revisited, a first-visit pass (`visits.py`) counts each journey once. Past a budget of work, the
expected number of visits (an upper bound on the chance) is used instead.
"""

from __future__ import annotations

from .arrays import np
from collections.abc import Sequence

from .model import Scene, Scenario
from .statespace import StateSpace, scene_groups
from .sweep import tables
from .visits import TooCostly, marks_collected

PASS_BUDGET = 20_000_000
"""The most sets of marks the first-visit passes may carry over transitions in all, before the
figures fall back to bounds; and at most PASSES full passes' worth (a pass carries at most
three sets per transition), so a small graph with very many choices on a loop gives up in a
fraction of a second instead of spending the whole budget (the long road carries 7,557)."""

PASSES = 8


def _scenes_on_loops(scenario: Scenario) -> set[int]:
    """Scenes that some path can visit twice: those on a cycle of the scene-level graph."""
    return {node for members, looping in scene_groups(scenario) if looping for node in members}


def _visits(space: StateSpace, order: list[int], reach: Sequence[float],
            looping: set[int]) -> tuple[dict[int, float], dict[tuple[int, int], float]]:
    """Exact first-visit figures for the scenes in `looping` and their choices, each journey
    counted once however often it comes back (raises TooCostly past PASS_BUDGET)."""
    scenario: Scenario = space.scenario
    node_marks = [0] * len(scenario.nodes)
    choice_marks: dict[int, Sequence[int]] = {}
    bit = 1
    for node in sorted(looping):
        node_marks[node], bit = bit, bit << 1
        scene = scenario.nodes[node]
        assert isinstance(scene, Scene), "a scene on a loop has a way on, so it is no ending"
        choice_marks[node] = [bit << i for i in range(len(scene.choices))]
        bit <<= len(scene.choices)
    marks = [1 << k for k in range(bit.bit_length() - 1)]
    budget = min(PASS_BUDGET, PASSES * (3 * len(space.target) + len(space)))
    found = marks_collected(space, order, reach, node_marks, choice_marks, marks, budget,
                            stops=False)
    scenes = {node: sum(found[node_marks[node]].values()) for node in looping}
    choices = {(node, i): sum(found[mark].values())
               for node, row in choice_marks.items() for i, mark in enumerate(row)}
    return scenes, choices


def reach_probabilities(space: StateSpace, order: list[int], reach: Sequence[float]
                        ) -> tuple[dict[str, float], dict[tuple[str, int], float], bool]:
    """(scene id -> chance of reaching it, (scene id, choice index) -> chance of taking it,
    whether every figure is exact rather than an upper bound)."""
    scenario: Scenario = space.scenario
    t = tables(space)
    first = [0] * (len(scenario.nodes) + 1)  # choice (node, i) is counted at first[node] + i
    for each in scenario.nodes:
        first[each.index + 1] = first[each.index] + len(getattr(each, "choices", ()))
    # Sums added state by state, in the order of the states (np.add.at adds in array order).
    mass = np.asarray(reach, dtype=np.float64)
    scene_sum = np.zeros(len(scenario.nodes))
    np.add.at(scene_sum, t["node"], mass)
    slots = np.diff(t["choice_row"])
    chooser = np.repeat(np.arange(len(space)), slots)
    choice_sum = np.zeros(first[-1])
    np.add.at(choice_sum, np.array(first[:-1])[t["node"][chooser]] + t["choice"],
              mass[chooser] / slots[chooser])
    per_scene: list[float] = scene_sum.tolist()
    per_choice: list[float] = choice_sum.tolist()
    scenes = {scene.id: per_scene[scene.index] for scene in scenario.scenes}
    choices = {(scene.id, i): per_choice[first[scene.index] + i]
               for scene in scenario.scenes for i in range(len(scene.choices))}
    has_states = np.bincount(t["node"], minlength=len(scenario.nodes))
    looping = {node for node in _scenes_on_loops(scenario) if has_states[node]}
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
