"""What the screens ask of the app. Screens post these and the app, which owns the game and the
screen stack, decides what follows: screens never call the app's methods."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class NewJourneyRequested(Message):
    """Start a new journey of the scenario read from `path`, with `seed` (None: a fresh one)."""

    def __init__(self, path: Path, seed: int | None):
        super().__init__()
        self.path = path
        self.seed = seed


class ContinueRequested(Message):
    """Continue the saved journey of the scenario read from `path`."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path


class PlayAgainRequested(Message):
    """Play the same scenario again from the start, with `seed` (None: a fresh one)."""

    def __init__(self, seed: int | None):
        super().__init__()
        self.seed = seed


class JourneyEnded(Message):
    """The journey reached an ending: time for the debrief."""


class TitleRequested(Message):
    """Back to the title screen; the journey, if under way, stays saved."""


class ContinueWithCode(Message):
    """In a browser tab of `journey serve`: continue the journey saved under `code`."""

    def __init__(self, path: Path, code: str):
        super().__init__()
        self.path = path
        self.code = code


class ClassRecordFailed(Message):
    """A finished journey could not be added to the class record (posted from the recorder's
    thread: posting is safe from any thread). `text` says why."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text


class StepTaken(Message):
    """A step was taken, and saved or not (the screen has told the player why not)."""
