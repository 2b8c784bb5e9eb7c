"""The reachable state graph as flat tables: explored once, read by the analysis, coverage,
simulation, strategies and the graph export.

Built with `engine.available` and `engine.results`, the same functions that play the game, so
every tool that reads these tables follows the game's own rules. Past the first few thousand
states, a scenario whose rules all have vector twins is explored on in batches (`batches.py`,
checked against `engine.results` by the tests), which gives the very same tables. Layout
(compressed rows of ints, so a million states fit in a few hundred MiB):

- state `u` is at node `node[u]` with `values[u]` (`keys[u]` = (node, *values), as
  `GameState.key`); `state_of(node, values)` finds a state; state 0 is the start; states are
  numbered in breadth-first order (in the order a transition first reaches them), and
  `parent[u]` / `parent_branch[u]` record that transition, so following parents gives a
  shortest path from the start;
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
from functools import cached_property
from typing import Iterable, Iterator, Protocol

from . import DEFAULT_MAX_STATES
from .bulk import collector_paused
from .engine import available, results
from .model import Scenario, Values
from .statecodes import batchable

HANDOVER = 1_000
"""States found one at a time before the batch exploration takes over: a scenario this small
is explored faster without the fixed cost of each round."""


class StateLimitExceeded(Exception):
    """The state space is larger than the limit; the message says how to raise it."""

    def __init__(self, limit: int):
        super().__init__(
            f"more than {limit:,} reachable states; stopped exploring. Raise the limit with "
            "--max-states N, or make variables coarser (money in hundreds, health in a few "
            "levels, counters with a cap).")
        self.limit = limit


class StateIndex(Protocol):
    def get(self, node: int, values: Values) -> int | None: ...


class ValueTable(Protocol):
    """Every state's values, in state order."""

    def __len__(self) -> int: ...

    def __getitem__(self, u: int) -> Values: ...

    def __iter__(self) -> Iterator[Values]: ...

    def slot(self, slot: int, states: list[int]) -> list[int]:
        """The value in `slot` of each of `states`."""


class ListedValues(list[Values]):
    """The values of states explored one at a time, as tuples."""

    def slot(self, slot: int, states: list[int]) -> list[int]:
        return [self[u][slot] for u in states]


@dataclass
class StateSpace:
    scenario: Scenario
    node: array[int]
    values: ValueTable
    index: StateIndex
    choice_row: array[int]
    choice: array[int]
    total: array[int]
    branch_row: array[int]
    weight: array[int]
    outcome: array[int]
    target: array[int]
    parent: array[int]
    parent_branch: array[int]

    def __len__(self) -> int:
        return len(self.node)

    @cached_property
    def keys(self) -> list[tuple[int, ...]]:
        """Every state's key, in state order (built on first use)."""
        return [(node,) + values for node, values in zip(self.node, self.values)]

    def state_of(self, node: int, values: Values) -> int | None:
        """The state at `node` with `values`, or None if it is not reachable."""
        return self.index.get(node, values)

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


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES,
            handover: int | None = HANDOVER) -> StateSpace:
    """Every reachable state and its transitions. Raises StateLimitExceeded past `max_states`.

    Once `handover` states are found (None: never), a scenario that allows it is explored on in
    batches."""
    with collector_paused():
        grown = _explore(scenario, max_states,
                         handover if handover is not None and batchable(scenario) else None)
        if grown.expanded == len(grown.node):
            return grown.space()
        from .batches import explore_rest  # imports numpy

        return explore_rest(grown, max_states)


class _ByNode:
    """Per node, a dict from values to state."""

    def __init__(self, found_at: list[dict[Values, int]]):
        self.found_at = found_at

    def get(self, node: int, values: Values) -> int | None:
        return self.found_at[node].get(values)


