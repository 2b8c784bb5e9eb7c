"""Exact analysis: explore every reachable (scene, variables, flags) state once, then prove that
every path ends, or show the shortest trace to the problem.

The reachable states and their transitions are kept in flat arrays (compressed rows), so a
million states fit comfortably in memory. Transitions come from `engine.branches`, the same
function that plays the game, so analysis and play cannot disagree.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from .coverage import reach_probabilities
from .engine import available, branches
from .model import Scenario

DEFAULT_MAX_STATES = 2_000_000


class StateLimitExceeded(Exception):
    """The state space is larger than the limit; the message says how to raise it."""

    def __init__(self, limit: int):
        super().__init__(
            f"more than {limit:,} reachable states; stopped exploring. Raise the limit with "
            "--max-states N, or make variables coarser (money in hundreds, health in a few "
            "levels, counters with a cap).")
        self.limit = limit


@dataclass(frozen=True)
class TraceStep:
    """One step of a trace: in `scene`, take choice `choice` and get outcome `outcome`."""

    scene: str
    choice: int
    label: str
    outcome: int
    outcome_text: str
    to: str

    def to_json(self) -> dict:
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

    def to_json(self) -> dict:
        data = {"kind": self.kind, "message": self.message,
                "trace": [s.to_json() for s in self.trace]}
        if self.loop_from is not None:
            data["loop_from"] = self.loop_from
        return data


@dataclass
class Report:
    """What `journey check` prints: proof that every path ends, or the problems, and figures."""

    scenario: str
    states: int
    longest_path: int | None
    expected_steps: float | None
    endings: dict[str, tuple[str, float | None]]
    problems: list[Problem]
    warnings: list[str]
    scene_reach: dict[str, float] = field(default_factory=dict)
    """Scene id -> exact chance that a random player reaches it (empty when a cycle exists)."""
    choice_reach: dict[tuple[str, int], float] = field(default_factory=dict)
    """(scene id, choice index) -> exact chance that a random player takes that choice."""
    coverage_exact: bool = True
    """False when looping scenes were too costly to count exactly: figures are upper bounds."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {
            "scenario": self.scenario, "ok": self.ok, "states": self.states,
            "longest_path": self.longest_path, "expected_steps": self.expected_steps,
            "endings": {k: {"kind": kind, "probability": p}
                        for k, (kind, p) in self.endings.items()},
            "problems": [p.to_json() for p in self.problems],
            "warnings": self.warnings,
            "coverage": {
                "exact": self.coverage_exact,
                "scenes": self.scene_reach,
                "choices": {f"{scene}#{index + 1}": p
                            for (scene, index), p in self.choice_reach.items()},
            },
        }


