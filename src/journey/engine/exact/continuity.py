"""What `journey check` proves about what players read, in one pass over the explored states
(each state's scene, values and reach), never a second exploration:

- each `expect:` of a scene or ending holds in every reachable state in which it is shown, or
  it is a problem: the share of arrivals there where it fails (each state's reach, `reach.py`,
  is the expected number of arrivals in it) and the shortest trace to one of them;
- warnings: a conditional part of a text never shown, or always shown, where its text is shown;
  a conditional destination never taken; a scene whose text can be shown twice, word for word,
  on one journey (unless it says `repeats: true`), with a trace of one such journey.

Which states a text is shown in follows `engine.text`: a scene's text and its choices' labels
(of the choices listed) in the states at the scene, an ending's in the states at the ending, an
outcome's text and its destinations in the states its branches lead to (the values after the
step). Conditions are evaluated for many states at once by their vector twins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..expressions import vector_of
from ..model import Choice, Ending, Expectation, Scenario, Scene, Text, Values
from ..text import shown
from .order import scene_groups
from .problems import CheckWarning, Problem, TraceStep, step_of, trace_to
from .space import StateSpace, np

if TYPE_CHECKING:
    from numpy.typing import NDArray

Ints = Any  # NDArray[np.int64]: numpy's typing of fancy indexing is loose, as in exploration.py
Condition = Callable[[Values], int]


@dataclass(frozen=True)
class Continuity:
    """The expectations that fail, and the warnings."""

    problems: list[Problem]
    warnings: list[CheckWarning]


class _States:
    """The explored states grouped by node (each group in state order, so its first state is
    the one nearest the start), with their values read a node at a time."""

    def __init__(self, space: StateSpace):
        self.space = space
        node = space.column("node")
        self.order = np.argsort(node, kind="stable")
        self.cuts = np.searchsorted(node[self.order],
                                    np.arange(len(space.scenario.nodes) + 1)).tolist()

    def at(self, node: int) -> Ints:
        return self.order[self.cuts[node]:self.cuts[node + 1]]

    def holds(self, condition: Condition, states: Ints) -> NDArray[np.bool_]:
        """Whether `condition` holds in each of `states`."""
        return holds(condition, self.space.values.rows(states))


def holds(condition: Condition, rows: Ints) -> NDArray[np.bool_]:
    """Whether `condition` holds for each column of `rows` (a row per slot)."""
    twin = vector_of(condition)
    if twin is None:  # an expression that could leave 64-bit integers: one state at a time
        return np.array([condition(tuple(column)) != 0 for column in rows.T.tolist()],
                        dtype=bool)
    found = np.asarray(twin(rows))
    return np.broadcast_to(found != 0, (rows.shape[1],))


def continuity(space: StateSpace, reach: NDArray[np.float64] | None) -> Continuity:
    """Expectations and warnings over the explored `space`; `reach` is each state's reach for
    a random player (None when a cycle leaves no exact figures: failures are then counted in
    states)."""
    scenario, states = space.scenario, _States(space)
    problems: list[Problem] = []
    warnings: list[CheckWarning] = []
    for node in scenario.nodes:
        here = states.at(node.index)
        if not len(here):
            continue  # never reached: warned about already
        for expectation in node.expect:
            problem = _expectation(space, node, expectation, here, states, reach)
            if problem is not None:
                problems.append(problem)
        for what, text in _texts(node):
            warnings += _parts(states, f"{_name(node)}: the {what}", text, here)
        if isinstance(node, Scene):
            warnings += _labels(states, node, here)
    warnings += _after_steps(space, states)
    warnings += _shown_twice(space, states)
    return Continuity(problems, warnings)


def _name(node: Scene | Ending) -> str:
    return f"{'ending' if node.is_ending else 'scene'} '{node.id}'"


def _texts(node: Scene | Ending) -> list[tuple[str, Text]]:
    if isinstance(node, Scene):
        return [("text", node.text)]
    return [("text", node.text), ("context", node.context)]


def _expectation(space: StateSpace, node: Scene | Ending, expectation: Expectation,
                 here: Ints, states: _States, reach: NDArray[np.float64] | None
                 ) -> Problem | None:
    failing = here[~states.holds(expectation.condition, here)]
    if not len(failing):
        return None
    share = None
    counted = f"{len(failing):,} of {len(here):,} reachable states"
    if reach is not None:
        arrivals = float(reach[here].sum())
        share = float(reach[failing].sum()) / arrivals if arrivals else 0.0
        counted = f"{_percent(share)} of arrivals at this {_name(node).split()[0]} ({counted})"
    message = (f"{_name(node)}: expected {expectation.condition_source!r} "
               f"({expectation.because}), but it does not hold on {counted}; the shortest "
               "journey where it does not:")
    first = int(failing.min())  # states are numbered breadth first: the nearest the start
    return Problem("expectation", message, tuple(trace_to(space, first)),
                   where=expectation.where, share=share)


def _percent(share: float) -> str:
    return f"{100 * share:.2f}%" if share >= 0.00005 or share == 0 else "less than 0.01%"


def _parts(states: _States, what: str, text: Text, shown_in: Ints) -> list[CheckWarning]:
    """Warnings about the conditional parts of `text`, shown in the states `shown_in`."""
    found = []
    for part in text.parts:
        if part.condition is None or not len(shown_in):
            continue
        shown = states.holds(part.condition, shown_in)
        said = f"{what}'s part shown if {part.condition_source!r}"
        if not shown.any():
            found.append(CheckWarning("part_never_shown", f"{said} is never shown: its "
                                      "condition never holds where it would be read", part.where))
        elif shown.all():
            found.append(CheckWarning("part_always_shown", f"{said} is always shown where it "
                                      "is read: its condition always holds there, so its 'if' "
                                      "says nothing", part.where))
    return found


def _labels(states: _States, scene: Scene, here: Ints) -> list[CheckWarning]:
    """The labels' parts, in the states where their choice is listed: open, or closed with a
    reason shown."""
    found = []
    for i, choice in enumerate(scene.choices):
        if all(part.condition is None for part in choice.label.parts):
            continue
        listed = here
        if choice.condition is not None and choice.unavailable is None:
            listed = here[states.holds(choice.condition, here)]
        found += _parts(states, f"scene '{scene.id}': choice {i + 1}: the label", choice.label,
                        listed)
    return found


def _after_steps(space: StateSpace, states: _States) -> list[CheckWarning]:
    """Outcomes' texts and conditional destinations, on the values each branch arrives with."""
    scenario = space.scenario
    wanted = [(scene, i, choice, k) for scene in scenario.scenes
              for i, choice in enumerate(scene.choices)
              for k, outcome in enumerate(choice.outcomes)
              if outcome.routes or any(p.condition is not None for p in outcome.text.parts)]
    if not wanted:
        return []
    arrive = _arrivals(space)
    found = []
    for scene, i, choice, k in wanted:
        targets = arrive(scene.index, i, k)
        if not len(targets):
            continue  # never happens: warned about already
        what = f"scene '{scene.id}': choice {i + 1}" + (f", outcome {k + 1}" if choice.risky
                                                          else "")
        outcome = choice.outcomes[k]
        found += _parts(states, f"{what}: the outcome text", outcome.text, targets)
        found += _routes(states, what, scenario, choice, k, targets)
    return found


