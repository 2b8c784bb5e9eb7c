"""What stops a scenario from being proved: dead ends (a scene with no open choice), traps
(states from which no ending can be reached) and cycles (a loop of states with the same values,
which a journey could go round forever), each with the shortest trace from the start that
reaches it; and the warnings about parts of the story that are never used. Each problem and
warning says where in the file it is about (`where`), for `journey check` to point at.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Ending, Scenario, Scene, Values, Where
from ..text import shown
from .order import StateOrder
from .space import StateSpace, np

if TYPE_CHECKING:
    from numpy.typing import NDArray


@dataclass(frozen=True)
class TraceStep:
    """One step of a trace: in `scene`, take choice `choice` and get outcome `outcome`."""

    scene: str
    choice: int
    label: str
    outcome: int
    outcome_text: str
    to: str

    def to_json(self) -> dict[str, object]:
        return {"scene": self.scene, "choice": self.choice, "label": self.label,
                "outcome": self.outcome, "outcome_text": self.outcome_text, "to": self.to}

    def __str__(self) -> str:
        risk = f" [outcome {self.outcome + 1}: {self.outcome_text}]" if self.outcome_text else ""
        return f"{self.scene}: {self.label!r}{risk} -> {self.to}"


@dataclass(frozen=True)
class Problem:
    """A dead end, a trap or a cycle, with the shortest trace from the start that reaches it.

    For a cycle, the trace goes on around the loop: the state reached after `loop_from` steps
    is reached again at the end of the trace.
    """

    kind: str
    message: str
    trace: tuple[TraceStep, ...]
    loop_from: int | None = None
    causes: tuple["Problem", ...] = ()
    """For a cycle: the traps it causes (scenes from which every path runs into a cycle or
    stops), reported under it rather than as problems of their own."""
    where: Where = ()
    """Where in the file it is about, when it is about one place (an expectation)."""
    share: float | None = None
    """For an expectation: the share of arrivals at its scene where it fails (None when a
    cycle leaves no exact shares)."""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "message": self.message,
                "trace": [s.to_json() for s in self.trace]}
        if self.loop_from is not None:
            data["loop_from"] = self.loop_from
        if self.causes:
            data["causes"] = [p.to_json() for p in self.causes]
        if self.kind == "expectation":
            data["share"] = self.share
        return data


@dataclass(frozen=True)
class CheckWarning:
    """Something in the file that no journey uses, or that does not follow the journey: what
    kind, the message, where in the file (at its key with `at_key`), and a trace where one
    shows it."""

    kind: str
    message: str
    where: Where
    at_key: bool = False
    trace: tuple[TraceStep, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "message": self.message,
                "trace": [s.to_json() for s in self.trace]}


def step_of(space: StateSpace, branch: int, source: int) -> TraceStep:
    """The step along `branch` from state `source`, its label and outcome's text as the player
    read them there (`engine.text`)."""
    scenario = space.scenario
    scene = scenario.nodes[space.node[source]]
    assert isinstance(scene, Scene), "a branch leaves a scene, never an ending"
    position = space.choice[space.slot_of(branch)]
    choice = scene.choices[position]
    outcome, target = space.outcome[branch], space.target[branch]
    text = shown(scenario, choice.outcomes[outcome].text, space.values[target]) \
        if choice.risky else ""
    return TraceStep(scene.id, position, shown(scenario, choice.label, space.values[source]),
                     outcome, text, scenario.nodes[space.node[target]].id)


def trace_to(space: StateSpace, u: int) -> list[TraceStep]:
    """The shortest path from the start to state `u` (breadth-first parents)."""
    steps = []
    while space.parent[u] >= 0:
        steps.append(step_of(space, space.parent_branch[u], space.parent[u]))
        u = space.parent[u]
    return steps[::-1]


def _can_reach(space: StateSpace, goals: Iterable[int]) -> bytearray:
    """For each state, 1 if some path from it reaches one of `goals` (reverse search)."""
    n, target = len(space), space.target
    start = array("q", bytes(8 * (n + 1)))
    for t in target:
        start[t + 1] += 1
    for u in range(n):
        start[u + 1] += start[u]
    fill = array("q", start)
    source = array("q", bytes(8 * len(target)))
    for u in range(n):
        for e in space.edges(u):
            t = target[e]
            source[fill[t]] = u
            fill[t] += 1
    good = bytearray(n)
    queue = list(goals)
    for u in queue:
        good[u] = 1
    for u in queue:  # the list grows while we walk it
        for i in range(start[u], start[u + 1]):
            p = source[i]
            if not good[p]:
                good[p] = 1
                queue.append(p)
    return good


def _find_cycle(space: StateSpace, remaining: set[int]) -> tuple[list[int], list[int]]:
    """A cycle among `remaining` (states Kahn could not order): its states and branches."""
    inside = set(remaining)
    changed = True
    while changed:  # drop states with no successor left inside: they are not on a cycle
        changed = False
        for u in list(inside):
            if not any(space.target[e] in inside for e in space.edges(u)):
                inside.discard(u)
                changed = True
    u = min(inside)
    seen: dict[int, int] = {}
    walk: list[int] = []
    walk_edges: list[int] = []
    while u not in seen:
        seen[u] = len(walk)
        walk.append(u)
        e = next(e for e in space.edges(u) if space.target[e] in inside)
        walk_edges.append(e)
        u = space.target[e]
    loop, loop_edges = walk[seen[u]:], walk_edges[seen[u]:]
    first = loop.index(min(loop))  # enter the loop at the state closest to the start
    return loop[first:] + loop[:first], loop_edges[first:] + loop_edges[:first]


def _problems_by_scene(space: StateSpace, states: Iterable[int], kind: str,
                       describe: Callable[[Scene | Ending, Values], str]) -> list[Problem]:
    """One problem per scene (its shortest trace), counting how many states share it."""
    first: dict[int, int] = {}
    count: dict[int, int] = {}
    for u in states:
        node = space.node[u]
        count[node] = count.get(node, 0) + 1
        first.setdefault(node, u)
    found = []
    for node, u in sorted(first.items(), key=lambda item: item[1]):
        scene = space.scenario.nodes[node]
        message = describe(scene, space.values[u])
        if count[node] > 1:
            message += f" ({count[node]} reachable states)"
        found.append(Problem(kind, message, tuple(trace_to(space, u))))
    return found


def _show_values(scenario: Scenario, values: Values) -> str:
    parts = [f"{v.id}={values[i]}" for i, v in enumerate(scenario.variables)]
    offset = len(scenario.variables)
    parts += [f"{f.id}={'true' if values[offset + j] else 'false'}"
              for j, f in enumerate(scenario.flags)]
    return ", ".join(parts) if parts else "no variables"


def warnings(space: StateSpace) -> list[CheckWarning]:
    """Scenes and endings never reached, choices never open, outcomes that never happen."""
    scenario = space.scenario
    node_of, choice_row = space.column("node"), space.column("choice_row")
    reached = set(_present(node_of, len(scenario.nodes)))
    # Every (scene, choice) open in some state, and every (scene, choice, outcome) that happens
    # somewhere, each as one number.
    choices = 1 + max((len(scene.choices) for scene in scenario.scenes), default=0)
    outcomes = 1 + max((len(c.outcomes) for c in scenario.choices()), default=0)
    opened = (np.repeat(node_of.astype(np.int64), np.diff(choice_row)) * choices
              + space.column("choice"))
    happened = (np.repeat(opened, np.diff(space.column("branch_row"))) * outcomes
                + space.column("outcome"))
    opened = set(_present(opened, len(scenario.nodes) * choices))
    happened = set(_present(happened, len(scenario.nodes) * choices * outcomes))
    warnings = []
    for node in scenario.nodes:
        if node.index not in reached:
            what = "ending" if node.is_ending else "scene"
            warnings.append(CheckWarning("never_reached", f"{what} '{node.id}' is never reached",
                                         (f"{what}s", node.id), at_key=True))
    for scene in scenario.scenes:
        if scene.index not in reached:
            continue
        for i, choice in enumerate(scene.choices):
            key, where = scene.index * choices + i, ("scenes", scene.id, "choices", i)
            if key not in opened:
                warnings.append(CheckWarning(
                    "never_open", f"scene '{scene.id}': choice {i + 1} ({choice.label!r}) is "
                    "never available", where))
                continue
            for k in range(len(choice.outcomes) if choice.risky else 0):
                if key * outcomes + k not in happened:
                    warnings.append(CheckWarning(
                        "never_happens", f"scene '{scene.id}': choice {i + 1} "
                        f"({choice.label!r}), outcome {k + 1} never happens (its weight is "
                        "always 0)", where + ("outcomes", k)))
    return warnings


def _present(numbers: NDArray[Any], below: int) -> list[int]:
    """The numbers in 0..below - 1 that occur in `numbers`."""
    return np.flatnonzero(np.bincount(numbers, minlength=below)).tolist()


def problems(space: StateSpace, order: StateOrder) -> list[Problem]:
    """Dead ends, traps and a cycle (the traps it causes under it), each with its shortest
    trace from the start; none when every path ends at an ending. `order` is
    `partial_order(space)`: the states it leaves out are on a cycle or only reachable through
    one."""
    scenario, n = space.scenario, len(space)
    is_ending = [node.is_ending for node in scenario.nodes]
    stuck = np.diff(space.column("choice_row")) == 0
    dead_ends = np.flatnonzero(stuck & ~np.array(is_ending)[space.column("node")]).tolist()
    found = _problems_by_scene(
        space, dead_ends, "dead_end",
        lambda scene, values: f"dead end: in scene '{scene.id}' no choice is available "
                              f"({_show_values(scenario, values)})")
    traps: list[int] = []
    if dead_ends or len(order) < n:  # otherwise every path ends at an ending: no traps
        good = _can_reach(space, (u for u, node in enumerate(space.node) if is_ending[node]))
        dead = set(dead_ends)
        traps = [u for u in range(n) if not good[u] and u not in dead]
    looping = set(range(n)) - set(order) if len(order) < n else set()
    into_loop = _can_reach(space, looping) if looping else bytearray(n)

    def trap_problems(states: Iterable[int]) -> list[Problem]:
        return _problems_by_scene(
            space, states, "trap",
            lambda scene, values: f"trap: from scene '{scene.id}' no ending can be reached "
                                  f"({_show_values(scenario, values)})")

    found += trap_problems(u for u in traps if not into_loop[u])
    if looping:
        nodes = scenario.nodes
        loop, loop_edges = _find_cycle(space, looping)
        route = " -> ".join(nodes[space.node[u]].id for u in loop + loop[:1])
        lead = trace_to(space, loop[0])
        around = [step_of(space, e, u) for u, e in zip(loop, loop_edges)]
        found.append(Problem(
            "cycle", f"cycle: the story can go round {route} forever with the same values "
            f"({_show_values(scenario, space.values[loop[0]])}); a loop must make progress, "
            "for example a counter with a cap", tuple(lead + around), len(lead),
            tuple(trap_problems(u for u in traps if into_loop[u]))))
    return found
