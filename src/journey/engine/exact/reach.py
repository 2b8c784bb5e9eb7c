"""How journeys move through the states: the one share of a branch (`shares`), the one reach
sweep (`sweep`), which every exact figure is worked out from, and the same flow read backward
(`sweep_back`): what journeys from each state end with.

A branch's share is the chance that a journey in its state follows it: the chance of its
outcome once its choice is taken (its weight over its choice's total weight,
`outcome_chances`) times the chance of taking its choice (1/n for each of the n open choices,
for a player who picks at random; for a policy, 1 for the choice it picks and 0 for the
others).

A state's reach is the chance that a journey passes through it: 1 at the start, and each
state's reach flows on along its branches in proportion to their shares. The sweep takes a
layer of states at a time (`StateOrder.bounds`: no transition joins two states of one layer, so
a layer's reach is settled before it flows on), with numpy, and adds the flows into each state
in the order of the plain loop (`np.add.at` adds in array order), so its sums are exactly
those of

    for u in order:
        for e in space.edges(u):
            reach[target[e]] += reach[u] * share[e]

Backward, a state is worth what the journeys from it end with, on average: where journeys stop
its worth is given, and every other state's is the sum over its branches of the branch's share
times the worth of where it leads. `sweep_back` takes the layers from the last, with the sums of

    for u in reversed(order):
        for e in space.edges(u):
            worth[u] += share[e] * worth[target[e]]
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .order import StateOrder
from .space import StateSpace, np

if TYPE_CHECKING:
    from numpy.typing import NDArray


@dataclass(frozen=True)
class Shares:
    """How a player chooses, as chances."""

    choice: NDArray[np.float64]
    """Per slot: the chance that a journey in its state takes that choice."""
    branch: NDArray[np.float64]
    """Per branch: the chance that a journey in its state follows it (the chance of its
    outcome, `outcome_chances`, times its choice's)."""


def shares(space: StateSpace, chosen: array[int] | None = None) -> Shares:
    """The shares of a player who picks uniformly at random among the open choices or, with
    `chosen`, who always takes the slot `chosen[u]` in state u (a policy)."""
    open_ = np.diff(space.column("choice_row"))
    if chosen is None:
        choice = np.repeat(1.0 / np.maximum(open_, 1), open_)
    else:
        choice = np.zeros(len(space.choice))
        choice[np.asarray(chosen, dtype=np.int64)[open_ > 0]] = 1.0
    branch = outcome_chances(space)
    branch *= np.repeat(choice, np.diff(space.column("branch_row")))
    return Shares(choice, branch)


def outcome_chances(space: StateSpace) -> NDArray[np.float64]:
    """Per branch: the chance of its outcome once its choice is taken, its weight over the
    choice's total weight (the odds the game shows)."""
    total = np.repeat(space.column("total"), np.diff(space.column("branch_row")))
    chances: NDArray[np.float64] = space.column("weight") / total
    return chances


def _spans(first: NDArray[np.int64], count: NDArray[np.int64]) -> NDArray[np.int64]:
    """The ranges first[i] .. first[i] + count[i] - 1, one after the other."""
    ends: NDArray[np.int64] = np.cumsum(count)
    return np.arange(ends[-1] if len(ends) else 0) + np.repeat(first - ends + count, count)


def _layers(space: StateSpace, order: StateOrder, backward: bool = False
            ) -> Iterator[tuple[NDArray[np.int64], NDArray[np.int64]]]:
    """(the state each branch leaves, the branch) for the branches out of each layer of
    `order`, a layer at a time, from the first (or with `backward`, from the last)."""
    choice_row, branch_row = space.column("choice_row"), space.column("branch_row")
    first = branch_row[choice_row[:-1]]
    count = branch_row[choice_row[1:]] - first
    states = np.asarray(order, dtype=np.int64)
    bounds = list(zip(order.bounds, order.bounds[1:]))
    for lo, hi in reversed(bounds) if backward else bounds:
        layer = states[lo:hi]
        out = count[layer]
        edges = _spans(first[layer], out)
        if len(edges):
            yield np.repeat(layer, out), edges


def sweep(space: StateSpace, order: StateOrder, share: NDArray[np.float64],
          longest: bool = False) -> tuple[NDArray[np.float64], NDArray[np.int64] | None]:
    """(each state's reach, given each branch's `share`; each state's longest path from the
    start, over every branch, if `longest`). `order` must hold every state."""
    target = space.column("target")
    reach = np.zeros(len(space), dtype=np.float64)
    reach[0] = 1.0
    depth = np.zeros(len(space), dtype=np.int64) if longest else None
    for source, edges in _layers(space, order):
        np.add.at(reach, target[edges], reach[source] * share[edges])
        if depth is not None:
            np.maximum.at(depth, target[edges], depth[source] + 1)
    return reach, depth


def sweep_back(space: StateSpace, order: StateOrder, share: NDArray[np.float64],
               stops: NDArray[np.float64]) -> NDArray[np.float64]:
    """Each state's worth (a row per state, a column per figure), given each branch's `share`
    and the worth of every state where journeys stop (`stops`, whose rows for the other states
    are 0). `order` must hold every state."""
    target = space.column("target")
    worth = np.array(stops, dtype=np.float64)
    for source, edges in _layers(space, order, backward=True):
        np.add.at(worth, source, share[edges, None] * worth[target[edges]])
    return worth


def one_by_one(values: NDArray[np.float64]) -> array[float]:
    """Floats for a pass that reads them one at a time in Python (first visits, outcome odds):
    as fast to index as a list, at a quarter of its memory (a list of a million floats takes
    32 MB)."""
    found = array("d")
    found.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return found
