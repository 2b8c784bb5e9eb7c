"""The session every front end drives and only renders: a scenario file opened for play, its
save held for this process, the journey, and what the player sees of it.

It decides once, for every front end, how choices are numbered (the open ones, from 1, in the
scene's order; closed ones are listed unnumbered with their reason), saves after every step,
forgets the save when the journey ends, and puts what went wrong with a save into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from journey.engine import rules
from journey.engine.model import Scenario, Scene, Stage
from journey.engine.rules import ValueChanged
from journey.engine.state import GameState
from journey.engine.text import shown
from journey.frontend import saves
from journey.frontend.narration import steps_text
from journey.frontend.playthrough import Playthrough, StatusItem, Step, new_seed
from journey.frontend.savelock import SaveInUse, SaveLock
from journey.frontend.words import _

if TYPE_CHECKING:
    from journey.frontend.class_record import Recorder

__all__ = ["Choice", "Found", "SaveInUse", "Session", "View", "look"]


@dataclass(frozen=True)
class Choice:
    """A choice as every front end lists it. `number` is what the player types or presses
    (open choices only); `index` is the engine's."""

    index: int
    label: str
    number: int | None
    reason: str | None
    risky: bool

    @property
    def text(self) -> str:
        """'1. Cross now (a risk)', or '-  Not available: Pay a guide. You need $500.'"""
        if self.number is None:
            return "-  " + _("Not available: {choice}. {reason}").format(choice=self.label,
                                                                         reason=self.reason)
        if self.risky:
            return f"{self.number}. " + _("{choice} (a risk)").format(choice=self.label)
        return f"{self.number}. {self.label}"


def numbered_choices(scenario: Scenario, state: GameState) -> tuple[Choice, ...]:
    """The choices to list, open ones numbered from 1 in the scene's order. Only open choices
    have numbers, so any number in range can be taken, by a person or a script alike."""
    choices, number = [], 0
    for view in rules.choice_views(scenario, state):
        if view.enabled:
            number += 1
        choices.append(Choice(view.index, view.label, number if view.enabled else None,
                              view.reason, view.risky))
    return tuple(choices)


@dataclass(frozen=True)
class View:
    """What the player sees before a step: the scene, its text as it reads now, its stage, the
    choices, the status, and what the last step did. `step` is the number of the step about to
    be taken; `route` the title of every stage, in order (the scene's `stage` is its place in
    it); `changed` what the last step changed, by label: the value before, as shown."""

    scene: Scene
    stage: Stage
    step: int
    choices: tuple[Choice, ...]
    status: tuple[StatusItem, ...]
    last: Step | None
    text: str
    route: tuple[str, ...]
    changed: dict[str, str]

    @property
    def open_count(self) -> int:
        return sum(1 for choice in self.choices if choice.number is not None)

    def numbered(self, number: int) -> Choice | None:
        """The open choice with this number, if there is one."""
        return next((c for c in self.choices if c.number == number), None)


@dataclass(frozen=True)
class Found:
    """What is saved for a scenario file: a journey to continue, or none, and anything to tell
    the player about it (a save set aside, or in use, or kept across an edit)."""

    save: saves.Save | None
    notice: str = ""
    in_use: bool = False
    """True when another game has the save open: `notice` then says which."""


def look(scenario: Scenario, path: Path, slot: saves.Slot | None = None) -> Found:
    """The save of the scenario at `path` (or in `slot`), for a title screen to describe,
    without keeping it. Its lock is held only while reading, so a save in use elsewhere is
    never touched."""
    slot = slot or saves.Slot.for_file(scenario.id, path)
    try:
        lock = _take(slot)
    except SaveInUse as busy:
        return Found(None, str(busy), in_use=True)
    try:
        return _find(scenario, slot)
    finally:
        if lock is not None:
            lock.release()


