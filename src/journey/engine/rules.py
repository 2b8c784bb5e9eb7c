"""The game rules as pure functions: state + choice + seeded generator -> new state and events.

Order of a step (documented for authors in docs/scenario-format.md):
1. the choice's effects apply;
2. the outcomes' weights are evaluated on the values after those effects;
3. one outcome is drawn in proportion to its weight;
4. that outcome's effects apply;
5. the journey moves to its destination: with a list of destinations, the first whose condition
   holds on the values after all these effects, else the list's default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import rng
from .model import Outcome, Scenario, Scene, Values
from .state import GameState
from .text import shown, told


class InvalidChoice(ValueError):
    """The choice index is not one the player can take in this state."""


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """A choice as a front end shows it: `index` is its position in the scene's choices."""

    index: int
    label: str
    enabled: bool
    reason: str | None
    risky: bool


@dataclass(frozen=True, slots=True)
class Branch:
    """One possible result of a choice: its weight, which outcome, and where it leads."""

    weight: int
    outcome: int
    target: int
    values: Values


@dataclass(frozen=True, slots=True)
class ChoiceTaken:
    label: str


@dataclass(frozen=True, slots=True)
class RiskResolved:
    """A weighted risk was drawn. `odds` is every outcome's (text, probability) that was in play."""

    text: str
    probability: float
    odds: tuple[tuple[str, float], ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ValueChanged:
    id: str
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Arrived:
    node_id: str
    is_ending: bool


Event = ChoiceTaken | RiskResolved | ValueChanged | Arrived


def new_game(scenario: Scenario, seed: int = 0) -> GameState:
    return GameState(scenario.start, scenario.start_values, 0, (), rng.seed_state(seed))


def is_over(scenario: Scenario, state: GameState) -> bool:
    return scenario.nodes[state.node].is_ending


def available(scenario: Scenario, node: int, values: Values) -> list[int]:
    """Indices of the choices a player can take at `node` with `values` (none at an ending)."""
    scene = scenario.nodes[node]
    if scene.is_ending:
        return []
    return [i for i, choice in enumerate(scene.choices)
            if choice.condition is None or choice.condition(values)]


def choice_views(scenario: Scenario, state: GameState) -> list[ChoiceView]:
    """The choices to show: open ones, and closed ones that have a reason to display."""
    scene = scenario.nodes[state.node]
    if scene.is_ending:
        return []
    views = []
    open_choices = set(available(scenario, state.node, state.values))
    for i, choice in enumerate(scene.choices):
        enabled = i in open_choices
        if enabled or choice.unavailable is not None:
            views.append(ChoiceView(i, shown(scenario, choice.label, state.values), enabled,
                                    None if enabled else choice.unavailable, choice.risky))
    return views


def results(scenario: Scenario, node: int, values: Values,
            choice_index: int) -> list[tuple[int, int, int, Values]]:
    """Every result of taking a choice, with positive weight, as (weight, outcome, target,
    values) tuples. The single source of the rules; `branches` names the fields."""
    scene = scenario.nodes[node]
    assert isinstance(scene, Scene), "an ending has no choices"
    choice = scene.choices[choice_index]
    after_choice = choice.effects.apply(values)
    if not choice.risky:  # a fixed destination: one outcome of weight 1, without effects
        outcome = choice.outcomes[0]
        target = _destination(outcome, after_choice) if outcome.routes else outcome.target
        return [(1, 0, target, after_choice)]
    found = []
    for k, outcome in enumerate(choice.outcomes):
        weight = outcome.weight(after_choice)
        if weight > 0:
            after = outcome.effects.apply(after_choice)
            target = _destination(outcome, after) if outcome.routes else outcome.target
            found.append((weight, k, target, after))
    return found


def _destination(outcome: Outcome, values: Values) -> int:
    """Where an outcome with a list of destinations leads, on the values after the step."""
    for route in outcome.routes:
        if route.condition(values):
            return route.target
    return outcome.target


def branches(scenario: Scenario, node: int, values: Values, choice_index: int) -> list[Branch]:
    """Every result of taking a choice, with positive weight."""
    return [Branch(*found) for found in results(scenario, node, values, choice_index)]


def _changes(scenario: Scenario, before: Values, after: Values) -> list[ValueChanged]:
    """The changes a player is told of (not those of values never shown)."""
    events = []
    for i, spec in enumerate(scenario.variables):
        if before[i] != after[i] and told(scenario, i):
            events.append(ValueChanged(spec.id, spec.label, spec.display(before[i]),
                                       spec.display(after[i])))
    offset = len(scenario.variables)
    for j, flag in enumerate(scenario.flags):
        if before[offset + j] != after[offset + j] and told(scenario, offset + j):
            events.append(ValueChanged(flag.id, flag.label, flag.display(before[offset + j]),
                                       flag.display(after[offset + j])))
    return events


def step(scenario: Scenario, state: GameState, choice_index: int,
         outcome: int | None = None) -> tuple[GameState, list[Event]]:
    """Take a choice. `outcome` forces a result (for replaying a trace); otherwise it is drawn."""
    if choice_index not in available(scenario, state.node, state.values):
        raise InvalidChoice(f"choice {choice_index} is not available here")
    scene = scenario.nodes[state.node]
    assert isinstance(scene, Scene), "available() offers no choice at an ending"
    choice = scene.choices[choice_index]
    found = branches(scenario, state.node, state.values, choice_index)
    generator, picked = state.rng, found[0]
    if len(found) > 1:
        # Draw even when the outcome is forced, so a replay leaves the generator where play did.
        draw, generator = rng.below(generator, sum(b.weight for b in found))
        for picked in found:
            draw -= picked.weight
            if draw < 0:
                break
    if outcome is not None:
        forced = next((b for b in found if b.outcome == outcome), None)
        if forced is None:
            raise InvalidChoice(f"outcome {outcome} cannot happen here")
        picked = forced
    events: list[Event] = [ChoiceTaken(shown(scenario, choice.label, state.values))]
    if choice.risky:  # each outcome's text as it reads on the values it would arrive with
        total = sum(b.weight for b in found)
        chosen = choice.outcomes[picked.outcome]
        events.append(RiskResolved(
            shown(scenario, chosen.text, picked.values), picked.weight / total,
            tuple((shown(scenario, choice.outcomes[b.outcome].text, b.values), b.weight / total)
                  for b in found),
            chosen.sources))
    events.extend(_changes(scenario, state.values, picked.values))
    target = scenario.nodes[picked.target]
    events.append(Arrived(target.id, target.is_ending))
    new_state = GameState(picked.target, picked.values, state.step + 1,
                          state.history + ((choice_index, picked.outcome),), generator)
    return new_state, events


def replay(scenario: Scenario, seed: int, history: Iterable[tuple[int, int]]) -> GameState:
    """Rebuild a journey from its seed and the (choice, outcome) pairs taken."""
    state = new_game(scenario, seed)
    for choice_index, outcome in history:
        state, _ = step(scenario, state, choice_index, outcome)
    return state
