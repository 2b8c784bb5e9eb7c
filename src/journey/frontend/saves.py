"""Autosaves: one file per scenario file in the user's data folder, a line of JSON per step.

A save is named after the scenario's id and a hash of where its file is (`Slot`), so two
scenario files never share a save, even when one is a copy that keeps the other's id. Its first
line says whose journey it is (format version, scenario, file, content hash, seed); then comes
one line per step, [choice, outcome]. A new journey is written whole; each step then adds its
line, so a step costs the same however long the journey is. Reading a save replays its steps
through the engine, once, which both checks it and rebuilds the journal. Every format from
MIN_SAVE_VERSION on is read: format 1 (one JSON object with the whole state, rewritten at every
step) too.

A save made under an earlier version of the scenario (another content hash) is kept while its
history still fits: every choice and outcome still possible. One that no longer fits is set
aside as `KEY.earlier-version.json`, one file per scenario however often its author edits it.
Any other save that cannot be used, for any reason, is moved aside under a dated name, never
deleted, with a message that says why: no save can stop the game from starting.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from journey.engine import catalog
from journey.engine.model import Scenario
from journey.engine.state import GameState
from journey.frontend.library import data_dir
from journey.frontend.playthrough import Playthrough, ReplayStopped, replay
from journey.frontend.whole_file import dated_name, replace_text
from journey.frontend.words import _

SAVE_VERSION = 2
"""The save format this program writes: a line of JSON saying whose journey it is, then a line
per step."""
MIN_SAVE_VERSION = 1
"""The oldest save format this program still reads: format 1, one JSON object holding the whole
state. One version and one floor, as ink's runtime keeps (kInkSaveStateVersion,
kMinCompatibleLoadVersion): SAVE_VERSION goes up when the format changes, MIN_SAVE_VERSION only
when a reader of old saves is dropped."""
MAX_SAVE_BYTES = 16 * 1024 * 1024
"""Far above any real journey's save; a larger file is damaged, and is not read into memory."""
KEY_ID_LENGTH = 60
"""Ids longer than this are cut in file names (the hash beside them keeps names apart)."""


class SaveProblem(Exception):
    """A save existed but could not be used. The message says why and where it was kept."""

    def __init__(self, message: str, moved_to: Path | None):
        super().__init__(message)
        self.moved_to = moved_to


class _Unfit(ValueError):
    """The save was read but does not describe a journey of this scenario."""


class _Outgrown(ValueError):
    """The save is from an earlier version of the scenario and its history no longer fits."""


