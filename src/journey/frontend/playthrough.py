"""A journey in progress: scenario, seed, state and the steps taken, saved after every step.

The app and plain mode both play through this class, so they share the engine, the saves and
the words of the journal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from journey import saves
from journey.engine import engine
from journey.engine.engine import ChoiceTaken, ChoiceView, Event, RiskResolved, ValueChanged
from journey.engine.model import Ending, Scenario, Scene
from journey.engine.state import GameState

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
    """A journey being played. `save_error` says why the last autosave failed, if it did."""

    def __init__(self, scenario: Scenario, seed: int, state: GameState, steps: list[Step]):
        self.scenario = scenario
        self.seed = seed
        self.state = state
        self.steps = steps
        self.save_error: str | None = None

    @classmethod
    def new(cls, scenario: Scenario, seed: int) -> "Playthrough":
        journey = cls(scenario, seed, engine.new_game(scenario, seed), [])
        journey.save()
        return journey

    @classmethod
    def resume(cls, scenario: Scenario, save: saves.Save) -> "Playthrough":
        """Continue a save exactly: its state (generator included) and the journal, rebuilt by
        replaying its history through the engine."""
        state, steps = engine.new_game(scenario, save.seed), []
        for choice, outcome in save.state.history:
            scene = scenario.nodes[state.node]
            state, events = engine.step(scenario, state, choice, outcome)
            steps.append(Step(len(steps) + 1, scene, tuple(events)))
        return cls(scenario, save.seed, save.state, steps)

    @property
    def node(self) -> Scene | Ending:
        return self.scenario.nodes[self.state.node]

    @property
    def over(self) -> bool:
        return engine.is_over(self.scenario, self.state)

    @property
    def last_step(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    def sources_here(self) -> list[str]:
        """Source ids behind what the player reads now: the scene, and the risk just drawn."""
        ids = list(self.node.sources)
        last = self.last_step
        if last is not None and last.risk is not None:
            ids += list(last.risk.sources)
        return ids

    def status(self) -> list[StatusItem]:
        """Every variable then every flag, with its label and value as text."""
        values, items = self.state.values, []
        for i, spec in enumerate(self.scenario.variables):
            if spec.high - spec.low >= BAR_MIN_RANGE and not spec.names:
                items.append(StatusItem(spec.label, spec.display(values[i]),
                                        (values[i] - spec.low) / (spec.high - spec.low),
                                        spec.display(spec.high)))
            else:
                items.append(StatusItem(spec.label, spec.display(values[i])))
        offset = len(self.scenario.variables)
        for j, flag in enumerate(self.scenario.flags):
            items.append(StatusItem(flag.label, flag.display(values[offset + j])))
        return items

    def views(self) -> list[ChoiceView]:
        """The choices to show, numbered from 1 in this order."""
        return engine.choice_views(self.scenario, self.state)

    def choose(self, choice_index: int) -> Step:
        """Take a choice (the engine's index), save, and return the step. Raises
        engine.InvalidChoice when the choice is not open."""
        scene = self.node
        self.state, events = engine.step(self.scenario, self.state, choice_index)
        step = Step(len(self.steps) + 1, scene, tuple(events))
        self.steps.append(step)
        self.save()
        return step

    def save(self) -> None:
        """Autosave. A failure is kept in `save_error` for the front end to show; play goes on."""
        try:
            saves.write(saves.Save(self.scenario.id, self.scenario.content_hash, self.seed,
                                   self.state))
            self.save_error = None
        except OSError as error:
            self.save_error = f"Your journey could not be saved: {error}"


def new_seed() -> int:
    """A fresh seed, shown to the player so a journey can be replayed (os.urandom is cheaper to
    import than `secrets`, and startup time matters here)."""
    return int.from_bytes(os.urandom(4), "big") % 1_000_000


def steps_text(count: int) -> str:
    """'1 step', '3 steps'."""
    return f"{count} step{'' if count == 1 else 's'}"


def percent(probability: float) -> str:
    """A probability as people read it: '75%', '7.4%', '0.3%'."""
    value = 100 * probability
    if value >= 10 or value == round(value):
        return f"{value:.0f}%"
    return f"{value:.1f}%"


def narrate(step: Step, show_odds: bool, compact: bool = False) -> list[str]:
    """The journal's words for one step; with `show_odds`, the odds that were in play. With
    `compact`, every change shares one line (for the small panel above the scene)."""
    lines = [f"You chose: {step.choice}"]
    changes = []
    for event in step.events:
        if isinstance(event, RiskResolved):
            lines.append(f"What happened: {event.text}")
            if show_odds:
                lines.extend(odds_lines(event))
        elif isinstance(event, ValueChanged):
            changes.append(f"{event.label}: was {event.before}, now {event.after}")
    if compact and changes:
        return lines + ["Changed: " + "; ".join(changes) + "."]
    return lines + changes


def odds_lines(risk: RiskResolved) -> list[str]:
    """Each outcome that was possible, with its probability; the one that happened marked."""
    lines = ["The odds were:"]
    happened = False
    for text, probability in risk.odds:
        mark = ""
        if not happened and text == risk.text and probability == risk.probability:
            mark, happened = " (this happened)", True
        lines.append(f"  {percent(probability):>5}  {text}{mark}")
    return lines
