"""The exact analysis `journey check` runs (`analyse`): explore every reachable (scene,
variables, flags) state once, then prove that every path ends, or show the shortest trace to
each problem, with a random player's exact figures.

The reachable states are explored once into flat tables (`space.py`) with the same functions
that play the game, so analysis and play cannot disagree; every figure comes from the one
reach kernel (`reach.py`) through `odds.journeys`, as every other command's does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import DEFAULT_MAX_STATES, collector_paused
from ..model import Scenario
from .continuity import continuity
from .coverage import reach_probabilities
from .exploration import explore
from .odds import Journeys, journeys
from .order import partial_order
from .problems import CheckWarning, Problem, problems, warnings
from .space import StateSpace


@dataclass
class Report:
    """What `journey check` prints: proof that every path ends, or the problems, and figures."""

    scenario: str
    states: int
    longest_path: int | None
    expected_steps: float | None
    endings: dict[str, tuple[str, float | None]]
    problems: list[Problem]
    warnings: list[CheckWarning]
    scene_reach: dict[str, float] = field(default_factory=dict)
    """Scene id -> exact chance that a random player reaches it (empty when a cycle exists)."""
    choice_reach: dict[tuple[str, int], float] = field(default_factory=dict)
    """(scene id, choice index) -> exact chance that a random player takes that choice."""
    coverage_exact: bool = True
    """False when looping scenes were too costly to count exactly: figures are upper bounds."""
    space: StateSpace | None = field(default=None, repr=False, compare=False)
    """The explored states, for tools that go on from the analysis (simulate does)."""
    journeys: Journeys | None = field(default=None, repr=False, compare=False)
    """A random player's journeys, whose figures these are (None when a cycle exists)."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario, "ok": self.ok, "states": self.states,
            "longest_path": self.longest_path, "expected_steps": self.expected_steps,
            "endings": {k: {"kind": kind, "probability": p}
                        for k, (kind, p) in self.endings.items()},
            "problems": [p.to_json() for p in self.problems],
            "warnings": [w.to_json() for w in self.warnings],
            "coverage": {
                "exact": self.coverage_exact,
                "scenes": self.scene_reach,
                "choices": {f"{scene}#{index + 1}": p
                            for (scene, index), p in self.choice_reach.items()},
            },
        }


def analyse(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> Report:
    """Explore every reachable state and report problems (with the expectations that fail),
    warnings and exact figures. Raises space.StateLimitExceeded past `max_states` states."""
    with collector_paused():  # millions of small objects and no reference cycles
        space = explore(scenario, max_states)
        order = partial_order(space)
        found = problems(space, order)
        if len(order) < len(space):  # a cycle: no journey of a random player need end
            endings: dict[str, tuple[str, float | None]] = {
                ending.id: (ending.kind, None) for ending in scenario.endings}
            read = continuity(space, None)
            return Report(scenario.id, len(space), None, None, endings, found + read.problems,
                          warnings(space) + read.warnings, space=space)
        run = journeys(space, order, longest=True)
        scene_reach, choice_reach, coverage_exact = reach_probabilities(space, run)
        read = continuity(space, run.reach)
        return Report(scenario.id, len(space), run.longest, run.expected_steps,
                      {ending.id: (ending.kind, run.odds.endings[ending.id])
                       for ending in scenario.endings},
                      found + read.problems, warnings(space) + read.warnings, scene_reach,
                      choice_reach, coverage_exact, space, run)
