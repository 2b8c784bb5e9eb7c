"""The forward sweep: how likely a journey passes through each state, and the longest path to
it, over the states in an order where every transition goes forward.

The one kernel behind the analysis's reach, the simulation's exact figures and the outcome
odds. It goes a layer at a time (`StateOrder.bounds`: no transition joins two states of one
layer, so a layer's mass is settled before it flows on), with numpy, and adds the flows into
each state in the order a state-by-state sweep adds them (`np.add.at` adds in array order), so
its sums are exactly those of the plain loop:

    for u in order:
        for each slot c of u, for each branch e of c:
            mass[target[e]] += m[u] / slots of u / total[c] * weight[e]   (uniform play), or
            mass[target[e]] += m[u] * shares[c] / total[c] * weight[e]   (given shares)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .arrays import np
from .statespace import StateOrder, StateSpace

if TYPE_CHECKING:
    from numpy.typing import NDArray


def tables(space: StateSpace) -> dict[str, np.ndarray]:
    """The space's tables as numpy arrays over the same memory (no copy)."""
    return {name: np.frombuffer(getattr(space, name), dtype=np.int64 if
                                getattr(space, name).typecode == "q" else np.int32)
            for name in ("node", "choice_row", "choice", "total", "branch_row", "weight",
                         "outcome", "target")}


def spans(first: NDArray[np.int64], count: NDArray[np.int64]) -> NDArray[np.int64]:
    """The ranges first[i] .. first[i] + count[i] - 1, one after the other."""
    ends: NDArray[np.int64] = np.cumsum(count)
    return np.arange(ends[-1] if len(ends) else 0) + np.repeat(first - ends + count, count)


def sweep(space: StateSpace, order: StateOrder, shares: Sequence[float] | None = None,
          longest: bool = False) -> tuple[NDArray[np.float64], NDArray[np.int64] | None]:
    """(each state's reach, each state's longest path from the start if `longest`), for a
    random player choosing uniformly among the open choices, or with the slot `shares` given.
    `order` must hold every state."""
    t = tables(space)
    choice_row, branch_row, target = t["choice_row"], t["branch_row"], t["target"]
    total, weight = t["total"].astype(np.float64), t["weight"].astype(np.float64)
    given = None if shares is None else np.asarray(shares, dtype=np.float64)
    mass = np.zeros(len(space), dtype=np.float64)
    mass[0] = 1.0
    depth = np.zeros(len(space), dtype=np.int64) if longest else None
    states, bounds = np.asarray(order, dtype=np.int64), order.bounds
    for lo, hi in zip(bounds, bounds[1:]):
        layer = states[lo:hi]
        open_ = choice_row[layer + 1] - choice_row[layer]
        slots = spans(choice_row[layer], open_)
        if not len(slots):
            continue
        source = np.repeat(layer, open_)
        if given is None:
            per_weight = mass[source] / np.repeat(open_, open_) / total[slots]
        else:
            per_weight = mass[source] * given[slots] / total[slots]
        results = branch_row[slots + 1] - branch_row[slots]
        edges = spans(branch_row[slots], results)
        np.add.at(mass, target[edges], np.repeat(per_weight, results) * weight[edges])
        if depth is not None:
            np.maximum.at(depth, target[edges], np.repeat(depth[source] + 1, results))
    return mass, depth
