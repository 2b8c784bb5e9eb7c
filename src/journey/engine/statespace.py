"""The reachable state graph as flat tables, for simulation, strategies and the graph export.

Built with `engine.available` and `engine.branches`, exactly as the analysis explores, so every
tool that reads these tables follows the game's own rules. Layout (compressed rows of ints):

- state `u` is `keys[u]` = (node, *values); state 0 is the start;
- its open choices are the slots `choice_row[u]` .. `choice_row[u + 1]` (none at an ending);
- slot `c` is the choice at position `choice[c]` in its scene; its results are the branches
  `branch_row[c]` .. `branch_row[c + 1]`, in the order `engine.branches` gives them, each with
  its `weight`, `outcome` index and `target` state; `total[c]` is the sum of their weights.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from .analysis import DEFAULT_MAX_STATES, StateLimitExceeded
from .engine import available, branches
from .model import Scenario


@dataclass
class StateSpace:
    scenario: Scenario
    keys: list[tuple]
    index: dict[tuple, int]
    choice_row: array
    choice: array
    total: array
    branch_row: array
    weight: array
    outcome: array
    target: array

    def __len__(self) -> int:
        return len(self.keys)

    def slots(self, u: int) -> range:
        return range(self.choice_row[u], self.choice_row[u + 1])

    def results(self, c: int) -> range:
        return range(self.branch_row[c], self.branch_row[c + 1])


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> StateSpace:
    """Every reachable state and its transitions. Raises StateLimitExceeded past `max_states`."""
    nodes = scenario.nodes
    start = (scenario.start,) + scenario.start_values
    keys, index = [start], {start: 0}
    choice_row, choice, total = array("q", [0]), array("i"), array("q")
    branch_row, weight, outcome, target = array("q", [0]), array("q"), array("i"), array("q")
    u = 0
    while u < len(keys):
        node, values = keys[u][0], keys[u][1:]
        if not nodes[node].is_ending:
            for k in available(scenario, node, values):
                found = branches(scenario, node, values, k)
                choice.append(k)
                total.append(sum(b.weight for b in found))
                for b in found:
                    next_key = (b.target,) + b.values
                    t = index.get(next_key)
                    if t is None:
                        t = len(keys)
                        if t >= max_states:
                            raise StateLimitExceeded(max_states)
                        index[next_key] = t
                        keys.append(next_key)
                    weight.append(b.weight)
                    outcome.append(b.outcome)
                    target.append(t)
                branch_row.append(len(target))
        choice_row.append(len(choice))
        u += 1
    return StateSpace(scenario, keys, index, choice_row, choice, total, branch_row, weight,
                      outcome, target)


def topological_order(space: StateSpace) -> list[int] | None:
    """States ordered so that every transition goes forward, or None if the graph has a cycle."""
    n = len(space)
    indegree = array("q", bytes(8 * n))
    for t in space.target:
        indegree[t] += 1
    order = [u for u in range(n) if indegree[u] == 0]
    choice_row, branch_row, target = space.choice_row, space.branch_row, space.target
    for u in order:  # the list grows while we walk it
        for e in range(branch_row[choice_row[u]], branch_row[choice_row[u + 1]]):
            t = target[e]
            indegree[t] -= 1
            if indegree[t] == 0:
                order.append(t)
    return order if len(order) == n else None


def slot_shares(space: StateSpace, chosen: array | None) -> array:
    """Each slot's probability of being taken in its state: uniform among the open choices when
    `chosen` is None, else 1 for the slot `chosen[u]` of each state and 0 for the others."""
    shares = array("d", bytes(8 * len(space.choice)))
    choice_row = space.choice_row
    for u in range(len(space)):
        lo, hi = choice_row[u], choice_row[u + 1]
        if lo == hi:
            continue
        if chosen is None:
            for c in range(lo, hi):
                shares[c] = 1.0 / (hi - lo)
        else:
            shares[chosen[u]] = 1.0
    return shares


def reach(space: StateSpace, order: list[int], shares: array) -> array:
    """The exact probability that a journey passes through each state, given slot shares."""
    mass = array("d", bytes(8 * len(space)))
    mass[0] = 1.0
    choice_row, branch_row = space.choice_row, space.branch_row
    total, weight, target = space.total, space.weight, space.target
    for u in order:
        m = mass[u]
        if not m:
            continue
        for c in range(choice_row[u], choice_row[u + 1]):
            share = m * shares[c] / total[c]
            if share:
                for e in range(branch_row[c], branch_row[c + 1]):
                    mass[target[e]] += share * weight[e]
    return mass
