"""The exact odds of each ending, taken apart: by era (or any flag or variable) and by stage.

Everything starts from where random journeys stop (an ending, or a scene with no open choice)
and how likely each stop is. A split by a flag or variable groups the stops by the value it
holds there, at the end of the journey. The stage funnel asks, for each stage, which journeys
pass through it at least once (`visits.py`, so a journey that enters a stage twice counts once)
and how those journeys end. Each group's odds are conditional on the group: an era's odds
weighted by its share give the whole, and a stage's odds are those of the journeys reaching it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .statespace import StateSpace
from .visits import marks_collected

Stops = dict[int, float]  # state where journeys stop -> probability


@dataclass(frozen=True)
class Group:
    """Some of the journeys: their share of the journeys they are taken from, and how they end.

    `endings` (every ending id) and `kinds` (every ending kind) are chances among the group's
    journeys; what they leave short of 1 is the share stuck in a scene with no open choice."""

    share: float
    endings: dict[str, float]
    kinds: dict[str, float]

    @property
    def stuck(self) -> float:
        return max(0.0, 1.0 - sum(self.endings.values())) if self.share else 0.0


def stops(space: StateSpace, reach: Sequence[float]) -> Stops:
    """Where random journeys stop, with the probability of stopping there."""
    from .arrays import np  # here: the debrief reads `Group` and must not load numpy
    from .sweep import tables

    mass = np.asarray(reach, dtype=np.float64)
    at = np.flatnonzero((np.diff(tables(space)["choice_row"]) == 0) & (mass != 0))
    return dict(zip(at.tolist(), mass[at].tolist()))


def group(space: StateSpace, part: Stops, out_of: float) -> Group:
    """The journeys stopping in `part`, as a share of `out_of`, with their odds."""
    scenario, mass = space.scenario, sum(part.values())
    endings = {ending.id: 0.0 for ending in scenario.endings}
    kinds = {ending.kind: 0.0 for ending in scenario.endings}
    nodes, node_of = scenario.nodes, space.node
    for u, p in part.items():
        node = nodes[node_of[u]]
        if node.is_ending and mass:
            endings[node.id] += p / mass
            kinds[node.kind] += p / mass
    return Group(mass / out_of if out_of else 0.0, endings, kinds)


def values_at(space: StateSpace, part: Stops, slot: int) -> dict[int, Stops]:
    """The stops grouped by the value `slot` holds there, in increasing order of value."""
    found: dict[int, Stops] = {}
    for (u, p), value in zip(part.items(), space.values.slot(slot, list(part))):
        found.setdefault(value, {})[u] = p
    return dict(sorted(found.items()))


def split(space: StateSpace, whole: Stops, slot: int) -> dict[int, Group]:
    """Value at the end of the journey -> those journeys, as a share of all, with their odds."""
    total = sum(whole.values())
    return {value: group(space, part, total)
            for value, part in values_at(space, whole, slot).items()}


def stage_stops(space: StateSpace, order: list[int], reach: Sequence[float]) -> list[Stops]:
    """For each stage: where the journeys that pass through it stop, and how likely that is."""
    scenario = space.scenario
    marks = [0 if node.is_ending else 1 << node.stage for node in scenario.nodes]
    bits = [1 << k for k in range(len(scenario.stages))]
    found = marks_collected(space, order, reach, marks, {}, bits)
    return [found[bit] for bit in bits]


def funnel(space: StateSpace, per_stage: list[Stops], among: Stops) -> list[tuple[str, Group]]:
    """(stage id, the journeys among `among` that reach it, as a share of `among`) per stage."""
    total = sum(among.values())
    return [(stage.id, group(space, {u: p for u, p in part.items() if u in among}, total))
            for stage, part in zip(space.scenario.stages, per_stage)]
