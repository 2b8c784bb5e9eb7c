"""The reachable states as flat tables: what every exact figure is worked out from, and what
the simulation walks and the policies read.

The tables are built with `rules.available` and `rules.results`, the same functions that play
the game, so every tool that reads them follows the game's own rules: here one state at a time
(`grow`), and past the first thousand states in rounds over the whole frontier
(`exploration.py`), which gives the very same tables. Layout (compressed rows of ints, so a
million states fit in a few hundred MiB):

- state `u` is at node `node[u]` with `values[u]` (`keys[u]` = (node, *values), as
  `GameState.key`); `state_of(node, values)` finds a state; state 0 is the start; states are
  numbered in breadth-first order (in the order a transition first reaches them), and
  `parent[u]` / `parent_branch[u]` record that transition, so following parents gives a
  shortest path from the start;
- its open choices are the slots `choice_row[u]` .. `choice_row[u + 1]` (none at an ending);
- slot `c` is the choice at position `choice[c]` in its scene; its results are the branches
  `branch_row[c]` .. `branch_row[c + 1]`, in the order `rules.results` gives them, each with
  its `weight`, `outcome` index and `target` state; `total[c]` is the sum of their weights.
  A state's branches are contiguous: `edges(u)`.

A state can also be one integer, its code (`codes.Coder`): its node and values in mixed radix,
for the exploration in rounds, which keeps the values of a large space as codes (`CodedValues`).

numpy is imported here, once for the whole exact analysis (every other module of it but
codes.py and summary.py imports this one): with the cyclic collector paused, and with OpenBLAS
kept to one thread unless the user said otherwise, since the analysis does integer and
elementwise work only and starting BLAS threads took a quarter of the import. Nothing the game
imports at start-up imports this module (tests/engine/test_numpy_import.py).
"""

from __future__ import annotations

import os
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from .. import collector_paused
from ..rules import available, results
from ..expressions import vector_of
from ..model import Effects, Scenario, Values
from .codes import CODE_LIMIT, Coder

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
with collector_paused():
    import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["CodedValues", "Grown", "ListedValues", "StateLimitExceeded", "StateSpace",
           "batchable", "grow", "np"]


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

    def rows(self, states: NDArray[np.int64]) -> NDArray[np.int64]:
        """The values of `states` as a row per slot and a column per state, as vector twins
        read them (`expressions.vector_of`)."""


class ListedValues(list[Values]):
    """The values of states explored one at a time, as tuples."""

    def slot(self, slot: int, states: list[int]) -> list[int]:
        return [self[u][slot] for u in states]

    def rows(self, states: NDArray[np.int64]) -> NDArray[np.int64]:
        found = np.array([self[u] for u in states.tolist()], dtype=np.int64)
        return found.reshape(len(states), -1).T


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

    def column(self, name: str) -> NDArray[Any]:
        """One of the tables (`node`, `choice_row`, `target`...) as a numpy array over the same
        memory (no copy)."""
        table = getattr(self, name)
        return np.frombuffer(table, dtype=np.int64 if table.typecode == "q" else np.int32)


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


def grow(scenario: Scenario, max_states: int, stop: int | None) -> Grown:
    """Explore one state at a time, stopping once `stop` states are found (None: at the end).
    Raises StateLimitExceeded past `max_states`."""
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


def batchable(scenario: Scenario) -> bool:
    """Whether the batch exploration can take this scenario: its codes fit 64 bits and every
    rule it evaluates has a vector twin."""
    if Coder.of(scenario).size >= CODE_LIMIT:
        return False
    evaluators: list[Callable[[Values], object]] = []
    for scene in scenario.scenes:
        for choice in scene.choices:
            evaluators += [choice.condition] if choice.condition is not None else []
            evaluators += _effects(choice.effects)
            for outcome in choice.outcomes:
                evaluators += [outcome.weight] if choice.risky else []
                evaluators += _effects(outcome.effects)
                evaluators += [route.condition for route in outcome.routes]
    return all(vector_of(f) is not None for f in evaluators)


def _effects(effects: Effects) -> list[Callable[[Values], int]]:
    return [evaluate for _, _, evaluate, _, _ in effects.plan]


class CodedValues:
    """Every state's values, read back from its code when asked (a list of a million tuples
    would cost more memory than the rest of the tables)."""

    CHUNK = 1 << 16  # states decoded at once when iterating

    def __init__(self, coder: Coder, codes: array[int]):
        self.coder, self.codes = coder, codes

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, u: int) -> Values:
        return self.coder.decode(self.codes[u])[1]

    def __iter__(self) -> Iterator[Values]:
        slots = range(len(self.coder.lows))
        for first in range(0, len(self.codes), self.CHUNK):
            states = slice(first, first + self.CHUNK)
            columns = [self.slot(slot, states) for slot in slots]
            yield from zip(*columns) if columns else [()] * len(self.codes[states])

    def rows(self, states: NDArray[np.int64]) -> NDArray[np.int64]:
        coder = self.coder
        within = (np.frombuffer(self.codes, dtype=np.int64)[states] % coder.node_stride)
        strides = np.array(coder.strides, dtype=np.int64).reshape(-1, 1)
        spans = np.array(coder.spans, dtype=np.int64).reshape(-1, 1)
        lows = np.array(coder.lows, dtype=np.int64).reshape(-1, 1)
        found: NDArray[np.int64] = within.reshape(1, -1) // strides % spans + lows
        return found

    def slot(self, slot: int, states: list[int] | slice) -> list[int]:
        """The value in `slot` of each of `states`."""
        codes = np.frombuffer(self.codes, dtype=np.int64)[states]
        coder = self.coder
        values: list[int] = (codes % coder.node_stride // coder.strides[slot] % coder.spans[slot]
                             + coder.lows[slot]).tolist()
        return values
