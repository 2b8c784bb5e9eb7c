"""A journey in memory: scenario, seed, state and the steps taken, as the player lived them.

Saving is the session's job (frontend.session); this class only plays and remembers, so a
journey read back from a save is rebuilt by the same code that plays one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from journey.engine import rules
from journey.engine.rules import ChoiceTaken, Event, InvalidChoice, RiskResolved
from journey.engine.model import Ending, Scenario, Scene, VariableSpec
from journey.engine.state import GameState
from journey.engine.text import visible
from journey.frontend.words import _

BAR_MIN_RANGE = 3
"""A variable with fewer steps than this reads better as a number alone."""


@dataclass(frozen=True)
class StatusItem:
    """A variable or flag as the player reads it. `fraction` (0..1 of its range) and `limit`
    (its maximum, written out) are set for variables with room for a bar."""

    label: str
    shown: str
    fraction: float | None = None
    limit: str = ""


@dataclass(frozen=True)
class Step:
    """One step as the player lived it: the scene they chose in, and what followed."""

    number: int
    scene: Scene
    events: tuple[Event, ...]

    @property
    def choice(self) -> str:
        return next(e.label for e in self.events if isinstance(e, ChoiceTaken))

    @property
    def risk(self) -> RiskResolved | None:
        return next((e for e in self.events if isinstance(e, RiskResolved)), None)


class Playthrough:
    """A journey being played, from its seed: the state now and every step that led there."""

    def __init__(self, scenario: Scenario, seed: int):
        self.scenario = scenario
        self.seed = seed
        self.state = rules.new_game(scenario, seed)
        self.steps: list[Step] = []

    @property
    def node(self) -> Scene | Ending:
        return self.scenario.nodes[self.state.node]

    @property
    def over(self) -> bool:
        return rules.is_over(self.scenario, self.state)

    @property
    def ending(self) -> Ending | None:
        """Where the journey ended, once it has."""
        node = self.node
        return node if isinstance(node, Ending) else None

    @property
    def last_step(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    def take(self, choice_index: int, outcome: int | None = None) -> Step:
        """Take a choice (the engine's index); `outcome` forces the result, as in a replay.
        Raises rules.InvalidChoice when the choice or outcome is not possible here."""
        scene = self.node
        self.state, events = rules.step(self.scenario, self.state, choice_index, outcome)
        assert isinstance(scene, Scene)  # the engine refuses every choice at an ending
        step = Step(len(self.steps) + 1, scene, tuple(events))
        self.steps.append(step)
        return step

    def sources_here(self) -> list[str]:
        """Source ids behind what the player reads now: the scene, and the risk just drawn."""
        ids = list(self.node.sources)
        last = self.last_step
        if last is not None and last.risk is not None:
            ids += list(last.risk.sources)
        return ids

    def status(self) -> list[StatusItem]:
        """Every variable then every flag shown now (`show:`), with its label and value as text."""
        values, items = self.state.values, []
        for i, spec in enumerate(self.scenario.variables):
            if not visible(self.scenario, i, values[i]):
                continue
            if has_bar(spec):
                items.append(StatusItem(spec.label, spec.display(values[i]),
                                        (values[i] - spec.low) / (spec.high - spec.low),
                                        spec.display(spec.high)))
            else:
                items.append(StatusItem(spec.label, spec.display(values[i])))
        offset = len(self.scenario.variables)
        for j, flag in enumerate(self.scenario.flags):
            if visible(self.scenario, offset + j, values[offset + j]):
                items.append(StatusItem(flag.label, flag.display(values[offset + j])))
        return items


def has_bar(spec: VariableSpec) -> bool:
    """Whether the status shows the variable with a bar: it has room for one, and no names."""
    return spec.high - spec.low >= BAR_MIN_RANGE and not spec.names


class ReplayStopped(Exception):
    """A history that does not fit the scenario: step `number` (from 1) cannot be taken, for
    the engine's `reason`; `journey` holds the steps before it."""

    def __init__(self, number: int, reason: InvalidChoice, journey: Playthrough):
        super().__init__(_("step {number} is not possible ({why})").format(number=number,
                                                                           why=reason))
        self.number = number
        self.reason = reason
        self.journey = journey


def replay(scenario: Scenario, seed: int, history: tuple[tuple[int, int], ...]) -> Playthrough:
    """A journey played again from its seed through the engine, each step forced to the choice
    and outcome of `history`: how a save is read back, and how a journey follows an edit of its
    scenario. Raises ReplayStopped at the first step that is not possible."""
    journey = Playthrough(scenario, seed)
    for number, (choice, outcome) in enumerate(history, 1):
        try:
            journey.take(choice, outcome)
        except InvalidChoice as reason:
            raise ReplayStopped(number, reason, journey) from None
    return journey


def new_seed() -> int:
    """A fresh seed, shown to the player so a journey can be replayed (os.urandom is cheaper to
    import than `secrets`, and startup time matters here)."""
    return int.from_bytes(os.urandom(4), "big") % 1_000_000
