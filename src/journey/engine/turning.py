"""Turning points: what each choice and each draw did to a journey's chance of ending well,
from the chance table the odds summary keeps (`exact.summary.ChanceTable`) and the journey's
own seed and history, without numpy (the debrief works them out in the game).

Before each step, a journey has a chance of a hopeful ending and of a harmful one, for a
player who picks at random from then on: the table's entry for its state. Each open option has
its own chance once taken, before its draw: the sum over its outcomes of the outcome's chance
(its weight over the choice's total, as the game draws) times the chance from where it leads,
added in the order `rules.results` gives them, as the analysis adds them
(`exact.chances.Chances.option`), so the two agree bit for bit.

The split into choice and luck: a choice's change is the chance once it is taken minus the
chance before; a draw's is the chance after the draw minus the chance once the choice was
taken (what the draw was expected to leave). Over a journey they add up to its outcome (1 when
it ended that way, else 0) minus its chance at the start. They add up exactly because each
change is worked out as a fraction (`fractions.Fraction`) of the very floats shown: between
fractions, the differences telescope with no rounding at all. Floats would not do: each
subtraction rounds, and a dozen rounded changes drift from the total by a few units in the
last place, so "adds up" would be only nearly true.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from . import rules
from .rules import RiskResolved
from .exact.codes import Coder
from .exact.summary import ChanceTable
from .kinds import harmful
from .model import Ending, Scenario, Scene, Values
from .state import GameState
from .text import shown

MEASURES = ("hopeful", "harmful")


class NotInTable(ValueError):
    """The chance table has no entry for a state of the journey: it is another version's."""


@dataclass(frozen=True)
class Outlook:
    """The chance that a journey from here ends in a hopeful kind of ending, and in a harmful
    kind, for a player who picks at random from then on."""

    hopeful: float
    harmful: float

    def of(self, measure: str) -> float:
        return self.hopeful if measure == "hopeful" else self.harmful


@dataclass(frozen=True)
class Option:
    """An option open at a step: its label as the player read it there, and its chances once
    taken, before its draw."""

    position: int
    label: str
    outlook: Outlook
    taken: bool


@dataclass(frozen=True)
class Turn:
    """One step of the journey: the chances before it, every open option's, the draw (None
    for a choice with one way on) and the chances after it."""

    number: int
    scene: Scene
    before: Outlook
    options: tuple[Option, ...]
    risk: RiskResolved | None
    after: Outlook

    @property
    def chosen(self) -> Outlook:
        return next(option.outlook for option in self.options if option.taken)

    def choice_change(self, measure: str = "hopeful") -> Fraction:
        return Fraction(self.chosen.of(measure)) - Fraction(self.before.of(measure))

    def luck_change(self, measure: str = "hopeful") -> Fraction:
        return Fraction(self.after.of(measure)) - Fraction(self.chosen.of(measure))


@dataclass(frozen=True)
class TurningPoints:
    """A journey's turns, from its start to where it is (an ending, for the debrief)."""

    start: Outlook
    turns: tuple[Turn, ...]

    @property
    def outcome(self) -> Outlook:
        """The chances where the journey is: at an ending, each 1 or 0."""
        return self.turns[-1].after if self.turns else self.start

    def choices(self, measure: str = "hopeful") -> Fraction:
        """What the choices changed, all together."""
        return sum((turn.choice_change(measure) for turn in self.turns), Fraction(0))

    def luck(self, measure: str = "hopeful") -> Fraction:
        """What the draws changed, all together."""
        return sum((turn.luck_change(measure) for turn in self.turns), Fraction(0))


class _Chances:
    """The chances from each state, read from the table (an ending's are its kind's)."""

    def __init__(self, scenario: Scenario, table: ChanceTable):
        self.scenario, self.table, self.coder = scenario, table, Coder.of(scenario)

    def at(self, node: int, values: Values) -> Outlook:
        here = self.scenario.nodes[node]
        if isinstance(here, Ending):
            harm = harmful(here.kind)
            return Outlook(float(not harm), float(harm))
        found = self.table.at(self.coder.encode(node, values))
        if found is not None:
            return Outlook(*found)
        if not rules.available(self.scenario, node, values):
            return Outlook(0.0, 0.0)  # stuck: no ending of any kind
        raise NotInTable(f"the chance table has no entry for a state in scene {here.id}; it "
                         "was worked out for another version of the scenario")

    def option(self, state: GameState, position: int) -> Outlook:
        branches = rules.branches(self.scenario, state.node, state.values, position)
        total = sum(branch.weight for branch in branches)
        hopeful = harmful = 0.0
        for branch in branches:
            chance = branch.weight / total
            found = self.at(branch.target, branch.values)
            hopeful += chance * found.hopeful
            harmful += chance * found.harmful
        return Outlook(hopeful, harmful)


def turning_points(scenario: Scenario, table: ChanceTable, seed: int,
                   history: Sequence[tuple[int, int]]) -> TurningPoints:
    """The turns of the journey played from `seed` with `history`'s (choice, outcome) pairs.
    Raises rules.InvalidChoice for a history that does not fit the scenario, and NotInTable
    for a table of another version of it."""
    chances = _Chances(scenario, table)
    state = rules.new_game(scenario, seed)
    start = before = chances.at(state.node, state.values)
    turns = []
    for number, (choice, outcome) in enumerate(history, 1):
        scene = scenario.nodes[state.node]
        assert isinstance(scene, Scene), "rules.step refuses every choice at an ending"
        options = tuple(Option(k, shown(scenario, scene.choices[k].label, state.values),
                               chances.option(state, k), k == choice)
                        for k in rules.available(scenario, state.node, state.values))
        state, events = rules.step(scenario, state, choice, outcome)
        risk = next((e for e in events if isinstance(e, RiskResolved)), None)
        after = chances.at(state.node, state.values)
        turns.append(Turn(number, scene, before, options, risk, after))
        before = after
    return TurningPoints(start, tuple(turns))
