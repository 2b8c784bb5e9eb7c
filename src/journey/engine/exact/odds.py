"""Each ending's probability and the expected number of steps (`journeys`, the one function
every exact odds figure comes from), and the odds taken apart: by era (or any flag or variable)
and by stage, and the debrief's summary of them all (`summarise`).

Everything starts from where journeys stop (an ending, or a scene with no open choice) and how
likely each stop is: its reach. An ending's probability among some journeys is the sum of their
stops at it over their own probability, every sum taken with `math.fsum` (correctly rounded, so
it does not depend on the order of the states). All journeys together have probability 1, by
definition rather than by adding up their stops, so the whole's odds are the plain sums. A split
by a flag or variable groups the stops by the value it holds there, at the end of the journey.
The stage funnel asks, for each stage, which journeys pass through it at least once
(`visits.py`, so a journey that enters a stage twice counts once) and how those journeys end;
every journey passes through the stage it starts in, so that stage's journeys are the whole,
the very same figures. Each group's odds are conditional on the group: an era's odds weighted
by its share give the whole, and a stage's odds are those of the journeys reaching it.
The summary keeps the chance of a hopeful and of a harmful ending from every state too
(`chances.table`), for the debrief's turning points.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import DEFAULT_MAX_STATES, collector_paused
from ..model import Scenario
from .chances import chances, outlook, table
from .exploration import explore
from .order import StateOrder, partial_order
from .reach import Shares, one_by_one, shares, sweep
from .space import StateSpace, np
from .summary import EraOdds, Group, OddsSummary, StageOdds
from .visits import marks_collected

if TYPE_CHECKING:
    from numpy.typing import NDArray


class Stops(dict[int, float]):
    """Where some journeys stop: state -> the probability that a journey stops there and is
    one of them; `mass` is the probability of these journeys (1 for all of them, else the sum
    of their stops)."""

    def __init__(self, found: Iterable[tuple[int, float]] = (), mass: float | None = None):
        super().__init__(found)
        self.mass = math.fsum(self.values()) if mass is None else mass


@dataclass(frozen=True)
class Journeys:
    """Every journey of one way of choosing (a random player, or a policy), exactly."""

    order: StateOrder
    """Every state, in an order where every transition goes forward."""
    shares: Shares
    reach: NDArray[np.float64]
    """Each state's chance that a journey passes through it."""
    whole: Stops
    """Where the journeys stop."""
    odds: Group
    """All the journeys (a share of 1) and each ending's and each ending kind's probability."""
    expected_steps: float
    """The expected number of choices made: the sum of the reach of every state with one (a
    sum of a million terms, taken pairwise by numpy: `math.fsum` would take a third of a
    second there)."""
    longest: int | None
    """The most steps any path takes, whatever the choices (None unless asked for)."""


def journeys(space: StateSpace, order: StateOrder, chosen: array[int] | None = None,
             longest: bool = False) -> Journeys:
    """The journeys of a player who picks uniformly at random among the open choices or, with
    `chosen`, who takes the slot `chosen[u]` in each state u. `order` must hold every state."""
    given = shares(space, chosen)
    reach, depth = sweep(space, order, given.branch, longest)
    whole = stops(space, reach)
    moving = np.diff(space.column("choice_row")) > 0
    return Journeys(order, given, reach, whole, group(space, whole, whole),
                    float(np.sum(reach[moving])), None if depth is None else int(depth.max()))


def stops(space: StateSpace, reach: NDArray[np.float64]) -> Stops:
    """Where all journeys stop, with the probability of stopping there."""
    at = np.flatnonzero((np.diff(space.column("choice_row")) == 0) & (reach != 0))
    return Stops(zip(at.tolist(), reach[at].tolist()), mass=1.0)