class Session:
    """A scenario file opened for play by this process. Its save is locked against other games
    until `close` (a `with` block closes it too). `journey` is always set: the saved one when
    continuing (`continued`), otherwise a new one. `notice` says what happened to a save found
    on opening; `save_error` why the last autosave failed, if it did. A journey that ends
    goes to `recorder`, when there is one (the class record); `file` says where the scenario
    came from (bundled:NAME.yaml, or its path)."""

    def __init__(self, scenario: Scenario, slot: saves.Slot, lock: SaveLock | None,
                 journey: Playthrough, continued: bool, notice: str,
                 recorder: Recorder | None = None, file: str = ""):
        self.scenario = scenario
        self.slot = slot
        self.lock = lock
        self.journey = journey
        self.continued = continued
        self.notice = notice
        self.save_error: str | None = None
        self.written: tuple[Playthrough, int] | None = None
        """The journey whose save this session wrote last, and how many steps it holds (so
        the next step only adds its line); None when the file must be written whole."""
        self.closed = False
        self.recorder = recorder
        self.file = file
        self.shown: tuple[Playthrough, GameState, View] | None = None
        """The view last built, and the journey and state it shows: built once per step."""

    @classmethod
    def open(cls, scenario: Scenario, path: Path, *, continuing: bool,
             seed: int | None = None, slot: saves.Slot | None = None,
             recorder: Recorder | None = None) -> Session:
        """Open the scenario at `path`: continue its saved journey when `continuing` and there
        is one that can be used, otherwise start a new one with `seed` (or a fresh seed),
        replacing the save. The save is the file's own unless `slot` names another (a
        classroom code's). Raises SaveInUse when another game has this save open."""
        own = saves.Slot.for_file(scenario.id, path)
        slot = slot or own
        lock = _take(slot)
        if lock is not None:
            saves.remove_leftovers(slot)
        found = _find(scenario, slot)
        if continuing and found.save is not None:
            session = cls(scenario, slot, lock, found.save.journey, True, found.notice,
                          recorder, own.place)
            if found.save.earlier_version:
                session.store()  # from now on it is a save of the version being played
            return session
        session = cls(scenario, slot, lock, _fresh(scenario, seed), False, found.notice,
                      recorder, own.place)
        session.store()
        return session

    def __enter__(self) -> Session:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def restart(self, seed: int | None = None) -> None:
        """A new journey of the same scenario, replacing the one in play and its save."""
        self.journey = _fresh(self.scenario, seed)
        self.continued, self.notice = False, ""
        self.store()

    def follow(self, journey: Playthrough) -> None:
        """Play on with `journey`, of an edited version of the scenario (same id), in place of
        the one in play; its save follows the new version (frontend.watch decides when)."""
        assert journey.scenario.id == self.scenario.id, "a save belongs to one scenario id"
        self.scenario, self.journey = journey.scenario, journey
        self.store()

    def view(self) -> View:
        """The scene to show now, built once for each state of the journey. Only valid while
        the journey is not over."""
        journey, shown_before = self.journey, self.shown
        if shown_before is not None and shown_before[0] is journey and \
                shown_before[1] is journey.state:
            return shown_before[2]
        scene, last = journey.node, journey.last_step
        assert isinstance(scene, Scene), "the journey is over: show the debrief instead"
        scenario = self.scenario
        view = View(scene, scenario.stages[scene.stage], journey.state.step + 1,
                    numbered_choices(scenario, journey.state), tuple(journey.status()), last,
                    shown(scenario, scene.text, journey.state.values),
                    tuple(stage.title for stage in scenario.stages),
                    {event.label: event.before for event in last.events
                     if isinstance(event, ValueChanged)} if last is not None else {})
        self.shown = (journey, journey.state, view)
        return view

    def numbered(self, number: int) -> Choice | None:
        """The open choice with this number now, if there is one (none once the journey has
        ended or the session is closed: its save belongs to whoever opens it next)."""
        if self.closed or self.journey.over:
            return None
        return self.view().numbered(number)

    def choose(self, number: int) -> Step:
        """Take the open choice with this number, then save (or, at an ending, forget the
        save). Raises ValueError when no open choice has that number."""
        choice = self.numbered(number)
        if choice is None:
            raise ValueError(f"no open choice is numbered {number}")
        step = self.journey.take(choice.index)
        self.store()
        if self.journey.over and self.recorder is not None:
            self.recorder.record(self.journey, self.file)
        return step

    def store(self) -> None:
        """Save the journey (its new step alone when the save holds the ones before), or
        remove its save once it has ended, so an ended journey leaves nothing to continue or
        to set aside. A failure is kept in `save_error`; play goes on."""
        if self.closed:
            return
        journey, steps, written = self.journey, self.journey.state.step, self.written
        try:
            if journey.over:
                saves.remove(self.slot)
            elif written is not None and written[0] is journey and written[1] == steps - 1:
                saves.append(self.slot, journey)
            else:
                saves.write(self.slot, journey)
        except OSError as error:
            self.save_error = _("Your journey could not be saved: {why}").format(why=error)
            self.written = None
        else:
            self.save_error = None
            self.written = (journey, steps)

    def close(self) -> None:
        """Let other games open this save; no step can be taken after. Safe to call twice."""
        self.closed = True
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def _fresh(scenario: Scenario, seed: int | None) -> Playthrough:
    """A new journey with `seed`, or with a fresh one."""
    return Playthrough(scenario, seed if seed is not None else new_seed())


def _take(slot: saves.Slot) -> SaveLock | None:
    """The slot's lock, or None when the folder cannot hold one (then saving fails too, and
    says so). Raises SaveInUse."""
    try:
        return SaveLock.take(slot.lock)
    except OSError:
        return None


def _find(scenario: Scenario, slot: saves.Slot) -> Found:
    try:
        save = saves.read(slot, scenario)
    except saves.SaveProblem as problem:
        return Found(None, str(problem))
    if save is not None and save.earlier_version:
        return Found(save, _("This journey was saved under an earlier version of the scenario; "
                             "its {steps} still fit, so it goes on under the version you have "
                             "now.").format(steps=steps_text(save.journey.state.step)))
    return Found(save)
