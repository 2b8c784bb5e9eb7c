"""Policies a simulated player can follow, defined for any scenario.

A policy is either uniform random play (the analysis's own assumption) or a rule that picks
one open choice in every reachable state. Rules read only what every scenario has: the odds of
each outcome (`rules.branches`), the kind of each ending (harmful or hopeful: engine.kinds), and,
for `cheapest`, one variable.
Ties always go to the choice listed first in the scene.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .kinds import HARMFUL, HOPEFUL
from .model import Scene

if TYPE_CHECKING:  # `journey --help` imports this module, and must not load numpy
    from .exact.space import StateSpace

DEFAULT_RESOURCE = "money"
TIE_DIGITS = 9  # scores equal to this many decimals are ties

Score = tuple[float, ...]  # compared as tuples: the lowest wins


class PolicyError(ValueError):
    """A policy cannot be applied to this scenario; the message says why."""


@dataclass(frozen=True)
class Policy:
    name: str
    summary: str
    pick: Callable[[StateSpace, str | None], array[int]] | None
    """(space, resource) -> the chosen slot per state; None: random."""


def _states_ending_in(space: StateSpace, kinds: frozenset[str]) -> list[bool]:
    """For each state, whether it is an ending of one of `kinds`."""
    at_node = [node.is_ending and node.kind in kinds for node in space.scenario.nodes]
    return [at_node[node] for node in space.node]


def _best(space: StateSpace, u: int, score: Callable[[int, int], Score]) -> int:
    """The slot of state `u` with the lowest score(u, slot); the first listed among equals."""
    best, best_score = -1, None
    for c in space.slots(u):
        s = score(u, c)
        if best_score is None or s < best_score:
            best, best_score = c, s
    return best


def _chosen(space: StateSpace, score: Callable[[int, int], Score]) -> array[int]:
    chosen = array("q", [-1]) * len(space)
    for u in range(len(space)):
        if space.choice_row[u] < space.choice_row[u + 1]:
            chosen[u] = _best(space, u, score)
    return chosen


def _odds(space: StateSpace) -> list[float]:
    """Per branch, the chance of its outcome once its choice is taken: the analysis's own
    (exact.reach.outcome_chances), never worked out again here."""
    from .exact.reach import outcome_chances

    odds: list[float] = outcome_chances(space).tolist()
    return odds


def _expected(space: StateSpace, odds: list[float], c: int,
              value: Callable[[int], float]) -> float:
    """The average of value(next state) over the results of slot `c`, weighted by their odds."""
    return sum(odds[e] * value(space.target[e]) for e in space.results(c))


def _rounded(x: float) -> float:
    """Equal up to float noise (0.1 + 0.2 and 0.3) counts as equal, so ties are real ties."""
    return round(x, TIE_DIGITS)


def cautious(space: StateSpace, resource: str | None = None) -> array[int]:
    harm = _states_ending_in(space, HARMFUL)
    nodes, odds = space.scenario.nodes, _odds(space)

    def score(u: int, c: int) -> Score:
        scene = nodes[space.node[u]]
        assert isinstance(scene, Scene), "only states with open choices are scored"
        risky = scene.choices[space.choice[c]].risky
        return _rounded(_expected(space, odds, c, harm.__getitem__)), risky

    return _chosen(space, score)


def _looking_ahead(space: StateSpace, name: str, kinds: frozenset[str],
                   sign: float) -> array[int]:
    """The rule that minimises sign x (exact chance of ending in one of `kinds`), by dynamic
    programming from the endings back to the start."""
    from .exact.order import topological_order

    order = topological_order(space)
    if order is None:
        raise PolicyError(f"the '{name}' policy needs a story in which every path ends")
    value = [float(h) for h in _states_ending_in(space, kinds)]
    odds = _odds(space)
    chosen = array("q", [-1]) * len(space)
    for u in reversed(order):  # every state's successors are settled before it
        if space.choice_row[u] == space.choice_row[u + 1]:
            continue
        c = _best(space, u, lambda u, c: (
            sign * _rounded(_expected(space, odds, c, value.__getitem__)),))
        chosen[u] = c
        value[u] = _expected(space, odds, c, value.__getitem__)
    return chosen


def safest(space: StateSpace, resource: str | None = None) -> array[int]:
    return _looking_ahead(space, "safest", HARMFUL, 1.0)


def determined(space: StateSpace, resource: str | None = None) -> array[int]:
    return _looking_ahead(space, "determined", HOPEFUL, -1.0)


def cheapest(space: StateSpace, resource: str | None = None) -> array[int]:
    resource = resource or DEFAULT_RESOURCE
    names = [v.id for v in space.scenario.variables]
    if resource not in names:
        found = ", ".join(names) or "none"
        raise PolicyError(f"the 'cheapest' policy keeps a variable, and this scenario has "
                            f"no variable '{resource}' (its variables: {found}); choose one "
                            "with --resource")
    position, values, odds = names.index(resource), space.values, _odds(space)
    return _chosen(space, lambda u, c: (
        -_rounded(_expected(space, odds, c, lambda t: values[t][position])),))


POLICIES: dict[str, Policy] = {s.name: s for s in (
    Policy("random", "picks uniformly at random among the open choices (the player the exact "
             "analysis assumes)", None),
    Policy("cautious", "picks the choice whose odds, as the game shows them, give the lowest "
             "chance of arriving at once at a harmful ending (any ending but asylum: years in "
             "hiding and turning back are not safety either); among equals, one with a fixed "
             "destination before a risky one", cautious),
    Policy("safest", "knowing every odd of the whole story in advance, picks the choice that "
             "gives the lowest exact chance of ending in a harmful ending by the end of the "
             "journey (the best any player can do against that risk; since every ending but "
             "asylum is harmful, it plays as determined does)", safest),
    Policy("determined", "knowing every odd of the whole story in advance, picks the choice "
             "that gives the highest exact chance of reaching asylum (the most any player can "
             "get)", determined),
    Policy("cheapest", "picks the choice that leaves the most of a variable (--resource, "
             "default 'money') after the step, on average over its outcomes", cheapest),
)}
