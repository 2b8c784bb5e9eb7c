"""Autosaves: one JSON file per scenario in the user's data folder, written atomically.

A save carries a format version and the scenario's content hash, so a journey is only resumed
under the exact rules it was played with. A save that cannot be used is moved aside with a clear
message, never deleted: the player (or whoever helps them) can still look at it.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from journey.engine import engine
from journey.engine.model import Scenario
from journey.engine.state import GameState
from journey.frontend.library import data_dir

SAVE_VERSION = 1


class SaveProblem(Exception):
    """A save exists but cannot be used. The message says why and where it was moved."""

    def __init__(self, message: str, moved_to: Path | None):
        super().__init__(message)
        self.moved_to = moved_to


@dataclass(frozen=True)
class Save:
    """A journey as saved: which scenario (by id and content hash), its seed, and its state."""

    scenario_id: str
    content_hash: str
    seed: int
    state: GameState

    def to_json(self) -> dict:
        return {"version": SAVE_VERSION, "scenario": self.scenario_id,
                "content_hash": self.content_hash, "seed": self.seed,
                "state": self.state.to_json()}


def saves_dir() -> Path:
    return data_dir() / "saves"


def save_path(scenario_id: str) -> Path:
    return saves_dir() / f"{scenario_id}.json"


def write(save: Save) -> Path:
    """Write the save atomically: a temporary file in the same folder, flushed, then renamed
    over the old save, so a crash leaves either the old save or the new one, never half."""
    path = save_path(save.scenario_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(save.to_json(), out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def read(scenario: Scenario) -> Save | None:
    """The save for this scenario, or None when there is none.

    Raises SaveProblem, after moving the file aside, when the save is corrupt, from another
    version of the game, or from another version of the scenario.
    """
    path = save_path(scenario.id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise _unusable(path, f"it could not be read ({error})") from None
    try:
        return _parse(json.loads(text), scenario)
    except json.JSONDecodeError:
        raise _unusable(path, "it is not valid JSON (the file is damaged)") from None
    except ValueError as error:
        raise _unusable(path, str(error)) from None


def unfinished(scenario: Scenario) -> Save | None:
    """The save to offer as Continue: one whose journey has not reached an ending yet."""
    save = read(scenario)
    if save is None or engine.is_over(scenario, save.state):
        return None
    return save


def _parse(data, scenario: Scenario) -> Save:
    """Check a decoded save against the scenario; raise ValueError saying what does not fit."""
    if not isinstance(data, dict):
        raise ValueError("it is not a journey save")
    if data.get("version") != SAVE_VERSION:
        raise ValueError(f"it was written by another version of journey "
                         f"(save format {data.get('version')!r}, this one reads {SAVE_VERSION})")
    if data.get("scenario") != scenario.id:
        raise ValueError(f"it belongs to scenario {data.get('scenario')!r}, not {scenario.id!r}")
    if data.get("content_hash") != scenario.content_hash:
        raise ValueError("the scenario has changed since this journey was saved")
    try:
        seed = int(data["seed"])
        state = GameState.from_json(data["state"])
        replayed = engine.replay(scenario, seed, state.history)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise ValueError(f"its journey does not fit the scenario ({error})") from None
    if replayed != state:
        raise ValueError("its journey does not match its own history (the file was altered)")
    return Save(scenario.id, scenario.content_hash, seed, state)


def _unusable(path: Path, why: str) -> SaveProblem:
    """Move an unusable save aside under a name that says so; return the problem to raise."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.unusable-{stamp}{path.suffix}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.stem}.unusable-{stamp}-{number}{path.suffix}")
    try:
        path.rename(target)
    except OSError as error:
        return SaveProblem(f"Your saved journey could not be used: {why}. It could not be moved "
                           f"aside either ({error}); it is still at {path}.", None)
    return SaveProblem(f"Your saved journey could not be used: {why}. It was kept as {target} "
                       "and you can start a new journey.", target)