@dataclass
class Grown:
    """The tables of an exploration one state at a time: states 0..len(node) - 1 are found, and
    the first `expanded` of them have their choices and results in the tables."""

    scenario: Scenario
    node: list[int]
    values: ListedValues
    found_at: list[dict[Values, int]]
    choice_row: array[int]
    choice: list[int]
    total: array[int]
    branch_row: array[int]
    weight: list[int]
    outcome: list[int]
    target: list[int]
    parent: array[int]
    parent_branch: array[int]

    @property
    def expanded(self) -> int:
        return len(self.choice_row) - 1

    def space(self) -> StateSpace:
        return StateSpace(self.scenario, array("i", self.node), self.values,
                          _ByNode(self.found_at), self.choice_row, array("i", self.choice),
                          self.total, self.branch_row, array("q", self.weight),
                          array("i", self.outcome), array("q", self.target), self.parent,
                          self.parent_branch)


def _explore(scenario: Scenario, max_states: int, stop: int | None) -> Grown:
    """Explore one state at a time, stopping once `stop` states are found (None: at the end)."""
    nodes = scenario.nodes
    ending = [node.is_ending for node in nodes]
    found_at: list[dict[Values, int]] = [{} for _ in nodes]  # per node: values -> state
    node_of, values_of = [scenario.start], ListedValues([scenario.start_values])
    found_at[scenario.start][scenario.start_values] = 0
    # Per transition, lists grow faster than arrays and cost no more memory (they hold small
    # ints or the states' own numbers); they become arrays at the end. Counters stay arrays.
    choice_row, choice, total = array("q", [0]), list[int](), array("q")
    branch_row, weight, outcome, target = array("q", [0]), list[int](), list[int](), list[int]()
    parent, parent_branch = array("q", [-1]), array("q", [-1])
    # The loop below runs once per transition: bind what it calls to locals.
    add_node, add_values, add_choice, add_total = (node_of.append, values_of.append,
                                                   choice.append, total.append)
    add_weight, add_outcome, add_target = weight.append, outcome.append, target.append
    add_parent, add_parent_branch = parent.append, parent_branch.append
    end_slot, end_state, lookups = branch_row.append, choice_row.append, [d.get for d in found_at]
    count, slots, edges = 1, 0, 0
    stop = max_states + 1 if stop is None else stop  # `count` never passes max_states
    for u, (node, values) in enumerate(zip(node_of, values_of)):  # both grow as we go
        if count >= stop:
            break
        if not ending[node]:
            for k in available(scenario, node, values):
                add_choice(k)
                weights = 0
                for w, o, t_node, t_values in results(scenario, node, values, k):
                    weights += w
                    t = lookups[t_node](t_values)
                    if t is None:
                        if count >= max_states:
                            raise StateLimitExceeded(max_states)
                        t = count
                        count += 1
                        found_at[t_node][t_values] = t
                        add_node(t_node)
                        add_values(t_values)
                        add_parent(u)
                        add_parent_branch(edges)
                    add_weight(w)
                    add_outcome(o)
                    add_target(t)
                    edges += 1
                add_total(weights)
                end_slot(edges)
                slots += 1
        end_state(slots)
    return Grown(scenario, node_of, values_of, found_at, choice_row, choice, total, branch_row,
                 weight, outcome, target, parent, parent_branch)


class StateOrder(list[int]):
    """States in an order where every transition goes forward, in layers: no transition joins
    two states of one layer (layer i is self[bounds[i]:bounds[i + 1]]), so a sweep can take a
    layer at a time (`sweep.py`)."""

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
    from .arrays import np  # here: importing this module (`journey --help` does) loads no numpy

    groups = scene_groups(space.scenario)
    rank = np.zeros(len(space.scenario.nodes), dtype=np.int64)
    for position, (members, _) in enumerate(groups):
        rank[members] = position
    ranks = rank[np.frombuffer(space.node, dtype=np.int32)]
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


def slot_shares(space: StateSpace, chosen: array[int] | None) -> array[float]:
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


def reach(space: StateSpace, order: StateOrder, shares: array[float]) -> list[float]:
    """The exact probability that a journey passes through each state, given slot shares
    (`order` holds every state)."""
    from .sweep import sweep

    mass: list[float] = sweep(space, order, shares)[0].tolist()
    return mass