@dataclass(frozen=True)
class Slot:
    """Where one scenario file's save lives, and the files kept beside it.

    `key` is the scenario id, a dash, and the first hex digits of a hash of the file's place:
    for a bundled scenario its file name, so the key survives reinstalling the game; for any
    other file its resolved path, so copies in two folders never share a save."""

    key: str
    folder: Path
    place: str
    """What the key was made from, written into the save for people who open it."""

    @classmethod
    def for_file(cls, scenario_id: str, path: Path) -> Slot:
        resolved = path.resolve()
        if resolved.parent == catalog.bundled_dir().resolve():
            place = f"bundled:{resolved.name}"
        else:
            place = str(resolved)
        digest = hashlib.sha256(place.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        return cls(f"{scenario_id[:KEY_ID_LENGTH]}-{digest}", data_dir() / "saves", place)

    @property
    def path(self) -> Path:
        return self.folder / f"{self.key}.json"

    @property
    def temporary(self) -> Path:
        """Where a save is written before it replaces the old one; left only by a killed
        process, and removed when the slot is next opened."""
        return self.folder / f".{self.key}.json.tmp"

    @property
    def lock(self) -> Path:
        return self.folder / f"{self.key}.lock"

    @property
    def earlier_version(self) -> Path:
        return self.folder / f"{self.key}.earlier-version.json"


@dataclass(frozen=True)
class Save:
    """A journey read back from its save, replayed through the engine, journal included.
    `earlier_version` is True when it was saved under another version of the scenario."""

    journey: Playthrough
    earlier_version: bool


def write(slot: Slot, journey: Playthrough) -> None:
    """Write the save whole (`whole_file`), so a crash leaves either the old save or the new
    one. Only the process holding the slot's lock writes, so one temporary name is enough."""
    scenario = journey.scenario
    header = {"version": SAVE_VERSION, "scenario": scenario.id, "file": slot.place,
              "content_hash": scenario.content_hash, "seed": journey.seed}
    replace_text(slot.path, "".join([json.dumps(header) + "\n"] + [
        _step_line(step) for step in journey.state.history]), slot.temporary)


def append(slot: Slot, journey: Playthrough) -> None:
    """Add the journey's last step to a save written for the steps before it: one short line,
    written and flushed to disk before the step is shown. A game killed mid-line leaves a last
    line without its end, which `read` drops: that step was never shown."""
    with open(slot.path, "a", encoding="utf-8") as out:
        out.write(_step_line(journey.state.history[-1]))
        out.flush()
        os.fsync(out.fileno())


def _step_line(step: tuple[int, int]) -> str:
    return f"[{step[0]}, {step[1]}]\n"


def remove(slot: Slot) -> None:
    """Forget the save (a journey that ended). Raises OSError when it cannot be removed."""
    slot.path.unlink(missing_ok=True)


def remove_leftovers(slot: Slot) -> None:
    """Remove the temporary file a killed process may have left mid-save."""
    try:
        slot.temporary.unlink(missing_ok=True)
    except OSError:
        pass  # a folder we cannot change: writing the next save will say so


def read(slot: Slot, scenario: Scenario) -> Save | None:
    """The save to continue from, or None when there is none or its journey has ended.

    Raises SaveProblem, after setting the file aside, when the save cannot be used."""
    try:
        with open(slot.path, "rb") as handle:
            raw = handle.read(MAX_SAVE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:
        raise _unusable(slot, _could_not_read(error.strerror or error)) from None
    try:
        if len(raw) > MAX_SAVE_BYTES:
            raise _Unfit(_("it is larger than {size} MiB").format(
                size=MAX_SAVE_BYTES // (1024 * 1024)))
        save = _parse(raw, scenario)
    except _Outgrown as error:
        raise _outgrown(slot, str(error)) from None
    except Exception as error:  # noqa: BLE001 - no save, however damaged, may stop the game
        raise _unusable(slot, _reason(error)) from None
    if save.journey.over:
        remove(slot)
        return None
    return save


def _parse(raw: bytes, scenario: Scenario) -> Save:
    """Check a save against the scenario by replaying it; raise saying what does not fit."""
    lines = raw.split(b"\n")
    try:
        data = json.loads(lines[0])
    except ValueError:
        data = json.loads(raw)  # format 1 spreads one object over many lines
    if not isinstance(data, dict):
        raise _Unfit(_("it is not a journey save"))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or \
            not MIN_SAVE_VERSION <= version <= SAVE_VERSION:
        readable = [str(n) for n in range(MIN_SAVE_VERSION, SAVE_VERSION + 1)]
        raise _Unfit(_("it was written by another version of journey (save format {found!r}, "
                       "this one reads {readable} and {newest})").format(
            found=version, readable=", ".join(readable[:-1]), newest=readable[-1]))
    if data.get("scenario") != scenario.id:
        raise _Unfit(_("it belongs to scenario {found!r}, not {wanted!r}").format(
            found=data.get("scenario"), wanted=scenario.id))
    seed = data.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise _Unfit(_("its seed is not a whole number"))
    state = None
    if version == 1:
        state = _format_1_state(data.get("state"))
        history = state.history
    else:  # the last piece is empty, or a line a killed game did not finish: never shown
        history = tuple(_step(number, line) for number, line in enumerate(lines[1:-1], 1))
    same_version = data.get("content_hash") == scenario.content_hash
    try:
        journey = replay(scenario, seed, history)
    except ReplayStopped as stopped:
        why = _("step {number} of it is not possible ({why})").format(number=stopped.number,
                                                                     why=stopped.reason)
        raise (_Unfit(_("its journey does not fit the scenario: {why}").format(why=why))
               if same_version
               else _Outgrown(why)) from None
    if same_version and state is not None and journey.state != state:
        raise _Unfit(_("its journey does not match its own history (the file was altered)"))
    return Save(journey, earlier_version=not same_version)


def _format_1_state(data: object) -> GameState:
    """The whole state a format 1 save holds (marked with its own "format": 1)."""
    if not isinstance(data, dict):
        raise _Unfit(_("it has no journey in it"))
    if data.get("format") != 1:
        raise ValueError(f"malformed game state: save format {data.get('format')!r} is not 1")
    return GameState.from_json(data)


def _step(number: int, line: bytes) -> tuple[int, int]:
    """One step's line: [choice, outcome], two whole numbers."""
    step = json.loads(line)
    if not (isinstance(step, list) and len(step) == 2 and all(
            isinstance(n, int) and not isinstance(n, bool) for n in step)):
        raise _Unfit(_("its step {number} is not a choice and an outcome").format(number=number))
    return step[0], step[1]


def _reason(error: Exception) -> str:
    """Why a save could not be used, in words a player can pass on."""
    if isinstance(error, _Unfit):
        return str(error)
    if isinstance(error, UnicodeDecodeError | json.JSONDecodeError):
        return _("it is not valid JSON (the file is damaged)")
    if isinstance(error, RecursionError):
        return _("it is nested too deeply to be a journey save")
    if isinstance(error, OverflowError):
        return _("it holds a number too large for a journey save")
    if isinstance(error, ValueError):
        return _("its journey is malformed ({error})").format(error=error)
    return _could_not_read(f"{type(error).__name__}: {error}")


def _could_not_read(why: object) -> str:
    # Translators: why a saved journey could not be used, after "could not be used: ".
    return _("it could not be read ({why})").format(why=why)


def _unusable(slot: Slot, why: str) -> SaveProblem:
    """Move an unusable save aside under a dated name that says so; return the problem."""
    target = dated_name(slot.path, slot.key, "unusable", ".json")
    return _move(slot.path, target,
                 _("Your saved journey could not be used: {why}.").format(why=why))


def _outgrown(slot: Slot, why: str) -> SaveProblem:
    """Set aside a save the edited scenario no longer allows, replacing the one set aside
    after an earlier edit, so an author's edits leave one such file, not one per edit."""
    return _move(slot.path, slot.earlier_version,
                 _("The scenario has changed since this journey was saved, and the journey "
                   "no longer fits it: {why}.").format(why=why))


def _move(path: Path, target: Path, what: str) -> SaveProblem:
    try:
        os.replace(path, target)
    except OSError as error:
        return SaveProblem(_("{problem} It could not be moved aside either ({why}); it is "
                             "still at {path}.").format(problem=what,
                                                        why=error.strerror or error,
                                                        path=path), None)
    return SaveProblem(_("{problem} It was kept as {path}; you can start a new journey.").format(
        problem=what, path=target), target)