def _arrivals(space: StateSpace) -> Callable[[int, int, int], Ints]:
    """(scene, choice position, outcome) -> the states its branches lead to."""
    scenario = space.scenario
    per_state = np.diff(space.column("choice_row"))
    per_slot = np.diff(space.column("branch_row"))
    slot = np.repeat(np.arange(len(per_slot)), per_slot)
    node = np.repeat(space.column("node"), per_state)[slot]
    choices = 1 + max((len(scene.choices) for scene in scenario.scenes), default=0)
    outcomes = 1 + max((len(c.outcomes) for c in scenario.choices()), default=0)
    key = (node.astype(np.int64) * choices + space.column("choice")[slot]) * outcomes \
        + space.column("outcome")
    order = np.argsort(key, kind="stable")
    ordered, target = key[order], space.column("target")

    def arrive(scene: int, choice: int, outcome: int) -> Ints:
        wanted = (scene * choices + choice) * outcomes + outcome
        lo, hi = np.searchsorted(ordered, [wanted, wanted + 1]).tolist()
        return target[order[lo:hi]]

    return arrive


def _routes(states: _States, what: str, scenario: Scenario, choice: Choice, k: int,
            targets: Ints) -> list[CheckWarning]:
    """Conditional destinations never taken: on no branch does the condition hold while no
    earlier one does."""
    outcome, found = choice.outcomes[k], list[CheckWarning]()
    if not outcome.routes:
        return found
    rows = states.space.values.rows(targets)
    earlier = np.zeros(len(targets), dtype=bool)
    for route in outcome.routes:
        holding = holds(route.condition, rows)
        if not (holding & ~earlier).any():
            found.append(CheckWarning(
                "route_never_taken", f"{what}: the destination '{scenario.nodes[route.target].id}'"
                f" if {route.condition_source!r} is never taken: on the values the step "
                "arrives with, its condition never holds, or an earlier one always does",
                route.where))
        earlier |= holding
    return found