def group(space: StateSpace, part: Stops, among: Stops) -> Group:
    """The journeys stopping in `part`, as a share of those in `among`, and how they end."""
    scenario = space.scenario
    states = np.fromiter(part, dtype=np.int64, count=len(part))
    found = np.fromiter(part.values(), dtype=np.float64, count=len(part))
    nodes = space.column("node")[states]
    by_node = np.argsort(nodes, kind="stable")
    cuts = np.searchsorted(nodes[by_node], np.arange(len(scenario.nodes) + 1)).tolist()
    at: dict[str, list[float]] = {}
    of_kind: dict[str, list[float]] = {ending.kind: [] for ending in scenario.endings}
    for ending in scenario.endings:
        at[ending.id] = found[by_node[cuts[ending.index]:cuts[ending.index + 1]]].tolist()
        of_kind[ending.kind] += at[ending.id]
    mass = part.mass

    def chance(ps: list[float]) -> float:
        return math.fsum(ps) / mass if mass else 0.0

    return Group(mass / among.mass if among.mass else 0.0,
                 {ending: chance(ps) for ending, ps in at.items()},
                 {kind: chance(ps) for kind, ps in of_kind.items()})


def values_at(space: StateSpace, part: Stops, slot: int) -> dict[int, Stops]:
    """The stops grouped by the value `slot` holds there, in increasing order of value."""
    found: dict[int, list[tuple[int, float]]] = {}
    for (u, p), value in zip(part.items(), space.values.slot(slot, list(part))):
        found.setdefault(value, []).append((u, p))
    return {value: Stops(found[value]) for value in sorted(found)}


def split(space: StateSpace, whole: Stops, slot: int) -> dict[int, Group]:
    """Value at the end of the journey -> those journeys, as a share of all, with their odds."""
    return {value: group(space, part, whole)
            for value, part in values_at(space, whole, slot).items()}


def stage_stops(space: StateSpace, run: Journeys) -> list[Stops]:
    """For each stage: where the journeys that pass through it stop, and how likely that is.
    The stage the journeys start in gets `run.whole` itself."""
    scenario = space.scenario
    start = scenario.nodes[scenario.start]
    first = None if start.is_ending else start.stage
    marks = [0 if node.is_ending else 1 << node.stage for node in scenario.nodes]
    bits = [1 << k for k in range(len(scenario.stages)) if k != first]
    found = marks_collected(space, run.order, one_by_one(run.reach),
                            one_by_one(run.shares.branch), marks, {}, bits)
    return [run.whole if k == first else Stops(found[1 << k].items())
            for k in range(len(scenario.stages))]


def funnel(space: StateSpace, run: Journeys, per_stage: list[Stops],
           among: Stops) -> list[tuple[str, Group]]:
    """(stage id, the journeys among `among` that reach it, as a share of `among`) per stage;
    `among` is `run.whole` or part of it."""
    return [(stage.id, group(space, among if part is run.whole else
                             Stops((u, p) for u, p in part.items() if u in among), among))
            for stage, part in zip(space.scenario.stages, per_stage)]


def summarise(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> OddsSummary | None:
    """The summary of `scenario` for a random player, or None when the story can loop forever
    (no exact odds). Raises space.StateLimitExceeded past `max_states` states."""
    with collector_paused():  # millions of small objects and no reference cycles
        space = explore(scenario, max_states)
        order = partial_order(space)
        if len(order) < len(space):
            return None
        run = journeys(space, order)
        return _summary(scenario, space, run)


def _summary(scenario: Scenario, space: StateSpace, run: Journeys) -> OddsSummary:
    per_stage = stage_stops(space, run)

    def stages(among: Stops) -> tuple[StageOdds, ...]:
        return tuple(StageOdds(stage, odds) for stage, odds in
                     funnel(space, run, per_stage, among))

    eras: tuple[EraOdds, ...] = ()
    era_by = scenario.eras.by if scenario.eras else None
    if era_by is not None:
        slot = scenario.slot(era_by)
        eras = tuple(EraOdds(value, scenario.era_at(value).name,
                             group(space, part, run.whole), stages(part))
                     for value, part in values_at(space, run.whole, slot).items())
    ahead = table(space, chances(space, run.order, outlook(scenario)))
    return OddsSummary(scenario.id, scenario.content_hash, run.odds, stages(run.whole), era_by,
                       eras, ahead)
