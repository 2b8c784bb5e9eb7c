"""The order the exact passes walk the states in: every transition goes forward, so a state's
reach is settled before it flows on. Built from the scene graph's loops (`scene_groups`), which
the first-visit passes and the coverage read too.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Scenario
from .space import StateSpace, np


class StateOrder(list[int]):
    """States in an order where every transition goes forward, in layers: no transition joins
    two states of one layer (layer i is self[bounds[i]:bounds[i + 1]]), so the reach can be
    worked out a layer at a time (`reach.sweep`)."""

    def __init__(self, states: Iterable[int] = (), bounds: list[int] | None = None):
        super().__init__(states)
        self.bounds = [0, len(self)] if bounds is None else bounds

    def extend_layers(self, layers: "StateOrder") -> None:
        """Append `layers` after the states already here, keeping its layers."""
        self.bounds += [len(self) + bound for bound in layers.bounds[1:]]
        self.extend(layers)


def partial_order(space: StateSpace) -> StateOrder:
    """States ordered so every transition goes forward. States on a cycle, or reachable only
    through one, are missing from the result.

    Cheap in the usual case: a transition leads to a scene later in the scene graph's order
    unless both scenes lie on one loop of scenes, so the states are sorted by scene (the states
    of one scene off loops make a layer), and only the states of scenes on a loop are ordered
    among themselves (Kahn's algorithm on each, a layer per wave)."""
    groups = scene_groups(space.scenario)
    rank = np.zeros(len(space.scenario.nodes), dtype=np.int64)
    for position, (members, _) in enumerate(groups):
        rank[members] = position
    ranks = rank[space.column("node")]
    by_rank = np.argsort(ranks, kind="stable")
    cuts = np.searchsorted(ranks[by_rank], np.arange(len(groups) + 1)).tolist()
    states: list[int] = by_rank.tolist()
    order = StateOrder()
    for (_, looping), lo, hi in zip(groups, cuts, cuts[1:]):
        if lo == hi:
            continue
        if not looping:
            order.extend_layers(StateOrder(states[lo:hi]))
            continue
        inside = _kahn(space, states[lo:hi])
        if len(inside) < hi - lo:  # a cycle of states: leave out what it makes unreachable
            return _kahn(space, range(len(space)))
        order.extend_layers(inside)
    return order


def _kahn(space: StateSpace, states: Iterable[int]) -> StateOrder:
    """Kahn's algorithm on `states`, counting only the transitions among them; a layer per
    wave (the states freed by the wave before)."""
    indegree = dict.fromkeys(states, 0)
    choice_row, branch_row, target = space.choice_row, space.branch_row, space.target
    for u in indegree:
        for e in range(branch_row[choice_row[u]], branch_row[choice_row[u + 1]]):
            t = target[e]
            if t in indegree:
                indegree[t] += 1
    order = StateOrder((u for u, d in indegree.items() if d == 0), bounds=[0])
    wave = 0
    while wave < len(order):
        end = len(order)
        for u in order[wave:end]:
            for e in range(branch_row[choice_row[u]], branch_row[choice_row[u + 1]]):
                t = target[e]
                if t in indegree:
                    indegree[t] -= 1
                    if indegree[t] == 0:
                        order.append(t)
        order.bounds.append(end)
        wave = end
    return order


def scene_groups(scenario: Scenario) -> list[tuple[list[int], bool]]:
    """The strongly connected groups of the scene graph (endings included), each with whether
    a path can go round it, in an order where every arrow leads to the same or a later group
    (Tarjan's algorithm, without recursion)."""
    following = [[] if node.is_ending else sorted({t for c in node.choices for o in c.outcomes
                                                    for t in o.targets})
                 for node in scenario.nodes]
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    groups: list[tuple[list[int], bool]] = []
    for root in range(len(following)):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if i < len(following[node]):
                work.append((node, i + 1))
                t = following[node][i]
                if t not in index:
                    work.append((t, 0))
                elif t in on_stack:
                    low[node] = min(low[node], index[t])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                groups.append((members, len(members) > 1 or node in following[node]))
    return groups[::-1]


def topological_order(space: StateSpace) -> StateOrder | None:
    """States ordered so that every transition goes forward, or None if the graph has a cycle."""
    order = partial_order(space)
    return order if len(order) == len(space) else None
