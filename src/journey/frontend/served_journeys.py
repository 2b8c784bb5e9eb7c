"""Journeys a class plays in the web page, as the server checks them: the page plays the
scenario itself (runtime.js, draw for draw as the engine does) and sends only a seed and the
(choice, outcome) pairs taken. The server believes none of it. It plays the journey again
through the engine from the seed, drawing each outcome as the game does: every step must be a
choice open there, and every outcome the one the seed draws, so a made-up route or ending is
refused, saying at which step and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journey.engine.rules import InvalidChoice
from journey.engine.model import Scenario, Scene
from journey.frontend import saves
from journey.frontend.class_record import SERVE, Entry
from journey.frontend.playthrough import Playthrough

LOOPING_CAP = 500
"""The most steps a journey may send when the story can go round (no longest path): far more
than a lesson's journey takes."""
SEED_LIMIT = 2**63 - 1
"""The largest seed, either way: the class record keeps seeds as 64-bit integers."""
EXACT_IN_JAVASCRIPT = 2**53 - 1
"""The largest whole number JavaScript keeps exactly: a larger seed goes between the page and
the server as a string of digits."""

History = tuple[tuple[int, int], ...]


class NotAJourney(ValueError):
    """What the page sent is not a journey of the served scenario; the message says why, in
    words a student or a teacher can read."""


@dataclass(frozen=True)
class Stage:
    id: str
    title: str


class ServedScenario:
    """The scenario `journey serve` gives the class, from `path`. `seed`: the class's seed
    (--seed), which every journey must have, or None. `longest`: the most steps any journey of
    it takes (None when it can go round), which bounds what a page may send."""

    def __init__(self, scenario: Scenario, path: Path, seed: int | None, longest: int | None):
        self.scenario = scenario
        self.file = saves.Slot.for_file(scenario.id, path).place
        self.seed = seed
        self.looping = longest is None
        self.history_cap = longest if longest is not None else LOOPING_CAP
        self.stages = tuple(Stage(stage.id, stage.title) for stage in scenario.stages)

    @property
    def id(self) -> str:
        return self.scenario.id

    @property
    def title(self) -> str:
        return self.scenario.title

    @property
    def language(self) -> str:
        return self.scenario.language

    def follow(self, seed: int, history: Sequence[tuple[int, int]]) -> Playthrough:
        """The journey played again from `seed`, each outcome drawn as the game draws it.
        Raises NotAJourney at the first step that is not what the game gives."""
        if self.seed is not None and seed != self.seed:
            raise NotAJourney(f"This class plays every journey with the seed {self.seed}, "
                              f"not {seed}.")
        if len(history) > self.history_cap:
            raise NotAJourney(f"No journey of this scenario takes {len(history)} steps; the "
                              f"longest takes {self.history_cap}." if not self.looping else
                              f"This server takes journeys of at most {self.history_cap} "
                              f"steps, not {len(history)}.")
        journey = Playthrough(self.scenario, seed)
        for number, (choice, outcome) in enumerate(history, 1):
            if journey.over:
                raise NotAJourney(f"The journey ended at step {number - 1}, yet goes on.")
            scene = journey.node
            try:
                journey.take(choice)
            except InvalidChoice:
                raise NotAJourney(f"Step {number} takes a choice that is not open there "
                                  f"(choice {choice} in scene {scene.id}).") from None
            drawn = journey.state.history[-1][1]
            if drawn != outcome:
                raise NotAJourney(f"Step {number} says outcome {outcome}, but this seed "
                                  f"draws outcome {drawn} there.")
        return journey

    def finished(self, seed: int, history: Sequence[tuple[int, int]]) -> Entry:
        """The class record's entry for a journey that has ended. Raises NotAJourney."""
        journey = self.follow(seed, history)
        if not journey.over:
            steps = f"{len(history)} step{'' if len(history) == 1 else 's'}"
            raise NotAJourney(f"The journey has not ended: after {steps} it is in scene "
                              f"{journey.node.id}.")
        return Entry.of(journey, self.file, SERVE)

    def stage_of(self, journey: Playthrough) -> str | None:
        """The id of the stage a journey is in; None once it has ended."""
        node = journey.node
        return self.scenario.stages[node.stage].id if isinstance(node, Scene) else None

    def has_stage(self, stage_id: str) -> bool:
        return any(stage.id == stage_id for stage in self.stages)
