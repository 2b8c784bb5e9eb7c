"""`journey play --watch`: the scenario file being played, watched for edits. Each edit is
loaded and the journey in play is played again under it (frontend.refit). What came of the
edit is a Change, which every front end only renders:

- Reloaded: the whole journey still fits; the session now plays the edited version, and its
  save follows it.
- Unfit: a step no longer fits (see frontend.refit); nothing changes until the player picks
  the nearest start (`nearest`, the steps before it, or `again`, a new journey with the same
  seed).
- Broken: the file does not load; its problems, as `journey check` prints them. The journey
  goes on under the last version that loaded, and comes back once the file loads again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journey.engine.diagnostics import ScenarioError
from journey.engine.loader import load_scenario
from journey.engine.model import Scenario
from journey.filewatch import FileWatch
from journey.frontend.narration import steps_text
from journey.frontend.playthrough import Playthrough
from journey.frontend.refit import Misfit, refit
from journey.frontend.saves import Slot
from journey.frontend.session import Session


@dataclass(frozen=True)
class Reloaded:
    """The edit fits the whole journey, which now goes on under it."""

    name: str
    steps: int
    """How many steps were played again."""

    @property
    def text(self) -> str:
        """'Reloaded my.yaml and replayed 3 steps.'"""
        replayed = f" and replayed {steps_text(self.steps)}" if self.steps else ""
        return f"Reloaded {self.name}{replayed}."


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
        return (f"Step {self.step} of your journey no longer fits the edited {self.name}: "
                f"{self.why}.")

    @property
    def offer(self) -> str:
        """The nearest starts, in the player's words."""
        if not self.can_carry_on:
            return "Start again with the same seed."
        return (f"Carry on after step {self.step - 1}, the last that fits, or start again with "
                "the same seed.")

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
        return f"{self.name} has problems to fix"

    @property
    def kept(self) -> str:
        return ("Your journey is kept as it was. Once the file loads again, it comes back at "
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
            return Broken(self.name, (f"{self.path}: cannot read: {error.strerror or error}",))
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
                f"{self.path}: the scenario's id changed from '{session.scenario.id}' to "
                f"'{self.scenario.id}'. Journeys are saved under the id: change it back to go "
                "on with this journey, or run journey again to play under the new id.",))
        return follow_edit(session, self.scenario, self.name)


def follow_edit(session: Session, scenario: Scenario, name: str) -> Reloaded | Unfit:
    """Replay the session's journey under `scenario`: when it fits, play on with it."""
    found = refit(session.journey, scenario)
    if isinstance(found, Misfit):
        return Unfit(name, found.step, found.why, found.nearest)
    session.follow(found)
    return Reloaded(name, found.state.step)
