"""Coverage: the exact chance that a random player reaches each scene, takes each choice, and,
once a choice is taken, meets each of its outcomes.

In an acyclic state graph a state is visited at most once per journey, so the chance of passing
through a state is its reach. A scene, though, can be visited several times when the story
loops back to it (with changed values). For scenes that no loop of the scene graph can bring
back, the chance of reaching them is the sum over their states; for the few that can be
revisited, a first-visit pass (`visits.py`) counts each journey once. Past a budget of work,
the expected number of visits (an upper bound on the chance) is used instead.

An outcome's weight can depend on the state (for example on exposure), so one choice can have
different odds in different situations. The figure a map of the story gives for an outcome
(`outcome_odds`) says what it means: among random players who take the choice, the share who
get this outcome (`average`), with the lowest and highest chance over the reachable situations
in which the choice is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Scene, Scenario
from .odds import Journeys
from .order import scene_groups
from .reach import one_by_one, outcome_chances
from .space import StateSpace, np
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


def _visits(space: StateSpace, run: Journeys,
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
    found = marks_collected(space, run.order, one_by_one(run.reach),
                            one_by_one(run.shares.branch), node_marks, choice_marks, marks,
                            budget, stops=False)
    scenes = {node: sum(found[node_marks[node]].values()) for node in looping}
    choices = {(node, i): sum(found[mark].values())
               for node, row in choice_marks.items() for i, mark in enumerate(row)}
    return scenes, choices


def reach_probabilities(space: StateSpace, run: Journeys
                        ) -> tuple[dict[str, float], dict[tuple[str, int], float], bool]:
    """(scene id -> chance of reaching it, (scene id, choice index) -> chance of taking it,
    whether every figure is exact rather than an upper bound)."""
    scenario: Scenario = space.scenario
    node_of = space.column("node")
    first = [0] * (len(scenario.nodes) + 1)  # choice (node, i) is counted at first[node] + i
    for each in scenario.nodes:
        first[each.index + 1] = first[each.index] + len(getattr(each, "choices", ()))
    # Sums added state by state, in the order of the states (np.add.at adds in array order).
    scene_sum = np.zeros(len(scenario.nodes))
    np.add.at(scene_sum, node_of, run.reach)
    slots = np.diff(space.column("choice_row"))
    chooser = np.repeat(np.arange(len(space)), slots)
    choice_sum = np.zeros(first[-1])
    np.add.at(choice_sum, np.array(first[:-1])[node_of[chooser]] + space.column("choice"),
              run.reach[chooser] * run.shares.choice)
    per_scene: list[float] = scene_sum.tolist()
    per_choice: list[float] = choice_sum.tolist()
    scenes = {scene.id: per_scene[scene.index] for scene in scenario.scenes}
    choices = {(scene.id, i): per_choice[first[scene.index] + i]
               for scene in scenario.scenes for i in range(len(scene.choices))}
    has_states = np.bincount(node_of, minlength=len(scenario.nodes))
    looping = {node for node in _scenes_on_loops(scenario) if has_states[node]}
    if not looping:
        return scenes, choices, True
    try:
        scene_visits, choice_visits = _visits(space, run, looping)
    except TooCostly:  # expected visits stay: an upper bound on the chance
        return scenes, choices, False
    for node, p in scene_visits.items():
        scenes[scenario.nodes[node].id] = p
    for (node, i), p in choice_visits.items():
        choices[(scenario.nodes[node].id, i)] = p
    return scenes, choices, True


@dataclass(frozen=True)
class OutcomeOdds:
    average: float
    low: float
    high: float

    @property
    def varies(self) -> bool:
        return self.high - self.low > 1e-9


def outcome_odds(space: StateSpace, run: Journeys) -> dict[tuple[int, int, int], OutcomeOdds]:
    """(scene index, choice position, outcome position) -> its odds, for every choice that is
    ever open, for the journeys `run` (a random player's)."""
    nodes = space.scenario.nodes
    reach, choice_share = one_by_one(run.reach), one_by_one(run.shares.choice)
    chance, branch_share = one_by_one(outcome_chances(space)), one_by_one(run.shares.branch)
    taken: dict[tuple[int, int], float] = {}
    flow: dict[tuple[int, int, int], float] = {}
    low: dict[tuple[int, int, int], float] = {}
    high: dict[tuple[int, int, int], float] = {}
    for u, node in enumerate(space.node):
        for c in space.slots(u):
            position = space.choice[c]
            taken[node, position] = taken.get((node, position), 0.0) + reach[u] * choice_share[c]
            found = {space.outcome[e]: e for e in space.results(c)}
            scene = nodes[node]
            assert isinstance(scene, Scene), "an ending has no open choices"
            for k in range(len(scene.choices[position].outcomes)):
                e, at = found.get(k), (node, position, k)
                p = 0.0 if e is None else chance[e]
                flow[at] = flow.get(at, 0.0) + (0.0 if e is None else reach[u] * branch_share[e])
                low[at] = min(low.get(at, p), p)
                high[at] = max(high.get(at, p), p)
    # A choice whose every state is too improbable for a float (below 1e-308) keeps no figure.
    return {at: OutcomeOdds(flow[at] / taken[at[:2]], low[at], high[at])
            for at in flow if taken[at[:2]] > 0}