class _Graph:
    """The reachable state graph in compressed rows, with BFS parents for shortest traces."""

    def __init__(self, scenario: Scenario, max_states: int):
        self.scenario = scenario
        self.keys: list[tuple] = []
        self.row = array("q", [0])
        self.target = array("q")
        self.prob = array("d")
        self.choice = array("i")
        self.outcome = array("i")
        self.parent = array("q")
        self.parent_edge = array("q")
        self.used_choices: set[int] = set()
        self.used_outcomes: set[int] = set()
        self.dead_ends: list[int] = []
        self._explore(max_states)

    def _explore(self, max_states: int) -> None:
        scenario, nodes = self.scenario, self.scenario.nodes
        start = (scenario.start,) + scenario.start_values
        index = {start: 0}
        keys, target, prob = self.keys, self.target, self.prob
        keys.append(start)
        self.parent.append(-1)
        self.parent_edge.append(-1)
        u = 0
        while u < len(keys):
            key = keys[u]
            node, values = key[0], key[1:]
            scene = nodes[node]
            if not scene.is_ending:
                open_choices = available(scenario, node, values)
                if not open_choices:
                    self.dead_ends.append(u)
                share = 1.0 / len(open_choices) if open_choices else 0.0
                for c in open_choices:
                    choice = scene.choices[c]
                    self.used_choices.add(choice.number)
                    found = branches(scenario, node, values, c)
                    total = sum(b.weight for b in found)
                    for b in found:
                        self.used_outcomes.add(choice.outcomes[b.outcome].number)
                        next_key = (b.target,) + b.values
                        t = index.get(next_key)
                        if t is None:
                            t = len(keys)
                            if t >= max_states:
                                raise StateLimitExceeded(max_states)
                            index[next_key] = t
                            keys.append(next_key)
                            self.parent.append(u)
                            self.parent_edge.append(len(target))
                        target.append(t)
                        prob.append(share * b.weight / total)
                        self.choice.append(c)
                        self.outcome.append(b.outcome)
            self.row.append(len(target))
            u += 1

    def __len__(self) -> int:
        return len(self.keys)

    def edges(self, u: int) -> range:
        return range(self.row[u], self.row[u + 1])

    def step_of(self, edge: int, source: int) -> TraceStep:
        nodes = self.scenario.nodes
        scene = nodes[self.keys[source][0]]
        choice = scene.choices[self.choice[edge]]
        outcome = self.outcome[edge]
        text = choice.outcomes[outcome].text if choice.risky else ""
        return TraceStep(scene.id, self.choice[edge], choice.label, outcome, text,
                         nodes[self.keys[self.target[edge]][0]].id)

    def trace_to(self, u: int) -> list[TraceStep]:
        steps = []
        while self.parent[u] >= 0:
            steps.append(self.step_of(self.parent_edge[u], self.parent[u]))
            u = self.parent[u]
        return steps[::-1]

    def topological_order(self) -> list[int]:
        """Kahn's algorithm; states on or after a cycle are missing from the result."""
        indegree = array("q", bytes(8 * len(self)))
        for t in self.target:
            indegree[t] += 1
        order = [u for u in range(len(self)) if indegree[u] == 0]
        row, target = self.row, self.target
        for u in order:  # the list grows while we walk it
            for e in range(row[u], row[u + 1]):
                t = target[e]
                indegree[t] -= 1
                if indegree[t] == 0:
                    order.append(t)
        return order

    def can_end(self) -> bytearray:
        """For each state, 1 if some path from it reaches an ending (reverse search, CSR)."""
        n, row, target = len(self), self.row, self.target
        start = array("q", bytes(8 * (n + 1)))
        for t in target:
            start[t + 1] += 1
        for u in range(n):
            start[u + 1] += start[u]
        fill = array("q", start)
        source = array("q", bytes(8 * len(target)))
        for u in range(n):
            for e in range(row[u], row[u + 1]):
                t = target[e]
                source[fill[t]] = u
                fill[t] += 1
        nodes, keys = self.scenario.nodes, self.keys
        good = bytearray(n)
        queue = [u for u in range(n) if nodes[keys[u][0]].is_ending]
        for u in queue:
            good[u] = 1
        for u in queue:  # the list grows while we walk it
            for i in range(start[u], start[u + 1]):
                p = source[i]
                if not good[p]:
                    good[p] = 1
                    queue.append(p)
        return good

    def find_cycle(self, remaining: set[int]) -> tuple[list[int], list[int]]:
        """A cycle among `remaining` (states Kahn could not order): its states and edges."""
        inside = set(remaining)
        changed = True
        while changed:  # drop states with no successor left inside: they are not on a cycle
            changed = False
            for u in list(inside):
                if not any(self.target[e] in inside for e in self.edges(u)):
                    inside.discard(u)
                    changed = True
        u = min(inside)
        seen: dict[int, int] = {}
        walk, walk_edges = [], []
        while u not in seen:
            seen[u] = len(walk)
            walk.append(u)
            e = next(e for e in self.edges(u) if self.target[e] in inside)
            walk_edges.append(e)
            u = self.target[e]
        loop, loop_edges = walk[seen[u]:], walk_edges[seen[u]:]
        first = loop.index(min(loop))  # enter the loop at the state closest to the start
        return loop[first:] + loop[:first], loop_edges[first:] + loop_edges[:first]


def _problems_by_scene(graph: _Graph, states, kind: str, describe) -> list[Problem]:
    """One problem per scene (its shortest trace), counting how many states share it."""
    first: dict[int, int] = {}
    count: dict[int, int] = {}
    for u in states:
        node = graph.keys[u][0]
        count[node] = count.get(node, 0) + 1
        first.setdefault(node, u)
    problems = []
    for node, u in sorted(first.items(), key=lambda item: item[1]):
        scene = graph.scenario.nodes[node]
        message = describe(scene, graph.keys[u][1:])
        if count[node] > 1:
            message += f" ({count[node]} reachable states)"
        problems.append(Problem(kind, message, tuple(graph.trace_to(u))))
    return problems


