"""`journey play --watch`: the scenario file being played, watched for edits. Each edit is
loaded and the journey in play is played again under it (`replay_under`). What came of the
edit is a Change, which every front end only renders:

- Reloaded: the whole journey still fits; the session now plays the edited version, and its
  save follows it.
- Unfit: a step no longer fits (below); nothing changes until the player picks the nearest
  start (`nearest`, the steps before it, or `again`, a new journey with the same seed).
- Broken: the file does not load; its problems, as `journey check` prints them. The journey
  goes on under the last version that loaded, and comes back once the file loads again.

Whether a journey still fits an edited version of its scenario, and if not at which step and
why, in words an author can act on (`replay_under`): the journey is played again through the engine from its seed with its own history (choice
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
from pathlib import Path

from journey.engine import rules
from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_scenario
from journey.engine.model import Ending, Scenario, Scene
from journey.filewatch import POLL_SECONDS as POLL_SECONDS  # how often front ends poll
from journey.filewatch import FileWatch
from journey.frontend.narration import steps_text
from journey.frontend.playthrough import Playthrough, ReplayStopped, Step, replay
from journey.frontend.saves import Slot
from journey.frontend.session import Session
from journey.frontend.words import _


@dataclass(frozen=True)
class Misfit:
    """Step `step` (from 1) is not what it was, because `why`; `nearest` is the journey under
    the edited scenario with the steps before it."""

    step: int
    why: str
    nearest: Playthrough


def replay_under(scenario: Scenario, journey: Playthrough) -> Playthrough | Misfit:
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
        return 1, _("the journey now starts in '{now}', not '{was}'").format(now=new[0].id,
                                                                              was=old[0].id)
    for number, (was, now) in enumerate(zip(before.steps, after.steps), 1):
        moved = _choice_moved(was, now.scene, before.state.history[number - 1][0])
        if moved is not None:
            return number, _("in scene '{scene}', {why}").format(scene=now.scene.id, why=moved)
        if new[number].id != old[number].id:
            return number, _("it now leads to '{now}', not '{was}'").format(now=new[number].id,
                                                                             was=old[number].id)
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
        return _("the choice taken, '{choice}', is now choice {number}").format(
            choice=taken, number=new.index(taken) + 1)
    return _("the choice taken, '{choice}', is gone").format(choice=taken)


def _why_not_taken(was: Step, stuck: Playthrough, choice: int) -> str:
    """Why the engine refused to take step `was` again where `stuck` stands (the same scene,
    and a choice that did not move: _first_change looked first)."""
    scene = stuck.node
    assert not isinstance(scene, Ending)
    moved = _choice_moved(was, scene, choice)
    label = scene.choices[choice].label if choice < len(scene.choices) else ""
    if moved is not None:
        why = moved
    elif choice not in rules.available(stuck.scenario, stuck.state.node, stuck.state.values):
        why = _("the choice '{choice}' is closed now").format(choice=label)
    elif was.risk is not None:
        why = _("'{choice}' can no longer turn out as it did ('{outcome}')").format(
            choice=label, outcome=was.risk.text)
    else:
        why = _("'{choice}' can no longer turn out as it did").format(choice=label)
    return _("in scene '{scene}', {why}").format(scene=scene.id, why=why)


@dataclass(frozen=True)
class Reloaded:
    """The edit fits the whole journey, which now goes on under it."""

    name: str
    steps: int
    """How many steps were played again."""

    @property
    def text(self) -> str:
        """'Reloaded my.yaml and replayed 3 steps.'"""
        if self.steps:
            return _("Reloaded {file} and replayed {steps}.").format(
                file=self.name, steps=steps_text(self.steps))
        return _("Reloaded {file}.").format(file=self.name)


@dataclass(frozen=True)
class Unfit:
    """Step `step` of the journey cannot be taken under the edit, for the reason `why`."""

    name: str
    step: int
    why: str
    nearest: Playthrough
    """The journey under the edit as far as it fits: the steps before `step`."""

    @property
    def text(self) -> str:
        return _("Step {step} of your journey no longer fits the edited {file}: {why}.").format(
            step=self.step, file=self.name, why=self.why)

    @property
    def offer(self) -> str:
        """The nearest starts, in the player's words."""
        if not self.can_carry_on:
            return _("Start again with the same seed.")
        return _("Carry on after step {step}, the last that fits, or start again with the same "
                 "seed.").format(step=self.step - 1)

    @property
    def can_carry_on(self) -> bool:
        """Whether carrying on differs from starting again (some steps still fit)."""
        return self.step > 1

    @property
    def again(self) -> Playthrough:
        """A new journey of the edited scenario, with the same seed."""
        return Playthrough(self.nearest.scenario, self.nearest.seed)


@dataclass(frozen=True)
class Broken:
    """The edited file cannot be played: `lines` say why, as `journey check` prints them."""

    name: str
    lines: tuple[str, ...]

    @property
    def title(self) -> str:
        return _("{file} has problems to fix").format(file=self.name)

    @property
    def kept(self) -> str:
        return _("Your journey is kept as it was. Once the file loads again, it comes back at "
                 "the scene you were on.")


Change = Reloaded | Unfit | Broken


class Watch:
    """The scenario file at `path`, watched for edits while it is played. `scenario` is the
    last version of it that loaded."""

    def __init__(self, path: Path, scenario: Scenario):
        self.path = path
        self.scenario = scenario
        self.files = FileWatch([path])

    @property
    def name(self) -> str:
        return self.path.name

    def plays(self, session: Session | None) -> bool:
        """Whether `session` is a journey of this file."""
        return session is not None and \
            session.slot == Slot.for_file(session.scenario.id, self.path)

    def poll(self, session: Session | None) -> Change | None:
        """What a new edit of the file did to the journey of `session`, if it plays this file
        (the edit is loaded either way, for journeys started later)."""
        if not self.files.poll():
            return None
        try:
            self.scenario = load_scenario(self.path)
        except ScenarioError as failure:
            return Broken(self.name, tuple(str(d) for d in failure.diagnostics))
        except OSError as error:
            return Broken(self.name, (_("{path}: cannot read: {why}").format(
                path=self.path, why=error.strerror or error),))
        return self.follow(session)

    def catch_up(self, session: Session | None) -> Change | None:
        """Bring a journey of this file to the latest version, when it plays an earlier one
        (a journey started from the title screen, which read the file before an edit)."""
        if session is None or session.scenario.content_hash == self.scenario.content_hash:
            return None
        return self.follow(session)

    def follow(self, session: Session | None) -> Change | None:
        """Replay the journey of `session` under the latest version, if it plays this file.
        Even an edit back to the version in play is a Reloaded: it ends a Broken."""
        if session is None or not self.plays(session):
            return None
        if self.scenario.id != session.scenario.id:
            return Broken(self.name, (
                _("{path}: the scenario's id changed from '{was}' to '{now}'. Journeys are saved "
                  "under the id: change it back to go on with this journey, or run journey "
                  "again to play under the new id.").format(path=self.path,
                                                            was=session.scenario.id,
                                                            now=self.scenario.id),))
        return follow_edit(session, self.scenario, self.name)


def follow_edit(session: Session, scenario: Scenario, name: str) -> Reloaded | Unfit:
    """Replay the session's journey under `scenario`: when it fits, play on with it."""
    found = replay_under(scenario, session.journey)
    if isinstance(found, Misfit):
        return Unfit(name, found.step, found.why, found.nearest)
    session.follow(found)
    return Reloaded(name, found.state.step)