def _shown_twice(space: StateSpace, states: _States) -> list[CheckWarning]:
    """Scenes on a loop of the scene graph whose text a journey can read twice, word for
    word: from a state at the scene, a path within its loop's scenes reaches another state at
    it where its text reads the same."""
    scenario, found = space.scenario, []
    for members, looping in scene_groups(scenario):
        if not looping:
            continue
        inside = set(members)
        for node in members:
            scene = scenario.nodes[node]
            here = states.at(node)
            if not isinstance(scene, Scene) or scene.repeats or not len(here):
                continue
            twice = _twice(space, scene, here, _readings(states, scene, here), inside)
            if twice is not None:
                first, trace = twice
                found.append(CheckWarning(
                    "shown_twice", f"scene '{scene.id}' can be shown twice on one journey with "
                    f"the same text, word for word (the journey below shows it "
                    f"{f'after step {first}' if first else 'at the start'} and after its last "
                    "step); vary it with conditional parts or values, or write 'repeats: true' "
                    "in the scene if that is meant", ("scenes", scene.id), at_key=True,
                    trace=trace))
    return found


def _readings(states: _States, scene: Scene, here: Ints) -> dict[int, str]:
    """State -> the scene's text as it reads there, word for word (`engine.text`)."""
    scenario, values = states.space.scenario, states.space.values
    return {u: shown(scenario, scene.text, values[u]) for u in here.tolist()}


def _twice(space: StateSpace, scene: Scene, here: Ints, reading: dict[int, str],
           inside: set[int]) -> tuple[int, tuple[TraceStep, ...]] | None:
    """A journey that reads `scene` twice the same, and after how many steps it first does:
    for each way its text reads (nearest the start first), breadth first from every state
    where it reads so, within the scenes `inside`, to another such state."""
    node_of, target = space.node, space.target
    for wanted in dict.fromkeys(reading[u] for u in here.tolist()):
        sources = {u for u in here.tolist() if reading[u] == wanted}
        came_from: dict[int, tuple[int, int]] = {}
        frontier = sorted(sources)
        while frontier:
            following = []
            for u in frontier:
                for e in space.edges(u):
                    t = target[e]
                    if node_of[t] == scene.index and reading.get(t) == wanted:
                        steps = [step_of(space, e, u)]
                        while u not in sources:
                            u, e = came_from[u]
                            steps.append(step_of(space, e, u))
                        lead = trace_to(space, u)
                        return len(lead), tuple(lead + steps[::-1])
                    if node_of[t] in inside and t not in came_from and t not in sources:
                        came_from[t] = (u, e)
                        following.append(t)
            frontier = following
    return None
