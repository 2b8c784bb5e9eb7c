"""The chance of each outcome of each choice, as one figure per outcome for a map of the story.

An outcome's weight can depend on the state (for example on exposure), so one choice can have
different odds in different situations. The figure given is exact and says what it means: among
random players who take the choice, the share who get this outcome (`average`), with the lowest
and highest chance over the reachable situations in which the choice is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Scene
from .statespace import StateSpace, reach, slot_shares, topological_order


@dataclass(frozen=True)
class OutcomeOdds:
    average: float
    low: float
    high: float

    @property
    def varies(self) -> bool:
        return self.high - self.low > 1e-9


def outcome_odds(space: StateSpace) -> dict[tuple[int, int, int], OutcomeOdds] | None:
    """(scene index, choice position, outcome position) -> its odds, for every choice that is
    ever open; None when the state graph has a cycle (no random player's journey is finite)."""
    order = topological_order(space)
    if order is None:
        return None
    mass = reach(space, order, slot_shares(space, None))
    nodes = space.scenario.nodes
    taken: dict[tuple[int, int], float] = {}
    flow: dict[tuple[int, int, int], float] = {}
    low: dict[tuple[int, int, int], float] = {}
    high: dict[tuple[int, int, int], float] = {}
    for u, node in enumerate(space.node):
        open_slots = space.slots(u)
        for c in open_slots:
            position = space.choice[c]
            share = mass[u] / len(open_slots)
            taken[node, position] = taken.get((node, position), 0.0) + share
            chance = {space.outcome[e]: space.weight[e] / space.total[c] for e in space.results(c)}
            scene = nodes[node]
            assert isinstance(scene, Scene), "an ending has no open choices"
            for k in range(len(scene.choices[position].outcomes)):
                p, at = chance.get(k, 0.0), (node, position, k)
                flow[at] = flow.get(at, 0.0) + share * p
                low[at] = min(low.get(at, p), p)
                high[at] = max(high.get(at, p), p)
    # A choice whose every state is too improbable for a float (below 1e-308) keeps no figure.
    return {at: OutcomeOdds(flow[at] / taken[at[:2]], low[at], high[at])
            for at in flow if taken[at[:2]] > 0}