def _show_values(scenario: Scenario, values) -> str:
    parts = [f"{v.id}={values[i]}" for i, v in enumerate(scenario.variables)]
    offset = len(scenario.variables)
    parts += [f"{f.id}={'true' if values[offset + j] else 'false'}"
              for j, f in enumerate(scenario.flags)]
    return ", ".join(parts) if parts else "no variables"


def _warnings(graph: _Graph) -> list[str]:
    scenario = graph.scenario
    reached = {key[0] for key in graph.keys}
    warnings = []
    for node in scenario.nodes:
        if node.index not in reached:
            what = "ending" if node.is_ending else "scene"
            warnings.append(f"{what} '{node.id}' is never reached")
    for scene in scenario.scenes:
        if scene.index not in reached:
            continue
        for i, choice in enumerate(scene.choices):
            if choice.number not in graph.used_choices:
                warnings.append(f"scene '{scene.id}': choice {i + 1} ({choice.label!r}) is "
                                "never available")
                continue
            for k, outcome in enumerate(choice.outcomes):
                if choice.risky and outcome.number not in graph.used_outcomes:
                    warnings.append(f"scene '{scene.id}': choice {i + 1} ({choice.label!r}), "
                                    f"outcome {k + 1} never happens (its weight is always 0)")
    return warnings


def analyse(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> Report:
    """Explore every reachable state and report problems, warnings and exact figures."""
    graph = _Graph(scenario, max_states)
    n = len(graph)
    nodes = scenario.nodes
    problems = _problems_by_scene(
        graph, graph.dead_ends, "dead_end",
        lambda scene, values: f"dead end: in scene '{scene.id}' no choice is available "
                              f"({_show_values(scenario, values)})")
    good = graph.can_end()
    dead = set(graph.dead_ends)
    problems += _problems_by_scene(
        graph, (u for u in range(n) if not good[u] and u not in dead), "trap",
        lambda scene, values: f"trap: from scene '{scene.id}' no ending can be reached "
                              f"({_show_values(scenario, values)})")
    order = graph.topological_order()
    endings: dict[str, tuple[str, float | None]] = {}
    longest = expected = None
    scene_reach, choice_reach, coverage_exact = {}, {}, True
    if len(order) < n:
        loop, loop_edges = graph.find_cycle(set(range(n)) - set(order))
        route = " -> ".join(nodes[graph.keys[u][0]].id for u in loop + loop[:1])
        lead = graph.trace_to(loop[0])
        around = [graph.step_of(e, u) for u, e in zip(loop, loop_edges)]
        problems.append(Problem(
            "cycle", f"cycle: the story can go round {route} forever with the same values "
            f"({_show_values(scenario, graph.keys[loop[0]][1:])}); a loop must make progress, "
            "for example a counter with a cap", tuple(lead + around), len(lead)))
        for ending in scenario.endings:
            endings[ending.id] = (ending.kind, None)
    else:
        reach = array("d", bytes(8 * n))
        depth = array("q", bytes(8 * n))
        reach[0] = 1.0
        expected = 0.0
        row, target, prob = graph.row, graph.target, graph.prob
        for u in order:
            p, d = reach[u], depth[u] + 1
            if row[u] < row[u + 1]:
                expected += p
            for e in range(row[u], row[u + 1]):
                t = target[e]
                reach[t] += p * prob[e]
                if depth[t] < d:
                    depth[t] = d
        longest = max(depth)
        totals = {ending.index: 0.0 for ending in scenario.endings}
        for u in range(n):
            node = graph.keys[u][0]
            if node in totals:
                totals[node] += reach[u]
        for ending in scenario.endings:
            endings[ending.id] = (ending.kind, totals[ending.index])
        scene_reach, choice_reach, coverage_exact = reach_probabilities(graph, order, reach)
    return Report(scenario.id, n, longest, expected, endings, problems, _warnings(graph),
                  scene_reach, choice_reach, coverage_exact)
