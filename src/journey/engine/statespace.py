"""The reachable state graph as flat tables: explored once, read by the analysis, coverage,
simulation, strategies and the graph export.

Built with `engine.available` and `engine.results`, the same functions that play the game, so
every tool that reads these tables follows the game's own rules. Layout (compressed rows of
ints, so a million states fit in a few hundred MiB):

- state `u` is `keys[u]` = (node, *values), and `node[u]` is its node; state 0 is the start; states are numbered in
  breadth-first order, and `parent[u]` / `parent_branch[u]` record the transition that first
  reached `u`, so following parents gives a shortest path from the start;
- its open choices are the slots `choice_row[u]` .. `choice_row[u + 1]` (none at an ending);
- slot `c` is the choice at position `choice[c]` in its scene; its results are the branches
  `branch_row[c]` .. `branch_row[c + 1]`, in the order `engine.results` gives them, each with
  its `weight`, `outcome` index and `target` state; `total[c]` is the sum of their weights.
  A state's branches are contiguous: `edges(u)`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass

from . import DEFAULT_MAX_STATES
from .bulk import collector_paused
from .engine import available, results
from .model import Scenario


class StateLimitExceeded(Exception):
    """The state space is larger than the limit; the message says how to raise it."""

    def __init__(self, limit: int):
        super().__init__(
            f"more than {limit:,} reachable states; stopped exploring. Raise the limit with "
            "--max-states N, or make variables coarser (money in hundreds, health in a few "
            "levels, counters with a cap).")
        self.limit = limit


@dataclass
class StateSpace:
    scenario: Scenario
    keys: list[tuple]
    index: dict[tuple, int]
    node: array
    choice_row: array
    choice: array
    total: array
    branch_row: array
    weight: array
    outcome: array
    target: array
    parent: array
    parent_branch: array

    def __len__(self) -> int:
        return len(self.keys)

    def slots(self, u: int) -> range:
        return range(self.choice_row[u], self.choice_row[u + 1])

    def results(self, c: int) -> range:
        return range(self.branch_row[c], self.branch_row[c + 1])

    def edges(self, u: int) -> range:
        """Every branch out of state `u`, whatever the choice."""
        return range(self.branch_row[self.choice_row[u]], self.branch_row[self.choice_row[u + 1]])

    def slot_of(self, branch: int) -> int:
        """The slot (state and choice) a branch belongs to."""
        return bisect_right(self.branch_row, branch) - 1

    def is_ending(self, u: int) -> bool:
        return self.scenario.nodes[self.keys[u][0]].is_ending


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> StateSpace:
    """Every reachable state and its transitions. Raises StateLimitExceeded past `max_states`."""
    with collector_paused():
        return _explore(scenario, max_states)


def _explore(scenario: Scenario, max_states: int) -> StateSpace:
    nodes = scenario.nodes
    start = (scenario.start,) + scenario.start_values
    keys, index, node_of = [start], {start: 0}, array("i", [scenario.start])
    choice_row, choice, total = array("q", [0]), array("i"), array("q")
    branch_row, weight, outcome, target = array("q", [0]), array("q"), array("i"), array("q")
    parent, parent_branch = array("q", [-1]), array("q", [-1])
    # The loop below runs once per transition: bind what it calls to locals.
    add_key, add_node, add_choice, add_total = (keys.append, node_of.append, choice.append,
                                                total.append)
    add_weight, add_outcome, add_target = weight.append, outcome.append, target.append
    add_parent, add_parent_branch = parent.append, parent_branch.append
    end_slot, end_state, lookup = branch_row.append, choice_row.append, index.get
    u = 0
    while u < len(keys):
        key = keys[u]
        node, values = key[0], key[1:]
        if not nodes[node].is_ending:
            for k in available(scenario, node, values):
                add_choice(k)
                weights = 0
                for w, o, t_node, t_values in results(scenario, node, values, k):
                    weights += w
                    next_key = (t_node,) + t_values
                    t = lookup(next_key)
                    if t is None:
                        t = len(keys)
                        if t >= max_states:
                            raise StateLimitExceeded(max_states)
                        index[next_key] = t
                        add_key(next_key)
                        add_node(t_node)
                        add_parent(u)
                        add_parent_branch(len(target))
                    add_weight(w)
                    add_outcome(o)
                    add_target(t)
                add_total(weights)
                end_slot(len(target))
        end_state(len(choice))
        u += 1
    return StateSpace(scenario, keys, index, node_of, choice_row, choice, total, branch_row, weight,
                      outcome, target, parent, parent_branch)


def partial_order(space: StateSpace) -> list[int]:
    """Kahn's algorithm: states ordered so every transition goes forward. States on a cycle,
    or reachable only through one, are missing from the result."""
    indegree = array("q", bytes(8 * len(space)))
    for t in space.target:
        indegree[t] += 1
    order = [u for u in range(len(space)) if indegree[u] == 0]
    choice_row, branch_row, target = space.choice_row, space.branch_row, space.target
    for u in order:  # the list grows while we walk it
        for e in range(branch_row[choice_row[u]], branch_row[choice_row[u + 1]]):
            t = target[e]
            indegree[t] -= 1
            if indegree[t] == 0:
                order.append(t)
    return order


def topological_order(space: StateSpace) -> list[int] | None:
    """States ordered so that every transition goes forward, or None if the graph has a cycle."""
    order = partial_order(space)
    return order if len(order) == len(space) else None


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

