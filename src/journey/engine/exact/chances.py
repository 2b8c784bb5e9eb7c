"""The chance of each way a journey can end, from every state on, for a player who picks at
random among the open choices from then on: the reach kernel's flow read backward
(`reach.sweep_back` with `reach.shares`), so it is the very random player of every other exact
figure. From the start it is each ending's probability (`odds.journeys`), up to the rounding
of sums taken in another order.

Also the chance once an option is taken, before its draw (`Chances.option`): the sum over its
outcomes of the outcome's chance (`reach.outcome_chances`) times the chance from where it
leads. The game works out the same figure for the options along a journey's route
(`engine.turning`), adding the same products in the same order, so the two agree bit for bit.

`table` keeps what the debrief reads: per state with a choice, the chance of a hopeful and of
a harmful ending (`summary.ChanceTable`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Scenario
from .codes import CODE_LIMIT, Coder
from .order import StateOrder
from .reach import one_by_one, outcome_chances, shares, sweep_back
from .space import StateSpace, np
from ..kinds import harmful
from .summary import ChanceTable

if TYPE_CHECKING:
    from numpy.typing import NDArray

Column = tuple[str, frozenset[int]]
"""A figure: its name, and the endings (their node indices) that count for it."""


def by_ending(scenario: Scenario) -> list[Column]:
    return [(ending.id, frozenset({ending.index})) for ending in scenario.endings]


def by_kind(scenario: Scenario) -> list[Column]:
    """A column per kind of ending the scenario has, in the order the endings first use them."""
    kinds = dict.fromkeys(ending.kind for ending in scenario.endings)
    return [(kind, frozenset(e.index for e in scenario.endings if e.kind == kind))
            for kind in kinds]


def outlook(scenario: Scenario) -> list[Column]:
    """A hopeful ending, and a harmful one (`kinds.harmful`)."""
    harm = frozenset(e.index for e in scenario.endings if harmful(e.kind))
    return [("hopeful", frozenset(e.index for e in scenario.endings) - harm), ("harmful", harm)]


@dataclass(frozen=True)
class Chances:
    """For a random player, from each state and after each option, the chance of each
    column's endings."""

    columns: tuple[str, ...]
    state: NDArray[np.float64]
    """A row per state: the chance that a journey from there ends in each column."""
    option: NDArray[np.float64]
    """A row per slot (a state's open choice): the chance once it is taken, before its draw."""

    def column(self, name: str) -> int:
        return self.columns.index(name)


def chances(space: StateSpace, order: StateOrder, columns: Sequence[Column]) -> Chances:
    """The chance of each of `columns` from every state and after every option. `order` must
    hold every state."""
    node = space.column("node")
    stops = np.zeros((len(space), len(columns)))
    for j, (_, endings) in enumerate(columns):
        stops[:, j] = np.isin(node, sorted(endings))
    state = sweep_back(space, order, shares(space).branch, stops)
    option = np.zeros((len(space.choice), len(columns)))
    branches = np.diff(space.column("branch_row"))
    np.add.at(option, np.repeat(np.arange(len(space.choice)), branches),
              outcome_chances(space)[:, None] * state[space.column("target")])
    return Chances(tuple(name for name, _ in columns), state, option)


def table(space: StateSpace, found: Chances) -> ChanceTable | None:
    """The hopeful and harmful columns of `found` (worked out with `outlook`) for every state
    with a choice, keyed by code; None when the codes do not fit 64 bits."""
    coder = Coder.of(space.scenario)
    if coder.size >= CODE_LIMIT:
        return None
    moving = np.flatnonzero(np.diff(space.column("choice_row")) > 0)
    codes = space.column("node")[moving].astype(np.int64) * coder.node_stride
    listed = moving.tolist()
    for slot, (low, stride) in enumerate(zip(coder.lows, coder.strides)):
        codes += (np.asarray(space.values.slot(slot, listed), dtype=np.int64) - low) * stride
    by_code = np.argsort(codes)
    keys = array("q")
    keys.frombytes(np.ascontiguousarray(codes[by_code]).data.cast("B"))
    rows = moving[by_code]
    return ChanceTable(keys, one_by_one(found.state[rows, found.column("hopeful")]),
                       one_by_one(found.state[rows, found.column("harmful")]))
