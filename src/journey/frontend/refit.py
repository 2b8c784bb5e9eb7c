"""Whether a journey still fits an edited version of its scenario, and if not, at which step
and why, in words an author can act on.

The journey is played again through the engine from its seed with its own history (choice
and outcome per step), by the replay that reads saves back (playthrough.replay). That the
engine takes every step is not all: the choices are kept by their place in the scene, so an
edit that removes or moves a choice would make the replay take another one without a word.
So each step must also be taken in the same scene, with the same choice (its label may be
reworded in place), and lead where it led before. Reworded text, effects and weights fit;
removed or moved choices, renamed scenes, changed destinations and outcomes that can no longer
happen do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from journey.engine import engine
from journey.engine.model import Ending, Scenario, Scene
from journey.frontend.playthrough import Playthrough, ReplayStopped, Step, replay


@dataclass(frozen=True)
class Misfit:
    """Step `step` (from 1) is not what it was, because `why`; `nearest` is the journey under
    the edited scenario with the steps before it."""

    step: int
    why: str
    nearest: Playthrough


def refit(journey: Playthrough, scenario: Scenario) -> Playthrough | Misfit:
    """`journey` played again under `scenario`: the new journey when every step fits, else
    where it first does not."""
    history = journey.state.history
    try:
        again, stopped = replay(scenario, journey.seed, history), None
    except ReplayStopped as stop:
        again, stopped = stop.journey, stop
    found = _first_change(journey, again)
    if found is None and stopped is not None:
        number = stopped.number
        found = number, _why_not_taken(journey.steps[number - 1], again, history[number - 1][0])
    if found is None:
        return again
    step, why = found
    if len(again.steps) >= step:
        again = replay(scenario, journey.seed, history[:step - 1])
    return Misfit(step, why, again)


def _first_change(before: Playthrough, after: Playthrough) -> tuple[int, str] | None:
    """The first step `after` took that `before` did not take the same way: (step, why)."""
    if not before.steps:
        return None
    old = [step.scene for step in before.steps] + [before.node]
    new = [step.scene for step in after.steps] + [after.node]
    if new[0].id != old[0].id:
        return 1, f"the journey now starts in '{new[0].id}', not '{old[0].id}'"
    for number, (was, now) in enumerate(zip(before.steps, after.steps), 1):
        moved = _choice_moved(was, now.scene, before.state.history[number - 1][0])
        if moved is not None:
            return number, f"in scene '{now.scene.id}', {moved}"
        if new[number].id != old[number].id:
            return number, f"it now leads to '{new[number].id}', not '{old[number].id}'"
    return None


def _choice_moved(was: Step, scene: Scene, choice: int) -> str | None:
    """Why the choice taken at `was` (the engine's `choice`) is another one in the edited
    `scene`, or None when it is the same: the same label, or its label reworded in place."""
    old = [c.label for c in was.scene.choices]
    new = [c.label for c in scene.choices]
    taken = old[choice]
    here = new[choice] if choice < len(new) else None
    if here == taken or (here is not None and taken not in new and here not in old):
        return None
    if taken in new:
        return f"the choice taken, '{taken}', is now choice {new.index(taken) + 1}"
    return f"the choice taken, '{taken}', is gone"


def _why_not_taken(was: Step, stuck: Playthrough, choice: int) -> str:
    """Why the engine refused to take step `was` again where `stuck` stands (the same scene,
    and a choice that did not move: _first_change looked first)."""
    scene = stuck.node
    assert not isinstance(scene, Ending)
    moved = _choice_moved(was, scene, choice)
    label = scene.choices[choice].label if choice < len(scene.choices) else ""
    if moved is not None:
        why = moved
    elif choice not in engine.available(stuck.scenario, stuck.state.node, stuck.state.values):
        why = f"the choice '{label}' is closed now"
    else:
        risk = was.risk
        why = f"'{label}' can no longer turn out as it did" + (
            f" ('{risk.text}')" if risk is not None else "")
    return f"in scene '{scene.id}', {why}"
